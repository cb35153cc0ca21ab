//! Mail notifications through the real router, on SQLite and PostgreSQL: each person's
//! settings (and bad input refused, nothing changed), a reply mailed at once in the person's
//! language with text, HTML and the unsubscribe header, the daily digest, quiet hours,
//! severity 1 going at once, the unsubscribe link (a GET changes nothing, the POST does), and
//! the SLA warnings staff get at 75 % that customers never see.
use chrono::{Duration, Timelike, Utc};
use db::sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::Value;

use crate::{both, helpers::*, requests::submit};

const CUSTOMER: &str = "user@acme.example";
const DISPATCHER: &str = "dispatcher@provider.example";

async fn outbox(app: &TestApp) -> Vec<db::entity::outbound_mail::Model> {
    db::entity::outbound_mail::Entity::find().all(&app.db.conn).await.unwrap()
}

async fn notes_of(app: &TestApp, email: &str) -> Vec<db::entity::notification::Model> {
    let id = app.user_id(email).await;
    db::entity::notification::Entity::find().filter(db::entity::notification::Column::UserId.eq(id)).all(&app.db.conn).await.unwrap()
}

async fn run_mail(app: &TestApp, at: chrono::DateTime<Utc>) -> app::ssr::mail_jobs::MailRun {
    app::ssr::mail_jobs::run(&app.db, "http://portal.test", at).await.unwrap()
}

async fn reply(app: &TestApp, staff: &reqwest::Client, number: &str, body: &str) {
    assert_eq!(app.call(staff, "reply_request", &[("number", number), ("body", body)]).await.status, 200);
}

/// The settings form: `choice[kind]=channel` pairs and the quiet hours.
async fn save(app: &TestApp, c: &reqwest::Client, choices: &[(&str, &str)], from: &str, to: &str) -> Reply {
    let names: Vec<String> = choices.iter().map(|(k, _)| format!("choice[{k}]")).collect();
    let mut form: Vec<(&str, &str)> = names.iter().zip(choices).map(|(n, (_, v))| (n.as_str(), *v)).collect();
    form.push(("quiet_from", from));
    form.push(("quiet_to", to));
    app.call(c, "save_mail_settings", &form).await
}

fn channel_of(settings: &Value, kind: &str) -> String {
    settings["kinds"].as_array().unwrap().iter().find(|k| k[0] == kind).map(|k| k[1].as_str().unwrap().to_string()).unwrap_or_default()
}

both!(settings_are_each_persons_own_and_bad_input_changes_nothing, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let s = app.call(&user, "get_mail_settings", &[]).await;
    assert_eq!(s.status, 200, "{}", s.body);
    let kinds: Vec<&str> = s.body["kinds"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap()).collect();
    assert!(kinds.contains(&"request_reply") && !kinds.contains(&"sla_warning") && !kinds.contains(&"staff_alert"), "{kinds:?}");
    assert_eq!(channel_of(&s.body, "request_reply"), "now");
    assert_eq!(s.body["email"], CUSTOMER);
    assert_eq!(s.body["tz"], "Asia/Shanghai");

    let ok = save(&app, &user, &[("request_reply", "digest"), ("training", "portal")], "22:00", "07:00").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let s = app.call(&user, "get_mail_settings", &[]).await.body;
    assert_eq!((channel_of(&s, "request_reply"), channel_of(&s, "training"), channel_of(&s, "survey")), ("digest".into(), "portal".into(), "now".into()));
    assert_eq!((s["quiet_from"].as_str(), s["quiet_to"].as_str()), (Some("22:00"), Some("07:00")));

    // Refused with the field named, and nothing saved.
    for (choices, from, to, expected) in [
        (vec![("sla_warning", "now")], "", "", ("sla_warning", "invalid_choice")),
        (vec![("request_reply", "fax")], "", "", ("request_reply", "invalid_choice")),
        (vec![], "25:00", "07:00", ("quiet_from", "invalid_time")),
        (vec![], "07:00", "07:00", ("quiet_to", "same_time")),
        (vec![], "07:00", "", ("quiet_to", "required")),
    ] {
        let r = save(&app, &user, &choices, from, to).await;
        assert_eq!(r.status, 422, "{choices:?} {from} {to}: {}", r.body);
        assert_eq!(field_codes(&r.body), [(expected.0.to_string(), expected.1.to_string())]);
    }
    let after = app.call(&user, "get_mail_settings", &[]).await.body;
    assert_eq!(after, s, "a refused form changes nothing");

    // Staff are offered the warnings; another person's settings are untouched by this one's.
    let dispatcher = app.signed_in(DISPATCHER).await;
    let d = app.call(&dispatcher, "get_mail_settings", &[]).await.body;
    assert_eq!(channel_of(&d, "sla_warning"), "now");
    assert_eq!(channel_of(&d, "request_status"), "digest", "staff get status moves in the digest by default");
    assert_eq!(channel_of(&d, "request_reply"), "now");
    // Signed out: no settings.
    assert_eq!(app.call(&client(), "get_mail_settings", &[]).await.status, 401);
    assert_eq!(save(&app, &client(), &[], "", "").await.status, 401);
});

both!(a_reply_is_mailed_once_in_the_persons_language_with_a_way_out, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let dispatcher = app.signed_in(DISPATCHER).await;
    let me = db::repo::users::find_by_email(&app.db.conn, CUSTOMER).await.unwrap().unwrap();
    let mut row = me.into_active_model();
    row.lang = Set("zh".into());
    row.update(&app.db.conn).await.unwrap();
    let number = submit(&app, &user, "Mail me the reply", "3").await;
    let before = outbox(&app).await.len();
    reply(&app, &dispatcher, &number, "We are looking into it.").await;
    let note = notes_of(&app, CUSTOMER).await.into_iter().find(|n| n.kind == "reply").unwrap();
    assert_eq!(note.mail.as_deref(), Some("now"));
    let run = run_mail(&app, Utc::now()).await;
    assert!(run.single >= 1, "{run:?}");
    let mails = outbox(&app).await;
    let mine: Vec<_> = mails[before..].iter().filter(|m| m.to_address == CUSTOMER).collect();
    assert_eq!(mine.len(), 1, "one mail for one reply");
    let m = mine[0];
    assert!(m.subject.contains(&number), "{}", m.subject);
    assert!(m.body.contains("您好") && m.body.contains(&format!("http://portal.test/requests/{number}")), "{}", m.body);
    let html = m.html_body.as_deref().unwrap();
    assert!(html.contains("lang=\"zh\"") && html.contains(&format!("href=\"http://portal.test/requests/{number}\"")), "{html}");
    let one_click = m.unsubscribe_url.as_deref().unwrap();
    assert!(one_click.starts_with("http://portal.test/mail/unsubscribe/") && one_click.ends_with("/one-click"), "{one_click}");
    assert_eq!(db::entity::notification::Entity::find_by_id(note.id).one(&app.db.conn).await.unwrap().unwrap().mail.as_deref(), Some("sent"));
    // Running again (another instance, say) writes nothing more.
    let again = run_mail(&app, Utc::now()).await;
    assert_eq!(again.single, 0);
    assert_eq!(outbox(&app).await.len(), mails.len());

    // The unsubscribe page: opening it changes nothing; the button does.
    let token = one_click.trim_start_matches("http://portal.test/mail/unsubscribe/").trim_end_matches("/one-click").to_string();
    let anon = client();
    let page = app.get(&anon, &format!("/mail/unsubscribe/{token}")).await;
    assert_eq!(page.status(), 200);
    let info = app.call(&anon, "get_unsubscribe_info", &[("token", &token)]).await;
    assert_eq!(info.status, 200, "{}", info.body);
    assert_eq!((info.body["kind"].as_str(), info.body["done"].as_bool()), (Some("request_reply"), Some(false)));
    assert_eq!(info.body["email"], "u***@acme.example", "the address is not shown whole to whoever holds the link");
    let reply_channel = || async { channel_of(&app.call(&user, "get_mail_settings", &[]).await.body, "request_reply") };
    assert_eq!(reply_channel().await, "now", "a GET changes nothing");
    // A GET of the one-click address is not a click either.
    assert_eq!(anon.get(format!("{}/mail/unsubscribe/{token}/one-click", app.base)).send().await.unwrap().status(), 405);
    assert_eq!(reply_channel().await, "now");
    let clicked = anon.post(format!("{}/mail/unsubscribe/{token}/one-click", app.base)).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(clicked.status(), 200);
    assert_eq!(reply_channel().await, "portal");
    assert_eq!(app.call(&anon, "get_unsubscribe_info", &[("token", &token)]).await.body["done"], true);
    // Turned off: the next reply is in the portal only.
    reply(&app, &dispatcher, &number, "Second reply").await;
    let last = notes_of(&app, CUSTOMER).await.into_iter().filter(|n| n.kind == "reply").max_by_key(|n| n.id).unwrap();
    assert_eq!(last.mail, None);
    // Unknown links are "not found", by the page's function and by the one-click address.
    assert_eq!(app.call(&anon, "get_unsubscribe_info", &[("token", "nope")]).await.status, 404);
    assert_eq!(app.call(&anon, "unsubscribe", &[("token", "nope")]).await.status, 404);
    assert_eq!(anon.post(format!("{}/mail/unsubscribe/nope/one-click", app.base)).send().await.unwrap().status(), 404);
});

both!(the_digest_goes_once_a_day_and_severity_one_goes_at_once, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let dispatcher = app.signed_in(DISPATCHER).await;
    assert_eq!(save(&app, &user, &[("request_reply", "digest")], "", "").await.status, 200);
    let number = submit(&app, &user, "Digest me", "3").await;
    reply(&app, &dispatcher, &number, "First").await;
    reply(&app, &dispatcher, &number, "Second").await;
    let waiting: Vec<_> = notes_of(&app, CUSTOMER).await.into_iter().filter(|n| n.mail.as_deref() == Some("digest")).collect();
    assert_eq!(waiting.len(), 2);
    let before = outbox(&app).await.len();
    // 07:30 in Shanghai: before the digest hour.
    let early = chrono::NaiveDate::from_ymd_opt(2030, 3, 4).unwrap().and_hms_opt(23, 30, 0).unwrap().and_utc(); // 07:30 +08 on the 5th
    assert_eq!(run_mail(&app, early).await.digests, 0);
    let after_eight = early + Duration::minutes(40);
    assert_eq!(run_mail(&app, after_eight).await.digests, 1);
    let mails = outbox(&app).await;
    let digest: Vec<_> = mails[before..].iter().filter(|m| m.to_address == CUSTOMER).collect();
    assert_eq!(digest.len(), 1);
    assert!(digest[0].subject.contains('2'), "{}", digest[0].subject);
    let listed = digest[0].body.lines().filter(|l| l.starts_with("- ") && l.contains(&number)).count();
    assert_eq!(listed, 2, "one line a notification: {}", digest[0].body);
    assert_eq!(run_mail(&app, after_eight + Duration::hours(2)).await.digests, 0, "once a day");

    // Severity 1 goes at once even when that kind is in the digest.
    let critical = submit(&app, &user, "Everything is down", "1").await;
    reply(&app, &dispatcher, &critical, "On our way").await;
    let last = notes_of(&app, CUSTOMER).await.into_iter().filter(|n| n.kind == "reply").max_by_key(|n| n.id).unwrap();
    assert_eq!(last.mail.as_deref(), Some("now"));
});

both!(quiet_hours_hold_mail_until_they_end, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let dispatcher = app.signed_in(DISPATCHER).await;
    // Quiet from an hour ago to two hours ahead, in the contract's zone (Shanghai).
    let local = Utc::now().with_timezone(&chrono_tz::Asia::Shanghai);
    let hm = |t: chrono::DateTime<chrono_tz::Tz>| format!("{:02}:{:02}", t.hour(), t.minute());
    let (from, to) = (hm(local - Duration::hours(1)), hm(local + Duration::hours(2)));
    assert_eq!(save(&app, &user, &[], &from, &to).await.status, 200);
    let number = submit(&app, &user, "Quiet please", "3").await;
    reply(&app, &dispatcher, &number, "Noted").await;
    let note = notes_of(&app, CUSTOMER).await.into_iter().find(|n| n.kind == "reply").unwrap();
    let after = note.mail_after.unwrap();
    let wait = after - Utc::now();
    assert!(wait > Duration::minutes(100) && wait <= Duration::minutes(121), "held until the quiet hours end: {wait}");
    let before = outbox(&app).await.len();
    assert_eq!(run_mail(&app, Utc::now()).await.single, 0);
    assert!(run_mail(&app, after + Duration::seconds(1)).await.single >= 1);
    assert!(outbox(&app).await[before..].iter().any(|m| m.to_address == CUSTOMER));
});

both!(staff_are_warned_at_three_quarters_and_customers_never_hear_of_it, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let number = submit(&app, &user, "Warn the desk", "1").await;
    let r = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert!(r.sla_warn_at.is_some(), "an open request has its next warning");
    // Opened 100 minutes ago: whatever the tier, the 10-minute first response is past 75 %.
    let opened = Utc::now() - Duration::minutes(100);
    let mut row = r.clone().into_active_model();
    row.created_at = Set(opened);
    row.resolution_started_at = Set(opened);
    row.sla_warn_at = Set(Some(opened));
    row.update(&app.db.conn).await.unwrap();
    let customer_notes = notes_of(&app, CUSTOMER).await.len();
    let warned = app::ssr::sla_warnings::warn_due(&app.db, Utc::now()).await.unwrap();
    assert_eq!(warned, 1);
    let d: Vec<_> = notes_of(&app, DISPATCHER).await.into_iter().filter(|n| n.kind == "sla_warning").collect();
    assert!(!d.is_empty(), "the dispatcher is warned");
    assert!(d.iter().any(|n| n.body.contains("first_response")), "{:?}", d.iter().map(|n| &n.body).collect::<Vec<_>>());
    assert_eq!(notes_of(&app, CUSTOMER).await.len(), customer_notes, "the customer hears nothing");
    let after = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert!(after.sla_warned & 1 == 1, "first response marked warned");
    assert!(after.sla_warn_at.is_none_or(|t| t > Utc::now()), "the next warning is ahead");
    // Once per clock: a second run warns nobody again.
    assert_eq!(app::ssr::sla_warnings::warn_due(&app.db, Utc::now()).await.unwrap(), 0);
    let again: Vec<_> = notes_of(&app, DISPATCHER).await.into_iter().filter(|n| n.kind == "sla_warning").collect();
    assert_eq!(again.len(), d.len());
    // The customer's view of the request has no trace of it.
    let seen = app.call(&user, "get_request", &[("number", &number)]).await;
    assert!(!seen.body.to_string().contains("sla_warning"), "{}", seen.body);
    // Nor do their notifications.
    let list = app.call(&user, "list_notifications", &[]).await.body;
    assert!(!list.to_string().contains("sla_warning"), "{list}");
});

both!(two_instances_write_each_notification_mail_once, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let dispatcher = app.signed_in(DISPATCHER).await;
    let number = submit(&app, &user, "Many replies", "3").await;
    const N: usize = 12;
    for i in 0..N {
        reply(&app, &dispatcher, &number, &format!("Reply {i}")).await;
    }
    let before = outbox(&app).await.iter().filter(|m| m.to_address == CUSTOMER).count();
    // Two runs at once, as two instances' jobs would be (each on its own connections).
    let (a, b) = tokio::join!(run_mail(&app, Utc::now()), run_mail(&app, Utc::now()));
    assert!(a.single + b.single >= N, "{a:?} {b:?}");
    let mine: Vec<_> = outbox(&app).await.into_iter().filter(|m| m.to_address == CUSTOMER).collect();
    assert_eq!(mine.len() - before, N, "one mail per reply");
    let waiting = notes_of(&app, CUSTOMER).await.into_iter().filter(|n| n.mail.as_deref() == Some("now")).count();
    assert_eq!(waiting, 0);
});
