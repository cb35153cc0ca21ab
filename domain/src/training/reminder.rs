//! What a booked person is shown around the session: a reminder just before it, the
//! feedback survey just after.
use super::booking::{Seat, SessionFacts};
use super::kind::SessionStatus;

/// How long before the start the reminder shows: a day, so it is seen the day before (to
/// plan the trip on site) and on the day itself, without sitting on the home page for a week.
pub const REMINDER_BEFORE_SECS: i64 = 24 * 3600;

/// Whether to show a reminder for `seat`: confirmed seats of sessions still taking place,
/// from [`REMINDER_BEFORE_SECS`] before the start until the end (late-comers still need the
/// place or link). A waiting-list place is not a seat, so nobody is reminded to come to it.
pub fn show_reminder(session: &SessionFacts, seat: Seat, now: i64) -> bool {
    seat == Seat::Confirmed
        && session.status == SessionStatus::Scheduled
        && now >= session.starts_at.saturating_sub(REMINDER_BEFORE_SECS)
        && now < session.ends_at
}

/// Whether the feedback survey is due: once the session has ended. The server asks the
/// confirmed attendees not marked absent.
pub fn feedback_due(now: i64, ends_at: i64) -> bool {
    now >= ends_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::kind::Invited;

    const START: i64 = 1_000_000;
    const END: i64 = START + 7200;

    fn session(status: SessionStatus) -> SessionFacts {
        SessionFacts { status, starts_at: START, ends_at: END, booking_deadline: START - 86_400, capacity: 10, invited: Invited::All }
    }

    #[test]
    fn reminders_show_from_a_day_before_until_the_end() {
        let day = REMINDER_BEFORE_SECS;
        let cases = [(START - day - 1, false), (START - day, true), (START - 1, true), (START, true), (END - 1, true), (END, false), (END + day, false)];
        for (now, want) in cases {
            assert_eq!(show_reminder(&session(SessionStatus::Scheduled), Seat::Confirmed, now), want, "{now}");
            assert!(!show_reminder(&session(SessionStatus::Scheduled), Seat::Waitlisted, now), "{now}");
            assert!(!show_reminder(&session(SessionStatus::Cancelled), Seat::Confirmed, now), "{now}");
        }
        assert_eq!(REMINDER_BEFORE_SECS, 86_400);
    }

    #[test]
    fn feedback_is_due_once_the_session_has_ended() {
        for (now, want) in [(START, false), (END - 1, false), (END, true), (END + 30 * 86_400, true)] {
            assert_eq!(feedback_due(now, END), want, "{now}");
        }
    }
}
