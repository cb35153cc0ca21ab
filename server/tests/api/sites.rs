//! A site's profile through the real router, on SQLite and PostgreSQL: its site manager
//! edits it, every problem comes back at its field and nothing is saved, each environment
//! value says who verified it and when (a changed value, or an unchanged one ticked as
//! checked), a stale form is refused, customers read it, another organization never sees it.
use serde_json::Value;

use crate::{both, helpers::*};

fn form(site: i32, version: i64) -> Vec<(String, String)> {
    [
        ("site_id", site.to_string()),
        ("version", version.to_string()),
        ("address", "Building 3, 88 Keyuan Road, Shanghai".into()),
        ("access_notes", "Badge at the north gate; machine room on B1, key at the guard.".into()),
        ("opening_hours", "Mon-Fri 08:30-17:30".into()),
        ("contacts", "Wang Wei; IT lead; +86 21 5555 0101; wang@acme.example\n李娜；值班".into()),
        ("ups_model", "APC Smart-UPS SRT 10000".into()),
        ("ups_capacity_kva", "10".into()),
        ("ups_battery_date", "2024-06-01".into()),
        ("grounding", "in_place".into()),
        ("lightning_protection", "needs_work".into()),
        ("air_conditioning", "2 × 12 kW precision units".into()),
        ("temp_min_c", "18".into()),
        ("temp_max_c", "27".into()),
        ("humidity_min_pct", "40".into()),
        ("humidity_max_pct", "60".into()),
        ("dust", "low".into()),
        ("fire_suppression", "gas".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn set(f: &mut [(String, String)], key: &str, value: &str) {
    f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.to_string();
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn env<'a>(p: &'a Value, field: &str) -> &'a Value {
    p["environment"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap()
}

both!(a_site_manager_keeps_the_site_profile_and_each_value_says_who_checked_it, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let other = app.signed_in("lead@globex.example").await;
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let site = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap()[0].id;
    let s = site.to_string();

    let p = app.call(&customer, "get_site_profile", &[("site_id", &s)]).await.body;
    assert_eq!((p["version"].as_i64(), p["can_edit"].as_bool()), (Some(0), Some(false)), "{p}");
    assert_eq!(app.call(&other, "get_site_profile", &[("site_id", &s)]).await.status, 404);
    assert_eq!(app.call(&customer, "save_site_profile", &pairs(&form(site, 0))).await.status, 403);
    assert_eq!(app.call(&other, "save_site_profile", &pairs(&form(site, 0))).await.status, 404);

    // Every problem at its field; nothing saved.
    let mut bad = form(site, 0);
    set(&mut bad, "temp_max_c", "16");
    set(&mut bad, "ups_capacity_kva", "lots");
    set(&mut bad, "fire_suppression", "foam");
    set(&mut bad, "contacts", "Wang Wei; IT lead; not a phone");
    let r = app.call(&lead, "save_site_profile", &pairs(&bad)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(
        codes,
        [("contacts", "invalid_phone"), ("fire_suppression", "invalid_choice"), ("temp_max_c", "ends_before_start"), ("ups_capacity_kva", "out_of_range")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert!(db::repo::sites::profile(&app.db.conn, site).await.unwrap().is_none());

    let r = app.call(&lead, "save_site_profile", &pairs(&form(site, 0))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/sites/{site}"));
    let p = app.call(&customer, "get_site_profile", &[("site_id", &s)]).await.body;
    assert_eq!(p["version"], 1);
    assert_eq!(p["form"]["address"], "Building 3, 88 Keyuan Road, Shanghai");
    assert_eq!(p["contacts"][1]["name"], "李娜");
    assert_eq!(env(&p, "dust")["value"], "low");
    assert_eq!(env(&p, "dust")["verified_by"], "Chen Jing", "{p}");
    let first_check = env(&p, "dust")["verified_at"].clone();
    assert!(first_check.as_str().unwrap().len() == 16);

    // An engineer changes one value and ticks another as checked: only those two are his.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut f = form(site, 1);
    set(&mut f, "lightning_protection", "in_place");
    f.push(("verified[0]".into(), "fire_suppression".into()));
    let r = app.call(&engineer, "save_site_profile", &pairs(&f)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let p = app.call(&lead, "get_site_profile", &[("site_id", &s)]).await.body;
    assert_eq!(env(&p, "lightning_protection")["verified_by"], "Li Qiang");
    assert_eq!(env(&p, "fire_suppression")["verified_by"], "Li Qiang");
    assert_eq!(env(&p, "dust")["verified_by"], "Chen Jing");
    assert_eq!(env(&p, "dust")["verified_at"], first_check);
    // The same form again is stale; an unknown field ticked is refused.
    assert_eq!(app.call(&lead, "save_site_profile", &pairs(&form(site, 1))).await.status, 409);
    let mut f = form(site, 2);
    f.push(("verified[0]".into(), "coffee".into()));
    assert_eq!(field_codes(&app.call(&lead, "save_site_profile", &pairs(&f)).await.body), [("verified".to_string(), "invalid_choice".to_string())]);
    // The page renders it, with the words of each choice.
    let page = app.get(&customer, &format!("/sites/{site}")).await.text().await.unwrap();
    assert!(page.contains("Wang Wei") && !page.contains("Needs work") && page.contains("In place"), "the page shows the profile");
});

both!(a_site_lists_its_applications_and_the_devices_they_run_on, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let other = app.signed_in("lead@globex.example").await;
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let sites = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap();
    let (site, elsewhere) = (sites[0].id, sites[1].id);
    let by = app.user_id("lead@acme.example").await;
    let device = |name: &str, site: i32| {
        let input =
            domain::equipment::DeviceForm { category: "server".into(), status: "in_service".into(), name: name.into(), ..Default::default() }.check().unwrap();
        let conn = app.db.conn.clone();
        async move { db::repo::devices::insert(&conn, acme, site, &input, by).await.unwrap().id.to_string() }
    };
    let (db1, far) = (device("DB server", site).await, device("Scanner", elsewhere).await);
    let s = site.to_string();
    let form = |id: &str, name: &str, version: &str, go_live: &str, dev: &str| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> =
            [("id", id), ("site_id", s.as_str()), ("name", name), ("version", version), ("platform", "SUSE 15"), ("go_live", go_live)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        if !dev.is_empty() {
            f.push(("device_ids[0]".into(), dev.into()));
        }
        f
    };
    // Every problem at its field; a device of another site is refused; nothing saved.
    let r = app.call(&lead, "save_software", &pairs(&form("0", "", "1", "2021-02-30", ""))).await;
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(codes, [("go_live".to_string(), "invalid_date".to_string()), ("name".to_string(), "required".to_string())]);
    let r = app.call(&lead, "save_software", &pairs(&form("0", "ERP", "6.0", "", &far))).await;
    assert_eq!(field_codes(&r.body), [("device_ids".to_string(), "invalid_choice".to_string())]);
    assert_eq!(app.call(&customer, "save_software", &pairs(&form("0", "ERP", "6.0", "", ""))).await.status, 403);
    assert_eq!(app.call(&other, "save_software", &pairs(&form("0", "ERP", "6.0", "", ""))).await.status, 404);
    assert!(db::repo::software::of_site(&app.db.conn, site).await.unwrap().is_empty());

    let r = app.call(&lead, "save_software", &pairs(&form("0", "ERP", "6.0 EHP8", "2021-07-01", &db1))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/sites/{site}#software"));
    let id = r.body.as_i64().unwrap().to_string();
    let p = app.call(&customer, "get_site_profile", &[("site_id", &s)]).await.body;
    assert_eq!(p["software"][0]["form"]["go_live"], "2021-07-01");
    assert_eq!(p["software"][0]["devices"][0][1], "DB server");
    let d = app.call(&customer, "get_device", &[("id", &db1)]).await.body;
    assert_eq!(d["software"], serde_json::json!(["ERP 6.0 EHP8"]));

    // Changed in place, then removed.
    let r = app.call(&lead, "save_software", &pairs(&form(&id, "ERP", "6.0 EHP9", "2021-07-01", &db1))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(db::repo::software::of_site(&app.db.conn, site).await.unwrap()[0].version, "6.0 EHP9");
    assert_eq!(app.call(&other, "delete_software", &[("id", &id)]).await.status, 404);
    assert_eq!(app.call(&customer, "delete_software", &[("id", &id)]).await.status, 403);
    assert_eq!(app.call(&lead, "delete_software", &[("id", &id)]).await.status, 200);
    assert!(db::repo::software::of_site(&app.db.conn, site).await.unwrap().is_empty());
});
