//! Background work that runs in every server instance. Each job is idempotent and guarded by
//! the request's version, so several instances (or a restart mid-way) never double a step,
//! and a job that was down catches up from the stored deadlines.
use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use db::sea_orm::ActiveValue::Set;
use tokio::sync::Notify;

/// Deletes expired sessions every ten minutes.
pub fn spawn_session_cleanup(db: db::Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match db::repo::sessions::delete_expired(&db.conn).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "session cleanup failed"),
            }
        }
    });
}

/// Checks for missed resolution deadlines every `every` (to the minute: 15 s by default).
pub fn spawn_escalation(db: db::Db, live: Arc<Notify>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match escalate_due(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(requests = n, "severity upgraded after missed deadlines");
                    live.notify_one();
                }
                Err(e) => tracing::warn!(error = %e, "escalation run failed"),
            }
        }
    });
}

/// Upgrades the severity of every open request whose resolution deadline passed (3 to 2 to 1,
/// each from the missed deadline, so the result is the same whenever this runs), records the
/// breach of a critical one once, and returns how many requests changed.
pub async fn escalate_due(db: &db::Db, now: DateTime<Utc>) -> Result<usize, db::DbErr> {
    let mut changed = 0;
    for r in db::repo::requests::overdue(&db.conn, now, 200).await? {
        let Some(deadline) = r.resolution_deadline else { continue };
        let terms = app::ssr::requests::terms_of(&r);
        let severity = app::ssr::requests::severity_of(&r);
        let steps = domain::sla::upgrades_due(&terms.calendar, &terms.limits, severity, deadline, now);
        let tx = db.begin_write().await?;
        let mut row = app::ssr::requests::into_active(r.clone());
        let mut updated = r.clone();
        if let Some((new_sev, at, new_deadline)) = steps.last().copied() {
            row.severity = Set(new_sev.level() as i16);
            row.resolution_started_at = Set(at);
            row.resolution_deadline = Set(Some(new_deadline));
            row.next_deadline = Set(db::repo::queues::next_of(
                r.first_response_at.is_some(),
                r.on_site_deadline,
                r.on_site_at.is_some(),
                r.response_deadline,
                Some(new_deadline),
            ));
            row.escalation_level = Set(r.escalation_level + steps.len() as i32);
            updated.severity = new_sev.level() as i16;
        } else {
            row.breach_recorded = Set(true);
        }
        if !db::repo::requests::update_if_version(&*tx, row, r.version).await? {
            continue; // another instance (or a person) got there first
        }
        let mut from = severity;
        for (to, at, new_deadline) in &steps {
            db::repo::request_events::insert(
                &*tx,
                r.id,
                None,
                "escalated",
                true,
                serde_json::json!({ "from": from.level(), "to": to.level(), "at": at, "deadline": new_deadline }),
            )
            .await?;
            from = *to;
        }
        if steps.is_empty() {
            db::repo::request_events::insert(&*tx, r.id, None, "breached", true, serde_json::json!({ "deadline": deadline })).await?;
        }
        let publish = app::ssr::requests::publish(&*tx, &updated).await;
        let mut notified = publish.is_ok();
        for user in app::ssr::requests::interested(&updated, None) {
            notified &= app::ssr::requests::notify(&*tx, user, &updated, "escalated", serde_json::json!({ "severity": updated.severity })).await.is_ok();
        }
        if !notified {
            return Err(db::DbErr::Custom("announcing an escalation failed".into()));
        }
        tx.commit().await?;
        changed += 1;
    }
    Ok(changed)
}

/// Closes requests resolved `DEFAULT_AUTO_CLOSE_DAYS` ago that the customer neither confirmed
/// nor rejected, every `every`.
pub fn spawn_auto_close(db: db::Db, live: Arc<Notify>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match close_resolved(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(requests = n, "resolved requests closed after the confirmation window");
                    live.notify_one();
                }
                Err(e) => tracing::warn!(error = %e, "auto-close run failed"),
            }
        }
    });
}

/// Closes, as the system, every resolved request whose confirmation window has passed. The
/// state machine decides (so the rule lives in one place); the version lock makes a second
/// instance or a customer confirming at the same moment a no-op rather than a double close.
pub async fn close_resolved(db: &db::Db, now: DateTime<Utc>) -> Result<usize, db::DbErr> {
    use db::entity::request::{Column, Entity};
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    use domain::ticket::{transition, Action, ActorKind, Status, TransitionContext, DEFAULT_AUTO_CLOSE_DAYS};
    let cutoff = now - chrono::Duration::days(DEFAULT_AUTO_CLOSE_DAYS as i64);
    let due = Entity::find()
        .filter(Column::Status.eq(Status::Resolved.as_str()))
        .filter(Column::ResolvedAt.lte(cutoff))
        .order_by_asc(Column::ResolvedAt)
        .limit(200)
        .all(&db.conn)
        .await?;
    let mut changed = 0;
    for r in due {
        let mut ctx = TransitionContext::new(now.timestamp());
        ctx.resolved_at = r.resolved_at.map(|t| t.timestamp());
        let Ok(to) = transition(Status::Resolved, &Action::AutoClose, ActorKind::System, &ctx) else { continue };
        let tx = db.begin_write().await?;
        let mut row = app::ssr::requests::into_active(r.clone());
        row.status = Set(to.as_str().into());
        row.closed_at = Set(Some(now));
        row.next_deadline = Set(None);
        if !db::repo::requests::update_if_version(&*tx, row, r.version).await? {
            continue;
        }
        let mut updated = r.clone();
        updated.status = to.as_str().into();
        updated.closed_at = Some(now);
        db::repo::request_events::insert(
            &*tx,
            r.id,
            None,
            "status",
            true,
            serde_json::json!({ "from": "resolved", "to": to.as_str(), "action": Action::AutoClose.as_str(), "days": DEFAULT_AUTO_CLOSE_DAYS }),
        )
        .await?;
        let mut told = app::ssr::surveys::on_close(&*tx, &updated, now).await.is_ok();
        told &= app::ssr::requests::publish(&*tx, &updated).await.is_ok();
        for user in app::ssr::requests::interested(&updated, None) {
            told &= app::ssr::requests::notify(&*tx, user, &updated, "status", serde_json::json!({ "to": to.as_str() })).await.is_ok();
        }
        if !told {
            return Err(db::DbErr::Custom("announcing an automatic close failed".into()));
        }
        tx.commit().await?;
        changed += 1;
    }
    Ok(changed)
}
