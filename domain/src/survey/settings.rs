//! The survey settings an admin can change, and the check of their form.
//!
//! Every figure is a whole number of minutes or days (periods of 24 hours, as in
//! `ticket::lifecycle`), so no time zone is involved in when a survey opens, reminds, becomes
//! final or expires. The ranges keep the loop working: a reminder must come before the
//! survey expires (or be switched off with 0), the low-score threshold must leave at least
//! one score on each side, and sampling may thin surveys for high-volume customers but never
//! stop them (DOMAIN.md: every closed request is followed by a survey).
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

/// Form field names (the inputs' `name`s), in form order.
pub mod field {
    pub const DELAY_MINUTES: &str = "delay_minutes";
    pub const EXPIRY_DAYS: &str = "expiry_days";
    pub const REMINDER_AFTER_DAYS: &str = "reminder_after_days";
    pub const LOW_SCORE_THRESHOLD: &str = "low_score_threshold";
    pub const SAMPLE_PERCENT: &str = "sample_percent";
    pub const FINAL_AFTER_DAYS: &str = "final_after_days";
}

/// From closing to asking: at once, up to a week.
pub const DELAY_MINUTES: RangeInclusive<u32> = 0..=10_080;
/// How long a survey (and its link) stays open after it is sent.
pub const EXPIRY_DAYS: RangeInclusive<u32> = 1..=90;
/// The upper bound is further limited to `expiry_days - 1`; 0 switches reminders off.
pub const REMINDER_AFTER_DAYS: RangeInclusive<u32> = 0..=89;
/// Scores at or below this are low. 0 would make nothing low, 5 everything.
pub const LOW_SCORE_THRESHOLD: RangeInclusive<u8> = 1..=4;
pub const SAMPLE_PERCENT: RangeInclusive<u8> = 1..=100;
/// Days after the first answer during which it may still be changed; 0: final at once.
pub const FINAL_AFTER_DAYS: RangeInclusive<u32> = 0..=90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurveySettings {
    /// Minutes between closing and the survey opening (the customer has just been helped;
    /// asking a little later reads less like an automatic mail).
    pub delay_minutes: u32,
    /// Days from opening to expiry; the one-time link expires with the survey.
    pub expiry_days: u32,
    /// Days from opening to the single reminder; 0: no reminder.
    pub reminder_after_days: u32,
    /// An overall score at or below this is low and reopens the work.
    pub low_score_threshold: u8,
    /// Share of closed requests that get a survey.
    pub sample_percent: u8,
    /// Days after the first answer until it is final.
    pub final_after_days: u32,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings { delay_minutes: 60, expiry_days: 14, reminder_after_days: 3, low_score_threshold: 2, sample_percent: 100, final_after_days: 7 }
    }
}

/// Checks the settings form, reporting every field's problem at once: `Required` when
/// empty, `OutOfRange` when not a whole number in range. A reminder not before expiry is
/// `OutOfRange` with the largest day that would do.
pub fn validate_settings(
    delay_minutes: &str,
    expiry_days: &str,
    reminder_after_days: &str,
    low_score_threshold: &str,
    sample_percent: &str,
    final_after_days: &str,
) -> Result<SurveySettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let delay = number(field::DELAY_MINUTES, delay_minutes, DELAY_MINUTES, &mut errors);
    let expiry = number(field::EXPIRY_DAYS, expiry_days, EXPIRY_DAYS, &mut errors);
    let reminder_range = match expiry {
        Some(e) => 0..=e.saturating_sub(1).min(*REMINDER_AFTER_DAYS.end()),
        None => REMINDER_AFTER_DAYS,
    };
    let reminder = number(field::REMINDER_AFTER_DAYS, reminder_after_days, reminder_range, &mut errors);
    let threshold = number(field::LOW_SCORE_THRESHOLD, low_score_threshold, LOW_SCORE_THRESHOLD, &mut errors);
    let sample = number(field::SAMPLE_PERCENT, sample_percent, SAMPLE_PERCENT, &mut errors);
    let final_after = number(field::FINAL_AFTER_DAYS, final_after_days, FINAL_AFTER_DAYS, &mut errors);
    match (delay, expiry, reminder, threshold, sample, final_after) {
        (Some(delay_minutes), Some(expiry_days), Some(reminder_after_days), Some(low_score_threshold), Some(sample_percent), Some(final_after_days))
            if errors.is_empty() =>
        {
            Ok(SurveySettings { delay_minutes, expiry_days, reminder_after_days, low_score_threshold, sample_percent, final_after_days })
        }
        _ => Err(errors),
    }
}

/// A trimmed whole number within `range`.
fn number<T>(name: &str, raw: &str, range: RangeInclusive<T>, errors: &mut Vec<FieldError>) -> Option<T>
where
    T: std::str::FromStr + PartialOrd + Copy + Into<i64>,
{
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(name, ErrorCode::Required));
        return None;
    }
    let value = raw.parse::<T>().ok().filter(|v| range.contains(v));
    if value.is_none() {
        let (min, max) = ((*range.start()).into(), (*range.end()).into());
        errors.push(FieldError::new(name, ErrorCode::OutOfRange { min, max }));
    }
    value
}

#[cfg(test)]
mod tests;
