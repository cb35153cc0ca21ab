//! The contract's business calendar and the arithmetic of counted ("business") time.
//!
//! Counted time is measured in real elapsed seconds inside the counted windows, so a window
//! that happened to straddle a daylight-saving change would count its true length; with the
//! usual 09:00–17:00 hours that never happens and every working day counts exactly 8 h.
//!
//! Everything walks day by day (each day costs a weekday check, two set look-ups and, on
//! working days, two time-zone conversions) and never minute by minute, so 72 h of 5x8 time
//! across a week-long holiday is a few dozen steps. Walks are bounded: see [`MAX_IDLE_DAYS`]
//! and [`HORIZON_DAYS`].
use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::tier::{CoverageKind, Tier};

/// A calendar with more consecutive days than this without any counted time is taken as
/// misconfigured (no real contract has a year and a month of holidays in a row): the
/// functions answer `None` instead of searching on.
pub const MAX_IDLE_DAYS: u32 = 400;

/// The furthest any walk goes, about 100 years: a deadline further away than this is
/// answered `None`, and a span longer than this is counted only up to it. Keeps a browser
/// tab from freezing on absurd input.
pub const HORIZON_DAYS: u32 = 36_600;

/// Business hours every contract uses unless its calendar says otherwise.
pub fn default_day_start() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).expect("valid time")
}

pub fn default_day_end() -> NaiveTime {
    NaiveTime::from_hms_opt(17, 0, 0).expect("valid time")
}

/// When a contract's clocks run. Stored as JSON with the contract, edited by managers.
///
/// A date in both `holidays` and `extra_working_days` is a holiday: a holiday is the more
/// specific decision and the safer one for the provider's staffing. `extra_working_days` only
/// matter to 5x8 (7x8 already works every day); 7x24 ignores both sets and the hours.
/// Hours with `day_end <= day_start` mean the calendar counts nothing (business coverages
/// answer `None`): overnight shifts are not a thing the contracts describe.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCalendar {
    pub coverage: CoverageKind,
    pub tz: Tz,
    pub day_start: NaiveTime,
    pub day_end: NaiveTime,
    pub holidays: BTreeSet<NaiveDate>,
    pub extra_working_days: BTreeSet<NaiveDate>,
}

impl BusinessCalendar {
    /// 09:00–17:00 local time, no holidays, no moved working days.
    pub fn new(coverage: CoverageKind, tz: Tz) -> BusinessCalendar {
        BusinessCalendar {
            coverage,
            tz,
            day_start: default_day_start(),
            day_end: default_day_end(),
            holidays: BTreeSet::new(),
            extra_working_days: BTreeSet::new(),
        }
    }

    pub fn for_tier(tier: Tier, tz: Tz) -> BusinessCalendar {
        BusinessCalendar::new(tier.coverage(), tz)
    }

    pub fn with_hours(mut self, day_start: NaiveTime, day_end: NaiveTime) -> Self {
        self.day_start = day_start;
        self.day_end = day_end;
        self
    }

    pub fn with_holidays(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.holidays.extend(dates);
        self
    }

    pub fn with_extra_working_days(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.extra_working_days.extend(dates);
        self
    }

    /// Whether business hours are kept on this local date (always true for 7x24).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.coverage {
            CoverageKind::AllDay7x24 => true,
            CoverageKind::BusinessHours7x8 => !self.holidays.contains(&date),
            CoverageKind::BusinessHours5x8 => {
                let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
                (weekday || self.extra_working_days.contains(&date)) && !self.holidays.contains(&date)
            }
        }
    }

    /// The instant at which `duration_secs` of counted time have elapsed since `start`; a
    /// start outside business hours waits for the next opening, so a zero duration gives the
    /// instant the clock starts. Negative durations count as zero. The end of a window is a
    /// valid answer: 8 h from 09:00 is 17:00 the same day, not 09:00 the next.
    ///
    /// `None` when the calendar never counts that much time: no business hours at all, more
    /// than [`MAX_IDLE_DAYS`] without a working day, or beyond [`HORIZON_DAYS`].
    pub fn add_business_time(&self, start: DateTime<Utc>, duration_secs: i64) -> Option<DateTime<Utc>> {
        let mut remaining = TimeDelta::try_seconds(duration_secs.max(0))?;
        // The same bound for every coverage, so 7x24 answers like the others on absurd input.
        if remaining > TimeDelta::days(i64::from(HORIZON_DAYS)) {
            return None;
        }
        if self.coverage == CoverageKind::AllDay7x24 {
            return start.checked_add_signed(remaining);
        }
        if !self.has_business_hours() {
            return None;
        }
        let mut date = self.local_date(start);
        let mut idle_days = 0;
        for _ in 0..HORIZON_DAYS {
            match self.window(date) {
                Some((open, close)) if open.max(start) < close => {
                    idle_days = 0;
                    let begin = open.max(start);
                    let available = close - begin;
                    if remaining <= available {
                        return Some(begin + remaining);
                    }
                    remaining -= available;
                }
                _ => {
                    idle_days += 1;
                    if idle_days > MAX_IDLE_DAYS {
                        return None;
                    }
                }
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// Counted seconds in `[a, b)`; 0 when `b <= a`. Spans longer than [`HORIZON_DAYS`] are
    /// counted up to the horizon only.
    pub fn business_secs_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        if b <= a {
            return 0;
        }
        let horizon = TimeDelta::days(i64::from(HORIZON_DAYS));
        let b = a.checked_add_signed(horizon).map_or(b, |cap| b.min(cap));
        if self.coverage == CoverageKind::AllDay7x24 {
            return (b - a).num_seconds();
        }
        if !self.has_business_hours() {
            return 0;
        }
        let last = self.local_date(b);
        let mut date = self.local_date(a);
        let mut total = TimeDelta::zero();
        while date <= last {
            if let Some((open, close)) = self.window(date) {
                let (from, to) = (open.max(a), close.min(b));
                if from < to {
                    total += to - from;
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        total.num_seconds()
    }

    /// Tier C's on-site limit, "by the next day": the close of business on the first working
    /// day after the day the clock starts. A report after hours starts the clock at the next
    /// opening, so Monday 20:00 must be on site by Wednesday 17:00, not Tuesday. For 7x24 every
    /// day is a working day and the close is `day_end` of the next calendar day.
    ///
    /// `None` for a calendar without business hours or without a working day in sight.
    pub fn end_of_next_working_day(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !self.has_business_hours() {
            return None;
        }
        let clock_start = self.add_business_time(after, 0)?;
        let mut date = self.local_date(clock_start);
        for _ in 0..=MAX_IDLE_DAYS {
            date = date.succ_opt()?;
            if let Some((_, close)) = self.window(date) {
                return Some(close);
            }
        }
        None
    }

    fn has_business_hours(&self) -> bool {
        self.day_start < self.day_end
    }

    fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.tz).date_naive()
    }

    /// The counted window `[open, close)` of a working day, in UTC; `None` on other days or
    /// when a time-zone oddity leaves the window empty.
    fn window(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.is_working_day(date) {
            return None;
        }
        let open = self.local_to_utc(date.and_time(self.day_start))?;
        let close = self.local_to_utc(date.and_time(self.day_end))?;
        (open < close).then_some((open, close))
    }

    /// A local wall-clock time as an instant. In the repeated hour of autumn the first
    /// occurrence wins; a time skipped in spring opens when the clock first reaches it, that
    /// is at the first minute that exists after the gap.
    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => {
                // Real gaps are an hour, at most a day (Samoa, 2011); two days is ample.
                let mut probe = local.with_second(0)?.with_nanosecond(0)?;
                for _ in 0..2 * 24 * 60 {
                    probe += TimeDelta::minutes(1);
                    if let Some(t) = self.tz.from_local_datetime(&probe).earliest() {
                        return Some(t.with_timezone(&Utc));
                    }
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
