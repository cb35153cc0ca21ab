//! Assurance periods through the real router, on SQLite and PostgreSQL: a manager declares a
//! period for Acme and builds the rota; the days with nobody on duty are shown and publishing
//! over them must be confirmed; published, Acme's people see it with today's duty engineer
//! (Globex's do not), the dispatcher sees who is on duty, Acme's site manager is told, and an
//! inspection of each Acme site is planned before it starts, once.
use chrono::Utc;
use db::sea_orm::EntityTrait;
use serde_json::Value;

use crate::{both, helpers::*};

both!(a_period_is_declared_staffed_and_published, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    let other = app.signed_in("lead@globex.example").await;
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id.to_string();
    let today = Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let (from, to) = (today.to_string(), (today + chrono::Days::new(2)).to_string());

    // Only managers declare; each problem at its field.
    let form = |name: &'static str, from: String, to: String, org: String| {
        vec![
            ("id", "0".to_string()),
            ("version", "0".into()),
            ("name", name.into()),
            ("reason", "Year-end close".into()),
            ("starts_on", from),
            ("ends_on", to),
            ("org_ids[0]", org),
        ]
    };
    fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        v.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
    assert_eq!(app.call(&dispatcher, "save_assurance_period", &pairs(&form("X", from.clone(), to.clone(), acme.clone()))).await.status, 403);
    let r = app.call(&manager, "save_assurance_period", &pairs(&form(" ", to.clone(), from.clone(), "999999".into()))).await;
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(
        codes,
        [
            ("ends_on".into(), "ends_before_start".into()),
            ("name".into(), "required".into()),
            ("org_ids".into(), "invalid_choice".into()),
            ("org_ids".into(), "required".into())
        ]
    );
    let r = app.call(&manager, "save_assurance_period", &pairs(&form("Year-end assurance", from.clone(), to.clone(), acme.clone()))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.to_string();

    // A draft is the provider's: Acme does not see it yet.
    assert_eq!(app.call(&lead, "get_assurance_period", &[("id", &id)]).await.status, 404);
    let engineer = app.user_id("engineer@provider.example").await.to_string();
    let shift = |day: String, phone: &'static str| {
        vec![("period_id", id.clone()), ("day", day), ("shift", "08:00–20:00".into()), ("engineer_id", engineer.clone()), ("phone", phone.into())]
    };
    let r = app.call(&manager, "add_duty_shift", &pairs(&shift((today + chrono::Days::new(5)).to_string(), "x"))).await;
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(codes, [("day".into(), "invalid_date".into()), ("phone".into(), "invalid_phone".into())]);
    let r = app.call(&manager, "add_duty_shift", &pairs(&shift(from.clone(), "+86 138 0000 0001"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = app.call(&manager, "get_assurance_period", &[("id", &id)]).await.body;
    assert_eq!(d["gaps"].as_array().unwrap().len(), 2, "{d}");

    // Publishing over the gaps must be confirmed.
    let version = d["version"].to_string();
    let r = app.call(&manager, "publish_assurance_period", &[("id", &id), ("version", &version)]).await;
    assert_eq!(field_codes(&r.body), [("accept_gaps".to_string(), "required".to_string())]);
    let r = app.call(&manager, "publish_assurance_period", &[("id", &id), ("version", &version), ("accept_gaps", "on")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.call(&manager, "publish_assurance_period", &[("id", &id), ("version", &version), ("accept_gaps", "on")]).await.status, 409);

    // Acme's people see it and who is on duty today; Globex's do not.
    let d = app.call(&lead, "get_assurance_period", &[("id", &id)]).await.body;
    assert_eq!(d["published"], true);
    assert_eq!(d["shifts"][0]["engineer"], "Li Qiang");
    let duty = app.call(&lead, "get_duty_today", &[]).await.body;
    assert_eq!(duty[0]["shifts"][0]["phone"], "+86 138 0000 0001", "{duty}");
    assert_eq!(app.call(&other, "get_assurance_period", &[("id", &id)]).await.status, 404);
    assert_eq!(app.call(&other, "get_duty_today", &[]).await.body, Value::Array(vec![]));
    assert!(app.call(&other, "list_assurance_periods", &[]).await.body["rows"].as_array().unwrap().is_empty());
    let duty = app.call(&dispatcher, "get_duty_today", &[]).await.body;
    assert_eq!(duty.as_array().unwrap().len(), 1);
    let lead_id = app.user_id("lead@acme.example").await;
    let told =
        db::entity::notification::Entity::find().all(&app.db.conn).await.unwrap().into_iter().filter(|n| n.user_id == lead_id && n.kind == "assurance").count();
    assert_eq!(told, 1);
    // It starts today: too soon for an inspection before it; none planned, none doubled.
    let before = db::entity::inspection::Entity::find().all(&app.db.conn).await.unwrap().into_iter().filter(|r| r.kind == "before_assurance").count();
    assert_eq!(before, 0);
});

both!(a_period_some_weeks_ahead_brings_an_inspection_of_each_site_before_it, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let today = Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let (from, to) = ((today + chrono::Days::new(30)).to_string(), (today + chrono::Days::new(31)).to_string());
    let r = app
        .call(
            &manager,
            "save_assurance_period",
            &[
                ("id", "0"),
                ("version", "0"),
                ("name", "Migration weekend"),
                ("reason", ""),
                ("starts_on", &from),
                ("ends_on", &to),
                ("org_ids[0]", &acme.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.to_string();
    let r = app.call(&manager, "publish_assurance_period", &[("id", &id), ("version", "1"), ("accept_gaps", "on")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let before: Vec<_> = db::entity::inspection::Entity::find().all(&app.db.conn).await.unwrap().into_iter().filter(|r| r.kind == "before_assurance").collect();
    assert_eq!(before.len(), 2, "one a site of Acme: {before:?}");
    assert!(before.iter().all(|r| r.organization_id == acme && r.date < today + chrono::Days::new(30) && r.slot == format!("assurance-{id}")));
});
