//! What can be wrong with one input of the contract form, and the shared error code that
//! carries it.
use super::field;
use super::form::MAX_LIMIT_MINUTES;
use crate::complaint::MAX_COMPLAINT_DAYS;
use crate::dates::{LAST_YEAR, MAX_DATES};
use crate::error_code::{ErrorCode, FieldError};

/// What is wrong with one input, in the contract form's terms. Each is carried as a shared
/// [`ErrorCode`] on its input ([`Problem::at`]) and read back with [`Problem::of`]; the pair
/// (input, code) always names one problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing typed where a value is needed. `required`
    Required,
    /// Not tier A, B or C. `invalid_choice` on `tier`
    UnknownTier,
    /// Not one of the compiled-in zones ([`crate::dates::TIME_ZONES`]). `invalid_choice` on `tz`
    UnknownTimeZone,
    /// Neither `within` nor `next_working_day_end`. `invalid_choice` on `on_site_kind`
    UnknownOnSiteKind,
    /// The organization is the provider, not a customer. `invalid_choice` on `org_id`
    NotACustomer,
    /// Not a date `YYYY-MM-DD` between [`crate::dates::FIRST_YEAR`] and [`LAST_YEAR`]. `invalid_choice`
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
    /// most [`crate::dates::MAX_RANGE_DAYS`] days. `invalid_choice` on the list
    BadDateLine,
    /// More than [`MAX_DATES`] dates in a list. `too_many`
    TooManyDates,
    /// A date is both a holiday and a moved working day. `invalid_choice` on `calendar_dates`
    HolidayAndWorkingDay,
    /// Not a whole number of working days from `min` to [`MAX_COMPLAINT_DAYS`] (the answer
    /// needs at least the acknowledgement's days). `out_of_range` on a complaint clock
    ComplaintDaysOutOfRange { min: u32 },
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
            Problem::ComplaintDaysOutOfRange { min } => ErrorCode::OutOfRange { min: i64::from(min), max: i64::from(MAX_COMPLAINT_DAYS) },
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
            (ErrorCode::OutOfRange { min, .. }, COMPLAINT_ACK | COMPLAINT_ANSWER) => Problem::ComplaintDaysOutOfRange { min: u32::try_from(*min).ok()? },
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
