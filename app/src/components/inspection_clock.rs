//! The report deadline of an inspection, ticking like the SLA clocks: the time left (or how
//! long overdue) until `until`, once a second in the browser; the server renders the same
//! text, so it reads right with JavaScript off too.
use chrono::Utc;
use leptos::prelude::*;

use super::sla_clock::hms;

#[island]
pub fn ReportClock(
    /// The deadline (Unix seconds).
    until: i64,
    /// "{t} left" and "overdue by {t}" in the reader's language.
    left: String,
    overdue: String,
) -> impl IntoView {
    let now = RwSignal::new(Utc::now().timestamp());
    #[cfg(feature = "hydrate")]
    {
        let interval = gloo_timers::callback::Interval::new(1000, move || {
            now.try_set(Utc::now().timestamp());
        });
        let handle = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(handle.take()));
    }
    let text = move || {
        let secs = until - now.get();
        if secs >= 0 {
            left.replace("{t}", &hms(secs))
        } else {
            overdue.replace("{t}", &hms(secs))
        }
    };
    let class = move || if now.get() > until { "clock breached" } else { "clock" };
    view! {
        <span class=class data-testid="report-clock">{text}</span>
    }
}
