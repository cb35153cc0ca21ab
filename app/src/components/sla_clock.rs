//! The SLA countdowns of a request. `domain::ticket::request_clocks` computes them, on the
//! server for the first render and in the browser every second (gloo-timers), from the same
//! frozen terms and recorded facts, so the countdown never needs the server to move.
//! `SlaClocks` is an island; its language is the page's (`use_i18n` without a root context).
use chrono::{DateTime, Utc};
use domain::sla::{ClockState, ClockStatus, CoverageKind};
use domain::ticket::{request_clocks, ClockFacts, SlaTerms};
use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, Msg};

/// An island: it ticks in the browser. Its props (terms and facts) change with the request, and
/// then the islands router puts a new one in its place.
#[island]
pub fn SlaClocks(terms: SlaTerms, facts: ClockFacts) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(Utc::now());
    #[cfg(feature = "hydrate")]
    {
        let interval = gloo_timers::callback::Interval::new(1000, move || {
            now.try_set(Utc::now());
        });
        let handle = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(handle.take()));
    }
    let business = terms.calendar.coverage != CoverageKind::AllDay7x24;
    let tz = terms.calendar.tz;
    let clocks = {
        let (terms, facts) = (terms.clone(), facts.clone());
        Memo::new(move |_| request_clocks(&terms, &facts, now.get()))
    };
    let row = move |label: Msg, pick: fn(&domain::ticket::RequestClocks) -> Option<ClockStatus>, key: &'static str| {
        move || {
            clocks.with(pick).map(|status| {
                let lang = i18n.lang.get();
                let (state_class, text) = describe(&status, lang, business);
                let deadline = status.deadline.map(|d| format_deadline(d, tz)).unwrap_or_else(|| "—".into());
                view! {
                    <li class=format!("clock {state_class}") data-clock=key>
                        <span class="clock-label">{i18n.t(label)}</span>
                        <span class="clock-left" data-testid=format!("clock-{key}")>{text}</span>
                        <span class="clock-deadline">{i18n.t(Msg::Deadline)} " " {deadline}</span>
                    </li>
                }
            })
        }
    };
    view! {
        <ul class="clocks" aria-label=move || i18n.t(Msg::SlaClocks)>
            {row(Msg::ClockFirstResponse, |c| Some(c.first_response.clone()), "first-response")}
            {row(Msg::ClockOnSite, |c| c.on_site.clone(), "on-site")}
            {row(Msg::ClockResolution, |c| Some(c.resolution.clone()), "resolution")}
        </ul>
        <p class="muted small">{move || i18n.t(if business { Msg::ClockBusinessNote } else { Msg::ClockAllDayNote })} " (" {tz.name()} ")"</p>
    }
}

fn format_deadline(d: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// "1 h 05 min 09 s" from seconds.
pub fn hms(secs: i64) -> String {
    let s = secs.abs();
    let (d, h, m, sec) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60, s % 60);
    if d > 0 {
        format!("{d} d {h} h {m:02} min")
    } else if h > 0 {
        format!("{h} h {m:02} min {sec:02} s")
    } else {
        format!("{m} min {sec:02} s")
    }
}

fn describe(c: &ClockStatus, lang: Lang, business: bool) -> (&'static str, String) {
    match &c.state {
        ClockState::Met { .. } => ("met", Msg::ClockMet.text(lang).into()),
        ClockState::Breached { .. } => ("breached", Msg::ClockOverdue.text(lang).replace("{t}", &hms(c.wall_secs_left.unwrap_or(c.remaining_secs)))),
        ClockState::Paused { reason, .. } => ("paused", format!("{} {}", Msg::ClockPaused.text(lang), reason)),
        ClockState::Running => {
            let left = if business { c.remaining_secs } else { c.wall_secs_left.unwrap_or(c.remaining_secs) };
            ("running", Msg::ClockLeft.text(lang).replace("{t}", &hms(left)))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_well() {
        assert_eq!(super::hms(59), "0 min 59 s");
        assert_eq!(super::hms(3_725), "1 h 02 min 05 s");
        assert_eq!(super::hms(-90), "1 min 30 s");
        assert_eq!(super::hms(2 * 86_400 + 3_660), "2 d 1 h 01 min");
    }
}
