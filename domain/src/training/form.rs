//! The staff form for a training session: what staff type, checked field by field and turned
//! into a [`SessionDraft`] to store. Pure, so the server decides with it and the page can
//! explain with it, as `sla::contract` does.
//!
//! Times are typed as local wall-clock times (`<input type="datetime-local">`, i.e.
//! `YYYY-MM-DDTHH:MM`) in the session's own time zone, because that is how a trainer thinks
//! of "9:00 in Berlin"; they are stored as unix seconds so every viewer sees the same
//! instant. A local time that does not exist (the hour skipped when clocks go forward) is
//! refused rather than moved, since silently shifting a session by an hour is worse than
//! asking; a local time that exists twice (clocks go back) means the earlier one, the
//! reading a person expects before the change has happened.
//!
//! Every problem is a [`Problem`] on the input it concerns; [`validate_session`] turns them
//! into the shared [`FieldError`]s. No [`ErrorCode`] names a skipped local time yet, so it
//! travels as `invalid_choice`; [`check_session`] keeps the precise [`Problem`] for a page
//! that wants to say more.
use std::ops::RangeInclusive;

use chrono::{LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::kind::{Delivery, DeliveryMode, Invited, TrainingKind};
use crate::dates::{parse_date, parse_time, parse_time_zone};
use crate::error_code::{ErrorCode, FieldError};

/// Input names of the session form, in form order.
pub mod field {
    pub const TITLE: &str = "title";
    pub const KIND: &str = "kind";
    pub const DESCRIPTION: &str = "description";
    pub const TRAINER: &str = "trainer";
    pub const TZ: &str = "tz";
    pub const STARTS_AT: &str = "starts_at";
    pub const ENDS_AT: &str = "ends_at";
    /// `on_site` (then [`PLACE`]) or `online` (then [`LINK`]).
    pub const DELIVERY: &str = "delivery";
    pub const PLACE: &str = "place";
    pub const LINK: &str = "link";
    pub const CAPACITY: &str = "capacity";
    pub const BOOKING_DEADLINE: &str = "booking_deadline";
    /// [`super::INVITE_ALL`] or [`super::INVITE_SOME`] (then [`ORG_IDS`]).
    pub const INVITED: &str = "invited";
    pub const ORG_IDS: &str = "org_ids";
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4000;
pub const TRAINER_MAX: usize = 120;
pub const PLACE_MAX: usize = 300;
pub const LINK_MAX: usize = 500;
/// Seats: at least one, and no more than a large hall (a larger figure is a typing mistake).
pub const CAPACITY: RangeInclusive<u32> = 1..=500;
/// The shortest session: the form is to the minute.
pub const MIN_LENGTH_SECS: i64 = 60;
/// The longest session, a week: a multi-day course is one session, anything longer is a
/// mistyped end date.
pub const MAX_LENGTH_SECS: i64 = 7 * 86_400;
/// More organizations than a provider has customers.
pub const MAX_ORGS: usize = 1000;
pub const INVITE_ALL: &str = "all";
pub const INVITE_SOME: &str = "some";

/// The form as posted: every value is text, exactly as typed (`org_ids` as the checked boxes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInput {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub trainer: String,
    pub tz: String,
    pub starts_at: String,
    pub ends_at: String,
    pub delivery: String,
    /// Only read when `delivery` is `on_site`.
    pub place: String,
    /// Only read when `delivery` is `online`.
    pub link: String,
    pub capacity: String,
    pub booking_deadline: String,
    pub invited: String,
    /// Only read when `invited` is `some`.
    pub org_ids: Vec<String>,
    /// The stored session's version the form was opened at (a hidden input; empty for a new
    /// session). Not a rule of the form: the server refuses a save if the session has been
    /// saved since, instead of overwriting that save.
    #[serde(default)]
    pub version: String,
}

/// A checked form: what a session stores. Times are unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub title: String,
    pub kind: TrainingKind,
    /// May be empty.
    pub description: String,
    pub trainer: String,
    /// The zone the times were typed in, kept to show and edit them the same way.
    pub tz: Tz,
    pub starts_at: i64,
    pub ends_at: i64,
    pub delivery: Delivery,
    pub capacity: u32,
    pub booking_deadline: i64,
    pub invited: Invited,
}

/// What is wrong with one input, precisely; [`Problem::code`] is the shared code it travels as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// `required`
    Required,
    /// `too_long`
    TooLong { max: usize },
    /// Not one of the offered kinds, zones, delivery modes or invitation choices. `invalid_choice`
    UnknownChoice,
    /// Not `YYYY-MM-DDTHH:MM` (seconds allowed and dropped) in the years the portal accepts.
    /// `invalid_choice`
    NotADateTime,
    /// The local time is skipped by a daylight-saving change in the zone. `invalid_choice`
    SkippedLocalTime,
    /// The end is not at least a minute after the start, or more than a week after it.
    /// `out_of_range` with both bounds as unix seconds.
    EndOutOfRange { earliest: i64, latest: i64 },
    /// Not an `http://` or `https://` address with a host. `invalid_choice` on `link`
    NotAWebLink,
    /// Not a whole number of seats from `min` (1, or the seats already booked when editing)
    /// to the largest capacity. `out_of_range`
    CapacityOutOfRange { min: u32 },
    /// The booking deadline is after the start. `out_of_range` from 0 to the start (unix seconds).
    DeadlineAfterStart { latest: i64 },
    /// An organization id that is not a positive whole number. `invalid_choice` on `org_ids`
    BadOrgId,
    /// `too_many` on `org_ids`
    TooManyOrgs,
}

impl Problem {
    pub fn code(self) -> ErrorCode {
        match self {
            Problem::Required => ErrorCode::Required,
            Problem::TooLong { max } => ErrorCode::TooLong { max },
            Problem::UnknownChoice | Problem::NotADateTime | Problem::SkippedLocalTime | Problem::NotAWebLink | Problem::BadOrgId => ErrorCode::InvalidChoice,
            Problem::EndOutOfRange { earliest, latest } => ErrorCode::OutOfRange { min: earliest, max: latest },
            Problem::CapacityOutOfRange { min } => ErrorCode::OutOfRange { min: i64::from(min), max: i64::from(*CAPACITY.end()) },
            Problem::DeadlineAfterStart { latest } => ErrorCode::OutOfRange { min: 0, max: latest },
            Problem::TooManyOrgs => ErrorCode::TooMany { max: MAX_ORGS },
        }
    }

    /// This problem as an error on input `field`.
    pub fn at(self, field: &str) -> FieldError {
        FieldError::new(field, self.code())
    }
}

/// Every problem of the form as shared field errors, in form order; or the draft.
pub fn validate_session(input: &SessionInput) -> Result<SessionDraft, Vec<FieldError>> {
    check_session(input).map_err(|problems| problems.into_iter().map(|(f, p)| p.at(f)).collect())
}

/// [`validate_session`] with each problem's precise meaning.
pub fn check_session(input: &SessionInput) -> Result<SessionDraft, Vec<(&'static str, Problem)>> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let title = text(field::TITLE, &input.title, true, TITLE_MAX, e);
    let kind = choice(field::KIND, &input.kind, TrainingKind::parse, e);
    let description = text(field::DESCRIPTION, &input.description, false, DESCRIPTION_MAX, e);
    let trainer = text(field::TRAINER, &input.trainer, true, TRAINER_MAX, e);
    let tz = choice(field::TZ, &input.tz, parse_time_zone, e);
    let starts_at = instant(field::STARTS_AT, &input.starts_at, tz, e);
    let ends_at = instant(field::ENDS_AT, &input.ends_at, tz, e);
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        let (earliest, latest) = (start + MIN_LENGTH_SECS, start + MAX_LENGTH_SECS);
        if !(earliest..=latest).contains(&end) {
            e.push((field::ENDS_AT, Problem::EndOutOfRange { earliest, latest }));
        }
    }
    let delivery = delivery(input, e);
    let capacity = capacity(&input.capacity, *CAPACITY.start(), e);
    let deadline = instant(field::BOOKING_DEADLINE, &input.booking_deadline, tz, e);
    if let (Some(start), Some(deadline)) = (starts_at, deadline) {
        if deadline > start {
            e.push((field::BOOKING_DEADLINE, Problem::DeadlineAfterStart { latest: start }));
        }
    }
    let invited = invited(input, e);
    match (kind, tz, starts_at, ends_at, delivery, capacity, deadline, invited) {
        (Some(kind), Some(tz), Some(starts_at), Some(ends_at), Some(delivery), Some(capacity), Some(booking_deadline), Some(invited)) if errors.is_empty() => {
            Ok(SessionDraft { title, kind, description, trainer, tz, starts_at, ends_at, delivery, capacity, booking_deadline, invited })
        }
        _ => Err(errors),
    }
}

/// The editing rule: seats already confirmed stay confirmed, so the capacity may not drop
/// below them (nobody is moved back to the waiting list by an edit).
pub fn check_capacity_change(capacity: u32, booked: u32) -> Result<(), FieldError> {
    let min = booked.max(*CAPACITY.start());
    if (min..=*CAPACITY.end()).contains(&capacity) {
        Ok(())
    } else {
        Err(Problem::CapacityOutOfRange { min }.at(field::CAPACITY))
    }
}

impl SessionInput {
    /// The form showing a stored session, for editing.
    pub fn from_draft(d: &SessionDraft) -> SessionInput {
        let (delivery, place, link) = match &d.delivery {
            Delivery::OnSite { place } => (DeliveryMode::OnSite, place.clone(), String::new()),
            Delivery::Online { link } => (DeliveryMode::Online, String::new(), link.clone()),
        };
        let (invited, org_ids) = match &d.invited {
            Invited::All => (INVITE_ALL, Vec::new()),
            Invited::Only(ids) => (INVITE_SOME, ids.iter().map(i32::to_string).collect()),
        };
        SessionInput {
            title: d.title.clone(),
            kind: d.kind.as_str().to_string(),
            description: d.description.clone(),
            trainer: d.trainer.clone(),
            tz: d.tz.name().to_string(),
            starts_at: format_local_datetime(d.starts_at, d.tz),
            ends_at: format_local_datetime(d.ends_at, d.tz),
            delivery: delivery.as_str().to_string(),
            place,
            link,
            capacity: d.capacity.to_string(),
            booking_deadline: format_local_datetime(d.booking_deadline, d.tz),
            invited: invited.to_string(),
            org_ids,
            version: String::new(),
        }
    }
}

/// `YYYY-MM-DDTHH:MM` (a datetime-local input may add `:SS`; seconds are dropped) read in
/// `tz`, as unix seconds: skipped local times are refused, repeated ones mean the earlier.
pub fn parse_local_datetime(raw: &str, tz: Tz) -> Result<i64, Problem> {
    let naive = parse_naive(raw)?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.timestamp()),
        LocalResult::Ambiguous(earlier, _) => Ok(earlier.timestamp()),
        LocalResult::None => Err(Problem::SkippedLocalTime),
    }
}

/// An instant as a datetime-local value in `tz` (what [`parse_local_datetime`] reads back).
pub fn format_local_datetime(at: i64, tz: Tz) -> String {
    tz.timestamp_opt(at, 0).single().map(|t| t.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
}

fn parse_naive(raw: &str) -> Result<NaiveDateTime, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    // The date and time parsers trim, so inner spaces are refused here: the input never
    // sends them, and one shape means one way to type a time.
    if raw.contains(char::is_whitespace) {
        return Err(Problem::NotADateTime);
    }
    let (date, time) = raw.split_once('T').ok_or(Problem::NotADateTime)?;
    match (parse_date(date), parse_time(time)) {
        (Some(d), Some(t)) => Ok(d.and_time(t)),
        _ => Err(Problem::NotADateTime),
    }
}

/// A datetime input: its shape is checked even without a valid zone, the instant only with one.
fn instant(name: &'static str, raw: &str, tz: Option<Tz>, errors: &mut Vec<(&'static str, Problem)>) -> Option<i64> {
    let result = match tz {
        Some(tz) => parse_local_datetime(raw, tz),
        None => parse_naive(raw).map(|_| 0),
    };
    match result {
        Ok(at) => tz.map(|_| at),
        Err(p) => fail(errors, name, p),
    }
}

fn delivery(input: &SessionInput, errors: &mut Vec<(&'static str, Problem)>) -> Option<Delivery> {
    match choice(field::DELIVERY, &input.delivery, DeliveryMode::parse, errors)? {
        DeliveryMode::OnSite => {
            let len = errors.len();
            let place = text(field::PLACE, &input.place, true, PLACE_MAX, errors);
            (errors.len() == len).then_some(Delivery::OnSite { place })
        }
        DeliveryMode::Online => {
            let len = errors.len();
            let link = text(field::LINK, &input.link, true, LINK_MAX, errors);
            if errors.len() != len {
                return None;
            }
            if !is_web_link(&link) {
                return fail(errors, field::LINK, Problem::NotAWebLink);
            }
            Some(Delivery::Online { link })
        }
    }
}

/// An absolute http(s) address with a host. Anything else (`javascript:`, `file:`, a bare
/// word) would be a link the portal should not put on a page or into a calendar; a user part
/// (`https://bank.example@evil.example`) only serves to disguise where a link goes.
pub fn is_web_link(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"`\\{}|^".contains(c)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty() && !host.starts_with(['.', '-']) && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

fn capacity(raw: &str, min: u32, errors: &mut Vec<(&'static str, Problem)>) -> Option<u32> {
    match raw.trim() {
        "" => fail(errors, field::CAPACITY, Problem::Required),
        s => {
            s.parse::<u32>().ok().filter(|c| (min..=*CAPACITY.end()).contains(c)).or_else(|| fail(errors, field::CAPACITY, Problem::CapacityOutOfRange { min }))
        }
    }
}

fn invited(input: &SessionInput, errors: &mut Vec<(&'static str, Problem)>) -> Option<Invited> {
    let some = choice(field::INVITED, &input.invited, |s| [INVITE_ALL, INVITE_SOME].into_iter().find(|c| *c == s), errors)?;
    if some == INVITE_ALL {
        return Some(Invited::All);
    }
    let raw: Vec<&str> = input.org_ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if raw.is_empty() {
        return fail(errors, field::ORG_IDS, Problem::Required);
    }
    let ids: Option<Vec<i32>> = raw.iter().map(|s| s.parse::<i32>().ok().filter(|id| *id > 0)).collect();
    let Some(ids) = ids else {
        return fail(errors, field::ORG_IDS, Problem::BadOrgId);
    };
    let invited = Invited::only(ids);
    match &invited {
        Invited::Only(ids) if ids.len() > MAX_ORGS => fail(errors, field::ORG_IDS, Problem::TooManyOrgs),
        _ => Some(invited),
    }
}

/// A trimmed text of at most `max` characters (not bytes: Chinese titles get the same room).
fn text(name: &'static str, raw: &str, required: bool, max: usize, errors: &mut Vec<(&'static str, Problem)>) -> String {
    let value = raw.trim().to_string();
    let n = value.chars().count();
    if n == 0 && required {
        errors.push((name, Problem::Required));
    } else if n > max {
        errors.push((name, Problem::TooLong { max }));
    }
    value
}

fn choice<T>(name: &'static str, raw: &str, parse: impl Fn(&str) -> Option<T>, errors: &mut Vec<(&'static str, Problem)>) -> Option<T> {
    match raw.trim() {
        "" => fail(errors, name, Problem::Required),
        s => parse(s).or_else(|| fail(errors, name, Problem::UnknownChoice)),
    }
}

fn fail<T>(errors: &mut Vec<(&'static str, Problem)>, name: &'static str, problem: Problem) -> Option<T> {
    errors.push((name, problem));
    None
}

#[cfg(test)]
mod tests;
