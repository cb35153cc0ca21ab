//! Backup and restore while writes go on: `server backup` / `server restore` (the real binary,
//! SQLite online backup API) and the README's `pg_dump -Fc` / `pg_restore` recipe. Each
//! restored copy is started as a new Application and read through the API: everything
//! acknowledged before the backup began is there, people sign in, and the next request takes
//! the next number (no gap, no duplicate).
use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use db::sea_orm::EntityTrait;
use server::{config::Config, startup::Application};

use crate::helpers::*;

/// What the writers had acknowledged: request numbers, and (number, text) of replies.
#[derive(Clone, Default)]
struct Acked {
    requests: Vec<String>,
    replies: Vec<(String, String)>,
}

async fn start(url: &str) -> TestApp {
    let app = Application::build(Config::for_tests(url)).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    let backend = if db.kind == db::DbKind::Sqlite { Backend::Sqlite } else { Backend::Postgres };
    tokio::spawn(app.run_until_stopped());
    TestApp { base, backend, db }
}

/// Three people submitting requests and replying to them until `stop`.
fn start_writers(app: &TestApp, stop: Arc<AtomicBool>, acked: Arc<Mutex<Acked>>) -> Vec<tokio::task::JoinHandle<()>> {
    ["user@acme.example", "lead@acme.example", "user@globex.example"]
        .into_iter()
        .enumerate()
        .map(|(w, email)| {
            let (app, stop, acked) = (TestApp { base: app.base.clone(), backend: app.backend, db: app.db.clone() }, stop.clone(), acked.clone());
            tokio::spawn(async move {
                let c = app.signed_in(email).await;
                let site = app.call(&c, "get_new_request_form", &[]).await.body["sites"][0]["id"].to_string();
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let title = format!("Backup writer {w} request {i}");
                    let r = app
                        .call(
                            &c,
                            "submit_request",
                            &[
                                ("title", &title),
                                ("description", "Written while the backup runs."),
                                ("kind", "consultation"),
                                ("severity", "3"),
                                ("system", ""),
                                ("site_id", &site),
                                ("contact_phone", "12345"),
                            ],
                        )
                        .await;
                    assert_eq!(r.status, 200, "{}", r.body);
                    let number = r.body.as_str().unwrap().to_string();
                    acked.lock().unwrap().requests.push(number.clone());
                    let text = format!("reply {i} of writer {w}");
                    let r = app.call(&c, "reply_request", &[("number", &number), ("body", &text)]).await;
                    assert_eq!(r.status, 200, "{}", r.body);
                    acked.lock().unwrap().replies.push((number, text));
                }
            })
        })
        .collect()
}

async fn wait_for_requests(acked: &Mutex<Acked>, n: usize) {
    for _ in 0..600 {
        if acked.lock().unwrap().replies.len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("writers did not get {n} replies in");
}

/// Runs a command to completion off the async threads; panics with its output on failure.
async fn run(mut cmd: Command) -> String {
    let shown = format!("{cmd:?}");
    let out = tokio::task::spawn_blocking(move || cmd.output()).await.unwrap().unwrap_or_else(|e| panic!("{shown}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{shown} failed: {text}");
    text
}

fn server_cmd(database_url: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.args(args).env("DATABASE_URL", database_url).env("RUST_LOG", "warn");
    cmd
}

/// The restored copy holds everything acknowledged before the backup began, numbers run
/// 1..=N, people sign in, and a new request gets number N+1.
async fn check_restored(app: &TestApp, before: &Acked) {
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    for number in &before.requests {
        let r = app.call(&dispatcher, "get_request", &[("number", number)]).await;
        assert_eq!(r.status, 200, "{number} missing after restore: {}", r.body);
    }
    for (number, text) in &before.replies {
        let r = app.call(&dispatcher, "get_request", &[("number", number)]).await;
        let found = r.body["timeline"].as_array().unwrap().iter().filter(|t| t["kind"] == "reply" && t["body"]["text"] == text.as_str()).count();
        assert_eq!(found, 1, "reply {text:?} on {number} after restore");
    }
    let rows = db::entity::request::Entity::find().all(&app.db.conn).await.unwrap();
    let mut seqs: Vec<u32> = rows.iter().map(|r| r.number.rsplit('-').next().unwrap().parse().unwrap()).collect();
    seqs.sort();
    assert!(seqs.len() >= before.requests.len());
    assert_eq!(seqs, (1..=seqs.len() as u32).collect::<Vec<_>>(), "numbers after restore have a gap or a duplicate");
    // The lists show every request acknowledged before the backup (a dispatcher sees all:
    // under load one writer may not have had a request acknowledged yet), and the next number
    // follows on.
    let user = app.signed_in("user@acme.example").await;
    let list = app
        .call(
            &dispatcher,
            "list_requests",
            &[
                ("filter[q]", ""),
                ("filter[page]", "0"),
                ("filter[scope]", ""),
                ("filter[status]", ""),
                ("filter[severity]", ""),
                ("filter[site]", ""),
                ("filter[sort]", ""),
            ],
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body["total"].as_u64().unwrap() >= before.requests.len() as u64, "{}", list.body["total"]);
    let site = app.call(&user, "get_new_request_form", &[]).await.body["sites"][0]["id"].to_string();
    let r = app
        .call(
            &user,
            "submit_request",
            &[
                ("title", "After the restore"),
                ("description", "The first request on the restored copy."),
                ("kind", "consultation"),
                ("severity", "3"),
                ("system", ""),
                ("site_id", &site),
                ("contact_phone", "12345"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let next: u32 = r.body.as_str().unwrap().rsplit('-').next().unwrap().parse().unwrap();
    assert_eq!(next, seqs.len() as u32 + 1, "the next number after {} restored requests", seqs.len());
}

fn sqlite_file(url: &str) -> PathBuf {
    server::backup::sqlite_path(url).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_under_writes_restores_into_a_working_portal() {
    let url = fresh_database(Backend::Sqlite).await.unwrap();
    let app = start(&url).await;
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Acked::default()));
    let writers = start_writers(&app, stop.clone(), acked.clone());
    wait_for_requests(&acked, 6).await;

    let dir = sqlite_file(&url).parent().unwrap().to_path_buf();
    let backup_file = dir.join("backup.db");
    let before = acked.lock().unwrap().clone();
    let said = run(server_cmd(&url, &["backup", backup_file.to_str().unwrap()])).await;
    assert!(said.contains("backup written"), "{said}");
    // Writes went on during the backup (more were acknowledged while it ran or just after).
    wait_for_requests(&acked, before.replies.len() + 3).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    // A second backup to the same name is refused rather than overwritten.
    let again = server_cmd(&url, &["backup", backup_file.to_str().unwrap()]).output().unwrap();
    assert!(!again.status.success());

    // Restore into a fresh path and start a portal on it.
    let restored_url = fresh_database(Backend::Sqlite).await.unwrap();
    let said = run(server_cmd(&restored_url, &["restore", backup_file.to_str().unwrap()])).await;
    assert!(said.contains("restored"), "{said}");
    assert!(!Path::new(&format!("{}-wal", sqlite_file(&restored_url).display())).exists());
    let restored = start(&restored_url).await;
    check_restored(&restored, &before).await;

    // Restoring over a database a running portal has open is refused, and changes nothing.
    let refused = server_cmd(&restored_url, &["restore", backup_file.to_str().unwrap()]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stop the portal"), "{}", String::from_utf8_lossy(&refused.stderr));

    // A backup from a newer version (a migration this binary does not know) is refused.
    let newer = dir.join("newer.db");
    std::fs::copy(&backup_file, &newer).unwrap();
    {
        use db::sea_orm::{ConnectionTrait, Database};
        let c = Database::connect(format!("sqlite://{}", newer.display())).await.unwrap();
        c.execute_unprepared("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_from_the_future', 0)").await.unwrap();
        c.close().await.unwrap();
    }
    let target = fresh_database(Backend::Sqlite).await.unwrap();
    let out = server_cmd(&target, &["restore", newer.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("m20991231_000001_from_the_future"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!sqlite_file(&target).exists(), "a refused restore must not create the database");
}

/// The README's PostgreSQL recipe, for real: `pg_dump -Fc` while writes go on, `pg_restore`
/// into an empty database, a portal started on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_pg_dump_under_writes_restores_into_a_working_portal() {
    let Some(url) = fresh_database(Backend::Postgres).await else { return };
    if Command::new("pg_dump").arg("--version").output().is_err() {
        if std::env::var("PORTAL_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("PORTAL_REQUIRE_PG=1 but pg_dump is not installed");
        }
        eprintln!("PostgreSQL backup test skipped: pg_dump is not installed");
        return;
    }
    let app = start(&url).await;
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Acked::default()));
    let writers = start_writers(&app, stop.clone(), acked.clone());
    wait_for_requests(&acked, 6).await;

    let dump = std::env::temp_dir().join(format!("portal-backup-{}.dump", uuid::Uuid::new_v4()));
    let before = acked.lock().unwrap().clone();
    let mut cmd = Command::new("pg_dump");
    cmd.args(["-Fc", "-f", dump.to_str().unwrap(), "-d", &url]);
    run(cmd).await;
    wait_for_requests(&acked, before.replies.len() + 3).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }

    let restored_url = fresh_database(Backend::Postgres).await.unwrap();
    let mut cmd = Command::new("pg_restore");
    cmd.args(["--no-owner", "--exit-on-error", "-d", &restored_url, dump.to_str().unwrap()]);
    run(cmd).await;
    let _ = std::fs::remove_file(&dump);
    let restored = start(&restored_url).await;
    check_restored(&restored, &before).await;
}
