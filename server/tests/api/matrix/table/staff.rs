//! The matrix entries of the staff workspace.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Staff workspace.
        Entry {
            f: "triage_queue",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 200 200 200",
            build: build!(|e, a| call(&[
                ("filter[org]", "".into()),
                ("filter[site]", "".into()),
                ("filter[severity]", "".into()),
                ("filter[kind]", "".into()),
                ("filter[status]", "".into()),
                ("filter[show]", "all".into())
            ])),
        },
        // The home page's data: every signed-in role has one (its own kind, `model::Home`).
        Entry { f: "home", json: false, mutating: false, args: &[], expect: "401 | 200 200 200 200 | 200 200 200 200 200", build: build!(|e, a| call(&[])) },
        Entry { f: "my_work", json: false, mutating: false, args: &[], expect: "401 | 403 403 403 403 | 200 200 403 200 403", build: build!(|e, a| call(&[])) },
        Entry {
            f: "list_audit",
            json: false,
            mutating: false,
            args: &[("actor", Kind::Opt), ("action", Kind::Opt), ("subject", Kind::Opt), ("before", Kind::Opt)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("actor", "".into()), ("action", "".into()), ("subject", "".into()), ("before", "".into())])),
        },
        Entry {
            f: "triage_request",
            json: false,
            mutating: true,
            args: &[
                ("number", Kind::Req),
                ("kind", Kind::Req),
                ("fault_kind", Kind::Req),
                ("severity", Kind::EmptyOk),
                ("reason", Kind::Opt),
                ("device", Kind::Opt),
                ("device_field", Kind::Opt),
            ],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[
                ("number", e.submit().await),
                ("kind", "fault".into()),
                ("fault_kind", "software".into()),
                ("severity", "2".into()),
                ("reason", "Whole line stopped".into()),
                ("device", format!("#{} Mail server", e.0.device)),
                ("device_field", "1".into())
            ])),
        },
        Entry {
            f: "dispatch_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("engineer_id", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await), ("engineer_id", e.0.engineer.to_string())])),
        },
        // From here the targets are assigned to engineer@ (engineer2 is not working them).
        Entry {
            f: "record_stage",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("stage", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.assigned().await), ("stage", "dispatched".into())])),
        },
        Entry {
            f: "log_activity",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("channel", Kind::Req), ("minutes", Kind::Req), ("text", Kind::Text), ("visibility", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[
                ("number", e.in_progress().await),
                ("channel", "phone".into()),
                ("minutes", "5".into()),
                ("text", "Called the vendor".into()),
                ("visibility", "internal".into())
            ])),
        },
        Entry {
            f: "add_note",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("body", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("body", "Firmware is out of support".into())])),
        },
        Entry {
            f: "escalate_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("target", Kind::Req), ("reason", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("target", "expert".into()), ("reason", "Needs a routing expert".into())])),
        },
        Entry {
            f: "resolve_with_report",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("cause", Kind::Text), ("action_taken", Kind::Text), ("parts_replaced", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 200 409 200 200 409",
            build: build!(|e, a| call(&[
                ("number", e.in_progress().await),
                ("cause", "Failed disk".into()),
                ("action_taken", "Replaced the disk".into()),
                ("parts_replaced", "HDD 1.2 TB\n".into())
            ])),
        },
        Entry {
            f: "request_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("plan", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("plan", "Log in over VPN, 30 minutes, no outage".into())])),
        },
        Entry {
            f: "decide_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("decision", Kind::Req)],
            expect: "401 | 200 200 404 404 | 403 403 403 403 403",
            build: build!(|e, a| call(&[("number", e.remote_requested().await), ("decision", "approve".into())])),
        },
        Entry {
            f: "withdraw_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.remote_requested().await)])),
        },
        Entry {
            f: "complete_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("command_log", Kind::Text), ("minutes", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.remote_approved().await), ("command_log", "switch# show run".into()), ("minutes", "25".into())])),
        },
        Entry {
            f: "propose_emergency",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("kind", Kind::Req), ("reason", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("kind", "vendor_support".into()), ("reason", "Supervisor module failed".into())])),
        },
        Entry {
            f: "decide_emergency",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("plan_id", Kind::Req), ("decision", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| {
                let (number, plan) = e.emergency().await;
                call(&[("number", number), ("plan_id", plan.to_string()), ("decision", "authorise".into())])
            }),
        },
    ]
}
