//! The SLA countdowns of a request. `domain::ticket::request_clocks` computes them, on the
//! server for the first render and in the browser every second (gloo-timers), from the same
//! frozen terms and recorded facts, so the countdown never needs the server to move.
//! `SlaClocks` is an island; its language is the page's (`use_i18n` without a root context).
use chrono::{DateTime, Datelike, Timelike, Utc};
use domain::sla::{ClockState, ClockStatus, CoverageKind};
use domain::ticket::{request_clocks, ClockFacts, SlaTerms};
use leptos::prelude::*;

use crate::i18n::{Lang, Msg};

/// The clocks' words in the page's language, resolved on the server and sent as the island's
/// prop: the island then never refers to the message table (`Msg::text`, every string of the
/// UI in both languages), which would otherwise be compiled into the wasm bundle.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClockWords {
    pub title: String,
    pub first_response: String,
    pub on_site: String,
    pub resolution: String,
    pub deadline: String,
    pub met: String,
    /// With `{t}` for the time.
    pub overdue: String,
    pub paused: String,
    /// With `{t}` for the time.
    pub left: String,
    pub note: String,
}

impl ClockWords {
    pub fn new(lang: Lang, terms: &SlaTerms) -> Self {
        let t = |m: Msg| m.text(lang).to_string();
        let business = terms.calendar.coverage != CoverageKind::AllDay7x24;
        ClockWords {
            title: t(Msg::SlaClocks),
            first_response: t(Msg::ClockFirstResponse),
            on_site: t(Msg::ClockOnSite),
            resolution: t(Msg::ClockResolution),
            deadline: t(Msg::Deadline),
            met: t(Msg::ClockMet),
            overdue: t(Msg::ClockOverdue),
            paused: t(Msg::ClockPaused),
            left: t(Msg::ClockLeft),
            note: t(if business { Msg::ClockBusinessNote } else { Msg::ClockAllDayNote }),
        }
    }
}

/// An island: it ticks in the browser. Its props (terms and facts) change with the request, and
/// then the islands router puts a new one in its place. The page gives it its words
/// ([`ClockWords::new`] in the page's language).
#[island]
pub fn SlaClocks(terms: SlaTerms, facts: ClockFacts, words: ClockWords) -> impl IntoView {
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
    let words = std::sync::Arc::new(words);
    let row = |label: String, pick: fn(&domain::ticket::RequestClocks) -> Option<ClockStatus>, key: &'static str| {
        let words = words.clone();
        move || {
            clocks.with(pick).map(|status| {
                let (state_class, text) = describe(&status, &words, business);
                let deadline = status.deadline.map(|d| format_deadline(d, tz)).unwrap_or_else(|| "—".into());
                view! {
                    <li class=format!("clock {state_class}") data-clock=key>
                        <span class="clock-label">{label.clone()}</span>
                        <span class="clock-left" data-testid=format!("clock-{key}")>{text}</span>
                        <span class="clock-deadline">{words.deadline.clone()} " " {deadline}</span>
                    </li>
                }
            })
        }
    };
    view! {
        <ul class="clocks" aria-label=words.title.clone()>
            {row(words.first_response.clone(), |c| Some(c.first_response.clone()), "first-response")}
            {row(words.on_site.clone(), |c| c.on_site.clone(), "on-site")}
            {row(words.resolution.clone(), |c| Some(c.resolution.clone()), "resolution")}
        </ul>
        <p class="muted small">{words.note.clone()} " (" {tz.name()} ")"</p>
    }
}

/// "2026-03-01 09:30" in the calendar's zone (by hand: chrono's strftime parser is large).
fn format_deadline(d: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    let l = d.with_timezone(&tz);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", l.year(), l.month(), l.day(), l.hour(), l.minute())
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

fn describe(c: &ClockStatus, w: &ClockWords, business: bool) -> (&'static str, String) {
    match &c.state {
        ClockState::Met { .. } => ("met", w.met.clone()),
        ClockState::Breached { .. } => ("breached", w.overdue.replace("{t}", &hms(c.wall_secs_left.unwrap_or(c.remaining_secs)))),
        ClockState::Paused { reason, .. } => ("paused", format!("{} {}", w.paused, reason)),
        ClockState::Running => {
            let left = if business { c.remaining_secs } else { c.wall_secs_left.unwrap_or(c.remaining_secs) };
            ("running", w.left.replace("{t}", &hms(left)))
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
