//! The matrix entries of service requests.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Requests.
        Entry {
            f: "list_requests",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("filter[q]", "".into()),
                ("filter[page]", "0".into()),
                ("filter[scope]", "".into()),
                ("filter[status]", "".into()),
                ("filter[severity]", "".into()),
                ("filter[site]", "".into()),
                ("filter[sort]", "".into())
            ])),
        },
        Entry {
            f: "get_request",
            json: false,
            mutating: false,
            args: &[("number", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.0.open.clone())])),
        },
        Entry {
            f: "get_new_request_form",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 403 403 200 200 403",
            build: build!(|e, a| call(&[])),
        },
        // Customers submit for themselves (their own site); the desk logs one for user@acme.
        Entry {
            f: "submit_request",
            json: false,
            mutating: true,
            args: &[
                ("title", Kind::Text),
                ("description", Kind::Text),
                ("kind", Kind::Req),
                ("fault_kind", Kind::Opt),
                ("severity", Kind::Req),
                ("system", Kind::Opt),
                ("site_id", Kind::Req),
                ("contact_phone", Kind::Text),
                ("requester_id", Kind::Opt),
                ("channel", Kind::Opt),
                // Absent when the organization has no devices: the field is not on the form.
                ("device", Kind::Opt),
                ("kb_token", Kind::Opt),
            ],
            expect: "401 | 200 200 200 200 | 403 403 200 200 403",
            build: build!(|e, a| {
                let (site, requester) = match a {
                    3 | 4 => (e.0.globex_site, e.0.user),
                    _ => (e.0.acme_site, e.0.user),
                };
                let requester = if (1..=4).contains(&a) { e.0.users[a] } else { requester };
                call(&[
                    ("title", "Matrix: label printer offline".into()),
                    ("description", "The label printer on line 2 is offline since 9:00.".into()),
                    ("kind", "fault".into()),
                    ("fault_kind", "hardware".into()),
                    ("severity", "3".into()),
                    ("system", "Printer L2".into()),
                    ("site_id", site.to_string()),
                    ("contact_phone", "+86 21 5555 0101".into()),
                    ("requester_id", requester.to_string()),
                    ("channel", "phone".into()),
                    ("device", String::new()),
                    ("kb_token", db::repo::kb_usage::new_form_token()),
                ])
            }),
        },
        // The requester (or their site manager) cancels a new request; so may the desk and admins
        // (cancelling is coordination); engineers may not.
        Entry {
            f: "act_on_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("action", Kind::Req), ("note", Kind::Opt), ("engineer_id", Kind::Opt)],
            expect: "401 | 200 200 404 404 | 409 409 200 200 200",
            build: build!(|e, a| call(&[
                ("number", e.submit().await),
                ("action", "cancel".into()),
                ("note", "Found the cable".into()),
                ("engineer_id", "".into())
            ])),
        },
        Entry {
            f: "reply_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("body", Kind::Text)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await), ("body", "Any news?".into())])),
        },
    ]
}
