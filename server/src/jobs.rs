//! Background work that runs in every server instance.
use std::time::Duration;

/// Deletes expired sessions every ten minutes (idempotent, so several instances may race).
pub fn spawn_session_cleanup(db: db::Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match db::repo::sessions::delete_expired(&db.conn).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "session cleanup failed"),
            }
        }
    });
}
