//! The matrix entries of the spare parts: staff only (customers are told the functions do not
//! exist); part models, locations and minimums for managers and admins.
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
    ]
}
