use leptos::prelude::*;

use crate::error::AppError;

/// Moves a request through its lifecycle (`action` is a `domain::ticket::Action` name). The
/// state machine decides whether the caller may; this applies the consequences: clocks
/// paused or stopped, deadlines recomputed, timeline, notifications, live event.
#[server(endpoint = "act_on_request")]
pub async fn act_on_request(number: String, action: String, note: Option<String>, engineer_id: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond};
    use domain::{ticket::Action, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        let action = Action::parse(action.trim()).ok_or_else(|| AppError::field("action", ErrorCode::InvalidChoice))?;
        svc::apply_action(&state, &caller, &number, action, note.unwrap_or_default(), engineer_id, svc::Extra::None).await?;
        Ok(())
    })
    .await
}

/// A public reply on the request. A customer's reply to "waiting on you" resumes the work.
#[server(endpoint = "reply_request")]
pub async fn reply_request(number: String, body: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond};
    use db::sea_orm::ActiveValue::Set;
    use domain::{ticket::Status, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        let body = body.trim().to_string();
        if body.is_empty() {
            return Err(AppError::field("body", ErrorCode::Required));
        }
        if body.chars().count() > 10_000 {
            return Err(AppError::field("body", ErrorCode::TooLong { max: 10_000 }));
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let status = svc::status_of(&r);
        if !(status.is_open() || status == Status::Resolved) {
            return Err(AppError::Transition(domain::ticket::TransitionError::NotAllowedFromStatus {
                from: status,
                action: domain::ticket::Action::CustomerReplied,
            }));
        }
        let staff = caller.actor.role.is_staff();
        db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "reply", true, serde_json::json!({ "text": body })).await?;
        let mut row = svc::into_active(r.clone());
        let mut updated = r.clone();
        if staff && r.first_response_at.is_none() {
            row.first_response_at = Set(Some(now));
            updated.first_response_at = Some(now);
        }
        if !staff && status == Status::WaitingOnCustomer {
            db::repo::request_pauses::close_open(&*tx, r.id, now).await?;
            row.paused_since = Set(None);
            row.pause_reason = Set(None);
            row.status = Set(Status::InProgress.as_str().into());
            updated.status = Status::InProgress.as_str().into();
            db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "resumed", true, serde_json::json!({})).await?;
            db::repo::request_events::insert(
                &*tx,
                r.id,
                Some(caller.user.id),
                "status",
                true,
                serde_json::json!({ "from": status.as_str(), "to": "in_progress", "action": "customer_replied" }),
            )
            .await?;
        }
        let facts = svc::facts_of(&*tx, &updated).await?;
        svc::set_deadlines(&mut row, &svc::terms_of(&r), &facts, updated.status == "waiting_on_customer", now);
        if !db::repo::requests::update_if_version(&*tx, row, r.version).await? {
            return Err(AppError::Conflict);
        }
        svc::publish(&*tx, &updated).await?;
        for user in svc::interested(&updated, Some(caller.user.id)) {
            svc::notify(&*tx, user, &updated, "reply", serde_json::json!({ "from": caller.user.display_name })).await?;
        }
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}
