//! Satisfaction surveys through the real router: a survey is created when a request closes,
//! sent when due (portal notification and a mail with a one-time link), answered through the
//! link without signing in or in the portal; an unhappy answer opens a follow-up assigned to
//! a manager, which the customer sees, and a later survey can say the customer is satisfied.
//! The link cannot be reused, guessed or used after expiry; only the respondent answers.
use chrono::{Duration, Utc};
use db::sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{json, Value};
use server::survey_jobs::{run as send_due, Links};

use crate::{
    both,
    helpers::*,
    requests::{act, detail, resolve, submit},
};

async fn call_ok(app: &TestApp, c: &reqwest::Client, f: &str, form: &[(&str, &str)]) {
    let r = app.call(c, f, form).await;
    assert_eq!(r.status, 200, "{f}: {}", r.body);
}

fn links() -> Links {
    Links { base: "http://portal.test".into() }
}

/// The people who take a request to closed, signed in once (sign-ins are rate limited).
struct Desk {
    user: reqwest::Client,
    dispatcher: reqwest::Client,
    engineer: reqwest::Client,
}

async fn desk(app: &TestApp) -> Desk {
    Desk {
        user: app.signed_in("user@acme.example").await,
        dispatcher: app.signed_in("dispatcher@provider.example").await,
        engineer: app.signed_in("engineer@provider.example").await,
    }
}

/// A fault submitted by user@acme, fixed by the engineer and confirmed: closed.
async fn closed_request(app: &TestApp, desk: &Desk, title: &str) -> String {
    let Desk { user, dispatcher, engineer } = desk;
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

/// The links mailed so far, oldest first (read from the outbox, as the mail job sends it).
async fn mailed_links(app: &TestApp) -> Vec<(String, String)> {
    let mails = db::entity::outbound_mail::Entity::find().all(&app.db.conn).await.unwrap();
    mails
        .into_iter()
        .map(|m| {
            let start = m.body.find("http://portal.test/s/").expect("a link in the mail");
            let token = m.body[start + "http://portal.test/s/".len()..].split_whitespace().next().unwrap().to_string();
            (m.to_address, token)
        })
        .collect()
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

fn answers(pairs: &[(&str, &str)]) -> Value {
    Value::Array(pairs.iter().map(|(k, v)| json!([k, v])).collect())
}

const LOW: &[(&str, &str)] =
    &[("overall", "2"), ("speed", "2"), ("professionalism", "3"), ("solved", "no"), ("reasons", "slow_response"), ("comment", "Took three days")];
const HIGH: &[(&str, &str)] = &[("overall", "5"), ("speed", "4"), ("professionalism", "5"), ("solved", "yes"), ("comment", "Thanks")];

both!(an_unhappy_answer_by_link_opens_a_follow_up_until_a_later_survey_is_happy, |app: TestApp| async move {
    let desk = desk(&app).await;
    let user = desk.user.clone();
    let manager = app.signed_in("manager@provider.example").await;
    let number = closed_request(&app, &desk, "Printer jams").await;

    // Closed: the survey exists but is not asked before the delay (60 minutes by default).
    let s = survey_of(&app, &number).await;
    assert!(s.sampled && s.invited_at.is_none());
    assert_eq!(s.due_at, s.closed_at + Duration::minutes(60));
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 0);
    let r = app.call(&user, "get_request_survey", &[("number", &number)]).await;
    assert_eq!((r.status.as_u16(), &r.body), (200, &Value::Null), "not shown before it is due");

    // Due: the requester is told in the portal and by mail, with a one-time link.
    pass_time(&app, &number, Duration::minutes(61)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1);
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 0, "sent once");
    let mails = mailed_links(&app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "user@acme.example");
    let token = mails[0].1.clone();
    let notes = app.call(&user, "list_notifications", &[]).await.body;
    assert!(notes.to_string().contains("\"survey\""), "{notes}");
    let waiting = app.call(&user, "waiting_surveys", &[]).await.body;
    assert_eq!(waiting[0]["number"], number.as_str());
    let stored = db::entity::survey_link::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(stored.iter().all(|l| l.token_hash != token && l.token_hash.len() == 64), "only the hash is stored");

    // Opening the link (as a mail scanner would) shows the survey and records nothing.
    let anon = client();
    let page = app.get(&anon, &format!("/s/{token}")).await;
    assert_eq!(page.status(), 200);
    let opened = app.call(&anon, "get_link_survey", &[("token", &token)]).await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    assert_eq!(opened.body["Open"]["request_number"], number.as_str());
    assert!(opened.body["Open"]["questions"].as_array().unwrap().len() >= 5);
    assert!(survey_of(&app, &number).await.answered_at.is_none(), "GET answers nothing");

    // A low score through the link, without signing in.
    let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": token, "answers": answers(LOW) })).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = survey_of(&app, &number).await;
    assert_eq!((s.overall, s.solved, s.satisfied, s.outcome_satisfied), (Some(2), Some(false), Some(false), Some(false)));
    assert_eq!(s.comment.as_deref(), Some("Took three days"));

    // The link is spent.
    let again = app.call_json(&anon, "answer_link_survey", &json!({ "token": token, "answers": answers(HIGH) })).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(app.call(&anon, "get_link_survey", &[("token", &token)]).await.body["Closed"], "used");

    // A follow-up, assigned to a manager: in the manager's work and told to the customer.
    let f = db::repo::requests::find(&app.db.conn, s.followup_request_id.expect("a follow-up")).await.unwrap().unwrap();
    assert_eq!(f.assignee_id, Some(app.user_id("manager@provider.example").await));
    assert_eq!((f.status.as_str(), f.requester_id, f.follow_up_of), ("assigned", app.user_id("user@acme.example").await, Some(s.request_id)));
    let work = app.call(&manager, "my_work", &[]).await;
    assert!(work.body.as_array().unwrap().iter().any(|w| w["number"] == f.number.as_str()), "{}", work.body);
    let mine = app.call(&user, "get_request_survey", &[("number", &number)]).await.body;
    assert_eq!(mine["followup"]["number"], f.number.as_str());
    assert_eq!(mine["followup"]["assignee_name"], "Wang Fang");
    assert_eq!(mine["may_answer"], false, "final once the follow-up is opened");
    assert!(app.call(&user, "list_notifications", &[]).await.body.to_string().contains("follow_up"));
    let d = detail(&app, &user, &number).await.body;
    assert!(d["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "follow_up"), "on the request's timeline");
    let changed = app.call_json(&user, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(changed.status, 409, "the unhappy answer stands: {}", changed.body);

    // The manager resolves the follow-up; the customer confirms; its survey says satisfied.
    let r = act(&app, &manager, &f.number, "start_work", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = act(&app, &manager, &f.number, "resolve", &[("note", "Called the customer, replaced the feeder")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = act(&app, &user, &f.number, "confirm_resolution", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(survey_of(&app, &number).await.outcome_satisfied, Some(false), "not satisfied until a later survey says so");
    pass_time(&app, &f.number, Duration::minutes(61)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1);
    let r = app.call_json(&user, "answer_survey", &json!({ "number": f.number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = survey_of(&app, &number).await;
    assert_eq!((s.satisfied, s.outcome_satisfied), (Some(false), Some(true)), "the original now counts as satisfied");
    assert_eq!(survey_of(&app, &f.number).await.followup_request_id, None, "a happy answer opens nothing");
});

both!(links_cannot_be_guessed_reused_or_used_after_expiry, |app: TestApp| async move {
    let anon = client();
    for bad in ["", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "A\u{0}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        let r = app.call(&anon, "get_link_survey", &[("token", bad)]).await;
        assert_eq!(r.status, 200, "{bad}: {}", r.body);
        assert_eq!(r.body["Closed"], "unknown", "{bad}");
        let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": bad, "answers": answers(HIGH) })).await;
        assert_eq!(r.status, 404, "{bad}: {}", r.body);
    }
    let desk = desk(&app).await;
    let number = closed_request(&app, &desk, "Scanner offline").await;
    pass_time(&app, &number, Duration::minutes(61)).await;
    send_due(&app.db, &links(), Utc::now()).await.unwrap();
    let token = mailed_links(&app).await[0].1.clone();
    // A token one character off is someone else's guess, not this survey.
    let mut guess: Vec<char> = token.chars().collect();
    guess[10] = if guess[10] == 'A' { 'B' } else { 'A' };
    let guess: String = guess.into_iter().collect();
    assert_eq!(app.call(&anon, "get_link_survey", &[("token", &guess)]).await.body["Closed"], "unknown");

    // After expiry: nothing can be answered, and the page says so.
    pass_time(&app, &number, Duration::days(14)).await;
    assert_eq!(app.call(&anon, "get_link_survey", &[("token", &token)]).await.body["Closed"], "expired");
    let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": token, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(survey_of(&app, &number).await.answered_at.is_none());
    let user = desk.user;
    let r = app.call_json(&user, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 409, "expired in the portal too: {}", r.body);
    assert!(app.call(&user, "waiting_surveys", &[]).await.body.as_array().unwrap().is_empty());
});

both!(answers_are_checked_and_only_the_respondent_answers, |app: TestApp| async move {
    let desk = desk(&app).await;
    let number = closed_request(&app, &desk, "VPN drops").await;
    pass_time(&app, &number, Duration::minutes(61)).await;
    send_due(&app.db, &links(), Utc::now()).await.unwrap();
    let user = desk.user.clone();
    // An admin lengthening the delay afterwards does not take back a survey already sent.
    let later = domain::survey::SurveySettings { delay_minutes: 600, ..Default::default() };
    db::repo::surveys::save_settings(&app.db.conn, &later, Utc::now()).await.unwrap();

    // Bad input: a clear field error and nothing saved.
    for (pairs, field) in [
        (&[("speed", "4"), ("professionalism", "4"), ("solved", "yes")][..], "overall"),
        (&[("overall", "6"), ("speed", "4"), ("professionalism", "4"), ("solved", "yes")][..], "overall"),
        (&[("overall", "4"), ("speed", "4"), ("professionalism", "4"), ("solved", "maybe")][..], "solved"),
    ] {
        let r = app.call_json(&user, "answer_survey", &json!({ "number": number, "answers": answers(pairs) })).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(field_codes(&r.body).iter().any(|(f, _)| f == field), "{field}: {}", r.body);
    }
    assert!(survey_of(&app, &number).await.answered_at.is_none());

    // Others: the site manager reads it but does not answer; another organization sees nothing.
    let lead = app.signed_in("lead@acme.example").await;
    let seen = app.call(&lead, "get_request_survey", &[("number", &number)]).await.body;
    assert_eq!(seen["may_answer"], false);
    let r = app.call_json(&lead, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 403, "{}", r.body);
    for email in ["user@globex.example", "lead@globex.example"] {
        let other = app.signed_in(email).await;
        assert_eq!(app.call(&other, "get_request_survey", &[("number", &number)]).await.status, 404);
        let r = app.call_json(&other, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
        assert_eq!(r.status, 404, "{email}: {}", r.body);
    }
    let engineer = app.signed_in("engineer@provider.example").await;
    let r = app.call_json(&engineer, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 403);
    let r = app.call_json(&client(), "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 401);

    // The respondent answers in the portal, then changes the answer while it is not final;
    // the mailed link is spent by the portal answer (one answer per request).
    let r = app
        .call_json(
            &user,
            "answer_survey",
            &json!({ "number": number, "answers": answers(&[("overall", "4"), ("speed", "4"), ("professionalism", "4"), ("solved", "yes")]) }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call_json(&user, "answer_survey", &json!({ "number": number, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = survey_of(&app, &number).await;
    assert_eq!((s.overall, s.satisfied, s.followup_request_id), (Some(5), Some(true), None));
    assert!(s.first_answered_at.unwrap() <= s.answered_at.unwrap());
    let token = mailed_links(&app).await[0].1.clone();
    assert_eq!(app.call(&client(), "get_link_survey", &[("token", &token)]).await.body["Closed"], "used");
    let seen = app.call(&user, "get_request_survey", &[("number", &number)]).await.body;
    assert_eq!(seen["answers"][0]["value"]["value"], 5, "{seen}");
});

both!(one_reminder_with_a_fresh_link_and_sampling_leaves_requests_out, |app: TestApp| async move {
    let desk = desk(&app).await;
    let number = closed_request(&app, &desk, "Mail server slow").await;
    pass_time(&app, &number, Duration::minutes(61)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1);
    // Reminder after 3 days (the default), once, with its own link; the first still works.
    pass_time(&app, &number, Duration::days(2)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 0);
    pass_time(&app, &number, Duration::days(1)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 1);
    pass_time(&app, &number, Duration::days(1)).await;
    assert_eq!(send_due(&app.db, &links(), Utc::now()).await.unwrap(), 0, "one reminder only");
    let mails = mailed_links(&app).await;
    assert_eq!(mails.len(), 2);
    assert_ne!(mails[0].1, mails[1].1);
    assert!(survey_of(&app, &number).await.reminded_at.is_some());
    let anon = client();
    assert!(app.call(&anon, "get_link_survey", &[("token", &mails[0].1)]).await.body["Open"].is_object());
    // Answering with one spends it; the other link still opens until it too is used.
    let r = app.call_json(&anon, "answer_link_survey", &json!({ "token": mails[1].1, "answers": answers(HIGH) })).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // A high-volume customer asked about 1 % of requests: most closed requests get no survey.
    let acme = app.org_id("Acme Manufacturing").await;
    db::repo::surveys::set_org_sampling(&app.db.conn, acme, Some(1)).await.unwrap();
    let mut sampled = 0;
    for i in 0..6 {
        let n = closed_request(&app, &desk, &format!("Toner {i}")).await;
        sampled += usize::from(survey_of(&app, &n).await.sampled);
    }
    assert!(sampled <= 1, "{sampled} of 6 sampled at 1 %");
    let before = mailed_links(&app).await.len();
    send_due(&app.db, &links(), Utc::now() + Duration::minutes(61)).await.unwrap();
    // (The job's own clock moved forward here: only which surveys exist matters.)
    assert_eq!(mailed_links(&app).await.len() - before, sampled, "no survey is sent for a request left out");
});

both!(the_request_page_survey_works_as_a_plain_form, |app: TestApp| async move {
    // Islands mode and no JavaScript: the survey on a request's page is a plain form posted to
    // /requests/{number}/survey; the answer comes back in the address, nothing typed is lost.
    let desk = desk(&app).await;
    let number = closed_request(&app, &desk, "Mail queue stuck").await;
    pass_time(&app, &number, Duration::minutes(61)).await;
    send_due(&app.db, &links(), Utc::now()).await.unwrap();
    let url = format!("{}/requests/{number}/survey", app.base);
    let post = |c: &reqwest::Client, pairs: &[(&str, &str)]| {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        c.post(&url).header("origin", &app.base).form(&pairs).send()
    };
    let location = |r: &reqwest::Response| r.headers()["location"].to_str().unwrap().to_string();

    // No score: back to the survey with the error and what was sent, nothing recorded.
    let r = post(&desk.user, &[("speed", "4"), ("solved", "yes"), ("comment", "slow 回复")]).await.unwrap();
    assert_eq!(r.status(), 303);
    let back = location(&r);
    assert!(back.starts_with(&format!("/requests/{number}?survey_error=")) && back.ends_with("#survey"), "{back}");
    assert!(back.contains("sv.speed=4") && back.contains("sv.comment=slow%20%E5%9B%9E%E5%A4%8D"), "{back}");
    let page = app.get(&desk.user, &back).await.text().await.unwrap();
    assert!(page.contains("slow 回复"), "the comment is put back in the form");
    assert!(survey_of(&app, &number).await.answered_at.is_none());

    // Not the respondent, another organization, signed out: refused, nothing recorded.
    let lead = app.signed_in("lead@acme.example").await;
    assert_eq!(post(&lead, HIGH).await.unwrap().status(), 403);
    let other = app.signed_in("user@globex.example").await;
    assert_eq!(post(&other, HIGH).await.unwrap().status(), 404);
    let r = post(&client(), HIGH).await.unwrap();
    assert_eq!((r.status().as_u16(), location(&r)), (303, format!("/sign-in?next=/requests/{number}")));
    assert!(survey_of(&app, &number).await.answered_at.is_none());

    // The respondent's answer: recorded, and the page thanks them.
    let r = post(&desk.user, HIGH).await.unwrap();
    assert_eq!((r.status().as_u16(), location(&r)), (303, format!("/requests/{number}?survey=thanks#survey")));
    assert_eq!(survey_of(&app, &number).await.overall, Some(5));
    let page = app.get(&desk.user, &format!("/requests/{number}?survey=thanks")).await.text().await.unwrap();
    assert!(page.contains("Thank you, your answer is recorded."));
});
