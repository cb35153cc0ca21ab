//! One path for every change to a request (`app::ssr::lifecycle::Change`): a dispatch is one
//! transaction with one live event, and a refused step saves nothing. (That every commit wakes
//! the live pump is tested in `db::connect`.)
use crate::{both, helpers::*, requests::submit};

async fn live_rows(app: &TestApp, request_id: i32) -> usize {
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    db::entity::live_event::Entity::find().filter(db::entity::live_event::Column::RequestId.eq(request_id)).all(&app.db.conn).await.unwrap().len()
}

both!(a_dispatch_is_one_change_with_one_live_event, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Printer jam", "3").await;
    let r = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    let before = live_rows(&app, r.id).await;
    let eng = app.user_id("engineer@provider.example").await.to_string();

    // A wrong engineer: refused before anything is saved (the triage is not left behind).
    let bad = app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", "999999")]).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let still = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!((still.status.as_str(), still.version), ("new", r.version), "a refused dispatch changes nothing");
    assert_eq!(live_rows(&app, r.id).await, before);

    let ok = app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &eng)]).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let after = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!(after.status, "assigned");
    assert_eq!(after.version, r.version + 1, "triage and assignment saved together, once");
    assert_eq!(live_rows(&app, r.id).await, before + 1, "one live event for the whole dispatch");

    // The timeline still says both steps, in order.
    let d = crate::requests::detail(&app, &user, &number).await.body;
    let steps: Vec<String> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "status")
        .map(|t| format!("{}>{}", t["body"]["from"].as_str().unwrap(), t["body"]["to"].as_str().unwrap()))
        .collect();
    assert_eq!(steps, ["new>triaged", "triaged>assigned"]);
    // The requester is told once, of where it ended.
    let notes = app.call(&user, "list_notifications", &[]).await.body;
    let statuses: Vec<&serde_json::Value> = notes.as_array().unwrap().iter().filter(|n| n["kind"] == "status").collect();
    assert_eq!(statuses.len(), 1, "{notes}");
    assert_eq!(statuses[0]["body"]["to"], "assigned");
});
