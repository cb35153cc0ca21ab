//! Inspections through the real router, on SQLite and PostgreSQL: each contract's plan
//! generates the year once however often (and on however many instances) it runs; a plan
//! changed mid-year replaces only future untouched inspections; an inspection goes from
//! announced (portal and mail, late notice recorded) through a proposed date, the visit with
//! its checklist (bad values change nothing), a finding opened as a request, to a report that
//! is questioned and signed off; the report clock and the late warnings fire once; another
//! organization never sees any of it.
use chrono::{Datelike, Utc};
use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::{both, helpers::*};

async fn inspections_of(app: &TestApp) -> Vec<db::entity::inspection::Model> {
    db::entity::inspection::Entity::find().all(&app.db.conn).await.unwrap()
}

async fn notes(app: &TestApp, email: &str) -> Vec<String> {
    let user = app.user_id(email).await;
    db::entity::notification::Entity::find()
        .filter(db::entity::notification::Column::UserId.eq(user))
        .filter(db::entity::notification::Column::Kind.eq("inspection"))
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|n| serde_json::from_str::<Value>(&n.body).unwrap()["what"].as_str().unwrap().to_string())
        .collect()
}

async fn acme(app: &TestApp) -> (i32, i32) {
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let org = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let contract = db::repo::contracts::list_by_org(&app.db.conn, org).await.unwrap()[0].id;
    (org, contract)
}

both!(a_year_is_generated_once_and_a_changed_plan_applies_from_that_day, |app: TestApp| async move {
    let now = Utc::now();
    let next = now.year() + 1;
    // Twice, and twice at once: the same inspections, each once.
    app::ssr::inspections::generate_all(&app.db, &[next], now).await.unwrap();
    let years = [next];
    let (a, b) = tokio::join!(app::ssr::inspections::generate_all(&app.db, &years, now), app::ssr::inspections::generate_all(&app.db, &years, now));
    assert_eq!(a.unwrap().added + b.unwrap().added, 0);
    let all = inspections_of(&app).await;
    let of_next: Vec<_> = all.iter().filter(|r| r.date.year() == next && r.status == "planned").collect();
    // Quarterly: four a site; Acme has two sites, Globex one.
    assert_eq!(of_next.len(), 12, "{of_next:?}");
    assert!(of_next.iter().all(|r| r.announce_by < r.date && r.notice_days == 15 && r.report_days == 3));
    let mut keys: Vec<_> = of_next.iter().map(|r| (r.plan_id, r.site_id, r.slot.clone())).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 12);

    let manager = app.signed_in("manager@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let (org, contract) = acme(&app).await;
    let cid = contract.to_string();
    let form = app.call(&manager, "get_inspection_plan", &[("contract_id", &cid)]).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert_eq!(form.body["settings"]["frequency"], "quarterly");
    assert_eq!(form.body["settings"]["notice_days"], 15);
    let version = form.body["version"].to_string();
    let template = form.body["template_id"].to_string();
    // Only managers change a plan; customers do not even read it.
    assert_eq!(app.call(&lead, "get_inspection_plan", &[("contract_id", &cid)]).await.status, 403);
    let save = |freq: &'static str, notice: &'static str| {
        vec![
            ("contract_id", cid.clone()),
            ("version", version.clone()),
            ("frequency", freq.to_string()),
            ("template_id", template.clone()),
            ("notice_days", notice.to_string()),
            ("report_days", "3".to_string()),
        ]
    };
    fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        v.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
    assert_eq!(app.call(&engineer, "save_inspection_plan", &pairs(&save("monthly", "15"))).await.status, 403);
    // Bad input: each problem at its field, nothing saved.
    let globex = db::repo::organizations::list(&app.db.conn).await.unwrap().into_iter().find(|o| o.name == "Globex Logistics").unwrap().id;
    let foreign_site = db::repo::sites::list_by_org(&app.db.conn, globex).await.unwrap()[0].id.to_string();
    let mut bad = save("weekly", "0");
    bad.push(("sites[0]", foreign_site));
    bad.push(("categories[0]", "toaster".into()));
    let r = app.call(&manager, "save_inspection_plan", &pairs(&bad)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(
        codes,
        [
            ("categories".into(), "invalid_choice".into()),
            ("frequency".into(), "invalid_choice".into()),
            ("notice_days".into(), "out_of_range".into()),
            ("sites".into(), "invalid_choice".into())
        ]
    );
    assert_eq!(inspections_of(&app).await.len(), all.len(), "nothing changed");

    // Monthly from today: next year's twelve months a site; the quarterly ones, all future and
    // untouched, cancelled.
    let r = app.call(&manager, "save_inspection_plan", &pairs(&save("monthly", "10"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = inspections_of(&app).await;
    let acme_next = |status: &str| after.iter().filter(|r| r.organization_id == org && r.date.year() == next && r.status == status).count();
    assert_eq!(acme_next("planned"), 24);
    assert_eq!(acme_next("cancelled"), 8);
    assert!(after.iter().filter(|r| r.organization_id == org && r.status == "planned").all(|r| r.notice_days == 10));
    // The same form again is stale.
    assert_eq!(app.call(&manager, "save_inspection_plan", &pairs(&save("monthly", "10"))).await.status, 409);
    // Generating again changes nothing.
    let g = app::ssr::inspections::generate_all(&app.db, &[next], now).await.unwrap();
    assert_eq!((g.added, g.cancelled), (0, 0));
});

/// The first planned inspection of Acme's first site, moved by the dispatcher to the next
/// working day after tomorrow, with the engineer assigned.
async fn soon(app: &TestApp, dispatcher: &reqwest::Client) -> (String, chrono::NaiveDate) {
    let now = Utc::now();
    app::ssr::inspections::generate_all(&app.db, &[now.year() + 1], now).await.unwrap();
    let (org, _) = acme(app).await;
    let r = inspections_of(app).await.into_iter().filter(|r| r.organization_id == org && r.status == "planned").min_by_key(|r| r.date).unwrap();
    let cal = app::ssr::inspections::calendar_of(&r);
    let today = app::ssr::inspections::today_in(&cal, now);
    let day = domain::inspection::workdays::add(&cal, today, 2).unwrap();
    let id = r.id.to_string();
    let engineer = app.user_id("engineer@provider.example").await.to_string();
    let res = app
        .call(dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(app, &id).await), ("action", "assign"), ("engineer_id", &engineer)])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res =
        app.call(dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(app, &id).await), ("action", "move"), ("date", &day.to_string())]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    (id, day)
}

async fn version(app: &TestApp, id: &str) -> String {
    db::repo::inspections::find(&app.db.conn, id.parse().unwrap()).await.unwrap().unwrap().version.to_string()
}

async fn answer(app: &TestApp, client: &reqwest::Client, id: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    let res = client
        .post(format!("{}/inspections/{id}/answers", app.base))
        .header("origin", &app.base)
        .header("accept", "application/json")
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json::<Value>().await.unwrap_or(Value::Null))
}

both!(an_inspection_from_announcement_to_sign_off, |app: TestApp| async move {
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let other = app.signed_in("lead@globex.example").await;
    let (id, day) = soon(&app, &dispatcher).await;
    let step = |action: &'static str| action;

    // Planned: the customer is not told yet, so it is not there for them.
    assert_eq!(app.call(&lead, "get_inspection", &[("id", &id)]).await.status, 404);
    let list = app.call(&lead, "list_inspections", &[("month", &day.format("%Y-%m").to_string())]).await.body;
    assert!(list["rows"].as_array().unwrap().is_empty(), "{list}");
    let list = app.call(&dispatcher, "list_inspections", &[("month", &day.format("%Y-%m").to_string())]).await.body;
    let row = list["rows"].as_array().unwrap().iter().find(|r| r["id"].as_i64() == id.parse::<i64>().ok()).cloned().unwrap();
    assert_eq!(row["announce_late"], true, "two working days ahead is past the last day to announce: {row}");
    assert_eq!(app.call(&dispatcher, "list_inspections", &[("month", "2026-13")]).await.status, 422);

    // The job announces it, late, in the portal and by mail.
    let run = app::ssr::inspections::run_jobs(&app.db, "http://portal.test", Utc::now()).await.unwrap();
    assert!(run.announced >= 1, "{run:?}");
    let d = app.call(&lead, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!(d["status"], "announced", "{d}");
    assert_eq!(d["actions"], serde_json::json!(["confirm", "propose"]));
    assert_eq!(notes(&app, "lead@acme.example").await, ["announced"]);
    let mails =
        db::entity::outbound_mail::Entity::find().filter(db::entity::outbound_mail::Column::ToAddress.eq("lead@acme.example")).all(&app.db.conn).await.unwrap();
    assert!(mails.iter().any(|m| m.body.contains(&format!("/inspections/{id}")) && m.subject.contains(&day.to_string())), "{mails:?}");
    let staff = app.call(&dispatcher, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!(staff["announced_late"], true);
    // Announcing again does nothing more.
    let again = app::ssr::inspections::run_jobs(&app.db, "http://portal.test", Utc::now()).await.unwrap();
    assert_eq!(notes(&app, "lead@acme.example").await.len(), 1, "{again:?}");

    // Another organization: not found by every function and route.
    assert_eq!(app.call(&other, "get_inspection", &[("id", &id)]).await.status, 404);
    assert_eq!(app.call(&other, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", step("confirm"))]).await.status, 404);
    assert_eq!(answer(&app, &other, &id, &[("a:0:10", "pass")]).await.0, 404);
    // A customer reads but does not decide; the engineer cannot confirm for them.
    assert_eq!(app.call(&customer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "confirm")]).await.status, 403);
    assert_eq!(app.call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "confirm")]).await.status, 403);

    // The site manager proposes the next working day; the dispatcher takes it: confirmed.
    let cal = app::ssr::inspections::calendar_of(&db::repo::inspections::find(&app.db.conn, id.parse().unwrap()).await.unwrap().unwrap());
    let later = domain::inspection::workdays::add(&cal, day, 1).unwrap().to_string();
    let r = app.call(&lead, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "propose"), ("date", "2020-01-01")]).await;
    assert_eq!(field_codes(&r.body), [("date".to_string(), "invalid_date".to_string())]);
    let stale = version(&app, &id).await;
    let r =
        app.call(&lead, "act_on_inspection", &[("id", &id), ("version", &stale), ("action", "propose"), ("date", &later), ("note", "Month-end close")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call(&lead, "act_on_inspection", &[("id", &id), ("version", &stale), ("action", "confirm")]).await.status, 409, "a stale page");
    assert_eq!(notes(&app, "dispatcher@provider.example").await, ["proposed"]);
    let r = app.call(&dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "move"), ("date", &later)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&lead, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!((d["status"].as_str(), d["date"].as_str()), (Some("confirmed"), Some(later.as_str())));

    // On site: the checklist per device and for the site.
    let r = app.call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "start")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&engineer, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!(d["answering"], true);
    let site_items = d["groups"][0]["entries"].as_array().unwrap();
    let field = |label: &str| site_items.iter().find(|e| e["item"]["label"].as_str().unwrap().contains(label)).unwrap()["field"].as_str().unwrap().to_string();
    let (temp, alarms, dust) = (field("Machine room temperature"), field("No open alarms"), field("Dust"));
    // Bad values change nothing: each is named.
    let (status, body) = answer(&app, &engineer, &id, &[(&alarms, "pass"), (&temp, "warm"), ("a:999999:1", "pass")]).await;
    assert_eq!(status, 422, "{body}");
    let mut codes = field_codes(&body);
    codes.sort();
    let mut want = vec![("a:999999:1".to_string(), "invalid_choice".to_string()), (temp.clone(), "invalid_number".to_string())];
    want.sort();
    assert_eq!(codes, want);
    assert!(db::repo::inspections::answers(&app.db.conn, id.parse().unwrap()).await.unwrap().is_empty());
    // A customer cannot answer; the answers of the one doing it are kept, sent twice or not.
    assert_eq!(answer(&app, &lead, &id, &[(&alarms, "pass")]).await.0, 403);
    for _ in 0..2 {
        let (status, body) =
            answer(&app, &engineer, &id, &[(&alarms, "pass"), (&temp, "３１"), (&format!("n:{}", &temp[2..]), "AC unit 2 off"), (&dust, "low")]).await;
        assert_eq!(status, 204, "{body}");
    }
    let d = app.call(&engineer, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!((d["answered"].as_u64(), d["findings"].as_u64()), (Some(3), Some(1)), "31 °C is outside 18–27");
    let finding = d["groups"][0]["entries"].as_array().unwrap().iter().find(|e| e["field"] == temp.as_str()).unwrap().clone();
    assert_eq!(finding["finding"], true);
    assert_eq!(finding["note"], "AC unit 2 off");
    let answer_id = finding["answer_id"].to_string();
    // Without JavaScript: the same post redirects back, naming a refused field.
    let res = engineer.post(format!("{}/inspections/{id}/answers", app.base)).header("origin", &app.base).form(&[(temp.as_str(), "hot")]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().contains(&format!("/inspections/{id}?bad=")), "{:?}", res.headers());

    // A photo of the finding (any item takes one; an image only, from the one doing it).
    let photo = |bytes: &'static [u8]| {
        reqwest::multipart::Form::new()
            .text("device_id", "0")
            .text("item_key", temp[4..].to_string())
            .part("file", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("ac.png").mime_str("image/png").unwrap())
    };
    let upload = |client: &reqwest::Client, form: reqwest::multipart::Form| {
        client.post(format!("{}/inspections/{id}/photos", app.base)).header("origin", &app.base).multipart(form).send()
    };
    let res = upload(&engineer, photo(b"not an image")).await.unwrap();
    assert!(res.headers()["location"].to_str().unwrap().contains("bad=file"), "{:?}", res.headers());
    assert_eq!(upload(&lead, photo(b"\x89PNG\r\n\x1a\nAC unit")).await.unwrap().status(), 403);
    assert_eq!(upload(&engineer, photo(b"\x89PNG\r\n\x1a\nAC unit")).await.unwrap().status(), 303);
    let d = app.call(&engineer, "get_inspection", &[("id", &id)]).await.body;
    let photos = d["groups"][0]["entries"].as_array().unwrap().iter().find(|e| e["field"] == temp.as_str()).unwrap()["photos"].clone();
    assert_eq!(photos.as_array().unwrap().len(), 1, "{photos}");
    assert_eq!(d["findings"], 1, "a photo does not change the answer");
    let shown = lead.get(format!("{}/inspections/photos/{}", app.base, photos[0])).send().await.unwrap();
    assert_eq!((shown.status().as_u16(), shown.headers()["content-type"].to_str().unwrap().to_string()), (200, "image/png".to_string()));
    assert_eq!(other.get(format!("{}/inspections/photos/{}", app.base, photos[0])).send().await.unwrap().status(), 404);

    // The finding becomes a request in one tap, once.
    assert_eq!(app.call(&lead, "open_finding_request", &[("answer_id", &answer_id)]).await.status, 403);
    let r = app.call(&engineer, "open_finding_request", &[("answer_id", &answer_id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call(&engineer, "open_finding_request", &[("answer_id", &answer_id)]).await.status, 409);
    let d = app.call(&lead, "get_inspection", &[("id", &id)]).await.body;
    let number = d["groups"][0]["entries"].as_array().unwrap().iter().find(|e| e["field"] == temp.as_str()).unwrap()["request"].as_str().unwrap().to_string();
    let req = app.call(&lead, "get_request", &[("number", &number)]).await.body;
    assert!(req["title"].as_str().unwrap().contains("Machine room temperature"), "{req}");
    assert!(req["description"].as_str().unwrap().contains("31"), "{req}");
    assert!(req["description"].as_str().unwrap().contains("AC unit 2 off"), "{req}");
    assert_eq!(req["site_name"], d["site"]);
    assert_eq!(req["attachments"].as_array().unwrap().len(), 1, "the finding's photo goes with it: {req}");

    // The visit ends: the report clock runs (three working days), fires once when missed.
    let r = app.call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "finish")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&lead, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!(d["status"], "visit_done");
    assert!(d["report_due_ts"].as_i64().unwrap() > Utc::now().timestamp());
    let late = Utc::now() + chrono::Duration::days(20);
    assert_eq!(app::ssr::inspections::run_jobs(&app.db, "http://portal.test", late).await.unwrap().reports_late, 1);
    assert_eq!(app::ssr::inspections::run_jobs(&app.db, "http://portal.test", late).await.unwrap().reports_late, 0);
    assert!(notes(&app, "manager@provider.example").await.contains(&"report_late".to_string()));

    // The report: written, questioned, revised, signed off; all of it in the history.
    let r = app.call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "report"), ("note", " ")]).await;
    assert_eq!(field_codes(&r.body), [("note".to_string(), "required".to_string())]);
    let r = app
        .call(
            &engineer,
            "act_on_inspection",
            &[("id", &id), ("version", &version(&app, &id).await), ("action", "report"), ("note", "All checked; one finding.")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(&lead, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "ask"), ("note", "Which AC unit?")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(notes(&app, "engineer@provider.example").await.contains(&"questioned".to_string()));
    let r = app
        .call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "report"), ("note", "AC unit 2 (north wall).")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(&lead, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "sign_off")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&customer, "get_inspection", &[("id", &id)]).await.body;
    assert_eq!(d["status"], "signed_off");
    assert_eq!(d["summary"], "AC unit 2 (north wall).");
    let events: Vec<&str> = d["history"].as_array().unwrap().iter().map(|h| h["event"]["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["moved", "announced", "proposed", "moved", "started", "request_opened", "finished", "reported", "asked", "reported", "signed_off"]);
    assert_eq!(d["actions"], serde_json::json!([]));
    // Signed off is final.
    assert_eq!(
        app.call(&dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "cancel"), ("note", "x")]).await.status,
        409
    );
});

both!(a_checklist_template_is_versioned_and_bad_lines_are_named, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let page = app.call(&manager, "list_checklists", &[("edit", "new")]).await.body;
    assert_eq!(page["templates"].as_array().unwrap().len(), 1);
    let first = page["templates"][0]["id"].to_string();
    let r = app
        .call(
            &manager,
            "save_checklist",
            &[("id", "0"), ("name", "Network only"), ("text", "hardware; pass_fail; Fans; ; network\nhardware; reading; Temp; °C 30..20; network")],
        )
        .await;
    assert_eq!(field_codes(&r.body), [("text".to_string(), "bad_line".to_string())]);
    assert_eq!(r.body["Invalid"][0]["code"]["line"], 2);
    assert_eq!(app.call(&engineer, "save_checklist", &[("id", "0"), ("name", "X"), ("text", "hardware; pass_fail; Fans; ; network")]).await.status, 403);
    let r = app.call(&manager, "save_checklist", &[("id", &first), ("name", "Standard"), ("text", "hardware; pass_fail; Fans; ; network")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = app.call(&engineer, "list_checklists", &[]).await.body;
    let t = &page["templates"][0];
    assert_eq!((t["revision"].as_i64(), t["items"].as_u64()), (Some(2), Some(1)));
    // The old version stays for the inspections planned with it; saving it again is stale.
    assert!(db::repo::checklists::find(&app.db.conn, first.parse().unwrap()).await.unwrap().is_some());
    assert_eq!(
        app.call(&manager, "save_checklist", &[("id", &first), ("name", "Standard"), ("text", "hardware; pass_fail; Fans; ; network")]).await.status,
        409
    );
});

both!(a_late_announcement_is_warned_once_and_the_visit_verifies_the_machine_room, |app: TestApp| async move {
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let now = Utc::now();
    app::ssr::inspections::generate_all(&app.db, &[now.year() + 1], now).await.unwrap();
    let (org, _) = acme(&app).await;
    let r = inspections_of(&app).await.into_iter().filter(|r| r.organization_id == org && r.status == "planned").min_by_key(|r| r.date).unwrap();
    let id = r.id.to_string();
    let cal = app::ssr::inspections::calendar_of(&r);
    let day = domain::inspection::workdays::add(&cal, app::ssr::inspections::today_in(&cal, now), 2).unwrap().to_string();
    let res = app.call(&dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "move"), ("date", &day)]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    // No engineer: it cannot be announced; managers are warned, once, and an open form stays valid.
    let v = version(&app, &id).await;
    for _ in 0..2 {
        app::ssr::inspections::run_jobs(&app.db, "http://portal.test", Utc::now()).await.unwrap();
    }
    assert_eq!(notes(&app, "manager@provider.example").await.iter().filter(|n| *n == "will_be_late").count(), 1);
    assert_eq!(version(&app, &id).await, v);

    // The site's machine room as its profile has it.
    let env = serde_json::json!({ "temp_min_c": { "value": "18", "by": 1, "at": 0 }, "dust": { "value": "low", "by": 1, "at": 0 } }).to_string();
    let site = db::repo::sites::find(&app.db.conn, r.site_id).await.unwrap().unwrap();
    let row =
        db::repo::sites::ProfileRow { address: &site.address, access_notes: "", opening_hours: "", contacts_json: "[]".into(), environment_json: env, by: 1 };
    assert!(db::repo::sites::save_profile(&app.db.conn, site.id, 0, row).await.unwrap());
    let engineer_id = app.user_id("engineer@provider.example").await.to_string();
    let res = app
        .call(&dispatcher, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "assign"), ("engineer_id", &engineer_id)])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    app::ssr::inspections::run_jobs(&app.db, "http://portal.test", Utc::now()).await.unwrap();
    for (who, action) in [(&lead, "confirm"), (&engineer, "start")] {
        let res = app.call(who, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", action)]).await;
        assert_eq!(res.status, 200, "{action}: {}", res.body);
    }
    // The temperature item verifies the temperature range; the dust item the dust.
    let (status, body) = answer(&app, &engineer, &id, &[("a:0:11", "22"), ("a:0:14", "low")]).await;
    assert_eq!(status, 204, "{body}");
    let res = app.call(&engineer, "act_on_inspection", &[("id", &id), ("version", &version(&app, &id).await), ("action", "finish")]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let p = db::repo::sites::profile(&app.db.conn, site.id).await.unwrap().unwrap();
    let env: Value = serde_json::from_str(&p.environment_json).unwrap();
    assert_eq!(env["temp_min_c"]["inspection"], r.id, "{env}");
    assert_eq!(env["dust"]["inspection"], r.id, "{env}");
    assert_eq!(env["temp_min_c"]["value"], "18", "the value stays: a reading does not redesign the room");
});
