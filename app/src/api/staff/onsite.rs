use leptos::prelude::*;

use crate::error::AppError;

/// Records the engineer's next on-site stage with its time. The first stage starts the work
/// (assigned → in progress); arrival stops the on-site clock; "service restored" is kept
/// apart from the final fix. Customers see each stage live.
#[server(endpoint = "record_stage")]
pub async fn record_stage(number: String, stage: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        ticket::{next_stage_allowed, stage_allowed_in, transition, Action, OnSiteStage, Status, TransitionContext},
        ErrorCode,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        let next = OnSiteStage::parse(stage.trim()).ok_or_else(|| AppError::field("stage", ErrorCode::InvalidChoice))?;
        let status = svc::status_of(&r);
        if !stage_allowed_in(status) {
            return Err(AppError::NotNow("stage_not_now".into()));
        }
        let current = r.stage.as_deref().and_then(OnSiteStage::parse);
        next_stage_allowed(current, next).map_err(|e| AppError::NotNow(format!("stage_{}", e.code())))?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let mut row = svc::into_active(r.clone());
        row.stage = Set(Some(next.as_str().into()));
        row.stage_at = Set(Some(now));
        if r.first_response_at.is_none() {
            row.first_response_at = Set(Some(now));
        }
        let mut body = serde_json::json!({ "stage": next.as_str() });
        if status == Status::Assigned {
            let mut ctx = TransitionContext::new(now.timestamp());
            ctx.has_assignee = r.assignee_id.is_some();
            ctx.is_assignee = r.assignee_id == Some(caller.user.id);
            let to = transition(status, &Action::StartWork, work::actor_kind(&caller), &ctx).map_err(AppError::Transition)?;
            row.status = Set(to.as_str().into());
            body["status"] = serde_json::json!({ "from": status.as_str(), "to": to.as_str() });
        }
        if next >= OnSiteStage::OnSite && r.on_site_at.is_none() {
            row.on_site_at = Set(Some(now));
        }
        if next == OnSiteStage::ServiceRestored {
            row.service_restored_at = Set(Some(now));
        }
        work::save(&state, &caller, tx, &r, row, now, work::Announce { kind: "stage", body, public: true, audit: "request.stage", notify: Some("stage") })
            .await?;
        Ok(())
    })
    .await
}

/// Work done on a request, with the time spent: by phone, e-mail, remote (only with an
/// approved remote session) or on site. `visibility` is exactly `public` or `internal`
/// (staff only); anything else is refused.
#[server(endpoint = "log_activity")]
pub async fn log_activity(number: String, channel: String, minutes: String, text: String, visibility: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use db::sea_orm::ActiveValue::Set;
    use domain::ticket::{validate_activity, RemoteStatus};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow("closed".into()));
        }
        let remote_approved = db::repo::remote_sessions::latest(&state.db.conn, r.id)
            .await?
            .and_then(|s| RemoteStatus::parse(&s.status))
            .is_some_and(|s| s == RemoteStatus::Approved);
        let (a, visibility) = match (validate_activity(&channel, &minutes, &text, remote_approved), domain::validation::visibility("visibility", &visibility)) {
            (Ok(a), Ok(v)) => (a, v),
            (a, v) => return Err(AppError::Invalid(a.err().unwrap_or_default().into_iter().chain(v.err()).collect())),
        };
        let public = visibility.is_public();
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let mut row = svc::into_active(r.clone());
        if public && r.first_response_at.is_none() {
            row.first_response_at = Set(Some(now));
        }
        let body = serde_json::json!({ "channel": a.channel.as_str(), "minutes": a.minutes, "text": a.text });
        work::save(&state, &caller, tx, &r, row, now, work::Announce { kind: "activity", body, public, audit: "request.activity", notify: None }).await?;
        Ok(())
    })
    .await
}

/// An internal note: staff only, never sent to a customer's browser (not in the timeline
/// they get, not in a notification, not in a live event they receive).
#[server(endpoint = "add_note")]
pub async fn add_note(number: String, body: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond, work};
    use domain::ErrorCode;
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        let body = body.trim().to_string();
        if body.is_empty() {
            return Err(AppError::field("body", ErrorCode::Required));
        }
        if body.chars().count() > 10_000 {
            return Err(AppError::field("body", ErrorCode::TooLong { max: 10_000 }));
        }
        let tx = state.db.begin_write().await?;
        work::line_and_announce(
            &*tx,
            &caller,
            &r,
            work::Announce { kind: "note", body: serde_json::json!({ "text": body }), public: false, audit: "request.note", notify: None },
        )
        .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// Resolves with the fault report (cause, what was done, parts replaced); the customer then
/// confirms it, or rejects it and the work goes on.
#[server(endpoint = "resolve_with_report")]
pub async fn resolve_with_report(number: String, cause: String, action_taken: String, parts_replaced: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use domain::ticket::{validate_fault_report, Action};
    respond(async move {
        let (state, caller) = require().await?;
        work::load_for_staff(&state, &caller, &number).await?;
        let report = validate_fault_report(&cause, &action_taken, &parts_replaced).map_err(AppError::Invalid)?;
        svc::apply_action(&state, &caller, &number, Action::Resolve, String::new(), None, svc::Extra::FaultReport(report)).await?;
        Ok(())
    })
    .await
}
