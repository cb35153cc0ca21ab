//! The matrix entries of accounts, sign-in, organizations and users.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Accounts and sign-in.
        Entry {
            f: "sign_in",
            json: false,
            mutating: false,
            args: &[("email", Kind::Req), ("password", Kind::Text), ("next", Kind::Opt)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            // Signed in: the actor signs in again as themselves; signed out: a new client each time.
            build: build!(|e, a| {
                let c = call(&[
                    ("email", ACTORS[a].1.unwrap_or("user@acme.example").to_string()),
                    ("password", PASSWORD.to_string()),
                    ("next", "/requests".into()),
                ]);
                Call { via: if a == 0 { Via::Fresh } else { Via::Own }, ..c }
            }),
        },
        Entry {
            f: "sign_out",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| Call { args: vec![], via: Via::Fresh }),
        },
        Entry {
            f: "current_user",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // The builder puts the demo password back first, so the change succeeds every time.
        Entry {
            f: "change_password",
            json: false,
            mutating: true,
            args: &[("current", Kind::Text), ("new", Kind::Text), ("confirm", Kind::Text)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| {
                e.restore_password(a).await;
                call(&[("current", PASSWORD.into()), ("new", "Matrix changed password 1".into()), ("confirm", "Matrix changed password 1".into())])
            }),
        },
        // --- Organizations and users.
        Entry {
            f: "list_organizations",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "create_organization",
            json: false,
            mutating: true,
            args: &[("name", Kind::Text), ("kind", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("name", format!("Matrix Org {}", e.next())), ("kind", "customer".into())])),
        },
        Entry {
            f: "get_organization",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 404 200 404 404 | 404 404 404 404 200",
            build: build!(|e, a| call(&[("id", e.0.acme.to_string())])),
        },
        Entry {
            f: "create_site",
            json: false,
            mutating: true,
            args: &[("org_id", Kind::Req), ("name", Kind::Text), ("address", Kind::Opt)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("org_id", e.0.acme.to_string()), ("name", format!("Matrix Site {}", e.next())), ("address", "".into())])),
        },
        Entry {
            f: "create_user",
            json: false,
            mutating: true,
            args: &[
                ("org_id", Kind::Req),
                ("email", Kind::Req),
                ("display_name", Kind::Text),
                ("phone", Kind::Opt),
                ("role", Kind::Req),
                ("password", Kind::Text),
                ("site_id", Kind::Opt),
            ],
            expect: "401 | 403 200 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("org_id", e.0.acme.to_string()),
                ("email", format!("matrix{}@acme.example", e.next())),
                ("display_name", "Matrix".into()),
                ("phone", "".into()),
                ("role", "customer".into()),
                ("password", "long enough pw".into()),
                ("site_id", "".into()),
            ])),
        },
        Entry {
            f: "set_user_active",
            json: false,
            mutating: true,
            args: &[("user_id", Kind::Req), ("active", Kind::Req)],
            expect: "401 | 404 200 404 404 | 404 404 404 404 200",
            build: build!(|e, a| call(&[("user_id", e.new_user().await.to_string()), ("active", "false".into())])),
        },
        Entry {
            f: "set_user_role",
            json: false,
            mutating: true,
            args: &[("user_id", Kind::Req), ("role", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("user_id", e.new_user().await.to_string()), ("role", "site_manager".into())])),
        },
    ]
}
