//! Soak test: `cargo run --release -p bench --bin soak -- --users 200 --duration-secs 600`
//!
//! Starts the real server binary as a child process (or two, `--instances 2`, on one
//! PostgreSQL database) and lets N simulated people use it for a while: customers and site
//! managers read the home page, their request list and their requests (pages and server
//! functions), report new requests and reply; staff read the triage queue or their work, the
//! lists and requests, reply, triage and dispatch. Every person does one thing at a time with a
//! think time between (`--think-min-ms`..`--think-max-ms`), so the load is bounded.
//!
//! It reports, per action, how many calls, errors (transport errors, 5xx, redirects to sign-in,
//! and 4xx other than the ones the action can expect — a 409 when someone else triaged first)
//! and latency; what the server printed (panics, "database is locked", ERROR lines); the
//! memory of each server process (`VmRSS` from /proc/<pid>/status, sampled every few seconds:
//! at the start of the load, the peak, at the end); and live events: a listener on the last
//! instance (`GET /live`, signed in as the dispatcher) must see an event for a reply made
//! every few seconds through the first instance. Exits non-zero on any error, panic, locked
//! database or missed live event.
#[path = "../child.rs"]
mod child;

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use child::{LogScan, Rng, ServerSpec};
use clap::Parser;
use futures::StreamExt;
use reqwest::{cookie::Jar, redirect::Policy, Client, StatusCode};
use serde_json::Value;

#[derive(Parser)]
#[command(about = "Soak the portal: N simulated people for a duration; errors, panics, locked database, memory, live events")]
struct Args {
    /// The server binary (default: target/release/server if built, else target/debug/server).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Simulated people (about 70 % customers and site managers, 30 % staff).
    #[arg(long, default_value_t = 200)]
    users: usize,
    /// How long the load runs (after everyone has signed in).
    #[arg(long, default_value_t = 600)]
    duration_secs: u64,
    /// Server processes on the one database (more than one needs --database-url).
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// A PostgreSQL cluster (`postgres://user@host:port/postgres`): a fresh database is created
    /// in it for the run (and dropped after unless --keep). Default: a fresh SQLite file.
    #[arg(long)]
    database_url: Option<String>,
    /// Shortest pause between one person's actions.
    #[arg(long, default_value_t = 500)]
    think_min_ms: u64,
    /// Longest pause between one person's actions.
    #[arg(long, default_value_t = 3000)]
    think_max_ms: u64,
    /// Memory sampling interval.
    #[arg(long, default_value_t = 5)]
    sample_secs: u64,
    /// Seconds between live-event probes.
    #[arg(long, default_value_t = 5)]
    probe_secs: u64,
    /// Seed for the people's choices (printed; default from the clock).
    #[arg(long)]
    seed: Option<u64>,
    /// Keep the database and the server log after the run.
    #[arg(long)]
    keep: bool,
}

const CUSTOMERS: [&str; 4] = ["user@acme.example", "lead@acme.example", "user@globex.example", "lead@globex.example"];
const STAFF: [&str; 4] = ["dispatcher@provider.example", "engineer@provider.example", "engineer2@provider.example", "manager@provider.example"];

/// Calls of one kind: latencies of the good ones, and the bad ones.
#[derive(Default)]
struct Stat {
    ok: u64,
    expected_4xx: u64,
    errors: u64,
    latencies_ms: Vec<u32>,
    first_error: Option<String>,
}

struct Shared {
    bases: Vec<String>,
    stats: Mutex<HashMap<&'static str, Stat>>,
    /// Request numbers by the account whose organization owns them (customers reply to those).
    by_account: Mutex<HashMap<&'static str, Vec<String>>>,
    /// Every request number made during the run (staff work on these).
    all: Mutex<Vec<String>>,
    engineers: Vec<i32>,
    deadline: Instant,
    /// Set when a server process has gone: the people stop.
    stop: std::sync::atomic::AtomicBool,
    think: (u64, u64),
    seq: AtomicU64,
}

impl Shared {
    fn record(&self, what: &'static str, took: Duration, outcome: Result<bool, String>) {
        let mut stats = self.stats.lock().unwrap();
        let s = stats.entry(what).or_default();
        match outcome {
            Ok(true) => {
                s.ok += 1;
                s.latencies_ms.push(took.as_millis().min(u32::MAX as u128) as u32);
            }
            Ok(false) => s.expected_4xx += 1,
            Err(e) => {
                s.errors += 1;
                s.first_error.get_or_insert(e);
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    child::exit("soak", run(&args).await)
}

async fn run(args: &Args) -> Result<bool, String> {
    let binary = child::server_binary(args.server.clone())?;
    let instances = args.instances.max(1);
    if instances > 1 && args.database_url.is_none() {
        return Err("--instances above 1 needs --database-url postgres://… (SQLite is one process's database)".into());
    }
    let seed = args.seed.unwrap_or_else(child::seed_from_time);
    let dir = child::temp_dir("portal-soak");
    let (url, pg_name, label) = match &args.database_url {
        Some(cluster) => {
            let (url, name) = child::fresh_postgres(cluster, "portal_soak").await?;
            (url, Some(name), "PostgreSQL")
        }
        None => (format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()), None, "SQLite"),
    };
    eprintln!(
        "soak: {} x{instances} on {label} ({}), {} people for {} s, seed {seed}; log {}",
        binary.display(),
        db::connect::redact(&url),
        args.users,
        args.duration_secs,
        dir.join("server.log").display()
    );
    let scan = Arc::new(LogScan::default());
    let mut servers = vec![];
    for i in 0..instances {
        let spec = ServerSpec {
            binary: binary.clone(),
            database_url: url.clone(),
            port: child::free_port(),
            data_dir: dir.join(format!("data-{i}")),
            log_file: dir.join("server.log"),
            name: ((b'a' + i as u8) as char).to_string(),
        };
        std::fs::create_dir_all(&spec.data_dir).map_err(|e| e.to_string())?;
        // One after the other: the first migrates and loads the demo data.
        let (running, took) = child::start(&spec, &scan, Duration::from_secs(300)).await?;
        eprintln!("soak: instance {} ready at {} in {:.1} s (RSS {} KiB)", spec.name, spec.base(), took.as_secs_f64(), running.rss_kib().unwrap_or(0));
        servers.push((spec, running));
    }
    let bases: Vec<String> = servers.iter().map(|(s, _)| s.base()).collect();
    let engineers = engineer_ids(&url).await?;

    // Everyone signs in before the clock starts (Argon2 per sign-in, a few at a time).
    let sign_in_started = Instant::now();
    let people: Vec<(usize, &'static str)> =
        (0..args.users.max(1)).map(|i| (i, if i % 10 < 3 { STAFF[(i / 10 + i) % STAFF.len()] } else { CUSTOMERS[i % CUSTOMERS.len()] })).collect();
    let signed: Vec<Result<(usize, &'static str, Client), String>> = futures::stream::iter(people.into_iter().map(|(i, email)| {
        let base = bases[i % bases.len()].clone();
        async move { sign_in(&base, email).await.map(|c| (i, email, c)) }
    }))
    .buffer_unordered(4)
    .collect()
    .await;
    let signed: Vec<(usize, &'static str, Client)> = signed.into_iter().collect::<Result<_, _>>()?;
    eprintln!("soak: {} people signed in in {:.1} s; load for {} s…", signed.len(), sign_in_started.elapsed().as_secs_f64(), args.duration_secs);

    let started = Instant::now();
    let shared = Arc::new(Shared {
        bases: bases.clone(),
        stats: Mutex::new(HashMap::new()),
        by_account: Mutex::new(HashMap::new()),
        all: Mutex::new(vec![]),
        engineers,
        deadline: started + Duration::from_secs(args.duration_secs),
        stop: std::sync::atomic::AtomicBool::new(false),
        think: (args.think_min_ms, args.think_max_ms.max(args.think_min_ms)),
        seq: AtomicU64::new(0),
    });

    // Memory, sampled until the end.
    let pids: Vec<u32> = servers.iter().map(|(_, r)| r.pid).collect();
    let memory: Arc<Mutex<Vec<Vec<u64>>>> = Arc::new(Mutex::new(vec![vec![]; pids.len()]));
    let sampler = {
        let (memory, pids, every, deadline, shared) =
            (memory.clone(), pids.clone(), Duration::from_secs(args.sample_secs.max(1)), shared.deadline, shared.clone());
        tokio::spawn(async move {
            loop {
                let mut gone = false;
                {
                    let mut m = memory.lock().unwrap();
                    for (i, pid) in pids.iter().enumerate() {
                        // A process that has exited (a zombie until reaped) has no VmRSS.
                        match child::rss_kib(*pid) {
                            Some(kib) => m[i].push(kib),
                            None => gone = true,
                        }
                    }
                }
                if gone {
                    eprintln!("soak: a server process has gone; stopping the load");
                    shared.stop.store(true, Ordering::Relaxed);
                }
                if Instant::now() >= deadline || gone {
                    break;
                }
                // Sample every `every`, but look for a dead server every second.
                for _ in 0..every.as_secs().max(1) {
                    if Instant::now() >= deadline {
                        break;
                    }
                    tokio::time::sleep(Duration::from_secs(1).min(deadline.saturating_duration_since(Instant::now()) + Duration::from_millis(10))).await;
                    if pids.iter().any(|p| child::rss_kib(*p).is_none()) {
                        break;
                    }
                }
            }
        })
    };

    // Live: a listener on the last instance, changes through the first.
    let live = tokio::spawn(live_probe(shared.clone(), Duration::from_secs(args.probe_secs.max(1))));

    let tasks: Vec<_> =
        signed.into_iter().map(|(i, email, c)| tokio::spawn(person(shared.clone(), i, email, c, Rng::new(seed ^ ((i as u64 + 1) * 104_729))))).collect();
    let mut task_panics = 0;
    for t in tasks {
        if t.await.is_err() {
            task_panics += 1;
        }
    }
    let elapsed = started.elapsed();
    let _ = sampler.await;
    let live = live.await.unwrap_or_else(|e| LiveResult { error: Some(format!("probe task: {e}")), ..Default::default() });

    let mut died = vec![];
    for (spec, running) in servers.iter_mut() {
        if let Some(how) = running.exited() {
            died.push(format!("instance {} exited during the run ({how})", spec.name));
        }
        running.stop(Duration::from_secs(10)).await;
    }
    if let Some(name) = &pg_name {
        if !args.keep {
            child::drop_postgres(args.database_url.as_deref().unwrap_or_default(), name).await;
        }
    }

    // ---- report ----
    let stats = shared.stats.lock().unwrap();
    let mut names: Vec<&&str> = stats.keys().collect();
    names.sort();
    let (mut calls, mut errors, mut expected) = (0u64, 0u64, 0u64);
    println!("## Soak: {label}, {instances} instance(s), {} people, {:.0} s, {}", args.users.max(1), elapsed.as_secs_f64(), binary.display());
    println!();
    println!("| action | calls | expected 4xx | errors | p50 ms | p95 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for name in names {
        let s = &stats[*name];
        let mut l = s.latencies_ms.clone();
        l.sort_unstable();
        let pct = |p: f64| if l.is_empty() { 0 } else { l[((l.len() - 1) as f64 * p).round() as usize] };
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            s.ok + s.expected_4xx + s.errors,
            s.expected_4xx,
            s.errors,
            pct(0.5),
            pct(0.95),
            pct(0.99),
            l.last().copied().unwrap_or(0)
        );
        calls += s.ok + s.expected_4xx + s.errors;
        errors += s.errors;
        expected += s.expected_4xx;
    }
    println!();
    println!("| figure | value |");
    println!("|---|---|");
    println!("| requests (calls) | {calls} ({:.1}/s) |", calls as f64 / elapsed.as_secs_f64().max(0.001));
    println!("| errors | {errors} |");
    println!("| expected 4xx | {expected} |");
    println!("| service requests created during the run | {} |", shared.all.lock().unwrap().len());
    let (log_lines, panics, locked, error_lines) = scan.get();
    println!("| server log: lines / panics / \"database is locked\" / ERROR lines | {log_lines} / {panics} / {locked} / {error_lines} |");
    let memory = memory.lock().unwrap();
    for (i, samples) in memory.iter().enumerate() {
        let mb = |k: u64| k as f64 / 1024.0;
        let (start, end, peak) = (samples.first().copied().unwrap_or(0), samples.last().copied().unwrap_or(0), samples.iter().max().copied().unwrap_or(0));
        println!(
            "| RSS instance {} (MiB): start / peak / end | {:.1} / {:.1} / {:.1} ({} samples) |",
            (b'a' + i as u8) as char,
            mb(start),
            mb(peak),
            mb(end),
            samples.len()
        );
    }
    println!(
        "| live events {} | {} of {} probes seen, latency max {} ms, p50 {} ms |",
        if instances > 1 { "(change on a, listener on b)" } else { "(change and listener on a)" },
        live.seen,
        live.probes,
        live.latencies_ms.iter().max().copied().unwrap_or(0),
        {
            let mut l = live.latencies_ms.clone();
            l.sort_unstable();
            l.get(l.len() / 2).copied().unwrap_or(0)
        }
    );
    for (name, s) in stats.iter().filter(|(_, s)| s.first_error.is_some()) {
        println!("first error in {name}: {}", s.first_error.as_deref().unwrap_or_default());
    }
    let samples = scan.samples.lock().unwrap();
    if !samples.is_empty() {
        println!("server log lines of note (first {}):", samples.len());
        for l in samples.iter() {
            println!("  {l}");
        }
    }
    let mut ok =
        errors == 0 && panics == 0 && locked == 0 && task_panics == 0 && died.is_empty() && live.seen == live.probes && live.probes > 0 && live.error.is_none();
    if calls == 0 {
        ok = false;
    }
    if let Some(e) = &live.error {
        println!("live: {e}");
    }
    for d in &died {
        println!("{d}");
    }
    if task_panics > 0 {
        println!("{task_panics} simulated people panicked");
    }
    if args.keep || !ok {
        println!("kept: {} ({})", dir.display(), db::connect::redact(&url));
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!();
    println!("{}", if ok { "PASS" } else { "FAIL" });
    Ok(ok)
}

async fn engineer_ids(url: &str) -> Result<Vec<i32>, String> {
    use db::sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
    let conn = Database::connect(url).await.map_err(|e| format!("connect: {e}"))?;
    let rows = db::entity::user::Entity::find().filter(db::entity::user::Column::Role.eq("engineer")).all(&conn).await.map_err(|e| e.to_string())?;
    conn.close().await.ok();
    Ok(rows.into_iter().map(|u| u.id).collect())
}

fn new_client() -> Client {
    let jar = Arc::new(Jar::default());
    Client::builder().cookie_provider(jar).redirect(Policy::none()).http1_only().timeout(Duration::from_secs(60)).build().expect("client")
}

async fn post(base: &str, c: &Client, name: &str, form: &[(&str, &str)]) -> Result<(StatusCode, Value), String> {
    let res = c.post(format!("{base}/api/{name}")).header("origin", base).form(form).send().await.map_err(|e| format!("{name}: {e}"))?;
    let status = res.status();
    let text = res.text().await.map_err(|e| format!("{name} body: {e}"))?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::String(text))))
}

async fn sign_in(base: &str, email: &str) -> Result<Client, String> {
    let c = new_client();
    let (s, body) = post(base, &c, "sign_in", &[("email", email), ("password", db::seed::DEMO_PASSWORD)]).await?;
    if !s.is_success() {
        return Err(format!("sign in {email}: {s} {body}"));
    }
    Ok(c)
}

const LIST_FORM: [(&str, &str); 7] = [
    ("filter[q]", ""),
    ("filter[page]", "0"),
    ("filter[scope]", ""),
    ("filter[status]", ""),
    ("filter[severity]", ""),
    ("filter[site]", ""),
    ("filter[sort]", ""),
];
const QUEUE_FORM: [(&str, &str); 6] =
    [("filter[org]", ""), ("filter[site]", ""), ("filter[severity]", ""), ("filter[kind]", ""), ("filter[status]", ""), ("filter[show]", "")];

/// How a call went: `Ok(true)` fine, `Ok(false)` an expected 4xx, `Err` an error.
fn judge(status: StatusCode, body: &Value, expected: &[u16]) -> Result<bool, String> {
    if status.is_success() || status.is_redirection() {
        Ok(true)
    } else if expected.contains(&status.as_u16()) {
        Ok(false)
    } else {
        Err(format!("{status} {}", body.to_string().chars().take(300).collect::<String>()))
    }
}

/// One page: 200 with a complete document (a redirect would mean the session was lost).
async fn page(shared: &Shared, c: &Client, base: &str, what: &'static str, path: &str) {
    let t = Instant::now();
    let outcome = match c.get(format!("{base}{path}")).header("accept", "text/html").send().await {
        Ok(r) => {
            let status = r.status();
            let location = r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            match r.text().await {
                Ok(body) if status == StatusCode::OK && body.contains("</html>") => Ok(true),
                Ok(body) => Err(format!("GET {path}: {status} {location} {} bytes", body.len())),
                Err(e) => Err(format!("GET {path} body: {e}")),
            }
        }
        Err(e) => Err(format!("GET {path}: {e}")),
    };
    shared.record(what, t.elapsed(), outcome);
}

async fn call(shared: &Shared, c: &Client, base: &str, what: &'static str, name: &str, form: &[(&str, &str)], expected: &[u16]) -> Option<Value> {
    let t = Instant::now();
    let (outcome, body) = match post(base, c, name, form).await {
        Ok((s, body)) => (judge(s, &body, expected), Some(body).filter(|_| s.is_success())),
        Err(e) => (Err(e), None),
    };
    shared.record(what, t.elapsed(), outcome);
    body
}

fn pick<T: Clone>(rng: &mut Rng, list: &[T]) -> Option<T> {
    (!list.is_empty()).then(|| list[rng.range(0, list.len() as u64 - 1) as usize].clone())
}

async fn person(shared: Arc<Shared>, i: usize, email: &'static str, c: Client, mut rng: Rng) {
    let base = shared.bases[i % shared.bases.len()].clone();
    let staff = STAFF.contains(&email);
    let mut site: Option<String> = None;
    // Start at a random point of the think time, so people do not move in step.
    tokio::time::sleep(Duration::from_millis(rng.range(0, shared.think.1))).await;
    while Instant::now() < shared.deadline && !shared.stop.load(Ordering::Relaxed) {
        let roll = rng.range(0, 99);
        if staff {
            staff_step(&shared, &c, &base, email, roll, &mut rng).await;
        } else {
            customer_step(&shared, &c, &base, email, roll, &mut rng, &mut site).await;
        }
        let think = Duration::from_millis(rng.range(shared.think.0, shared.think.1));
        let left = shared.deadline.saturating_duration_since(Instant::now());
        tokio::time::sleep(think.min(left)).await;
    }
}

async fn customer_step(shared: &Shared, c: &Client, base: &str, email: &'static str, roll: u64, rng: &mut Rng, site: &mut Option<String>) {
    let mine = shared.by_account.lock().unwrap().get(email).cloned().unwrap_or_default();
    match roll {
        0..=14 => page(shared, c, base, "GET /requests", "/requests").await,
        15..=24 => page(shared, c, base, "GET /", "/").await,
        25..=39 if !mine.is_empty() => {
            let n = pick(rng, &mine).unwrap();
            page(shared, c, base, "GET /requests/SR-…", &format!("/requests/{n}")).await
        }
        40..=54 => drop(call(shared, c, base, "list_requests", "list_requests", &LIST_FORM, &[]).await),
        55..=64 if !mine.is_empty() => {
            let n = pick(rng, &mine).unwrap();
            drop(call(shared, c, base, "get_request", "get_request", &[("number", &n)], &[]).await)
        }
        65..=74 => drop(call(shared, c, base, "unread_notifications", "unread_notifications", &[], &[]).await),
        75..=86 if !mine.is_empty() => {
            let n = pick(rng, &mine).unwrap();
            let text = format!("Soak reply {} from {email}", shared.seq.fetch_add(1, Ordering::Relaxed));
            // 409: the request changed under us (a staff step at the same moment).
            drop(call(shared, c, base, "reply_request", "reply_request", &[("number", &n), ("body", &text)], &[409]).await)
        }
        _ => {
            if site.is_none() {
                *site = call(shared, c, base, "get_new_request_form", "get_new_request_form", &[], &[]).await.map(|b| b["sites"][0]["id"].to_string());
            }
            let Some(site) = site.as_deref() else { return };
            let title = format!("Soak request {}", shared.seq.fetch_add(1, Ordering::Relaxed));
            let form = [
                ("title", title.as_str()),
                ("description", "Reported by the soak test: the label printer stops after ten labels."),
                ("kind", "consultation"),
                ("severity", "3"),
                ("system", ""),
                ("site_id", site),
                ("contact_phone", "12345"),
            ];
            if let Some(number) = call(shared, c, base, "submit_request", "submit_request", &form, &[]).await.and_then(|b| b.as_str().map(str::to_string)) {
                // The customer and their site manager (the organization's) see it.
                let org = email.split('@').nth(1).unwrap_or_default();
                let mut by = shared.by_account.lock().unwrap();
                for acct in CUSTOMERS.iter().filter(|a| a.ends_with(org)) {
                    if *acct == email || acct.starts_with("lead@") {
                        by.entry(acct).or_default().push(number.clone());
                    }
                }
                shared.all.lock().unwrap().push(number);
            }
        }
    }
}

async fn staff_step(shared: &Shared, c: &Client, base: &str, email: &'static str, roll: u64, rng: &mut Rng) {
    let dispatcher = email.starts_with("dispatcher@") || email.starts_with("manager@");
    let all = shared.all.lock().unwrap().clone();
    // Recent requests are the ones staff work on.
    let recent = &all[all.len().saturating_sub(50)..];
    match roll {
        0..=14 if dispatcher => page(shared, c, base, "GET /staff/triage", "/staff/triage").await,
        0..=14 => page(shared, c, base, "GET /staff/my-work", "/staff/my-work").await,
        15..=24 => page(shared, c, base, "GET /requests", "/requests").await,
        25..=39 if !recent.is_empty() => {
            let n = pick(rng, recent).unwrap();
            page(shared, c, base, "GET /requests/SR-…", &format!("/requests/{n}")).await
        }
        40..=54 if dispatcher => drop(call(shared, c, base, "triage_queue", "triage_queue", &QUEUE_FORM, &[]).await),
        40..=54 => drop(call(shared, c, base, "my_work", "my_work", &[], &[]).await),
        55..=64 => drop(call(shared, c, base, "list_requests", "list_requests", &LIST_FORM, &[]).await),
        65..=79 if !recent.is_empty() => {
            let n = pick(rng, recent).unwrap();
            let text = format!("Soak staff reply {}", shared.seq.fetch_add(1, Ordering::Relaxed));
            drop(call(shared, c, base, "reply_request", "reply_request", &[("number", &n), ("body", &text)], &[409]).await)
        }
        80..=89 if dispatcher && !recent.is_empty() => {
            let n = pick(rng, recent).unwrap();
            // 409: already triaged or moved on by someone else.
            let form = [("number", n.as_str()), ("kind", "consultation"), ("fault_kind", ""), ("severity", "3"), ("reason", "Soak triage")];
            drop(call(shared, c, base, "triage_request", "triage_request", &form, &[409]).await)
        }
        90..=99 if dispatcher && !recent.is_empty() && !shared.engineers.is_empty() => {
            let n = pick(rng, recent).unwrap();
            let eng = pick(rng, &shared.engineers).unwrap().to_string();
            // 409: already dispatched, or not in a state that can be.
            drop(call(shared, c, base, "dispatch_request", "dispatch_request", &[("number", &n), ("engineer_id", &eng)], &[409]).await)
        }
        _ => drop(call(shared, c, base, "unread_notifications", "unread_notifications", &[], &[]).await),
    }
}

// ---- live events across instances -------------------------------------------------------

#[derive(Default)]
struct LiveResult {
    probes: u64,
    seen: u64,
    latencies_ms: Vec<u64>,
    error: Option<String>,
}

/// A dispatcher's `/live` stream on the last instance; every `every`, a reply through the
/// first instance to a probe request; each must arrive as a `request` event within 10 s.
async fn live_probe(shared: Arc<Shared>, every: Duration) -> LiveResult {
    let (bases, deadline) = (shared.bases.clone(), shared.deadline);
    let mut out = LiveResult::default();
    let (a, b) = (bases[0].clone(), bases[bases.len() - 1].clone());
    let setup = async {
        let customer = sign_in(&a, "user@acme.example").await?;
        let form = post(&a, &customer, "get_new_request_form", &[]).await?.1;
        let site = form["sites"][0]["id"].to_string();
        let (s, body) = post(
            &a,
            &customer,
            "submit_request",
            &[
                ("title", "Soak live probe"),
                ("description", "Replies to this request check live events across instances."),
                ("kind", "consultation"),
                ("severity", "3"),
                ("system", ""),
                ("site_id", &site),
                ("contact_phone", "12345"),
            ],
        )
        .await?;
        let number = body.as_str().filter(|_| s.is_success()).ok_or(format!("probe request: {s} {body}"))?.to_string();
        let staff_a = sign_in(&a, "dispatcher@provider.example").await?;
        let got = post(&a, &staff_a, "get_request", &[("number", &number)]).await?.1;
        let id = got["id"].as_i64().ok_or("probe request id")?;
        let listener = sign_in(&b, "dispatcher@provider.example").await?;
        Ok::<_, String>((number, id, staff_a, listener))
    };
    let (number, id, staff_a, listener) = match setup.await {
        Ok(x) => x,
        Err(e) => {
            out.error = Some(format!("live probe set-up: {e}"));
            return out;
        }
    };
    // The listener: forwards the arrival time of every event about the probe request.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Instant>();
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let listen = tokio::spawn(async move {
        loop {
            if let Ok(res) = listener.get(format!("{b}/live")).header("accept", "text/event-stream").timeout(Duration::from_secs(24 * 3600)).send().await {
                if res.status() == StatusCode::OK {
                    let _ = ready_tx.send(());
                    let mut stream = res.bytes_stream();
                    let mut buf = String::new();
                    while let Some(Ok(chunk)) = stream.next().await {
                        let at = Instant::now();
                        buf.push_str(&String::from_utf8_lossy(&chunk).replace('\r', ""));
                        while let Some(end) = buf.find("\n\n") {
                            let block: String = buf.drain(..end + 2).collect();
                            let data = block.lines().find_map(|l| l.strip_prefix("data:")).unwrap_or("").trim().to_string();
                            if serde_json::from_str::<Value>(&data).ok().and_then(|d| d["request_id"].as_i64()) == Some(id) {
                                let _ = tx.send(at);
                            }
                        }
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    if tokio::time::timeout(Duration::from_secs(30), ready_rx.recv()).await.is_err() {
        out.error = Some("the /live stream on the last instance did not open".into());
        listen.abort();
        return out;
    }
    let mut k = 0;
    while Instant::now() + Duration::from_secs(12) < deadline && !shared.stop.load(Ordering::Relaxed) {
        tokio::time::sleep(every).await;
        while rx.try_recv().is_ok() {}
        k += 1;
        out.probes += 1;
        let sent = Instant::now();
        match post(&a, &staff_a, "reply_request", &[("number", &number), ("body", &format!("live probe {k}"))]).await {
            Ok((s, _)) if s.is_success() => {}
            Ok((s, body)) => {
                out.error.get_or_insert(format!("probe reply {k}: {s} {body}"));
                continue;
            }
            Err(e) => {
                out.error.get_or_insert(format!("probe reply {k}: {e}"));
                continue;
            }
        }
        match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
            Ok(Some(at)) => {
                out.seen += 1;
                out.latencies_ms.push(at.saturating_duration_since(sent).as_millis() as u64);
            }
            _ => {
                out.error.get_or_insert(format!("probe {k}: no event on the listener within 10 s"));
            }
        }
    }
    listen.abort();
    out
}
