//! Wire types of training sessions: the list and calendar, one session with the caller's
//! booking, the staff form and the attendee list.
use chrono::{DateTime, Utc};
use domain::training::{BookingStatus, MonthGrid, SessionInput, SessionStatus, TrainingKind};
use serde::{Deserialize, Serialize};

/// A session as customers and staff see it in lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: i32,
    pub title: String,
    pub kind: TrainingKind,
    pub status: SessionStatus,
    pub trainer: String,
    /// The session's own zone (times are shown in it, with the zone's name).
    pub tz: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub booking_deadline: DateTime<Utc>,
    /// `on_site` or `online`.
    pub delivery: String,
    /// The place (on site) or "Online".
    pub place: String,
    pub capacity: u32,
    pub seats_left: u32,
    pub waiting: u32,
    /// The caller's own booking, if any.
    pub my_booking: Option<BookingStatus>,
}

/// One session in full, with what the caller may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub summary: SessionSummary,
    pub description: String,
    /// The online link: only for people with a confirmed seat, and staff.
    pub link: Option<String>,
    /// Invited organizations' names; empty means every customer organization.
    pub invited: Vec<String>,
    /// The caller may book a seat for themselves now (or join the waiting list).
    pub may_book: bool,
    /// The caller's booking may be cancelled now.
    pub may_cancel: bool,
    /// The caller's own active booking (to cancel it).
    pub my_booking_id: Option<i32>,
    /// People the caller may book for (site managers: colleagues; staff: invited customers),
    /// as (user id, "Name · Organization"); empty for plain customers.
    pub book_for: Vec<(i32, String)>,
    /// Colleagues the caller booked (site managers), to cancel for them.
    pub booked_by_me: Vec<BookingRow>,
    /// A reminder is shown: the caller's confirmed seat starts within a day.
    pub reminder: bool,
    /// Staff may edit, cancel and see attendees.
    pub may_manage: bool,
    /// Feedback: asked from attendees once the session ended (survey engine).
    pub feedback: Option<crate::model::SurveyView>,
}

/// A booking as the attendee list and "my bookings" show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRow {
    pub id: i32,
    pub session_id: i32,
    pub session_title: String,
    pub starts_at: DateTime<Utc>,
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub organization: String,
    pub status: BookingStatus,
    pub booked_at: DateTime<Utc>,
    pub attended: Option<bool>,
    /// Position on the waiting list (1 = next), when waitlisted.
    pub position: Option<u32>,
}

/// The month view: the grid and the sessions it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingCalendar {
    pub grid: MonthGrid,
    pub sessions: Vec<SessionSummary>,
}

/// What the staff form is filled with: the values (empty for a new session) and the choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    pub id: Option<i32>,
    pub input: SessionInput,
    pub organizations: Vec<(i32, String)>,
    pub zones: Vec<String>,
    pub booked: u32,
}
