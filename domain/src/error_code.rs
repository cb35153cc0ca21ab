//! What can be wrong with input, as codes rather than sentences: the browser turns each code
//! into a message in the reader's language, and tests compare codes, not wording.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    InvalidEmail,
    InvalidPhone,
    PasswordTooShort {
        min: usize,
    },
    PasswordSameAsEmail,
    PasswordMismatch,
    WrongCurrentPassword,
    EmailTaken,
    NameTaken,
    InvalidChoice,
    /// The role does not fit the organization (staff roles belong to the provider).
    RoleNotForOrg,
    /// The caller may not give this role.
    RoleNotAllowed,
    /// An admin may not change their own role or deactivate themselves (no lock-out).
    NotOnYourself,
    /// Not a whole number from `min` to `max` (e.g. an activity's minutes, 1 to 1440).
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A list with more than `max` entries (e.g. more than 50 replaced parts).
    TooMany {
        max: usize,
    },
    /// The new value is the same as the current one (e.g. a severity "changed" to itself).
    Unchanged,
    /// Remote work needs a remote session the customer has approved.
    RemoteNotApproved,
    /// The uploader has used their attachment quota of the last 24 hours.
    DailyUploadQuota {
        megabytes: u64,
        files: u64,
    },
    /// Not a date written `YYYY-MM-DD`, or not a day of the calendar (2023-02-30).
    InvalidDate,
    /// A time of day that is not HH:MM.
    InvalidTime,
    /// Quiet hours that start when they end.
    SameTime,
    /// Not an IPv4 or IPv6 address.
    InvalidIpAddress,
    /// An end (a warranty's) before its start (the purchase).
    EndsBeforeStart,
    /// Another device of the organization has this serial number.
    SerialTaken,
    /// Fewer parts at the location than asked for (`available` is what is there).
    NotEnoughStock {
        available: i32,
    },
    /// Not a number (a reading: "23.5", full-width digits and a decimal comma are read too).
    InvalidNumber,
    /// A line of a checklist template that cannot be read: its number (from 1) and the field
    /// (from 1; 0 when the line has the wrong number of fields).
    BadLine {
        line: usize,
        field: usize,
    },
}

/// One problem with one form field; `field` is the input's `name`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> Self {
        FieldError { field: field.to_string(), code }
    }
}
