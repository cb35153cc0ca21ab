//! The matrix entries of the spare parts (staff only: customers are told the functions do not
//! exist; part models, locations and minimums for managers and admins) and of upgrade plans
//! (staff propose and carry out, the organization's site manager decides, customers read).
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        Entry {
            f: "get_parts",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "add_part",
            json: false,
            mutating: true,
            args: &[("code", Kind::Text), ("name", Kind::Text), ("minimum", Kind::ZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("code", format!("MX-NEW-{}", e.next())), ("name", "Power supply 550 W".into()), ("minimum", "2".into())])),
        },
        Entry {
            f: "set_part_minimum",
            json: false,
            mutating: true,
            args: &[("part_id", Kind::Req), ("minimum", Kind::ZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("part_id", e.new_stock().await.0.to_string()), ("minimum", "8".into())])),
        },
        Entry {
            f: "add_stock_location",
            json: false,
            mutating: true,
            args: &[("name", Kind::Text), ("engineer_id", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("name", format!("MX kit of engineer {}", e.next())), ("engineer_id", e.0.engineer.to_string())])),
        },
        Entry {
            f: "receive_stock",
            json: false,
            mutating: true,
            args: &[("part_id", Kind::Req), ("location_id", Kind::Req), ("quantity", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| {
                let (part, at, _, _) = e.new_stock().await;
                call(&[("part_id", part.to_string()), ("location_id", at.to_string()), ("quantity", "3".into())])
            }),
        },
        Entry {
            f: "move_stock",
            json: false,
            mutating: true,
            args: &[("part_id", Kind::Req), ("from_id", Kind::Req), ("to_id", Kind::Req), ("quantity", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| {
                let (part, from, to, _) = e.new_stock().await;
                call(&[("part_id", part.to_string()), ("from_id", from.to_string()), ("to_id", to.to_string()), ("quantity", "2".into())])
            }),
        },
        // Fitted while working a request: engineer@ works it, engineer2 and admins do not.
        Entry {
            f: "replace_part",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("stock_id", Kind::Req), ("old_serial", Kind::Opt), ("new_serial", Kind::Opt), ("whole_device", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| {
                let number = e.in_progress().await;
                let stock = e.new_stock().await.3;
                call(&[
                    ("number", number),
                    ("stock_id", stock.to_string()),
                    ("old_serial", "FAN-OLD".into()),
                    ("new_serial", "FAN-NEW".into()),
                    ("whole_device", "".into()),
                ])
            }),
        },
        Entry {
            f: "list_upgrade_plans",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "get_upgrade_plan",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_plan().await.to_string())])),
        },
        Entry {
            f: "get_upgrade_form",
            json: false,
            mutating: false,
            args: &[("id", Kind::ZeroOk), ("device", Kind::ZeroOk)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("id", "0".into()), ("device", e.0.device.to_string())])),
        },
        Entry {
            f: "save_upgrade_plan",
            json: false,
            mutating: true,
            args: &[
                ("id", Kind::ZeroOk),
                ("version", Kind::ZeroOk),
                ("device_ids[0]", Kind::Req),
                ("title", Kind::Text),
                ("target_version", Kind::Text),
                ("steps", Kind::Text),
                ("rollback", Kind::Text),
                ("impact", Kind::Text),
                ("window_start", Kind::Req),
                ("window_end", Kind::Req),
            ],
            expect: "401 | 404 404 404 404 | 200 200 200 200 403",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("version", "0".into()),
                ("device_ids[0]", e.0.device.to_string()),
                ("title", "Patch the mail server".into()),
                ("target_version", "2.4.1".into()),
                ("steps", "Install the patch".into()),
                ("rollback", "Uninstall it".into()),
                ("impact", "None expected".into()),
                ("window_start", "2026-12-20T20:00".into()),
                ("window_end", "2026-12-20T21:00".into())
            ])),
        },
        // Only the organization's site manager decides; everyone else is refused.
        Entry {
            f: "decide_upgrade_plan",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("revision", Kind::Req), ("decision", Kind::Req), ("note", Kind::Opt)],
            expect: "401 | 403 200 404 404 | 403 403 403 403 403",
            build: build!(|e, a| call(&[
                ("id", e.new_plan().await.to_string()),
                ("revision", "1".into()),
                ("decision", "approve".into()),
                ("note", "".into())
            ])),
        },
        Entry {
            f: "record_upgrade_result",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("device_id", Kind::Req), ("result", Kind::Req), ("note", Kind::Opt)],
            expect: "401 | 403 403 404 404 | 200 200 200 200 403",
            build: build!(|e, a| call(&[
                ("id", e.approved_plan().await.to_string()),
                ("device_id", e.0.device.to_string()),
                ("result", "succeeded".into()),
                ("note", "".into())
            ])),
        },
        Entry {
            f: "withdraw_upgrade_plan",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 403 404 404 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("id", e.new_plan().await.to_string())])),
        },
    ]
}
