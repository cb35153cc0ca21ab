//! The matrix entries of training.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Training. The shared session is open to every organization.
        Entry {
            f: "list_training",
            json: false,
            mutating: false,
            args: &[("scope", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("scope", "upcoming".into())])),
        },
        Entry {
            f: "training_calendar",
            json: false,
            mutating: false,
            args: &[("year", Kind::ZeroOk), ("month", Kind::ZeroOk)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("year", "2027".into()), ("month", "3".into())])),
        },
        Entry {
            f: "get_training",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "my_bookings",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // Staff book someone by id; customers book themselves (an empty `user_id`).
        Entry {
            f: "book_training",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("user_id", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 403 403 200 200 200",
            build: build!(|e, a| {
                let who = if a >= 5 { e.0.user.to_string() } else { String::new() };
                call(&[("id", e.new_session(48).await.to_string()), ("user_id", who)])
            }),
        },
        Entry {
            f: "cancel_booking",
            json: false,
            mutating: true,
            args: &[("booking_id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("booking_id", e.booking(48).await.1.to_string())])),
        },
        Entry {
            f: "answer_training_feedback",
            json: true,
            mutating: true,
            args: &[("session_id", Kind::Req), ("answers", Kind::Req)],
            expect: "401 | 200 403 403 403 | 403 403 403 403 403",
            build: build!(|e, a| call_json(
                json!({ "session_id": e.feedback_session().await, "answers": [["overall", "5"], ["content", "4"], ["trainer", "5"], ["comment", "Useful"]] })
            )),
        },
        Entry {
            f: "get_training_form",
            json: false,
            mutating: false,
            args: &[("id", Kind::ZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "save_training",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| {
                let f = training_form("Matrix session", 10, 48);
                Call { args: f.into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect(), via: Via::Own }
            }),
        },
        Entry {
            f: "cancel_training",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("reason", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_session(48).await.to_string()), ("reason", "Trainer ill".into())])),
        },
        Entry {
            f: "training_attendees",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "mark_attendance",
            json: false,
            mutating: true,
            args: &[("booking_id", Kind::Req), ("attended", Kind::EmptyOk)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| {
                let (session, booking) = e.booking(48).await;
                e.shift(session, Duration::hours(-49), Duration::zero(), Duration::hours(-49)).await;
                call(&[("booking_id", booking.to_string()), ("attended", "yes".into())])
            }),
        },
    ]
}
