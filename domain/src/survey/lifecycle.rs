//! Where a survey stands over time, from the facts stored about it.
//!
//! ```text
//! closed ─delay→ Open ─answer→ Answered ─final_after_days, expiry or a follow-up→ Final
//!                  └──────────── expiry_days, unanswered ──────────────→ Expired
//! not sampled: Skipped (never asked)
//! ```
//!
//! The status is computed, never stored: the server stores facts (when the request closed,
//! when the survey was first answered, whether a follow-up was made, when it reminded), and
//! the status at any `now` follows. So a job that runs late, twice or on two instances
//! cannot leave a survey in a wrong state; it only has to act on what `status_at` and
//! `reminder_due` say. Days are periods of 24 hours, as in `ticket::lifecycle`.
//!
//! The server should keep the `SurveySettings` a survey was created under with it (as
//! requests keep their SLA terms), so changing the settings does not move open surveys.
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ticket::SECONDS_PER_DAY;

use super::settings::SurveySettings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    /// Closed, waiting for the delay.
    Scheduled,
    /// Asked, not answered yet: shown on the home and request pages, the link works.
    Open,
    /// Answered; the answer may still be changed.
    Answered,
    /// Answered for good.
    Final,
    /// Never answered in time.
    Expired,
    /// Left out by sampling.
    Skipped,
}

impl SurveyStatus {
    /// An answer (first or changed) may be recorded.
    pub fn accepts_answers(self) -> bool {
        matches!(self, SurveyStatus::Open | SurveyStatus::Answered)
    }

    /// Waiting for the customer: what the home page lists and reminders are for.
    pub fn awaiting_answer(self) -> bool {
        self == SurveyStatus::Open
    }
}

/// What is stored about one survey. Times are unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyFacts {
    /// When the request closed (the closing this survey is about).
    pub closed_at: i64,
    /// Chosen by sampling (`sampled`), decided once at closing.
    pub sampled: bool,
    /// The first answer; changes do not move it (finality counts from it).
    pub first_answered_at: Option<i64>,
    /// When the reminder went out.
    pub reminded_at: Option<i64>,
    /// The answer made a follow-up: it is acted upon, so it can no longer change.
    pub followup_created: bool,
}

impl SurveyFacts {
    /// A sampled survey of a request closed at `closed_at`, nothing else known.
    pub fn closed(closed_at: i64) -> Self {
        SurveyFacts { closed_at, sampled: true, first_answered_at: None, reminded_at: None, followup_created: false }
    }
}

/// Why an answer is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SurveyError {
    NotYet,
    Final,
    Expired,
    Skipped,
}

impl SurveyError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(self) -> &'static str {
        match self {
            SurveyError::NotYet => "not_yet",
            SurveyError::Final => "final",
            SurveyError::Expired => "expired",
            SurveyError::Skipped => "skipped",
        }
    }
}

impl fmt::Display for SurveyError {
    // For logs only; the UI translates the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SurveyError::NotYet => "the survey is not open yet",
            SurveyError::Final => "the answer is final",
            SurveyError::Expired => "the survey has expired",
            SurveyError::Skipped => "no survey for this request",
        })
    }
}

impl std::error::Error for SurveyError {}

/// When the survey opens (is shown, mailed).
pub fn due_at(closed_at: i64, settings: &SurveySettings) -> i64 {
    closed_at.saturating_add(i64::from(settings.delay_minutes) * 60)
}

/// When an unanswered survey, and its link, expire; an answered one is final by then.
pub fn expires_at(closed_at: i64, settings: &SurveySettings) -> i64 {
    due_at(closed_at, settings).saturating_add(days(settings.expiry_days))
}

/// When an answered survey is (or becomes) final, without a follow-up: `final_after_days`
/// after the first answer, at the latest at expiry.
pub fn final_at(facts: &SurveyFacts, settings: &SurveySettings) -> Option<i64> {
    let answered = facts.first_answered_at?;
    Some(answered.saturating_add(days(settings.final_after_days)).min(expires_at(facts.closed_at, settings)))
}

/// The status at `now`; every boundary belongs to the later status.
pub fn status_at(facts: &SurveyFacts, now: i64, settings: &SurveySettings) -> SurveyStatus {
    if !facts.sampled {
        return SurveyStatus::Skipped;
    }
    if let Some(final_at) = final_at(facts, settings) {
        return if facts.followup_created || now >= final_at { SurveyStatus::Final } else { SurveyStatus::Answered };
    }
    if now < due_at(facts.closed_at, settings) {
        SurveyStatus::Scheduled
    } else if now < expires_at(facts.closed_at, settings) {
        SurveyStatus::Open
    } else {
        SurveyStatus::Expired
    }
}

/// Whether an answer (first or changed) may be recorded at `now`, or why not.
pub fn can_answer(facts: &SurveyFacts, now: i64, settings: &SurveySettings) -> Result<(), SurveyError> {
    match status_at(facts, now, settings) {
        SurveyStatus::Open | SurveyStatus::Answered => Ok(()),
        SurveyStatus::Scheduled => Err(SurveyError::NotYet),
        SurveyStatus::Final => Err(SurveyError::Final),
        SurveyStatus::Expired => Err(SurveyError::Expired),
        SurveyStatus::Skipped => Err(SurveyError::Skipped),
    }
}

/// When the reminder is due, if there is to be one (0 days switches it off).
pub fn reminder_at(facts: &SurveyFacts, settings: &SurveySettings) -> Option<i64> {
    (settings.reminder_after_days > 0).then(|| due_at(facts.closed_at, settings).saturating_add(days(settings.reminder_after_days)))
}

/// The single reminder should go now: still open and unanswered, its day reached, none
/// sent yet. The job records `reminded_at` in the same transaction as the mail it queues.
pub fn reminder_due(facts: &SurveyFacts, now: i64, settings: &SurveySettings) -> bool {
    facts.reminded_at.is_none() && status_at(facts, now, settings).awaiting_answer() && reminder_at(facts, settings).is_some_and(|at| now >= at)
}

/// Whether request `request_id` gets a survey when `sample_percent` of requests do. A hash
/// of the id and `seed`, not a random draw, so a rerun, a retry or another instance decides
/// the same; and a stable hash written here (SplitMix64), not `std`'s `DefaultHasher`, whose
/// output may change between Rust releases. 100 or more: always; 0: never.
pub fn sampled(request_id: i64, sample_percent: u8, seed: u64) -> bool {
    match sample_percent {
        0 => false,
        p if p >= 100 => true,
        p => mix(mix(seed) ^ request_id as u64) % 100 < u64::from(p),
    }
}

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn days(n: u32) -> i64 {
    i64::from(n) * SECONDS_PER_DAY
}

#[cfg(test)]
mod tests;
