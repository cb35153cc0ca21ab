use leptos::prelude::*;

use crate::error::AppError;

/// Records the engineer's next on-site stage with its time. The first stage starts the work
/// (assigned → in progress); arrival stops the on-site clock; "service restored" is kept
/// apart from the final fix. Customers see each stage live.
#[server(endpoint = "record_stage")]
pub async fn record_stage(number: String, stage: String) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        requests as svc, require, respond, work,
    };
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        notice::Notice,
        ticket::{next_stage_allowed, stage_allowed_in, Action, Line, Moved, OnSiteStage, Status},
        ErrorCode, Refusal,
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
            return Err(AppError::NotNow(Refusal::StageNotNow));
        }
        let current = r.stage.as_deref().and_then(OnSiteStage::parse);
        next_stage_allowed(current, next).map_err(|e| AppError::NotNow(e.into()))?;
        let mut change = Change::begin(&state, &caller, &number).await?;
        let now = change.now();
        let row = change.row();
        row.stage = Set(Some(next.as_str().into()));
        row.stage_at = Set(Some(now));
        if next >= OnSiteStage::OnSite && r.on_site_at.is_none() {
            row.on_site_at = Set(Some(now));
        }
        if next == OnSiteStage::ServiceRestored {
            row.service_restored_at = Set(Some(now));
        }
        change.first_response();
        // The first stage starts the work.
        let status = if status == Status::Assigned {
            let to = change.step(Step::new(Action::StartWork)).await?;
            Some(Moved { from: status, to })
        } else {
            None
        };
        change.line(Line::Stage { stage: next, status }, true);
        change.audit("request.stage", serde_json::json!({ "stage": next, "status": status }));
        change.tell(Notice::Stage { stage: next });
        change.commit().await?;
        Ok(())
    })
    .await
}

/// Work done on a request, with the time spent: by phone, e-mail, remote (only with an
/// approved remote session) or on site. `visibility` is exactly `public` or `internal`
/// (staff only); anything else is refused.
#[server(endpoint = "log_activity")]
pub async fn log_activity(number: String, channel: String, minutes: String, text: String, visibility: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, requests as svc, require, respond, work};
    use domain::{
        ticket::{validate_activity, Line, RemoteStatus},
        Refusal,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow(Refusal::Closed));
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
        let mut change = Change::begin(&state, &caller, &number).await?;
        if public {
            change.first_response();
        }
        change.line(Line::Activity { channel: a.channel, minutes: a.minutes, text: a.text.clone() }, public);
        change.audit("request.activity", serde_json::json!({ "channel": a.channel, "minutes": a.minutes, "text": a.text }));
        change.commit().await?;
        Ok(())
    })
    .await
}

/// An internal note: staff only, never sent to a customer's browser (not in the timeline
/// they get, not in a notification, not in a live event they receive).
#[server(endpoint = "add_note")]
pub async fn add_note(number: String, body: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, require, respond, work};
    use domain::{ticket::Line, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        work::load_for_staff(&state, &caller, &number).await?;
        let body = body.trim().to_string();
        if body.is_empty() {
            return Err(AppError::field("body", ErrorCode::Required));
        }
        if body.chars().count() > 10_000 {
            return Err(AppError::field("body", ErrorCode::TooLong { max: 10_000 }));
        }
        let mut change = Change::begin(&state, &caller, &number).await?;
        change.line(Line::Note { text: body.clone() }, false);
        change.audit("request.note", serde_json::json!({ "text": body }));
        change.commit().await?;
        Ok(())
    })
    .await
}

/// Resolves with the fault report (cause, what was done, parts replaced); the customer then
/// confirms it, or rejects it and the work goes on.
#[server(endpoint = "resolve_with_report")]
pub async fn resolve_with_report(number: String, cause: String, action_taken: String, parts_replaced: String) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        require, respond, work,
    };
    use domain::ticket::{validate_fault_report, Action};
    respond(async move {
        let (state, caller) = require().await?;
        work::load_for_staff(&state, &caller, &number).await?;
        let mut report = validate_fault_report(&cause, &action_taken, &parts_replaced).map_err(AppError::Invalid)?;
        let mut change = Change::begin(&state, &caller, &number).await?;
        // Parts taken from stock for this request are in the report without being typed again.
        let from_stock = crate::ssr::parts::used_in(change.tx(), change.request().id).await?;
        let mut parts: Vec<String> = from_stock.into_iter().filter(|p| !report.parts_replaced.contains(p)).collect();
        parts.append(&mut report.parts_replaced);
        report.parts_replaced = parts;
        change.step(Step { report: Some(report), ..Step::new(Action::Resolve) }).await?;
        change.commit().await?;
        Ok(())
    })
    .await
}
