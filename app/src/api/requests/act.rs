use leptos::prelude::*;

use crate::error::AppError;

/// Moves a request through its lifecycle (`action` is a `domain::ticket::Action` name). The
/// state machine decides whether the caller may; this applies the consequences: clocks
/// paused or stopped, deadlines recomputed, timeline, notifications, live event.
#[server(endpoint = "act_on_request")]
pub async fn act_on_request(number: String, action: String, note: Option<String>, engineer_id: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond};
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        ticket::{transition, Action, ActorKind, Status, TransitionContext},
        ErrorCode, FieldError,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let action = Action::parse(action.trim()).ok_or_else(|| AppError::field("action", ErrorCode::InvalidChoice))?;
        let note = note.unwrap_or_default().trim().to_string();
        if note.chars().count() > 2000 {
            return Err(AppError::field("note", ErrorCode::TooLong { max: 2000 }));
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let from = svc::status_of(&r);
        let mut ctx = TransitionContext::new(now.timestamp());
        ctx.has_assignee = r.assignee_id.is_some();
        ctx.is_assignee = r.assignee_id == Some(caller.user.id);
        ctx.resolved_at = r.resolved_at.map(|t| t.timestamp());
        ctx.closed_at = r.closed_at.map(|t| t.timestamp());
        let to = transition(from, &action, ActorKind::from_role(caller.actor.role), &ctx).map_err(AppError::Transition)?;

        let mut row = svc::into_active(r.clone());
        row.status = Set(to.as_str().into());
        let staff = caller.actor.role.is_staff();
        if staff && r.first_response_at.is_none() {
            row.first_response_at = Set(Some(now));
        }
        let mut paused = r.paused_since.is_some();
        let mut extra = serde_json::json!({});
        match action {
            Action::Assign | Action::Reassign => {
                let id = engineer_id.as_deref().and_then(|s| s.trim().parse::<i32>().ok());
                let engineer = match id {
                    Some(id) => db::repo::users::find(&*tx, id).await?.filter(|u| u.active && u.role == "engineer"),
                    None => None,
                };
                let Some(engineer) = engineer else {
                    return Err(AppError::Invalid(vec![FieldError::new("engineer_id", ErrorCode::Required)]));
                };
                row.assignee_id = Set(Some(engineer.id));
                extra = serde_json::json!({ "engineer": engineer.display_name });
                db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "assigned", true, extra.clone()).await?;
            }
            Action::AskCustomer => {
                let reason = if note.is_empty() { "Waiting for information from the customer".to_string() } else { note.clone() };
                db::repo::request_pauses::open(&*tx, r.id, now, &reason).await?;
                row.paused_since = Set(Some(now));
                row.pause_reason = Set(Some(reason.clone()));
                paused = true;
                db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "paused", true, serde_json::json!({ "reason": reason })).await?;
            }
            Action::Resolve => row.resolved_at = Set(Some(now)),
            Action::ConfirmResolution | Action::AutoClose => row.closed_at = Set(Some(now)),
            Action::RejectResolution => row.resolved_at = Set(None),
            Action::Reopen => {
                // The work starts again: a fresh resolution clock from now.
                row.resolved_at = Set(None);
                row.closed_at = Set(None);
                row.resolution_started_at = Set(now);
                row.breach_recorded = Set(false);
            }
            Action::Cancel => row.closed_at = Set(Some(now)),
            _ => {}
        }
        // Leaving "waiting on customer" ends the pause.
        if from == Status::WaitingOnCustomer && to != Status::WaitingOnCustomer {
            db::repo::request_pauses::close_open(&*tx, r.id, now).await?;
            row.paused_since = Set(None);
            row.pause_reason = Set(None);
            paused = false;
            db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "resumed", true, serde_json::json!({})).await?;
        }
        db::repo::request_events::insert(
            &*tx,
            r.id,
            Some(caller.user.id),
            "status",
            true,
            serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "action": action.as_str(), "note": (!note.is_empty()).then_some(note.clone()) }),
        )
        .await?;
        // Recompute deadlines from the facts as they now stand.
        let mut updated = r.clone();
        updated.status = to.as_str().into();
        if let Set(v) = &row.resolved_at { updated.resolved_at = *v; }
        if let Set(v) = &row.closed_at { updated.closed_at = *v; }
        if let Set(v) = &row.first_response_at { updated.first_response_at = *v; }
        if let Set(v) = &row.resolution_started_at { updated.resolution_started_at = *v; }
        if let Set(v) = &row.assignee_id { updated.assignee_id = *v; }
        let facts = svc::facts_of(&*tx, &updated).await?;
        svc::set_deadlines(&mut row, &svc::terms_of(&r), &facts, paused, now);
        if !db::repo::requests::update_if_version(&*tx, row, r.version).await? {
            // Someone changed it meanwhile: nothing is saved; the page reloads and shows why.
            return Err(AppError::Conflict);
        }
        svc::publish(&*tx, &updated).await?;
        for user in svc::interested(&updated, Some(caller.user.id)) {
            svc::notify(&*tx, user, &updated, "status", serde_json::json!({ "to": to.as_str(), "extra": extra })).await?;
        }
        tx.commit().await?;
        state.live.notify_one();
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
            return Err(AppError::Transition(domain::ticket::TransitionError::NotAllowedFromStatus { from: status, action: domain::ticket::Action::CustomerReplied }));
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
            db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "status", true, serde_json::json!({ "from": status.as_str(), "to": "in_progress", "action": "customer_replied" })).await?;
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
