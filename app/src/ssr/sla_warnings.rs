//! The warning staff get when an SLA clock has used 75 % of its time: to the assignee and the
//! dispatchers, once per clock (a bit per clock on the request), through the one change path
//! (`lifecycle::Change`), so it is guarded by the request's version on several instances and
//! the next warning's time is recomputed with the deadlines. Customers never hear of it: the
//! change has no public line, and the notice goes only to staff.
use chrono::{DateTime, Utc};
use db::repo;
use db::sea_orm::ActiveValue::Set;
use domain::notice::Notice;
use domain::notify::{warn_points, SlaClock};
use domain::Role;

use super::{lifecycle::Change, requests as svc};
use crate::error::AppError;

/// Sends every warning due at `now`; returns how many requests warned.
pub async fn warn_due(db: &db::Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due_now = repo::requests::warn_due(&db.conn, now, 200).await?;
    if due_now.is_empty() {
        return Ok(0); // the usual run: one indexed read and nothing more
    }
    let dispatchers: Vec<i32> = repo::users::active_with_role(&db.conn, Role::Dispatcher.as_str()).await?.into_iter().map(|u| u.id).collect();
    let mut warned = 0;
    for r in due_now {
        let mut change = Change::begin_system(db, r.clone()).await?;
        let facts = svc::facts_of(change.tx(), &r).await?;
        let terms = svc::terms_of(&r);
        let tz = terms.calendar.tz.name().to_string();
        let due: Vec<SlaClock> =
            warn_points(&terms, &facts, r.sla_warned, r.paused_since.is_some(), now).into_iter().filter(|(_, at)| *at <= now).map(|(c, _)| c).collect();
        let bits = due.iter().fold(r.sla_warned, |b, c| b | c.bit());
        // Saving recomputes `sla_warn_at` from the bits (also when nothing was due: the point
        // moved, after a pause say).
        change.row().sla_warned = Set(bits);
        let mut to: Vec<i32> = r.assignee_id.into_iter().chain(dispatchers.iter().copied()).collect();
        to.sort_unstable();
        to.dedup();
        for clock in &due {
            let deadline = match clock {
                SlaClock::FirstResponse => r.response_deadline,
                SlaClock::OnSite => r.on_site_deadline,
                SlaClock::Resolution => r.resolution_deadline,
            };
            let Some(deadline) = deadline else { continue };
            for u in &to {
                change.tell_user(*u, Notice::SlaWarning { clock: *clock, deadline, tz: tz.clone() });
            }
        }
        match change.commit().await {
            Ok(_) if !due.is_empty() => warned += 1,
            Ok(_) | Err(AppError::Conflict) => {} // another instance (or a person) got there first
            Err(e) => return Err(e),
        }
    }
    Ok(warned)
}
