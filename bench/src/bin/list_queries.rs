//! Times `db::repo::requests::list` for the lists the portal shows, on an existing (large)
//! database, e.g. the SQLite file the bench kept with `--keep`:
//!
//! `cargo run --release -p bench --bin list_queries -- sqlite:///tmp/portal-bench-…/bench.db`
//!
//! Opening runs the migrations (as the server does), so new indexes are built first. With
//! `--sql FILE`, it also prints the query plan and time of each statement in FILE (one a line,
//! values written in, `#` lines ignored), on the same database engine the portal links.
use std::time::{Duration, Instant};

use db::repo::requests::{list, ListQuery, Scope, Sort};
use db::sea_orm::{ConnectionTrait, DbBackend, Statement};

const OPEN: &[&str] = &["new", "triaged", "assigned", "in_progress", "waiting_on_customer", "resolved", "reopened"];
const RUNS: usize = 7;

async fn id_of(conn: &impl ConnectionTrait, email: &str) -> Result<(i32, i32), String> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT id, organization_id FROM users WHERE email = $1",
        _ => "SELECT id, organization_id FROM users WHERE email = ?",
    };
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [email.into()]))
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no user {email}"))?;
    Ok((row.try_get("", "id").map_err(|e| e.to_string())?, row.try_get("", "organization_id").map_err(|e| e.to_string())?))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of the whole process (user + system): the SQLite work happens on its worker
/// threads, and unlike wall time this does not grow when other programs share the cores.
fn cpu() -> Duration {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args.first().ok_or("usage: list_queries DATABASE_URL [--sql FILE]")?;
    let sql_file = args.iter().position(|a| a == "--sql").and_then(|i| args.get(i + 1));
    let started = Instant::now();
    let db = db::connect(url).await.map_err(|e| e.to_string())?;
    eprintln!("connected and migrated in {:.1} s", started.elapsed().as_secs_f64());
    let conn = &db.conn;
    let (customer, _) = id_of(conn, "user@acme.example").await?;
    let (_, org) = id_of(conn, "lead@acme.example").await?;
    let open: Vec<String> = OPEN.iter().map(|s| s.to_string()).collect();
    let q = |scope: Scope, statuses: &[String], search: Option<&str>, sort: Sort, page: u64, per_page: u64| ListQuery {
        scope,
        statuses: statuses.to_vec(),
        search: search.map(String::from),
        sort,
        page,
        per_page,
        ..Default::default()
    };
    let cases: Vec<(&str, ListQuery)> = vec![
        ("customer: own, newest", q(Scope::Requester(customer), &[], None, Sort::Newest, 0, 20)),
        ("customer: own, open, deadline", q(Scope::Requester(customer), &open, None, Sort::Deadline, 0, 20)),
        ("site manager: org, newest", q(Scope::Organization(org), &[], None, Sort::Newest, 0, 20)),
        ("site manager: org, open, newest", q(Scope::Organization(org), &open, None, Sort::Newest, 0, 20)),
        ("site manager: org, open, deadline", q(Scope::Organization(org), &open, None, Sort::Deadline, 0, 20)),
        ("site manager: org, closed, oldest", q(Scope::Organization(org), &["closed".to_string()], None, Sort::Oldest, 0, 20)),
        ("site manager: org, search \"toner\"", q(Scope::Organization(org), &[], Some("toner"), Sort::Newest, 0, 20)),
        ("site manager: org, search \"printer\"", q(Scope::Organization(org), &[], Some("printer"), Sort::Newest, 0, 20)),
        ("site manager: org, search \"zebra\" (no match)", q(Scope::Organization(org), &[], Some("zebra"), Sort::Newest, 0, 20)),
        ("site manager: org, open, search \"toner\", deadline", q(Scope::Organization(org), &open, Some("toner"), Sort::Deadline, 0, 20)),
        ("site manager: org, open, search \"zebra\", deadline", q(Scope::Organization(org), &open, Some("zebra"), Sort::Deadline, 0, 20)),
        ("site manager: org, search \"toner\", deadline", q(Scope::Organization(org), &[], Some("toner"), Sort::Deadline, 0, 20)),
        ("site manager: org, search \"zebra\", deadline", q(Scope::Organization(org), &[], Some("zebra"), Sort::Deadline, 0, 20)),
        ("site manager: org, open, search \"toner\", newest", q(Scope::Organization(org), &open, Some("toner"), Sort::Newest, 0, 20)),
        ("site manager: org, open, search \"zebra\", newest", q(Scope::Organization(org), &open, Some("zebra"), Sort::Newest, 0, 20)),
        ("site manager: org, search \"toner\", page 400 of 25", q(Scope::Organization(org), &[], Some("toner"), Sort::Newest, 400, 25)),
        ("site manager: org, deadline (all statuses)", q(Scope::Organization(org), &[], None, Sort::Deadline, 0, 20)),
        ("site manager: org, cancelled, page 400 of 25, newest", q(Scope::Organization(org), &["cancelled".to_string()], None, Sort::Newest, 400, 25)),
        ("site manager: org, page 400 of 25, newest", q(Scope::Organization(org), &[], None, Sort::Newest, 400, 25)),
        ("site manager: org, open, page 400 of 25, deadline", q(Scope::Organization(org), &open, None, Sort::Deadline, 400, 25)),
        ("staff: all, newest", q(Scope::All, &[], None, Sort::Newest, 0, 20)),
        ("staff: all, open, newest", q(Scope::All, &open, None, Sort::Newest, 0, 20)),
        ("staff: all, open, deadline", q(Scope::All, &open, None, Sort::Deadline, 0, 20)),
        ("staff: all, search \"toner\"", q(Scope::All, &[], Some("toner"), Sort::Newest, 0, 20)),
        ("staff: all, search \"zebra\" (no match)", q(Scope::All, &[], Some("zebra"), Sort::Newest, 0, 20)),
        ("staff: all, deadline (all statuses)", q(Scope::All, &[], None, Sort::Deadline, 0, 20)),
        ("staff: all, page 400 of 25, newest", q(Scope::All, &[], None, Sort::Newest, 400, 25)),
        ("staff: all, open, page 400 of 25, deadline", q(Scope::All, &open, None, Sort::Deadline, 400, 25)),
        ("staff: all, number search", q(Scope::All, &[], Some("SR-2026-000001"), Sort::Newest, 0, 20)),
    ];
    println!("| list | rows | total (capped) | first id | median ms | max ms | CPU ms (median) |\n|---|---:|---:|---:|---:|---:|---:|");
    for (name, query) in &cases {
        let (mut times, mut cpus) = (vec![], vec![]);
        let mut last = (0, 0, 0);
        for _ in 0..RUNS {
            let (t, c) = (Instant::now(), cpu());
            let (rows, total) = list(conn, query).await.map_err(|e| format!("{name}: {e}"))?;
            times.push(t.elapsed());
            cpus.push(cpu().saturating_sub(c));
            last = (rows.len(), total, rows.first().map(|r| r.id).unwrap_or(0));
        }
        times.sort();
        cpus.sort();
        println!("| {name} | {} | {} | {} | {:.1} | {:.1} | {:.1} |", last.0, last.1, last.2, ms(times[RUNS / 2]), ms(times[RUNS - 1]), ms(cpus[RUNS / 2]));
    }
    let (mut times, mut cpus) = (vec![], vec![]);
    let mut n = 0;
    for _ in 0..RUNS {
        let (t, c) = (Instant::now(), cpu());
        n = db::repo::requests::overdue(conn, chrono::Utc::now(), 200).await.map_err(|e| e.to_string())?.len();
        times.push(t.elapsed());
        cpus.push(cpu().saturating_sub(c));
    }
    times.sort();
    cpus.sort();
    println!("| (escalation job) overdue, 200 | {n} | | | {:.1} | {:.1} | {:.1} |", ms(times[RUNS / 2]), ms(times[RUNS - 1]), ms(cpus[RUNS / 2]));
    if let Some(file) = sql_file {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let backend = conn.get_database_backend();
        for sql in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            println!("\n```sql\n{sql}\n```");
            let explain = match backend {
                DbBackend::Postgres => format!("EXPLAIN (ANALYZE, BUFFERS) {sql}"),
                _ => format!("EXPLAIN QUERY PLAN {sql}"),
            };
            let plan = conn.query_all_raw(Statement::from_string(backend, explain)).await.map_err(|e| format!("{sql}: {e}"))?;
            println!("```");
            for row in plan {
                let line: String = match backend {
                    DbBackend::Postgres => row.try_get_by_index(0).unwrap_or_default(),
                    _ => row.try_get("", "detail").unwrap_or_default(),
                };
                println!("{line}");
            }
            println!("```");
            let mut times = vec![];
            let mut n = 0;
            for _ in 0..RUNS {
                let t = Instant::now();
                n = conn.query_all_raw(Statement::from_string(backend, sql.to_string())).await.map_err(|e| e.to_string())?.len();
                times.push(t.elapsed());
            }
            times.sort();
            println!("{n} rows, median {:.1} ms, max {:.1} ms", ms(times[RUNS / 2]), ms(times[RUNS - 1]));
        }
    }
    Ok(())
}
