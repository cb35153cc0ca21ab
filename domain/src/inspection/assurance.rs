//! Assurance periods (保障期): public holidays, major events, migrations, when the provider
//! puts engineers on duty for one or more organizations and tells them. A manager declares the
//! period and builds the duty rota (who is on duty on which day and shift, with a phone
//! number); days with nobody on duty are shown before it is published; published, the
//! customers of those organizations see it with today's duty engineer.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    dates::parse_date,
    error_code::{ErrorCode, FieldError},
};

pub const NAME_MAX: usize = 100;
pub const REASON_MAX: usize = 2_000;
pub const SHIFT_MAX: usize = 40;
/// No assurance period runs longer than this.
pub const MAX_DAYS: i64 = 92;

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodForm {
    pub name: String,
    pub reason: String,
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodInput {
    pub name: String,
    pub reason: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl PeriodForm {
    /// The checked period, or every problem at its field. `orgs` is how many organizations
    /// were chosen (at least one).
    pub fn check(&self, orgs: usize) -> Result<PeriodInput, Vec<FieldError>> {
        let mut errors = vec![];
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", ErrorCode::Required));
        } else if name.chars().count() > NAME_MAX {
            errors.push(FieldError::new("name", ErrorCode::TooLong { max: NAME_MAX }));
        }
        let reason = self.reason.trim().to_string();
        if reason.chars().count() > REASON_MAX {
            errors.push(FieldError::new("reason", ErrorCode::TooLong { max: REASON_MAX }));
        }
        let date = |field: &str, raw: &str, errors: &mut Vec<FieldError>| match raw.trim() {
            "" => {
                errors.push(FieldError::new(field, ErrorCode::Required));
                None
            }
            d => parse_date(d).or_else(|| {
                errors.push(FieldError::new(field, ErrorCode::InvalidDate));
                None
            }),
        };
        let starts = date("starts_on", &self.starts_on, &mut errors);
        let ends = date("ends_on", &self.ends_on, &mut errors);
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                errors.push(FieldError::new("ends_on", ErrorCode::EndsBeforeStart));
            } else if (e - s).num_days() + 1 > MAX_DAYS {
                errors.push(FieldError::new("ends_on", ErrorCode::OutOfRange { min: 1, max: MAX_DAYS }));
            }
        }
        if orgs == 0 {
            errors.push(FieldError::new("org_ids", ErrorCode::Required));
        }
        match (starts, ends, errors.is_empty()) {
            (Some(starts_on), Some(ends_on), true) => Ok(PeriodInput { name, reason, starts_on, ends_on }),
            _ => Err(errors),
        }
    }
}

/// A shift as typed on the rota form: the day, its label ("day", "night", "08:00–20:00"),
/// the engineer and the number to call.
pub fn check_shift(day: &str, shift: &str, phone: &str, starts_on: NaiveDate, ends_on: NaiveDate) -> Result<(NaiveDate, String, String), Vec<FieldError>> {
    let mut errors = vec![];
    let d = parse_date(day.trim());
    match d {
        None => errors.push(FieldError::new("day", ErrorCode::InvalidDate)),
        Some(d) if d < starts_on || d > ends_on => errors.push(FieldError::new("day", ErrorCode::InvalidDate)),
        _ => {}
    }
    let shift = shift.trim().to_string();
    if shift.is_empty() {
        errors.push(FieldError::new("shift", ErrorCode::Required));
    } else if shift.chars().count() > SHIFT_MAX {
        errors.push(FieldError::new("shift", ErrorCode::TooLong { max: SHIFT_MAX }));
    }
    let phone = crate::validation::phone("phone", phone, &mut errors);
    if phone.is_none() {
        errors.push(FieldError::new("phone", ErrorCode::Required));
    }
    match (d, phone, errors.is_empty()) {
        (Some(d), Some(phone), true) => Ok((d, shift, phone)),
        _ => Err(errors),
    }
}

/// The days of `[from, to]` with nobody on duty (`days`: the days that have a shift).
pub fn gaps(from: NaiveDate, to: NaiveDate, days: &[NaiveDate]) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).filter(|d| !days.contains(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn a_period_is_checked_at_each_field() {
        let ok = PeriodForm { name: "National Day".into(), reason: "Holiday".into(), starts_on: "2026-10-01".into(), ends_on: "2026-10-07".into() };
        assert_eq!(ok.check(1).unwrap().ends_on, d("2026-10-07"));
        let codes = |f: PeriodForm, orgs: usize| f.check(orgs).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
        assert_eq!(codes(PeriodForm { name: " ".into(), ..ok.clone() }, 0), [("name".into(), ErrorCode::Required), ("org_ids".into(), ErrorCode::Required)]);
        assert_eq!(codes(PeriodForm { ends_on: "2026-09-30".into(), ..ok.clone() }, 1), [("ends_on".into(), ErrorCode::EndsBeforeStart)]);
        assert_eq!(codes(PeriodForm { ends_on: "2027-10-01".into(), ..ok.clone() }, 1), [("ends_on".into(), ErrorCode::OutOfRange { min: 1, max: MAX_DAYS })]);
        assert_eq!(codes(PeriodForm { starts_on: "2026-02-30".into(), ..ok.clone() }, 1), [("starts_on".into(), ErrorCode::InvalidDate)]);
        assert_eq!(codes(PeriodForm { name: "x".repeat(NAME_MAX + 1), ..ok }, 1), [("name".into(), ErrorCode::TooLong { max: NAME_MAX })]);
    }

    #[test]
    fn shifts_fall_inside_the_period() {
        let (s, e) = (d("2026-10-01"), d("2026-10-07"));
        assert_eq!(check_shift("2026-10-02", "day", "+86 138 0000 0000", s, e).unwrap().0, d("2026-10-02"));
        let fields = |r: Result<(NaiveDate, String, String), Vec<FieldError>>| r.unwrap_err().into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(check_shift("2026-10-08", "day", "+86 138 0000 0000", s, e)), ["day"]);
        assert_eq!(fields(check_shift("2026-10-02", " ", "not a phone", s, e)), ["shift", "phone"]);
    }

    #[test]
    fn days_without_anyone_on_duty() {
        let (s, e) = (d("2026-10-01"), d("2026-10-05"));
        assert_eq!(gaps(s, e, &[d("2026-10-01"), d("2026-10-02"), d("2026-10-04")]), [d("2026-10-03"), d("2026-10-05")]);
        assert!(gaps(s, e, &s.iter_days().take(5).collect::<Vec<_>>()).is_empty());
        assert_eq!(gaps(s, s, &[]), [s]);
    }
}
