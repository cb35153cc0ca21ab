//! Fixtures for the SLA tests: local wall-clock times written as text, and the 2026 calendars.
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::calendar::BusinessCalendar;
use super::tier::CoverageKind;

pub const MIN: i64 = 60;
pub const HOUR: i64 = 3600;

pub const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;
pub const BERLIN: Tz = chrono_tz::Europe::Berlin;

/// "2026-09-07 09:00" (or with seconds) in `tz`, as an instant. Panics on a time that does not
/// exist or exists twice, so a table can never silently mean something else.
pub fn local(tz: Tz, text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .unwrap_or_else(|e| panic!("bad time {text:?}: {e}"));
    tz.from_local_datetime(&naive).single().unwrap_or_else(|| panic!("{text} is not a single instant in {tz}")).with_timezone(&Utc)
}

/// A Beijing-time instant, the zone of the contracts.
pub fn sh(text: &str) -> DateTime<Utc> {
    local(SHANGHAI, text)
}

/// An instant shown as local time in `tz`, for readable assertion messages.
pub fn show(tz: Tz, instant: DateTime<Utc>) -> String {
    instant.with_timezone(&tz).format("%Y-%m-%d %a %H:%M:%S %Z").to_string()
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Beijing time, 09:00–17:00, no holidays.
pub fn plain(coverage: CoverageKind) -> BusinessCalendar {
    BusinessCalendar::new(coverage, SHANGHAI)
}

/// Beijing time with the 2026 National Day week off (Thu 1 – Wed 7 October) and the two
/// weekend days worked in exchange (Sun 27 September, Sat 10 October).
pub fn national_day_2026(coverage: CoverageKind) -> BusinessCalendar {
    let golden_week = (1..=7).map(|d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap());
    plain(coverage).with_holidays(golden_week).with_extra_working_days([date("2026-09-27"), date("2026-10-10")])
}
