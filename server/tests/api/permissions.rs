//! Every page and every server function against every role, and against people of another
//! customer organization. The expectations are written out here, not derived from the rules
//! under test, so a wrong rule fails.
use crate::{both, helpers::*};

/// Who calls: `None` is not signed in.
const ACTORS: &[(&str, Option<&str>)] = &[
    ("anonymous", None),
    ("customer", Some("user@acme.example")),
    ("site_manager", Some("lead@acme.example")),
    ("other_customer", Some("user@globex.example")),
    ("other_site_manager", Some("lead@globex.example")),
    ("engineer", Some("engineer@provider.example")),
    ("dispatcher", Some("dispatcher@provider.example")),
    ("manager", Some("manager@provider.example")),
    ("admin", Some("admin@provider.example")),
];

/// (page path, actors that get 200); everyone else signed in gets 403, anonymous a redirect.
fn page_table(acme: i32) -> Vec<(String, Vec<&'static str>)> {
    let all_signed_in = vec!["customer", "site_manager", "other_customer", "other_site_manager", "engineer", "dispatcher", "manager", "admin"];
    vec![
        ("/".into(), all_signed_in.clone()),
        ("/account".into(), all_signed_in.clone()),
        ("/admin/organizations".into(), vec!["admin"]),
        (format!("/admin/organizations/{acme}"), vec!["admin"]),
        ("/organization/users".into(), vec!["site_manager", "other_site_manager"]),
        ("/requests".into(), all_signed_in.clone()),
        ("/requests/new".into(), vec!["customer", "site_manager", "other_customer", "other_site_manager", "dispatcher", "manager"]),
        ("/staff/triage".into(), vec!["dispatcher", "manager", "admin"]),
        ("/staff/my-work".into(), vec!["engineer", "manager"]),
        ("/surveys/results".into(), vec!["site_manager", "other_site_manager", "engineer", "manager", "admin"]),
        ("/admin/surveys".into(), vec!["manager", "admin"]),
        ("/admin/audit".into(), vec!["manager", "admin"]),
        ("/admin/contracts".into(), vec!["manager", "admin"]),
        ("/notifications".into(), all_signed_in.clone()),
        ("/training".into(), all_signed_in.clone()),
        ("/training/mine".into(), all_signed_in.clone()),
        ("/training/new".into(), vec!["dispatcher", "manager", "admin"]),
    ]
}

both!(every_page_against_every_role, |app: TestApp| async move {
    let acme = app.org_id("Acme Manufacturing").await;
    for (name, email) in ACTORS {
        let c = match email {
            Some(e) => app.signed_in(e).await,
            None => client(),
        };
        for (path, allowed) in page_table(acme) {
            let res = app.get(&c, &path).await;
            let status = res.status().as_u16();
            if email.is_none() {
                assert_eq!(status, 303, "{name} {path}");
                assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in"), "{name} {path}");
            } else if allowed.contains(name) {
                assert_eq!(status, 200, "{name} {path}");
                assert!(!res.text().await.unwrap().contains("Not allowed"), "{name} {path}");
            } else {
                assert_eq!(status, 403, "{name} {path}");
                assert!(res.text().await.unwrap().contains("Not allowed"), "{name} {path}");
            }
        }
        // A survey's one-time link opens for anyone, signed in or not (the token is the key);
        // a made-up token shows that the link is not valid.
        let res = app.get(&c, "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
        assert_eq!(res.status().as_u16(), 200, "{name} /s/…");
        assert!(res.text().await.unwrap().contains("This link is not valid"), "{name} /s/…");
        // The sign-in page is for the signed-out only.
        let res = app.get(&c, "/sign-in").await;
        assert_eq!(res.status().as_u16(), if email.is_none() { 200 } else { 303 }, "{name} /sign-in");
    }
});

both!(every_server_function_against_every_role, |app: TestApp| async move {
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let admin = app.signed_in("admin@provider.example").await;
    // A user to act on, so the demo users stay as they are.
    let r = app
        .call(
            &admin,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "target@acme.example"),
                ("display_name", "Target"),
                ("phone", ""),
                ("role", "customer"),
                ("password", "target password 1"),
                ("site_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let target = r.body["id"].to_string();

    for (i, (name, email)) in ACTORS.iter().enumerate() {
        let c = match email {
            Some(e) => app.signed_in(e).await,
            None => client(),
        };
        let org_name = format!("New Org {i}");
        let new_email = format!("new{i}@acme.example");
        let site_name = format!("Site {i}");
        // (function, form, actors allowed, status for the others when signed in)
        let cases: Vec<(&str, Vec<(&str, &str)>, Vec<&str>, u16)> = vec![
            ("list_organizations", vec![], vec!["admin"], 403),
            ("create_organization", vec![("name", &org_name), ("kind", "customer")], vec!["admin"], 403),
            ("get_organization", vec![("id", &acme)], vec!["admin", "site_manager"], 404),
            ("create_site", vec![("org_id", &acme), ("name", &site_name), ("address", "")], vec!["admin"], 403),
            (
                "create_user",
                vec![
                    ("org_id", &acme),
                    ("email", &new_email),
                    ("display_name", "New"),
                    ("phone", ""),
                    ("role", "customer"),
                    ("password", "long enough pw"),
                    ("site_id", ""),
                ],
                vec!["admin", "site_manager"],
                403,
            ),
            ("set_user_active", vec![("user_id", &target), ("active", "true")], vec!["admin", "site_manager"], 404),
            ("set_user_role", vec![("user_id", &target), ("role", "customer")], vec!["admin"], 403),
        ];
        for (f, form, allowed, denied) in cases {
            let r = app.call(&c, f, &form).await;
            let expected = if email.is_none() {
                401
            } else if allowed.contains(name) {
                200
            } else {
                denied
            };
            assert_eq!(r.status.as_u16(), expected, "{name} calling {f}: {}", r.body);
            if expected != 200 {
                assert!(r.body.is_string(), "{name} {f}: errors are plain codes, got {}", r.body);
            }
        }
        // Everyone signed in may change their own password (here: refused for a wrong current one).
        let r = app.call(&c, "change_password", &[("current", "wrong"), ("new", "whatever long"), ("confirm", "whatever long")]).await;
        assert_eq!(r.status.as_u16(), if email.is_none() { 401 } else { 422 }, "{name} change_password");
        let r = app.call(&c, "current_user", &[]).await;
        assert_eq!(r.status, 200, "{name} current_user");
    }
});

// Surveys and training: the functions that read (and the settings change) against every
// role. Staff-only functions answer customers "not found" and other staff "forbidden".
both!(survey_and_training_functions_against_every_role, |app: TestApp| async move {
    let settings = [
        ("delay_minutes", "60"),
        ("expiry_days", "14"),
        ("reminder_after_days", "3"),
        ("low_score_threshold", "2"),
        ("sample_percent", "100"),
        ("final_after_days", "7"),
    ];
    let filter = [("filter[org]", ""), ("filter[site]", ""), ("filter[engineer]", ""), ("filter[from]", ""), ("filter[until]", ""), ("filter[period]", "")];
    let customers = ["customer", "site_manager", "other_customer", "other_site_manager"];
    // (function, form, allowed, status for customers, status for other staff)
    let cases: Vec<(&str, Vec<(&str, &str)>, Vec<&str>, u16, u16)> = vec![
        ("waiting_surveys", vec![], ACTORS.iter().filter_map(|(n, e)| e.map(|_| *n)).collect(), 0, 0),
        ("survey_results", filter.to_vec(), vec!["site_manager", "other_site_manager", "engineer", "manager", "admin"], 403, 403),
        ("get_survey_admin", vec![], vec!["manager", "admin"], 404, 403),
        ("save_survey_settings", settings.to_vec(), vec!["admin"], 404, 403),
        ("list_training", vec![("scope", "upcoming")], ACTORS.iter().filter_map(|(n, e)| e.map(|_| *n)).collect(), 0, 0),
        ("training_calendar", vec![("year", "0"), ("month", "0")], ACTORS.iter().filter_map(|(n, e)| e.map(|_| *n)).collect(), 0, 0),
        ("my_bookings", vec![], ACTORS.iter().filter_map(|(n, e)| e.map(|_| *n)).collect(), 0, 0),
        ("get_training_form", vec![("id", "0")], vec!["dispatcher", "manager", "admin"], 404, 403),
    ];
    for (name, email) in ACTORS {
        let c = match email {
            Some(e) => app.signed_in(e).await,
            None => client(),
        };
        for (f, form, allowed, customer_status, staff_status) in &cases {
            let r = app.call(&c, f, form).await;
            let expected = if email.is_none() {
                401
            } else if allowed.contains(name) {
                200
            } else if customers.contains(name) {
                *customer_status
            } else {
                *staff_status
            };
            assert_eq!(r.status.as_u16(), expected, "{name} calling {f}: {}", r.body);
        }
    }
});

both!(another_organization_sees_nothing_of_acme, |app: TestApp| async move {
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let globex_lead = app.signed_in("lead@globex.example").await;
    let r = app.call(&globex_lead, "get_organization", &[("id", &acme)]).await;
    assert_eq!(r.status, 404);
    assert!(!r.body.to_string().contains("Acme"));
    // A made-up id answers exactly like a real one of another organization.
    let r2 = app.call(&globex_lead, "get_organization", &[("id", "99999")]).await;
    assert_eq!((r2.status, r2.body), (r.status, r.body));
    let acme_user = app.user_id("user@acme.example").await.to_string();
    let r = app.call(&globex_lead, "set_user_active", &[("user_id", &acme_user), ("active", "false")]).await;
    assert_eq!(r.status, 404);
    let still = app.signed_in("user@acme.example").await;
    assert_eq!(app.call(&still, "current_user", &[]).await.body["email"], "user@acme.example");
});
