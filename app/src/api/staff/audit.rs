use leptos::prelude::*;

use crate::{error::AppError, model::AuditPage};

pub const AUDIT_PAGE: u64 = 50;

/// The audit log of staff actions, newest first, for managers and admins; filter by who,
/// by action (a prefix such as `request.` or `contract.`) and by subject (a service number).
#[server(endpoint = "list_audit")]
pub async fn list_audit(actor: String, action: String, subject: String, before: String) -> Result<AuditPage, AppError> {
    use crate::{
        model::AuditRow,
        ssr::{require, respond},
    };
    use std::collections::HashMap;
    respond(async move {
        let (state, caller) = require().await?;
        if domain::page_access(domain::Page::AuditLog, Some(caller.actor.role)) != domain::Access::Allow {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let mut checked = crate::api::filters::Filters::default();
        let actor_id = checked.id("actor", &actor);
        let before_id = checked.id("before", &before);
        let action = checked.text("action", &action, 100).map(str::to_string);
        let subject_text = checked.text("subject", &subject, 100).unwrap_or("").to_string();
        checked.check()?;
        let q = db::repo::audit::AuditQuery {
            actor_id,
            action,
            subject: Some(subject_text.to_uppercase()).filter(|s| !s.is_empty()).map(|s| if s.starts_with("SR-") { s } else { subject_text.clone() }),
            before_id,
            limit: AUDIT_PAGE + 1,
        };
        let mut rows = db::repo::audit::list(conn, &q).await?;
        let more = rows.len() as u64 > AUDIT_PAGE;
        rows.truncate(AUDIT_PAGE as usize);
        let staff: Vec<(i32, String)> = db::repo::users::list_by_org(conn, caller.org.id).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let names: HashMap<i32, String> = staff.iter().cloned().collect();
        Ok(AuditPage {
            next_before: if more { rows.last().map(|r| r.id) } else { None },
            rows: rows
                .into_iter()
                .map(|r| AuditRow {
                    id: r.id,
                    at: r.at,
                    actor: names.get(&r.actor_id).cloned().unwrap_or_else(|| format!("#{}", r.actor_id)),
                    actor_role: r.actor_role,
                    action: r.action,
                    subject: r.subject,
                    detail: serde_json::from_str(&r.detail).unwrap_or_default(),
                })
                .collect(),
            staff,
        })
    })
    .await
}
