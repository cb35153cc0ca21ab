//! The matrix entries of contracts and notifications.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Contracts.
        Entry {
            f: "list_contracts",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "get_contract",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("id", e.0.contract.to_string())])),
        },
        Entry {
            f: "create_contract",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| {
                let org = e.new_org().await;
                let mut f = contract_form();
                f.insert(0, ("org_id", org.to_string()));
                call(&f)
            }),
        },
        Entry {
            f: "update_contract",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| {
                let id = e.new_contract().await;
                let mut f = contract_form();
                f.insert(0, ("id", id.to_string()));
                f.iter_mut().find(|(k, _)| *k == "tier").unwrap().1 = "a".into();
                // The version the edit form was opened at (a hidden input).
                let version = db::entity::contract::Entity::find_by_id(id).one(&e.app().db.conn).await.unwrap().unwrap().version;
                f.push(("version", version.to_string()));
                call(&f)
            }),
        },
        // --- Notifications.
        Entry {
            f: "unread_notifications",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "list_notifications",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "mark_notifications_read",
            json: false,
            mutating: true,
            args: &[("number", Kind::Opt)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await)])),
        },
    ]
}
