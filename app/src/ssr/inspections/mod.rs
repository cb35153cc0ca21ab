//! Server-side pieces of inspections shared by their server functions, routes and jobs:
//! reading an inspection the caller may see, its frozen calendar and template, saving a step
//! with its history line, and telling people (live events, notifications, mail).
mod announce;
mod answers;
mod generate;

pub use announce::{announce, run_jobs};
pub use answers::{save_answers, save_photo};
pub use generate::{generate_all, generate_plan, plan_before_assurance};

use chrono::{DateTime, NaiveDate, Utc};
use db::{
    entity::inspection::{ActiveModel, Model},
    repo::{self, live_events::Audience},
    sea_orm::ConnectionTrait,
};
use domain::{
    inspection::{
        status::{InspectionActor, InspectionEvent},
        InspectionStatus, Template,
    },
    live::LiveKind,
    notice::{About, InspectionNote, Notice, Notification},
    permission::Actor,
    sla::BusinessCalendar,
    Role,
};

use super::{announce as tell_one, Caller};
use crate::error::AppError;

pub fn status_of(r: &Model) -> InspectionStatus {
    InspectionStatus::parse(&r.status).unwrap_or(InspectionStatus::Planned)
}

/// The calendar frozen on the inspection when it was generated.
pub fn calendar_of(r: &Model) -> BusinessCalendar {
    serde_json::from_str(&r.calendar_json)
        .unwrap_or_else(|_| BusinessCalendar::new(domain::sla::tier::CoverageKind::BusinessHours5x8, chrono_tz::Asia::Shanghai))
}

/// Today in the contract's zone.
pub fn today_in(cal: &BusinessCalendar, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&cal.tz).date_naive()
}

/// Whether a customer may see it: their organization's, and announced (a plan nobody was told
/// about is the provider's business until it is).
pub fn customer_sees(actor: &Actor, r: &Model) -> bool {
    r.organization_id == actor.org_id && status_of(r).told()
}

/// An inspection the caller may see; any other is "not found". Admins keep to accounts.
pub async fn visible(conn: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<Model, AppError> {
    match repo::inspections::find(conn, id).await? {
        Some(r) if actor.role != Role::Admin && (actor.role.is_staff() || customer_sees(actor, &r)) => Ok(r),
        _ => Err(AppError::NotFound),
    }
}

pub fn actor_of(caller: &Caller, r: &Model) -> InspectionActor {
    InspectionActor::of(caller.actor.role, r.engineer_id == Some(caller.user.id))
}

/// The template version the inspection was planned with.
pub async fn template_of(conn: &impl ConnectionTrait, r: &Model) -> Result<(Template, String, i32), AppError> {
    let t = repo::checklists::find(conn, r.template_id).await?.ok_or(AppError::Internal)?;
    let items: Template = serde_json::from_str(&t.items_json).map_err(super::internal)?;
    Ok((items, t.name, t.revision))
}

/// Saves a step (the changed columns in `row`) under the inspection's version, with its
/// history line; `Conflict` when someone acted first.
pub async fn save_step(tx: &impl ConnectionTrait, r: &Model, row: ActiveModel, actor: Option<i32>, event: Option<&InspectionEvent>) -> Result<Model, AppError> {
    if !repo::inspections::save(tx, r.id, r.version, row).await? {
        return Err(AppError::Conflict);
    }
    if let Some(e) = event {
        repo::inspections::add_event(tx, r.id, actor, e).await?;
    }
    let saved = repo::inspections::find(tx, r.id).await?.ok_or(AppError::Internal)?;
    publish(tx, &saved).await?;
    Ok(saved)
}

/// Tells open pages that it changed: staff always, its organization once it was announced.
pub async fn publish(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    let org = status_of(r).told().then_some(r.organization_id);
    let audience = Audience { request_id: None, organization_id: org, requester_id: None, user_id: None };
    repo::live_events::insert(tx, LiveKind::Inspection, audience).await?;
    Ok(())
}

/// Whether a live event about an inspection reaches `actor`: staff, and the people of its
/// organization (events carry the organization only once the customer was told).
pub fn may_receive(actor: &Actor, org: Option<i32>) -> bool {
    (actor.role.is_staff() && actor.role != Role::Admin) || org == Some(actor.org_id)
}

/// A notification about the inspection for each of `users` (never the one acting).
pub async fn tell(tx: &impl ConnectionTrait, r: &Model, users: &[i32], actor: Option<i32>, what: InspectionNote) -> Result<(), AppError> {
    let site = repo::sites::find(tx, r.site_id).await?.map(|s| s.name).unwrap_or_default();
    let n = Notification { about: About::Inspection { inspection_id: r.id, site }, notice: Notice::Inspection { what, date: r.date } };
    let mut seen = std::collections::BTreeSet::new();
    for u in users.iter().filter(|u| Some(**u) != actor) {
        if seen.insert(*u) {
            tell_one::notify_user(tx, *u, None, &n).await?;
        }
    }
    Ok(())
}

/// The active users of `org` with `role`.
pub async fn people(conn: &impl ConnectionTrait, org: i32, role: &str) -> Result<Vec<i32>, AppError> {
    Ok(repo::users::list_by_org(conn, org).await?.into_iter().filter(|u| u.active && u.role == role).map(|u| u.id).collect())
}

/// Active staff with one of `roles`.
pub async fn staff(conn: &impl ConnectionTrait, roles: &[&str]) -> Result<Vec<i32>, AppError> {
    let mut out = vec![];
    for role in roles {
        out.extend(repo::users::active_with_role(conn, role).await?.into_iter().map(|u| u.id));
    }
    Ok(out)
}
