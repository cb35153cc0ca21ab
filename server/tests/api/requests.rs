//! Service requests through the real router: submitting, numbering, who sees what, the
//! lifecycle with its clocks, attachments, notifications and escalation.
use serde_json::Value;

use crate::{both, helpers::*};

/// Submits a request as `client`; returns its service number.
pub async fn submit(app: &TestApp, client: &reqwest::Client, title: &str, severity: &str) -> String {
    let form = app.call(client, "get_new_request_form", &[]).await.body;
    let site = form["sites"][0]["id"].to_string();
    let r = app
        .call(
            client,
            "submit_request",
            &[
                ("title", title),
                ("description", "The storage array reports a failed disk and the database is slow."),
                ("kind", "fault"),
                ("fault_kind", "hardware"),
                ("severity", severity),
                ("system", "SAN-01"),
                ("site_id", &site),
                ("contact_phone", "+86 21 5555 0101"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body.as_str().unwrap().to_string()
}

pub async fn detail(app: &TestApp, client: &reqwest::Client, number: &str) -> Reply {
    app.call(client, "get_request", &[("number", number)]).await
}

/// Resolves a fault with its report, as the engineer's form does.
pub async fn resolve(app: &TestApp, client: &reqwest::Client, number: &str) -> Reply {
    let form = [
        ("number", number),
        ("cause", "Failed disk in slot 3"),
        ("action_taken", "Replaced the disk, rebuilt the array"),
        ("parts_replaced", "HDD 1.2 TB SAS\n"),
    ];
    app.call(client, "resolve_with_report", &form).await
}

pub async fn act(app: &TestApp, client: &reqwest::Client, number: &str, action: &str, extra: &[(&str, &str)]) -> Reply {
    let mut form = vec![("number", number), ("action", action)];
    form.extend_from_slice(extra);
    app.call(client, "act_on_request", &form).await
}

both!(a_submitted_request_gets_a_number_clocks_and_a_timeline, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Disk failure on SAN-01", "2").await;
    let year = chrono::Datelike::year(&chrono::Utc::now());
    assert_eq!(number, format!("SR-{year}-000001"));
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["status"], "new");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["terms"]["tier"], "a", "Acme's contract is tier A");
    assert_eq!(d["facts"]["on_site_required"], true, "hardware faults need an engineer on site");
    assert_eq!(d["timeline"][0]["kind"], "created");
    let created = chrono::DateTime::parse_from_rfc3339(d["created_at"].as_str().unwrap()).unwrap();
    // Tier A, severity 2: resolution within 24 h, around the clock.
    let row = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!(row.resolution_deadline.unwrap(), created + chrono::Duration::hours(24));
    assert_eq!(row.response_deadline.unwrap(), created + chrono::Duration::minutes(10));
    assert_eq!(row.on_site_deadline.unwrap(), created + chrono::Duration::hours(2));
    let list = app
        .call(
            &user,
            "list_requests",
            &[
                ("filter[q]", ""),
                ("filter[page]", "0"),
                ("filter[scope]", ""),
                ("filter[status]", ""),
                ("filter[severity]", ""),
                ("filter[site]", ""),
                ("filter[sort]", ""),
            ],
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["total"], 1);
});

both!(bad_input_is_refused_field_by_field_and_nothing_is_saved, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let r = app
        .call(
            &user,
            "submit_request",
            &[("title", "x"), ("description", ""), ("kind", "fault"), ("severity", "9"), ("system", ""), ("site_id", "abc"), ("contact_phone", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = field_codes(&r.body).into_iter().map(|(f, _)| f).collect();
    for f in ["title", "description", "fault_kind", "severity_level", "site_id", "contact_phone"] {
        assert!(fields.contains(&f.to_string()), "{f} missing in {fields:?}");
    }
    // Another organization's site is refused too.
    let globex = app.org_id("Globex Logistics").await;
    let site = db::repo::sites::list_by_org(&app.db.conn, globex).await.unwrap()[0].id.to_string();
    let r = app
        .call(
            &user,
            "submit_request",
            &[
                ("title", "Printer jam"),
                ("description", "The printer jams on every page."),
                ("kind", "consultation"),
                ("severity", "3"),
                ("system", ""),
                ("site_id", &site),
                ("contact_phone", "12345"),
            ],
        )
        .await;
    assert_eq!(field_codes(&r.body), vec![("site_id".into(), "invalid_choice".into())]);
    let (_, total) = db::repo::requests::list(&app.db.conn, &Default::default()).await.unwrap();
    assert_eq!(total, 0);
});

both!(numbers_have_no_duplicates_and_no_gaps_under_concurrency, |app: TestApp| async move {
    let mut tasks = vec![];
    let (user, lead) = (app.signed_in("user@acme.example").await, app.signed_in("lead@acme.example").await);
    for i in 0..30 {
        let client = if i % 2 == 0 { user.clone() } else { lead.clone() };
        let base = app.base.clone();
        let site = app.call(&client, "get_new_request_form", &[]).await.body["sites"][0]["id"].to_string();
        tasks.push(tokio::spawn(async move {
            let res = client
                .post(format!("{base}/api/submit_request"))
                .header("origin", &base)
                .form(&[
                    ("title", "Concurrent report"),
                    ("description", "Many people report at the same moment."),
                    ("kind", "consultation"),
                    ("severity", "3"),
                    ("system", ""),
                    ("site_id", site.as_str()),
                    ("contact_phone", "12345"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            res.json::<String>().await.unwrap()
        }));
    }
    let mut seqs = vec![];
    for t in tasks {
        let number = t.await.unwrap();
        seqs.push(domain::ticket::parse_service_number(&number).unwrap().1);
    }
    seqs.sort();
    assert_eq!(seqs, (1..=30).collect::<Vec<u32>>());
});

both!(requests_are_visible_only_to_those_who_may_see_them, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "VPN down at the plant", "1").await;
    for (who, visible) in [
        ("user@acme.example", true),
        ("lead@acme.example", true),
        ("engineer@provider.example", true),
        ("dispatcher@provider.example", true),
        ("user@globex.example", false),
        ("lead@globex.example", false),
    ] {
        let c = app.signed_in(who).await;
        let r = detail(&app, &c, &number).await;
        assert_eq!(r.status == 200, visible, "{who}: {}", r.status);
        if !visible {
            assert_eq!(r.status, 404);
            let reply = app.call(&c, "reply_request", &[("number", &number), ("body", "let me in")]).await;
            assert_eq!(reply.status, 404, "{who} cannot reply");
            let a = act(&app, &c, &number, "cancel", &[]).await;
            assert_eq!(a.status, 404, "{who} cannot act");
        }
    }
    // A colleague customer of the same organization does not see it either.
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let admin = app.signed_in("admin@provider.example").await;
    app.call(
        &admin,
        "create_user",
        &[
            ("org_id", &acme),
            ("email", "colleague@acme.example"),
            ("display_name", "Colleague"),
            ("phone", ""),
            ("role", "customer"),
            ("password", "colleague password"),
            ("site_id", ""),
        ],
    )
    .await;
    let colleague = client();
    app.call(&colleague, "sign_in", &[("email", "colleague@acme.example"), ("password", "colleague password")]).await;
    assert_eq!(detail(&app, &colleague, &number).await.status, 404);
    // Staff cannot submit as customers (they log on behalf in the staff workspace).
    let eng = app.signed_in("engineer@provider.example").await;
    assert_eq!(app.call(&eng, "get_new_request_form", &[]).await.status, 403);
});

both!(the_lifecycle_moves_pauses_and_stops_the_clocks, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let number = submit(&app, &user, "Mail server refuses connections", "2").await;
    let eng_id = app.user_id("engineer@provider.example").await.to_string();

    // The customer cannot triage; an illegal step is refused with 409 and changes nothing.
    let r = act(&app, &user, &number, "triage", &[]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(detail(&app, &user, &number).await.body["status"], "new");

    assert_eq!(act(&app, &dispatcher, &number, "triage", &[]).await.status, 200);
    let r = act(&app, &dispatcher, &number, "assign", &[]).await;
    assert_eq!(field_codes(&r.body), vec![("engineer_id".into(), "required".into())]);
    assert_eq!(act(&app, &dispatcher, &number, "assign", &[("engineer_id", &eng_id)]).await.status, 200);
    assert_eq!(act(&app, &engineer, &number, "start_work", &[]).await.status, 200);
    let before = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert!(before.first_response_at.is_some(), "staff action counts as the first response");

    let r = act(&app, &engineer, &number, "ask_customer", &[("note", "Please send the mail log")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["status"], "waiting_on_customer");
    assert_eq!(d["pause_reason"], "Please send the mail log");
    let paused = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert!(paused.resolution_deadline.is_none(), "no fixed deadline while paused");

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(app.call(&user, "reply_request", &[("number", &number), ("body", "Log attached, see below.")]).await.status, 200);
    let resumed = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!(resumed.status, "in_progress", "the customer's reply resumes the work");
    let moved = resumed.resolution_deadline.unwrap() - before.resolution_deadline.unwrap();
    assert!(moved >= chrono::Duration::seconds(1), "the pause moved the deadline by its length: {moved}");

    let bare = act(&app, &engineer, &number, "resolve", &[]).await;
    assert_eq!(bare.status, 422, "a fault is resolved with its report: {}", bare.body);
    assert_eq!(resolve(&app, &engineer, &number).await.status, 200);
    assert_eq!(detail(&app, &user, &number).await.body["actions"], serde_json::json!(["confirm_resolution", "reject_resolution"]));
    assert_eq!(act(&app, &user, &number, "confirm_resolution", &[]).await.status, 200);
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["status"], "closed");
    assert!(d["actions"].to_string().contains("reopen"));
    let kinds: Vec<String> = d["timeline"].as_array().unwrap().iter().map(|t| t["kind"].as_str().unwrap().to_string()).collect();
    assert!(kinds.contains(&"paused".into()) && kinds.contains(&"resumed".into()) && kinds.contains(&"assigned".into()), "{kinds:?}");
    assert_eq!(act(&app, &user, &number, "reopen", &[]).await.status, 200);
    assert_eq!(detail(&app, &user, &number).await.body["status"], "reopened");
});

/// The count the bell shows on a page.
async fn bell(app: &TestApp, c: &reqwest::Client) -> String {
    let page = app.get(c, "/requests").await.text().await.unwrap();
    let after = page.split(r#"data-testid="unread-count""#).nth(1).expect("the bell has a count");
    after.split_once('>').unwrap().1.split('<').next().unwrap().to_string()
}

// The bell is on every page, so its count stops at 99 + 1 ("99+") instead of reading every
// unread notification of a busy account on each page view.
both!(the_bell_counts_up_to_99_then_shows_more, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Printer queue stuck", "3").await;
    for i in 0..99 {
        let r = app.call(&dispatcher, "reply_request", &[("number", &number), ("body", &format!("Update {i}"))]).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 99, "exact up to 99");
    assert_eq!(bell(&app, &user).await, "99");
    for i in 99..101 {
        assert_eq!(app.call(&dispatcher, "reply_request", &[("number", &number), ("body", &format!("Update {i}"))]).await.status, 200);
    }
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 100, "counted no further than one past 99");
    assert_eq!(bell(&app, &user).await, "99+");
    app.call(&user, "mark_notifications_read", &[]).await;
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 0);
});

both!(replies_notify_the_other_side, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Backup job failed", "3").await;
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 0);
    assert_eq!(app.call(&dispatcher, "reply_request", &[("number", &number), ("body", "We are looking into it.")]).await.status, 200);
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 1);
    let list = app.call(&user, "list_notifications", &[]).await.body;
    assert_eq!(list[0]["request_number"], Value::String(number.clone()));
    app.call(&user, "mark_notifications_read", &[]).await;
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 0);
    let r = app.call(&user, "reply_request", &[("number", &number), ("body", "   ")]).await;
    assert_eq!(field_codes(&r.body), vec![("body".into(), "required".into())]);
});

both!(attachments_are_checked_by_content_and_access, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Screen flickers", "3").await;
    let upload = |client: reqwest::Client, name: &'static str, bytes: Vec<u8>| {
        let url = format!("{}/requests/{}/attachments", app.base, number);
        let origin = app.base.clone();
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
            let res = client.post(url).header("origin", origin).multipart(reqwest::multipart::Form::new().part("file", part)).send().await.unwrap();
            (res.status().as_u16(), res.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
        }
    };
    let png = b"\x89PNG\r\n\x1a\nfake image body".to_vec();
    let (status, location) = upload(user.clone(), "screen.png", png.clone()).await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?upload=ok"), "{location}");
    let (_, location) = upload(user.clone(), "photo.png", b"MZ\x90\x00 an executable".to_vec()).await;
    assert!(location.ends_with("?upload=bad_type"), "a renamed executable is refused: {location}");
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["attachments"].as_array().unwrap().len(), 1);
    let id = d["attachments"][0]["id"].as_i64().unwrap();
    assert_eq!(d["attachments"][0]["content_type"], "image/png");
    let res = app.get(&user, &format!("/attachments/{id}")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), png);
    let other = app.signed_in("user@globex.example").await;
    assert_eq!(app.get(&other, &format!("/attachments/{id}")).await.status(), 404);
    let (status, _) = upload(other, "x.png", b"\x89PNG\r\n\x1a\n".to_vec()).await;
    assert_eq!(status, 404, "no uploads to another organization's request");
    assert_eq!(app.get(&client(), &format!("/attachments/{id}")).await.status(), 401);
});

both!(missed_deadlines_upgrade_severity_once_even_when_run_twice, |app: TestApp| async move {
    use db::sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Slow ERP", "3").await;
    let row = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    // Pretend it was opened 49 hours ago: the 48-hour limit (tier A, severity 3) passed an hour ago.
    use chrono::SubsecRound;
    let opened = chrono::Utc::now().trunc_subsecs(0) - chrono::Duration::hours(49);
    let deadline = opened + chrono::Duration::hours(48);
    let mut m = row.into_active_model();
    m.created_at = Set(opened);
    m.resolution_started_at = Set(opened);
    m.resolution_deadline = Set(Some(deadline));
    m.update(&app.db.conn).await.unwrap();

    let now = chrono::Utc::now();
    assert_eq!(server::jobs::escalate_due(&app.db, now).await.unwrap(), 1);
    assert_eq!(server::jobs::escalate_due(&app.db, now).await.unwrap(), 0, "no doubling");
    let after = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!(after.severity, 2);
    assert_eq!(after.escalation_level, 1);
    // The new clock starts at the missed deadline, to the minute: severity 2 on tier A is 24 h.
    assert_eq!(after.resolution_started_at, deadline);
    assert_eq!(after.resolution_deadline.unwrap(), deadline + chrono::Duration::hours(24));
    let d = detail(&app, &user, &number).await.body;
    let escalations = d["timeline"].as_array().unwrap().iter().filter(|t| t["kind"] == "escalated").count();
    assert_eq!(escalations, 1);
    assert_eq!(app.call(&user, "unread_notifications", &[]).await.body, 1, "the requester is told");
});

both!(resolved_requests_close_by_themselves_after_seven_days_once, |app: TestApp| async move {
    use db::sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let user = app.signed_in("user@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let number = submit(&app, &user, "Printer jams", "3").await;
    let eng_id = app.user_id("engineer@provider.example").await.to_string();
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    assert_eq!(act(&app, &dispatcher, &number, "triage", &[]).await.status, 200);
    assert_eq!(act(&app, &dispatcher, &number, "assign", &[("engineer_id", &eng_id)]).await.status, 200);
    assert_eq!(act(&app, &engineer, &number, "start_work", &[]).await.status, 200);
    let r = resolve(&app, &engineer, &number).await;
    assert_eq!(r.status, 200, "{}", r.body);

    let now = chrono::Utc::now();
    assert_eq!(server::jobs::close_resolved(&app.db, now).await.unwrap(), 0, "not before the window has passed");
    let row = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    let mut m = row.into_active_model();
    m.resolved_at = Set(Some(now - chrono::Duration::days(7) - chrono::Duration::minutes(1)));
    m.update(&app.db.conn).await.unwrap();
    assert_eq!(server::jobs::close_resolved(&app.db, now).await.unwrap(), 1);
    assert_eq!(server::jobs::close_resolved(&app.db, now).await.unwrap(), 0, "closed once");
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["status"], "closed");
    let last = d["timeline"].as_array().unwrap().iter().rev().find(|t| t["kind"] == "status").unwrap().clone();
    assert_eq!(last["body"]["action"], "auto_close", "{last}");
});
