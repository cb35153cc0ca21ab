//! The matrix entries of complaints: the customer's people complain and accept or reject the
//! answer; managers (the service supervision) read all and take up and answer; engineers,
//! dispatchers and admins never read one ("forbidden" for the lists, "not found" for one).
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        Entry {
            f: "list_complaints",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 403 403 403 200 403",
            build: build!(|e, a| call(&[])),
        },
        // The Acme customer's complaint.
        Entry {
            f: "get_complaint",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 404 404 404 200 404",
            build: build!(|e, a| call(&[("id", e.complaint(false).await.to_string())])),
        },
        Entry {
            f: "get_complaint_form",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 403 403 403 403 403",
            build: build!(|e, a| call(&[])),
        },
        // About the service in general (empty: no request).
        Entry {
            f: "submit_complaint",
            json: false,
            mutating: true,
            args: &[("request", Kind::EmptyOk), ("text", Kind::Text), ("from_survey", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 403 403 403 403 403",
            build: build!(|e, a| call(&[("request", "".into()), ("text", "Matrix: nobody answered the hotline.".into()), ("from_survey", "".into())])),
        },
        // The manager takes up a new one; the customer's people accept an answered one.
        Entry {
            f: "act_on_complaint",
            json: false,
            mutating: true,
            args: &[
                ("id", Kind::Req),
                ("version", Kind::ZeroOk),
                ("action", Kind::Req),
                ("findings", Kind::Opt),
                ("changes", Kind::Opt),
                ("answer", Kind::Opt),
                ("reason", Kind::Opt),
            ],
            expect: "401 | 200 200 404 404 | 404 404 404 200 404",
            build: build!(|e, a| {
                let supervisor = a == 8;
                let id = e.complaint(!supervisor).await;
                let version = db::repo::complaints::find(&e.app().db.conn, id).await.unwrap().unwrap().version;
                let action = if supervisor { "acknowledge" } else { "accept" };
                call(&[
                    ("id", id.to_string()),
                    ("version", version.to_string()),
                    ("action", action.into()),
                    ("findings", "".into()),
                    ("changes", "".into()),
                    ("answer", "".into()),
                    ("reason", "".into()),
                ])
            }),
        },
    ]
}
