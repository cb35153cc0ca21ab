//! The notification centre.
use leptos::prelude::*;

use crate::{error::AppError, model::NotificationItem};

#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u64, AppError> {
    use crate::ssr::{current, respond, state};
    respond(async move {
        let state = state()?;
        match current(&state).await? {
            Some(c) => Ok(db::repo::notifications::unread_count(&state.db.conn, c.user.id).await?),
            None => Ok(0),
        }
    })
    .await
}

#[server(endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<NotificationItem>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let rows = db::repo::notifications::latest(&state.db.conn, caller.user.id, 50).await?;
        Ok(rows
            .into_iter()
            .filter_map(|n| {
                let body: serde_json::Value = serde_json::from_str(&n.body).unwrap_or_default();
                let Some(note) = domain::notice::Notification::from_stored(&n.kind, body) else {
                    tracing::warn!(id = n.id, kind = %n.kind, "unreadable notification left out");
                    return None;
                };
                let request_number = match &note.about {
                    domain::notice::About::Request { number, .. } => Some(number.clone()),
                    domain::notice::About::Training { .. }
                    | domain::notice::About::Part { .. }
                    | domain::notice::About::Upgrade { .. }
                    | domain::notice::About::Inspection { .. }
                    | domain::notice::About::Assurance { .. }
                    | domain::notice::About::Complaint { .. }
                    | domain::notice::About::Report { .. } => None,
                };
                Some(NotificationItem { id: n.id, note, request_number, created_at: n.created_at, read: n.read_at.is_some() })
            })
            .collect())
    })
    .await
}

/// Marks the caller's notifications read: all of them, or those of one request.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(number: Option<String>) -> Result<u64, AppError> {
    use crate::ssr::{requests as svc, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let request_id = match number.as_deref().filter(|n| !n.is_empty()) {
            Some(n) => Some(svc::load_visible(&state, &caller, n).await?.id),
            None => None,
        };
        let n = db::repo::notifications::mark_read(&state.db.conn, caller.user.id, request_id).await?;
        if n > 0 {
            let tx = state.db.begin_write().await?;
            db::repo::live_events::insert(
                &*tx,
                domain::live::LiveKind::Notification,
                db::repo::live_events::Audience { request_id: None, organization_id: None, requester_id: None, user_id: Some(caller.user.id) },
            )
            .await?;
            tx.commit().await?;
        }
        Ok(n)
    })
    .await
}
