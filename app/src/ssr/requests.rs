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
    let pauses = repo::request_pauses::list(conn, r.id)
        .await?
        .into_iter()
        .map(|p| Pause { from: p.paused_from, to: p.paused_to, reason: p.reason })
        .collect();
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
    row.response_deadline = Set(clocks.first_response.deadline);
    row.on_site_deadline = Set(if paused { None } else { clocks.on_site.and_then(|c| c.deadline) });
    row.resolution_deadline = Set(if paused { None } else { clocks.resolution.deadline });
}

/// Announces a change of `r` to open pages (in the caller's transaction).
pub async fn publish(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    repo::live_events::insert(
        tx,
        "request",
        repo::live_events::Audience {
            request_id: Some(r.id),
            organization_id: Some(r.organization_id),
            requester_id: Some(r.requester_id),
            user_id: None,
        },
    )
    .await?;
    Ok(())
}

/// A notification for one user, announced to their open pages.
pub async fn notify(tx: &impl ConnectionTrait, user_id: i32, r: &Model, kind: &str, body: serde_json::Value) -> Result<(), AppError> {
    let mut body = body;
    body["number"] = r.number.clone().into();
    body["title"] = r.title.clone().into();
    repo::notifications::insert(tx, user_id, Some(r.id), kind, body).await?;
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
