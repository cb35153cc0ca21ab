//! The attendee list as staff export it, and when attendance may be marked.
//!
//! The CSV goes through the survey export's writer (`survey::to_csv`, which guards every
//! cell with `csv_field`): names and organization names are typed by customers, and one
//! typed as `=HYPERLINK(...)` must not become a formula on the trainer's computer. Booking
//! times are written in the session's own zone, the one the trainer planned in.
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::booking::Seat;
use crate::survey::to_csv;

/// Where a booking stands. A cancelled booking stays in the list, so staff see who dropped out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 3] = [BookingStatus::Confirmed, BookingStatus::Waitlisted, BookingStatus::Cancelled];

    /// The stable name stored in the database and written in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Waitlisted => "waitlisted",
            BookingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<BookingStatus> {
        BookingStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl From<Seat> for BookingStatus {
    fn from(seat: Seat) -> Self {
        match seat {
            Seat::Confirmed => BookingStatus::Confirmed,
            Seat::Waitlisted => BookingStatus::Waitlisted,
        }
    }
}

/// One line of the attendee list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub name: String,
    pub email: String,
    pub organization: String,
    pub status: BookingStatus,
    /// Unix seconds.
    pub booked_at: i64,
    /// Marked present (`Some(true)`), absent (`Some(false)`), or not marked yet.
    pub attended: Option<bool>,
}

/// The header row of [`attendees_csv`].
pub const ATTENDEE_COLUMNS: [&str; 6] = ["name", "email", "organization", "status", "booked_at", "attended"];

/// One row as cells: booking time as `YYYY-MM-DD HH:MM` in `tz`, attendance `yes`, `no` or
/// empty while unmarked.
pub fn attendee_cells(row: &AttendeeRow, tz: Tz) -> Vec<String> {
    let booked_at = chrono::DateTime::from_timestamp(row.booked_at, 0).map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
    let attended = match row.attended {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    vec![row.name.clone(), row.email.clone(), row.organization.clone(), row.status.as_str().to_string(), booked_at, attended.to_string()]
}

/// The file: header, then confirmed, waiting and cancelled bookings, each group in booking
/// order (the waiting list reads in the order seats will be offered).
pub fn attendees_csv(rows: &[AttendeeRow], tz: Tz) -> String {
    let mut sorted: Vec<&AttendeeRow> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.status, r.booked_at));
    let mut lines = vec![ATTENDEE_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    lines.extend(sorted.into_iter().map(|r| attendee_cells(r, tz)));
    to_csv(&lines)
}

/// Attendance is marked once the session has started (people arrive late; the list may be
/// corrected afterwards), never before: nobody is present at a session that has not begun.
pub fn can_mark_attendance(now: i64, starts_at: i64) -> bool {
    now >= starts_at
}

#[cfg(test)]
mod tests;
