//! Server-side pieces of upgrade plans shared by their server functions: reading a plan the caller may see, and telling the other side (live and notifications).
use db::{
    entity::upgrade_plan::Model,
    repo::{self, live_events::Audience},
    sea_orm::ConnectionTrait,
};
use domain::{
    equipment::access,
    live::LiveKind,
    notice::{About, Notice, Notification},
    permission::Actor,
};

use super::announce;
use crate::error::AppError;

/// A plan of an organization the caller may see; any other is "not found".
pub async fn visible(conn: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<Model, AppError> {
    match repo::upgrades::find(conn, id).await? {
        Some(p) if access::sees(actor, p.organization_id) => Ok(p),
        _ => Err(AppError::NotFound),
    }
}

/// Tells the open pages of the plan's organization and of staff that it changed.
pub async fn publish(tx: &impl ConnectionTrait, p: &Model) -> Result<(), AppError> {
    let audience = Audience { request_id: None, organization_id: Some(p.organization_id), requester_id: None, user_id: None };
    repo::live_events::insert(tx, LiveKind::Upgrade, audience).await?;
    Ok(())
}

/// A notification about the plan for each of `users` (not the actor).
pub async fn tell(tx: &impl ConnectionTrait, p: &Model, users: &[i32], actor: i32, notice: Notice) -> Result<(), AppError> {
    let n = Notification { about: About::Upgrade { plan_id: p.id, plan: p.title.clone() }, notice };
    for u in users.iter().filter(|u| **u != actor) {
        announce::notify_user(tx, *u, None, &n).await?;
    }
    Ok(())
}

/// The active site managers of an organization: they decide its plans.
pub async fn site_managers(conn: &impl ConnectionTrait, org_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(repo::users::list_by_org(conn, org_id).await?.into_iter().filter(|u| u.active && u.role == "site_manager").map(|u| u.id).collect())
}

/// Whether a live event about an upgrade plan reaches `actor`: staff, and the people of the
/// plan's organization.
pub fn may_receive(actor: &Actor, org: Option<i32>) -> bool {
    actor.role.is_staff() || org == Some(actor.org_id)
}
