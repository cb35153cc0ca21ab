//! Upgrade plans through the real router, on SQLite and PostgreSQL: an engineer proposes a
//! plan; only the organization's site manager decides it, and only the revision they read;
//! an edit after approval needs approving again; carrying it out records each device's result,
//! a success updating the device's version and the last result closing the plan; everything
//! is in the plan's and the device's history. Another organization never sees the plan.
use serde_json::Value;

use crate::{both, helpers::*};

async fn acme_devices(app: &TestApp, lead: &reqwest::Client) -> (i64, i64) {
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let site = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap()[0].id.to_string();
    let mut ids = vec![];
    for (name, serial) in [("Core switch A", "SW-A"), ("Core switch B", "SW-B")] {
        let form = [
            ("id", "0"),
            ("version", "0"),
            ("site_id", site.as_str()),
            ("category", "network"),
            ("vendor", "Huawei"),
            ("model", "S5735"),
            ("serial", serial),
            ("asset_number", ""),
            ("name", name),
            ("location", ""),
            ("ips", ""),
            ("purchase_date", ""),
            ("warranty_end", ""),
            ("service_level", ""),
            ("firmware", "V200R019"),
            ("status", "in_service"),
            ("config_notes", ""),
        ];
        let r = app.call(lead, "save_device", &form).await;
        assert_eq!(r.status, 200, "{}", r.body);
        ids.push(r.body.as_i64().unwrap());
    }
    (ids[0], ids[1])
}

fn plan_form<'a>(id: &'a str, version: &'a str, devices: &'a [String], target: &'a str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("id", id),
        ("version", version),
        ("title", "Core switch firmware"),
        ("target_version", target),
        ("steps", "1. Save the configuration\n2. Load the image\n3. Reboot one switch at a time"),
        ("rollback", "Boot the previous image from flash"),
        ("impact", "Each switch is down for about five minutes; the other carries the traffic."),
        ("window_start", "2026-12-12T22:00"),
        ("window_end", "2026-12-13T00:00"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (i, d) in devices.iter().enumerate() {
        f.push((format!("device_ids[{i}]"), d.clone()));
    }
    f
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn events(plan: &Value) -> Vec<String> {
    plan["history"].as_array().unwrap().iter().map(|h| h["event"]["kind"].as_str().unwrap().to_string()).collect()
}

async fn unread(app: &TestApp, email: &str, kind: &str) -> usize {
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = app.user_id(email).await;
    db::entity::notification::Entity::find()
        .filter(db::entity::notification::Column::UserId.eq(user))
        .filter(db::entity::notification::Column::Kind.eq(kind))
        .all(&app.db.conn)
        .await
        .unwrap()
        .len()
}

both!(a_plan_is_approved_as_shown_and_carried_out_device_by_device, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let other_lead = app.signed_in("lead@globex.example").await;
    let (a, b) = acme_devices(&app, &lead).await;
    let both_devices = [a.to_string(), b.to_string()];

    // The form starts from a device: its organization's devices, that one chosen.
    let f = app.call(&engineer, "get_upgrade_form", &[("id", "0"), ("device", &a.to_string())]).await.body;
    let chosen: Vec<i64> = f["devices"].as_array().unwrap().iter().filter(|d| d[2] == true).map(|d| d[0].as_i64().unwrap()).collect();
    assert_eq!(chosen, [a], "{f}");
    assert_eq!(f["tz"], "Asia/Shanghai");

    // Bad input: every problem at its field, nothing saved.
    let mut bad = plan_form("0", "0", &[], "");
    bad.iter_mut().find(|(k, _)| k == "window_end").unwrap().1 = "2026-12-12T21:00".into();
    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&bad)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(
        codes,
        [
            ("device_ids".to_string(), "required".to_string()),
            ("target_version".to_string(), "required".to_string()),
            ("window_end".to_string(), "ends_before_start".to_string())
        ]
    );
    // Customers cannot propose; site managers neither.
    assert_eq!(app.call(&lead, "save_upgrade_plan", &pairs(&plan_form("0", "0", &both_devices, "V200R022"))).await.status, 404);

    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&plan_form("0", "0", &both_devices, "V200R022"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/upgrades/{}", r.body));
    let id = r.body.as_i64().unwrap().to_string();
    assert_eq!(unread(&app, "lead@acme.example", "upgrade_proposed").await, 1, "the site manager is asked");

    let plan = app.call(&customer, "get_upgrade_plan", &[("id", &id)]).await.body;
    assert_eq!(plan["status"], "proposed");
    assert_eq!(plan["window_start"], "2026-12-12 22:00");
    assert_eq!(plan["devices"][0]["from_version"], "V200R019");
    assert_eq!(plan["actions"], serde_json::json!([]), "a customer only reads");
    // Another organization: not found, by every function.
    for (f, args) in
        [("get_upgrade_plan", vec![("id", id.as_str())]), ("decide_upgrade_plan", vec![("id", id.as_str()), ("revision", "1"), ("decision", "approve")])]
    {
        assert_eq!(app.call(&other_lead, f, &args).await.status, 404, "{f}");
    }
    let list = app.call(&other_lead, "list_upgrade_plans", &[]).await.body;
    assert!(list["rows"].as_array().unwrap().iter().all(|p| p["id"] != id.parse::<i64>().unwrap()), "{list}");
    // Nothing is carried out before approval.
    let r = app.call(&engineer, "record_upgrade_result", &[("id", &id), ("device_id", &a.to_string()), ("result", "succeeded")]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    // The engineer cannot approve their own plan; a customer neither.
    assert_eq!(app.call(&engineer, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "approve")]).await.status, 403);
    assert_eq!(app.call(&customer, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "approve")]).await.status, 403);
    // Refusing needs a reason.
    let r = app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "refuse"), ("note", " ")]).await;
    assert_eq!(field_codes(&r.body), [("note".to_string(), "required".to_string())]);

    let r = app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "approve")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(unread(&app, "engineer@provider.example", "upgrade_decided").await, 1);

    // An edit after approval: a new revision, waiting again; the old approval is stale.
    let plan = app.call(&engineer, "get_upgrade_plan", &[("id", &id)]).await.body;
    let f = app.call(&engineer, "get_upgrade_form", &[("id", &id), ("device", "0")]).await.body;
    assert_eq!(f["form"]["window_start"], "2026-12-12T22:00");
    let version = f["version"].to_string();
    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&plan_form(&id, &version, &both_devices, "V200R022SPH3"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The same form again is stale.
    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&plan_form(&id, &version, &both_devices, "V200R022SPH5"))).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(plan["revision"], 1);
    let plan = app.call(&lead, "get_upgrade_plan", &[("id", &id)]).await.body;
    assert_eq!((plan["status"].as_str(), plan["revision"].as_i64(), plan["approved_revision"].as_i64()), (Some("proposed"), Some(2), Some(1)));
    assert_eq!(plan["actions"], serde_json::json!(["approve", "refuse"]));
    let r = app.call(&engineer, "record_upgrade_result", &[("id", &id), ("device_id", &a.to_string()), ("result", "succeeded")]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    // Approving the revision read before the edit is refused: approval is for what was shown.
    let r = app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "approve")]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    let r = app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "2"), ("decision", "approve")]).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Carried out: a success updates the device; a rollback needs a note and keeps the version.
    let r = app.call(&engineer, "record_upgrade_result", &[("id", &id), ("device_id", &a.to_string()), ("result", "succeeded")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(&engineer, "record_upgrade_result", &[("id", &id), ("device_id", &a.to_string()), ("result", "succeeded")]).await;
    assert_eq!(r.status, 409, "a result is recorded once: {}", r.body);
    let r = app.call(&engineer, "record_upgrade_result", &[("id", &id), ("device_id", &b.to_string()), ("result", "rolled_back")]).await;
    assert_eq!(field_codes(&r.body), [("note".to_string(), "required".to_string())]);
    let r = app
        .call(
            &engineer,
            "record_upgrade_result",
            &[("id", &id), ("device_id", &b.to_string()), ("result", "rolled_back"), ("note", "Boot loop; old image restored")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(unread(&app, "lead@acme.example", "upgrade_done").await, 1);

    let plan = app.call(&customer, "get_upgrade_plan", &[("id", &id)]).await.body;
    assert_eq!(plan["status"], "done");
    assert_eq!(events(&plan), ["proposed", "approved", "edited", "approved", "result", "result", "done"]);
    assert!(plan["history"].as_array().unwrap().iter().all(|h| !h["who"].as_str().unwrap().is_empty() && !h["at"].as_str().unwrap().is_empty()));
    let da = app.call(&customer, "get_device", &[("id", &a.to_string())]).await.body;
    let db_ = app.call(&customer, "get_device", &[("id", &b.to_string())]).await.body;
    assert_eq!(da["device"]["firmware"], "V200R022SPH3");
    assert_eq!(db_["device"]["firmware"], "V200R019");
    let up = |d: &Value| d["history"].as_array().unwrap().iter().find_map(|e| e["what"].get("Upgrade")).cloned().unwrap();
    assert_eq!(up(&da)["result"], "succeeded");
    assert_eq!(up(&db_)["result"], "rolled_back");
    assert_eq!(up(&db_)["note"], "Boot loop; old image restored");
    // Done is final.
    assert_eq!(app.call(&engineer, "withdraw_upgrade_plan", &[("id", &id)]).await.status, 409);
});

both!(a_plan_can_be_refused_and_withdrawn, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let (a, _) = acme_devices(&app, &lead).await;
    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&plan_form("0", "0", &[a.to_string()], "V200R022"))).await;
    let id = r.body.as_i64().unwrap().to_string();
    let r = app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "refuse"), ("note", "Not during the month-end close")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let plan = app.call(&engineer, "get_upgrade_plan", &[("id", &id)]).await.body;
    assert_eq!(plan["status"], "refused");
    assert_eq!(plan["decision_note"], "Not during the month-end close");
    // Decided: a second decision is refused.
    assert_eq!(app.call(&lead, "decide_upgrade_plan", &[("id", &id), ("revision", "1"), ("decision", "approve")]).await.status, 409);
    let r = app.call(&engineer, "withdraw_upgrade_plan", &[("id", &id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let plan = app.call(&lead, "get_upgrade_plan", &[("id", &id)]).await.body;
    assert_eq!(events(&plan), ["proposed", "refused", "withdrawn"]);
    // A device of another organization cannot join the plan.
    let gsite = {
        let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
        let g = orgs.iter().find(|o| o.name == "Globex Logistics").unwrap().id;
        (g, db::repo::sites::list_by_org(&app.db.conn, g).await.unwrap()[0].id)
    };
    let input = domain::equipment::DeviceForm { category: "server".into(), status: "in_service".into(), name: "Globex server".into(), ..Default::default() }
        .check()
        .unwrap();
    let foreign = db::repo::devices::insert(&app.db.conn, gsite.0, gsite.1, &input, app.user_id("lead@globex.example").await).await.unwrap().id;
    let r = app.call(&engineer, "save_upgrade_plan", &pairs(&plan_form("0", "0", &[a.to_string(), foreign.to_string()], "V2"))).await;
    assert_eq!(field_codes(&r.body), [("device_ids".to_string(), "invalid_choice".to_string())]);
});
