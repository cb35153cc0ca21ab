//! The contract form of the admin pages: what an administrator types, checked field by field
//! and turned into the terms a contract stores (tier, [`BusinessCalendar`], [`TimeLimits`])
//! and its validity period. Pure, so the server decides with it and the page pre-fills and
//! explains with it.
//!
//! Rules (shared/DOMAIN.md, "Service tiers and time limits"):
//! - The calendar kind follows the tier: A counts 7x24, B business hours every day (7x8), C
//!   business hours on working days (5x8). Hours, holidays and moved working days are stored
//!   whatever the tier, so switching a contract from A to B and back loses nothing; 7x24
//!   ignores them and 7x8 ignores moved working days.
//! - Time limits are whole minutes of counted time, from 1 minute to [`MAX_LIMIT_MINUTES`].
//!   A less severe fault never gets less time than a more severe one: the contract table
//!   never decreases from severity 1 to 3 (tier C gives severities 2 and 3 the same 72 h, so
//!   equal is allowed). The first response is due no later than a critical fault must be
//!   resolved.
//! - Validity is a period of whole days, both ends included; no end date means open-ended.
//!   An organization has at most one contract on any day ([`overlapping`]): to change terms
//!   from a date, end the current contract the day before and create the next one. So which
//!   contract a new request uses is never ambiguous.
//! - A date may not be both a public holiday and a moved working day.
//!
//! Every problem is a [`FieldError`] on the input it concerns, with one of the shared
//! [`ErrorCode`]s; [`Problem`] names the contract-specific meaning of each (field, code) pair
//! so the page can say exactly what is wrong (see [`Problem::of`]). Two problems concern a
//! pair of inputs and are reported on their group: [`field::VALIDITY`] (the period overlaps
//! another contract) and [`field::CALENDAR_DATES`] (a date in both lists).
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::calendar::BusinessCalendar;
use super::limits::{OnSiteLimit, ResolutionMinutes, TimeLimits};
use super::tier::Tier;
use crate::error_code::{ErrorCode, FieldError};

/// The longest time limit a form accepts: a year of counted minutes.
pub const MAX_LIMIT_MINUTES: u32 = 365 * 24 * 60;
/// The most dates one list (holidays, moved working days) may hold: decades of holidays.
pub const MAX_DATES: usize = 1000;
/// The longest range (`2026-10-01..2026-10-07`) one line may give, in days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// Dates outside these years are taken as typing mistakes.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2199;
/// The time zone a new contract starts with (the provider's contracts are in China).
pub const DEFAULT_TZ: &str = "Asia/Shanghai";

/// Input names of the contract form (the server functions' argument names).
pub mod field {
    pub const ORG: &str = "org_id";
    pub const TIER: &str = "tier";
    pub const TZ: &str = "tz";
    pub const DAY_START: &str = "day_start";
    pub const DAY_END: &str = "day_end";
    pub const VALID_FROM: &str = "valid_from";
    pub const VALID_UNTIL: &str = "valid_until";
    /// The validity period as a whole: it overlaps another contract of the organization.
    pub const VALIDITY: &str = "validity";
    pub const FIRST_RESPONSE: &str = "first_response";
    /// `within` (then [`ON_SITE`] minutes) or `next_working_day_end`.
    pub const ON_SITE_KIND: &str = "on_site_kind";
    pub const ON_SITE: &str = "on_site";
    /// Resolution minutes for severity 1, 2 and 3.
    pub const RESOLUTION: [&str; 3] = ["resolution_1", "resolution_2", "resolution_3"];
    pub const HOLIDAYS: &str = "holidays";
    pub const WORKING_DAYS: &str = "working_days";
    /// Both date lists together: a date is in both.
    pub const CALENDAR_DATES: &str = "calendar_dates";

    /// Every limit input, in form order.
    pub const LIMITS: [&str; 5] = [FIRST_RESPONSE, ON_SITE, RESOLUTION[0], RESOLUTION[1], RESOLUTION[2]];
}

pub const ON_SITE_WITHIN: &str = "within";
pub const ON_SITE_NEXT_DAY: &str = "next_working_day_end";

/// The form as posted: every value is text, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractInput {
    pub tier: String,
    pub tz: String,
    pub day_start: String,
    pub day_end: String,
    pub valid_from: String,
    /// Empty: open-ended.
    pub valid_until: String,
    pub first_response: String,
    pub on_site_kind: String,
    /// Minutes; only read when `on_site_kind` is `within`.
    pub on_site: String,
    /// Minutes for severity 1, 2, 3.
    pub resolution: [String; 3],
    /// Dates or ranges, one a line (commas and semicolons separate too).
    pub holidays: String,
    pub working_days: String,
}

/// A checked form: the terms to store and the period they are valid for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContract {
    pub tier: Tier,
    pub calendar: BusinessCalendar,
    pub limits: TimeLimits,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

impl ContractInput {
    /// The form showing stored terms.
    pub fn from_terms(tier: Tier, calendar: &BusinessCalendar, limits: &TimeLimits, valid_from: NaiveDate, valid_until: Option<NaiveDate>) -> ContractInput {
        let mut input = ContractInput {
            tier: tier.as_str().to_string(),
            tz: calendar.tz.name().to_string(),
            day_start: format_time(calendar.day_start),
            day_end: format_time(calendar.day_end),
            valid_from: format_date(valid_from),
            valid_until: valid_until.map(format_date).unwrap_or_default(),
            holidays: format_dates(&calendar.holidays),
            working_days: format_dates(&calendar.extra_working_days),
            ..ContractInput::default()
        };
        input.set_limits(limits);
        input
    }

    /// A blank contract of `tier` in `tz` from `valid_from`: default hours, no dates, the
    /// tier's time limits.
    pub fn new_for(tier: Tier, tz: Tz, valid_from: NaiveDate) -> ContractInput {
        let calendar = BusinessCalendar::for_tier(tier, tz);
        ContractInput::from_terms(tier, &calendar, &TimeLimits::default_for(tier), valid_from, None)
    }

    /// Puts `limits` into the limit inputs (the on-site minutes are left as they are when the
    /// limit is "next working day", so switching back keeps what was typed).
    pub fn set_limits(&mut self, limits: &TimeLimits) {
        self.first_response = limits.first_response_minutes.to_string();
        match limits.on_site {
            OnSiteLimit::Within { minutes } => {
                self.on_site_kind = ON_SITE_WITHIN.to_string();
                self.on_site = minutes.to_string();
            }
            OnSiteLimit::NextWorkingDayEnd => {
                self.on_site_kind = ON_SITE_NEXT_DAY.to_string();
            }
        }
        let r = limits.resolution_minutes;
        self.resolution = [r.critical.to_string(), r.major.to_string(), r.minor.to_string()];
    }

    /// Whether the limit inputs say exactly `limits` (the page uses it to follow a tier
    /// change only while the figures are still the old tier's defaults).
    pub fn limits_are(&self, limits: &TimeLimits) -> bool {
        let mut other = self.clone();
        other.set_limits(limits);
        let same_on_site = match limits.on_site {
            OnSiteLimit::Within { .. } => self.on_site_kind == other.on_site_kind && self.on_site.trim() == other.on_site,
            OnSiteLimit::NextWorkingDayEnd => self.on_site_kind == other.on_site_kind,
        };
        same_on_site
            && self.first_response.trim() == other.first_response
            && self.resolution.iter().map(|s| s.trim()).eq(other.resolution.iter().map(String::as_str))
    }

    /// Checks every field and returns every problem at once, in form order. With
    /// `reset_limits` the limit inputs are ignored and the tier's defaults are taken.
    pub fn validate(&self, reset_limits: bool) -> Result<ValidContract, Vec<FieldError>> {
        let mut errors = vec![];
        let tier = match self.tier.trim() {
            "" => fail(&mut errors, field::TIER, Problem::Required),
            s => Tier::parse(&s.to_ascii_lowercase()).or_else(|| fail(&mut errors, field::TIER, Problem::UnknownTier)),
        };
        let tz = match self.tz.trim() {
            "" => fail(&mut errors, field::TZ, Problem::Required),
            s => parse_time_zone(s).or_else(|| fail(&mut errors, field::TZ, Problem::UnknownTimeZone)),
        };
        let day_start = parse_time_field(field::DAY_START, &self.day_start, &mut errors);
        let day_end = parse_time_field(field::DAY_END, &self.day_end, &mut errors);
        if let (Some(start), Some(end)) = (day_start, day_end) {
            if end <= start {
                let after = minute_of_day(start) + 1;
                push(&mut errors, field::DAY_END, Problem::HoursEndBeforeStart { earliest_minute: after });
            }
        }
        let valid_from = match self.valid_from.trim() {
            "" => fail(&mut errors, field::VALID_FROM, Problem::Required),
            s => parse_date(s).or_else(|| fail(&mut errors, field::VALID_FROM, Problem::NotADate)),
        };
        let valid_until = match self.valid_until.trim() {
            "" => Some(None),
            s => parse_date(s).map(Some).or_else(|| fail(&mut errors, field::VALID_UNTIL, Problem::NotADate)),
        };
        if let (Some(from), Some(Some(until))) = (valid_from, valid_until) {
            if until < from {
                push(&mut errors, field::VALID_UNTIL, Problem::UntilBeforeFrom { from: date_number(from) });
            }
        }
        let limits = if reset_limits { tier.map(TimeLimits::default_for) } else { self.limits(&mut errors) };
        let holidays = parse_dates_field(field::HOLIDAYS, &self.holidays, &mut errors);
        let working_days = parse_dates_field(field::WORKING_DAYS, &self.working_days, &mut errors);
        if let (Some(h), Some(w)) = (&holidays, &working_days) {
            if h.intersection(w).next().is_some() {
                push(&mut errors, field::CALENDAR_DATES, Problem::HolidayAndWorkingDay);
            }
        }
        match (tier, tz, day_start, day_end, valid_from, valid_until, limits, holidays, working_days) {
            (Some(tier), Some(tz), Some(start), Some(end), Some(from), Some(until), Some(limits), Some(h), Some(w)) if errors.is_empty() => {
                let calendar = BusinessCalendar::for_tier(tier, tz).with_hours(start, end).with_holidays(h).with_extra_working_days(w);
                Ok(ValidContract { tier, calendar, limits, valid_from: from, valid_until: until })
            }
            _ => Err(errors),
        }
    }

    fn limits(&self, errors: &mut Vec<FieldError>) -> Option<TimeLimits> {
        let first_response = parse_minutes(field::FIRST_RESPONSE, &self.first_response, errors);
        let on_site = match self.on_site_kind.trim() {
            ON_SITE_WITHIN => parse_minutes(field::ON_SITE, &self.on_site, errors).map(|minutes| OnSiteLimit::Within { minutes }),
            ON_SITE_NEXT_DAY => Some(OnSiteLimit::NextWorkingDayEnd),
            "" => fail(errors, field::ON_SITE_KIND, Problem::Required),
            _ => fail(errors, field::ON_SITE_KIND, Problem::UnknownOnSiteKind),
        };
        let mut resolution = [None; 3];
        // The largest valid figure of a more severe level: a less severe one needs at least it.
        let mut floor: Option<u32> = None;
        for (i, raw) in self.resolution.iter().enumerate() {
            let name = field::RESOLUTION[i];
            let Some(minutes) = parse_minutes(name, raw, errors) else {
                continue;
            };
            match floor {
                Some(min) if minutes < min => {
                    push(errors, name, Problem::ShorterThanMoreSevere { min });
                }
                _ => {
                    resolution[i] = Some(minutes);
                    floor = Some(minutes);
                }
            }
        }
        if let (Some(response), Some(critical)) = (first_response, resolution[0]) {
            if response > critical {
                push(errors, field::FIRST_RESPONSE, Problem::ResponseAfterResolution { max: critical });
                return None;
            }
        }
        match (first_response, on_site, resolution) {
            (Some(first_response_minutes), Some(on_site), [Some(critical), Some(major), Some(minor)]) => {
                Some(TimeLimits { first_response_minutes, on_site, resolution_minutes: ResolutionMinutes { critical, major, minor } })
            }
            _ => None,
        }
    }
}

/// What is wrong with one input, in the contract form's terms. Each is carried as a shared
/// [`ErrorCode`] on its input ([`Problem::at`]) and read back with [`Problem::of`]; the pair
/// (input, code) always names one problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing typed where a value is needed. `required`
    Required,
    /// Not tier A, B or C. `invalid_choice` on `tier`
    UnknownTier,
    /// Not one of the compiled-in zones ([`TIME_ZONES`]). `invalid_choice` on `tz`
    UnknownTimeZone,
    /// Neither `within` nor `next_working_day_end`. `invalid_choice` on `on_site_kind`
    UnknownOnSiteKind,
    /// The organization is the provider, not a customer. `invalid_choice` on `org_id`
    NotACustomer,
    /// Not a date `YYYY-MM-DD` between [`FIRST_YEAR`] and [`LAST_YEAR`]. `invalid_choice`
    NotADate,
    /// Not a time `HH:MM`. `invalid_choice` on the hours
    NotATime,
    /// Business hours end at or before they start. `out_of_range` on `day_end`, from the
    /// minute of the day after the start to the last minute of the day.
    HoursEndBeforeStart { earliest_minute: i64 },
    /// The end date is before the start date. `out_of_range` on `valid_until`, from the start
    /// date written as the number `YYYYMMDD`.
    UntilBeforeFrom { from: i64 },
    /// The period overlaps another contract of the organization: one contract a day.
    /// `too_many { max: 1 }` on `validity`
    Overlaps,
    /// Not a whole number of minutes from 1 to [`MAX_LIMIT_MINUTES`]. `out_of_range`
    LimitOutOfRange,
    /// Less time than a more severe level gets. `out_of_range` from that level's figure.
    ShorterThanMoreSevere { min: u32 },
    /// The first response would be due after a critical fault must be resolved.
    /// `out_of_range` on `first_response`, up to the critical resolution figure.
    ResponseAfterResolution { max: u32 },
    /// A line of a date list is neither a date nor a range `from..to` (or `from~to`) of at
    /// most [`MAX_RANGE_DAYS`] days. `invalid_choice` on the list
    BadDateLine,
    /// More than [`MAX_DATES`] dates in a list. `too_many`
    TooManyDates,
    /// A date is both a holiday and a moved working day. `invalid_choice` on `calendar_dates`
    HolidayAndWorkingDay,
}

impl Problem {
    pub fn code(self) -> ErrorCode {
        let max_limit = i64::from(MAX_LIMIT_MINUTES);
        match self {
            Problem::Required => ErrorCode::Required,
            Problem::UnknownTier
            | Problem::UnknownTimeZone
            | Problem::UnknownOnSiteKind
            | Problem::NotACustomer
            | Problem::NotADate
            | Problem::NotATime
            | Problem::BadDateLine
            | Problem::HolidayAndWorkingDay => ErrorCode::InvalidChoice,
            Problem::HoursEndBeforeStart { earliest_minute } => ErrorCode::OutOfRange { min: earliest_minute, max: 24 * 60 - 1 },
            Problem::UntilBeforeFrom { from } => ErrorCode::OutOfRange { min: from, max: i64::from(LAST_YEAR) * 10_000 + 1231 },
            Problem::Overlaps => ErrorCode::TooMany { max: 1 },
            Problem::LimitOutOfRange => ErrorCode::OutOfRange { min: 1, max: max_limit },
            Problem::ShorterThanMoreSevere { min } => ErrorCode::OutOfRange { min: i64::from(min), max: max_limit },
            Problem::ResponseAfterResolution { max } => ErrorCode::OutOfRange { min: 1, max: i64::from(max) },
            Problem::TooManyDates => ErrorCode::TooMany { max: MAX_DATES },
        }
    }

    /// This problem as an error on input `field`.
    pub fn at(self, field: &str) -> FieldError {
        FieldError::new(field, self.code())
    }

    /// The contract-form meaning of an error, when it is one of this form's.
    pub fn of(e: &FieldError) -> Option<Problem> {
        use field::*;
        let f = e.field.as_str();
        let limit = LIMITS.contains(&f);
        Some(match (&e.code, f) {
            (ErrorCode::Required, _) => Problem::Required,
            (ErrorCode::InvalidChoice, TIER) => Problem::UnknownTier,
            (ErrorCode::InvalidChoice, TZ) => Problem::UnknownTimeZone,
            (ErrorCode::InvalidChoice, ON_SITE_KIND) => Problem::UnknownOnSiteKind,
            (ErrorCode::InvalidChoice, ORG) => Problem::NotACustomer,
            (ErrorCode::InvalidChoice, VALID_FROM | VALID_UNTIL) => Problem::NotADate,
            (ErrorCode::InvalidChoice, DAY_START | DAY_END) => Problem::NotATime,
            (ErrorCode::InvalidChoice, HOLIDAYS | WORKING_DAYS) => Problem::BadDateLine,
            (ErrorCode::InvalidChoice, CALENDAR_DATES) => Problem::HolidayAndWorkingDay,
            (ErrorCode::TooMany { .. }, VALIDITY) => Problem::Overlaps,
            (ErrorCode::TooMany { .. }, HOLIDAYS | WORKING_DAYS) => Problem::TooManyDates,
            (ErrorCode::OutOfRange { min, .. }, DAY_END) => Problem::HoursEndBeforeStart { earliest_minute: *min },
            (ErrorCode::OutOfRange { min, .. }, VALID_UNTIL) => Problem::UntilBeforeFrom { from: *min },
            (ErrorCode::OutOfRange { min, max }, _) if limit => {
                let max_limit = i64::from(MAX_LIMIT_MINUTES);
                if *min > 1 && *max == max_limit {
                    Problem::ShorterThanMoreSevere { min: u32::try_from(*min).ok()? }
                } else if f == FIRST_RESPONSE && *min == 1 && *max < max_limit {
                    Problem::ResponseAfterResolution { max: u32::try_from(*max).ok()? }
                } else {
                    Problem::LimitOutOfRange
                }
            }
            _ => return None,
        })
    }
}

fn push(errors: &mut Vec<FieldError>, field: &str, problem: Problem) {
    errors.push(problem.at(field));
}

/// Records a problem and gives `None`, for `or_else` chains.
fn fail<T>(errors: &mut Vec<FieldError>, field: &str, problem: Problem) -> Option<T> {
    push(errors, field, problem);
    None
}

fn parse_minutes(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
    match raw.trim() {
        "" => fail(errors, field, Problem::Required),
        s => s.parse::<u32>().ok().filter(|m| (1..=MAX_LIMIT_MINUTES).contains(m)).or_else(|| fail(errors, field, Problem::LimitOutOfRange)),
    }
}

fn parse_time_field(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    match raw.trim() {
        "" => fail(errors, field, Problem::Required),
        s => parse_time(s).or_else(|| fail(errors, field, Problem::NotATime)),
    }
}

fn parse_dates_field(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<BTreeSet<NaiveDate>> {
    match parse_dates(raw) {
        Ok(dates) if dates.len() > MAX_DATES => fail(errors, field, Problem::TooManyDates),
        Ok(dates) => Some(dates),
        Err(_) => fail(errors, field, Problem::BadDateLine),
    }
}

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

fn minute_of_day(t: NaiveTime) -> i64 {
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

/// A date as the number `YYYYMMDD` (how [`Problem::UntilBeforeFrom`] carries it).
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

/// The time zones contracts may use: the zones compiled in (`.cargo/config.toml`,
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

/// One contract's validity period, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: i32,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|u| day <= u)
    }

    fn overlaps(&self, from: NaiveDate, until: Option<NaiveDate>) -> bool {
        self.valid_until.is_none_or(|u| from <= u) && until.is_none_or(|u| self.valid_from <= u)
    }
}

/// The first of `others` (another contract of the same organization, `except` being the one
/// edited) whose period shares a day with `from..=until`; `Some` is an error at
/// [`field::VALIDITY`] ([`Problem::Overlaps`]).
pub fn overlapping(from: NaiveDate, until: Option<NaiveDate>, others: &[Period], except: Option<i32>) -> Option<Period> {
    others.iter().filter(|p| Some(p.id) != except).find(|p| p.overlaps(from, until)).copied()
}

/// The contract in force on `day` among an organization's, by the rule the server uses when
/// a request is opened (`db::repo::contracts::in_force`): of those valid that day, the one
/// that started last (the newest on a tie).
pub fn in_force(periods: &[Period], day: NaiveDate) -> Option<i32> {
    periods.iter().filter(|p| p.contains(day)).max_by_key(|p| (p.valid_from, p.id)).map(|p| p.id)
}

/// Where a contract stands on `day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The one new requests get.
    InForce,
    /// Starts later.
    Upcoming,
    /// Ended, or replaced by one that started later.
    NotInForce,
}

pub fn standing(period: &Period, all: &[Period], day: NaiveDate) -> Standing {
    if in_force(all, day) == Some(period.id) {
        Standing::InForce
    } else if period.valid_from > day {
        Standing::Upcoming
    } else {
        Standing::NotInForce
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::tier::CoverageKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    /// A good tier-B form.
    fn good() -> ContractInput {
        ContractInput::new_for(Tier::B, chrono_tz::Asia::Shanghai, d("2026-01-01"))
    }

    fn errors(input: &ContractInput) -> Vec<(String, Option<Problem>)> {
        input.validate(false).unwrap_err().into_iter().map(|e| (e.field.clone(), Problem::of(&e))).collect()
    }

    fn one(field: &str, problem: Problem) -> Vec<(String, Option<Problem>)> {
        vec![(field.to_string(), Some(problem))]
    }

    #[test]
    fn a_new_form_is_the_tier_table_and_valid() {
        for tier in Tier::ALL {
            let input = ContractInput::new_for(tier, chrono_tz::Asia::Shanghai, d("2026-03-01"));
            let v = input.validate(false).unwrap();
            assert_eq!(v.tier, tier);
            assert_eq!(v.limits, TimeLimits::default_for(tier), "{tier:?}");
            assert_eq!(v.calendar, BusinessCalendar::for_tier(tier, chrono_tz::Asia::Shanghai));
            assert_eq!((v.valid_from, v.valid_until), (d("2026-03-01"), None));
            assert!(input.limits_are(&TimeLimits::default_for(tier)));
        }
        let c = ContractInput::new_for(Tier::C, chrono_tz::UTC, d("2026-03-01"));
        assert_eq!(c.on_site_kind, ON_SITE_NEXT_DAY);
        assert_eq!(c.resolution, ["480".to_string(), "4320".into(), "4320".into()]);
        assert_eq!((c.day_start.as_str(), c.day_end.as_str(), c.tz.as_str()), ("09:00", "17:00", "UTC"));
    }

    #[test]
    fn the_form_round_trips_stored_terms() {
        let calendar = BusinessCalendar::for_tier(Tier::C, chrono_tz::Europe::Berlin)
            .with_hours(t("08:30"), t("18:00"))
            .with_holidays((1..=7).map(|day| NaiveDate::from_ymd_opt(2026, 10, day).unwrap()).chain([d("2026-12-25")]))
            .with_extra_working_days([d("2026-09-27"), d("2026-10-10")]);
        let mut limits = TimeLimits::default_for(Tier::C);
        limits.resolution_minutes.critical = 300;
        limits.on_site = OnSiteLimit::Within { minutes: 600 };
        let input = ContractInput::from_terms(Tier::C, &calendar, &limits, d("2026-01-01"), Some(d("2026-12-31")));
        assert_eq!(input.holidays, "2026-10-01..2026-10-07\n2026-12-25");
        assert_eq!(input.working_days, "2026-09-27\n2026-10-10");
        let v = input.validate(false).unwrap();
        assert_eq!(v, ValidContract { tier: Tier::C, calendar, limits, valid_from: d("2026-01-01"), valid_until: Some(d("2026-12-31")) });
    }

    #[test]
    fn the_calendar_kind_follows_the_tier() {
        for (tier, coverage) in [(Tier::A, CoverageKind::AllDay7x24), (Tier::B, CoverageKind::BusinessHours7x8), (Tier::C, CoverageKind::BusinessHours5x8)] {
            let mut input = good();
            input.tier = tier.as_str().to_uppercase();
            assert_eq!(input.validate(false).unwrap().calendar.coverage, coverage, "{tier:?}");
        }
    }

    #[test]
    fn required_fields() {
        let mut input = good();
        input.tier = " ".into();
        input.tz = "".into();
        input.day_start = "".into();
        input.valid_from = "".into();
        input.first_response = "".into();
        input.on_site = "".into();
        input.resolution[2] = "".into();
        let p = Some(Problem::Required);
        assert_eq!(
            errors(&input),
            vec![
                ("tier".into(), p),
                ("tz".into(), p),
                ("day_start".into(), p),
                ("valid_from".into(), p),
                ("first_response".into(), p),
                ("on_site".into(), p),
                ("resolution_3".into(), p),
            ]
        );
        // Optional: the end date, the date lists; the on-site minutes when "next day".
        let mut input = good();
        input.valid_until = "".into();
        input.holidays = "\n \n".into();
        input.working_days = "".into();
        input.on_site_kind = ON_SITE_NEXT_DAY.into();
        input.on_site = "".into();
        assert!(input.validate(false).is_ok());
    }

    #[test]
    fn choices_must_be_known() {
        let mut input = good();
        input.tier = "d".into();
        input.tz = "Europe/Madrid".into();
        input.on_site_kind = "soon".into();
        assert_eq!(
            errors(&input),
            vec![
                ("tier".into(), Some(Problem::UnknownTier)),
                ("tz".into(), Some(Problem::UnknownTimeZone)),
                ("on_site_kind".into(), Some(Problem::UnknownOnSiteKind)),
            ]
        );
    }

    /// Expands the filter of `.cargo/config.toml`, shaped `^(UTC|Asia/(Shanghai|Tokyo)|…)$`.
    fn zones_of_filter(filter: &str) -> Vec<String> {
        let inner = filter.trim_start_matches("^(").trim_end_matches(")$");
        let mut names = vec![];
        let (mut depth, mut start) = (0, 0);
        let mut items = vec![];
        for (i, c) in inner.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                '|' if depth == 0 => {
                    items.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(&inner[start..]);
        for item in items {
            match item.split_once('(') {
                None => names.push(item.to_string()),
                Some((prefix, rest)) => names.extend(rest.trim_end_matches(')').split('|').map(|z| format!("{prefix}{z}"))),
            }
        }
        names
    }

    #[test]
    fn the_offered_time_zones_are_exactly_the_compiled_in_ones() {
        let filter = option_env!("CHRONO_TZ_TIMEZONE_FILTER").expect("set by .cargo/config.toml");
        let mut from_filter = zones_of_filter(filter);
        let mut offered: Vec<String> = TIME_ZONES.iter().map(|z| z.to_string()).collect();
        from_filter.sort();
        offered.sort();
        assert_eq!(offered, from_filter, "TIME_ZONES and CHRONO_TZ_TIMEZONE_FILTER differ");
        assert_eq!(TIME_ZONES[0], DEFAULT_TZ);
        for name in TIME_ZONES {
            let mut input = good();
            input.tz = name.into();
            assert_eq!(input.validate(false).unwrap().calendar.tz.name(), name);
        }
        // Aliases compiled in with them, other zones, other spellings: refused.
        for bad in ["PRC", "Asia/Chongqing", "Etc/GMT-8", "Europe/Madrid", "asia/shanghai", "CST", "+08:00"] {
            let mut input = good();
            input.tz = bad.into();
            assert_eq!(errors(&input), one("tz", Problem::UnknownTimeZone), "{bad}");
        }
    }

    #[test]
    fn dates_must_be_real_iso_dates() {
        for bad in ["2026-02-30", "2026-1-5", "01/05/2026", "tomorrow", "1999-12-31", "2200-01-01", "+2026-01-05"] {
            let mut input = good();
            input.valid_from = bad.into();
            input.valid_until = bad.into();
            assert_eq!(errors(&input), vec![("valid_from".into(), Some(Problem::NotADate)), ("valid_until".into(), Some(Problem::NotADate))], "{bad}");
        }
    }

    #[test]
    fn the_end_date_is_not_before_the_start() {
        let mut input = good();
        input.valid_from = "2026-06-01".into();
        input.valid_until = "2026-05-31".into();
        let e = input.validate(false).unwrap_err();
        assert_eq!(e, vec![FieldError::new("valid_until", ErrorCode::OutOfRange { min: 20260601, max: 21991231 })]);
        assert_eq!(Problem::of(&e[0]), Some(Problem::UntilBeforeFrom { from: 20260601 }));
        assert_eq!(date_from_number(20260601), Some(d("2026-06-01")));
        // A one-day contract is fine.
        input.valid_until = "2026-06-01".into();
        assert_eq!(input.validate(false).unwrap().valid_until, Some(d("2026-06-01")));
    }

    #[test]
    fn business_hours() {
        let mut input = good();
        input.day_start = "9".into();
        input.day_end = "25:00".into();
        assert_eq!(errors(&input), vec![("day_start".into(), Some(Problem::NotATime)), ("day_end".into(), Some(Problem::NotATime))]);
        for (start, end) in [("17:00", "09:00"), ("09:00", "09:00")] {
            input.day_start = start.into();
            input.day_end = end.into();
            let e = input.validate(false).unwrap_err();
            assert_eq!(e, vec![FieldError::new("day_end", ErrorCode::OutOfRange { min: minute_of_day(t(start)) + 1, max: 1439 })]);
            assert!(matches!(Problem::of(&e[0]), Some(Problem::HoursEndBeforeStart { .. })));
        }
        input.day_start = "08:30:00".into();
        input.day_end = " 18:00 ".into();
        let cal = input.validate(false).unwrap().calendar;
        assert_eq!((cal.day_start, cal.day_end), (t("08:30"), t("18:00")));
    }

    #[test]
    fn limits_are_whole_positive_minutes_within_a_year() {
        for bad in ["0", "-5", "1.5", "2h", "525601", "99999999999"] {
            let mut input = good();
            input.first_response = bad.into();
            input.on_site = bad.into();
            input.resolution = [bad.into(), bad.into(), bad.into()];
            let expect: Vec<_> = field::LIMITS.iter().map(|f| (f.to_string(), Some(Problem::LimitOutOfRange))).collect();
            assert_eq!(errors(&input), expect, "{bad}");
            assert_eq!(input.validate(false).unwrap_err()[0].code, ErrorCode::OutOfRange { min: 1, max: 525_600 });
        }
        let mut input = good();
        input.resolution = ["1".into(), "525600".into(), "525600".into()];
        input.first_response = "1".into();
        assert!(input.validate(false).is_ok());
    }

    #[test]
    fn less_severe_faults_never_get_less_time() {
        let mut input = good();
        input.resolution = ["240".into(), "200".into(), "100".into()];
        let e = input.validate(false).unwrap_err();
        assert_eq!(
            e,
            vec![
                FieldError::new("resolution_2", ErrorCode::OutOfRange { min: 240, max: 525_600 }),
                FieldError::new("resolution_3", ErrorCode::OutOfRange { min: 240, max: 525_600 }),
            ]
        );
        assert_eq!(Problem::of(&e[0]), Some(Problem::ShorterThanMoreSevere { min: 240 }));
        // An invalid middle figure does not hide the order of the others.
        input.resolution = ["240".into(), "x".into(), "100".into()];
        assert_eq!(
            errors(&input),
            vec![("resolution_2".into(), Some(Problem::LimitOutOfRange)), ("resolution_3".into(), Some(Problem::ShorterThanMoreSevere { min: 240 }))]
        );
        // Equal is allowed (tier C: 72 h for severities 2 and 3).
        input.resolution = ["480".into(), "4320".into(), "4320".into()];
        assert!(input.validate(false).is_ok());
    }

    #[test]
    fn the_first_response_comes_before_the_critical_resolution() {
        let mut input = good();
        input.first_response = "300".into();
        input.resolution[0] = "240".into();
        let e = input.validate(false).unwrap_err();
        assert_eq!(e, vec![FieldError::new("first_response", ErrorCode::OutOfRange { min: 1, max: 240 })]);
        assert_eq!(Problem::of(&e[0]), Some(Problem::ResponseAfterResolution { max: 240 }));
        input.first_response = "240".into();
        assert!(input.validate(false).is_ok());
    }

    #[test]
    fn resetting_takes_the_tier_defaults_whatever_was_typed() {
        let mut input = good();
        input.tier = "a".into();
        input.first_response = "nonsense".into();
        input.on_site_kind = "".into();
        input.resolution = ["9".into(), "8".into(), "7".into()];
        assert!(input.validate(false).is_err());
        let v = input.validate(true).unwrap();
        assert_eq!(v.limits, TimeLimits::default_for(Tier::A));
        // Other fields are still checked; without a tier there are no defaults to take.
        input.tier = "x".into();
        input.valid_from = "".into();
        assert_eq!(errors_reset(&input), vec![("tier".into(), Some(Problem::UnknownTier)), ("valid_from".into(), Some(Problem::Required))]);
    }

    fn errors_reset(input: &ContractInput) -> Vec<(String, Option<Problem>)> {
        input.validate(true).unwrap_err().into_iter().map(|e| (e.field.clone(), Problem::of(&e))).collect()
    }

    #[test]
    fn on_site_by_the_next_working_day() {
        let mut input = good();
        input.on_site_kind = ON_SITE_NEXT_DAY.into();
        input.on_site = "garbage is ignored".into();
        assert_eq!(input.validate(false).unwrap().limits.on_site, OnSiteLimit::NextWorkingDayEnd);
        input.on_site_kind = ON_SITE_WITHIN.into();
        input.on_site = "90".into();
        assert_eq!(input.validate(false).unwrap().limits.on_site, OnSiteLimit::Within { minutes: 90 });
    }

    #[test]
    fn date_lists_take_lines_ranges_and_separators() {
        let parsed = parse_dates("2026-10-01..2026-10-03\n 2026-12-25 ,2027-01-01; 2026-09-27 ~ 2026-09-27\r\n\n2026-10-02").unwrap();
        let expect: BTreeSet<_> = ["2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-12-25", "2027-01-01"].into_iter().map(d).collect();
        assert_eq!(parsed, expect);
        assert_eq!(format_dates(&parsed), "2026-09-27\n2026-10-01..2026-10-03\n2026-12-25\n2027-01-01");
        assert_eq!(parse_dates(&format_dates(&parsed)).unwrap(), parsed);
        assert_eq!(parse_dates("2026-10-01，2026-10-02").unwrap().len(), 2, "full-width comma");
        assert_eq!(parse_dates("").unwrap(), BTreeSet::new());
        assert_eq!(format_dates(&BTreeSet::new()), "");
        for bad in ["2026-10-07..2026-10-01", "2026-13-01", "2026-10-01..", "2026-01-01..2027-01-02", "National Day"] {
            assert!(parse_dates(&format!("2026-05-01\n{bad}")).is_err(), "{bad}");
        }
        assert_eq!(parse_dates("2026-01-01..2026-12-31").unwrap().len(), 365);
    }

    #[test]
    fn date_list_problems() {
        let mut input = good();
        input.holidays = "2026-10-01\nOctober 2".into();
        input.working_days = "2026-09-31".into();
        assert_eq!(errors(&input), vec![("holidays".into(), Some(Problem::BadDateLine)), ("working_days".into(), Some(Problem::BadDateLine))]);
        input.holidays = "2026-01-01..2026-12-31\n2027-01-01..2027-12-31\n2028-01-01..2028-12-31".into();
        input.working_days = "".into();
        let e = input.validate(false).unwrap_err();
        assert_eq!(e, vec![FieldError::new("holidays", ErrorCode::TooMany { max: MAX_DATES })]);
        assert_eq!(Problem::of(&e[0]), Some(Problem::TooManyDates));
    }

    #[test]
    fn a_date_is_a_holiday_or_a_working_day_not_both() {
        let mut input = good();
        input.holidays = "2026-10-01..2026-10-07".into();
        input.working_days = "2026-09-27\n2026-10-07".into();
        let e = input.validate(false).unwrap_err();
        assert_eq!(e, vec![FieldError::new("calendar_dates", ErrorCode::InvalidChoice)]);
        assert_eq!(Problem::of(&e[0]), Some(Problem::HolidayAndWorkingDay));
        input.working_days = "2026-09-27\n2026-10-10".into();
        let cal = input.validate(false).unwrap().calendar;
        assert_eq!(cal.holidays.len(), 7);
        assert_eq!(cal.extra_working_days, [d("2026-09-27"), d("2026-10-10")].into());
    }

    #[test]
    fn every_problem_reads_back_from_its_field_and_code() {
        let cases = [
            (field::TIER, Problem::Required),
            (field::TIER, Problem::UnknownTier),
            (field::TZ, Problem::UnknownTimeZone),
            (field::ON_SITE_KIND, Problem::UnknownOnSiteKind),
            (field::ORG, Problem::NotACustomer),
            (field::VALID_FROM, Problem::NotADate),
            (field::VALID_UNTIL, Problem::NotADate),
            (field::DAY_START, Problem::NotATime),
            (field::DAY_END, Problem::HoursEndBeforeStart { earliest_minute: 541 }),
            (field::VALID_UNTIL, Problem::UntilBeforeFrom { from: 20260601 }),
            (field::VALIDITY, Problem::Overlaps),
            (field::ON_SITE, Problem::LimitOutOfRange),
            (field::FIRST_RESPONSE, Problem::LimitOutOfRange),
            (field::RESOLUTION[2], Problem::ShorterThanMoreSevere { min: 1440 }),
            (field::FIRST_RESPONSE, Problem::ResponseAfterResolution { max: 120 }),
            (field::HOLIDAYS, Problem::BadDateLine),
            (field::WORKING_DAYS, Problem::TooManyDates),
            (field::CALENDAR_DATES, Problem::HolidayAndWorkingDay),
        ];
        for (field, problem) in cases {
            assert_eq!(Problem::of(&problem.at(field)), Some(problem), "{field} {problem:?}");
        }
        // Errors of other forms are not this form's.
        assert_eq!(Problem::of(&FieldError::new("email", ErrorCode::InvalidEmail)), None);
        assert_eq!(Problem::of(&FieldError::new("minutes", ErrorCode::OutOfRange { min: 1, max: 1440 })), None);
    }

    #[test]
    fn overlapping_periods() {
        let p = |id, from: &str, until: Option<&str>| Period { id, valid_from: d(from), valid_until: until.map(d) };
        let others = [p(1, "2026-01-01", Some("2026-06-30")), p(2, "2026-09-01", None)];
        // (from, until, overlapping id)
        let table: [(&str, Option<&str>, Option<i32>); 8] = [
            ("2026-07-01", Some("2026-08-31"), None),
            ("2026-06-30", Some("2026-08-31"), Some(1)),
            ("2026-07-01", Some("2026-09-01"), Some(2)),
            ("2026-07-01", None, Some(2)),
            ("2025-01-01", Some("2025-12-31"), None),
            ("2025-01-01", None, Some(1)),
            ("2030-01-01", None, Some(2)),
            ("2026-02-01", Some("2026-02-02"), Some(1)),
        ];
        for (from, until, expect) in table {
            assert_eq!(overlapping(d(from), until.map(d), &others, None).map(|p| p.id), expect, "{from} {until:?}");
        }
        // Editing contract 1 itself does not clash with itself.
        assert_eq!(overlapping(d("2026-01-01"), Some(d("2026-07-31")), &others, Some(1)), None);
        assert_eq!(overlapping(d("2026-01-01"), Some(d("2026-09-01")), &others, Some(1)).map(|p| p.id), Some(2));
    }

    #[test]
    fn which_contract_is_in_force() {
        let p = |id, from: &str, until: Option<&str>| Period { id, valid_from: d(from), valid_until: until.map(d) };
        let all = [p(1, "2026-01-01", Some("2026-06-30")), p(2, "2026-07-01", None), p(3, "2025-01-01", Some("2025-12-31"))];
        assert_eq!(in_force(&all, d("2026-06-30")), Some(1));
        assert_eq!(in_force(&all, d("2026-07-01")), Some(2));
        assert_eq!(in_force(&all, d("2024-12-31")), None);
        assert_eq!(standing(&all[0], &all, d("2026-03-01")), Standing::InForce);
        assert_eq!(standing(&all[1], &all, d("2026-03-01")), Standing::Upcoming);
        assert_eq!(standing(&all[2], &all, d("2026-03-01")), Standing::NotInForce);
        // Overlapping legacy rows: the later start wins, as in the database query.
        let legacy = [p(1, "2026-01-01", None), p(2, "2026-03-01", None)];
        assert_eq!(in_force(&legacy, d("2026-04-01")), Some(2));
        assert_eq!(standing(&legacy[0], &legacy, d("2026-04-01")), Standing::NotInForce);
    }
}
