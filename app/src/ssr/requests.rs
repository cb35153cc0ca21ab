//! Reading service requests for their server functions: loading with the access check, the
//! typed views of a row (status, terms, severity, clock facts) and the deadlines the clocks
//! give. Changes go through `ssr::lifecycle`; telling people of them, `ssr::announce`.
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
    // The next 75 % warning staff are owed (the warning job reads this one column).
    let warned = match &row.sla_warned {
        Set(v) | db::sea_orm::ActiveValue::Unchanged(v) => *v,
        db::sea_orm::ActiveValue::NotSet => 0,
    };
    row.sla_warn_at = Set(domain::notify::warn_points(terms, facts, warned, paused, now).into_iter().map(|(_, at)| at).min());
}

pub fn into_active(r: Model) -> ActiveModel {
    r.into_active_model()
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

/// A new request as its creator gives it, already checked.
pub struct NewRequest<'a> {
    pub organization_id: i32,
    pub site_id: i32,
    pub requester_id: i32,
    pub created_by: i32,
    pub title: &'a str,
    pub description: &'a str,
    pub kind: domain::ticket::RequestKind,
    pub fault_kind: Option<domain::ticket::FaultKind>,
    pub severity: Severity,
    pub system: &'a str,
    pub contact_phone: &'a str,
    pub device_id: Option<i32>,
    /// How it came in, as its first timeline line says.
    pub created: domain::ticket::Line,
}

/// Opens a request in `tx` under the organization's contract in force (the default tier-C
/// terms without one): its number (no gap, no duplicate), clocks and deadlines, the first
/// timeline line and the live event. The one way a person's request is made (the form, the
/// desk on a customer's behalf, an inspection's finding).
pub async fn open(tx: &impl ConnectionTrait, n: NewRequest<'_>, now: DateTime<Utc>) -> Result<Model, AppError> {
    use domain::ticket::{format_service_number, FaultKind};
    let terms = repo::contracts::in_force(tx, n.organization_id, now.date_naive())
        .await?
        .and_then(|c| repo::contracts::terms(&c))
        .unwrap_or_else(|| SlaTerms::default_for(Tier::C, chrono_tz::Asia::Shanghai));
    let on_site_required = n.fault_kind == Some(FaultKind::Hardware);
    let facts = ClockFacts {
        created_at: now,
        severity: n.severity,
        first_response_at: None,
        on_site_required,
        on_site_limit_secs: terms.on_site_limit_secs(now),
        on_site_at: None,
        resolution_started_at: now,
        stopped_at: None,
        pauses: vec![],
    };
    let year = chrono::Datelike::year(&now);
    let seq = repo::requests::next_seq(tx, year).await?;
    let mut row = ActiveModel {
        number: Set(format_service_number(year, seq)),
        organization_id: Set(n.organization_id),
        site_id: Set(n.site_id),
        requester_id: Set(n.requester_id),
        created_by_id: Set(n.created_by),
        title: Set(n.title.to_string()),
        description: Set(n.description.to_string()),
        kind: Set(n.kind.as_str().into()),
        fault_kind: Set(n.fault_kind.map(|f| f.as_str().to_string())),
        severity: Set(n.severity.level() as i16),
        system: Set(n.system.to_string()),
        contact_phone: Set(n.contact_phone.to_string()),
        status: Set(Status::New.as_str().into()),
        assignee_id: Set(None),
        tier: Set(terms.tier.as_str().into()),
        sla_json: Set(serde_json::to_string(&terms).map_err(super::internal)?),
        on_site_required: Set(on_site_required),
        on_site_limit_secs: Set(facts.on_site_limit_secs),
        created_at: Set(now),
        updated_at: Set(now),
        first_response_at: Set(None),
        on_site_at: Set(None),
        resolution_started_at: Set(now),
        resolved_at: Set(None),
        closed_at: Set(None),
        paused_since: Set(None),
        pause_reason: Set(None),
        escalation_level: Set(0),
        breach_recorded: Set(false),
        version: Set(0),
        device_id: Set(n.device_id),
        channel: Set(domain::report::channel_of(&n.created).into()),
        ..Default::default()
    };
    set_deadlines(&mut row, &terms, &facts, false, now);
    let r = repo::requests::insert(tx, row).await?;
    repo::request_events::insert(tx, r.id, Some(n.created_by), &n.created, true).await?;
    super::announce::publish(tx, &r).await?;
    Ok(r)
}
