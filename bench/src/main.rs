//! `cargo run --release -p bench -- --requests 100000 --concurrency 32 --seconds 10 --listeners 1,100,1000`
//!
//! Starts the real portal in this process (same `Application::build` as `main` and the
//! integration tests) on a fresh SQLite file or a given PostgreSQL database, fills it with N
//! service requests, then measures page renders under load and live-update latency, and
//! prints a markdown report. Exits non-zero when any error rate is above 1 % or the server panicked.
mod fill;
mod live;
mod load;
mod report;
mod session;

use std::{
    path::PathBuf,
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
};

use clap::Parser;
use server::{config::Config, startup::Application};

use session::Portal;

#[derive(Parser)]
#[command(about = "Benchmark the portal: bulk fill, page renders under load, live-update latency")]
struct Args {
    /// Service requests in the database (one submitted for real, the rest bulk-inserted).
    #[arg(long, default_value_t = 100_000)]
    requests: u64,
    /// Concurrent signed-in browsers rendering pages.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Seconds of load per (user, page).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Open `/live` streams to measure with, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,100,1000")]
    listeners: Vec<usize>,
    /// Replies sent per listener count.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// A PostgreSQL database (`postgres://…`) instead of a fresh temporary SQLite file.
    /// Demo data is loaded only if it is empty; the fill adds to whatever is there.
    #[arg(long)]
    database_url: Option<String>,
    /// Keep the temporary SQLite file (its path is printed), to look at query plans after.
    #[arg(long)]
    keep: bool,
}

/// 1000 streams need 2000 sockets in this one process (both ends), plus the database's.
fn raise_open_file_limit() {
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                eprintln!("could not raise the open-file limit; large listener counts may fail");
            }
        }
    }
}

static PANICS: AtomicU64 = AtomicU64::new(0);
static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// A panic in a server task kills that one connection (the client sees an error) and would
/// print a full backtrace each time; count them and print one line each instead, so the
/// report can say how many there were and the log stays readable.
fn count_panics() {
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::Relaxed);
        let payload = info.payload();
        let msg = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default();
        let line = format!("{msg} (at {})", info.location().map(|l| l.to_string()).unwrap_or_default());
        eprintln!("panic: {line}");
        FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(line);
    }));
}

/// The workspace root: the compiled site lives in its `target/site`, wherever we are run from.
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

/// The same allocator as the server binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    raise_open_file_limit();
    count_panics();
    let temp_dir = std::env::temp_dir().join(format!("portal-bench-{}", uuid::Uuid::new_v4()));
    let url = match &args.database_url {
        Some(u) => u.clone(),
        None => {
            std::fs::create_dir_all(&temp_dir).expect("create a temporary directory");
            format!("sqlite://{}?mode=rwc", temp_dir.join("bench.db").display())
        }
    };
    let code = match bench(&args, &url).await {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("bench: {e}");
            2
        }
    };
    if args.database_url.is_none() {
        if args.keep {
            eprintln!("database kept: {}", temp_dir.join("bench.db").display());
        } else {
            let _ = std::fs::remove_dir_all(&temp_dir);
        }
    }
    // The server task and any open streams end with the process.
    std::process::exit(code);
}

async fn bench(args: &Args, url: &str) -> Result<bool, String> {
    let mut config = Config::for_tests(url);
    // Every browser and listener below signs in from 127.0.0.1.
    config.signin_per_address = 1_000_000;
    config.signin_per_account = 1_000_000;
    config.site_root = workspace_root().join("target/site");
    let app = Application::build(config).await?;
    let portal = Portal { base: format!("http://127.0.0.1:{}", app.port()) };
    let db = app.state.db.clone();
    let database = match db.kind {
        db::DbKind::Sqlite => "SQLite (temporary file)".to_string(),
        db::DbKind::Postgres => "PostgreSQL".to_string(),
    };
    tokio::spawn(app.run_until_stopped());
    eprintln!("portal at {} on {database}", portal.base);

    eprintln!("filling {} requests…", args.requests);
    let filled = fill::run(&portal, &db, args.requests.max(1)).await?;
    eprintln!("filled in {:.1} s", filled.seconds);

    // Each page with text only its real content has: list rows link to their requests.
    let row_link = "href=\"/requests/SR-";
    let pages = [
        ("/requests".to_string(), row_link),
        ("/requests?status=open&sort=deadline".to_string(), row_link),
        (format!("/requests?q={}", fill::SEARCH_WORD), row_link),
        (format!("/requests/{}", filled.deep_number), filled.deep_title.as_str()),
    ];
    let mut page_runs = vec![];
    for who in ["lead@acme.example", "dispatcher@provider.example"] {
        let browsers = portal.sign_in_many(who, args.concurrency.max(1)).await?;
        for (page, marker) in &pages {
            eprintln!("load: {who} {page} for {} s…", args.seconds);
            page_runs.push(load::run(&browsers, &portal.base, who, page, marker, args.seconds).await);
        }
    }

    // The real request's requester and their site manager both hear of it; a few sessions
    // each, shared by the listeners (signing in 1000 times would measure Argon2 instead).
    let mut sessions = portal.sign_in_many("user@acme.example", 4).await?;
    sessions.extend(portal.sign_in_many("lead@acme.example", 4).await?);
    let staff = portal.sign_in("dispatcher@provider.example").await?;
    let mut live_runs = vec![];
    for &k in &args.listeners {
        eprintln!("live: {k} listeners…");
        live_runs.push(live::run(&portal, &sessions, &staff, &filled.real_number, filled.real_id, k.max(1), args.rounds.max(1)).await);
    }

    let setup = report::Setup {
        database,
        requests: args.requests.max(1),
        concurrency: args.concurrency.max(1),
        seconds: args.seconds,
        rounds: args.rounds.max(1),
        cores: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        panics: PANICS.load(Ordering::Relaxed),
        first_panic: FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone(),
    };
    Ok(report::print(&setup, &filled, &page_runs, &live_runs, &workspace_root().join("target/site/pkg")))
}
