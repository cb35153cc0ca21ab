use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod step {
    use domain::ticket::{remote_transition, RemoteAction, RemoteError, RemoteStatus};

    use crate::{
        error::AppError,
        ssr::{lifecycle::Change, Caller},
    };
    use domain::{notice::Notice, ticket::Line};

    /// A remote session's step on the request: its public line, audit, and a notice to the
    /// other side.
    pub async fn announce(mut change: Change<'_>, audit: &str, line: Line) -> Result<(), AppError> {
        if let Line::Remote { status, .. } = &line {
            change.tell(Notice::Remote { status: *status });
        }
        change.audit(audit, serde_json::to_value(&line).unwrap_or_default()["body"].clone());
        change.line(line, true);
        change.commit().await?;
        Ok(())
    }

    /// The remote state machine's answer for the caller on this request.
    pub fn check(
        latest: Option<&db::entity::remote_session::Model>,
        action: RemoteAction,
        caller: &Caller,
        r: &db::entity::request::Model,
    ) -> Result<RemoteStatus, AppError> {
        let current = latest.and_then(|s| RemoteStatus::parse(&s.status));
        let is_assignee = r.assignee_id == Some(caller.user.id);
        remote_transition(current, action, crate::ssr::work::actor_kind(caller), is_assignee).map_err(|e: RemoteError| AppError::denied(e))
    }
}

/// An engineer asks the customer for remote access, with a plan. Nothing remote may be
/// logged until the customer approves.
#[server(endpoint = "request_remote")]
pub async fn request_remote(number: String, plan: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, requests as svc, require, respond, work};
    use domain::ticket::Line;
    use domain::ticket::{validate_remote_plan, RemoteAction};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow(domain::Refusal::Closed));
        }
        let latest = db::repo::remote_sessions::latest(&state.db.conn, r.id).await?;
        let to = step::check(latest.as_ref(), RemoteAction::Request, &caller, &r)?;
        let plan = validate_remote_plan(&plan).map_err(|e| AppError::Invalid(vec![e]))?;
        let change = Change::begin(&state, &caller, &number).await?;
        let s = db::repo::remote_sessions::insert(change.tx(), r.id, &plan, caller.user.id, change.now()).await?;
        step::announce(change, "request.remote_request", Line::Remote { session: s.id, status: to, plan: Some(plan), attachment: None, filename: None })
            .await?;
        Ok(())
    })
    .await
}

/// The customer (the requester or a site manager of the organization) approves or refuses
/// the remote session that is waiting.
#[server(endpoint = "decide_remote")]
pub async fn decide_remote(number: String, decision: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, requests as svc, require, respond};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::ticket::Line;
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
        let change = Change::begin(&state, &caller, &number).await?;
        let row = remote_session::ActiveModel {
            status: Set(to.as_str().into()),
            decided_by: Set(Some(caller.user.id)),
            decided_at: Set(Some(change.now())),
            ..Default::default()
        };
        if !db::repo::remote_sessions::update_from(change.tx(), row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        step::announce(change, "request.remote_decide", Line::Remote { session: s.id, status: to, plan: None, attachment: None, filename: None }).await?;
        Ok(())
    })
    .await
}

/// Staff withdraw a remote request that is waiting or approved but no longer needed.
#[server(endpoint = "withdraw_remote")]
pub async fn withdraw_remote(number: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, require, respond, work};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::ticket::Line;
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
        let change = Change::begin(&state, &caller, &number).await?;
        let row = remote_session::ActiveModel { status: Set(to.as_str().into()), ..Default::default() };
        if !db::repo::remote_sessions::update_from(change.tx(), row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        step::announce(change, "request.remote_withdraw", Line::Remote { session: s.id, status: to, plan: None, attachment: None, filename: None }).await?;
        Ok(())
    })
    .await
}

/// Ends an approved remote session with its command log, which is attached to the request
/// as a text file the customer can read and download.
#[server(endpoint = "complete_remote")]
pub async fn complete_remote(number: String, command_log: String, minutes: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, require, respond, work};
    use db::{entity::remote_session, sea_orm::ActiveValue::Set};
    use domain::ticket::Line;
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
        let mut change = Change::begin(&state, &caller, &number).await?;
        let now = change.now();
        let row = remote_session::ActiveModel {
            status: Set(to.as_str().into()),
            command_log: Set(Some(log.clone())),
            completed_at: Set(Some(now)),
            ..Default::default()
        };
        if !db::repo::remote_sessions::update_from(change.tx(), row, s.id, &s.status).await? {
            return Err(AppError::Conflict);
        }
        let file = format!("remote-session-{}-{}.log", s.id, now.format("%Y%m%d-%H%M"));
        let att = db::repo::attachments::insert(change.tx(), r.id, caller.user.id, &file, "text/plain", log.into_bytes()).await?;
        change.line(Line::Activity { channel: activity.channel, minutes: activity.minutes, text: activity.text }, true);
        step::announce(
            change,
            "request.remote_complete",
            Line::Remote { session: s.id, status: to, plan: None, attachment: Some(att.id), filename: Some(file) },
        )
        .await?;
        Ok(())
    })
    .await
}
