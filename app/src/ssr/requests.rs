//! Server-side work on service requests shared by their server functions: loading with the
//! access check, the clock facts, deadlines, and announcing changes (timeline, notifications,
//! live feed) inside the same transaction as the change.
use chrono::{DateTime, Utc};
use db::entity::request::{ActiveModel, Model};
use db::repo;
use domain::{
    sla::{Pause, Severity, Tier},
    ticket::{request_clocks, ClockFacts, SlaTerms, Status},
};
use sea_orm_compat::*;

use super::{auth::Caller, state::AppState};
use crate::error::AppError;

/// sea-orm names used here (kept apart so the module reads as domain logic).
mod sea_orm_compat {
    pub use db::sea_orm::{ActiveValue::Set, ConnectionTrait, IntoActiveModel};
}

/// A request the caller may see, by service number; otherwise `NotFound` (never `Forbidden`,
/// which would confirm that the number exists).
pub async fn load_visible(state: &AppState, caller: &Caller, number: &str) -> Result<Model, AppError> {
    let r = repo::requests::find_by_number(&state.db.conn, number).await?.ok_or(AppError::NotFound)?;
    if !caller.actor.can_see_request(r.organization_id, r.requester_id) {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

pub fn status_of(r: &Model) -> Status {
    Status::parse(&r.status).unwrap_or(Status::New)
}

pub fn terms_of(r: &Model) -> SlaTerms {
    serde_json::from_str(&r.sla_json).unwrap_or_else(|_| SlaTerms::default_for(Tier::C, chrono_tz::Asia::Shanghai))
}

pub fn severity_of(r: &Model) -> Severity {
    Severity::from_level(r.severity as u8).unwrap_or(Severity::Minor)
}

pub async fn facts_of(conn: &impl ConnectionTrait, r: &Model) -> Result<ClockFacts, AppError> {
    let pauses = repo::request_pauses::list(conn, r.id).await?.into_iter().map(|p| Pause { from: p.paused_from, to: p.paused_to, reason: p.reason }).collect();
    let stopped_at = match status_of(r) {
        Status::Resolved | Status::Closed => r.resolved_at.or(r.closed_at),
        Status::Cancelled => r.closed_at,
        _ => None,
    };
    Ok(ClockFacts {
        created_at: r.created_at,
        severity: severity_of(r),
        first_response_at: r.first_response_at,
        on_site_required: r.on_site_required,
        on_site_limit_secs: r.on_site_limit_secs,
        on_site_at: r.on_site_at,
        resolution_started_at: r.resolution_started_at,
        stopped_at,
        pauses,
    })
}

/// Stores the deadlines the clocks give now. While paused a deadline is not fixed, so none
/// is stored (and the escalation job leaves the request alone).
pub fn set_deadlines(row: &mut ActiveModel, terms: &SlaTerms, facts: &ClockFacts, paused: bool, now: DateTime<Utc>) {
    let clocks = request_clocks(terms, facts, now);
    let response = clocks.first_response.deadline;
    let on_site = if paused { None } else { clocks.on_site.and_then(|c| c.deadline) };
    let resolution = if paused { None } else { clocks.resolution.deadline };
    row.response_deadline = Set(response);
    row.on_site_deadline = Set(on_site);
    row.resolution_deadline = Set(resolution);
    // Only open work has a next deadline (the queues read only those rows, in this order).
    row.next_deadline = Set(match facts.stopped_at {
        Some(_) => None,
        None => db::repo::queues::next_of(facts.first_response_at.is_some(), on_site, facts.on_site_at.is_some(), response, resolution),
    });
}

/// Announces a change of `r` to open pages (in the caller's transaction).
pub async fn publish(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    repo::live_events::insert(
        tx,
        "request",
        repo::live_events::Audience { request_id: Some(r.id), organization_id: Some(r.organization_id), requester_id: Some(r.requester_id), user_id: None },
    )
    .await?;
    Ok(())
}

/// A notification for one user, announced to their open pages.
pub async fn notify(tx: &impl ConnectionTrait, user_id: i32, r: &Model, kind: &str, body: serde_json::Value) -> Result<(), AppError> {
    let mut body = body;
    body["number"] = r.number.clone().into();
    body["title"] = r.title.clone().into();
    notify_user(tx, user_id, Some(r.id), kind, body).await
}

/// A notification row for one user and the live event that tells their open pages (any
/// subject: requests, training sessions).
pub async fn notify_user(tx: &impl ConnectionTrait, user_id: i32, request_id: Option<i32>, kind: &str, body: serde_json::Value) -> Result<(), AppError> {
    repo::notifications::insert(tx, user_id, request_id, kind, body).await?;
    repo::live_events::insert(
        tx,
        "notification",
        repo::live_events::Audience { request_id: None, organization_id: None, requester_id: None, user_id: Some(user_id) },
    )
    .await?;
    Ok(())
}

/// Who hears of a change made by `actor_id`: the requester and the assignee, not the actor.
pub fn interested(r: &Model, actor_id: Option<i32>) -> Vec<i32> {
    let mut users = vec![r.requester_id];
    if let Some(a) = r.assignee_id {
        users.push(a);
    }
    users.retain(|u| Some(*u) != actor_id);
    users.dedup();
    users
}

pub fn into_active(r: Model) -> ActiveModel {
    r.into_active_model()
}

/// What a lifecycle step carries beyond its action.
pub enum Extra {
    None,
    /// The fault report written at resolution (required to resolve a fault).
    FaultReport(domain::ticket::FaultReport),
}

/// Moves a request through its lifecycle: the state machine decides whether the caller may;
/// this applies the consequences (clocks paused or stopped, deadlines recomputed, timeline,
/// audit, notifications, live event) in one transaction. Returns the request as saved.
pub async fn apply_action(
    state: &AppState,
    caller: &Caller,
    number: &str,
    action: domain::ticket::Action,
    note: String,
    engineer_id: Option<String>,
    extra: Extra,
) -> Result<Model, AppError> {
    use domain::{
        ticket::{transition, Action, ActorKind, RequestKind, TransitionContext},
        ErrorCode, FieldError,
    };
    let note = note.trim().to_string();
    if note.chars().count() > 2000 {
        return Err(AppError::field("note", ErrorCode::TooLong { max: 2000 }));
    }
    let now = chrono::Utc::now();
    let tx = state.db.begin_write().await?;
    let r = load_visible(state, caller, number).await?;
    let from = status_of(&r);
    let mut ctx = TransitionContext::new(now.timestamp());
    ctx.has_assignee = r.assignee_id.is_some();
    ctx.is_assignee = r.assignee_id == Some(caller.user.id);
    ctx.resolved_at = r.resolved_at.map(|t| t.timestamp());
    ctx.closed_at = r.closed_at.map(|t| t.timestamp());
    let to = transition(from, &action, ActorKind::from_role(caller.actor.role), &ctx).map_err(AppError::Transition)?;
    // A fault is resolved with its report (cause, what was done, parts), which the customer
    // then confirms; a consultation needs none.
    let report = match extra {
        Extra::FaultReport(rep) => Some(rep),
        Extra::None => None,
    };
    if action == Action::Resolve && report.is_none() && RequestKind::parse(&r.kind) == Some(RequestKind::Fault) {
        return Err(AppError::field("cause", ErrorCode::Required));
    }

    let mut row = into_active(r.clone());
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
                Some(id) => repo::users::find(&*tx, id).await?.filter(|u| u.active && u.role == "engineer"),
                None => None,
            };
            let Some(engineer) = engineer else {
                return Err(AppError::Invalid(vec![FieldError::new("engineer_id", ErrorCode::Required)]));
            };
            row.assignee_id = Set(Some(engineer.id));
            // A new engineer starts the visit from the beginning.
            row.stage = Set(None);
            row.stage_at = Set(None);
            extra = serde_json::json!({ "engineer": engineer.display_name });
            repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "assigned", true, extra.clone()).await?;
        }
        Action::AskCustomer => {
            let reason = if note.is_empty() { "Waiting for information from the customer".to_string() } else { note.clone() };
            repo::request_pauses::open(&*tx, r.id, now, &reason).await?;
            row.paused_since = Set(Some(now));
            row.pause_reason = Set(Some(reason.clone()));
            paused = true;
            repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "paused", true, serde_json::json!({ "reason": reason })).await?;
        }
        Action::Resolve => {
            row.resolved_at = Set(Some(now));
            if let Some(rep) = &report {
                row.fault_report_json = Set(Some(serde_json::to_string(rep).map_err(super::internal)?));
                repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "fault_report", true, serde_json::to_value(rep).map_err(super::internal)?)
                    .await?;
            }
        }
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
        repo::request_pauses::close_open(&*tx, r.id, now).await?;
        row.paused_since = Set(None);
        row.pause_reason = Set(None);
        paused = false;
        repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "resumed", true, serde_json::json!({})).await?;
    }
    repo::request_events::insert(
        &*tx,
        r.id,
        Some(caller.user.id),
        "status",
        true,
        serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "action": action.as_str(), "note": (!note.is_empty()).then_some(note.clone()) }),
    )
    .await?;
    super::audit::record(
        &*tx,
        caller,
        &format!("request.{}", action.as_str()),
        &r.number,
        Some(r.organization_id),
        serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "extra": extra }),
    )
    .await?;
    // Recompute deadlines from the facts as they now stand.
    let updated = model_after(&r, &row);
    let facts = facts_of(&*tx, &updated).await?;
    set_deadlines(&mut row, &terms_of(&r), &facts, paused, now);
    if !repo::requests::update_if_version(&*tx, row, r.version).await? {
        // Someone changed it meanwhile: nothing is saved; the page reloads and shows why.
        return Err(AppError::Conflict);
    }
    if to == Status::Closed {
        super::surveys::on_close(&*tx, &updated, now).await?;
    }
    publish(&*tx, &updated).await?;
    for user in interested(&updated, Some(caller.user.id)) {
        notify(&*tx, user, &updated, "status", serde_json::json!({ "to": to.as_str(), "extra": extra })).await?;
    }
    tx.commit().await?;
    state.live.notify_one();
    Ok(updated)
}

/// The request as it will read once `row`'s changes are saved (for clocks and announcements).
pub fn model_after(r: &Model, row: &ActiveModel) -> Model {
    use db::sea_orm::{ActiveModelTrait, Iterable, TryIntoModel};
    let mut m = r.clone();
    let mut a = into_active(r.clone());
    // Copy every column `row` sets onto the current values.
    for col in <db::entity::request::Entity as db::sea_orm::EntityTrait>::Column::iter() {
        if let Set(v) = row.get(col) {
            a.set(col, v);
        }
    }
    if let Ok(updated) = a.try_into_model() {
        m = updated;
    }
    m
}

/// Announces a change only staff may hear of (an internal note): no organization or
/// requester on the event, so the live feed sends it to staff only.
pub async fn publish_internal(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    repo::live_events::insert(tx, "request", repo::live_events::Audience { request_id: Some(r.id), organization_id: None, requester_id: None, user_id: None })
        .await?;
    Ok(())
}
