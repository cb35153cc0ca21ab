//! Training sessions customers can book: staff schedule product, technical and after-sales
//! training; customers book seats (a site manager also for colleagues), join a waiting list
//! when it is full, add the session to their calendar and give feedback afterwards. The
//! pure rules, shared by the server and the browser:
//!
//! - `kind`: the vocabulary (kind, delivery on site or online, status, invited organizations);
//! - `form`: the staff form, checked field by field into a [`SessionDraft`], and the edit rule
//!   for capacity;
//! - `booking`: who may see, book and cancel, which seat a booking gets, who takes a freed seat;
//! - `calendar`: the month grid of the calendar view, in the viewer's zone;
//! - `ics`: the "add to calendar" file (RFC 5545);
//! - `reminder`: the reminder before a session and the feedback survey after it;
//! - `attendees`: the attendee CSV and when attendance may be marked.
//!
//! Nothing here reads a clock or touches a database: times come in as unix seconds and
//! counts (seats taken, bookings held) from the server, which applies every decision in one
//! transaction with the counting, so capacity is never exceeded and nobody is booked twice.
pub mod attendees;
pub mod booking;
pub mod calendar;
pub mod feedback;
pub mod form;
pub mod ics;
pub mod kind;
pub mod reminder;

pub use attendees::{attendee_cells, attendees_csv, can_mark_attendance, AttendeeRow, BookingStatus, ATTENDEE_COLUMNS};
pub use booking::{book, can_cancel, manages_training, promote, seats_left, visible_to, Attendee, BookingError, Seat, SessionFacts, WaitlistEntry};
pub use calendar::{month_grid, month_of, next_month, previous_month, Day, MonthGrid, Week, CALENDAR_YEARS};
pub use feedback::{feedback_open, feedback_questions, FEEDBACK_OPEN_DAYS};
pub use form::{check_capacity_change, check_session, validate_session, SessionDraft, SessionInput};
pub use ics::{to_ics, IcsEvent};
pub use kind::{Delivery, DeliveryMode, Invited, SessionStatus, TrainingKind};
pub use reminder::{feedback_due, show_reminder, REMINDER_BEFORE_SECS};
