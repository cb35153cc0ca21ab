//! The contract form: as posted, every value text exactly as typed ([`ContractInput`]), and
//! the terms it is checked into ([`ValidContract`]).
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::dates::{format_date, format_dates, format_time};
use crate::sla::calendar::BusinessCalendar;
use crate::sla::limits::{OnSiteLimit, TimeLimits};
use crate::sla::tier::Tier;

/// The longest time limit a form accepts: a year of counted minutes.
pub const MAX_LIMIT_MINUTES: u32 = 365 * 24 * 60;

pub const ON_SITE_WITHIN: &str = "within";
pub const ON_SITE_NEXT_DAY: &str = "next_working_day_end";

/// The form as posted: every value is text, exactly as typed. (ContractFields, it comes as
/// [`ContractFields`], each input under its own name.)
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
    /// Working days; empty: the default (1 and 5).
    #[serde(default)]
    pub complaint_ack: String,
    #[serde(default)]
    pub complaint_answer: String,
}

/// [`ContractInput`] as a form posts it: each input under its own flat name from
/// [`super::field`] (`resolution_1`…`resolution_3` for [`ContractInput::resolution`]). The
/// contract server functions take it as one argument with `#[server(flatten)]`, so a plain
/// HTML form posts it as is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFields {
    pub tier: String,
    pub tz: String,
    pub day_start: String,
    pub day_end: String,
    pub valid_from: String,
    pub valid_until: String,
    pub first_response: String,
    pub on_site_kind: String,
    pub on_site: String,
    pub resolution_1: String,
    pub resolution_2: String,
    pub resolution_3: String,
    pub holidays: String,
    pub working_days: String,
    #[serde(default)]
    pub complaint_ack: String,
    #[serde(default)]
    pub complaint_answer: String,
}

impl From<ContractFields> for ContractInput {
    fn from(p: ContractFields) -> ContractInput {
        ContractInput {
            tier: p.tier,
            tz: p.tz,
            day_start: p.day_start,
            day_end: p.day_end,
            valid_from: p.valid_from,
            valid_until: p.valid_until,
            first_response: p.first_response,
            on_site_kind: p.on_site_kind,
            on_site: p.on_site,
            resolution: [p.resolution_1, p.resolution_2, p.resolution_3],
            holidays: p.holidays,
            working_days: p.working_days,
            complaint_ack: p.complaint_ack,
            complaint_answer: p.complaint_answer,
        }
    }
}

impl From<ContractInput> for ContractFields {
    fn from(c: ContractInput) -> ContractFields {
        let [resolution_1, resolution_2, resolution_3] = c.resolution;
        ContractFields {
            tier: c.tier,
            tz: c.tz,
            day_start: c.day_start,
            day_end: c.day_end,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            first_response: c.first_response,
            on_site_kind: c.on_site_kind,
            on_site: c.on_site,
            resolution_1,
            resolution_2,
            resolution_3,
            holidays: c.holidays,
            working_days: c.working_days,
            complaint_ack: c.complaint_ack,
            complaint_answer: c.complaint_answer,
        }
    }
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
        self.complaint_ack = limits.complaint.ack_days.to_string();
        self.complaint_answer = limits.complaint.answer_days.to_string();
    }

    /// Whether the limit inputs say exactly `limits` (the page uses it to follow a tier
    /// change only while the figures are still the old tier's defaults).
    /// The complaint clocks are the same for every tier, so they do not take part.
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
}
