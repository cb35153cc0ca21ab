//! Training messages sent by time: the reminder within a day before a session and, once it
//! has ended, the request for feedback, each once per confirmed booking. The booking's
//! `reminded_at` / `feedback_asked_at` is set by a guarded update in the same transaction as
//! the notification, so several instances or a restart never send one twice.
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::repo::training::{self as t, Told};
use domain::notice::Notice;

pub fn spawn(db: db::Db, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match run(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(messages = n, "training reminders and feedback requests sent");
                }
                Err(e) => tracing::warn!(error = %e, "training job failed"),
            }
        }
    });
}

/// Sends what is due at `now`; returns how many people were told.
pub async fn run(db: &db::Db, now: DateTime<Utc>) -> Result<usize, db::DbErr> {
    let mut told = 0;
    let open_since = now - chrono::Duration::days(domain::training::FEEDBACK_OPEN_DAYS);
    for b in t::feedback_to_ask(&db.conn, open_since, now, 200).await? {
        if tell(db, &b, Told::Feedback, Notice::TrainingFeedback {}, now).await? {
            told += 1;
        }
    }
    let until = now + chrono::Duration::seconds(domain::training::REMINDER_BEFORE_SECS);
    for b in t::reminders_to_send(&db.conn, now, until, 200).await? {
        if tell(db, &b, Told::Reminder, Notice::TrainingReminder {}, now).await? {
            told += 1;
        }
    }
    Ok(told)
}

async fn tell(db: &db::Db, b: &db::entity::training_booking::Model, what: Told, notice: Notice, now: DateTime<Utc>) -> Result<bool, db::DbErr> {
    let tx = db.begin_write().await?;
    if !t::mark_told(&*tx, b.id, what, now).await? {
        return Ok(false);
    }
    let Some(s) = t::find(&*tx, b.session_id).await? else { return Ok(false) };
    app::ssr::training::notify(&*tx, b.user_id, &s, notice).await.map_err(|_| db::DbErr::Custom("training notification failed".into()))?;
    tx.commit().await?;
    Ok(true)
}
