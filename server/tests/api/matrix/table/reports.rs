//! The matrix entries of service reports: managers and admins read every report, a site
//! manager their organization's (the default; another's is "not found"); customers, engineers
//! and dispatchers none. Managers write the weekly narrative; managers and admins recompute a
//! frozen period and choose who receives reports by mail.
use super::super::*;

/// A week long over, so its narrative and figures stay put while the sweep runs.
const WEEK: &str = "2025-03-10";

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // This month: reading a period that is over freezes it (a write), which the sweep would
        // rightly count against a reading function; freezing is tested in tests/api/reports.rs.
        Entry {
            f: "get_report",
            json: false,
            mutating: false,
            args: &[("q[org]", Kind::EmptyOk), ("q[period]", Kind::EmptyOk), ("q[day]", Kind::EmptyOk)],
            expect: "401 | 403 200 403 200 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("q[org]", "".into()), ("q[period]", "month".into()), ("q[day]", "".into())])),
        },
        Entry {
            f: "get_report_requests",
            json: false,
            mutating: false,
            args: &[("q[org]", Kind::EmptyOk), ("q[period]", Kind::EmptyOk), ("q[day]", Kind::EmptyOk), ("figure", Kind::EmptyOk)],
            expect: "401 | 403 200 403 200 | 403 403 403 200 200",
            build: build!(|e, a| call(&[
                ("q[org]", "".into()),
                ("q[period]", "month".into()),
                ("q[day]", "2025-03-01".into()),
                ("figure", "severity:1".into())
            ])),
        },
        // The provider-wide week's narrative, with the version it has now.
        Entry {
            f: "save_report_narrative",
            json: false,
            mutating: true,
            args: &[
                ("org", Kind::EmptyOk),
                ("day", Kind::EmptyOk),
                ("done", Kind::Opt),
                ("not_done", Kind::Opt),
                ("plan", Kind::Opt),
                ("version", Kind::ZeroOk),
            ],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| {
                let version = db::repo::reports::narrative(&e.app().db.conn, "all", WEEK).await.unwrap().map_or(0, |n| n.version);
                call(&[
                    ("org", "".into()),
                    ("day", WEEK.into()),
                    ("done", "Matrix: replaced a switch.".into()),
                    ("not_done", "".into()),
                    ("plan", "".into()),
                    ("version", version.to_string()),
                ])
            }),
        },
        Entry {
            f: "recompute_report",
            json: false,
            mutating: true,
            args: &[("org", Kind::EmptyOk), ("period", Kind::EmptyOk), ("day", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("org", "".into()), ("period", "month".into()), ("day", "2025-03-01".into())])),
        },
        Entry {
            f: "get_report_recipients",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[])),
        },
        // Acme's site manager: no weekly report.
        Entry {
            f: "save_report_recipients",
            json: false,
            mutating: true,
            args: &[("shown", Kind::EmptyOk)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| {
                let lead = e.app().user_id("lead@acme.example").await;
                call(&[("shown", format!("{lead}:week"))])
            }),
        },
    ]
}
