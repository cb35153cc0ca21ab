//! Contracts admin: who may read and write, the form's checks, create and edit, one contract
//! a day per organization, the audit lines, and that an edit moves only the clocks of
//! requests opened after it.
use std::collections::HashMap;

use crate::{both, helpers::*};

/// A valid tier-B form; `changes` replace or add fields.
fn form(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = [
        ("tier", "b"),
        ("tz", "Asia/Shanghai"),
        ("day_start", "09:00"),
        ("day_end", "17:00"),
        ("valid_from", "2027-01-01"),
        ("valid_until", ""),
        ("first_response", "10"),
        ("on_site_kind", "within"),
        ("on_site", "240"),
        ("resolution_1", "240"),
        ("resolution_2", "1440"),
        ("resolution_3", "2880"),
        ("holidays", ""),
        ("working_days", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    for (k, v) in changes {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v.to_string(),
            None => f.push((k, v.to_string())),
        }
    }
    f
}

async fn call_form(app: &TestApp, c: &reqwest::Client, name: &str, f: &[(&'static str, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(c, name, &pairs).await
}

async fn create(app: &TestApp, c: &reqwest::Client, org_id: i32, changes: &[(&'static str, &str)]) -> Reply {
    let org = org_id.to_string();
    let mut f = form(changes);
    f.push(("org_id", org));
    call_form(app, c, "create_contract", &f).await
}

async fn update(app: &TestApp, c: &reqwest::Client, id: i32, changes: &[(&'static str, &str)]) -> Reply {
    let mut f = form(changes);
    f.push(("id", id.to_string()));
    call_form(app, c, "update_contract", &f).await
}

/// The form of a stored contract, as (field, value) to send back with changes.
async fn stored_form(app: &TestApp, c: &reqwest::Client, id: i32) -> HashMap<String, String> {
    let r = app.call(c, "get_contract", &[("id", &id.to_string())]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let f = &r.body["form"];
    let mut m: HashMap<String, String> = f.as_object().unwrap().iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string()))).collect();
    for (i, v) in f["resolution"].as_array().unwrap().iter().enumerate() {
        m.insert(format!("resolution_{}", i + 1), v.as_str().unwrap().to_string());
    }
    m
}

/// The contract of an organization in force today.
async fn current_contract(app: &TestApp, org_id: i32) -> db::entity::contract::Model {
    db::repo::contracts::in_force(&app.db.conn, org_id, chrono::Utc::now().date_naive()).await.unwrap().unwrap()
}

async fn new_customer(app: &TestApp, name: &str) -> i32 {
    let admin = app.signed_in("admin@provider.example").await;
    let r = app.call(&admin, "create_organization", &[("name", name), ("kind", "customer")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["id"].as_i64().unwrap() as i32
}

async fn contract_count(app: &TestApp) -> usize {
    db::repo::contracts::list(&app.db.conn).await.unwrap().len()
}

fn today() -> String {
    chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

both!(every_contract_function_against_every_role, |app: TestApp| async move {
    let acme = app.org_id("Acme Manufacturing").await;
    let acme_contract = current_contract(&app, acme).await.id;
    let spare = new_customer(&app, "Spare Parts Ltd").await;
    let actors = [
        ("admin@provider.example", true, true),
        ("manager@provider.example", true, false),
        ("dispatcher@provider.example", false, false),
        ("engineer@provider.example", false, false),
        ("lead@acme.example", false, false),
        ("user@acme.example", false, false),
        ("lead@globex.example", false, false),
        ("user@globex.example", false, false),
    ];
    for (email, reads, writes) in actors {
        let c = app.signed_in(email).await;
        let before = contract_count(&app).await;
        let read = |ok: bool| if ok { 200 } else { 403 };
        let r = app.call(&c, "list_contracts", &[]).await;
        assert_eq!(r.status, read(reads), "{email} list_contracts: {}", r.body);
        let r = app.call(&c, "get_contract", &[("id", &acme_contract.to_string())]).await;
        assert_eq!(r.status, read(reads), "{email} get_contract: {}", r.body);
        if reads {
            assert_eq!(r.body["can_edit"], writes, "{email}");
        }
        let r = create(&app, &c, spare, &[("valid_from", &today())]).await;
        assert_eq!(r.status, read(writes), "{email} create_contract: {}", r.body);
        let r = update(&app, &c, acme_contract, &[("tier", "a"), ("valid_from", "2026-01-01")]).await;
        assert_eq!(r.status, read(writes), "{email} update_contract: {}", r.body);
        let after = contract_count(&app).await;
        assert_eq!(after, before + usize::from(writes), "{email}: only the admin's create wrote");
        if !writes {
            assert_eq!(r.body, serde_json::json!("Forbidden"), "{email}");
        }
    }
    // Not signed in: nothing at all.
    let anon = client();
    assert_eq!(app.call(&anon, "list_contracts", &[]).await.status, 401);
    assert_eq!(app.call(&anon, "get_contract", &[("id", &acme_contract.to_string())]).await.status, 401);
    assert_eq!(create(&app, &anon, spare, &[]).await.status, 401);
    assert_eq!(update(&app, &anon, acme_contract, &[]).await.status, 401);
    // The page: admins and managers only.
    for (email, status) in
        [("admin@provider.example", 200), ("manager@provider.example", 200), ("dispatcher@provider.example", 403), ("user@acme.example", 403)]
    {
        let c = app.signed_in(email).await;
        assert_eq!(app.get(&c, "/admin/contracts").await.status().as_u16(), status, "{email}");
    }
});

both!(admins_create_and_edit_contracts, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let org = new_customer(&app, "Initech").await;
    // Listed without a contract, with a new-contract form at tier C's defaults.
    let list = app.call(&admin, "list_contracts", &[]).await.body;
    assert_eq!(list["can_edit"], true);
    let entry = list["orgs"].as_array().unwrap().iter().find(|o| o["org_id"] == org).unwrap().clone();
    assert_eq!(entry["contracts"], serde_json::json!([]));
    assert_eq!(entry["new_form"]["tier"], "c");
    assert_eq!(entry["new_form"]["tz"], "Asia/Shanghai");
    assert_eq!(entry["new_form"]["valid_from"], today());
    assert_eq!(entry["new_form"]["on_site_kind"], "next_working_day_end");
    assert_eq!(entry["new_form"]["resolution"], serde_json::json!(["480", "4320", "4320"]));
    let names: Vec<&str> = list["orgs"].as_array().unwrap().iter().map(|o| o["org_name"].as_str().unwrap()).collect();
    assert!(!names.contains(&"Northwind IT Services"), "the provider has no contracts: {names:?}");

    let r = create(
        &app,
        &admin,
        org,
        &[
            ("tz", "Europe/Berlin"),
            ("valid_from", &today()),
            ("day_start", "08:30"),
            ("day_end", "18:00"),
            ("resolution_1", "300"),
            ("holidays", "2026-12-24..2026-12-26\n2027-01-01"),
            ("working_days", "2026-12-27"),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body["contract"]["id"].as_i64().unwrap() as i32;
    assert_eq!(r.headers["location"], format!("/admin/contracts?contract={id}"));
    assert_eq!(r.body["contract"]["tier"], "b");
    assert_eq!(r.body["contract"]["coverage"], "business_hours_7x8");
    assert_eq!(r.body["contract"]["tz"], "Europe/Berlin");
    assert_eq!(r.body["contract"]["standing"], "in_force");
    assert_eq!(r.body["form"]["holidays"], "2026-12-24..2026-12-26\n2027-01-01");
    assert_eq!(r.body["form"]["day_start"], "08:30");
    // Stored as the terms new requests will freeze.
    let stored = current_contract(&app, org).await;
    assert_eq!(stored.id, id);
    let terms = db::repo::contracts::terms(&stored).unwrap();
    assert_eq!(terms.limits.resolution_minutes.critical, 300);
    assert_eq!(terms.calendar.holidays.len(), 4);
    assert_eq!(terms.calendar.extra_working_days.len(), 1);
    assert_eq!(terms.calendar.coverage, domain::sla::CoverageKind::BusinessHours7x8);

    let today_s = today();
    // Edit: tier A, limits back to the tier's defaults with the reset button, an end date.
    let same = [("tz", "Europe/Berlin"), ("day_start", "08:30"), ("day_end", "18:00")];
    let mut changes = vec![("tier", "a"), ("valid_from", &*today_s), ("valid_until", "2030-12-31"), ("resolution_1", "garbage"), ("reset_limits", "1")];
    changes.extend(same);
    let r = update(&app, &admin, id, &changes).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["contract"]["coverage"], "all_day_7x24");
    assert_eq!(r.body["contract"]["valid_until"], "2030-12-31");
    assert_eq!(r.body["form"]["resolution"], serde_json::json!(["120", "1440", "2880"]));
    assert_eq!(r.body["form"]["on_site"], "120");
    let terms = db::repo::contracts::terms(&current_contract(&app, org).await).unwrap();
    assert_eq!(terms.limits, domain::sla::TimeLimits::default_for(domain::sla::Tier::A));
    assert!(terms.calendar.holidays.is_empty(), "the edit sent no holidays");

    // Managers read it; the page shows it.
    let manager = app.signed_in("manager@provider.example").await;
    let r = app.call(&manager, "get_contract", &[("id", &id.to_string())]).await;
    assert_eq!(r.body["can_edit"], false);
    assert_eq!(r.body["org_name"], "Initech");
    let page = app.get(&manager, &format!("/admin/contracts?contract={id}")).await.text().await.unwrap();
    assert!(page.contains("Initech") && page.contains("Europe/Berlin"), "the contract renders read-only");
    assert!(!page.contains("New contract"), "managers get no create link");
    let page = app.get(&admin, &format!("/admin/contracts?new={org}")).await.text().await.unwrap();
    assert!(page.contains("New contract for Initech"));
    let page = app.get(&admin, "/admin/contracts").await.text().await.unwrap();
    assert!(page.contains("Acme Manufacturing") && page.contains("Globex Logistics") && page.contains("In force"));

    // Unknown ids answer 404; the provider cannot have a contract.
    assert_eq!(app.call(&admin, "get_contract", &[("id", "99999")]).await.status, 404);
    assert_eq!(update(&app, &admin, 99999, &[]).await.status, 404);
    assert_eq!(create(&app, &admin, 99999, &[]).await.status, 404);
    let provider = app.org_id("Northwind IT Services").await;
    let r = create(&app, &admin, provider, &[]).await;
    assert_eq!(field_codes(&r.body), vec![("org_id".into(), "invalid_choice".into())]);

    // Every write is in the audit log, in its own transaction.
    let q = db::repo::audit::AuditQuery { action: Some("contract.".into()), limit: 10, ..Default::default() };
    let lines = db::repo::audit::list(&app.db.conn, &q).await.unwrap();
    let actions: Vec<(&str, &str)> = lines.iter().map(|l| (l.action.as_str(), l.subject.as_str())).collect();
    let subject = format!("contract {id}");
    assert_eq!(actions, vec![("contract.update", subject.as_str()), ("contract.create", subject.as_str())]);
    assert!(lines.iter().all(|l| l.organization_id == Some(org) && l.actor_role == "admin"));
    let detail: serde_json::Value = serde_json::from_str(&lines[0].detail).unwrap();
    assert_eq!(detail["before"]["tier"], "b");
    assert_eq!(detail["after"]["tier"], "a");
    let mut changed: Vec<&str> = detail["changed"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    changed.sort();
    assert_eq!(changed, vec!["holidays", "limits", "tier", "valid_until", "working_days"]);
});

both!(every_field_is_checked_with_its_own_message, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let org = new_customer(&app, "Initech").await;
    let before = contract_count(&app).await;
    let cases: Vec<(Vec<(&'static str, &str)>, Vec<(&str, &str)>)> = vec![
        (vec![("tier", ""), ("valid_from", "")], vec![("tier", "required"), ("valid_from", "required")]),
        (
            vec![("tier", "d"), ("tz", "Europe/Madrid"), ("on_site_kind", "soon")],
            vec![("tier", "invalid_choice"), ("tz", "invalid_choice"), ("on_site_kind", "invalid_choice")],
        ),
        (vec![("valid_from", "2027-02-30"), ("valid_until", "next year")], vec![("valid_from", "invalid_choice"), ("valid_until", "invalid_choice")]),
        (vec![("valid_from", "2027-06-01"), ("valid_until", "2027-05-31")], vec![("valid_until", "out_of_range")]),
        (vec![("day_start", "9 am"), ("day_end", "17:00")], vec![("day_start", "invalid_choice")]),
        (vec![("day_start", "17:00"), ("day_end", "09:00")], vec![("day_end", "out_of_range")]),
        (
            vec![("first_response", "0"), ("on_site", "-1"), ("resolution_1", "1.5")],
            vec![("first_response", "out_of_range"), ("on_site", "out_of_range"), ("resolution_1", "out_of_range")],
        ),
        (vec![("resolution_1", "1440"), ("resolution_2", "240"), ("resolution_3", "2880")], vec![("resolution_2", "out_of_range")]),
        (vec![("first_response", "300"), ("resolution_1", "240")], vec![("first_response", "out_of_range")]),
        (vec![("holidays", "2027-10-01\nNational Day")], vec![("holidays", "invalid_choice")]),
        (vec![("holidays", "2027-10-01..2027-10-07"), ("working_days", "2027-10-07")], vec![("calendar_dates", "invalid_choice")]),
    ];
    for (changes, expected) in cases {
        let r = create(&app, &admin, org, &changes).await;
        assert_eq!(r.status, 422, "{changes:?}: {}", r.body);
        let expected: Vec<(String, String)> = expected.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
        assert_eq!(field_codes(&r.body), expected, "{changes:?}");
    }
    // The codes carry what the page needs to say exactly what is wrong.
    let r = create(&app, &admin, org, &[("resolution_1", "1440"), ("resolution_2", "240"), ("resolution_3", "2880")]).await;
    assert_eq!(r.body["Invalid"][0]["code"], serde_json::json!({ "code": "out_of_range", "min": 1440, "max": 525600 }));
    let r = create(&app, &admin, org, &[("valid_from", "2027-06-01"), ("valid_until", "2027-05-31")]).await;
    assert_eq!(r.body["Invalid"][0]["code"], serde_json::json!({ "code": "out_of_range", "min": 20270601, "max": 21991231 }));
    assert_eq!(contract_count(&app).await, before, "nothing was saved");
});

both!(an_organization_has_one_contract_a_day, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let current = current_contract(&app, acme).await;
    // Acme's contract runs from 2026-01-01 without an end: a new one cannot start in 2027.
    let r = create(&app, &admin, acme, &[("valid_from", "2027-01-01")]).await;
    assert_eq!(field_codes(&r.body), vec![("validity".into(), "too_many".into())]);
    // Nor before it, running into it.
    let r = create(&app, &admin, acme, &[("valid_from", "2025-01-01"), ("valid_until", "2026-01-01")]).await;
    assert_eq!(field_codes(&r.body), vec![("validity".into(), "too_many".into())]);
    // The overlap is reported with the other problems of the form.
    let r = create(&app, &admin, acme, &[("valid_from", "2027-01-01"), ("tier", "z")]).await;
    assert_eq!(field_codes(&r.body), vec![("tier".into(), "invalid_choice".into()), ("validity".into(), "too_many".into())]);

    // End the current one, then the next one fits; the old one stays in force until then.
    let mut old = stored_form(&app, &admin, current.id).await;
    old.insert("valid_until".into(), "2026-12-31".into());
    let f: Vec<(&'static str, String)> = form(&[]).into_iter().map(|(k, _)| (k, old[k].clone())).chain([("id", current.id.to_string())]).collect();
    let r = call_form(&app, &admin, "update_contract", &f).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = create(&app, &admin, acme, &[("valid_from", "2027-01-01")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let next = r.body["contract"]["id"].as_i64().unwrap() as i32;
    assert_eq!(r.body["contract"]["standing"], "upcoming");
    assert_eq!(current_contract(&app, acme).await.id, current.id);
    let list = app.call(&admin, "list_contracts", &[]).await.body;
    let acme_entry = list["orgs"].as_array().unwrap().iter().find(|o| o["org_id"] == acme).unwrap().clone();
    let standings: Vec<(i64, &str)> =
        acme_entry["contracts"].as_array().unwrap().iter().map(|c| (c["id"].as_i64().unwrap(), c["standing"].as_str().unwrap())).collect();
    assert_eq!(standings, vec![(current.id as i64, "in_force"), (next as i64, "upcoming")]);
    assert_eq!(acme_entry["new_form"]["valid_from"], today(), "the latest contract has no end: from today");

    // Moving the next one a day earlier clashes; editing it in place does not clash with itself.
    let r = update(&app, &admin, next, &[("valid_from", "2026-12-31")]).await;
    assert_eq!(field_codes(&r.body), vec![("validity".into(), "too_many".into())]);
    let r = update(&app, &admin, next, &[("valid_from", "2027-01-01"), ("valid_until", "2027-12-31")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Another organization's dates are its own business.
    let globex = app.org_id("Globex Logistics").await;
    let globex_current = current_contract(&app, globex).await;
    assert_eq!(globex_current.valid_until, None);
});

both!(a_refused_form_without_javascript_comes_back_with_the_exact_message, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let page = format!("{}/admin/contracts?new={acme}", app.base);
    let mut f = form(&[("valid_from", "2027-01-01"), ("holidays", "2027-10-01"), ("working_days", "2027-10-01")]);
    f.push(("org_id", acme.to_string()));
    let res = admin
        .post(format!("{}/api/create_contract", app.base))
        .header("origin", &app.base)
        .header("accept", "text/html")
        .header("referer", &page)
        .form(&f)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&page) && back.contains("__err="), "{back}");
    let html = admin.get(&back).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("These dates overlap another contract of this organization."), "overlap message");
    assert!(html.contains("A date cannot be both a public holiday and a moved working day."), "dates message");
});

both!(a_contract_change_moves_only_the_clocks_of_later_requests, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let user = app.signed_in("user@acme.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let contract = current_contract(&app, acme).await;
    let deadline_minutes = |r: &db::entity::request::Model| (r.resolution_deadline.unwrap() - r.created_at).num_minutes();

    // Tier A: a critical fault is resolved within 2 h, around the clock.
    let before = crate::requests::submit(&app, &user, "Core switch down", "1").await;
    let first = db::repo::requests::find_by_number(&app.db.conn, &before).await.unwrap().unwrap();
    assert_eq!(deadline_minutes(&first), 120);

    // The contract now promises 1 h.
    let mut f = stored_form(&app, &admin, contract.id).await;
    f.insert("resolution_1".into(), "60".into());
    let body: Vec<(&'static str, String)> = form(&[]).into_iter().map(|(k, _)| (k, f[k].clone())).chain([("id", contract.id.to_string())]).collect();
    let r = call_form(&app, &admin, "update_contract", &body).await;
    assert_eq!(r.status, 200, "{}", r.body);

    let after = crate::requests::submit(&app, &user, "Second core switch down", "1").await;
    let second = db::repo::requests::find_by_number(&app.db.conn, &after).await.unwrap().unwrap();
    assert_eq!(deadline_minutes(&second), 60, "opened after the change: the new limit");
    let first = db::repo::requests::find_by_number(&app.db.conn, &before).await.unwrap().unwrap();
    assert_eq!(deadline_minutes(&first), 120, "opened before the change: its deadline did not move");
    let frozen: domain::ticket::SlaTerms = serde_json::from_str(&first.sla_json).unwrap();
    assert_eq!(frozen.limits.resolution_minutes.critical, 120, "its frozen terms are the old ones");
    // And that is what its page shows and ticks from.
    let d = crate::requests::detail(&app, &user, &before).await.body;
    assert_eq!(d["terms"]["limits"]["resolution_minutes"]["critical"], 120);
    let d = crate::requests::detail(&app, &user, &after).await.body;
    assert_eq!(d["terms"]["limits"]["resolution_minutes"]["critical"], 60);
});

both!(a_contract_sets_its_complaint_clocks, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let current = current_contract(&app, acme).await;
    let stored = stored_form(&app, &admin, current.id).await;
    assert_eq!((stored["complaint_ack"].as_str(), stored["complaint_answer"].as_str()), ("1", "5"), "the defaults");
    let with = |ack: &str, answer: &str| {
        let mut f: Vec<(&'static str, String)> = form(&[]).into_iter().map(|(k, _)| (k, stored[k].clone())).collect();
        f.push(("complaint_ack", ack.to_string()));
        f.push(("complaint_answer", answer.to_string()));
        f.push(("id", current.id.to_string()));
        f
    };
    // An answer due before the acknowledgement is refused on its field, and nothing changes.
    let r = call_form(&app, &admin, "update_contract", &with("3", "2")).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.to_string().contains("complaint_answer"), "{}", r.body);
    assert_eq!(current_contract(&app, acme).await.limits_json, current.limits_json);
    let r = call_form(&app, &admin, "update_contract", &with("3", "12")).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // A complaint made now runs on those clocks: three and twelve working days (at least as
    // many calendar days, at most a few more for weekends and holidays).
    let user = app.signed_in("user@acme.example").await;
    let r = app.call(&user, "submit_complaint", &[("request", ""), ("text", "Nobody called back about the invoice.")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c = db::repo::complaints::find(&app.db.conn, r.body.as_i64().unwrap() as i32).await.unwrap().unwrap();
    let days = |at: chrono::DateTime<chrono::Utc>| (at - c.created_at).num_hours() as f64 / 24.0;
    assert!((3.0..=9.0).contains(&days(c.ack_due_at)), "{c:?}");
    assert!((12.0..=24.0).contains(&days(c.answer_due_at)), "{c:?}");
});
