//! Server-side rules shared by the staff workspace's server functions: who is working a
//! request, and saving a change with its timeline line, audit line and announcements in one
//! transaction.
use chrono::{DateTime, Utc};
use db::entity::request::{ActiveModel, Model};
use db::sea_orm::ConnectionTrait;
use domain::{ticket::ActorKind, Role};

use super::{auth::Caller, requests as svc, state::AppState};
use crate::error::AppError;

/// Staff working the request: dispatchers and managers on any, an engineer on their own.
/// Admins administer the portal and do not work requests.
pub fn working_on(caller: &Caller, r: &Model) -> bool {
    match caller.actor.role {
        Role::Dispatcher | Role::Manager => true,
        Role::Engineer => r.assignee_id == Some(caller.user.id),
        _ => false,
    }
}

pub fn actor_kind(caller: &Caller) -> ActorKind {
    ActorKind::from_role(caller.actor.role)
}

/// A request for a staff-only step: customers get "not found" (the step does not exist for
/// them), other staff the request.
pub async fn load_for_staff(state: &AppState, caller: &Caller, number: &str) -> Result<Model, AppError> {
    if !caller.actor.role.is_staff() {
        return Err(AppError::NotFound);
    }
    svc::load_visible(state, caller, number).await
}

/// How a change is told.
pub struct Announce<'a> {
    /// Timeline line kind and body.
    pub kind: &'a str,
    pub body: serde_json::Value,
    /// Whether the customer may see the line (and hear of the change).
    pub public: bool,
    /// Audit action (`request.stage`, ...).
    pub audit: &'a str,
    /// Notification kind for the requester and assignee (not the actor), if any.
    pub notify: Option<&'a str>,
}

/// Saves `row` (optimistic version lock), recomputes the deadlines, writes the timeline
/// line, the audit line and the announcements, and commits. Returns the request as saved.
pub async fn save(
    state: &AppState,
    caller: &Caller,
    tx: db::WriteTx,
    r: &Model,
    mut row: ActiveModel,
    now: DateTime<Utc>,
    a: Announce<'_>,
) -> Result<Model, AppError> {
    let updated = svc::model_after(r, &row);
    let facts = svc::facts_of(&*tx, &updated).await?;
    svc::set_deadlines(&mut row, &svc::terms_of(r), &facts, updated.paused_since.is_some(), now);
    if !db::repo::requests::update_if_version(&*tx, row, r.version).await? {
        return Err(AppError::Conflict);
    }
    line_and_announce(&*tx, caller, &updated, a).await?;
    tx.commit().await?;
    state.live.notify_one();
    Ok(updated)
}

/// The timeline, audit and announcements of a change that did not touch the request row
/// (a note, a remote session's step), inside the caller's transaction.
pub async fn line_and_announce(tx: &impl ConnectionTrait, caller: &Caller, r: &Model, a: Announce<'_>) -> Result<(), AppError> {
    db::repo::request_events::insert(tx, r.id, Some(caller.user.id), a.kind, a.public, a.body.clone()).await?;
    super::audit::record(tx, caller, a.audit, &r.number, Some(r.organization_id), a.body.clone()).await?;
    if a.public {
        svc::publish(tx, r).await?;
        if let Some(kind) = a.notify {
            for user in svc::interested(r, Some(caller.user.id)) {
                svc::notify(tx, user, r, kind, a.body.clone()).await?;
            }
        }
    } else {
        svc::publish_internal(tx, r).await?;
    }
    Ok(())
}
