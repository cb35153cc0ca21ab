//! Complaints on the server: who reads which (the one check every function and page uses),
//! the one path for every step (the state machine, the history line, the notices and a live
//! event to each person who may read it, under the complaint's version), and the job that
//! closes answers left without a reply.
use chrono::{DateTime, Utc};
use db::entity::complaint::{ActiveModel, Model};
use db::repo::{self, live_events::Audience};
use db::sea_orm::{ActiveValue::Set, ConnectionTrait};
use domain::complaint::{transition, ComplaintAction, ComplaintActor, ComplaintStatus, ValidAnswer, AUTO_CLOSE_DAYS};
use domain::live::LiveKind;
use domain::notice::{About, ComplaintNote, Notice, Notification};
use domain::{Actor, Refusal, Role};

use super::announce;
use crate::error::AppError;

pub fn status_of(c: &Model) -> ComplaintStatus {
    ComplaintStatus::parse(&c.status).unwrap_or(ComplaintStatus::Submitted)
}

/// Whether `actor` may read complaint `c`: a manager any; a site manager their
/// organization's; a customer their own. Everyone else (engineers, dispatchers, admins,
/// another organization) gets "not found".
pub fn may_read(actor: &Actor, c: &Model) -> bool {
    match actor.role {
        Role::Manager => true,
        Role::SiteManager => c.organization_id == actor.org_id,
        Role::Customer => c.complainant_id == actor.user_id,
        _ => false,
    }
}

/// The complaint if `actor` may read it, else `NotFound` (the same as absent).
pub async fn visible(conn: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<Model, AppError> {
    match repo::complaints::find(conn, id).await? {
        Some(c) if may_read(actor, &c) => Ok(c),
        _ => Err(AppError::NotFound),
    }
}

/// How `actor` acts on a complaint they may read.
pub fn actor_kind(actor: &Actor) -> ComplaintActor {
    if actor.role == Role::Manager {
        ComplaintActor::Supervisor
    } else {
        ComplaintActor::Customer
    }
}

/// The working-day calendar of an organization's contract in force (holidays, swapped days)
/// and its complaint clocks; tier C's calendar in the default zone and the default clocks
/// (1 and 5 working days) when it has none.
pub async fn clocks_of(
    conn: &impl ConnectionTrait,
    organization_id: i32,
) -> Result<(domain::sla::BusinessCalendar, domain::complaint::ComplaintClocks), AppError> {
    let today = chrono::Utc::now().date_naive();
    Ok(match repo::contracts::in_force(conn, organization_id, today).await?.and_then(|c| repo::contracts::terms(&c)) {
        Some(terms) => (terms.calendar, terms.limits.complaint),
        None => (domain::sla::BusinessCalendar::for_tier(domain::sla::Tier::C, domain::equipment::WARRANTY_TZ), Default::default()),
    })
}

/// Everyone who may read `c` and so hears of it: its complainant, their organization's site
/// managers, and the managers.
async fn readers(conn: &impl ConnectionTrait, c: &Model) -> Result<Vec<i32>, AppError> {
    let mut ids = vec![c.complainant_id];
    ids.extend(repo::users::list_by_org(conn, c.organization_id).await?.into_iter().filter(|u| u.active && u.role == Role::SiteManager.as_str()).map(|u| u.id));
    ids.extend(managers(conn).await?);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

async fn managers(conn: &impl ConnectionTrait) -> Result<Vec<i32>, AppError> {
    Ok(repo::users::active_with_role(conn, Role::Manager.as_str()).await?.into_iter().map(|u| u.id).collect())
}

/// A live event to each reader by name: never an audience an engineer could be part of.
async fn publish(tx: &impl ConnectionTrait, c: &Model) -> Result<(), AppError> {
    for user in readers(tx, c).await? {
        repo::live_events::insert(tx, LiveKind::Complaint, Audience { request_id: None, organization_id: None, requester_id: None, user_id: Some(user) })
            .await?;
    }
    Ok(())
}

async fn tell(tx: &impl ConnectionTrait, users: &[i32], c: &Model, what: ComplaintNote) -> Result<(), AppError> {
    let n = Notification { about: About::Complaint { complaint_id: c.id, complaint: c.number.clone() }, notice: Notice::Complaint { what } };
    for u in users {
        announce::notify_user(tx, *u, None, &n).await?;
    }
    Ok(())
}

/// A new complaint, in the caller's transaction: numbered, its clocks set, the supervisors told.
pub async fn create(tx: &impl ConnectionTrait, new: repo::complaints::NewComplaint<'_>, now: DateTime<Utc>) -> Result<Model, AppError> {
    let c = repo::complaints::insert(tx, new, now).await?;
    repo::complaints::add_event(tx, c.id, Some(c.complainant_id), "submitted", "", now).await?;
    tell(tx, &managers(tx).await?, &c, ComplaintNote::Submitted).await?;
    publish(tx, &c).await?;
    Ok(c)
}

/// What a step carries.
pub enum StepInput {
    None,
    Answer(ValidAnswer),
    /// Why the customer does not accept the answer.
    Reason(String),
}

/// Takes one step on `c` (read by the caller), by `by` (`None`: the system), under its version.
pub async fn step(db: &db::Db, c: &Model, action: ComplaintAction, by: Option<&Actor>, input: StepInput, now: DateTime<Utc>) -> Result<Model, AppError> {
    let who = by.map_or(ComplaintActor::System, actor_kind);
    let to = transition(status_of(c), action, who).ok_or(AppError::NotNow(Refusal::ComplaintNotNow))?;
    let mut row = ActiveModel { status: Set(to.as_str().into()), ..Default::default() };
    let mut note = String::new();
    let by_id = by.map(|a| a.user_id);
    match (action, input) {
        (ComplaintAction::Acknowledge, _) => {
            row.acknowledged_at = Set(Some(now));
            row.supervisor_id = Set(by_id);
        }
        (ComplaintAction::Answer, StepInput::Answer(a)) => {
            if c.acknowledged_at.is_none() {
                row.acknowledged_at = Set(Some(now));
            }
            row.supervisor_id = Set(by_id);
            row.answered_at = Set(Some(now));
            row.findings = Set(Some(a.findings));
            row.changes = Set(Some(a.changes));
            row.answer = Set(Some(a.answer));
        }
        (ComplaintAction::Answer, _) => return Err(AppError::BadRequest("an answer needs findings, changes and the answer".into())),
        (ComplaintAction::Reject, StepInput::Reason(r)) => note = r,
        (ComplaintAction::Reject, _) => return Err(AppError::BadRequest("a reason is needed".into())),
        (ComplaintAction::Accept | ComplaintAction::AutoClose, _) => row.closed_at = Set(Some(now)),
    }
    let tx = db.begin_write().await?;
    if !repo::complaints::update_if_version(&*tx, row, c.id, c.version, now).await? {
        return Err(AppError::Conflict);
    }
    repo::complaints::add_event(&*tx, c.id, by_id, action.as_str(), &note, now).await?;
    let after = repo::complaints::find(&*tx, c.id).await?.ok_or(AppError::NotFound)?;
    match action {
        ComplaintAction::Acknowledge => tell(&*tx, &[c.complainant_id], &after, ComplaintNote::Acknowledged).await?,
        ComplaintAction::Answer => tell(&*tx, &[c.complainant_id], &after, ComplaintNote::Answered).await?,
        ComplaintAction::Accept => tell(&*tx, &managers(&*tx).await?, &after, ComplaintNote::Accepted).await?,
        ComplaintAction::Reject => tell(&*tx, &managers(&*tx).await?, &after, ComplaintNote::Rejected).await?,
        ComplaintAction::AutoClose => {}
    }
    publish(&*tx, &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// Closes every answer left without a reply for [`AUTO_CLOSE_DAYS`]; how many.
pub async fn close_unanswered(db: &db::Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut closed = 0;
    for c in repo::complaints::answered_before(&db.conn, now - chrono::Duration::days(AUTO_CLOSE_DAYS), 200).await? {
        match step(db, &c, ComplaintAction::AutoClose, None, StepInput::None, now).await {
            Ok(_) => closed += 1,
            Err(AppError::Conflict | AppError::NotNow(_)) => {} // the customer answered meanwhile
            Err(e) => return Err(e),
        }
    }
    Ok(closed)
}
