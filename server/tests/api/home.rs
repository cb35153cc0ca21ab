//! The home pages through the real router, on SQLite and PostgreSQL: each role gets its own
//! kind of home (`model::Home`) with what needs it now, and nobody sees another
//! organization's requests on it.
use db::sea_orm::EntityTrait;
use serde_json::Value;

use crate::{both, helpers::*, requests::submit};

async fn home(app: &TestApp, c: &reqwest::Client) -> Value {
    let r = app.call(c, "home", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

fn numbers(rows: &Value) -> Vec<String> {
    rows.as_array().unwrap().iter().map(|r| r["number"].as_str().unwrap().to_string()).collect()
}

both!(each_role_sees_what_needs_it_now, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let globex = app.signed_in("user@globex.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let manager = app.signed_in("manager@provider.example").await;
    let number = submit(&app, &user, "Printer jams on every page", "2").await;

    // The customer: their open request, with its running clock; another organization's
    // customer never sees it; the site manager sees it as the organization's, with the month.
    let h = home(&app, &user).await;
    let c = &h["Customer"];
    assert_eq!(c["organization_wide"], false);
    assert!(numbers(&c["open"]).contains(&number), "{h}");
    assert!(c["open"][0]["next_deadline"].is_string(), "a running clock: {h}");
    assert!(c["month"].is_null());
    assert!(!numbers(&home(&app, &globex).await["Customer"]["open"]).contains(&number));
    let h = home(&app, &lead).await;
    let c = &h["Customer"];
    assert_eq!(c["organization_wide"], true);
    assert!(numbers(&c["open"]).contains(&number), "{h}");
    assert!(c["month"]["open_by_severity"][1].as_u64().unwrap() >= 1, "{h}");

    // The dispatcher: unassigned, and on the load list every engineer.
    let h = home(&app, &dispatcher).await;
    assert!(numbers(&h["Dispatcher"]["unassigned"]).contains(&number), "{h}");
    assert!(!h["Dispatcher"]["engineers"].as_array().unwrap().is_empty());

    // Dispatched: off the dispatcher's unassigned list, on the engineer's work.
    let engineer_id = app.user_id("engineer@provider.example").await.to_string();
    assert_eq!(app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &engineer_id)]).await.status, 200);
    assert!(!numbers(&home(&app, &dispatcher).await["Dispatcher"]["unassigned"]).contains(&number));
    assert!(numbers(&home(&app, &engineer).await["Engineer"]["work"]).contains(&number));

    // The engineer asks a question: it waits for the customer, first on their home.
    let r = app.call(&engineer, "act_on_request", &[("number", &number), ("action", "start_work")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(&engineer, "act_on_request", &[("number", &number), ("action", "ask_customer"), ("note", "Which tray?")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let h = home(&app, &user).await;
    assert_eq!(h["Customer"]["waiting"][0]["Reply"]["number"], number.as_str(), "{h}");
    assert_eq!(h["Customer"]["open"][0]["paused"], true);

    // The manager: the week's missed clocks per tier, complaints and the month trend.
    let h = home(&app, &manager).await;
    let m = &h["Manager"];
    assert!(m["missed_by_tier"].is_array() && m["complaints_open"].is_u64(), "{h}");
    assert_eq!(m["satisfaction"].as_array().unwrap().len(), 3);

    // Reading the home page writes nothing (no report is frozen by it).
    let frozen = db::entity::report_snapshot::Entity::find().all(&app.db.conn).await.unwrap().len();
    assert_eq!(frozen, 0);
});
