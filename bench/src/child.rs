//! The real server binary as a child process, for the crash and soak tools: start it on a
//! database and a port, wait until `/healthz` answers, kill it with SIGKILL, read its memory
//! (`VmRSS`), and scan what it writes (stdout and stderr) for panics and "database is locked"
//! while keeping all of it in a log file.
#![allow(dead_code)]
use std::{
    io::Write,
    net::TcpListener,
    path::PathBuf,
    process::Stdio,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncRead, BufReader},
    process::{Child, Command},
};

/// The workspace root (the compiled site is in its `target/site`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

/// The server binary to start: the one given, else `target/release/server` if it has been
/// built (by `cargo leptos build --release`), else `target/debug/server`; it must exist.
pub fn server_binary(given: Option<PathBuf>) -> Result<PathBuf, String> {
    let release = workspace_root().join("target/release/server");
    let binary = given.unwrap_or_else(|| if release.exists() { release } else { workspace_root().join("target/debug/server") });
    if !binary.exists() {
        return Err(format!("{} does not exist: build it (cargo build -p server) or pass --server", binary.display()));
    }
    Ok(binary)
}

/// Ends the tool: 0 when the run passed, 1 when it found a failure, 2 when it could not run.
pub fn exit(tool: &str, result: Result<bool, String>) -> ! {
    let code = match result {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("{tool}: {e}");
            2
        }
    };
    std::process::exit(code)
}

/// A free local port (bound and released; the server binds it with SO_REUSEADDR).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

/// What the server printed that matters: counted across every start of it.
#[derive(Default)]
pub struct LogScan {
    pub lines: AtomicU64,
    /// Panics (the `thread … panicked at` line, once each) and stack overflows (which abort).
    pub panics: AtomicU64,
    pub locked: AtomicU64,
    pub errors: AtomicU64,
    /// The first few of each, to show in the report.
    pub samples: Mutex<Vec<String>>,
}

impl LogScan {
    fn see(&self, raw: &str) {
        self.lines.fetch_add(1, Ordering::Relaxed);
        let line = strip_ansi(raw);
        let line = line.as_str();
        let lower = line.to_ascii_lowercase();
        let mut notable = false;
        if lower.contains("panicked at") || lower.contains("overflowed its stack") {
            self.panics.fetch_add(1, Ordering::Relaxed);
            notable = true;
        }
        if lower.contains("database is locked") || lower.contains("database table is locked") {
            self.locked.fetch_add(1, Ordering::Relaxed);
            notable = true;
        }
        if line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\"") {
            self.errors.fetch_add(1, Ordering::Relaxed);
            notable = true;
        }
        if notable {
            let mut s = self.samples.lock().unwrap_or_else(|e| e.into_inner());
            if s.len() < 10 {
                s.push(line.chars().take(400).collect());
            }
        }
    }

    pub fn get(&self) -> (u64, u64, u64, u64) {
        (self.lines.load(Ordering::Relaxed), self.panics.load(Ordering::Relaxed), self.locked.load(Ordering::Relaxed), self.errors.load(Ordering::Relaxed))
    }
}

/// The text of a log line without its terminal colour codes (`ESC [ … m`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// How to start one server.
#[derive(Clone)]
pub struct ServerSpec {
    pub binary: PathBuf,
    pub database_url: String,
    pub port: u16,
    /// PORTAL_DATA_DIR (mail files land here too).
    pub data_dir: PathBuf,
    /// Everything the server prints is appended here.
    pub log_file: PathBuf,
    /// A name for the log lines (`a`, `b` with two instances).
    pub name: String,
}

impl ServerSpec {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

pub struct Running {
    pub child: Child,
    pub pid: u32,
    pub started: Instant,
}

/// Starts the server and waits (up to `ready_within`) until `/healthz` answers 200.
pub async fn start(spec: &ServerSpec, scan: &Arc<LogScan>, ready_within: Duration) -> Result<(Running, Duration), String> {
    let started = Instant::now();
    let mut cmd = Command::new(&spec.binary);
    cmd.env("DATABASE_URL", &spec.database_url)
        .env("PORTAL_ADDR", format!("127.0.0.1:{}", spec.port))
        .env("PORTAL_DATA_DIR", &spec.data_dir)
        .env("PORTAL_MODE", "demo")
        .env("PORTAL_SIGNIN_PER_ADDRESS", "1000000")
        .env("PORTAL_SIGNIN_PER_ACCOUNT", "1000000")
        .env("LEPTOS_SITE_ROOT", workspace_root().join("target/site"))
        .env_remove("LEPTOS_SITE_ADDR")
        .env_remove("PORTAL_PUBLIC_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if std::env::var_os("RUST_LOG").is_none() {
        cmd.env("RUST_LOG", "warn");
    }
    let mut child = cmd.spawn().map_err(|e| format!("start {}: {e}", spec.binary.display()))?;
    let pid = child.id().unwrap_or(0);
    let log = std::fs::OpenOptions::new().create(true).append(true).open(&spec.log_file).map_err(|e| format!("open {}: {e}", spec.log_file.display()))?;
    let log = Arc::new(Mutex::new(log));
    if let Some(out) = child.stdout.take() {
        tokio::spawn(pump(out, log.clone(), scan.clone(), spec.name.clone()));
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(pump(err, log.clone(), scan.clone(), spec.name.clone()));
    }
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("client");
    let url = format!("{}/healthz", spec.base());
    loop {
        if let Ok(r) = client.get(&url).send().await {
            if r.status().is_success() {
                break;
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("server {} exited during start-up ({status}); see {}", spec.name, spec.log_file.display()));
        }
        if started.elapsed() > ready_within {
            let _ = child.start_kill();
            return Err(format!("server {} not ready within {:?}; see {}", spec.name, ready_within, spec.log_file.display()));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok((Running { child, pid, started }, started.elapsed()))
}

async fn pump(from: impl AsyncRead + Unpin, log: Arc<Mutex<std::fs::File>>, scan: Arc<LogScan>, name: String) {
    let mut lines = BufReader::new(from).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        scan.see(&line);
        let mut f = log.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(f, "[{name}] {line}");
    }
}

impl Running {
    /// SIGKILL, and wait until the process is gone.
    pub async fn kill9(&mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }

    /// SIGTERM (graceful), then SIGKILL after `grace`.
    pub async fn stop(&mut self, grace: Duration) {
        unsafe {
            libc::kill(self.pid as i32, libc::SIGTERM);
        }
        if tokio::time::timeout(grace, self.child.wait()).await.is_err() {
            self.kill9().await;
        }
    }

    /// Whether it has exited (and how) without being asked to.
    pub fn exited(&mut self) -> Option<String> {
        self.child.try_wait().ok().flatten().map(|s| s.to_string())
    }

    pub fn rss_kib(&self) -> Option<u64> {
        rss_kib(self.pid)
    }
}

/// Resident memory of a process, from `/proc/<pid>/status` (`VmRSS`, KiB).
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()).and_then(|v| v.parse().ok())
}

/// A new empty database in the PostgreSQL cluster `url` points at; returns its URL and name.
pub async fn fresh_postgres(url: &str, prefix: &str) -> Result<(String, String), String> {
    use db::sea_orm::{ConnectionTrait, Database};
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(url).await.map_err(|e| format!("connect {}: {e}", db::connect::redact(url)))?;
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.map_err(|e| format!("CREATE DATABASE {name}: {e}"))?;
    admin.close().await.ok();
    let base = url.split('?').next().unwrap_or(url).rsplit_once('/').map(|(b, _)| b).ok_or("a postgres:// URL with a database name")?;
    Ok((format!("{base}/{name}"), name))
}

/// Drops a database `fresh_postgres` made (after the servers are gone).
pub async fn drop_postgres(url: &str, name: &str) {
    use db::sea_orm::{ConnectionTrait, Database};
    if let Ok(admin) = Database::connect(url).await {
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        admin.close().await.ok();
    }
}

/// A small deterministic random generator (xorshift64*), so a run can be repeated by seed.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// True with probability `p` (0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

pub fn seed_from_time() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(42)
}

pub fn temp_dir(prefix: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}
