//! Background work that runs in every server instance. Each job is idempotent and guarded by
//! the request's version, so several instances (or a restart mid-way) never double a step,
//! and a job that was down catches up from the stored deadlines.
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::sea_orm::ActiveValue::Set;

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
pub fn spawn_escalation(db: db::Db, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match escalate_due(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(requests = n, "severity upgraded after missed deadlines");
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
    use app::ssr::{lifecycle::Change, requests as svc};
    use domain::{notice::Notice, ticket::Line};
    let mut changed = 0;
    for r in db::repo::requests::overdue(&db.conn, now, 200).await? {
        let Some(deadline) = r.resolution_deadline else { continue };
        let terms = svc::terms_of(&r);
        let severity = svc::severity_of(&r);
        let steps = domain::sla::upgrades_due(&terms.calendar, &terms.limits, severity, deadline, now);
        let mut change = Change::begin_system(db, r.clone()).await.map_err(failed)?;
        let row = change.row();
        if let Some((new_sev, at, _)) = steps.last().copied() {
            // The clock restarts at the missed deadline with the new severity's limit; the
            // change recomputes the deadlines from those facts.
            row.severity = Set(new_sev.level() as i16);
            row.resolution_started_at = Set(at);
            row.escalation_level = Set(r.escalation_level + steps.len() as i32);
            // A new resolution clock: staff are owed its 75 % warning again.
            row.sla_warned = Set(r.sla_warned & !domain::notify::SlaClock::Resolution.bit());
        } else {
            row.breach_recorded = Set(true);
        }
        let mut from = severity;
        for (to, at, new_deadline) in &steps {
            change.line(Line::Escalated { from: from.level(), to: to.level(), at: *at, deadline: *new_deadline }, true);
            from = *to;
        }
        if steps.is_empty() {
            change.line(Line::Breached { deadline }, true);
        }
        change.tell(Notice::Escalated { severity: from.level() });
        match change.commit().await {
            Ok(_) => changed += 1,
            Err(app::error::AppError::Conflict) => continue, // another instance (or a person) got there first
            Err(e) => return Err(failed(e)),
        }
    }
    Ok(changed)
}

fn failed(e: app::error::AppError) -> db::DbErr {
    db::DbErr::Custom(format!("saving a job's change failed: {e}"))
}

/// Closes requests resolved `DEFAULT_AUTO_CLOSE_DAYS` ago that the customer neither confirmed
/// nor rejected, every `every`.
pub fn spawn_auto_close(db: db::Db, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match close_resolved(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(requests = n, "resolved requests closed after the confirmation window");
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
    use app::ssr::lifecycle::{Change, Step};
    use domain::ticket::{Action, DEFAULT_AUTO_CLOSE_DAYS};
    let cutoff = now - chrono::Duration::days(DEFAULT_AUTO_CLOSE_DAYS as i64);
    let mut changed = 0;
    for r in db::repo::requests::resolved_before(&db.conn, cutoff, 200).await? {
        let mut change = Change::begin_system(db, r).await.map_err(failed)?;
        // Not yet by the state machine's clock (it counts whole days): left for the next run.
        if change.step(Step::new(Action::AutoClose)).await.is_err() {
            continue;
        }
        match change.commit().await {
            Ok(_) => changed += 1,
            Err(app::error::AppError::Conflict) => continue,
            Err(e) => return Err(failed(e)),
        }
    }
    Ok(changed)
}
