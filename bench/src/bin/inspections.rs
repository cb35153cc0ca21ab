//! Times the generation of a year of inspections for many contracts, against the real portal
//! started in-process on a fresh SQLite database (or the PostgreSQL database given):
//!
//! `scripts/bench-inspections.sh [--contracts 1000] [--sites 2] [DATABASE_URL]`
//!
//! Fills N customer organizations, each with `--sites` sites, a contract and the default plan
//! (quarterly), then generates next year's inspections for all of them (what the hourly job
//! does), then generates again (nothing to add: the idempotent run every instance makes).
use std::time::Instant;

use chrono::Datelike;
use server::{config::Config, startup::Application};

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let contracts = arg(&args, "--contracts", 1000);
    let sites = arg(&args, "--sites", 2);
    let dir = std::env::temp_dir().join(format!("portal-bench-insp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = args.iter().find(|a| a.contains("://")).cloned().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let app = Application::build(Config::for_tests(&url)).await?;
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let kind = if url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" };

    let now = chrono::Utc::now();
    let next = now.year() + 1;
    let from = chrono::NaiveDate::from_ymd_opt(next, 1, 1).ok_or("date")?;
    let template = db::seed::checklist(&db).await.map_err(|e| e.to_string())?;
    let t = Instant::now();
    let tx = db.begin_write().await.map_err(|e| e.to_string())?;
    let tz = chrono_tz::Asia::Shanghai;
    for i in 0..contracts {
        let org = db::repo::organizations::insert(&*tx, &format!("Bench customer {i}"), domain::OrgKind::Customer).await.map_err(|e| e.to_string())?;
        for s in 0..sites {
            db::repo::sites::insert(&*tx, org.id, &format!("Site {s}"), "Bench road").await.map_err(|e| e.to_string())?;
        }
        let terms = domain::ticket::SlaTerms::default_for(domain::sla::Tier::B, tz);
        let c = db::repo::contracts::insert(&*tx, org.id, &terms, from).await.map_err(|e| e.to_string())?;
        let settings = serde_json::to_string(&domain::inspection::PlanSettings::default()).map_err(|e| e.to_string())?;
        db::repo::inspections::save_plan(&*tx, None, c.id, org.id, settings, template, from, None).await.map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("filled {contracts} contracts with {sites} sites each in {:.1} s ({kind})", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let g = app::ssr::inspections::generate_all(&db, &[next], now).await.map_err(|e| format!("{e:?}"))?;
    let first = t.elapsed();
    let t = Instant::now();
    let again = app::ssr::inspections::generate_all(&db, &[next], now).await.map_err(|e| format!("{e:?}"))?;
    let second = t.elapsed();
    println!("\n| {kind}: a year for {contracts} contracts | inspections added | time |\n|---|---|---|");
    println!("| first run | {} | {:.2} s |", g.added, first.as_secs_f64());
    println!("| again (nothing to do) | {} | {:.2} s |", again.added, second.as_secs_f64());
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
