//! `server backup <file>` and `server restore <file>` for the SQLite database.
//!
//! Backup uses SQLite's online backup API (`sqlite3_backup_init` / `_step` / `_finish`) on two
//! raw connections of the same libsqlite3 that sqlx links. It runs while the portal serves:
//! the whole copy is one `sqlite3_backup_step(-1)`, which reads every page inside a single
//! read transaction, so the copy is the database as of one commit. In WAL mode a reader never
//! blocks the portal's writers (only checkpoints wait for it), and a single step is never
//! restarted by their writes, as a step-by-step copy from another connection would be.
//! The copy is written to `<file>.partial`, switched to a single-file journal, checked with
//! `PRAGMA integrity_check`, synced, and only then renamed to `<file>`.
//!
//! Restore is for a stopped portal: it checks the backup (`PRAGMA integrity_check`, and that it
//! holds no migration this binary does not know, which would mean a newer schema), refuses if
//! any connection still has the target database open, moves the current database (and any
//! `-wal`/`-shm` left by a crash, which must never be replayed onto another database) aside to
//! `<db>.pre-restore-<time>`, and copies the backup into place (copy, fsync, rename).
//!
//! PostgreSQL: `pg_dump -Fc` / `pg_restore`, see README "Backup and restore".
use std::{
    ffi::{c_int, CStr, CString},
    fs,
    os::unix::ffi::OsStrExt,
    path::{Path, PathBuf},
    ptr,
    time::{Duration, Instant},
};

use libsqlite3_sys as ffi;

/// The file a `sqlite:` URL names (`sqlite://data/portal.db?mode=rwc` → `data/portal.db`).
pub fn sqlite_path(database_url: &str) -> Result<PathBuf, String> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .ok_or_else(|| format!("{} is not a SQLite URL", db::connect::redact(database_url)))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err(format!("{} names no database file", db::connect::redact(database_url)));
    }
    Ok(PathBuf::from(path))
}

/// The migrations this binary knows, by name (what `seaql_migrations.version` holds).
pub fn known_migrations() -> Vec<String> {
    use sea_orm_migration::MigratorTrait;
    db::migration::Migrator::migrations().iter().map(|m| m.name().to_string()).collect()
}

/// What a backup or a restore did, for the operator.
#[derive(Debug)]
pub struct Summary {
    pub file: PathBuf,
    pub bytes: u64,
    pub seconds: f64,
    pub latest_migration: Option<String>,
    pub users: i64,
    pub requests: i64,
    /// Restore only: where the database that was replaced now is.
    pub moved_aside: Option<PathBuf>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} bytes in {:.2} s; {} users, {} requests; schema {}",
            self.file.display(),
            self.bytes,
            self.seconds,
            self.users,
            self.requests,
            self.latest_migration.as_deref().unwrap_or("(no migrations)")
        )?;
        if let Some(aside) = &self.moved_aside {
            write!(f, "; the previous database was moved to {}", aside.display())?;
        }
        Ok(())
    }
}

/// Copies the live database at `source` to `dest` with the online backup API.
pub fn backup(source: &Path, dest: &Path) -> Result<Summary, String> {
    let started = Instant::now();
    if !source.exists() {
        return Err(format!("{} does not exist", source.display()));
    }
    if dest.exists() {
        return Err(format!("{} already exists; give the backup a new name", dest.display()));
    }
    let partial = with_suffix(dest, ".partial");
    remove_if_exists(&partial)?;
    // Read-write without CREATE: a wrong path fails instead of backing up a new empty file.
    // The backup only reads; the flag lets the connection use the WAL index like the portal.
    let src = Conn::open(source, ffi::SQLITE_OPEN_READWRITE)?;
    let out = Conn::open(&partial, ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE)?;
    let result = copy_pages(&src, &out).and_then(|()| {
        // One self-contained file: no `-wal` needed to read it (the copy keeps the source's
        // WAL flag otherwise). The portal switches it back to WAL when it opens it.
        out.rows("PRAGMA journal_mode=DELETE")?;
        check_integrity(&out)?;
        describe(&out, dest)
    });
    drop(src);
    drop(out);
    let mut summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_file(&partial);
            return Err(e);
        }
    };
    sync_file(&partial)?;
    fs::rename(&partial, dest).map_err(|e| format!("rename {} to {}: {e}", partial.display(), dest.display()))?;
    sync_dir(dest)?;
    summary.bytes = fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn copy_pages(src: &Conn, out: &Conn) -> Result<(), String> {
    let main = c"main";
    let handle = unsafe { ffi::sqlite3_backup_init(out.0, main.as_ptr(), src.0, main.as_ptr()) };
    if handle.is_null() {
        return Err(format!("sqlite3_backup_init: {}", out.errmsg()));
    }
    // All pages in one step (see the module comment). BUSY/LOCKED can only come from another
    // process holding an exclusive lock for a moment (a checkpoint truncating the WAL, say):
    // wait and step again, for at most a minute.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut rc;
    loop {
        rc = unsafe { ffi::sqlite3_backup_step(handle, -1) };
        match rc {
            ffi::SQLITE_DONE => break,
            ffi::SQLITE_OK => continue,
            ffi::SQLITE_BUSY | ffi::SQLITE_LOCKED if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            _ => break,
        }
    }
    let finish = unsafe { ffi::sqlite3_backup_finish(handle) };
    if rc != ffi::SQLITE_DONE {
        return Err(format!("sqlite3_backup_step: {} ({})", errstr(rc), src.errmsg()));
    }
    if finish != ffi::SQLITE_OK {
        return Err(format!("sqlite3_backup_finish: {} ({})", errstr(finish), out.errmsg()));
    }
    Ok(())
}

/// Puts the backup `file` in place of the database at `target`. The portal must be stopped.
pub fn restore(file: &Path, target: &Path, known: &[String]) -> Result<Summary, String> {
    let started = Instant::now();
    let mut summary = check_backup(file, known)?;
    ensure_unused(target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    }
    // Copy next to the target first, so the final step is an atomic rename.
    let incoming = with_suffix(target, ".restoring");
    remove_if_exists(&incoming)?;
    fs::copy(file, &incoming).map_err(|e| format!("copy {} to {}: {e}", file.display(), incoming.display()))?;
    sync_file(&incoming)?;
    let moved_aside = if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = with_suffix(target, &format!(".pre-restore-{stamp}"));
        fs::rename(target, &aside).map_err(|e| format!("move {} aside: {e}", target.display()))?;
        Some(aside)
    } else {
        None
    };
    // A `-wal` left by a crash belongs to the old database; replayed onto the restored one it
    // would corrupt it. It goes with the old database (which it completes).
    for ext in ["-wal", "-journal"] {
        let side = with_suffix(target, ext);
        if side.exists() {
            match &moved_aside {
                Some(aside) => fs::rename(&side, with_suffix(aside, ext)),
                None => fs::remove_file(&side),
            }
            .map_err(|e| format!("move {} aside: {e}", side.display()))?;
        }
    }
    // The shared-memory index only describes the WAL; nobody has it open (checked above).
    remove_if_exists(&with_suffix(target, "-shm"))?;
    fs::rename(&incoming, target).map_err(|e| format!("rename {} to {}: {e}", incoming.display(), target.display()))?;
    sync_dir(target)?;
    // The restored file answers like the backup did.
    let conn = Conn::open(target, ffi::SQLITE_OPEN_READWRITE)?;
    let quick = conn.rows("PRAGMA quick_check")?;
    if quick.first().and_then(|r| r.first()).and_then(|v| v.as_deref()) != Some("ok") {
        return Err(format!("{} fails PRAGMA quick_check after the copy", target.display()));
    }
    drop(conn);
    summary.file = target.to_path_buf();
    summary.bytes = fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    summary.seconds = started.elapsed().as_secs_f64();
    summary.moved_aside = moved_aside;
    Ok(summary)
}

/// A backup is usable by this binary: intact, and no migration newer than the ones it knows.
pub fn check_backup(file: &Path, known: &[String]) -> Result<Summary, String> {
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    let conn = Conn::open(file, ffi::SQLITE_OPEN_READONLY)?;
    check_integrity(&conn)?;
    let applied =
        conn.rows("SELECT version FROM seaql_migrations ORDER BY version").map_err(|e| format!("{} is not a portal database ({e})", file.display()))?;
    let unknown: Vec<String> = applied.into_iter().filter_map(|r| r.into_iter().next().flatten()).filter(|v| !known.contains(v)).collect();
    if !unknown.is_empty() {
        return Err(format!(
            "{} was made by a newer version of the portal (migrations this binary does not know: {}); restore it with that version",
            file.display(),
            unknown.join(", ")
        ));
    }
    describe(&conn, file)
}

/// Fails when any connection (a running portal) has the database at `target` open. A WAL
/// connection holds a shared lock on the file as long as it is open; exclusive locking mode
/// asks for the exclusive lock at the first read and cannot get it while one is held.
fn ensure_unused(target: &Path) -> Result<(), String> {
    if !target.exists() {
        return Ok(());
    }
    let conn = Conn::open(target, ffi::SQLITE_OPEN_READWRITE)?;
    unsafe { ffi::sqlite3_busy_timeout(conn.0, 0) };
    let probe = conn.rows("PRAGMA locking_mode=EXCLUSIVE").and_then(|_| conn.rows("BEGIN EXCLUSIVE")).and_then(|_| conn.rows("COMMIT"));
    if let Err(e) = probe {
        return Err(format!("{} is in use ({e}): stop the portal before restoring", target.display()));
    }
    // Closing the last connection checkpoints a leftover WAL into the old database, so what
    // is moved aside is complete on its own.
    drop(conn);
    Ok(())
}

fn check_integrity(conn: &Conn) -> Result<(), String> {
    let rows = conn.rows("PRAGMA integrity_check")?;
    let lines: Vec<String> = rows.into_iter().filter_map(|r| r.into_iter().next().flatten()).collect();
    if lines != ["ok"] {
        return Err(format!("PRAGMA integrity_check failed: {}", lines.join("; ")));
    }
    Ok(())
}

fn describe(conn: &Conn, file: &Path) -> Result<Summary, String> {
    let count = |sql: &str| {
        conn.rows(sql).ok().and_then(|r| r.into_iter().next()).and_then(|r| r.into_iter().next().flatten()).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    let latest = conn.rows("SELECT max(version) FROM seaql_migrations").ok().and_then(|r| r.into_iter().next()).and_then(|r| r.into_iter().next().flatten());
    Ok(Summary {
        file: file.to_path_buf(),
        bytes: fs::metadata(file).map(|m| m.len()).unwrap_or(0),
        seconds: 0.0,
        latest_migration: latest,
        users: count("SELECT count(*) FROM users"),
        requests: count("SELECT count(*) FROM requests"),
        moved_aside: None,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_if_exists(path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("remove {}: {e}", path.display())),
    }
}

fn sync_file(path: &Path) -> Result<(), String> {
    fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| format!("fsync {}: {e}", path.display()))
}

/// Makes a rename in the file's directory durable.
fn sync_dir(path: &Path) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::File::open(dir).and_then(|f| f.sync_all()).map_err(|e| format!("fsync {}: {e}", dir.display()))
}

fn errstr(rc: c_int) -> String {
    unsafe { CStr::from_ptr(ffi::sqlite3_errstr(rc)) }.to_string_lossy().into_owned()
}

/// A raw SQLite connection, closed on drop.
struct Conn(*mut ffi::sqlite3);

impl Conn {
    fn open(path: &Path, flags: c_int) -> Result<Conn, String> {
        let name = CString::new(path.as_os_str().as_bytes()).map_err(|_| format!("{} has a NUL byte", path.display()))?;
        let mut handle = ptr::null_mut();
        let rc = unsafe { ffi::sqlite3_open_v2(name.as_ptr(), &mut handle, flags | ffi::SQLITE_OPEN_NOMUTEX, ptr::null()) };
        // sqlite3_open_v2 gives a handle (to close) even when it fails.
        let conn = Conn(handle);
        if rc != ffi::SQLITE_OK {
            return Err(format!("open {}: {}", path.display(), if handle.is_null() { errstr(rc) } else { conn.errmsg() }));
        }
        unsafe { ffi::sqlite3_busy_timeout(handle, 30_000) };
        Ok(conn)
    }

    fn errmsg(&self) -> String {
        unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(self.0)) }.to_string_lossy().into_owned()
    }

    /// Runs one statement and returns its rows as text.
    fn rows(&self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String> {
        let text = CString::new(sql).map_err(|_| "SQL with a NUL byte".to_string())?;
        let mut stmt = ptr::null_mut();
        let rc = unsafe { ffi::sqlite3_prepare_v2(self.0, text.as_ptr(), -1, &mut stmt, ptr::null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(format!("{sql}: {}", self.errmsg()));
        }
        let mut rows = vec![];
        let result = loop {
            match unsafe { ffi::sqlite3_step(stmt) } {
                ffi::SQLITE_ROW => {
                    let n = unsafe { ffi::sqlite3_column_count(stmt) };
                    let row = (0..n)
                        .map(|i| unsafe {
                            let p = ffi::sqlite3_column_text(stmt, i);
                            (!p.is_null()).then(|| CStr::from_ptr(p.cast()).to_string_lossy().into_owned())
                        })
                        .collect();
                    rows.push(row);
                }
                ffi::SQLITE_DONE => break Ok(rows),
                _ => break Err(format!("{sql}: {}", self.errmsg())),
            }
        };
        unsafe { ffi::sqlite3_finalize(stmt) };
        result
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        unsafe { ffi::sqlite3_close(self.0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_from_urls() {
        assert_eq!(sqlite_path("sqlite://data/portal.db?mode=rwc").unwrap(), PathBuf::from("data/portal.db"));
        assert_eq!(sqlite_path("sqlite:///tmp/x/portal.db").unwrap(), PathBuf::from("/tmp/x/portal.db"));
        assert_eq!(sqlite_path("sqlite:portal.db").unwrap(), PathBuf::from("portal.db"));
        assert!(sqlite_path("postgres://u@h/db").is_err());
        assert!(sqlite_path("sqlite::memory:").is_err());
    }
}
