//! Activity keeps a session alive. tower-sessions writes a session (and re-sends its cookie,
//! whose Max-Age is the idle time) only when the session changed, so with
//! `Expiry::OnInactivity` alone everyone was signed out the idle time after signing in,
//! however active. This middleware, just inside the session layer, marks a signed-in session
//! changed when its last write is older than `every` (a minute; less only for idle times so
//! short that a minute is a large part of them): the session layer then saves it with a fresh
//! expiry and cookie. So the row is written at most once a minute per session, not on every
//! request; a session is kept between `idle - every` and `idle` after the last request.
//!
//! The last write's time is the session's `touched_at` (its `signed_in_at` until the first
//! touch). Sign-out, an id change (sign-in, password change) and a session deleted meanwhile
//! leave nothing to touch; and the store's `save` only updates an existing row, so a touch
//! can never bring back a session that was deleted while the request ran.
use std::time::Duration;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use tower_sessions::Session;

use app::ssr::auth::{SIGNED_IN_AT, USER_ID};

/// The session key holding when the session was last pushed forward (unix seconds).
pub const TOUCHED_AT: &str = "touched_at";

#[derive(Clone, Copy, Debug)]
pub struct Touch {
    every: i64,
}

impl Touch {
    pub fn new(idle: Duration) -> Touch {
        Touch { every: (idle.as_secs() / 4).clamp(1, 60) as i64 }
    }
}

pub async fn touch(State(t): State<Touch>, session: Session, req: Request, next: Next) -> Response {
    // Static files are not activity, and need not load the session.
    let asset = req.uri().path().starts_with("/pkg/");
    let res = next.run(req).await;
    // No id: no cookie, or the handler signed out or changed the id (it saves itself then).
    if asset || session.id().is_none() || res.status().is_server_error() {
        return res;
    }
    // Handlers that check the caller have loaded the session already: this reads memory.
    if let Err(e) = touch_if_due(&session, t.every, chrono::Utc::now().timestamp()).await {
        tracing::warn!(error = %e, "session touch failed");
    }
    res
}

async fn touch_if_due(session: &Session, every: i64, now: i64) -> Result<(), tower_sessions::session::Error> {
    if session.get::<i32>(USER_ID).await?.is_none() {
        return Ok(());
    }
    let last = match session.get::<i64>(TOUCHED_AT).await? {
        Some(t) => t,
        None => session.get::<i64>(SIGNED_IN_AT).await?.unwrap_or(0),
    };
    if now - last >= every {
        session.insert(TOUCHED_AT, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_at_most_and_a_quarter_of_short_idle_times() {
        assert_eq!(Touch::new(Duration::from_secs(120 * 60)).every, 60);
        assert_eq!(Touch::new(Duration::from_secs(5 * 60)).every, 60);
        assert_eq!(Touch::new(Duration::from_secs(8)).every, 2);
        assert_eq!(Touch::new(Duration::from_secs(1)).every, 1);
    }
}
