//! Starts the portal: reads the configuration, opens and migrates the database, loads the
//! demo data or the first admin, and serves until Ctrl-C or SIGTERM.
//!
//! `server backup <file>` copies the SQLite database while the portal runs, and
//! `server restore <file>` puts a backup in place of a stopped portal's database
//! (`server::backup`; the database is the one `DATABASE_URL` names, as when serving).
use std::path::Path;

use server::{backup, config::Config, startup::Application, telemetry};

/// mimalloc instead of glibc's malloc: page renders allocate many small, short-lived values on
/// every worker thread, and glibc's arenas cost more under that load (seen in the profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server                  serve the portal (configured by environment variables, see README)
       server backup <file>    copy the SQLite database to <file> while the portal runs
       server restore <file>   put the backup <file> in place of the database (stop the portal first)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] | ["serve"] => serve(),
        ["backup", file] => backup_or_restore(true, file),
        ["restore", file] => backup_or_restore(false, file),
        ["help" | "-h" | "--help"] => println!("{USAGE}"),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

fn config() -> Config {
    match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            std::process::exit(2);
        }
    }
}

fn backup_or_restore(is_backup: bool, file: &str) {
    let config = config();
    if !config.database_url.expose().starts_with("sqlite:") {
        eprintln!("DATABASE_URL is not SQLite: back up PostgreSQL with pg_dump -Fc and restore with pg_restore (README, \"Backup and restore\")");
        std::process::exit(2);
    }
    let database = match backup::sqlite_path(config.database_url.expose()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let result = if is_backup {
        backup::backup(&database, Path::new(file)).map(|s| format!("backup written: {s}"))
    } else {
        backup::restore(Path::new(file), &database, &backup::known_migrations()).map(|s| format!("restored {file} into {s}"))
    };
    match result {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("{} failed: {e}", if is_backup { "backup" } else { "restore" });
            std::process::exit(1);
        }
    }
}

#[tokio::main]
async fn serve() {
    let config = config();
    telemetry::init(&config);
    let app = match Application::build(config.clone()).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("cannot start: {e}");
            std::process::exit(1);
        }
    };
    println!("{}", app.banner());
    if let Err(e) = app.run_until_stopped().await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
