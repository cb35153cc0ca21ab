//! The matrix entries of inspections: staff plan and do them (managers edit plans and
//! templates, dispatchers assign and move, the assigned engineer answers), the organization's
//! site manager confirms and signs off, customers read what they were told; admins keep out.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        Entry {
            f: "list_inspections",
            json: false,
            mutating: false,
            // Missing or empty: this month.
            args: &[("month", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("month", "".into())])),
        },
        Entry {
            f: "get_inspection",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 404",
            build: build!(|e, a| call(&[("id", e.inspection("announced").await.id.to_string())])),
        },
        // Confirming the date: the organization's site manager only.
        Entry {
            f: "act_on_inspection",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("version", Kind::Req), ("action", Kind::Req), ("date", Kind::Opt), ("engineer_id", Kind::Opt), ("note", Kind::Opt)],
            expect: "401 | 403 200 404 404 | 403 403 403 403 404",
            build: build!(|e, a| {
                let r = e.inspection("announced").await;
                call(&[
                    ("id", r.id.to_string()),
                    ("version", r.version.to_string()),
                    ("action", "confirm".into()),
                    ("date", "".into()),
                    ("engineer_id", "".into()),
                    ("note", "".into()),
                ])
            }),
        },
        // The assigned engineer (engineer@), the desk; not another engineer.
        Entry {
            f: "open_finding_request",
            json: false,
            mutating: true,
            args: &[("answer_id", Kind::Req)],
            expect: "401 | 403 403 403 403 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("answer_id", e.finding().await.to_string())])),
        },
        Entry {
            f: "get_inspection_plan",
            json: false,
            mutating: false,
            args: &[("contract_id", Kind::Req)],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("contract_id", e.0.contract.to_string())])),
        },
        Entry {
            f: "save_inspection_plan",
            json: false,
            mutating: true,
            args: &[
                ("contract_id", Kind::Req),
                ("version", Kind::ZeroOk),
                ("frequency", Kind::Req),
                ("template_id", Kind::Req),
                ("notice_days", Kind::Req),
                ("report_days", Kind::Req),
                ("initial", Kind::Opt),
                ("sites[0]", Kind::Opt),
                ("categories[0]", Kind::Opt),
            ],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| {
                let conn = &e.app().db.conn;
                let version = db::repo::inspections::plan_of_contract(conn, e.0.contract).await.unwrap().map_or(0, |p| p.version);
                let template = db::repo::checklists::current(conn).await.unwrap()[0].id;
                call(&[
                    ("contract_id", e.0.contract.to_string()),
                    ("version", version.to_string()),
                    ("frequency", "quarterly".into()),
                    ("template_id", template.to_string()),
                    ("notice_days", "15".into()),
                    ("report_days", "3".into()),
                    ("initial", "".into()),
                    ("sites[0]", e.0.acme_site.to_string()),
                    ("categories[0]", "server".into()),
                ])
            }),
        },
        Entry {
            f: "list_checklists",
            json: false,
            mutating: false,
            args: &[("edit", Kind::Opt)],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("edit", "".into())])),
        },
        Entry {
            f: "save_checklist",
            json: false,
            mutating: true,
            args: &[("id", Kind::ZeroOk), ("name", Kind::Text), ("text", Kind::Text)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("name", format!("Matrix template {}", e.next())),
                ("text", "hardware; pass_fail; Fans; ; server".into())
            ])),
        },
        // Assurance periods: managers declare, staff (not admins) read; customers read a
        // published one of their organization (Acme's here).
        Entry {
            f: "list_assurance_periods",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 403",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "get_assurance_period",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 404",
            build: build!(|e, a| call(&[("id", e.assurance(true).await.to_string())])),
        },
        Entry {
            f: "save_assurance_period",
            json: false,
            mutating: true,
            args: &[
                ("id", Kind::ZeroOk),
                ("version", Kind::ZeroOk),
                ("org_ids[0]", Kind::Opt),
                ("name", Kind::Text),
                ("reason", Kind::Opt),
                ("starts_on", Kind::Req),
                ("ends_on", Kind::Req),
            ],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("version", "0".into()),
                ("org_ids[0]", e.0.acme.to_string()),
                ("name", format!("Matrix period {}", e.next())),
                ("reason", "".into()),
                ("starts_on", "2027-10-01".into()),
                ("ends_on", "2027-10-07".into()),
            ])),
        },
        Entry {
            f: "add_duty_shift",
            json: false,
            mutating: true,
            args: &[("period_id", Kind::Req), ("day", Kind::Req), ("shift", Kind::Text), ("engineer_id", Kind::Req), ("phone", Kind::Text)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| call(&[
                ("period_id", e.assurance(false).await.to_string()),
                ("day", "2027-10-02".into()),
                ("shift", "day".into()),
                ("engineer_id", e.0.engineer.to_string()),
                ("phone", "+86 138 0000 0001".into()),
            ])),
        },
        Entry {
            f: "remove_duty_shift",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| call(&[("id", e.duty_shift().await.to_string())])),
        },
        Entry {
            f: "publish_assurance_period",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("version", Kind::Req), ("accept_gaps", Kind::EmptyOk)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 403",
            build: build!(|e, a| call(&[("id", e.assurance(false).await.to_string()), ("version", "1".into()), ("accept_gaps", "on".into())])),
        },
        Entry {
            f: "get_duty_today",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
    ]
}
