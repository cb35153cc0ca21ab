//! Dates, times and time zones as the portal's forms type them (contracts, training sessions,
//! filters of survey results): ISO dates in the years the portal accepts, lists of dates and
//! ranges, `HH:MM` times, and the compiled-in time zones. Pure, shared by the server and the
//! browser.
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;

/// The most dates one list (holidays, moved working days) may hold: decades of holidays.
pub const MAX_DATES: usize = 1000;
/// The longest range (`2026-10-01..2026-10-07`) one line may give, in days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// Dates outside these years are taken as typing mistakes.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2199;
/// The time zone a new contract starts with (the provider's contracts are in China).
pub const DEFAULT_TZ: &str = "Asia/Shanghai";

/// `HH:MM` (a time input may add `:SS`; seconds are dropped: hours are kept to the minute).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
}

pub fn format_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The minute of the day of `t` (0 to 1439).
pub(crate) fn minute_of_day(t: NaiveTime) -> i64 {
    i64::from(t.hour() * 60 + t.minute())
}

/// `YYYY-MM-DD`, a real date in the years the portal accepts.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // Exactly the ISO shape: chrono alone would also take "2026-1-5" or "+2026-01-05".
    let shape = s.len() == 10 && s.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
}

pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date as the number `YYYYMMDD` (how the contract form's `Problem::UntilBeforeFrom`
/// carries it).
pub fn date_number(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// The date a `YYYYMMDD` number stands for.
pub fn date_from_number(n: i64) -> Option<NaiveDate> {
    let year = i32::try_from(n / 10_000).ok()?;
    NaiveDate::from_ymd_opt(year, u32::try_from(n / 100 % 100).ok()?, u32::try_from(n % 100).ok()?)
}

/// A list of dates: one date (`2026-10-01`) or inclusive range (`2026-10-01..2026-10-07`,
/// also `2026-10-01~2026-10-07`) a line; commas and semicolons separate items too, spaces
/// inside an item are ignored, empty items are skipped. `Err` gives the first bad item.
pub fn parse_dates(raw: &str) -> Result<BTreeSet<NaiveDate>, String> {
    let mut dates = BTreeSet::new();
    for item in raw.split(['\n', '\r', ',', ';', '，', '；']) {
        let compact: String = item.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            continue;
        }
        let bad = || item.trim().to_string();
        let range = compact.split_once("..").or_else(|| compact.split_once('~'));
        match range {
            None => {
                dates.insert(parse_date(&compact).ok_or_else(bad)?);
            }
            Some((a, b)) => {
                let (a, b) = (parse_date(a).ok_or_else(bad)?, parse_date(b).ok_or_else(bad)?);
                let days = (b - a).num_days();
                if !(0..MAX_RANGE_DAYS).contains(&days) {
                    return Err(bad());
                }
                dates.extend(a.iter_days().take(days as usize + 1));
            }
        }
        if dates.len() > MAX_DATES {
            // Enough to know it is too many; stop before absurd input costs more.
            break;
        }
    }
    Ok(dates)
}

/// Dates one a line, consecutive days written as a range `from..to`: what [`parse_dates`]
/// reads back as the same set.
pub fn format_dates(dates: &BTreeSet<NaiveDate>) -> String {
    let mut lines: Vec<String> = vec![];
    let mut iter = dates.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while let Some(&next) = iter.peek() {
            if end.succ_opt() == Some(next) {
                end = next;
                iter.next();
            } else {
                break;
            }
        }
        lines.push(if end == start { format_date(start) } else { format!("{}..{}", format_date(start), format_date(end)) });
    }
    lines.join("\n")
}

/// The time zones contracts and training sessions may use: the zones compiled in (`.cargo/config.toml`,
/// `CHRONO_TZ_TIMEZONE_FILTER`), in the order the form offers them. chrono-tz also compiles
/// in the aliases of those zones (`PRC`, `Asia/Chongqing`, `Etc/GMT-8`…); they are not
/// offered nor accepted, so every contract names its zone one way. A zone added to the filter
/// is added here too (a test compares the two).
pub const TIME_ZONES: [&str; 17] = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
];

/// A zone from [`TIME_ZONES`] by its exact name.
pub fn parse_time_zone(name: &str) -> Option<Tz> {
    TIME_ZONES.contains(&name).then(|| name.parse::<Tz>().ok()).flatten()
}

#[cfg(test)]
mod tests;
