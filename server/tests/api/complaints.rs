//! Complaints through the real router, on SQLite and PostgreSQL: a customer complains about a
//! request, the supervisors (managers) are told, take it up and answer against the two clocks;
//! the customer rejects, then accepts. Nobody else reads it by any function, page, notification
//! or live event: not the engineer it concerns, not a dispatcher, not another organization.
use chrono::{Duration, Utc};
use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::{both, helpers::*, requests::submit};

const CUSTOMER: &str = "user@acme.example";
const LEAD: &str = "lead@acme.example";
const MANAGER: &str = "manager@provider.example";

/// Submits a complaint as `c`; its id (read from the redirect to its page).
async fn complain(app: &TestApp, c: &reqwest::Client, request: &str, text: &str) -> Reply {
    app.call(c, "submit_complaint", &[("request", request), ("text", text)]).await
}

async fn act(app: &TestApp, c: &reqwest::Client, id: i64, action: &str, extra: &[(&str, &str)]) -> Reply {
    let version = app.call(c, "get_complaint", &[("id", &id.to_string())]).await.body["version"].to_string();
    let id = id.to_string();
    let mut form: Vec<(&str, &str)> = vec![("id", &id), ("version", &version), ("action", action)];
    form.extend_from_slice(extra);
    app.call(c, "act_on_complaint", &form).await
}

async fn kinds_of_notes(app: &TestApp, email: &str) -> Vec<String> {
    let id = app.user_id(email).await;
    db::entity::notification::Entity::find()
        .filter(db::entity::notification::Column::UserId.eq(id))
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|n| format!("{} {}", n.kind, n.body))
        .collect()
}

async fn live_kinds_for(app: &TestApp, email: &str) -> usize {
    let id = app.user_id(email).await;
    db::entity::live_event::Entity::find()
        .filter(db::entity::live_event::Column::Kind.eq("complaint"))
        .filter(db::entity::live_event::Column::UserId.eq(id))
        .all(&app.db.conn)
        .await
        .unwrap()
        .len()
}

both!(a_complaint_reaches_the_supervisors_and_closes_when_the_customer_accepts, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let manager = app.signed_in(MANAGER).await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let globex = app.signed_in("user@globex.example").await;
    let lead = app.signed_in(LEAD).await;
    // A request with an engineer on it: the complaint is about their work.
    let number = submit(&app, &user, "Slow service", "2").await;
    let engineer_id = app.user_id("engineer@provider.example").await.to_string();
    assert_eq!(app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &engineer_id)]).await.status, 200);

    let r = complain(&app, &user, &number, "The engineer came two days late and did not call.").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.as_i64().unwrap();
    let row = db::repo::complaints::find(&app.db.conn, id as i32).await.unwrap().unwrap();
    assert!(row.number.starts_with("CP-"), "{}", row.number);
    assert_eq!(row.concerns_user_id, Some(app.user_id("engineer@provider.example").await));
    // The clocks: a working day to take it up, five to answer (at least that many days).
    assert!(row.ack_due_at - row.created_at >= Duration::days(1) && row.ack_due_at - row.created_at <= Duration::days(4), "{row:?}");
    assert!(row.answer_due_at - row.created_at >= Duration::days(7) && row.answer_due_at - row.created_at <= Duration::days(12), "{row:?}");

    // Who reads it: the customer, their site manager, the managers. Nobody else, by any path.
    for (who, c, status) in [(CUSTOMER, &user, 200), (LEAD, &lead, 200), (MANAGER, &manager, 200)] {
        assert_eq!(app.call(c, "get_complaint", &[("id", &id.to_string())]).await.status, status, "{who}");
        let list = app.call(c, "list_complaints", &[]).await;
        assert!(list.body.as_array().unwrap().iter().any(|c| c["id"] == id), "{who} lists it");
    }
    for (who, c) in [("engineer", &engineer), ("dispatcher", &dispatcher), ("globex", &globex)] {
        assert_eq!(app.call(c, "get_complaint", &[("id", &id.to_string())]).await.status, 404, "{who}");
        let tried = app.call(c, "act_on_complaint", &[("id", &id.to_string()), ("version", "0"), ("action", "acknowledge")]).await;
        assert_eq!(tried.status, 404, "{who} cannot act");
        assert_ne!(app.get(c, &format!("/complaints/{id}")).await.status(), 200, "{who}: the page");
    }
    assert_eq!(app.call(&engineer, "list_complaints", &[]).await.status, 403);
    assert_eq!(app.call(&dispatcher, "list_complaints", &[]).await.status, 403);
    assert!(app.call(&globex, "list_complaints", &[]).await.body.as_array().unwrap().is_empty());
    // Told: the managers, by notification and a live event by name; the engineer hears nothing.
    assert!(kinds_of_notes(&app, MANAGER).await.iter().any(|n| n.starts_with("complaint") && n.contains("submitted")));
    assert!(!kinds_of_notes(&app, "engineer@provider.example").await.iter().any(|n| n.starts_with("complaint")));
    assert!(live_kinds_for(&app, MANAGER).await >= 1);
    assert_eq!(live_kinds_for(&app, "engineer@provider.example").await, 0);
    let unnamed = db::entity::live_event::Entity::find()
        .filter(db::entity::live_event::Column::Kind.eq("complaint"))
        .filter(db::entity::live_event::Column::UserId.is_null())
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(unnamed.is_empty(), "complaint events are sent by name only");

    // Only supervisors take it up and answer; the customer cannot answer their own.
    assert_eq!(act(&app, &user, id, "acknowledge", &[]).await.status, 409, "not the customer's step");
    assert_eq!(act(&app, &manager, id, "acknowledge", &[]).await.status, 200);
    assert!(kinds_of_notes(&app, CUSTOMER).await.iter().any(|n| n.contains("acknowledged")));
    let incomplete = act(&app, &manager, id, "answer", &[("findings", "Late dispatch"), ("changes", ""), ("answer", "Sorry")]).await;
    assert_eq!(incomplete.status, 422);
    assert_eq!(field_codes(&incomplete.body), [("changes".to_string(), "required".to_string())]);
    let answer = [
        ("findings", "Dispatch missed the ticket for a day"),
        ("changes", "Unassigned tickets alarm after 2 hours"),
        ("answer", "We are sorry; here is what we changed."),
    ];
    assert_eq!(act(&app, &manager, id, "answer", &answer).await.status, 200);
    // The customer reads the answer and what changes, not the findings; the manager all three.
    let seen: Value = app.call(&user, "get_complaint", &[("id", &id.to_string())]).await.body;
    assert_eq!((seen["answer"].as_str(), seen["changes"].as_str(), seen["findings"].as_str()), (Some(answer[2].1), Some(answer[1].1), None));
    assert_eq!(seen["actions"], serde_json::json!(["accept", "reject"]));
    let staff: Value = app.call(&manager, "get_complaint", &[("id", &id.to_string())]).await.body;
    assert_eq!(staff["findings"], answer[0].1);

    // Not accepted: back to the supervisor, with why; answered again; accepted: closed.
    assert_eq!(act(&app, &user, id, "reject", &[("reason", "")]).await.status, 422);
    assert_eq!(act(&app, &user, id, "reject", &[("reason", "Nobody called me back")]).await.status, 200);
    assert_eq!(db::repo::complaints::find(&app.db.conn, id as i32).await.unwrap().unwrap().status, "acknowledged");
    assert_eq!(act(&app, &manager, id, "answer", &answer).await.status, 200);
    // The site manager may accept for their organization.
    assert_eq!(act(&app, &lead, id, "accept", &[]).await.status, 200);
    let closed = db::repo::complaints::find(&app.db.conn, id as i32).await.unwrap().unwrap();
    assert_eq!(closed.status, "accepted");
    assert!(closed.closed_at.is_some());
    assert_eq!(act(&app, &manager, id, "answer", &answer).await.status, 409, "closed");
    let steps: Vec<String> = app.call(&user, "get_complaint", &[("id", &id.to_string())]).await.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["submitted", "acknowledge", "answer", "reject", "answer", "accept"]);
    // A stale version is refused, not applied.
    let stale = app.call(&manager, "act_on_complaint", &[("id", &id.to_string()), ("version", "0"), ("action", "acknowledge")]).await;
    assert_eq!(stale.status, 409);
});

both!(bad_complaints_are_refused_and_answers_left_alone_close, |app: TestApp| async move {
    let user = app.signed_in(CUSTOMER).await;
    let manager = app.signed_in(MANAGER).await;
    let globex = app.signed_in("user@globex.example").await;
    let theirs = submit(&app, &globex, "Globex printer", "3").await;
    let before = db::entity::complaint::Entity::find().all(&app.db.conn).await.unwrap().len();
    for (request, text, field, code) in [
        ("", "short", "text", "too_short"),
        ("", "   ", "text", "required"),
        (theirs.as_str(), "Another organization's request is not mine to complain about.", "request", "invalid_choice"),
        ("SR-2026-999999", "A request that does not exist at all, surely.", "request", "invalid_choice"),
    ] {
        let r = complain(&app, &user, request, text).await;
        assert_eq!(r.status, 422, "{request} {text}: {}", r.body);
        assert_eq!(field_codes(&r.body), [(field.to_string(), code.to_string())]);
    }
    let long = "长".repeat(4001);
    assert_eq!(complain(&app, &user, "", &long).await.status, 422);
    // Staff do not complain; the signed-out neither.
    assert_eq!(complain(&app, &manager, "", "Managers have other ways to say so.").await.status, 403);
    assert_eq!(complain(&app, &client(), "", "Who is this, even? Nobody knows.").await.status, 401);
    assert_eq!(db::entity::complaint::Entity::find().all(&app.db.conn).await.unwrap().len(), before, "nothing saved");

    // About the service in general; answered; no reply for 14 days: closed by the job.
    let id = complain(&app, &user, "", "The hotline never answers after 17:00.").await.body.as_i64().unwrap();
    let answer = [("findings", "Night shift unstaffed"), ("changes", "A night shift from next month"), ("answer", "You are right; we fixed it.")];
    assert_eq!(act(&app, &manager, id, "answer", &answer).await.status, 200);
    assert_eq!(app::ssr::complaints::close_unanswered(&app.db, Utc::now() + Duration::days(13)).await.unwrap(), 0);
    assert_eq!(app::ssr::complaints::close_unanswered(&app.db, Utc::now() + Duration::days(15)).await.unwrap(), 1);
    assert_eq!(db::repo::complaints::find(&app.db.conn, id as i32).await.unwrap().unwrap().status, "closed_no_reply");
    assert_eq!(act(&app, &user, id, "accept", &[]).await.status, 409, "closed");
    // A bad action is named; the system's own step is not a caller's.
    for action in ["auto_close", "delete", ""] {
        let r = app.call(&manager, "act_on_complaint", &[("id", &id.to_string()), ("version", "0"), ("action", action)]).await;
        assert_eq!(r.status, 422, "{action}");
    }
});
