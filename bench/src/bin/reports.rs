//! Times service reports over a large request table, against the real portal started
//! in-process on a fresh SQLite database (or the PostgreSQL database given):
//!
//! `scripts/bench-reports.sh [--requests 1000000] [--runs 3] [postgres://…]`
//!
//! Fills N requests spread over the last year (the main bench's fill: statuses, severities,
//! kinds, on-site clocks and deadlines varied, the demo organizations and sites), then
//! computes reports as the page does (`app::ssr::reports::compute`: every section's GROUP BY)
//! for the last full month and the current year, provider-wide and for one organization, and
//! prints the median of `--runs` computations of each, with how many requests they counted.
#[path = "../fill.rs"]
#[allow(dead_code)]
mod fill;
#[path = "../session.rs"]
#[allow(dead_code)]
mod session;

use std::time::{Duration, Instant};

use domain::report::{Period, PeriodKind, Scope};
use server::{config::Config, startup::Application};

/// The same allocator as the server binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = arg(&args, "--requests", 1_000_000);
    let runs = arg(&args, "--runs", 3).max(1) as usize;
    let pg = args.iter().find(|a| a.starts_with("postgres://")).cloned();
    let dir = std::env::temp_dir().join(format!("portal-bench-reports-{}", uuid::Uuid::new_v4()));
    let url = match &pg {
        Some(u) => u.clone(),
        None => {
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            format!("sqlite://{}?mode=rwc", dir.join("bench.db").display())
        }
    };
    let mut config = Config::for_tests(&url);
    config.signin_per_address = 1_000_000;
    config.signin_per_account = 1_000_000;
    let app = Application::build(config).await?;
    let portal = session::Portal { base: format!("http://127.0.0.1:{}", app.port()) };
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());

    eprintln!("filling {n} requests…");
    let filled = fill::run(&portal, &db, n).await?;
    eprintln!("filled {} rows in {:.0} s", filled.rows, filled.seconds);
    if db.kind == db::DbKind::Sqlite {
        // What a long-running SQLite server has: statistics for the planner.
        db::sea_orm::ConnectionTrait::execute_unprepared(&db.conn, "ANALYZE").await.map_err(|e| e.to_string())?;
    }

    let conn = &db.conn;
    let acme = db::repo::organizations::list(conn).await.map_err(|e| e.to_string())?.into_iter().find(|o| o.name == "Acme Manufacturing").ok_or("no Acme")?.id;
    let now = chrono::Utc::now();
    let tz = app::ssr::reports::PROVIDER_TZ;
    let month = Period::at(PeriodKind::Month, now, tz).prev();
    let year = Period::at(PeriodKind::Year, now, tz);
    println!("Reports over {n} requests ({}), median of {runs}:", if pg.is_some() { "PostgreSQL" } else { "SQLite" });
    println!("{:<34} {:>10} {:>12}", "report", "requests", "median ms");
    for (name, scope, period) in [
        ("month, all customers", Scope::Provider, month),
        ("month, one organization", Scope::Organization(acme), month),
        ("year, all customers", Scope::Provider, year),
        ("year, one organization", Scope::Organization(acme), year),
    ] {
        let mut times = vec![];
        let mut opened = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let f = app::ssr::reports::compute(conn, scope, &period, tz, now).await.map_err(|e| format!("{e:?}"))?;
            times.push(started.elapsed());
            opened = f.opened;
        }
        times.sort();
        println!("{:<34} {:>10} {:>12.0}", format!("{name} ({})", period.code()), opened, ms(times[times.len() / 2]));
    }
    // Where the year's time goes, section by section (one run each).
    let span = app::ssr::reports::span_of(Scope::Provider, &year, tz, now);
    let bars: Vec<chrono::DateTime<chrono::Utc>> = year.buckets().iter().skip(1).map(|d| domain::report::local_midnight(*d, tz)).collect();
    let surveys = db::repo::surveys::Scope { organization_id: None, engineer_id: None, site_id: None, from: Some(span.from), until: Some(span.until) };
    macro_rules! timed {
        ($name:expr, $e:expr) => {{
            let started = Instant::now();
            $e.await.map_err(|e| e.to_string())?;
            println!("  {:<32} {:>8.0} ms", $name, ms(started.elapsed()));
        }};
    }
    println!("year, all customers, per section:");
    use db::repo::reports as r;
    timed!("cohort GROUP BY", r::cohort_groups(conn, &span, &bars));
    timed!("per site", r::by_site(conn, &span));
    timed!("breaches (first 200)", r::breaches(conn, &span, 200));
    timed!("timeline lines", r::line_counts(conn, &span));
    timed!("emergency plans", r::emergency_plans(conn, &span));
    timed!("satisfaction", r::survey_sums(conn, &surveys, r::SurveyGroup::Total, &[]));
    timed!("inspections", r::inspections(conn, &span));
    timed!("training", r::training(conn, &span));
    timed!("complaints", r::complaints(conn, &span, 100));
    if pg.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::process::exit(0);
}
