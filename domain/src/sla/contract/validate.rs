//! Checking the contract form: [`ContractInput::validate`] reads every input and reports every
//! problem at once, in form order.
use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use super::field;
use super::form::{ContractInput, ValidContract, MAX_LIMIT_MINUTES, ON_SITE_NEXT_DAY, ON_SITE_WITHIN};
use super::problem::Problem;
use crate::complaint::{ComplaintClocks, ACK_WORKING_DAYS, ANSWER_WORKING_DAYS, MAX_COMPLAINT_DAYS};
use crate::dates::{date_number, minute_of_day, parse_date, parse_dates, parse_time, parse_time_zone, MAX_DATES};
use crate::error_code::FieldError;
use crate::sla::calendar::BusinessCalendar;
use crate::sla::limits::{OnSiteLimit, ResolutionMinutes, TimeLimits};
use crate::sla::tier::Tier;

impl ContractInput {
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
        let complaint = self.complaint_clocks(errors);
        match (first_response, on_site, resolution, complaint) {
            (Some(first_response_minutes), Some(on_site), [Some(critical), Some(major), Some(minor)], Some(complaint)) => {
                Some(TimeLimits { first_response_minutes, on_site, resolution_minutes: ResolutionMinutes { critical, major, minor }, complaint })
            }
            _ => None,
        }
    }

    /// The complaint clocks: each empty for its default, else 1 to [`MAX_COMPLAINT_DAYS`]
    /// working days, the answer no sooner than the acknowledgement.
    fn complaint_clocks(&self, errors: &mut Vec<FieldError>) -> Option<ComplaintClocks> {
        let days = |name: &str, raw: &str, default: u32, min: u32, errors: &mut Vec<FieldError>| match raw.trim() {
            "" => Some(default.max(min)),
            s => s
                .parse::<u32>()
                .ok()
                .filter(|d| (min..=MAX_COMPLAINT_DAYS).contains(d))
                .or_else(|| fail(errors, name, Problem::ComplaintDaysOutOfRange { min })),
        };
        let ack = days(field::COMPLAINT_ACK, &self.complaint_ack, ACK_WORKING_DAYS, 1, errors)?;
        let answer = days(field::COMPLAINT_ANSWER, &self.complaint_answer, ANSWER_WORKING_DAYS, ack, errors)?;
        Some(ComplaintClocks { ack_days: ack, answer_days: answer })
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
