//! Working days, as the contracts count notice periods and report deadlines: Monday to
//! Friday, plus the working days moved onto a weekend, minus the public holidays, all taken
//! from the contract's own calendar (the one its SLA clocks use).
//!
//! Counted the same for every tier: a 7x24 contract's clocks never stop, but "announced 15
//! working days ahead" still means office days (工作日), so the coverage is not consulted here.
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc, Weekday};

use crate::sla::BusinessCalendar;

/// No real calendar has this many days in a row without a working day: a walk that finds
/// none gives up (misconfigured calendar) instead of running on.
const MAX_IDLE: u32 = 400;

/// Whether `date` is a working day on the contract's calendar. A date that is both a holiday
/// and a moved working day is a holiday (as for the SLA clocks).
pub fn is_workday(cal: &BusinessCalendar, date: NaiveDate) -> bool {
    if cal.holidays.contains(&date) {
        return false;
    }
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || cal.extra_working_days.contains(&date)
}

/// The working day `n` working days after `date` (`date` itself not counted, whatever it is):
/// a report due "within 3 working days" of a visit on Friday is due on Wednesday. `n = 0`
/// gives `date` back. `None` on a calendar with no working day for [`MAX_IDLE`] days.
pub fn add(cal: &BusinessCalendar, date: NaiveDate, n: u32) -> Option<NaiveDate> {
    step(cal, date, n, 1)
}

/// The working day `n` working days before `date` (`date` not counted): the last day an
/// inspection on `date` can be announced with `n` working days' notice.
pub fn sub(cal: &BusinessCalendar, date: NaiveDate, n: u32) -> Option<NaiveDate> {
    step(cal, date, n, -1)
}

fn step(cal: &BusinessCalendar, date: NaiveDate, n: u32, dir: i64) -> Option<NaiveDate> {
    let mut d = date;
    let mut left = n;
    let mut idle = 0;
    while left > 0 {
        d = d.checked_add_signed(chrono::TimeDelta::days(dir))?;
        if is_workday(cal, d) {
            left -= 1;
            idle = 0;
        } else {
            idle += 1;
            if idle > MAX_IDLE {
                return None;
            }
        }
    }
    Some(d)
}

/// The first working day on or after `date`.
pub fn on_or_after(cal: &BusinessCalendar, date: NaiveDate) -> Option<NaiveDate> {
    if is_workday(cal, date) {
        Some(date)
    } else {
        add(cal, date, 1)
    }
}

/// Whether an announcement on `announced` gives a visit on `visit` its `n` working days of
/// notice: it went out no later than [`sub`]`(visit, n)`.
pub fn notice_kept(cal: &BusinessCalendar, announced: NaiveDate, visit: NaiveDate, n: u32) -> bool {
    sub(cal, visit, n).is_some_and(|last| announced <= last)
}

/// The end of local day `date` in the calendar's zone (midnight after it): a deadline "within
/// N working days" lasts the whole of its last day.
pub fn end_of_day(cal: &BusinessCalendar, date: NaiveDate) -> Option<DateTime<Utc>> {
    let next = date.succ_opt()?.and_hms_opt(0, 0, 0)?;
    cal.tz.from_local_datetime(&next).earliest().map(|t| t.with_timezone(&Utc))
}

/// The report deadline of a visit that ended at `ended`: the end of the `days`-th working day
/// after the visit's local date.
pub fn report_due(cal: &BusinessCalendar, ended: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    let local = ended.with_timezone(&cal.tz).date_naive();
    end_of_day(cal, add(cal, local, days)?)
}

#[cfg(test)]
mod tests;
