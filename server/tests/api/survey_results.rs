//! Survey results through the real router: who sees which surveys (all, their organization,
//! their own work, nobody), the figures for a small hand-computed set, the provider's time
//! zone at a month's edge, field errors for bad dates, and the CSV export's permissions and
//! content (formula injection neutralised).
use chrono::{DateTime, TimeZone, Utc};
use db::{
    entity::survey,
    sea_orm::ActiveValue::{NotSet, Set},
};
use serde_json::Value;

use crate::{both, helpers::*, requests::submit};

/// The surveys every test starts from (closing times in UTC):
///
/// | request | org    | engineer  | closed (UTC)      | answered | overall | own verdict | outcome | comment |
/// |---------|--------|-----------|-------------------|----------|---------|-------------|---------|---------|
/// | a1      | Acme   | engineer  | 2026-03-02 02:00  | yes      | 5       | yes         | yes     | Great work |
/// | a2      | Acme   | engineer  | 2026-03-10 02:00  | yes      | 2       | no          | yes (a follow-up put it right) | =HYPERLINK |
/// | a3      | Acme   | engineer2 | 2026-03-20 02:00  | no       |         |             |         | |
/// | a4      | Acme   | engineer  | 2026-03-25 02:00  | not sampled: never sent, never counted |||||
/// | g1      | Globex | engineer2 | 2026-03-05 02:00  | yes      | 1       | no          | no      | GLOBEX-SECRET |
/// | g2      | Globex | engineer  | 2026-03-31 17:00  | yes      | 4       | yes         | yes     | |
///
/// g2 closed on 31 March in UTC but on 1 April in Shanghai, the provider's zone.
struct Seeded {
    acme: i32,
    globex: i32,
    engineer: i32,
    engineer2: i32,
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

struct Row<'a> {
    number: &'a str,
    engineer: i32,
    closed: DateTime<Utc>,
    sampled: bool,
    answer: Option<(i16, bool, bool)>,
    comment: Option<&'a str>,
}

async fn insert(app: &TestApp, r: Row<'_>) {
    let req = db::repo::requests::find_by_number(&app.db.conn, r.number).await.unwrap().unwrap();
    let answered = r.answer.map(|_| r.closed + chrono::Duration::hours(5));
    db::repo::surveys::insert(
        &app.db.conn,
        survey::ActiveModel {
            id: NotSet,
            request_id: Set(req.id),
            respondent_id: Set(req.requester_id),
            organization_id: Set(req.organization_id),
            site_id: Set(Some(req.site_id)),
            engineer_id: Set(Some(r.engineer)),
            closed_at: Set(r.closed),
            due_at: Set(r.closed),
            expires_at: Set(r.closed + chrono::Duration::days(14)),
            sampled: Set(r.sampled),
            question_ids: Set("[]".into()),
            invited_at: Set(r.sampled.then_some(r.closed)),
            reminded_at: Set(None),
            first_answered_at: Set(answered),
            answered_at: Set(answered),
            overall: Set(r.answer.map(|a| a.0)),
            solved: Set(r.answer.map(|a| a.1)),
            satisfied: Set(r.answer.map(|a| a.1)),
            outcome_satisfied: Set(r.answer.map(|a| a.2)),
            answers_json: Set(None),
            comment: Set(r.comment.map(str::to_string)),
            followup_request_id: Set(None),
            version: Set(0),
        },
    )
    .await
    .unwrap();
}

async fn seed(app: &TestApp) -> Seeded {
    let acme_user = app.signed_in("user@acme.example").await;
    let globex_user = app.signed_in("user@globex.example").await;
    let mut acme = Vec::new();
    for i in 0..4 {
        acme.push(submit(app, &acme_user, &format!("Acme request {i}"), "3").await);
    }
    let mut globex = Vec::new();
    for i in 0..2 {
        globex.push(submit(app, &globex_user, &format!("Globex request {i}"), "3").await);
    }
    let s = Seeded {
        acme: app.org_id("Acme Manufacturing").await,
        globex: app.org_id("Globex Logistics").await,
        engineer: app.user_id("engineer@provider.example").await,
        engineer2: app.user_id("engineer2@provider.example").await,
    };
    let rows = [
        Row {
            number: &acme[0],
            engineer: s.engineer,
            closed: at(2026, 3, 2, 2),
            sampled: true,
            answer: Some((5, true, true)),
            comment: Some("Great work, fast fix"),
        },
        Row {
            number: &acme[1],
            engineer: s.engineer,
            closed: at(2026, 3, 10, 2),
            sampled: true,
            answer: Some((2, false, true)),
            comment: Some("=HYPERLINK(\"http://evil.example\")"),
        },
        Row { number: &acme[2], engineer: s.engineer2, closed: at(2026, 3, 20, 2), sampled: true, answer: None, comment: None },
        Row { number: &acme[3], engineer: s.engineer, closed: at(2026, 3, 25, 2), sampled: false, answer: None, comment: None },
        Row {
            number: &globex[0],
            engineer: s.engineer2,
            closed: at(2026, 3, 5, 2),
            sampled: true,
            answer: Some((1, false, false)),
            comment: Some("GLOBEX-SECRET far too slow"),
        },
        Row { number: &globex[1], engineer: s.engineer, closed: at(2026, 3, 31, 17), sampled: true, answer: Some((4, true, true)), comment: None },
    ];
    for r in rows {
        insert(app, r).await;
    }
    s
}

/// Calls `survey_results` with the page's query-string fields.
async fn results(app: &TestApp, c: &reqwest::Client, q: &[(&str, &str)]) -> Reply {
    let get = |k: &str| q.iter().find(|(n, _)| *n == k).map(|(_, v)| *v).unwrap_or("");
    let form = [
        ("filter[org]", get("org")),
        ("filter[site]", get("site")),
        ("filter[engineer]", get("engineer")),
        ("filter[from]", get("from")),
        ("filter[until]", get("until")),
        ("filter[period]", get("period")),
    ];
    app.call(c, "survey_results", &form).await
}

async fn ok(app: &TestApp, c: &reqwest::Client, q: &[(&str, &str)]) -> Value {
    let r = results(app, c, q).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

/// (sent, answered, response rate ‰, average ×100, satisfied ‰) of a summary.
fn figures(s: &Value) -> (u64, u64, Option<u64>, Option<u64>, Option<u64>) {
    (
        s["sent"].as_u64().unwrap(),
        s["answered"].as_u64().unwrap(),
        s["response_rate_permille"].as_u64(),
        s["average_overall_centi"].as_u64(),
        s["satisfied_permille"].as_u64(),
    )
}

fn group<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("no row {name} in {rows}"))
}

both!(survey_results_manager_sees_all_with_the_right_figures, |app: TestApp| async move {
    seed(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let r = ok(&app, &manager, &[]).await;
    assert_eq!(r["scope"], "all");
    // Five sent (a4 was not sampled), four answered; scores 5, 2, 1, 4; satisfied by
    // outcome a1, a2, g2 of four (by own verdicts it would be two of four).
    assert_eq!(figures(&r["total"]), (5, 4, Some(800), Some(300), Some(750)));
    assert_eq!(figures(&group(&r["by_organization"], "Acme Manufacturing")["summary"]), (3, 2, Some(667), Some(350), Some(1000)));
    assert_eq!(figures(&group(&r["by_organization"], "Globex Logistics")["summary"]), (2, 2, Some(1000), Some(250), Some(500)));
    assert_eq!(figures(&group(&r["by_engineer"], "Li Qiang")["summary"]), (3, 3, Some(1000), Some(367), Some(1000)));
    assert_eq!(figures(&group(&r["by_engineer"], "Erik Engineer")["summary"]), (2, 1, Some(500), Some(100), Some(0)));
    assert_eq!(r["by_site"].as_array().unwrap().len(), 2, "{}", r["by_site"]);
    // Months in Shanghai: g2 (31 March 17:00 UTC) is April's.
    let trend = r["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 2, "{}", r["trend"]);
    assert_eq!(trend[0]["start"], "2026-03-01");
    assert_eq!(figures(&trend[0]["summary"]), (4, 3, Some(750), Some(267), Some(667)));
    assert_eq!(trend[1]["start"], "2026-04-01");
    assert_eq!(figures(&trend[1]["summary"]), (1, 1, Some(1000), Some(400), Some(1000)));
    // Comments: newest first, with number, organization and engineer.
    let comments = r["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 3);
    assert!(comments[0]["text"].as_str().unwrap().starts_with("=HYPERLINK"), "{}", r["comments"]);
    assert_eq!(comments[0]["org_name"], "Acme Manufacturing");
    assert_eq!(comments[0]["engineer_name"], "Li Qiang");
    assert!(comments[0]["number"].as_str().unwrap().starts_with("SR-"));
    // Options: every customer organization and the engineers.
    let orgs: Vec<&str> = r["organizations"].as_array().unwrap().iter().map(|o| o[1].as_str().unwrap()).collect();
    assert_eq!(orgs, ["Acme Manufacturing", "Globex Logistics"]);
    assert!(r["engineers"].as_array().unwrap().len() >= 2);

    // Dates are whole Shanghai days: March leaves g2 out; weeks start on Mondays.
    let march = ok(&app, &manager, &[("from", "2026-03-01"), ("until", "2026-03-31"), ("period", "week")]).await;
    assert_eq!(figures(&march["total"]).0, 4);
    assert_eq!(march["trend"][0]["start"], "2026-03-02");
    let april = ok(&app, &manager, &[("from", "2026-04-01"), ("until", "2026-04-01")]).await;
    assert_eq!(figures(&april["total"]), (1, 1, Some(1000), Some(400), Some(1000)));
    // A filter narrows: Globex only, then one engineer.
    let globex = ok(&app, &manager, &[("org", &app.org_id("Globex Logistics").await.to_string())]).await;
    assert_eq!(figures(&globex["total"]).0, 2);
    assert_eq!(globex["sites"].as_array().unwrap().len(), 1, "the chosen organization's sites are offered");
    let eng2 = app.user_id("engineer2@provider.example").await.to_string();
    assert_eq!(figures(&ok(&app, &manager, &[("engineer", &eng2)]).await["total"]).0, 2);
    // Admins see everything too.
    let admin = app.signed_in("admin@provider.example").await;
    assert_eq!(figures(&ok(&app, &admin, &[]).await["total"]).0, 5);
});

both!(survey_results_site_manager_sees_only_their_organization, |app: TestApp| async move {
    let s = seed(&app).await;
    let lead = app.signed_in("lead@acme.example").await;
    for q in [vec![], vec![("org", s.globex.to_string())]] {
        let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = ok(&app, &lead, &q).await;
        assert_eq!(r["scope"], "organization");
        assert_eq!(figures(&r["total"]), (3, 2, Some(667), Some(350), Some(1000)), "asking for Globex must not widen it: {q:?}");
        let orgs = r["by_organization"].as_array().unwrap();
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0]["name"], "Acme Manufacturing");
        assert!(!r.to_string().contains("GLOBEX-SECRET"), "another organization's comment leaked");
        assert!(!r.to_string().contains("Globex"), "another organization's name leaked");
        assert_eq!(r["organizations"].as_array().unwrap().len(), 1);
        assert_eq!(r["sites"].as_array().unwrap().len(), 2, "Acme's own two sites");
    }
    // A Globex site under Acme's scope matches nothing.
    let globex_site = db::repo::sites::list_by_org(&app.db.conn, s.globex).await.unwrap()[0].id.to_string();
    assert_eq!(figures(&ok(&app, &lead, &[("site", &globex_site)]).await["total"]).0, 0);
    // And Globex's site manager sees Globex only.
    let other = app.signed_in("lead@globex.example").await;
    let r = ok(&app, &other, &[("org", &s.acme.to_string())]).await;
    assert_eq!(figures(&r["total"]).0, 2);
    assert!(!r.to_string().contains("Great work"));
});

both!(survey_results_engineer_sees_only_their_own_work, |app: TestApp| async move {
    let s = seed(&app).await;
    let engineer = app.signed_in("engineer@provider.example").await;
    for q in [vec![], vec![("engineer", s.engineer2.to_string())]] {
        let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = ok(&app, &engineer, &q).await;
        assert_eq!(r["scope"], "own");
        // a1, a2, g2: scores 5, 2, 4, all satisfied in the end.
        assert_eq!(figures(&r["total"]), (3, 3, Some(1000), Some(367), Some(1000)), "{q:?}");
        assert_eq!(r["by_engineer"].as_array().unwrap().len(), 1);
        assert!(!r.to_string().contains("GLOBEX-SECRET"), "another engineer's comment leaked");
        assert_eq!(r["engineers"], serde_json::json!([[s.engineer, "Li Qiang"]]));
    }
    // Their own work can be narrowed by organization.
    assert_eq!(figures(&ok(&app, &engineer, &[("org", &s.acme.to_string())]).await["total"]).0, 2);
});

both!(survey_results_refused_to_customers_and_dispatchers, |app: TestApp| async move {
    seed(&app).await;
    for email in ["user@acme.example", "user@globex.example", "dispatcher@provider.example"] {
        let c = app.signed_in(email).await;
        let r = results(&app, &c, &[]).await;
        assert_eq!(r.status, 403, "{email}: {}", r.body);
        assert_eq!(app.get(&c, "/surveys/results.csv").await.status(), 403, "{email} csv");
        assert_eq!(app.get(&c, "/surveys/results").await.status(), 403, "{email} page");
    }
    let anonymous = client();
    assert_eq!(results(&app, &anonymous, &[]).await.status, 401);
    assert_eq!(app.get(&anonymous, "/surveys/results.csv").await.status(), 401);
});

both!(survey_results_bad_dates_are_field_errors, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let r = results(&app, &manager, &[("from", "2026-13-01"), ("until", "yesterday")]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(field_codes(&r.body), [("from".to_string(), "invalid_choice".to_string()), ("until".to_string(), "invalid_choice".to_string())]);
    let r = results(&app, &manager, &[("from", "2026-03-10"), ("until", "2026-03-01")]).await;
    assert_eq!(field_codes(&r.body), [("until".to_string(), "out_of_range".to_string())]);
    let r = results(&app, &manager, &[("period", "year")]).await;
    assert_eq!(field_codes(&r.body), [("period".to_string(), "invalid_choice".to_string())]);
    assert_eq!(app.get(&manager, "/surveys/results.csv?from=2026-02-30").await.status(), 422);
    // The page shows the error at the field instead of failing.
    let page = app.get(&manager, "/surveys/results?from=2026-02-30").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("YYYY-MM-DD"));
});

both!(survey_results_csv_export, |app: TestApp| async move {
    let s = seed(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let res = app.get(&manager, "/surveys/results.csv").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\"satisfaction-") && disposition.ends_with(".csv\""), "{disposition}");
    let body = res.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "request_number,closed_on,organization,site,engineer,answered_at,overall,solved,satisfied,comment");
    assert_eq!(lines.len(), 6, "a header and five sent surveys: {body}");
    // Newest closed first, closing dates in Shanghai.
    assert!(lines[1].contains(",2026-04-01,Globex Logistics,"), "{}", lines[1]);
    // The formula is text: a leading quote, and the field quoted for its quotes.
    assert!(body.contains(r#""'=HYPERLINK(""http://evil.example"")""#), "{body}");
    assert!(!body.contains(",=HYPERLINK"), "{body}");
    let a2 = lines.iter().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(a2.contains(",Li Qiang,") && a2.contains(",2,no,yes,"), "outcome satisfied, own solved: {a2}");
    // The same filters as the page.
    let march = app.get(&manager, "/surveys/results.csv?until=2026-03-31").await.text().await.unwrap();
    assert_eq!(march.split("\r\n").filter(|l| !l.is_empty()).count(), 5);

    // A site manager gets their organization's rows only, whatever they ask for.
    let lead = app.signed_in("lead@acme.example").await;
    let res = app.get(&lead, &format!("/surveys/results.csv?org={}", s.globex)).await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(!body.contains("GLOBEX-SECRET") && !body.contains("Globex"), "{body}");
    assert_eq!(body.split("\r\n").filter(|l| !l.is_empty()).count(), 4, "{body}");
    // An engineer gets their own.
    let engineer2 = app.signed_in("engineer2@provider.example").await;
    let body = app.get(&engineer2, &format!("/surveys/results.csv?engineer={}", s.engineer)).await.text().await.unwrap();
    assert_eq!(body.split("\r\n").filter(|l| !l.is_empty()).count(), 3, "{body}");
    assert!(body.contains("GLOBEX-SECRET") && !body.contains("Great work"), "{body}");
});

both!(survey_results_page_renders_for_each_scope, |app: TestApp| async move {
    seed(&app).await;
    let manager = app.signed_in("manager@provider.example").await;
    let res = app.get(&manager, "/surveys/results?period=week").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    for expected in ["80.0 %", "3.00", "75.0 %", "<svg", "role=\"img\"", "/surveys/results.csv?period=week", "Globex Logistics", "SR-"] {
        assert!(html.contains(expected), "page lacks {expected}");
    }
    let lead = app.signed_in("lead@acme.example").await;
    let html = app.get(&lead, "/surveys/results").await.text().await.unwrap();
    assert!(html.contains("66.7 %") && !html.contains("GLOBEX-SECRET"));
});
