//! Opening the database: SQLite (the embedded default) or PostgreSQL, chosen by the URL.
//! Migrations run here, at every start, before anything else uses the connection.
use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use sea_orm_migration::MigratorTrait;
use tokio::sync::{Mutex, Notify, OwnedMutexGuard};

use crate::migration::Migrator;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// The shared handle. Cloning is cheap (a pool and an `Arc`).
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    pub kind: DbKind,
    /// SQLite allows one writer at a time, and a transaction that reads before it writes
    /// cannot wait for the lock (SQLite reports "database is locked" at once to avoid a
    /// deadlock). Serialising write transactions inside the process removes that case; the
    /// busy timeout covers the remaining single statements and other processes. PostgreSQL
    /// needs none of this, so it gets no lock.
    write_lock: Option<Arc<Mutex<()>>>,
    /// Woken by every committed write transaction: the live pump listens here, so a change
    /// reaches open pages without any call site having to remember to say so.
    committed: Arc<Notify>,
}

impl Db {
    /// Starts a write transaction (see `write_lock`). Dropping it without `commit` rolls back.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        // IMMEDIATE on SQLite: the transaction takes the database's write lock when it begins
        // (waiting up to the busy timeout for a writer outside this lock, such as a session
        // touch or another process), instead of upgrading from a read snapshot later, which
        // fails at once with "database is locked" when anyone committed in between.
        let options = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
        let tx = match self.kind {
            DbKind::Sqlite => self.conn.begin_with_options(options).await?,
            DbKind::Postgres => self.conn.begin().await?,
        };
        Ok(WriteTx { tx, _guard: guard, committed: self.committed.clone() })
    }

    /// What a committed write transaction wakes (the live pump waits on it).
    pub fn committed(&self) -> Arc<Notify> {
        self.committed.clone()
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        self.conn.ping().await.is_ok()
    }
}

/// A write transaction holding the SQLite write lock until it ends.
pub struct WriteTx {
    tx: DatabaseTransaction,
    _guard: Option<OwnedMutexGuard<()>>,
    committed: Arc<Notify>,
}

impl WriteTx {
    /// Commits, then wakes the live pump (a permit is kept if it is busy, so no wake is lost).
    pub async fn commit(self) -> Result<(), DbErr> {
        let committed = self.committed.clone();
        self.tx.commit().await?;
        committed.notify_one();
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

/// How many SQLite connections the pool opens: one per core and one more, for a write
/// transaction that holds its connection between statements. Each connection is a worker
/// thread that sleeps and wakes for every statement; reads are CPU work on pages already in
/// memory, so threads past the cores only add those switches. Measured on 2 cores with a
/// million requests (64 connections of `wrk`): 8 connections served the request list at
/// 657-733 pages/s with 2.6-2.9 ms of CPU a page, 2 or 3 connections at 740-996 pages/s with
/// 1.9-2.7 ms, in the same interleaved runs.
fn sqlite_connections() -> u32 {
    // At least three: the writer, a read the writer makes through the pool, and a page read.
    (std::thread::available_parallelism().map_or(2, |n| n.get() as u32) + 1).max(3)
}

/// How much of a SQLite file is read through a memory map (see `connect`).
const MMAP_BYTES: u64 = 2 << 30;

/// Connects, configures and migrates. `url` is `sqlite://path?mode=rwc` or `postgres://…`.
pub async fn connect(url: &str) -> Result<Db, DbErr> {
    let kind = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        DbKind::Postgres
    } else if url.starts_with("sqlite:") {
        DbKind::Sqlite
    } else {
        return Err(DbErr::Custom(format!("DATABASE_URL must start with sqlite: or postgres:// (got {})", redact(url))));
    };
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(30));
    if kind == DbKind::Sqlite {
        opts.max_connections(sqlite_connections()).min_connections(1);
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30))
                .create_if_missing(true)
                // Reads through a memory map of the file, shared by every connection through
                // the OS page cache, instead of a `pread` into each connection's own 2 MB page
                // cache. At a million requests a page view touched more pages than that cache
                // held, and a profile of the request list under load spent a tenth of its time
                // copying pages in with `pread`. SQLite caps the map at its compiled maximum
                // (2 GB); past it the rest of the file is read as before.
                .pragma("mmap_size", MMAP_BYTES.to_string())
        });
        opts.map_sqlx_sqlite_pool_opts(|pool| pool.after_connect(|conn, _| Box::pin(stable_plans(conn))));
    } else {
        opts.max_connections(20).min_connections(1);
    }
    let conn = Database::connect(opts).await?;
    Migrator::up(&conn, None).await?;
    let write_lock = (kind == DbKind::Sqlite).then(|| Arc::new(Mutex::new(())));
    Ok(Db { conn, kind, write_lock, committed: Arc::new(Notify::new()) })
}

/// Turns on SQLite's query planner stability guarantee for one connection. Without it SQLite
/// (3.47 and later) plans `LIMIT ?` and `OFFSET ?` with the bound value and marks the statement
/// to be planned again whenever its parameters are bound afresh, which is every time: sqlx
/// clears the bindings before each run, so every cached statement with a `LIMIT` (sea-orm binds
/// it, `.one()` included) was parsed and planned again on every call. A profile of the request
/// list under load spent half of SQLite's time in `sqlite3Reprepare`. With the guarantee, a
/// prepared statement keeps its plan, as it did before SQLite began to peek at bound values.
async fn stable_plans(conn: &mut sea_orm::sqlx::SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is this connection's open handle, held locked for the call;
    // SQLITE_DBCONFIG_ENABLE_QPSG takes an int (1 = on) and an optional int* for the result.
    let rc = unsafe { libsqlite3_sys::sqlite3_db_config(db, libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG, 1, std::ptr::null_mut::<std::ffi::c_int>()) };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sea_orm::sqlx::Error::Configuration(format!("SQLITE_DBCONFIG_ENABLE_QPSG failed ({rc})").into()));
    }
    Ok(())
}

/// A URL with its password hidden, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(super::redact("sqlite://data/portal.db"), "sqlite://data/portal.db");
    }

    /// A write transaction that reads first, while a single statement outside the in-process
    /// lock (a session being touched) commits in between: with a deferred BEGIN the
    /// transaction's first write failed at once with "database is locked" (SQLITE_BUSY_SNAPSHOT);
    /// begun IMMEDIATE it holds the write lock from the start and the other statement waits.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_write_transaction_survives_a_writer_outside_the_lock() {
        use sea_orm::ConnectionTrait;
        let dir = std::env::temp_dir().join(format!("portal-db-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("locked.db");
        let _ = std::fs::remove_file(&path);
        let db = super::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        db.conn.execute_unprepared("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)").await.unwrap();
        db.conn.execute_unprepared("INSERT INTO t (id, v) VALUES (1, 0)").await.unwrap();
        for round in 0..5 {
            let tx = db.begin_write().await.unwrap();
            tx.execute_unprepared("SELECT v FROM t WHERE id = 1").await.unwrap();
            let outside = {
                let conn = db.conn.clone();
                tokio::spawn(async move { conn.execute_unprepared("INSERT INTO t (v) VALUES (7)").await })
            };
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            tx.execute_unprepared("UPDATE t SET v = v + 1 WHERE id = 1").await.unwrap_or_else(|e| panic!("round {round}: {e}"));
            tx.commit().await.unwrap();
            outside.await.unwrap().unwrap();
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Every pooled SQLite connection plans with the stability guarantee on (see
    /// `stable_plans`) and reads through the memory map: read back from every connection of
    /// the pool, held at once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_sqlite_connection_keeps_its_plans_and_maps_the_file() {
        let dir = std::env::temp_dir().join(format!("portal-db-qpsg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("qpsg.db");
        let _ = std::fs::remove_file(&path);
        let db = super::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        let pool = db.conn.get_sqlite_connection_pool();
        let mut held = vec![];
        for _ in 0..super::sqlite_connections() {
            let mut conn = pool.acquire().await.unwrap();
            let mut handle = conn.lock_handle().await.unwrap();
            let mut on: std::ffi::c_int = -1;
            let rc = unsafe {
                libsqlite3_sys::sqlite3_db_config(
                    handle.as_raw_handle().as_ptr(),
                    libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                    -1,
                    &mut on as *mut std::ffi::c_int,
                )
            };
            assert_eq!((rc, on), (libsqlite3_sys::SQLITE_OK, 1));
            drop(handle);
            let mapped: i64 = sea_orm::sqlx::query_scalar("PRAGMA mmap_size").fetch_one(&mut *conn).await.unwrap();
            assert_eq!(mapped as u64, super::MMAP_BYTES.min(0x7fff0000), "each connection reads through the memory map");
            held.push(conn);
        }
        drop(held);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Every committed write transaction wakes the live pump (no call site can forget to); a
    /// rolled-back one does not.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_wakes_the_pump_and_a_rollback_does_not() {
        let dir = std::env::temp_dir().join(format!("portal-db-wake-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = super::connect(&format!("sqlite://{}?mode=rwc", dir.join("wake.db").display())).await.unwrap();
        let woken = db.committed();
        let wait = |ms| tokio::time::timeout(std::time::Duration::from_millis(ms), woken.notified());
        drop(db.begin_write().await.unwrap());
        assert!(wait(300).await.is_err(), "a rollback is not a change");
        db.begin_write().await.unwrap().commit().await.unwrap();
        assert!(wait(1000).await.is_ok(), "the commit woke the pump");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
