//! The inspection jobs: every hour each plan's inspections for this year and the next are
//! generated (idempotent: a unique key per plan, site and slot); every run announces what is
//! due and warns managers of late announcements and overdue reports
//! (`app::ssr::inspections::run_jobs`, guarded by each row's version, so several instances
//! never announce or warn twice).
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::{Datelike, Utc};

/// How often plans are generated again (a changed plan is generated at once when saved).
const GENERATE_EVERY: Duration = Duration::from_secs(3600);

pub fn spawn(db: db::Db, base_url: Arc<str>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        let mut generated: Option<Instant> = None;
        loop {
            tick.tick().await;
            let now = Utc::now();
            if generated.is_none_or(|t| t.elapsed() >= GENERATE_EVERY) {
                match app::ssr::inspections::generate_all(&db, &[now.year(), now.year() + 1], now).await {
                    Ok(g) if g.added + g.cancelled > 0 => tracing::info!(added = g.added, cancelled = g.cancelled, "inspections generated"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = ?e, "inspection generation failed"),
                }
                generated = Some(Instant::now());
            }
            match app::ssr::inspections::run_jobs(&db, &base_url, now).await {
                Ok(r) if r.announced + r.warned + r.reports_late > 0 => {
                    tracing::info!(announced = r.announced, warned = r.warned, reports_late = r.reports_late, "inspection jobs")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "inspection jobs failed"),
            }
        }
    });
}
