//! tower-sessions' store on the portal's own database (SQLite or PostgreSQL through sea-orm),
//! so sessions survive restarts and are shared by every instance.
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tower_sessions::{
    session::{Id, Record},
    session_store::{Error, Result},
    SessionStore,
};

#[derive(Clone)]
pub struct DbSessionStore {
    db: db::Db,
}

impl DbSessionStore {
    pub fn new(db: db::Db) -> Self {
        DbSessionStore { db }
    }
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSessionStore")
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_else(Utc::now)
}

fn to_time(t: DateTime<Utc>) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp()).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        // A 128-bit random id practically never collides; if it does, draw another.
        loop {
            if db::repo::sessions::create(&self.db.conn, &record.id.to_string(), &data, to_chrono(record.expiry_date)).await.map_err(backend)? {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates only. tower-sessions calls `create` for every new id (no cookie, an unknown
    /// one, or after `cycle_id`), so `save` meets a missing row only when the session was
    /// deleted while this request was running (sign-out, a password change, a deactivation,
    /// expiry): then it stays deleted, and the request still gets its answer (an error here
    /// would turn it into a 500).
    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let saved = db::repo::sessions::update(&self.db.conn, &record.id.to_string(), &data, to_chrono(record.expiry_date)).await.map_err(backend)?;
        if !saved {
            tracing::debug!("session ended while a request was in flight; not saved");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires)) = db::repo::sessions::load(&self.db.conn, &id.to_string()).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date: to_time(expires) }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        db::repo::sessions::delete(&self.db.conn, &id.to_string()).await.map_err(backend)
    }
}
