//! The early warning staff get when an SLA clock has used 75 % of its time: the instant each
//! clock reaches it, computed with the same calendar and pauses as the deadline itself, so
//! "75 %" is 75 % of the counted (business) time, not of the wall-clock span.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sla::deadline;
use crate::ticket::{ClockFacts, SlaTerms};

/// The share of a clock's time at which staff are warned.
pub const WARN_PERCENT: i64 = 75;

/// One of a request's three clocks; the bit it takes in `requests.sla_warned`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaClock {
    FirstResponse,
    OnSite,
    Resolution,
}

impl SlaClock {
    pub const ALL: [SlaClock; 3] = [SlaClock::FirstResponse, SlaClock::OnSite, SlaClock::Resolution];

    pub fn bit(self) -> i16 {
        match self {
            SlaClock::FirstResponse => 1,
            SlaClock::OnSite => 2,
            SlaClock::Resolution => 4,
        }
    }
}

/// When `clock` reaches 75 % of its time, or `None` when it no longer runs (met, stopped,
/// not required) or never reaches it (no working time ahead).
pub fn warn_at(terms: &SlaTerms, f: &ClockFacts, clock: SlaClock, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if f.stopped_at.is_some() {
        return None;
    }
    let cal = &terms.calendar;
    let part = |limit: i64| limit * WARN_PERCENT / 100;
    match clock {
        SlaClock::FirstResponse if f.first_response_at.is_none() => deadline(cal, f.created_at, part(terms.limits.first_response_secs()), &[], now),
        SlaClock::OnSite if f.on_site_required && f.on_site_at.is_none() => deadline(cal, f.created_at, part(f.on_site_limit_secs), &f.pauses, now),
        SlaClock::Resolution => deadline(cal, f.resolution_started_at, part(terms.limits.resolution_secs(f.severity)), &f.pauses, now),
        _ => None,
    }
}

/// The clocks not yet warned of (`warned` is the bit set) with the instant each reaches 75 %.
/// While a request is paused the on-site and resolution points keep moving, as their deadlines
/// do; they are left out until the pause ends.
pub fn warn_points(terms: &SlaTerms, f: &ClockFacts, warned: i16, paused: bool, now: DateTime<Utc>) -> Vec<(SlaClock, DateTime<Utc>)> {
    SlaClock::ALL
        .into_iter()
        .filter(|c| warned & c.bit() == 0)
        .filter(|c| !paused || *c == SlaClock::FirstResponse)
        .filter_map(|c| warn_at(terms, f, c, now).map(|at| (c, at)))
        .collect()
}
