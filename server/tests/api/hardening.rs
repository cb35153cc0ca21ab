//! Hostile and malformed input through the real router: redirects that must stay on this
//! site, sign-in and password-change limits, the client address behind a proxy, dangerous
//! attachment names and upload quotas, enumerated values parsed strictly, calendar dates
//! that cannot panic, malformed server function calls (400) and detail pages of things the
//! caller may not see (404).
use reqwest::StatusCode;
use serde_json::Value;

use crate::{
    both,
    helpers::*,
    requests::{detail, submit},
};

/// Hostile `next=` values, percent-encoded as a browser would send them.
const BAD_NEXT: &[&str] = &[
    "/%09/evil.example",           // tab: browsers drop it, leaving //evil.example
    "/%0A/evil.example",           // line feed
    "/%0D%0ASet-Cookie:%20x=y",    // header injection
    "%09//evil.example",           // leading tab
    "/%5Cevil.example",            // /\evil.example
    "/x%5C..%5C..%5Cevil.example", // a backslash anywhere
    "/%C2%85/evil.example",        // NEL, a Unicode control
    "/%7F/evil.example",           // DEL
    "//evil.example",
    "https://evil.example",
];

both!(lang_switch_never_leaves_the_site, |app: TestApp| async move {
    let c = client();
    for next in BAD_NEXT {
        let res = app.get(&c, &format!("/lang/en?next={next}")).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.headers()["location"], "/", "{next}");
    }
    // Good targets survive, non-ASCII ones percent-encoded (a header is ASCII).
    let res = app.get(&c, "/lang/zh?next=/requests%3Fq%3D1").await;
    assert_eq!(res.headers()["location"], "/requests?q=1");
    let res = app.get(&c, "/lang/zh?next=/requests?q=%E6%89%93%E5%8D%B0").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/requests?q=%E6%89%93%E5%8D%B0");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_never_redirects_off_the_site() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        // One account signs in many times here.
        if let Some(app) = spawn_with(backend, |c| c.signin_per_account = 1000).await {
            sign_in_redirects(app).await;
        }
    }
}

async fn sign_in_redirects(app: TestApp) {
    for next in BAD_NEXT {
        let decoded = percent_decode(next);
        // The hydrated app's call (JSON-ish: the Location header tells it where to go).
        let c = client();
        let r = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD), ("next", &decoded)]).await;
        assert_eq!(r.status, 200, "{next}: {}", r.body);
        assert_eq!(r.headers["location"], "/", "{next}");
        // A plain form post without JavaScript: a real redirect.
        let c = client();
        let res = c
            .post(format!("{}/api/sign_in", app.base))
            .header("origin", &app.base)
            .header("accept", "text/html")
            .form(&[("email", "user@acme.example"), ("password", PASSWORD), ("next", &decoded)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{next}: {}", res.status());
        assert_eq!(res.headers()["location"], "/", "{next}");
    }
    let c = client();
    let r = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD), ("next", "/requests?q=打印")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers["location"], "/requests?q=%E6%89%93%E5%8D%B0");
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

both!(absurd_emails_are_refused_without_being_remembered, |app: TestApp| async move {
    let c = client();
    let long = format!("{}@acme.example", "x".repeat(300_000));
    let r = app.call(&c, "sign_in", &[("email", &long), ("password", "whatever")]).await;
    assert_eq!(r.status, 401, "{}", r.body);
    assert_eq!(r.body, serde_json::json!("BadCredentials"));
});

/// Failed sign-ins from 127.0.0.1 claiming to be `forwarded_for`: the statuses.
async fn failed_sign_ins(app: &TestApp, forwarded_for: &[&str]) -> Vec<u16> {
    let mut statuses = vec![];
    for (i, xff) in forwarded_for.iter().enumerate() {
        let res = client()
            .post(format!("{}/api/sign_in", app.base))
            .header("origin", &app.base)
            .header("x-forwarded-for", *xff)
            .form(&[("email", format!("nobody{i}@acme.example").as_str()), ("password", "wrong")])
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = spawn_with(backend, |c| c.signin_per_address = 3).await else { continue };
        // Nobody is trusted by default: every client shares the address it really came from.
        let statuses = failed_sign_ins(&app, &["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]).await;
        assert_eq!(statuses, vec![401, 401, 401, 429], "{backend:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = spawn_with(backend, |c| {
            c.signin_per_address = 3;
            c.trusted_proxies = app::ssr::limiter::TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        })
        .await
        else {
            continue;
        };
        let statuses = failed_sign_ins(&app, &["203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"]).await;
        assert_eq!(statuses, vec![401, 401, 401, 429, 401], "{backend:?}");
        // The right-most address that is not a proxy counts; what the client wrote to its left does not.
        let statuses = failed_sign_ins(&app, &["1.1.1.1, 203.0.113.1, 10.1.2.3", "9.9.9.9, 203.0.113.2"]).await;
        assert_eq!(statuses, vec![429, 401], "{backend:?}");
    }
}

both!(password_changes_are_rate_limited_per_user, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let attempt =
        || app.call(&user, "change_password", &[("current", "not-my-password"), ("new", "a-new-long-password-1"), ("confirm", "a-new-long-password-1")]);
    for i in 0..5 {
        let r = attempt().await;
        assert_eq!(r.status, 422, "attempt {i}: {}", r.body);
    }
    let r = attempt().await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.body, serde_json::json!("RateLimited"));
    // Another user is not affected.
    let lead = app.signed_in("lead@acme.example").await;
    let r = app.call(&lead, "change_password", &[("current", "not-my-password"), ("new", "a-new-long-password-1"), ("confirm", "a-new-long-password-1")]).await;
    assert_eq!(r.status, 422, "{}", r.body);
});

/// Uploads `files` (name, bytes) in one request; (status, Location).
async fn upload(app: &TestApp, c: &reqwest::Client, number: &str, files: Vec<(String, Vec<u8>)>, accept: Option<&str>) -> (u16, String, String) {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
    }
    let mut req = c.post(format!("{}/requests/{number}/attachments", app.base)).header("origin", &app.base).multipart(form);
    if let Some(a) = accept {
        req = req.header("accept", a);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, res.text().await.unwrap())
}

both!(text_attachments_are_served_as_txt, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let number = submit(&app, &user, "Script attached", "3").await;
    let cases: &[(&str, &[u8], &str)] = &[
        ("fix.bat", b"@echo off\r\nformat c: /q\r\n", "fix.bat.txt"),
        ("x.hta", b"<script>alert(1)</script>\n", "x.hta.txt"),
        ("x.ps1", b"Remove-Item -Recurse C:\\\n", "x.ps1.txt"),
        ("x.html", b"<html><script>alert(1)</script></html>\n", "x.html.txt"),
        ("x.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n", "x.svg.txt"),
        ("x.js", b"alert(document.cookie)\n", "x.js.txt"),
        ("noextension", b"plain words\n", "noextension.txt"),
        ("server.log", b"2026-01-01 ERROR disk full\n", "server.log"),
        ("notes.TXT", b"notes\n", "notes.TXT"),
        ("table.csv", b"a,b\n1,2\n", "table.csv"),
        ("photo.html", b"\x89PNG\r\n\x1a\nimage body", "photo.html.png"),
    ];
    for (name, bytes, _) in cases {
        let (status, location, _) = upload(&app, &user, &number, vec![(name.to_string(), bytes.to_vec())], None).await;
        assert_eq!(status, 303, "{name}");
        assert!(location.contains("?upload=ok") || location.contains("?upload=renamed"), "{name}: {location}");
    }
    let (_, location, _) = upload(&app, &user, &number, vec![("fix.bat".into(), b"echo\n".to_vec())], None).await;
    assert!(location.ends_with("?upload=renamed"), "the page says the name changed: {location}");
    let (_, location, _) = upload(&app, &user, &number, vec![("ok.log".into(), b"fine\n".to_vec())], None).await;
    assert!(location.ends_with("?upload=ok"), "{location}");
    let d = detail(&app, &engineer, &number).await.body;
    let list = d["attachments"].as_array().unwrap();
    for (i, (name, bytes, stored)) in cases.iter().enumerate() {
        assert_eq!(list[i]["filename"], *stored, "{name}");
        let res = app.get(&engineer, &format!("/attachments/{}", list[i]["id"])).await;
        assert_eq!(res.status(), 200);
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        let encoded_end = stored.rsplit('.').next().unwrap();
        assert!(disposition.ends_with(&format!(".{encoded_end}")), "{name}: {disposition}");
        let ctype = res.headers()["content-type"].to_str().unwrap().to_string();
        if *name == "photo.html" {
            assert_eq!(ctype, "image/png");
        } else {
            assert!(ctype.starts_with("text/plain"), "{name}: {ctype}");
        }
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.bytes().await.unwrap().to_vec(), bytes.to_vec());
    }
});

both!(uploads_have_per_request_and_daily_quotas, |app: TestApp| async move {
    use db::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Many files", "3").await;
    // Several files in one upload are fine, up to the limit.
    let files = |n: usize| (0..n).map(|i| (format!("log{i}.log"), format!("line {i}\n").into_bytes())).collect::<Vec<_>>();
    let (status, location, _) = upload(&app, &user, &number, files(3), None).await;
    assert_eq!((status, location.ends_with("?upload=ok")), (303, true), "{location}");
    assert_eq!(detail(&app, &user, &number).await.body["attachments"].as_array().unwrap().len(), 3);
    let max = domain::attachment::MAX_FILES_PER_UPLOAD;
    let (status, location, _) = upload(&app, &user, &number, files(max + 1), None).await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?upload=too_many"), "{location}");
    let (status, _, body) = upload(&app, &user, &number, files(max + 1), Some("application/json")).await;
    assert_eq!(status, 413, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(field_codes(&body), vec![("file".into(), "too_many".into())]);
    assert_eq!(detail(&app, &user, &number).await.body["attachments"].as_array().unwrap().len(), 3, "nothing of a refused upload is kept");

    // The daily quota: pretend today's earlier uploads already used it up.
    let r = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    let uid = app.user_id("user@acme.example").await;
    let big = db::entity::attachment::ActiveModel {
        request_id: Set(r.id),
        uploaded_by: Set(uid),
        filename: Set("earlier.log".into()),
        content_type: Set("text/plain; charset=utf-8".into()),
        size: Set(domain::attachment::DAILY_BYTES_PER_USER as i64 - 10),
        created_at: Set(chrono::Utc::now() - chrono::Duration::hours(1)),
        ..Default::default()
    };
    big.insert(&app.db.conn).await.unwrap();
    let (status, location, _) = upload(&app, &user, &number, vec![("small.log".into(), b"fits in 10 bytes? no, this is longer\n".to_vec())], None).await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?upload=quota"), "{location}");
    let (status, _, body) =
        upload(&app, &user, &number, vec![("small.log".into(), b"this is longer than ten bytes\n".to_vec())], Some("application/json")).await;
    assert_eq!(status, 429, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(field_codes(&body), vec![("file".into(), "daily_upload_quota".into())]);
    // Someone else still may.
    let lead = app.signed_in("lead@acme.example").await;
    let (_, location, _) = upload(&app, &lead, &number, vec![("lead.log".into(), b"ok\n".to_vec())], None).await;
    assert!(location.ends_with("?upload=ok"), "{location}");
});

both!(activity_visibility_is_public_or_internal_only, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Printer jam", "3").await;
    let eng = app.user_id("engineer@provider.example").await.to_string();
    assert_eq!(app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &eng)]).await.status, 200);
    let engineer = app.signed_in("engineer@provider.example").await;
    for bad in ["Internal", "INTERNAL", "private", "", "public,internal"] {
        let r = app
            .call(
                &engineer,
                "log_activity",
                &[("number", &number), ("channel", "phone"), ("minutes", "5"), ("text", &format!("SECRET {bad:?}")), ("visibility", bad)],
            )
            .await;
        assert_eq!(r.status, 422, "{bad:?}: {}", r.body);
        assert_eq!(field_codes(&r.body), vec![("visibility".into(), if bad.trim().is_empty() { "required" } else { "invalid_choice" }.into())], "{bad:?}");
    }
    for ok in ["internal", "public"] {
        let r = app
            .call(
                &engineer,
                "log_activity",
                &[("number", &number), ("channel", "phone"), ("minutes", "5"), ("text", &format!("LOGGED {ok}")), ("visibility", ok)],
            )
            .await;
        assert_eq!(r.status, 200, "{ok}: {}", r.body);
    }
    let customer_view = detail(&app, &user, &number).await.body.to_string();
    assert!(!customer_view.contains("SECRET"), "nothing refused was saved, least of all publicly");
    assert!(customer_view.contains("LOGGED public"));
    assert!(!customer_view.contains("LOGGED internal"));
});

both!(absurd_calendar_months_are_refused_not_panics, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    for (y, m) in [
        ("-300000", "1"),
        ("300000", "12"),
        ("-262143", "1"),
        ("262142", "12"),
        ("2026", "13"),
        ("2026", "0"),
        ("0", "5"),
        (&i32::MIN.to_string(), "1"),
        (&i32::MAX.to_string(), "12"),
    ] {
        let r = app.call(&user, "training_calendar", &[("year", y), ("month", m)]).await;
        assert_eq!(r.status, 422, "{y}-{m}: {}", r.body);
        assert_eq!(field_codes(&r.body).len(), 1, "{y}-{m}: {}", r.body);
    }
    for (y, m) in [("0", "0"), ("2026", "1"), ("2099", "12")] {
        let r = app.call(&user, "training_calendar", &[("year", y), ("month", m)]).await;
        assert_eq!(r.status, 200, "{y}-{m}: {}", r.body);
    }
    // The server is still there.
    assert_eq!(app.call(&user, "training_calendar", &[("year", "0"), ("month", "0")]).await.status, 200);
});

both!(malformed_server_function_calls_are_400, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let cases: Vec<(&reqwest::Client, &str, Vec<(&str, &str)>)> = vec![
        (&user, "list_requests", vec![]),
        (&user, "get_request", vec![]),
        (&user, "training_calendar", vec![("year", "twenty"), ("month", "1")]),
        (&user, "training_calendar", vec![("year", "2026")]),
        (&user, "get_training", vec![("id", "abc")]),
        (&dispatcher, "log_activity", vec![("number", "SR-2026-000001")]),
        (&user, "sign_in", vec![("email", "user@acme.example")]),
    ];
    for (c, f, form) in cases {
        let r = app.call(c, f, &form).await;
        assert_eq!(r.status, 400, "{f} {form:?}: {}", r.body);
        let msg = r.body["BadRequest"].as_str().unwrap_or_else(|| panic!("{f}: {}", r.body));
        assert!(!msg.is_empty() && msg.len() < 400, "{f}: {msg}");
    }
    // A JSON body that is not JSON.
    let res = user
        .post(format!("{}/api/answer_survey", app.base))
        .header("origin", &app.base)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(res.status() == 400 || res.status() == 415 || res.status() == 404, "{}", res.status());
});

both!(detail_pages_of_unseen_things_are_404, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let other = app.signed_in("user@globex.example").await;
    let admin = app.signed_in("admin@provider.example").await;
    let number = submit(&app, &user, "Only for Acme", "3").await;
    let own = app.get(&user, &format!("/requests/{number}")).await;
    assert_eq!(own.status(), 200);
    assert!(own.text().await.unwrap().contains("Only for Acme"));
    for (c, path) in [
        (&other, format!("/requests/{number}")),
        (&user, "/requests/SR-2026-999999".to_string()),
        (&user, "/requests/not-a-number".to_string()),
        (&user, "/training/999999".to_string()),
        (&admin, "/admin/organizations/999999".to_string()),
    ] {
        let res = app.get(c, &path).await;
        assert_eq!(res.status(), 404, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Page not found") || html.contains("no longer exists"), "{path}: the not-found view is rendered");
        assert!(!html.contains("Only for Acme"), "{path}");
    }
    let acme = app.org_id("Acme Manufacturing").await;
    assert_eq!(app.get(&admin, &format!("/admin/organizations/{acme}")).await.status(), 200);
});
