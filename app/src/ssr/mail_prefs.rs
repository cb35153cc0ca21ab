//! Deciding, inside the change's transaction, what becomes of a notification's mail: the
//! person's choice for its kind (or the role's default), their quiet hours in their contract's
//! zone, and severity 1 (`domain::notify::plan`).
use chrono::Utc;
use db::repo;
use db::sea_orm::ConnectionTrait;
use domain::notify::{plan, Channel, EventKind, MailPlan};
use domain::Role;

use crate::error::AppError;

/// The channel a person has for a kind: their choice, else the role's default.
pub fn channel_of(stored: &repo::mail_prefs::Stored, kind: EventKind, role: Role) -> Channel {
    stored.channel(kind).unwrap_or_else(|| Channel::default_for(kind, role))
}

pub async fn plan_for(conn: &impl ConnectionTrait, user_id: i32, kind: EventKind, severity: Option<u8>) -> Result<MailPlan, AppError> {
    let Some(user) = repo::users::find(conn, user_id).await? else { return Ok(MailPlan::None) };
    let Some(role) = Role::parse(&user.role) else { return Ok(MailPlan::None) };
    // Nobody mails a deactivated account, and customers never get staff warnings.
    if !user.active || (kind.staff_only() && !role.is_staff()) {
        return Ok(MailPlan::None);
    }
    let stored = repo::mail_prefs::load(conn, user_id).await?;
    let channel = channel_of(&stored, kind, role);
    if channel == Channel::Portal {
        return Ok(MailPlan::None);
    }
    // The zone only places quiet hours: the contract is read only for those who have them
    // (this runs for every notification, inside the change's transaction).
    let tz = match stored.quiet {
        Some(_) => super::contract_calendar::zone(conn, user.organization_id).await?,
        None => domain::equipment::WARRANTY_TZ,
    };
    Ok(plan(channel, severity, stored.quiet, Utc::now(), tz))
}

/// What an unsubscribe link does, for the page's button and for a mail client's one-click
/// POST alike: its kind becomes "portal only" (the digest's link: every kind now in the
/// digest). Using a link twice changes nothing more; an unknown token is "not found".
pub async fn unsubscribe(db: &db::Db, token: &str) -> Result<(), AppError> {
    let link = repo::mail_prefs::find_unsubscribe(&db.conn, token).await?.ok_or(AppError::NotFound)?;
    let user = repo::users::find(&db.conn, link.user_id).await?.ok_or(AppError::NotFound)?;
    let role = Role::parse(&user.role).ok_or(AppError::NotFound)?;
    let stored = repo::mail_prefs::load(&db.conn, user.id).await?;
    let kinds: Vec<EventKind> = if link.kind == super::mail_jobs::DIGEST_SCOPE {
        EventKind::offered_to(role).into_iter().filter(|k| channel_of(&stored, *k, role) == Channel::Digest).collect()
    } else {
        vec![EventKind::parse(&link.kind).ok_or(AppError::NotFound)?]
    };
    let tx = db.begin_write().await?;
    for k in kinds {
        repo::mail_prefs::set_channel(&*tx, user.id, k, Channel::Portal).await?;
    }
    repo::mail_prefs::mark_unsubscribe_used(&*tx, link.id, Utc::now()).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, scope = %link.kind, "unsubscribed by a mail link");
    Ok(())
}
