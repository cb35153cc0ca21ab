//! Telling open pages and people of a change, inside the change's own transaction: a live
//! event (ids and audience only, never content) and notifications. The commit then wakes the
//! live pump by itself (`db::WriteTx::commit`).
use db::entity::request::Model;
use db::repo::{self, live_events::Audience};
use db::sea_orm::ConnectionTrait;
use domain::{
    live::LiveKind,
    notice::{About, Notice, Notification},
    notify::{EventKind, MailPlan},
};

use crate::error::AppError;

/// Announces a change of `r` to the open pages of everyone who may see the request.
pub async fn publish(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    let audience = Audience { request_id: Some(r.id), organization_id: Some(r.organization_id), requester_id: Some(r.requester_id), user_id: None };
    repo::live_events::insert(tx, LiveKind::Request, audience).await?;
    Ok(())
}

/// Announces a change only staff may hear of (an internal note): no organization or
/// requester on the event, so the live feed sends it to staff only.
pub async fn publish_internal(tx: &impl ConnectionTrait, r: &Model) -> Result<(), AppError> {
    let audience = Audience { request_id: Some(r.id), organization_id: None, requester_id: None, user_id: None };
    repo::live_events::insert(tx, LiveKind::Request, audience).await?;
    Ok(())
}

/// A notification about request `r` for one user, announced to their open pages; the plan
/// for its mail (a severity-1 request mails at once).
pub async fn notify(tx: &impl ConnectionTrait, user_id: i32, r: &Model, notice: Notice) -> Result<MailPlan, AppError> {
    let about = About::Request { number: r.number.clone(), title: r.title.clone() };
    deliver(tx, user_id, Some(r.id), Some(r.severity as u8), &Notification { about, notice }).await
}

/// A notification row for one user and the live event that tells their open pages (any
/// subject: requests, training sessions).
pub async fn notify_user(tx: &impl ConnectionTrait, user_id: i32, request_id: Option<i32>, n: &Notification) -> Result<MailPlan, AppError> {
    deliver(tx, user_id, request_id, None, n).await
}

/// The one place a notification is written: the row, with what becomes of its mail (the
/// person's choice for its kind, their quiet hours; the mail job composes it later, outside
/// this transaction), and the live event. Returns the mail plan: a notice whose sender writes
/// its own mail (`domain::notify::sender_mails`) follows it.
async fn deliver(tx: &impl ConnectionTrait, user_id: i32, request_id: Option<i32>, severity: Option<u8>, n: &Notification) -> Result<MailPlan, AppError> {
    let plan = super::mail_prefs::plan_for(tx, user_id, EventKind::of(&n.notice), severity).await?;
    let own = if domain::notify::sender_mails(&n.notice) { MailPlan::None } else { plan };
    repo::notifications::insert(tx, user_id, request_id, n, own).await?;
    repo::live_events::insert(tx, LiveKind::Notification, Audience { request_id: None, organization_id: None, requester_id: None, user_id: Some(user_id) })
        .await?;
    Ok(plan)
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
