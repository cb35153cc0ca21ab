//! Crash test: `cargo run --release -p bench --bin crash -- --server target/debug/server --cycles 200`
//!
//! Starts the real server binary as a child process on a fresh SQLite database (or a fresh
//! database in the PostgreSQL cluster `--database-url` points at), lets several clients,
//! signed in as different demo users, submit new requests and replies, and kills the server
//! with SIGKILL at random moments (`--min-delay-ms`..`--max-delay-ms` after it is ready),
//! restarts it, and repeats for `--cycles`. Then it checks the database: every submission the
//! server acknowledged is there exactly once, and request numbers have no gap and no duplicate.
//!
//! Every submission carries a unique marker (`CRASH-c03-s000017.`) in its title or text.
//! A submission is acknowledged by a 2xx (with the new number, for a request). When the answer
//! does not come (connection cut by the kill, a timeout, a 5xx), the outcome is unknown: the
//! transaction may have committed just before the kill. The client then waits until the
//! server has been restarted since it sent the submission (so the process that may still have
//! been working on it is gone), and asks the API whether the marker is there (`list_requests`
//! searching the title, or the request's timeline for a reply). If it is, the submission
//! counts as committed (its acknowledgement was lost) and is not sent again; if not, it is
//! sent again with the same marker. This is what a careful client does to get "exactly once"
//! over an at-least-once channel, and it is what the check at the end holds the server to:
//! a marker twice is a duplicate, an acknowledged marker missing is a loss.
//! A 409 (a concurrent reply changed the request first) and a 401 (session gone) are answers:
//! nothing was written, so the client signs in again if needed and sends again at once.
#[path = "../child.rs"]
mod child;

use std::{
    collections::{BTreeMap, HashMap},
    path::PathBuf,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use child::{LogScan, Rng, ServerSpec};
use clap::Parser;
use reqwest::{cookie::Jar, redirect::Policy, Client, StatusCode};
use serde_json::Value;
use tokio::sync::watch;

#[derive(Parser)]
#[command(about = "Kill the server with SIGKILL at random moments under writes; check nothing acknowledged is lost or duplicated")]
struct Args {
    /// The server binary (default: target/release/server if built, else target/debug/server).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Kill-and-restart cycles.
    #[arg(long, default_value_t = 200)]
    cycles: u32,
    /// A PostgreSQL cluster (`postgres://user@host:port/postgres`): a fresh database is created
    /// in it for the run (and dropped after unless --keep). Default: a fresh SQLite file.
    #[arg(long)]
    database_url: Option<String>,
    /// Concurrent clients (each signed in as a demo user: customers submit and reply, staff reply).
    #[arg(long, default_value_t = 6)]
    clients: usize,
    /// Shortest time the server runs before it is killed.
    #[arg(long, default_value_t = 50)]
    min_delay_ms: u64,
    /// Longest time the server runs before it is killed.
    #[arg(long, default_value_t = 1500)]
    max_delay_ms: u64,
    /// Seed for the kill delays and the clients' choices (printed; default from the clock).
    #[arg(long)]
    seed: Option<u64>,
    /// Keep the database (and the server log) after the run.
    #[arg(long)]
    keep: bool,
    /// How long a client waits for an answer before it counts the submission as unacknowledged.
    #[arg(long, default_value_t = 20)]
    timeout_secs: u64,
}

const CUSTOMERS: [&str; 4] = ["user@acme.example", "lead@acme.example", "user@globex.example", "lead@globex.example"];
const STAFF: [&str; 3] = ["dispatcher@provider.example", "engineer@provider.example", "manager@provider.example"];

/// Server state the clients follow: how many times it has been (re)started, and whether it is up.
type Gen = (u64, bool);

#[derive(Clone, Debug)]
enum What {
    Request,
    Reply { number: String },
}

/// One submission, once it is settled.
#[derive(Clone, Debug)]
struct Settled {
    marker: String,
    what: What,
    /// The number the server answered with (acknowledged requests).
    number: Option<String>,
    acknowledged: bool,
}

#[derive(Default)]
struct Counters {
    sent: AtomicU64,
    unacknowledged: AtomicU64,
    found_after_unack: AtomicU64,
    resent: AtomicU64,
    conflicts: AtomicU64,
    resigned: AtomicU64,
    rejected: AtomicU64,
}

struct Shared {
    base: String,
    gen: watch::Receiver<Gen>,
    done: AtomicBool,
    /// Clients signed in (the kills start once all are: a debug build's Argon2 takes about
    /// half a second a sign-in, longer than many kill windows).
    signed_in: AtomicU64,
    settled: Mutex<Vec<Settled>>,
    /// Requests known to exist, for staff to reply to.
    numbers: Mutex<Vec<String>>,
    counters: Counters,
    timeout: Duration,
    first_rejection: Mutex<Option<String>>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    child::exit("crash", run(&args).await)
}

async fn run(args: &Args) -> Result<bool, String> {
    let binary = child::server_binary(args.server.clone())?;
    let seed = args.seed.unwrap_or_else(child::seed_from_time);
    let dir = child::temp_dir("portal-crash");
    let (url, pg_name, label) = match &args.database_url {
        Some(cluster) => {
            let (url, name) = child::fresh_postgres(cluster, "portal_crash").await?;
            (url, Some(name), "PostgreSQL".to_string())
        }
        None => (format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()), None, "SQLite".to_string()),
    };
    let spec = ServerSpec {
        binary: binary.clone(),
        database_url: url.clone(),
        port: child::free_port(),
        data_dir: dir.clone(),
        log_file: dir.join("server.log"),
        name: "server".into(),
    };
    eprintln!(
        "crash: {} on {label} ({}), {} cycles, {} clients, kill after {}..{} ms, seed {seed}",
        binary.display(),
        db::connect::redact(&url),
        args.cycles,
        args.clients,
        args.min_delay_ms,
        args.max_delay_ms
    );
    eprintln!("crash: server log {}", spec.log_file.display());
    let scan = Arc::new(LogScan::default());
    let started = Instant::now();
    // The first start migrates and loads the demo data (Argon2 hashes): give it time.
    let (mut server, first) = child::start(&spec, &scan, Duration::from_secs(300)).await?;
    eprintln!("crash: first start ready in {:.1} s", first.as_secs_f64());

    let (gen_tx, gen_rx) = watch::channel::<Gen>((1, true));
    let shared = Arc::new(Shared {
        base: spec.base(),
        gen: gen_rx,
        done: AtomicBool::new(false),
        signed_in: AtomicU64::new(0),
        settled: Mutex::new(vec![]),
        numbers: Mutex::new(vec![]),
        counters: Counters::default(),
        timeout: Duration::from_secs(args.timeout_secs),
        first_rejection: Mutex::new(None),
    });
    let mut clients = vec![];
    for i in 0..args.clients.max(1) {
        let email = if i % 3 == 2 { STAFF[(i / 3) % STAFF.len()] } else { CUSTOMERS[(i - i / 3) % CUSTOMERS.len()] };
        let staff = STAFF.contains(&email);
        clients.push(tokio::spawn(client(shared.clone(), i, email, staff, Rng::new(seed ^ ((i as u64 + 1) * 7919)))));
    }

    let deadline = Instant::now() + Duration::from_secs(300);
    while shared.signed_in.load(Ordering::Relaxed) < args.clients.max(1) as u64 {
        if Instant::now() > deadline {
            return Err("the clients could not sign in within 300 s".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The killer.
    let mut rng = Rng::new(seed);
    let mut restarts: Vec<Duration> = vec![];
    let mut failure = None;
    for cycle in 1..=args.cycles {
        tokio::time::sleep(Duration::from_millis(rng.range(args.min_delay_ms, args.max_delay_ms.max(args.min_delay_ms)))).await;
        if let Some(how) = server.exited() {
            failure = Some(format!("the server exited by itself ({how}) before cycle {cycle}"));
            break;
        }
        server.kill9().await;
        gen_tx.send_modify(|g| g.1 = false);
        match child::start(&spec, &scan, Duration::from_secs(120)).await {
            Ok((s, took)) => {
                server = s;
                restarts.push(took);
                gen_tx.send_modify(|g| *g = (g.0 + 1, true));
            }
            Err(e) => {
                failure = Some(format!("restart {cycle}: {e}"));
                break;
            }
        }
        if cycle % 10 == 0 || cycle == args.cycles {
            let c = &shared.counters;
            eprintln!(
                "crash: cycle {cycle}/{}: {} settled, {} unacknowledged so far, {:.0} s",
                args.cycles,
                shared.settled.lock().unwrap().len(),
                c.unacknowledged.load(Ordering::Relaxed),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let cycles_done = restarts.len();
    // Clients settle what they have in hand (against the last, running server) and stop.
    shared.done.store(true, Ordering::Relaxed);
    let settle = tokio::time::timeout(Duration::from_secs(180), futures::future::join_all(clients)).await;
    let running_time = started.elapsed();
    server.stop(Duration::from_secs(10)).await;
    if settle.is_err() {
        failure.get_or_insert_with(|| "clients did not settle within 180 s after the last cycle".into());
    }

    let settled = shared.settled.lock().unwrap().clone();
    let check = verify(&url, &settled).await;
    if let Some(name) = &pg_name {
        if !args.keep {
            child::drop_postgres(args.database_url.as_deref().unwrap_or_default(), name).await;
        }
    }
    let check = check?;
    let c = &shared.counters;
    let settled = shared.settled.lock().unwrap().clone();
    let acked_requests = settled.iter().filter(|s| s.acknowledged && matches!(s.what, What::Request)).count();
    let acked_replies = settled.iter().filter(|s| s.acknowledged && matches!(s.what, What::Reply { .. })).count();
    let found = settled.iter().filter(|s| !s.acknowledged).count();
    let (log_lines, panics, locked, errors) = scan.get();
    let mean_restart = restarts.iter().sum::<Duration>().as_secs_f64() / restarts.len().max(1) as f64;
    let max_restart = restarts.iter().max().copied().unwrap_or_default().as_secs_f64();

    println!("## Crash test: {label}, {}", binary.display());
    println!();
    println!("| figure | value |");
    println!("|---|---|");
    println!("| cycles (SIGKILL + restart) | {cycles_done} of {} |", args.cycles);
    println!("| clients | {} |", args.clients.max(1));
    println!("| seed | {seed} |");
    println!("| time | {:.0} s |", running_time.as_secs_f64());
    println!("| restart to healthy | mean {mean_restart:.2} s, max {max_restart:.2} s |");
    println!("| submissions sent (incl. resends) | {} |", c.sent.load(Ordering::Relaxed));
    println!("| acknowledged: new requests / replies | {acked_requests} / {acked_replies} |");
    println!("| unacknowledged answers (cut by a kill, timeout, 5xx) | {} |", c.unacknowledged.load(Ordering::Relaxed));
    println!("| … of which found committed (acknowledgement lost) | {} |", c.found_after_unack.load(Ordering::Relaxed));
    println!("| … of which not there and sent again | {} |", c.resent.load(Ordering::Relaxed));
    println!("| settled as committed without an acknowledgement | {found} |");
    println!("| 409 conflicts resent / sign-ins again | {} / {} |", c.conflicts.load(Ordering::Relaxed), c.resigned.load(Ordering::Relaxed));
    println!("| rejected (unexpected 4xx) | {} |", c.rejected.load(Ordering::Relaxed));
    println!("| requests in the database / numbers 1..=N | {} / {} |", check.requests, if check.number_problems.is_empty() { "yes" } else { "NO" });
    println!("| **lost** (settled, not in the database) | **{}** |", check.lost.len());
    println!("| **duplicated** (marker more than once) | **{}** |", check.duplicated.len());
    println!("| unknown markers in the database | {} |", check.unknown.len());
    println!("| number gaps or duplicates | {} |", check.number_problems.len());
    println!("| server log: lines / panics / \"database is locked\" / ERROR | {log_lines} / {panics} / {locked} / {errors} |");
    let mut ok = acked_requests > 0 && acked_replies > 0;
    if !ok {
        println!("nothing was acknowledged: the run tested nothing");
    }
    for (name, list) in [
        ("lost", &check.lost),
        ("duplicated", &check.duplicated),
        ("unknown", &check.unknown),
        ("numbers", &check.number_problems),
        ("mismatch", &check.mismatched),
    ] {
        if !list.is_empty() {
            ok = false;
            println!();
            println!("{name}: {}", list.iter().take(20).cloned().collect::<Vec<_>>().join(", "));
        }
    }
    if let Some(r) = shared.first_rejection.lock().unwrap().clone() {
        ok = false;
        println!("first rejection: {r}");
    }
    if panics > 0 {
        println!("server panics: {:?}", scan.samples.lock().unwrap());
    }
    if let Some(f) = failure {
        ok = false;
        println!("run stopped early: {f}");
    }
    if args.keep || !ok {
        println!("kept: {} ({})", dir.display(), db::connect::redact(&url));
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!();
    println!("{}", if ok { "PASS: nothing acknowledged was lost or duplicated" } else { "FAIL" });
    Ok(ok)
}

// ---- clients ----------------------------------------------------------------------------

fn new_client() -> (Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let client = Client::builder().cookie_provider(jar.clone()).redirect(Policy::none()).http1_only().build().expect("client");
    (client, jar)
}

/// Waits until the server is up (and, with `after`, has been restarted since generation `after`).
async fn wait_up(shared: &Shared, after: Option<u64>) {
    let mut rx = shared.gen.clone();
    let _ = rx.wait_for(|(g, up)| *up && after.is_none_or(|a| *g > a)).await;
}

fn current_gen(shared: &Shared) -> u64 {
    shared.gen.borrow().0
}

async fn post(shared: &Shared, c: &Client, name: &str, form: &[(&str, &str)]) -> Result<(StatusCode, Value), String> {
    let res = c
        .post(format!("{}/api/{name}", shared.base))
        .header("origin", &shared.base)
        .timeout(shared.timeout)
        .form(form)
        .send()
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    let status = res.status();
    let text = res.text().await.map_err(|e| format!("{name} body: {e}"))?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::String(text))))
}

/// Signs in (again), waiting out restarts.
async fn sign_in(shared: &Shared, email: &str) -> Client {
    loop {
        wait_up(shared, None).await;
        let g = current_gen(shared);
        let (c, _) = new_client();
        match post(shared, &c, "sign_in", &[("email", email), ("password", db::seed::DEMO_PASSWORD)]).await {
            Ok((s, _)) if s.is_success() => return c,
            Ok((s, body)) if s.is_client_error() => panic!("sign in {email}: {s} {body}"),
            _ => wait_up(shared, Some(g)).await,
        }
    }
}

async fn client(shared: Arc<Shared>, idx: usize, email: &'static str, staff: bool, mut rng: Rng) {
    let mut c = sign_in(&shared, email).await;
    shared.signed_in.fetch_add(1, Ordering::Relaxed);
    let mut site: Option<String> = None;
    let mut mine: Vec<String> = vec![];
    let mut seq = 0u32;
    while !shared.done.load(Ordering::Relaxed) {
        seq += 1;
        let marker = format!("CRASH-c{idx:02}-s{seq:06}.");
        let what = if staff {
            let known = shared.numbers.lock().unwrap().clone();
            if known.is_empty() {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            What::Reply { number: known[rng.range(0, known.len() as u64 - 1) as usize].clone() }
        } else if mine.is_empty() || rng.chance(0.5) {
            What::Request
        } else {
            What::Reply { number: mine[rng.range(0, mine.len() as u64 - 1) as usize].clone() }
        };
        if matches!(what, What::Request) && site.is_none() {
            site = Some(site_of(&shared, &mut c, email).await);
        }
        let s = settle(&shared, &mut c, email, &marker, what, site.as_deref().unwrap_or_default()).await;
        if let (What::Request, Some(n)) = (&s.what, &s.number) {
            mine.push(n.clone());
            shared.numbers.lock().unwrap().push(n.clone());
        }
        if let Some(s) = s.into_settled() {
            shared.settled.lock().unwrap().push(s);
        }
    }
}

/// The caller's first site (for the new-request form).
async fn site_of(shared: &Shared, c: &mut Client, email: &str) -> String {
    loop {
        wait_up(shared, None).await;
        let g = current_gen(shared);
        match post(shared, c, "get_new_request_form", &[]).await {
            Ok((s, body)) if s.is_success() => return body["sites"][0]["id"].to_string(),
            Ok((StatusCode::UNAUTHORIZED, _)) => *c = sign_in(shared, email).await,
            _ => wait_up(shared, Some(g)).await,
        }
    }
}

/// A submission's end: settled (acknowledged or found committed), or rejected.
struct Outcome {
    what: What,
    marker: String,
    number: Option<String>,
    acknowledged: bool,
    rejected: bool,
}

impl Outcome {
    fn into_settled(self) -> Option<Settled> {
        (!self.rejected).then_some(Settled { marker: self.marker, what: self.what, number: self.number, acknowledged: self.acknowledged })
    }
}

/// Sends one submission until it is acknowledged or found committed (see the module comment).
async fn settle(shared: &Shared, c: &mut Client, email: &str, marker: &str, what: What, site: &str) -> Outcome {
    let title = format!("Crash test {marker}");
    let text = format!("Crash test reply {marker}");
    let counters = &shared.counters;
    loop {
        wait_up(shared, None).await;
        let sent_in = current_gen(shared);
        counters.sent.fetch_add(1, Ordering::Relaxed);
        let answer = match &what {
            What::Request => {
                let form = [
                    ("title", title.as_str()),
                    ("description", "Submitted by the crash test while the server is killed at random moments."),
                    ("kind", "consultation"),
                    ("severity", "3"),
                    ("system", ""),
                    ("site_id", site),
                    ("contact_phone", "12345"),
                ];
                post(shared, c, "submit_request", &form).await
            }
            What::Reply { number } => post(shared, c, "reply_request", &[("number", number.as_str()), ("body", text.as_str())]).await,
        };
        match answer {
            Ok((s, body)) if s.is_success() => {
                let number = match &what {
                    What::Request => body.as_str().map(str::to_string),
                    What::Reply { .. } => None,
                };
                return Outcome { what, marker: marker.into(), number, acknowledged: true, rejected: false };
            }
            Ok((StatusCode::UNAUTHORIZED, _)) => {
                counters.resigned.fetch_add(1, Ordering::Relaxed);
                *c = sign_in(shared, email).await;
            }
            Ok((StatusCode::CONFLICT, _)) => {
                counters.conflicts.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Ok((s, body)) if s.is_client_error() => {
                counters.rejected.fetch_add(1, Ordering::Relaxed);
                shared.first_rejection.lock().unwrap().get_or_insert_with(|| format!("{email} {marker}: {s} {body}"));
                return Outcome { what, marker: marker.into(), number: None, acknowledged: false, rejected: true };
            }
            _ => {
                // No answer: unknown whether it committed. Wait until the process that had it
                // is gone and a new one is up, then look for the marker.
                counters.unacknowledged.fetch_add(1, Ordering::Relaxed);
                wait_up(shared, Some(sent_in)).await;
                match present(shared, c, email, marker, &what).await {
                    Some(number) => {
                        counters.found_after_unack.fetch_add(1, Ordering::Relaxed);
                        return Outcome { what, marker: marker.into(), number, acknowledged: false, rejected: false };
                    }
                    None => {
                        counters.resent.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
    }
}

/// Whether the marker is in the portal (through the API, as the client itself sees it):
/// `Some(number)` (the request's number, or `None` inside for a reply) when it is.
async fn present(shared: &Shared, c: &mut Client, email: &str, marker: &str, what: &What) -> Option<Option<String>> {
    loop {
        wait_up(shared, None).await;
        let g = current_gen(shared);
        let answer = match what {
            What::Request => {
                let form = [
                    ("filter[q]", marker),
                    ("filter[page]", "0"),
                    ("filter[scope]", "mine"),
                    ("filter[status]", ""),
                    ("filter[severity]", ""),
                    ("filter[site]", ""),
                    ("filter[sort]", ""),
                ];
                post(shared, c, "list_requests", &form).await
            }
            What::Reply { number } => post(shared, c, "get_request", &[("number", number.as_str())]).await,
        };
        match answer {
            Ok((s, body)) if s.is_success() => {
                return match what {
                    What::Request => body["rows"]
                        .as_array()
                        .and_then(|rows| rows.iter().find(|r| r["title"].as_str().is_some_and(|t| t.contains(marker))))
                        .map(|r| r["number"].as_str().map(str::to_string)),
                    What::Reply { .. } => body["timeline"]
                        .as_array()
                        .and_then(|t| t.iter().find(|e| e["kind"] == "reply" && e["body"]["text"].as_str().is_some_and(|x| x.contains(marker))))
                        .map(|_| None),
                };
            }
            Ok((StatusCode::UNAUTHORIZED, _)) => *c = sign_in(shared, email).await,
            _ => wait_up(shared, Some(g)).await,
        }
    }
}

// ---- the check ----------------------------------------------------------------------------

struct Check {
    requests: usize,
    lost: Vec<String>,
    duplicated: Vec<String>,
    unknown: Vec<String>,
    number_problems: Vec<String>,
    mismatched: Vec<String>,
}

fn marker_in(text: &str) -> Option<String> {
    let at = text.find("CRASH-c")?;
    let rest = &text[at..];
    let end = rest.find('.')?;
    Some(rest[..=end].to_string())
}

/// Reads the database directly (the server is stopped): every settled marker exactly once,
/// acknowledged numbers where the server said, numbers 1..=N per year.
async fn verify(url: &str, settled: &[Settled]) -> Result<Check, String> {
    use db::sea_orm::{Database, EntityTrait};
    let conn = Database::connect(url).await.map_err(|e| format!("connect for the check: {e}"))?;
    let requests = db::entity::request::Entity::find().all(&conn).await.map_err(|e| e.to_string())?;
    let events = db::entity::request_event::Entity::find().all(&conn).await.map_err(|e| e.to_string())?;
    conn.close().await.ok();

    let number_of: HashMap<i32, String> = requests.iter().map(|r| (r.id, r.number.clone())).collect();
    // marker -> where it is (request number, for requests and replies alike)
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for r in &requests {
        if let Some(m) = marker_in(&r.title) {
            found.entry(m).or_default().push(r.number.clone());
        }
    }
    for e in events.iter().filter(|e| e.kind == "reply") {
        if let Some(m) = marker_in(&e.body) {
            found.entry(m).or_default().push(number_of.get(&e.request_id).cloned().unwrap_or_default());
        }
    }
    let mut check = Check { requests: requests.len(), lost: vec![], duplicated: vec![], unknown: vec![], number_problems: vec![], mismatched: vec![] };
    let mut expected: HashMap<&str, &Settled> = HashMap::new();
    for s in settled {
        if expected.insert(&s.marker, s).is_some() {
            check.duplicated.push(format!("{} settled twice by the client", s.marker));
        }
        match found.get(&s.marker) {
            None => check.lost.push(format!("{} ({})", s.marker, if s.acknowledged { "acknowledged" } else { "found earlier" })),
            Some(at) if at.len() > 1 => check.duplicated.push(format!("{} x{} in {}", s.marker, at.len(), at.join("/"))),
            Some(at) => {
                let want = match (&s.what, &s.number) {
                    (What::Request, Some(n)) => Some(n),
                    (What::Reply { number }, _) => Some(number),
                    _ => None,
                };
                if let Some(want) = want {
                    if &at[0] != want {
                        check.mismatched.push(format!("{} is on {} not {want}", s.marker, at[0]));
                    }
                }
            }
        }
    }
    for (m, at) in &found {
        if !expected.contains_key(m.as_str()) {
            check.unknown.push(format!("{m} in {}", at.join("/")));
        }
    }
    let mut by_year: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for r in &requests {
        let mut parts = r.number.rsplitn(2, '-');
        let seq = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        by_year.entry(parts.next().unwrap_or_default().to_string()).or_default().push(seq);
    }
    for (year, mut seqs) in by_year {
        seqs.sort();
        for (i, s) in seqs.iter().enumerate() {
            if *s != i as u32 + 1 {
                check.number_problems.push(format!("{year}: position {} holds {s}", i + 1));
                break;
            }
        }
    }
    Ok(check)
}
