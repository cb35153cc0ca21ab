//! Opening the database: SQLite (the embedded default) or PostgreSQL, chosen by the URL.
//! Migrations run here, at every start, before anything else uses the connection.
use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};
use sea_orm_migration::MigratorTrait;
use tokio::sync::{Mutex, OwnedMutexGuard};

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
}

impl Db {
    /// Starts a write transaction (see `write_lock`). Dropping it without `commit` rolls back.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = self.conn.begin().await?;
        Ok(WriteTx { tx, _guard: guard })
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
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

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
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if kind == DbKind::Sqlite {
        opts.max_connections(8).min_connections(1);
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30))
                .create_if_missing(true)
        });
    } else {
        opts.max_connections(20).min_connections(1);
    }
    let conn = Database::connect(opts).await?;
    Migrator::up(&conn, None).await?;
    let write_lock = (kind == DbKind::Sqlite).then(|| Arc::new(Mutex::new(())));
    Ok(Db { conn, kind, write_lock })
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
}
