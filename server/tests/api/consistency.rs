//! Consistency when several people, tabs or server instances act on the same thing: one
//! survey answer spends every mailed link, internal escalation stays internal, a stale form
//! is refused instead of overwriting, and two mail workers deliver each message once.
//! Each on SQLite and PostgreSQL.
use std::collections::HashMap;

use chrono::{Duration, Utc};
use db::sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{json, Value};
use server::survey_jobs::{run as send_due, Links};

use crate::{
    both,
    helpers::*,
    requests::{act, detail, resolve, submit},
};

async fn call_ok(app: &TestApp, c: &reqwest::Client, f: &str, form: &[(&str, &str)]) -> Value {
    let r = app.call(c, f, form).await;
    assert_eq!(r.status, 200, "{f}: {}", r.body);
    r.body
}

// ---------------------------------------------------------------- surveys

fn links() -> Links {
    Links { base: "http://portal.test".into() }
}

fn answers(pairs: &[(&str, &str)]) -> Value {
    Value::Array(pairs.iter().map(|(k, v)| json!([k, v])).collect())
}

const LOW: &[(&str, &str)] = &[("overall", "1"), ("speed", "1"), ("professionalism", "1"), ("solved", "no"), ("comment", "Never fixed")];
const HIGH: &[(&str, &str)] = &[("overall", "5"), ("speed", "5"), ("professionalism", "5"), ("solved", "yes"), ("comment", "Thanks")];

/// A fault of user@acme taken to closed by the desk and the engineer; its service number.
async fn closed_request(app: &TestApp, user: &reqwest::Client, dispatcher: &reqwest::Client, engineer: &reqwest::Client, title: &str) -> String {
    let number = submit(app, user, title, "3").await;
    let eng = app.user_id("engineer@provider.example").await.to_string();
    call_ok(app, dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &eng)]).await;
    call_ok(app, engineer, "record_stage", &[("number", &number), ("stage", "dispatched")]).await;
    let r = resolve(app, engineer, &number).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = act(app, user, &number, "confirm_resolution", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    number
}

async fn survey_of(app: &TestApp, number: &str) -> db::entity::survey::Model {
    let r = db::repo::requests::find_by_number(&app.db.conn, number).await.unwrap().unwrap();
    db::repo::surveys::find_by_request(&app.db.conn, r.id).await.unwrap().expect("a survey for a closed request")
}

/// Moves a survey's clock back by `by`, as if that much time had passed since it closed.
async fn pass_time(app: &TestApp, number: &str, by: Duration) {
    let s = survey_of(app, number).await;
    let back = |t: Option<chrono::DateTime<Utc>>| Set(t.map(|t| t - by));
    let row = db::entity::survey::ActiveModel {
        closed_at: Set(s.closed_at - by),
        due_at: Set(s.due_at - by),
        expires_at: Set(s.expires_at - by),
        invited_at: back(s.invited_at),
        reminded_at: back(s.reminded_at),
        first_answered_at: back(s.first_answered_at),
        ..Default::default()
    };
    assert!(db::repo::surveys::update_if_version(&app.db.conn, row, s.id, s.version).await.unwrap());
}

/// The tokens mailed about request `number`, oldest first (read from the outbox).
async fn mailed_tokens(app: &TestApp, number: &str) -> Vec<String> {
    let prefix = "http://portal.test/s/";
    db::entity::outbound_mail::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.contains(number))
        .map(|m| {
            let start = m.body.find(prefix).expect("a link in the mail");
            m.body[start + prefix.len()..].split_whitespace().next().unwrap().to_string()
        })
        .collect()
}

/// A closed request whose survey was sent and reminded: two mails, two links.
async fn invited_and_reminded(
    app: &TestApp,
    user: &reqwest::Client,
    dispatcher: &reqwest::Client,
    engineer: &reqwest::Client,
    title: &str,
) -> (String, [String; 2]) {
    let number = closed_request(app, user, dispatcher, engineer, title).await;
    pass_time(app, &number, Duration::minutes(61)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1, "the invitation");
    pass_time(app, &number, Duration::days(3)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1, "the reminder");
    let tokens = mailed_tokens(app, &number).await;
    assert_eq!(tokens.len(), 2);
    assert_ne!(tokens[0], tokens[1]);
    (number, [tokens[0].clone(), tokens[1].clone()])
}

both!(one_answer_spends_every_link_of_the_survey, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let anon = client();

    // Answered through the reminder's link: the first mail's link is spent with it.
    let (number, [first, reminder]) = invited_and_reminded(&app, &user, &dispatcher, &engineer, "Plotter offline").await;
    let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": reminder, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let answered = survey_of(&app, &number).await;
    assert_eq!((answered.overall, answered.satisfied), (Some(5), Some(true)));
    assert_eq!(app.call(&anon, "get_link_survey", &[("token", &first)]).await.body["Closed"], "used", "the other link no longer opens the form");
    let again = app.call_json(&anon, "answer_link_survey", &json!({ "token": first, "answers": answers(LOW) })).await;
    assert_eq!((again.status.as_u16(), &again.body), (409, &json!({ "NotNow": "survey_used" })), "the other link is refused as already used");
    assert_eq!(survey_of(&app, &number).await, answered, "nothing changed: no second answer, no follow-up");
    let links = db::entity::survey_link::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(links.iter().filter(|l| l.survey_id == answered.id).all(|l| l.used_at.is_some()), "every link of the survey is spent");

    // The two links at the same moment: exactly one answer wins, the other is told the
    // survey was already answered (a few rounds, to give the race a chance).
    for round in 0..3 {
        let (number, [a, b]) = invited_and_reminded(&app, &user, &dispatcher, &engineer, &format!("Scanner jam {round}")).await;
        let (body_a, body_b) = (json!({ "token": a, "answers": answers(HIGH) }), json!({ "token": b, "answers": answers(LOW) }));
        let other = client();
        let (ra, rb) = tokio::join!(app.call_json(&anon, "answer_link_survey", &body_a), app.call_json(&other, "answer_link_survey", &body_b));
        let mut statuses = [ra.status.as_u16(), rb.status.as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {} / {}", ra.body, rb.body);
        let loser = if ra.status == 409 { &ra } else { &rb };
        assert_eq!(loser.body, json!({ "NotNow": "survey_used" }), "round {round}");
        let s = survey_of(&app, &number).await;
        let winner_was_a = ra.status == 200;
        assert_eq!(s.overall, Some(if winner_was_a { 5 } else { 1 }), "round {round}: the winner's answer stands");
        assert_eq!(s.followup_request_id.is_some(), !winner_was_a, "round {round}: a follow-up only for the unhappy winner");
        for t in [&a, &b] {
            assert_eq!(app.call(&anon, "get_link_survey", &[("token", t)]).await.body["Closed"], "used", "round {round}");
        }
    }

    // Answering in the portal spends both links too.
    let (number, [a, b]) = invited_and_reminded(&app, &user, &dispatcher, &engineer, "Badge reader").await;
    let r = app.call_json(&user, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for t in [&a, &b] {
        let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": t, "answers": answers(LOW) })).await;
        assert_eq!((r.status.as_u16(), &r.body), (409, &json!({ "NotNow": "survey_used" })));
    }
    assert_eq!(survey_of(&app, &number).await.overall, Some(5));
});

// ---------------------------------------------------------------- escalation

both!(internal_escalation_never_reaches_the_customer, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Firewall reboots", "3").await;
    call_ok(&app, &engineer, "escalate_request", &[("number", &number), ("target", "expert"), ("reason", "Needs the firewall specialist")]).await;
    call_ok(&app, &engineer, "escalate_request", &[("number", &number), ("target", "management"), ("reason", "Customer is a key account")]).await;
    assert_eq!(db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap().escalation_level, 2);

    // Staff see the count and the internal lines.
    let staff = detail(&app, &dispatcher, &number).await.body;
    assert_eq!(staff["escalation_level"], 2, "{staff}");
    assert_eq!(staff["timeline"].as_array().unwrap().iter().filter(|e| e["kind"] == "escalation").count(), 2);

    // Customers: no count, no line, nothing on the page, in the list or the notifications.
    for (who, c) in [("requester", &user), ("site manager", &lead)] {
        let d = detail(&app, c, &number).await;
        assert_eq!(d.status, 200, "{}", d.body);
        assert!(d.body.get("escalation_level").is_none() || d.body["escalation_level"] == 0, "{who}: {}", d.body);
        assert!(d.body["timeline"].as_array().unwrap().iter().all(|e| e["public"] == true), "{who}: only public lines");
        let text = d.body.to_string();
        assert!(!text.contains("escalat") && !text.contains("specialist") && !text.contains("key account"), "{who}: {text}");
        let page = app.get(c, &format!("/requests/{number}")).await.text().await.unwrap();
        assert!(!page.contains("Escalated") && !page.contains("specialist"), "{who}: the page shows no escalation");
        let list = call_ok(
            &app,
            c,
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
        assert!(list["rows"].as_array().unwrap().iter().any(|r| r["number"] == number.as_str()));
        assert!(!list.to_string().contains("escalat"), "{who}: {list}");
        let notes = call_ok(&app, c, "list_notifications", &[]).await.to_string();
        assert!(!notes.contains("escalat") && !notes.contains("specialist"), "{who}: {notes}");
    }
});

// ---------------------------------------------------------------- stale forms

/// The contract form as the page shows it: (field, value) with the hidden id and version.
async fn contract_form(app: &TestApp, c: &reqwest::Client, id: i32) -> HashMap<String, String> {
    let r = app.call(c, "get_contract", &[("id", &id.to_string())]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let f = &r.body["form"];
    let mut m: HashMap<String, String> = f.as_object().unwrap().iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string()))).collect();
    for (i, v) in f["resolution"].as_array().unwrap().iter().enumerate() {
        m.insert(format!("resolution_{}", i + 1), v.as_str().unwrap().to_string());
    }
    m.insert("id".into(), id.to_string());
    if let Some(v) = r.body["version"].as_i64() {
        m.insert("version".into(), v.to_string());
    }
    m
}

async fn post(app: &TestApp, c: &reqwest::Client, name: &str, form: &HashMap<String, String>) -> Reply {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(c, name, &pairs).await
}

both!(a_stale_contract_form_is_refused_and_the_first_save_stands, |app: TestApp| async move {
    let admin_a = app.signed_in("admin@provider.example").await;
    let admin_b = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let id = db::repo::contracts::in_force(&app.db.conn, acme, Utc::now().date_naive()).await.unwrap().unwrap().id;

    // Both open the form, then both save.
    let mut a = contract_form(&app, &admin_a, id).await;
    let mut b = contract_form(&app, &admin_b, id).await;
    assert_eq!(a.get("version"), b.get("version"));
    a.insert("first_response".into(), "11".into());
    a.insert("holidays".into(), "2027-10-01".into());
    b.insert("first_response".into(), "99".into());
    b.insert("tier".into(), "c".into());
    let r = post(&app, &admin_a, "update_contract", &a).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = post(&app, &admin_b, "update_contract", &b).await;
    assert_eq!((r.status.as_u16(), &r.body), (409, &json!("Conflict")), "the second save is refused");

    let now = contract_form(&app, &admin_a, id).await;
    assert_eq!((now["first_response"].as_str(), now["tier"].as_str()), ("11", a["tier"].as_str()), "the first save's values stand");
    assert!(now["holidays"].contains("2027-10-01"));
    assert_ne!(now["version"], a["version"], "the version moved on");
    // Reloading gives the second admin the new version: saving then works.
    let mut b = now.clone();
    b.insert("first_response".into(), "12".into());
    let r = post(&app, &admin_b, "update_contract", &b).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(contract_form(&app, &admin_a, id).await["first_response"], "12");

    // The page carries the version in a hidden input (so it works without JavaScript).
    let page = app.get(&admin_a, &format!("/admin/contracts?contract={id}")).await.text().await.unwrap();
    assert!(page.contains(r#"name="version""#), "the form carries the version");
});

/// The training form as the page posts it, from `get_training_form`.
async fn training_form(app: &TestApp, c: &reqwest::Client, id: i32) -> Vec<(String, String)> {
    let r = app.call(c, "get_training_form", &[("id", &id.to_string())]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let input = &r.body["input"];
    let mut f: Vec<(String, String)> = vec![("id".into(), id.to_string())];
    for k in [
        "title",
        "kind",
        "description",
        "trainer",
        "tz",
        "starts_at",
        "ends_at",
        "delivery",
        "place",
        "link",
        "capacity",
        "booking_deadline",
        "invited",
        "version",
    ] {
        if let Some(v) = input[k].as_str() {
            f.push((k.into(), v.to_string()));
        }
    }
    for (i, o) in input["org_ids"].as_array().unwrap().iter().enumerate() {
        f.push((format!("org_ids[{i}]"), o.as_str().unwrap().to_string()));
    }
    f
}

fn set(f: &mut [(String, String)], key: &str, value: &str) {
    f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.to_string();
}

async fn save_training(app: &TestApp, c: &reqwest::Client, f: &[(String, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(c, "save_training", &pairs).await
}

both!(a_stale_training_form_is_refused_and_the_first_save_stands, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let admin = app.signed_in("admin@provider.example").await;
    let mut new = training_form(&app, &manager, 0).await;
    let start = Utc::now() + Duration::days(7);
    let local = |t: chrono::DateTime<Utc>| domain::training::form::format_local_datetime(t.timestamp(), chrono_tz::Asia::Shanghai);
    for (k, v) in [
        ("title", "Storage basics".to_string()),
        ("trainer", "Li Qiang".into()),
        ("place", "Room 3".into()),
        ("starts_at", local(start)),
        ("ends_at", local(start + Duration::hours(2))),
        ("booking_deadline", local(start - Duration::hours(1))),
    ] {
        set(&mut new, k, &v);
    }
    let r = save_training(&app, &manager, &new).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.as_i64().unwrap() as i32;

    // Both open the form; a booking in between is not an edit and refuses nothing.
    let mut a = training_form(&app, &manager, id).await;
    let mut b = training_form(&app, &admin, id).await;
    let customer = app.signed_in("user@acme.example").await;
    call_ok(&app, &customer, "book_training", &[("id", &id.to_string()), ("user_id", "")]).await;
    set(&mut a, "title", "Storage basics (room changed)");
    set(&mut a, "place", "Room 5");
    set(&mut b, "title", "Storage basics (cancelled?)");
    set(&mut b, "capacity", "3");
    let r = save_training(&app, &manager, &a).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = save_training(&app, &admin, &b).await;
    assert_eq!((r.status.as_u16(), &r.body), (409, &json!("Conflict")), "the second save is refused");
    let s = db::repo::training::find(&app.db.conn, id).await.unwrap().unwrap();
    assert_eq!((s.title.as_str(), s.place.as_str(), s.capacity), ("Storage basics (room changed)", "Room 5", 20), "the first save's values stand");
    assert_eq!(s.version, 1);
    // Reloaded, the second saves.
    let mut b = training_form(&app, &admin, id).await;
    set(&mut b, "capacity", "30");
    let r = save_training(&app, &admin, &b).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(db::repo::training::find(&app.db.conn, id).await.unwrap().unwrap().capacity, 30);

    // The page carries the version in a hidden input (so it works without JavaScript).
    let page = app.get(&manager, &format!("/training/{id}/edit")).await.text().await.unwrap();
    assert!(page.contains(r#"name="version""#), "the form carries the version");
});

// ---------------------------------------------------------------- mail outbox

/// The `.eml` files in `dir`.
pub(crate) fn eml_files(dir: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| std::fs::read_to_string(e.path()).unwrap()).collect(),
        Err(_) => vec![],
    }
}

/// Delivers until the outbox gives this worker nothing more; how many it sent.
pub(crate) async fn drain(db: db::Db, mailer: server::mail::Mailer) -> usize {
    let mut sent = 0;
    loop {
        match server::mail::deliver(&db, &mailer).await.unwrap() {
            0 => return sent,
            n => sent += n,
        }
    }
}

/// Two server instances on one database (two connections, each with its own mail worker,
/// as two processes would have) deliver every mail exactly once.
async fn two_instances_deliver_each_mail_once(backend: Backend) {
    let Some(url) = fresh_database(backend).await else { return };
    let one = db::connect(&url).await.unwrap();
    let two = db::connect(&url).await.unwrap();
    let dir = std::env::temp_dir().join(format!("portal-test-mail-{}", uuid::Uuid::new_v4()));
    let mailer = || server::mail::Mailer::new("Test Portal <portal@test.example>", None, dir.clone()).unwrap();
    const N: usize = 120;
    for i in 0..N {
        db::repo::mail::enqueue(&one.conn, &format!("person{i}@acme.example"), &format!("Message {i}"), "Hello", Utc::now()).await.unwrap();
    }
    let (a, b) = tokio::join!(tokio::spawn(drain(one.clone(), mailer())), tokio::spawn(drain(two.clone(), mailer())));
    let (a, b) = (a.unwrap(), b.unwrap());
    let files = eml_files(&dir);
    assert_eq!(files.len(), N, "{backend:?}: one file a mail (workers sent {a} and {b})");
    assert_eq!(a + b, N, "{backend:?}");
    for i in 0..N {
        let subject = format!("Subject: Message {i}\r\n");
        assert_eq!(files.iter().filter(|f| f.contains(&subject)).count(), 1, "{backend:?}: message {i}");
    }
    let rows = db::entity::outbound_mail::Entity::find().all(&one.conn).await.unwrap();
    assert!(rows.iter().all(|m| m.sent_at.is_some() && m.attempts == 1), "{backend:?}: all marked sent once");

    // A worker that claimed mail and died: its claim expires and the mail goes out then.
    let m = db::repo::mail::enqueue(&one.conn, "late@acme.example", "Late", "Hello", Utc::now()).await.unwrap();
    let claimed = db::repo::mail::claim(&two, Utc::now(), 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(drain(one.clone(), mailer()).await, 0, "{backend:?}: claimed by the dead worker");
    db::entity::outbound_mail::Entity::update(db::entity::outbound_mail::ActiveModel {
        id: Set(m.id),
        claimed_until: Set(Some(Utc::now() - Duration::seconds(1))),
        ..Default::default()
    })
    .exec(&one.conn)
    .await
    .unwrap();
    assert_eq!(drain(one.clone(), mailer()).await, 1, "{backend:?}: retried once the claim expired");
    assert_eq!(eml_files(&dir).len(), N + 1);
    std::fs::remove_dir_all(&dir).ok();
}

mod two_mail_workers_deliver_each_mail_exactly_once {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        two_instances_deliver_each_mail_once(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        two_instances_deliver_each_mail_once(Backend::Postgres).await
    }
}
