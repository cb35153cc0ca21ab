//! The month grid of the customers' calendar view.
//!
//! Weeks start on Monday (as in China and ISO 8601) and the grid is whole weeks, so the
//! leading and trailing days of the neighbouring months fill the first and last rows (shown
//! greyed, `in_month: false`). A session belongs to the local day it starts on in the
//! viewer's zone: 01:00 UTC is already the next day in Shanghai. The page adds seats left
//! and titles from the session list it already has; the grid carries ids only.
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    /// False for the days of the previous and next month that complete the first and last week.
    pub in_month: bool,
    /// Sessions starting on this local day, by start time (then id).
    pub sessions: Vec<i32>,
}

/// Monday to Sunday.
pub type Week = [Day; 7];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGrid {
    pub year: i32,
    pub month: u32,
    /// Four to six weeks.
    pub weeks: Vec<Week>,
}

/// The years the calendar shows: any real session's, and far from the ends of what a date
/// can hold (the grid reaches into the neighbouring months, which must exist).
pub const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// The grid of `month` (1 to 12) of `year` (in [`CALENDAR_YEARS`]) in `tz`, with `sessions`
/// as (id, starts_at unix seconds) placed on their local start day. `None` for a month that
/// does not exist or a year outside the range.
pub fn month_grid(year: i32, month: u32, tz: Tz, sessions: &[(i32, i64)]) -> Option<MonthGrid> {
    if !CALENDAR_YEARS.contains(&year) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next_first = first.checked_add_months(Months::new(1))?;
    let grid_start = first.checked_sub_days(Days::new(u64::from(first.weekday().num_days_from_monday())))?;
    let mut placed: Vec<(NaiveDate, i64, i32)> =
        sessions.iter().filter_map(|&(id, at)| Some((tz.timestamp_opt(at, 0).single()?.date_naive(), at, id))).collect();
    placed.sort_unstable();
    let mut weeks = Vec::new();
    let mut monday = grid_start;
    while monday < next_first {
        weeks.push(std::array::from_fn(|i| {
            let date = monday + Days::new(i as u64);
            let sessions = placed.iter().filter(|(d, _, _)| *d == date).map(|&(_, _, id)| id).collect();
            Day { date, in_month: date.month() == month && date.year() == year, sessions }
        }));
        monday = monday + Days::new(7);
    }
    Some(MonthGrid { year, month, weeks })
}

/// The month before `(year, month)` (never overflowing: the grid refuses what is out of range).
pub fn previous_month(year: i32, month: u32) -> (i32, u32) {
    if month <= 1 {
        (year.saturating_sub(1), 12)
    } else {
        (year, month - 1)
    }
}

/// The month after `(year, month)`.
pub fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month >= 12 {
        (year.saturating_add(1), 1)
    } else {
        (year, month + 1)
    }
}

/// The local (year, month) of an instant in `tz`: the month the calendar opens on.
pub fn month_of(at: i64, tz: Tz) -> (i32, u32) {
    let date = tz.timestamp_opt(at, 0).single().map(|t| t.date_naive()).unwrap_or_default();
    (date.year(), date.month())
}

#[cfg(test)]
mod tests;
