//! Mail notifications, SLA warnings and complaints, in every instance: each run turns due
//! notifications and digests into outbox mail (`app::ssr::mail_jobs`), warns staff of clocks
//! at 75 % (`app::ssr::sla_warnings`) and closes complaint answers left without a reply
//! (`app::ssr::complaints::close_unanswered`); freezes report periods that just ended and
//! announces them to their recipients (`app::ssr::reports::freeze_due`). Both are guarded (by the notification's mail state, by the
//! request's version), so instances running at once send each mail and warning once.
use std::{sync::Arc, time::Duration};

use chrono::Utc;

/// Reports frozen per run at most: a year's end freezes four periods per organization, and
/// the other jobs should not wait for all of them.
const REPORTS_PER_RUN: usize = 50;

pub fn spawn(db: db::Db, base_url: Arc<str>, every: Duration) {
    // Report periods: first one interval after start, not at once, so a restart does not
    // race the requests that arrive with it (and tests, which freeze when they choose).
    let reports_db = db.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            tick.tick().await;
            match app::ssr::reports::freeze_due(&reports_db, Utc::now(), REPORTS_PER_RUN).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reports = n, "report periods frozen and announced"),
                Err(e) => tracing::warn!(error = ?e, "report freezing run failed"),
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let now = Utc::now();
            match app::ssr::sla_warnings::warn_due(&db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(requests = n, "SLA warnings sent"),
                Err(e) => tracing::warn!(error = ?e, "SLA warning run failed"),
            }
            match app::ssr::complaints::close_unanswered(&db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(complaints = n, "answered complaints closed without a reply"),
                Err(e) => tracing::warn!(error = ?e, "complaint close run failed"),
            }
            match app::ssr::mail_jobs::run(&db, &base_url, now).await {
                Ok(r) if r.single + r.digests > 0 => tracing::info!(single = r.single, digests = r.digests, "notification mail written"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "notification mail run failed"),
            }
        }
    });
}
