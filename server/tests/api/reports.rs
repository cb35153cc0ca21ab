//! Service reports through the real router, on SQLite and PostgreSQL, against a small
//! dataset whose figures are worked out by hand below: March 2014 for Acme (Shanghai, UTC+8).
//!
//! | req | opened (UTC)      | local day | kind / sev / tier / channel / device | first response   | resolution          |
//! |-----|-------------------|-----------|---------------------------------------|------------------|---------------------|
//! | R1  | 03-03 02:00       | Mar 3     | fault / 1 / a / portal / server        | met (02:30≤03:00)| met (09:00≤10:00)   |
//! | R2  | 03-10 02:00       | Mar 10    | fault / 2 / a / phone / –              | missed (05>04)   | missed (12th>11th)  |
//! | R3  | 03-20 02:00       | Mar 20    | consultation / 3 / c / email / –       | met              | paused: no deadline |
//! | R6  | 02-28 16:30       | Mar 1     | consultation / 3 / c / portal / –      | cancelled: not judged                  |
//! | R4  | 03-31 17:00       | Apr 1     | not in March                                                              |
//! | R5  | 02-28 15:30       | Feb 28    | not in March                                                              |
//!
//! So: 4 opened; fault 2, consultation 2; severities 1/1/2; portal 2, phone 1, email 1;
//! server 1, no device 3; tier a first response 1 met 1 missed, resolution 1 met 1 missed;
//! tier c first response 1 met; two breaches (R2's two clocks); bars from Mar 1 (a Saturday):
//! 1, 1, 1, 1, 0, 0. Lines in March: R1 and R2 resolved, R2's severity raised once. Surveys:
//! R1 answered 5 and satisfied, R2 sent and unanswered. One complaint, taken up in time.
use chrono::{DateTime, TimeZone, Utc};
use db::sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;

use crate::{both, helpers::*};

const MANAGER: &str = "manager@provider.example";
const LEAD: &str = "lead@acme.example";

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, m, d, h, min, 0).unwrap()
}

struct Req {
    n: u32,
    created: DateTime<Utc>,
    kind: &'static str,
    severity: i16,
    tier: &'static str,
    channel: &'static str,
    device: Option<i32>,
    status: &'static str,
    response: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    resolution: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    closed: Option<DateTime<Utc>>,
}

async fn put(app: &TestApp, org: i32, site: i32, user: i32, r: &Req) -> i32 {
    let row = db::entity::request::ActiveModel {
        number: Set(format!("SR-2014-{:06}", r.n)),
        organization_id: Set(org),
        site_id: Set(site),
        requester_id: Set(user),
        created_by_id: Set(user),
        title: Set(format!("Request {}", r.n)),
        description: Set(String::new()),
        kind: Set(r.kind.into()),
        fault_kind: Set(None),
        severity: Set(r.severity),
        system: Set(String::new()),
        contact_phone: Set(String::new()),
        status: Set(r.status.into()),
        assignee_id: Set(None),
        tier: Set(r.tier.into()),
        sla_json: Set("{}".into()),
        on_site_required: Set(false),
        on_site_limit_secs: Set(0),
        created_at: Set(r.created),
        updated_at: Set(r.created),
        first_response_at: Set(r.response.1),
        response_deadline: Set(r.response.0),
        resolution_started_at: Set(r.created),
        resolution_deadline: Set(r.resolution.0),
        resolved_at: Set(r.resolution.1),
        closed_at: Set(r.closed),
        escalation_level: Set(0),
        breach_recorded: Set(false),
        version: Set(0),
        device_id: Set(r.device),
        sla_warned: Set(0),
        channel: Set(r.channel.into()),
        ..Default::default()
    };
    row.insert(&app.db.conn).await.unwrap().id
}

async fn line(app: &TestApp, request: i32, kind: &str, body: Value, when: DateTime<Utc>) {
    db::entity::request_event::ActiveModel {
        request_id: Set(request),
        actor_id: Set(None),
        kind: Set(kind.into()),
        public: Set(true),
        body: Set(body.to_string()),
        created_at: Set(when),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

async fn survey(app: &TestApp, request: i32, org: i32, user: i32, closed: DateTime<Utc>, answer: Option<(i16, bool)>) {
    db::entity::survey::ActiveModel {
        request_id: Set(request),
        respondent_id: Set(user),
        organization_id: Set(org),
        site_id: Set(None),
        engineer_id: Set(None),
        closed_at: Set(closed),
        due_at: Set(closed),
        expires_at: Set(closed + chrono::Duration::days(14)),
        sampled: Set(true),
        question_ids: Set("[]".into()),
        invited_at: Set(Some(closed)),
        reminded_at: Set(None),
        first_answered_at: Set(answer.map(|_| closed + chrono::Duration::hours(5))),
        answered_at: Set(answer.map(|_| closed + chrono::Duration::hours(5))),
        overall: Set(answer.map(|a| a.0)),
        solved: Set(answer.map(|_| true)),
        satisfied: Set(answer.map(|a| a.1)),
        outcome_satisfied: Set(answer.map(|a| a.1)),
        answers_json: Set(None),
        comment: Set(None),
        followup_request_id: Set(None),
        version: Set(0),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

/// The dataset; the ids of R1 and R2.
async fn dataset(app: &TestApp) -> (i32, i32) {
    let org = app.org_id("Acme Manufacturing").await;
    let user = app.user_id("user@acme.example").await;
    let site = db::repo::sites::list_by_org(&app.db.conn, org).await.unwrap()[0].id;
    let device = db::entity::device::ActiveModel {
        organization_id: Set(org),
        site_id: Set(site),
        category: Set("server".into()),
        vendor: Set("V".into()),
        model: Set("M".into()),
        serial: Set("SN-REPORT-1".into()),
        asset_number: Set(String::new()),
        name: Set("db1".into()),
        location: Set(String::new()),
        ips: Set(String::new()),
        service_level: Set(String::new()),
        firmware: Set(String::new()),
        status: Set("in_service".into()),
        config_notes: Set(String::new()),
        search: Set(String::new()),
        created_at: Set(at(1, 1, 0, 0)),
        updated_at: Set(at(1, 1, 0, 0)),
        updated_by: Set(user),
        version: Set(0),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap()
    .id;
    let reqs = [
        Req {
            n: 1,
            created: at(3, 3, 2, 0),
            kind: "fault",
            severity: 1,
            tier: "a",
            channel: "portal",
            device: Some(device),
            status: "resolved",
            response: (Some(at(3, 3, 3, 0)), Some(at(3, 3, 2, 30))),
            resolution: (Some(at(3, 3, 10, 0)), Some(at(3, 3, 9, 0))),
            closed: None,
        },
        Req {
            n: 2,
            created: at(3, 10, 2, 0),
            kind: "fault",
            severity: 2,
            tier: "a",
            channel: "phone",
            device: None,
            status: "resolved",
            response: (Some(at(3, 10, 4, 0)), Some(at(3, 10, 5, 0))),
            resolution: (Some(at(3, 11, 2, 0)), Some(at(3, 12, 2, 0))),
            closed: None,
        },
        Req {
            n: 3,
            created: at(3, 20, 2, 0),
            kind: "consultation",
            severity: 3,
            tier: "c",
            channel: "email",
            device: None,
            status: "waiting_on_customer",
            response: (Some(at(3, 20, 6, 0)), Some(at(3, 20, 3, 0))),
            resolution: (None, None),
            closed: None,
        },
        Req {
            n: 4,
            created: at(3, 31, 17, 0),
            kind: "fault",
            severity: 3,
            tier: "a",
            channel: "portal",
            device: None,
            status: "new",
            response: (Some(at(4, 1, 1, 0)), None),
            resolution: (Some(at(4, 5, 1, 0)), None),
            closed: None,
        },
        Req {
            n: 5,
            created: at(2, 28, 15, 30),
            kind: "fault",
            severity: 3,
            tier: "a",
            channel: "portal",
            device: None,
            status: "new",
            response: (Some(at(2, 28, 18, 0)), None),
            resolution: (Some(at(3, 5, 1, 0)), None),
            closed: None,
        },
        Req {
            n: 6,
            created: at(2, 28, 16, 30),
            kind: "consultation",
            severity: 3,
            tier: "c",
            channel: "portal",
            device: None,
            status: "cancelled",
            response: (Some(at(3, 1, 5, 0)), None),
            resolution: (Some(at(3, 6, 5, 0)), None),
            closed: Some(at(3, 1, 1, 0)),
        },
    ];
    let mut ids = vec![];
    for r in &reqs {
        ids.push(put(app, org, site, user, r).await);
    }
    let (r1, r2) = (ids[0], ids[1]);
    let resolved = serde_json::json!({ "from": "in_progress", "to": "resolved", "action": "resolve" });
    line(app, r1, "status", resolved.clone(), at(3, 3, 9, 0)).await;
    line(app, r2, "status", resolved, at(3, 12, 2, 0)).await;
    line(app, r2, "escalated", serde_json::json!({ "from": 3, "to": 2, "at": at(3, 11, 3, 0), "deadline": at(3, 11, 2, 0) }), at(3, 11, 3, 0)).await;
    // A line outside March counts nowhere.
    line(app, ids[3], "escalated", serde_json::json!({ "from": 3, "to": 2 }), at(4, 2, 0, 0)).await;
    survey(app, r1, org, user, at(3, 5, 0, 0), Some((5, true))).await;
    survey(app, r2, org, user, at(3, 15, 0, 0), None).await;
    db::entity::complaint::ActiveModel {
        number: Set("CP-2014-000001".into()),
        organization_id: Set(org),
        complainant_id: Set(user),
        request_id: Set(Some(r2)),
        concerns_user_id: Set(None),
        from_survey: Set(false),
        text: Set("Late twice".into()),
        status: Set("acknowledged".into()),
        ack_due_at: Set(at(3, 13, 10, 0)),
        answer_due_at: Set(at(3, 19, 10, 0)),
        acknowledged_at: Set(Some(at(3, 13, 1, 0))),
        supervisor_id: Set(None),
        answered_at: Set(None),
        findings: Set(None),
        changes: Set(None),
        answer: Set(None),
        closed_at: Set(None),
        created_at: Set(at(3, 12, 8, 0)),
        updated_at: Set(at(3, 12, 8, 0)),
        version: Set(0),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    (r1, r2)
}

async fn report(app: &TestApp, c: &reqwest::Client, org: &str, period: &str, day: &str) -> Reply {
    app.call(c, "get_report", &[("q[org]", org), ("q[period]", period), ("q[day]", day)]).await
}

fn count(v: &Value, key: &str) -> u64 {
    v.as_array().unwrap().iter().find(|c| c["key"] == key).map(|c| c["count"].as_u64().unwrap()).unwrap_or(0)
}

fn sla(f: &Value, tier: &str, clock: &str) -> (u64, u64) {
    f["sla"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["tier"] == tier && r["clock"] == clock)
        .map(|r| (r["met"].as_u64().unwrap(), r["missed"].as_u64().unwrap()))
        .unwrap_or((0, 0))
}

both!(a_month_report_matches_the_hand_computed_figures_and_stays_frozen, |app: TestApp| async move {
    let (r1, _) = dataset(&app).await;
    let org = app.org_id("Acme Manufacturing").await.to_string();
    let manager = app.signed_in(MANAGER).await;
    let r = report(&app, &manager, &org, "month", "2014-03-17").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["closed"], true);
    assert_eq!(r.body["tz"], "Asia/Shanghai");
    let f = &r.body["figures"];
    assert_eq!(f["opened"], 4);
    assert_eq!((count(&f["by_kind"], "fault"), count(&f["by_kind"], "consultation")), (2, 2));
    assert_eq!((count(&f["by_severity"], "1"), count(&f["by_severity"], "2"), count(&f["by_severity"], "3")), (1, 1, 2));
    assert_eq!(
        (count(&f["by_channel"], "portal"), count(&f["by_channel"], "phone"), count(&f["by_channel"], "email"), count(&f["by_channel"], "survey")),
        (2, 1, 1, 0)
    );
    assert_eq!((count(&f["by_device"], "server"), count(&f["by_device"], "-")), (1, 3));
    assert_eq!(f["by_site"].as_array().unwrap().iter().map(|c| c["count"].as_u64().unwrap()).sum::<u64>(), 4);
    assert_eq!(sla(f, "a", "first_response"), (1, 1));
    assert_eq!(sla(f, "a", "resolution"), (1, 1));
    assert_eq!(sla(f, "c", "first_response"), (1, 0));
    assert_eq!(sla(f, "c", "resolution"), (0, 0), "paused and cancelled requests are not judged");
    let breaches: Vec<(String, String)> =
        f["breaches"].as_array().unwrap().iter().map(|b| (b["number"].as_str().unwrap().to_string(), b["clock"].as_str().unwrap().to_string())).collect();
    assert_eq!(breaches, vec![("SR-2014-000002".to_string(), "first_response".to_string()), ("SR-2014-000002".into(), "resolution".into())]);
    let bars: Vec<(String, u64, u64, u64)> = f["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["start"].as_str().unwrap().to_string(), b["opened"].as_u64().unwrap(), b["met"].as_u64().unwrap(), b["missed"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        bars,
        vec![
            ("2014-03-01".to_string(), 1, 0, 0),
            ("2014-03-03".into(), 1, 1, 0),
            ("2014-03-10".into(), 1, 0, 1),
            ("2014-03-17".into(), 1, 0, 0),
            ("2014-03-24".into(), 0, 0, 0),
            ("2014-03-31".into(), 0, 0, 0)
        ]
    );
    assert_eq!((f["resolved"].as_u64(), f["reopened"].as_u64(), f["upgrades"].as_u64(), f["escalations"].as_u64()), (Some(2), Some(0), Some(1), Some(0)));
    let s = &f["satisfaction"];
    assert_eq!(
        (
            s["sent"].as_u64(),
            s["answered"].as_u64(),
            s["response_rate_permille"].as_u64(),
            s["average_overall_centi"].as_u64(),
            s["satisfied_permille"].as_u64()
        ),
        (Some(2), Some(1), Some(500), Some(500), Some(1000))
    );
    let c = &f["complaints"];
    assert_eq!((c["made"].as_u64(), c["acknowledged_on_time"].as_u64(), c["answered"].as_u64()), (Some(1), Some(1), Some(0)));
    assert_eq!(c["lines"][0]["number"], "CP-2014-000001");

    // The neighbours hold the requests March does not: R5 in February, R4 in April.
    assert_eq!(report(&app, &manager, &org, "month", "2014-02-01").await.body["figures"]["opened"], 1);
    assert_eq!(report(&app, &manager, &org, "month", "2014-04-30").await.body["figures"]["opened"], 1);
    // The year holds them all; the quarter (Jan–Mar) all but R4.
    assert_eq!(report(&app, &manager, &org, "year", "2014-07-01").await.body["figures"]["opened"], 6);
    assert_eq!(report(&app, &manager, &org, "quarter", "2014-03-31").await.body["figures"]["opened"], 5);

    // R1 is reopened today, after March closed: the frozen month does not move.
    let mut row: db::entity::request::ActiveModel = db::repo::requests::find(&app.db.conn, r1).await.unwrap().unwrap().into();
    row.status = Set("reopened".into());
    row.resolved_at = Set(None);
    row.update(&app.db.conn).await.unwrap();
    line(&app, r1, "status", serde_json::json!({ "from": "resolved", "to": "reopened", "action": "reopen" }), Utc::now()).await;
    let again = report(&app, &manager, &org, "month", "2014-03-01").await;
    assert_eq!(again.body["figures"], r.body["figures"], "a closed period is frozen");
    assert!(again.body["recomputed"].is_null());

    // A manager recomputes it: R1's resolution is now missed, and the change is recorded.
    let changes = app.call(&manager, "recompute_report", &[("org", &org), ("period", "month"), ("day", "2014-03-09")]).await;
    assert_eq!(changes.status, 200, "{}", changes.body);
    assert_eq!(changes.body, serde_json::json!(["sla met: 3 → 2", "sla missed: 2 → 3"]));
    let after = report(&app, &manager, &org, "month", "2014-03-01").await;
    assert_eq!(sla(&after.body["figures"], "a", "resolution"), (0, 2));
    assert_eq!(after.body["recomputed"][0], "Wang Fang");
    let audit = db::entity::audit_entry::Entity::find().filter(db::entity::audit_entry::Column::Action.eq("report.recompute")).all(&app.db.conn).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].detail.contains("sla missed: 2 → 3"), "{}", audit[0].detail);
    // An open period has nothing to recompute.
    let today = Utc::now().date_naive().to_string();
    assert_eq!(app.call(&manager, "recompute_report", &[("org", &org), ("period", "year"), ("day", &today)]).await.status, 409);

    // Drill-downs list exactly the requests counted.
    let drill = |figure: &'static str| {
        let (app, manager, org) = (&app, &manager, org.clone());
        async move {
            let r = app.call(manager, "get_report_requests", &[("q[org]", &org), ("q[period]", "month"), ("q[day]", "2014-03-01"), ("figure", figure)]).await;
            assert_eq!(r.status, 200, "{figure}: {}", r.body);
            r.body["rows"].as_array().unwrap().iter().map(|x| x["number"].as_str().unwrap().to_string()).collect::<Vec<_>>()
        }
    };
    assert_eq!(drill("opened").await, ["SR-2014-000006", "SR-2014-000001", "SR-2014-000002", "SR-2014-000003"]);
    assert_eq!(drill("channel:phone").await, ["SR-2014-000002"]);
    assert_eq!(drill("device:-").await, ["SR-2014-000006", "SR-2014-000002", "SR-2014-000003"]);
    assert_eq!(drill("missed:a:first_response").await, ["SR-2014-000002"]);
    assert_eq!(drill("missed").await, ["SR-2014-000001", "SR-2014-000002"], "R1's reopened clock is missed as of now");
    assert_eq!(drill("upgraded").await, ["SR-2014-000002"]);
    assert_eq!(drill("resolved").await, ["SR-2014-000001", "SR-2014-000002"]);
    assert_eq!(drill("bar:2014-03-10").await, ["SR-2014-000002"]);
    assert_eq!(drill("severity:3").await, ["SR-2014-000006", "SR-2014-000003"]);

    // The exports carry the same figures.
    let csv = app.get(&manager, &format!("/reports/export.csv?org={org}&period=month&day=2014-03-01")).await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"].to_str().unwrap().contains("report-org"), "{:?}", csv.headers());
    let text = csv.text().await.unwrap();
    assert!(text.contains("# sla") && text.contains("A,resolution,0,2,0"), "{text}");
    let xlsx = app.get(&manager, &format!("/reports/export.xlsx?org={org}&period=month&day=2014-03-01")).await;
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip");
});

both!(who_reads_which_report_and_bad_input_is_refused, |app: TestApp| async move {
    dataset(&app).await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let globex = app.org_id("Globex Logistics").await.to_string();
    let lead = app.signed_in(LEAD).await;
    let manager = app.signed_in(MANAGER).await;
    // A site manager reads their organization's, asked for or not; never another's.
    let own = report(&app, &lead, "", "month", "2014-03-01").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(own.body["org"].as_i64().unwrap().to_string(), acme);
    assert_eq!(own.body["figures"]["opened"], 4);
    assert_eq!(report(&app, &lead, &globex, "month", "2014-03-01").await.status, 404);
    assert_eq!(
        app.call(&lead, "get_report_requests", &[("q[org]", &globex), ("q[period]", "month"), ("q[day]", "2014-03-01"), ("figure", "opened")]).await.status,
        404
    );
    assert_eq!(app.get(&lead, &format!("/reports/export.csv?org={globex}&period=month&day=2014-03-01")).await.status(), 404);
    // Globex's lead sees none of Acme's requests in their own report.
    let globex_lead = app.signed_in("lead@globex.example").await;
    assert_eq!(report(&app, &globex_lead, "", "month", "2014-03-01").await.body["figures"]["opened"], 0);
    // Customers, engineers and dispatchers read no report.
    for who in ["user@acme.example", "engineer@provider.example", "dispatcher@provider.example"] {
        let c = app.signed_in(who).await;
        assert_eq!(report(&app, &c, "", "month", "2014-03-01").await.status, 403, "{who}");
        assert_eq!(app.get(&c, "/reports/export.xlsx?period=month&day=2014-03-01").await.status(), 403, "{who}");
    }
    // The provider-wide report holds every organization's requests.
    assert_eq!(report(&app, &manager, "", "month", "2014-03-01").await.body["figures"]["opened"], 4);
    // Only managers recompute and write the narrative.
    assert_eq!(app.call(&lead, "recompute_report", &[("org", ""), ("period", "month"), ("day", "2014-03-01")]).await.status, 403);
    // Bad input: a clear 4xx naming the field, nothing stored.
    for (period, day, field) in [("day", "2014-03-01", "period"), ("month", "31/03/2014", "day"), ("month", "2999-01-01", "day")] {
        let r = report(&app, &manager, &acme, period, day).await;
        assert_eq!(r.status, 422, "{period} {day}: {}", r.body);
        assert!(r.body.to_string().contains(field), "{}", r.body);
    }
    assert_eq!(report(&app, &manager, "x", "month", "2014-03-01").await.status, 422);
    assert_eq!(report(&app, &manager, "999999", "month", "2014-03-01").await.status, 404);
    let bad = app.call(&manager, "get_report_requests", &[("q[org]", &acme), ("q[period]", "month"), ("q[day]", "2014-03-01"), ("figure", "severity:9")]).await;
    assert_eq!(bad.status, 422);
    let bad =
        app.call(&manager, "get_report_requests", &[("q[org]", &acme), ("q[period]", "month"), ("q[day]", "2014-03-01"), ("figure", "bar:2014-04-02")]).await;
    assert_eq!(bad.status, 422);
    let snapshots = db::entity::report_snapshot::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(snapshots.iter().all(|s| s.start != "2999-01-01"));
});

both!(the_weekly_narrative_is_the_managers_and_never_overwritten, |app: TestApp| async move {
    let manager = app.signed_in(MANAGER).await;
    let lead = app.signed_in(LEAD).await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let save = |c: &reqwest::Client, done: &str, version: &str| {
        // Nothing written at all when `done` is blank.
        let (not_done, plan) = if done.trim().is_empty() { ("", "") } else { ("UPS test: parts late", "Swap the UPS batteries") };
        let form = [("org", acme.as_str()), ("day", "2014-03-12"), ("done", done), ("not_done", not_done), ("plan", plan), ("version", version)];
        let form: Vec<(String, String)> = form.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let c = c.clone();
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            app.call(&c, "save_report_narrative", &form).await
        }
    };
    assert_eq!(save(&lead, "x", "0").await.status, 403);
    assert_eq!(save(&manager, " ", "0").await.status, 422, "something must be written");
    let ok = save(&manager, "Replaced the core switch", "0").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    // A second save from the same old reading is refused, not applied.
    assert_eq!(save(&manager, "Other words", "0").await.status, 409);
    let week = report(&app, &lead, "", "week", "2014-03-12").await;
    assert_eq!(week.status, 200, "{}", week.body);
    assert_eq!(week.body["narrative"]["done"], "Replaced the core switch");
    assert_eq!(week.body["narrative"]["plan"], "Swap the UPS batteries");
    assert_eq!(week.body["narrative"]["author"], "Wang Fang");
    assert_eq!(save(&manager, "Replaced the core switch and a PSU", "1").await.status, 200);
    // Months have no narrative.
    assert!(report(&app, &lead, "", "month", "2014-03-12").await.body["narrative"].is_null());
});

both!(ended_periods_are_frozen_by_the_job_and_mailed_once_to_their_recipients, |app: TestApp| async move {
    // Noon on 1 July 2026 in Shanghai: the last week, June, Q2 and 2014 have all ended.
    let now = Utc.with_ymd_and_hms(2026, 7, 1, 4, 0, 0).unwrap();
    assert_eq!(app::ssr::reports::freeze_due(&app.db, now, 1000).await.unwrap(), 12);
    // Four kinds for the provider and each customer organization (Acme, Globex).
    let periods = [("week", "2026-06-22"), ("month", "2026-06-01"), ("quarter", "2026-04-01"), ("year", "2025-01-01")];
    for (kind, start) in periods {
        let scopes = db::repo::reports::frozen_scopes(&app.db.conn, kind, start).await.unwrap();
        assert_eq!(scopes.len(), 3, "{kind} {start}: {scopes:?}");
    }
    assert_eq!(app::ssr::reports::freeze_due(&app.db, now, 1000).await.unwrap(), 0, "frozen once");
    // Acme's site manager is told of the month's report (the default); the customer is not.
    let notes = |email: &'static str| {
        let app = &app;
        async move {
            let id = app.user_id(email).await;
            db::entity::notification::Entity::find()
                .filter(db::entity::notification::Column::UserId.eq(id))
                .filter(db::entity::notification::Column::Kind.eq("report"))
                .all(&app.db.conn)
                .await
                .unwrap()
                .into_iter()
                .filter(|n| n.body.contains("2026-06"))
                .collect::<Vec<_>>()
        }
    };
    let lead_notes = notes(LEAD).await;
    assert_eq!(lead_notes.len(), 1, "{lead_notes:?}");
    assert!(lead_notes[0].body.contains("/reports?org="), "{}", lead_notes[0].body);
    assert!(notes("user@acme.example").await.is_empty());
    assert!(notes(MANAGER).await.is_empty(), "managers receive reports only when chosen");

    // A manager chooses: the lead no longer gets the monthly one, the manager gets the weekly.
    let manager = app.signed_in(MANAGER).await;
    let lead_id = app.user_id(LEAD).await;
    let manager_id = app.user_id(MANAGER).await;
    let shown = format!("{lead_id}:month,{manager_id}:week");
    let week_key = format!("receives[u{manager_id}_week]");
    let r = app.call(&manager, "save_report_recipients", &[("shown", &shown), (&week_key, "on")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = app.call(&manager, "get_report_recipients", &[]).await;
    let row = |id: i32| rows.body.as_array().unwrap().iter().find(|r| r["user_id"] == id).unwrap()["receives"].clone();
    assert_eq!(row(lead_id), serde_json::json!([false, false, false, false]));
    assert_eq!(row(manager_id), serde_json::json!([true, false, false, false]));
    // Not everyone can be chosen, and only managers choose.
    let customer_id = app.user_id("user@acme.example").await;
    assert_eq!(app.call(&manager, "save_report_recipients", &[("shown", &format!("{customer_id}:month"))]).await.status, 422);
    let lead = app.signed_in(LEAD).await;
    assert_eq!(app.call(&lead, "get_report_recipients", &[]).await.status, 403);
    let recipients = app::ssr::reports::recipients(&app.db.conn, domain::report::Scope::Provider, domain::report::PeriodKind::Week).await.unwrap();
    assert_eq!(recipients.iter().map(|u| u.id).collect::<Vec<_>>(), vec![manager_id]);
});
