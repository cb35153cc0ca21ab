//! Times the satisfaction results over many surveys and a rush on a training session's seats,
//! against the real portal started in-process on a fresh SQLite database (or the
//! PostgreSQL database given):
//!
//! `cargo run --release -p bench --bin survey_training -- [--surveys 200000] [--bookers 300] [--capacity 50] [DATABASE_URL]`
//!
//! Results: median of 7 calls of `survey_results` (manager: everything; site manager: one
//! organization) and of the CSV export. Seats: every booker signed in first, then all book at
//! once; prints latency percentiles and checks that exactly `capacity` seats were confirmed.
use std::time::{Duration, Instant};

use db::sea_orm::{ConnectionTrait, Statement};
use reqwest::{redirect::Policy, Client};
use server::{config::Config, startup::Application};

const PASSWORD: &str = db::seed::DEMO_PASSWORD;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn client() -> Client {
    Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client")
}

async fn call(base: &str, c: &Client, f: &str, form: &[(&str, &str)]) -> (u16, String) {
    let r = c.post(format!("{base}/api/{f}")).header("origin", base).form(form).send().await.expect("call");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

async fn signed_in(base: &str, email: &str) -> Client {
    let c = client();
    let (status, body) = call(base, &c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, 200, "sign in {email}: {body}");
    c
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `n` sampled, sent surveys over the demo organizations, closed over the last year, 80 %
/// answered, in multi-row inserts (the bench measures reading them, not writing them).
async fn fill_surveys(conn: &impl ConnectionTrait, n: usize) -> Result<(), String> {
    let backend = conn.get_database_backend();
    let q = |sql: &str| Statement::from_string(backend, sql.to_string());
    let ids = |sql: &str| {
        let sql = sql.to_string();
        async move {
            let rows = conn.query_all_raw(q(&sql)).await.map_err(|e| e.to_string())?;
            rows.iter().map(|r| r.try_get::<i32>("", "id").map_err(|e| e.to_string())).collect::<Result<Vec<i32>, String>>()
        }
    };
    let orgs = ids("SELECT id FROM organizations WHERE kind = 'customer'").await?;
    let engineers = ids("SELECT id FROM users WHERE role = 'engineer'").await?;
    let respondent = ids("SELECT id FROM users WHERE role = 'customer' LIMIT 1").await?[0];
    let now = chrono::Utc::now();
    let mut done = 0;
    while done < n {
        let chunk = (n - done).min(500);
        let mut values = Vec::with_capacity(chunk);
        for i in done..done + chunk {
            let closed = now - chrono::Duration::minutes((i as i64 * 525_600 / n as i64).max(1));
            let ts = |t: chrono::DateTime<chrono::Utc>| format!("'{}'", t.format("%Y-%m-%d %H:%M:%S%:z"));
            let answered = i % 5 != 0;
            let overall = 1 + (i * 7 % 5) as i16;
            let (a, o, sat) = if answered {
                (ts(closed + chrono::Duration::hours(3)), overall.to_string(), (overall > 2).to_string())
            } else {
                ("NULL".into(), "NULL".into(), "NULL".into())
            };
            let comment = if answered && i % 10 == 1 { format!("'comment {i}'") } else { "NULL".into() };
            values.push(format!(
                "({req}, {respondent}, {org}, NULL, {eng}, {c}, {c}, {e}, TRUE, '[]', {c}, NULL, {a}, {a}, {o}, NULL, {sat}, {sat}, NULL, {comment}, NULL, 0)",
                req = 10_000_000 + i,
                org = orgs[i % orgs.len()],
                eng = engineers[i % engineers.len()],
                c = ts(closed),
                e = ts(closed + chrono::Duration::days(14)),
            ));
        }
        let sql = format!(
            "INSERT INTO surveys (request_id, respondent_id, organization_id, site_id, engineer_id, closed_at, due_at, expires_at, sampled, question_ids, invited_at, reminded_at, first_answered_at, answered_at, overall, solved, satisfied, outcome_satisfied, answers_json, comment, followup_request_id, version) VALUES {}",
            values.join(",")
        );
        conn.execute_raw(q(&sql)).await.map_err(|e| e.to_string())?;
        done += chunk;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let surveys = arg(&args, "--surveys", 200_000);
    let bookers = arg(&args, "--bookers", 300);
    let capacity = arg(&args, "--capacity", 50);
    let dir = std::env::temp_dir().join(format!("portal-bench-st-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = args.iter().find(|a| a.contains("://")).cloned().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let mut config = Config::for_tests(&url);
    config.signin_per_address = 1_000_000;
    let app = Application::build(config).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());

    // ---- survey results
    let t = Instant::now();
    fill_surveys(&db.conn, surveys).await?;
    println!("filled {surveys} surveys in {:.1} s", t.elapsed().as_secs_f64());
    let filter =
        [("filter[org]", ""), ("filter[site]", ""), ("filter[engineer]", ""), ("filter[from]", ""), ("filter[until]", ""), ("filter[period]", "month")];
    for who in ["manager@provider.example", "lead@acme.example"] {
        let c = signed_in(&base, who).await;
        let mut times = vec![];
        for _ in 0..7 {
            let t = Instant::now();
            let (status, body) = call(&base, &c, "survey_results", &filter).await;
            assert_eq!(status, 200, "{body}");
            times.push(t.elapsed());
        }
        let mut csv_times = vec![];
        let mut size = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let r = c.get(format!("{base}/surveys/results.csv")).send().await.map_err(|e| e.to_string())?;
            size = r.bytes().await.map_err(|e| e.to_string())?.len();
            csv_times.push(t.elapsed());
        }
        println!("survey_results as {who}: median {:.1} ms; CSV median {:.1} ms ({size} bytes)", ms(median(times)), ms(median(csv_times)));
    }

    // ---- a rush on one session's seats
    let desk = signed_in(&base, "dispatcher@provider.example").await;
    let cap = capacity.to_string();
    let (status, body) = call(
        &base,
        &desk,
        "save_training",
        &[
            ("id", "0"),
            ("title", "Rush"),
            ("kind", "product"),
            ("description", ""),
            ("trainer", "Bench"),
            ("tz", "Asia/Shanghai"),
            ("starts_at", "2030-01-10T09:00"),
            ("ends_at", "2030-01-10T12:00"),
            ("delivery", "on_site"),
            ("place", "Room 1"),
            ("link", ""),
            ("capacity", &cap),
            ("booking_deadline", "2030-01-09T18:00"),
            ("invited", "all"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let session = body.trim().to_string();
    let org = db::repo::organizations::list(&db.conn).await.map_err(|e| e.to_string())?.into_iter().find(|o| o.kind == "customer").ok_or("no customer org")?;
    let hash = db::password::hash(PASSWORD);
    for i in 0..bookers {
        let email = format!("booker{i}@bench.example");
        db::repo::users::insert(
            &db.conn,
            db::repo::users::NewUserRow {
                org_id: org.id,
                site_id: None,
                email: &email,
                display_name: &email,
                phone: None,
                role: domain::Role::Customer,
                password_hash: &hash,
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    let t = Instant::now();
    let clients = futures::future::join_all((0..bookers).map(|i| {
        let base = base.clone();
        async move { signed_in(&base, &format!("booker{i}@bench.example")).await }
    }))
    .await;
    println!("{bookers} bookers signed in in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let results = futures::future::join_all(clients.iter().map(|c| {
        let (base, session) = (base.clone(), session.clone());
        async move {
            let t = Instant::now();
            let (status, body) = call(&base, c, "book_training", &[("id", &session), ("user_id", "")]).await;
            (t.elapsed(), status, body)
        }
    }))
    .await;
    let wall = t.elapsed();
    let mut lat: Vec<Duration> = results.iter().map(|r| r.0).collect();
    lat.sort();
    let confirmed = results.iter().filter(|r| r.1 == 200 && r.2.contains("confirmed")).count();
    let waiting = results.iter().filter(|r| r.1 == 200 && r.2.contains("waitlisted")).count();
    let failed = results.iter().filter(|r| r.1 != 200).count();
    let pct = |p: f64| ms(lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)]);
    println!(
        "{bookers} bookings at once for {capacity} seats: {confirmed} confirmed, {waiting} waiting, {failed} failed; all done in {:.0} ms; latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        ms(wall),
        pct(0.5),
        pct(0.99),
        ms(*lat.last().unwrap())
    );
    assert_eq!(confirmed, capacity.min(bookers), "capacity held");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
