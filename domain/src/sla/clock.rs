//! SLA clocks with pauses: the deadline and the live status of one time limit.
//!
//! [`clock_status`] is the single definition of where a clock stands. The server calls it to
//! store deadlines and to decide breaches; the browser calls the very same function every
//! second to tick the countdown. Both pass the same recorded facts (start, limit, pauses,
//! stop) and only `now` differs, so the two can never disagree.
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::BusinessCalendar;

/// A stretch during which the clock does not count, typically while waiting on the customer,
/// who sees that the clock is paused and why. An open pause (`to == None`) lasts until now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
    pub reason: String,
}

/// Where a clock stands, as of a given `now`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClockState {
    /// Counting, or waiting for the next opening of business hours (see `counting`).
    Running,
    /// Inside a pause that began at `since`; the most recent pause's reason when they overlap.
    Paused { since: DateTime<Utc>, reason: String },
    /// Stopped (`at`) no later than the deadline.
    Met { at: DateTime<Utc> },
    /// The deadline passed (`at` is the deadline itself, which is also when an automatic
    /// severity upgrade takes effect), whether the clock is still running or stopped late.
    Breached { at: DateTime<Utc> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockStatus {
    /// `None` only when the calendar never counts enough time (see
    /// [`BusinessCalendar::add_business_time`]).
    pub deadline: Option<DateTime<Utc>>,
    /// Counted time left, negative once overdue. Outside business hours it stands still, so a
    /// clock can be breached at 17:00 and still read 0 until the next opening.
    pub remaining_secs: i64,
    /// Real seconds from the reference instant (the stop, else `now`) to the deadline.
    pub wall_secs_left: Option<i64>,
    pub state: ClockState,
    /// Whether the countdown is moving at `now`: running, not paused, inside counted time.
    /// The browser shows a still clock (and why) when this is false.
    pub counting: bool,
}

/// The instant the clock runs out: `limit_secs` of counted time after `started`, moved later
/// by the counted time spent in pauses before it runs out (a pause after the deadline cannot
/// rescue a breach). Open pauses last until `now`, so while paused the deadline keeps moving;
/// once every pause is closed it no longer depends on `now`. Pauses before `started` are
/// ignored and overlapping pauses count once. Precision is the second.
pub fn deadline(calendar: &BusinessCalendar, started: DateTime<Utc>, limit_secs: i64, pauses: &[Pause], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut cursor = started;
    let mut remaining = limit_secs.max(0);
    for (from, to) in paused_spans(pauses, started, now) {
        let due = calendar.add_business_time(cursor, remaining)?;
        if due <= from {
            return Some(due);
        }
        remaining -= calendar.business_secs_between(cursor, from);
        cursor = to;
    }
    calendar.add_business_time(cursor, remaining)
}

/// The status of a clock at `now`. `stopped_at` is when the commitment was fulfilled (first
/// response given, engineer on site, fault resolved); once stopped, the clock is judged at
/// that instant and `now` no longer matters.
pub fn clock_status(
    calendar: &BusinessCalendar,
    started: DateTime<Utc>,
    limit_secs: i64,
    pauses: &[Pause],
    stopped_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ClockStatus {
    let at = stopped_at.unwrap_or(now);
    let due = deadline(calendar, started, limit_secs, pauses, at);
    let spans = paused_spans(pauses, started, at);
    let paused_secs: i64 = spans.iter().map(|&(from, to)| calendar.business_secs_between(from, to.min(at))).sum();
    let elapsed = calendar.business_secs_between(started, at) - paused_secs;
    let state = match (stopped_at, due) {
        (Some(stop), Some(d)) if stop > d => ClockState::Breached { at: d },
        (Some(stop), _) => ClockState::Met { at: stop },
        (None, Some(d)) if now > d => ClockState::Breached { at: d },
        (None, _) => match pause_covering(pauses, now) {
            Some(pause) => ClockState::Paused { since: pause.from, reason: pause.reason.clone() },
            None => ClockState::Running,
        },
    };
    let counting =
        stopped_at.is_none() && now >= started && pause_covering(pauses, now).is_none() && calendar.business_secs_between(now, now + TimeDelta::seconds(1)) > 0;
    ClockStatus { deadline: due, remaining_secs: limit_secs.max(0) - elapsed, wall_secs_left: due.map(|d| (d - at).num_seconds()), state, counting }
}

/// The pause in force at `now`; with several (overlapping records), the latest begun, whose
/// reason is the current one.
fn pause_covering(pauses: &[Pause], now: DateTime<Utc>) -> Option<&Pause> {
    pauses.iter().filter(|p| p.from <= now && p.to.is_none_or(|to| now < to)).max_by_key(|p| p.from)
}

/// The pauses as sorted, disjoint `[from, to)` spans, clipped to start no earlier than
/// `started`; open pauses end at `now`. Empty and reversed records drop out.
fn paused_spans(pauses: &[Pause], started: DateTime<Utc>, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut spans: Vec<_> = pauses.iter().map(|p| (p.from.max(started), p.to.unwrap_or(now))).filter(|(from, to)| from < to).collect();
    spans.sort();
    let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

#[cfg(test)]
mod tests;
