//! Signing in and out, sessions, rate limits, password changes.
use serde_json::Value;

use crate::{both, helpers::*};

both!(sign_in_sets_a_safe_session_cookie_and_sign_out_ends_it, |app: TestApp| async move {
    let c = client();
    let r = app.call(&c, "sign_in", &[("email", "User@Acme.example "), ("password", PASSWORD), ("next", "/account")]).await;
    assert!(signed_in_ok(&r), "{}", r.status);
    assert_eq!(r.headers["location"], "/account");
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("portal_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests");
    let me = app.call(&c, "current_user", &[]).await.body;
    assert_eq!(me["email"], "user@acme.example");
    assert_eq!(me["role"], "customer");
    assert!(me.get("password_hash").is_none());

    app.call(&c, "sign_out", &[]).await;
    assert_eq!(app.call(&c, "current_user", &[]).await.body, Value::Null);
    let r = app.get(&c, "/account").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/sign-in?next=/account");
});

both!(a_new_session_id_at_every_sign_in, |app: TestApp| async move {
    let c = client();
    let first = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    let second = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    let id = |r: &Reply| r.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    assert_ne!(id(&first), id(&second));
});

both!(failed_sign_ins_say_the_same_thing, |app: TestApp| async move {
    let c = client();
    let wrong = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", "wrong password")]).await;
    let unknown = app.call(&c, "sign_in", &[("email", "nobody@acme.example"), ("password", "wrong password")]).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.body, "BadCredentials");
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(app.call(&c, "current_user", &[]).await.body, Value::Null);
});

both!(sign_in_is_rate_limited_per_account, |app: TestApp| async move {
    let c = client();
    for _ in 0..5 {
        let r = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", "guess guess")]).await;
        assert_eq!(r.status, 401);
    }
    let r = app.call(&c, "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 429, "even the right password waits");
    assert_eq!(r.body, "RateLimited");
    // Another account from the same address is not blocked by this one.
    let r = app.call(&client(), "sign_in", &[("email", "lead@acme.example"), ("password", PASSWORD)]).await;
    assert!(r.status == 200);
});

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let Some(app) = spawn_with(Backend::Sqlite, |c| c.signin_per_address = 3).await else { return };
    for email in ["a@x.example", "b@x.example", "c@x.example"] {
        assert_eq!(app.call(&client(), "sign_in", &[("email", email), ("password", "nope nope")]).await.status, 401);
    }
    let r = app.call(&client(), "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 429);
}

both!(changing_the_password_signs_out_other_sessions, |app: TestApp| async move {
    let laptop = app.signed_in("user@acme.example").await;
    let phone = app.signed_in("user@acme.example").await;

    let r = app.call(&laptop, "change_password", &[("current", "not it"), ("new", "a new long password"), ("confirm", "a new long password")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(field_codes(&r.body), vec![("current".into(), "wrong_current_password".into())]);

    let r = app.call(&laptop, "change_password", &[("current", PASSWORD), ("new", "short"), ("confirm", "other")]).await;
    assert_eq!(field_codes(&r.body), vec![("new".into(), "password_too_short".into()), ("confirm".into(), "password_mismatch".into())]);

    let r = app.call(&laptop, "change_password", &[("current", PASSWORD), ("new", "a new long password"), ("confirm", "a new long password")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call(&laptop, "current_user", &[]).await.body["email"], "user@acme.example", "this session stays");
    assert_eq!(app.call(&phone, "current_user", &[]).await.body, Value::Null, "the other is signed out");

    let old = app.call(&client(), "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    assert_eq!(old.status, 401);
    let new = app.call(&client(), "sign_in", &[("email", "user@acme.example"), ("password", "a new long password")]).await;
    assert!(new.status == 200);
});

both!(deactivated_users_are_signed_out_and_cannot_sign_in, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let id = app.user_id("user@acme.example").await.to_string();
    let r = app.call(&lead, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call(&user, "current_user", &[]).await.body, Value::Null);
    let r = app.call(&client(), "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 401);
    app.call(&lead, "set_user_active", &[("user_id", &id), ("active", "true")]).await;
    assert!(app.call(&client(), "sign_in", &[("email", "user@acme.example"), ("password", PASSWORD)]).await.status == 200);
});

both!(sessions_end_at_the_absolute_limit, |app: TestApp| async move {
    let c = app.signed_in("user@acme.example").await;
    // Age the session's sign-in time past 12 hours, as if the user had stayed active all day.
    use sea_orm::{ConnectionTrait, Statement};
    let old = chrono::Utc::now().timestamp() - 13 * 3600;
    let rows =
        app.db.conn.query_all_raw(Statement::from_string(app.db.conn.get_database_backend(), "SELECT id, data FROM sessions".to_string())).await.unwrap();
    for row in rows {
        let id: String = row.try_get("", "id").unwrap();
        let data: String = row.try_get("", "data").unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&data).unwrap();
        v["signed_in_at"] = old.into();
        db::repo::sessions::upsert(&app.db.conn, &id, &v.to_string(), chrono::Utc::now() + chrono::Duration::hours(1)).await.unwrap();
    }
    assert_eq!(app.call(&c, "current_user", &[]).await.body, Value::Null);
});

both!(cross_site_posts_are_refused, |app: TestApp| async move {
    let c = app.signed_in("admin@provider.example").await;
    let res = c
        .post(format!("{}/api/create_organization", app.base))
        .header("origin", "https://evil.example")
        .form(&[("name", "Evil Corp"), ("kind", "customer")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let orgs = app.call(&c, "list_organizations", &[]).await.body;
    assert!(!orgs.to_string().contains("Evil Corp"), "nothing was created");
});

both!(sign_in_works_without_javascript, |app: TestApp| async move {
    // A plain HTML form post: the browser follows 302s, and errors come back in the URL.
    let c = client();
    let post = |password: &'static str| {
        c.post(format!("{}/api/sign_in", app.base))
            .header("origin", &app.base)
            .header("accept", "text/html")
            .header("referer", format!("{}/sign-in", app.base))
            .form(&[("email", "user@acme.example"), ("password", password), ("next", "")])
            .send()
    };
    let bad = post("wrong password").await.unwrap();
    assert_eq!(bad.status(), 302);
    let back = bad.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{}/sign-in", app.base)) && back.contains("__err="), "{back}");
    let page = c.get(&back).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("The e-mail or password is not right."), "the error shows on the page");
    let good = post(PASSWORD).await.unwrap();
    assert_eq!(good.status(), 302);
    assert_eq!(good.headers()["location"], "/");
    let home = app.get(&c, "/").await.text().await.unwrap();
    assert!(home.contains("Alice Zhang"));
});
