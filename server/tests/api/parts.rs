//! Spare parts through the real router, on SQLite and PostgreSQL: managers define part models,
//! locations and minimums; staff receive and move stock; an engineer fits a part from stock
//! while working a request, and the stock, the request's history, its fault report and the
//! device's history all follow in one transaction. Two engineers taking the last part at
//! once: exactly one gets it, and stock never goes below zero. Customers never reach stock.
use serde_json::Value;

use crate::{both, helpers::*};

/// An organization's first site (read directly: `app.org_id` signs in, and sign-in is rate limited).
async fn site_of(app: &TestApp, org: &str) -> i32 {
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let id = orgs.iter().find(|o| o.name == org).unwrap().id;
    db::repo::sites::list_by_org(&app.db.conn, id).await.unwrap()[0].id
}

async fn acme_site(app: &TestApp) -> i32 {
    site_of(app, "Acme Manufacturing").await
}

/// A device of Acme at its first site (by its site manager).
async fn device(app: &TestApp, serial: &str) -> i64 {
    let lead = app.signed_in("lead@acme.example").await;
    let site = acme_site(app).await.to_string();
    let form = [
        ("id", "0"),
        ("version", "0"),
        ("site_id", site.as_str()),
        ("category", "storage"),
        ("vendor", "Huawei"),
        ("model", "OceanStor 5300"),
        ("serial", serial),
        ("asset_number", "A-100"),
        ("name", "Storage array"),
        ("location", "Rack B1"),
        ("ips", ""),
        ("purchase_date", "2024-01-01"),
        ("warranty_end", "2099-12-31"),
        ("service_level", "7x24"),
        ("firmware", "V500R007"),
        ("status", "in_service"),
        ("config_notes", ""),
    ];
    let r = app.call(&lead, "save_device", &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body.as_i64().unwrap()
}

/// Who sets requests up (signed in once: sign-in is rate limited).
struct Desk {
    user: reqwest::Client,
    dispatcher: reqwest::Client,
    engineers: Vec<(&'static str, reqwest::Client)>,
}

impl Desk {
    async fn new(app: &TestApp) -> Desk {
        let mut engineers = vec![];
        for e in ["engineer@provider.example", "engineer2@provider.example"] {
            engineers.push((e, app.signed_in(e).await));
        }
        Desk { user: app.signed_in("user@acme.example").await, dispatcher: app.signed_in("dispatcher@provider.example").await, engineers }
    }

    fn engineer(&self, email: &str) -> &reqwest::Client {
        &self.engineers.iter().find(|(e, _)| *e == email).unwrap().1
    }
}

/// A hardware fault of user@acme on `device` (if any), assigned to `engineer` and in progress.
async fn in_progress(app: &TestApp, desk: &Desk, device: Option<i64>, engineer: &str) -> String {
    let user = &desk.user;
    let site = acme_site(app).await.to_string();
    let device = device.map(|d| format!("#{d}")).unwrap_or_default();
    let args = [
        ("title", "Disk failed"),
        ("description", "The storage array reports a failed disk in enclosure 2."),
        ("kind", "fault"),
        ("fault_kind", "hardware"),
        ("severity", "2"),
        ("system", ""),
        ("site_id", site.as_str()),
        ("contact_phone", "+86 21 5555 0100"),
        ("device", device.as_str()),
    ];
    let r = app.call(user, "submit_request", &args).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let number = r.body.as_str().unwrap().to_string();
    let id = app.user_id(engineer).await.to_string();
    let r = app.call(&desk.dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(desk.engineer(engineer), "record_stage", &[("number", &number), ("stage", "dispatched")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    number
}

fn part_row<'a>(page: &'a Value, code: &str) -> &'a Value {
    page["parts"].as_array().unwrap().iter().find(|p| p["code"] == code).unwrap_or_else(|| panic!("{code} in {page}"))
}

async fn stock_id(app: &TestApp, code: &str, location: &str) -> String {
    let conn = &app.db.conn;
    let part = db::repo::parts::parts(conn).await.unwrap().into_iter().find(|p| p.code == code).unwrap();
    let loc = db::repo::parts::locations(conn).await.unwrap().into_iter().find(|l| l.name == location).unwrap();
    db::repo::parts::stock(conn).await.unwrap().into_iter().find(|s| s.part_id == part.id && s.location_id == loc.id).unwrap().id.to_string()
}

/// Sets up a part model `code` (minimum `min`) with `n` in "Main warehouse".
async fn stocked(app: &TestApp, manager: &reqwest::Client, code: &str, min: &str, n: &str) -> (String, String) {
    let r = app.call(manager, "add_part", &[("code", code), ("name", "Disk 1.2 TB SAS"), ("minimum", min)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let part = r.body.as_i64().unwrap().to_string();
    let location = match db::repo::parts::locations(&app.db.conn).await.unwrap().into_iter().find(|l| l.name == "Main warehouse") {
        Some(l) => l.id.to_string(),
        None => app.call(manager, "add_stock_location", &[("name", "Main warehouse")]).await.body.as_i64().unwrap().to_string(),
    };
    let r = app.call(manager, "receive_stock", &[("part_id", &part), ("location_id", &location), ("quantity", n)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    (part, location)
}

async fn unread_stock_notices(app: &TestApp) -> usize {
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let manager = app.user_id("manager@provider.example").await;
    db::entity::notification::Entity::find()
        .filter(db::entity::notification::Column::UserId.eq(manager))
        .filter(db::entity::notification::Column::Kind.eq("stock_low"))
        .all(&app.db.conn)
        .await
        .unwrap()
        .len()
}

both!(stock_is_received_moved_and_fitted_and_the_device_remembers, |app: TestApp| async move {
    let desk = Desk::new(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let engineer = desk.engineer("engineer@provider.example").clone();
    let customer = desk.user.clone();
    let (part, warehouse) = stocked(&app, &manager, "HDD-1.2T", "2", "3").await;

    // Only managers and admins define parts and locations; customers never see stock.
    let r = app.call(&engineer, "add_part", &[("code", "X"), ("name", "Y"), ("minimum", "0")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    for (f, args) in [("get_parts", vec![]), ("receive_stock", vec![("part_id", part.as_str()), ("location_id", warehouse.as_str()), ("quantity", "1")])] {
        let r = app.call(&customer, f, &args).await;
        assert_eq!(r.status, 404, "{f}: {}", r.body);
    }
    // A code already used, bad quantities: refused at their fields.
    let r = app.call(&manager, "add_part", &[("code", "HDD-1.2T"), ("name", "Again"), ("minimum", "0")]).await;
    assert_eq!(field_codes(&r.body), [("code".to_string(), "name_taken".to_string())]);
    let kit = app
        .call(&manager, "add_stock_location", &[("name", "Kit of Wang"), ("engineer_id", &app.user_id("engineer@provider.example").await.to_string())])
        .await;
    assert_eq!(kit.status, 200, "{}", kit.body);
    let kit = kit.body.as_i64().unwrap().to_string();

    // Moving: more than there is is refused and changes nothing.
    let r = app.call(&engineer, "move_stock", &[("part_id", &part), ("from_id", &warehouse), ("to_id", &kit), ("quantity", "4")]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.body["Invalid"][0]["code"], serde_json::json!({ "code": "not_enough_stock", "available": 3 }));
    let r = app.call(&engineer, "move_stock", &[("part_id", &part), ("from_id", &warehouse), ("to_id", &warehouse), ("quantity", "1")]).await;
    assert_eq!(field_codes(&r.body), [("to_id".to_string(), "unchanged".to_string())]);
    let r = app.call(&engineer, "move_stock", &[("part_id", &part), ("from_id", &warehouse), ("to_id", &kit), ("quantity", "2")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = app.call(&engineer, "get_parts", &[]).await.body;
    let row = part_row(&page, "HDD-1.2T");
    assert_eq!(row["total"], 3);
    assert_eq!(row["at"], serde_json::json!([["Kit of Wang", 2], ["Main warehouse", 1]]));
    assert_eq!(row["below_minimum"], false);

    // The engineer fits one from their kit on a request about the device.
    let dev = device(&app, "SN-ARRAY-1").await;
    let number = in_progress(&app, &desk, Some(dev), "engineer@provider.example").await;
    let from_kit = stock_id(&app, "HDD-1.2T", "Kit of Wang").await;
    let r =
        app.call(&engineer, "replace_part", &[("number", &number), ("stock_id", &from_kit), ("old_serial", "DISK-OLD-7"), ("new_serial", "DISK-NEW-9")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Total 2 = the minimum: nobody told yet.
    assert_eq!(unread_stock_notices(&app).await, 0);
    let r = app.call(&engineer, "replace_part", &[("number", &number), ("stock_id", &from_kit), ("old_serial", "DISK-OLD-8"), ("new_serial", "")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Below the minimum now: managers are told, once.
    assert_eq!(unread_stock_notices(&app).await, 1);
    let page = app.call(&manager, "get_parts", &[]).await.body;
    assert_eq!(part_row(&page, "HDD-1.2T")["below_minimum"], true);
    assert_eq!(page["moves"][0]["kind"], "use");
    assert_eq!(page["moves"][0]["request"], number.as_str());
    // The kit is empty: a third is refused at the field, and nothing changes.
    let r = app.call(&engineer, "replace_part", &[("number", &number), ("stock_id", &from_kit), ("old_serial", ""), ("new_serial", "")]).await;
    assert_eq!(r.body["Invalid"][0]["code"], serde_json::json!({ "code": "not_enough_stock", "available": 0 }), "{}", r.body);
    assert_eq!(unread_stock_notices(&app).await, 1);

    // The customer sees the parts on the request and on the device, never where they came from.
    let d = app.call(&customer, "get_request", &[("number", &number)]).await.body;
    let lines: Vec<&Value> = d["timeline"].as_array().unwrap().iter().filter(|l| l["kind"] == "part_replaced").collect();
    assert_eq!(lines.len(), 2, "{d}");
    assert!(!d.to_string().contains("Kit of Wang") && !d.to_string().contains("Main warehouse"), "no stock location reaches a customer");
    let dv = app.call(&customer, "get_device", &[("id", &dev.to_string())]).await.body;
    let parts: Vec<&Value> = dv["history"].as_array().unwrap().iter().filter_map(|e| e["what"].get("PartReplaced")).collect();
    assert_eq!(parts.len(), 2, "{dv}");
    assert_eq!(parts.iter().filter(|p| p["old_serial"] == "DISK-OLD-7" && p["new_serial"] == "DISK-NEW-9").count(), 1);
    assert!(parts.iter().all(|p| p["request"] == number.as_str()));
    assert!(!dv.to_string().contains("Kit of Wang"));

    // Resolving: the parts from stock are in the fault report without being typed again.
    let r = app
        .call(
            &engineer,
            "resolve_with_report",
            &[("number", &number), ("cause", "Disk failure"), ("action_taken", "Replaced two disks"), ("parts_replaced", "Cable")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&customer, "get_request", &[("number", &number)]).await.body;
    assert_eq!(
        d["work"]["fault_report"]["parts_replaced"],
        serde_json::json!(["HDD-1.2T Disk 1.2 TB SAS (DISK-OLD-7 → DISK-NEW-9)", "HDD-1.2T Disk 1.2 TB SAS (DISK-OLD-8 → —)", "Cable"])
    );

    // A raised minimum that puts the stock below tells managers too.
    let (other, _) = stocked(&app, &manager, "PSU-550", "0", "1").await;
    let r = app.call(&manager, "set_part_minimum", &[("part_id", &other), ("minimum", "3")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(unread_stock_notices(&app).await, 2);
    let r = app.call(&engineer, "set_part_minimum", &[("part_id", &other), ("minimum", "1")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
});

both!(two_engineers_taking_the_last_part_at_once_one_gets_it, |app: TestApp| async move {
    let desk = Desk::new(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let (e1, e2) = (desk.engineer("engineer@provider.example").clone(), desk.engineer("engineer2@provider.example").clone());
    for round in 0..4 {
        let code = format!("FAN-{round}");
        stocked(&app, &manager, &code, "0", "1").await;
        let stock = stock_id(&app, &code, "Main warehouse").await;
        let a = in_progress(&app, &desk, None, "engineer@provider.example").await;
        let b = in_progress(&app, &desk, None, "engineer2@provider.example").await;
        let fa = [("number", a.as_str()), ("stock_id", &stock), ("old_serial", "A-OLD"), ("new_serial", "A-NEW")];
        let fb = [("number", b.as_str()), ("stock_id", &stock), ("old_serial", "B-OLD"), ("new_serial", "B-NEW")];
        let (ra, rb) = tokio::join!(app.call(&e1, "replace_part", &fa), app.call(&e2, "replace_part", &fb));
        let mut statuses = [ra.status, rb.status];
        statuses.sort();
        assert_eq!(statuses, [200, 422], "round {round}: {} / {}", ra.body, rb.body);
        let loser = if ra.status == 422 { &ra } else { &rb };
        assert_eq!(loser.body["Invalid"][0]["code"], serde_json::json!({ "code": "not_enough_stock", "available": 0 }));
        let conn = &app.db.conn;
        let row = db::repo::parts::find_stock(conn, stock.parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(row.quantity, 0, "round {round}");
        let moves = db::repo::parts::recent_moves(conn, 100).await.unwrap();
        assert_eq!(moves.iter().filter(|m| m.part_id == row.part_id && m.kind == "use").count(), 1, "round {round}: one use recorded");
        // The loser's request has no line about a part.
        let winner_number = if ra.status == 200 { &a } else { &b };
        let loser_number = if ra.status == 200 { &b } else { &a };
        let staff = &desk.dispatcher;
        for (n, want) in [(winner_number, 1), (loser_number, 0)] {
            let d = app.call(staff, "get_request", &[("number", n)]).await.body;
            let got = d["timeline"].as_array().unwrap().iter().filter(|l| l["kind"] == "part_replaced").count();
            assert_eq!(got, want, "round {round} {n}");
        }
    }
});

both!(a_swapped_device_becomes_faulty_and_its_replacement_keeps_the_warranty, |app: TestApp| async move {
    let desk = Desk::new(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let engineer = desk.engineer("engineer@provider.example").clone();
    let customer = desk.user.clone();
    stocked(&app, &manager, "ARRAY-5300", "0", "1").await;
    let stock = stock_id(&app, "ARRAY-5300", "Main warehouse").await;
    let old = device(&app, "SN-OLD-ARRAY").await;
    // A whole device needs the request to name one, and the new serial.
    let plain = in_progress(&app, &desk, None, "engineer@provider.example").await;
    let r = app
        .call(&engineer, "replace_part", &[("number", &plain), ("stock_id", &stock), ("old_serial", "X"), ("new_serial", "Y"), ("whole_device", "on")])
        .await;
    assert_eq!(field_codes(&r.body), [("whole_device".to_string(), "invalid_choice".to_string())]);
    let number = in_progress(&app, &desk, Some(old), "engineer@provider.example").await;
    let r = app
        .call(
            &engineer,
            "replace_part",
            &[("number", &number), ("stock_id", &stock), ("old_serial", "SN-OLD-ARRAY"), ("new_serial", ""), ("whole_device", "on")],
        )
        .await;
    assert_eq!(field_codes(&r.body), [("new_serial".to_string(), "required".to_string())]);
    let r = app
        .call(
            &engineer,
            "replace_part",
            &[("number", &number), ("stock_id", &stock), ("old_serial", "SN-OLD-ARRAY"), ("new_serial", "SN-NEW-ARRAY"), ("whole_device", "on")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    let was = app.call(&customer, "get_device", &[("id", &old.to_string())]).await.body;
    assert_eq!(was["device"]["status"], "faulty", "{was}");
    let out = was["history"].as_array().unwrap().iter().find_map(|e| e["what"].get("SwappedOut")).expect("swapped out").clone();
    assert_eq!(out["new_serial"], "SN-NEW-ARRAY");
    let new_id = out["other"].as_i64().unwrap();
    let now = app.call(&customer, "get_device", &[("id", &new_id.to_string())]).await.body;
    assert_eq!(now["device"]["serial"], "SN-NEW-ARRAY");
    assert_eq!(now["device"]["status"], "in_service");
    assert_eq!(now["device"]["warranty_end"], was["device"]["warranty_end"]);
    assert_eq!(now["site_id"], was["site_id"]);
    let into = now["history"].as_array().unwrap().iter().find_map(|e| e["what"].get("SwappedIn")).expect("swapped in").clone();
    assert_eq!(into["other"].as_i64(), Some(old));
    assert_eq!(into["request"], number.as_str());
});

both!(the_desk_attaches_changes_and_removes_a_device_at_triage, |app: TestApp| async move {
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let dev = device(&app, "SN-TRIAGE").await;
    let user = app.signed_in("user@acme.example").await;
    let site = acme_site(&app).await.to_string();
    let args = [
        ("title", "Slow storage"),
        ("description", "Every query waits on the storage array since the update."),
        ("kind", "fault"),
        ("fault_kind", "software"),
        ("severity", "3"),
        ("system", ""),
        ("site_id", site.as_str()),
        ("contact_phone", "+86 21 5555 0100"),
    ];
    let number = app.call(&user, "submit_request", &args).await.body.as_str().unwrap().to_string();
    let d = app.call(&dispatcher, "get_request", &[("number", &number)]).await.body;
    assert_eq!(d["work"]["device_value"], "");
    let choice =
        d["work"]["device_choices"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).find(|c| c.starts_with(&format!("#{dev} "))).unwrap();
    let triage = |device: String| {
        let (app, dispatcher, number) = (&app, &dispatcher, &number);
        async move {
            let form = [
                ("number", number.as_str()),
                ("kind", "fault"),
                ("fault_kind", "software"),
                ("severity", "3"),
                ("reason", ""),
                ("device", &device),
                ("device_field", "1"),
            ];
            app.call(dispatcher, "triage_request", &form).await
        }
    };
    // A device of another organization, or made-up text: refused at the field, nothing changes.
    let gsite = site_of(&app, "Globex Logistics").await;
    let globex = db::repo::sites::find(&app.db.conn, gsite).await.unwrap().unwrap().organization_id;
    let input = domain::equipment::DeviceForm { category: "server".into(), status: "in_service".into(), name: "Globex server".into(), ..Default::default() }
        .check()
        .unwrap();
    let foreign = db::repo::devices::insert(&app.db.conn, globex, gsite, &input, app.user_id("lead@globex.example").await).await.unwrap().id;
    for bad in [format!("#{foreign} Globex server"), "Storage array".to_string()] {
        let r = triage(bad.clone()).await;
        assert_eq!(field_codes(&r.body), [("device".to_string(), "invalid_choice".to_string())], "{bad}");
    }
    assert_eq!(db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap().device_id, None);

    let r = triage(choice.clone()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&customer, "get_request", &[("number", &number)]).await.body;
    assert_eq!(d["device"]["id"].as_i64(), Some(dev), "{d}");
    assert_eq!(d["timeline"].as_array().unwrap().iter().filter(|l| l["kind"] == "device_changed").count(), 1);
    // The same value again is no change; empty takes it off.
    triage(choice.clone()).await;
    let r = triage(String::new()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&customer, "get_request", &[("number", &number)]).await.body;
    assert!(d["device"].is_null(), "{d}");
    assert_eq!(d["timeline"].as_array().unwrap().iter().filter(|l| l["kind"] == "device_changed").count(), 2);
});
