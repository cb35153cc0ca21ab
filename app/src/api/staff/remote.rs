use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod step {
    use domain::ticket::{remote_transition, RemoteAction, RemoteError, RemoteStatus};

    use crate::{error::AppError, ssr::Caller};

    /// The remote state machine's answer for the caller on this request.
    pub fn check(
        latest: Option<&db::entity::remote_session::Model>,
        action: RemoteAction,
        caller: &Caller,
        r: &db::entity::request::Model,
    ) -> Result<RemoteStatus, AppError> {
        let current = latest.and_then(|s| RemoteStatus::parse(&s.status));
        let is_assignee = r.assignee_id == Some(caller.user.id);
        remote_transition(current, action, crate::ssr::work::actor_kind(caller), is_assignee).map_err(|e: RemoteError| {
            if e.is_forbidden() {
                AppError::Forbidden
            } else {
                AppError::NotNow(format!("remote_{}", e.code()))
            }
        })
    }
}

/// An engineer asks the customer for remote access, with a plan. Nothing remote may be
/// logged until the customer approves.
#[server(endpoint = "request_remote")]
pub async fn request_remote(number: String, plan: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use domain::ticket::{validate_remote_plan, RemoteAction};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow("closed".into()));
        }
        let latest = db::repo::remote_sessions::latest(&state.db.conn, r.id).await?;
        let to = step::check(latest.as_ref(), RemoteAction::Request, &caller, &r)?;
        let plan = validate_remote_plan(&plan).map_err(|e| AppError::Invalid(vec![e]))?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let s = db::repo::remote_sessions::insert(&*tx, r.id, &plan, caller.user.id, now).await?;
        let body = serde_json::json!({ "session": s.id, "status": to.as_str(), "plan": plan });
        work::line_and_announce(
            &*tx,
            &caller,
            &r,
            work::Announce { kind: "remote", body, public: true, audit: "request.remote_request", notify: Some("remote") },
        )
        .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// The customer (the requester or a site manager of the organization) approves or refuses
/// the remote session that is waiting.
#[server(endpoint = "decide_remote")]
pub async fn decide_remote(number: String, decision: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::{ticket::RemoteAction, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        // Only the customer's side decides on access to their systems.
        if caller.actor.role.is_staff() {
            return Err(AppError::Forbidden);
        }
        let action = match decision.as_str() {
            "approve" => RemoteAction::Approve,
            "refuse" => RemoteAction::Refuse,
            _ => return Err(AppError::field("decision", ErrorCode::InvalidChoice)),
        };
        let latest = db::repo::remote_sessions::latest(&state.db.conn, r.id).await?;
        let to = step::check(latest.as_ref(), action, &caller, &r)?;
        let s = latest.expect("the state machine needs a session to decide");
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let row = remote_session::ActiveModel {
            status: Set(to.as_str().into()),
            decided_by: Set(Some(caller.user.id)),
            decided_at: Set(Some(now)),
            ..Default::default()
        };
        if !db::repo::remote_sessions::update_from(&*tx, row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        let body = serde_json::json!({ "session": s.id, "status": to.as_str() });
        work::line_and_announce(
            &*tx,
            &caller,
            &r,
            work::Announce { kind: "remote", body, public: true, audit: "request.remote_decide", notify: Some("remote") },
        )
        .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// Staff withdraw a remote request that is waiting or approved but no longer needed.
#[server(endpoint = "withdraw_remote")]
pub async fn withdraw_remote(number: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond, work};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::ticket::RemoteAction;
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        let latest = db::repo::remote_sessions::latest(&state.db.conn, r.id).await?;
        let to = step::check(latest.as_ref(), RemoteAction::Withdraw, &caller, &r)?;
        let s = latest.expect("the state machine needs a session to withdraw");
        let tx = state.db.begin_write().await?;
        let row = remote_session::ActiveModel { status: Set(to.as_str().into()), ..Default::default() };
        if !db::repo::remote_sessions::update_from(&*tx, row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        let body = serde_json::json!({ "session": s.id, "status": to.as_str() });
        work::line_and_announce(
            &*tx,
            &caller,
            &r,
            work::Announce { kind: "remote", body, public: true, audit: "request.remote_withdraw", notify: Some("remote") },
        )
        .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// Ends an approved remote session with its command log, which is attached to the request
/// as a text file the customer can read and download.
#[server(endpoint = "complete_remote")]
pub async fn complete_remote(number: String, command_log: String, minutes: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond, work};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::ticket::{validate_activity, validate_command_log, RemoteAction};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        let latest = db::repo::remote_sessions::latest(&state.db.conn, r.id).await?;
        let to = step::check(latest.as_ref(), RemoteAction::Complete, &caller, &r)?;
        let s = latest.expect("the state machine needs a session to complete");
        let log = validate_command_log(&command_log).map_err(|e| AppError::Invalid(vec![e]))?;
        // The session's time goes into the activities like any other work.
        let activity = validate_activity("remote", &minutes, &format!("Remote session #{}", s.id), true).map_err(AppError::Invalid)?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let row = remote_session::ActiveModel {
            status: Set(to.as_str().into()),
            command_log: Set(Some(log.clone())),
            completed_at: Set(Some(now)),
            ..Default::default()
        };
        if !db::repo::remote_sessions::update_from(&*tx, row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        let file = format!("remote-session-{}-{}.log", s.id, now.format("%Y%m%d-%H%M"));
        let att = db::repo::attachments::insert(&*tx, r.id, caller.user.id, &file, "text/plain", log.into_bytes()).await?;
        db::repo::request_events::insert(
            &*tx,
            r.id,
            Some(caller.user.id),
            "activity",
            true,
            serde_json::json!({ "channel": "remote", "minutes": activity.minutes, "text": activity.text }),
        )
        .await?;
        let body = serde_json::json!({ "session": s.id, "status": to.as_str(), "attachment": att.id, "filename": file });
        work::line_and_announce(
            &*tx,
            &caller,
            &r,
            work::Announce { kind: "remote", body, public: true, audit: "request.remote_complete", notify: Some("remote") },
        )
        .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}
