//! Live updates. Every change writes a row to `live_events` in its own transaction; one pump
//! per instance reads new rows and broadcasts them to this instance's open connections
//! (server-sent events). The pump wakes at once on this instance's commits (in-process) and
//! on other instances' commits (PostgreSQL LISTEN/NOTIFY), and polls every two seconds as a
//! safety net. A browser that reconnects sends the last id it saw and gets what it missed
//! from the table. Events carry ids, never content: pages fetch content through server
//! functions, which check access; the stream itself only goes to those who may see the request.
use std::{convert::Infallible, sync::Arc, time::Duration};

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use db::entity::live_event::Model as LiveEvent;
use domain::{Actor, Role};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::{broadcast, Notify};
use tower_sessions::Session;

use app::ssr::AppState;

#[derive(Clone)]
pub struct LiveHub {
    pub tx: broadcast::Sender<Arc<LiveEvent>>,
}

/// Starts this instance's pump. `pg_url` is set on PostgreSQL, to LISTEN for other instances.
pub fn spawn_pump(db: db::Db, wake: Arc<Notify>, pg_url: Option<String>) -> LiveHub {
    let (tx, _) = broadcast::channel(4096);
    if let Some(url) = pg_url {
        let wake = wake.clone();
        tokio::spawn(async move {
            use db::sea_orm::sqlx::postgres::PgListener;
            loop {
                match PgListener::connect(&url).await {
                    Ok(mut l) => {
                        if l.listen("portal_live").await.is_ok() {
                            while l.recv().await.is_ok() {
                                wake.notify_one();
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "LISTEN connection failed; retrying"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
    let hub = LiveHub { tx: tx.clone() };
    tokio::spawn(async move {
        let mut last = db::repo::live_events::last_id(&db.conn).await.unwrap_or(0);
        loop {
            tokio::select! {
                _ = wake.notified() => {},
                _ = tokio::time::sleep(Duration::from_secs(2)) => {},
            }
            loop {
                match db::repo::live_events::after(&db.conn, last, 500).await {
                    Ok(rows) if rows.is_empty() => break,
                    Ok(rows) => {
                        for row in rows {
                            last = row.id;
                            let _ = tx.send(Arc::new(row));
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live pump read failed");
                        break;
                    }
                }
            }
        }
    });
    hub
}

/// Whether `actor` may hear of `ev`.
pub fn may_receive(actor: &Actor, ev: &LiveEvent) -> bool {
    if let Some(user) = ev.user_id {
        return user == actor.user_id;
    }
    // Training changes go to staff and the invited organizations' people only.
    if ev.kind == app::ssr::training::LIVE_KIND {
        return app::ssr::training::may_receive(actor, ev.organization_id);
    }
    match (ev.organization_id, ev.requester_id) {
        (Some(org), Some(requester)) => actor.can_see_request(org, requester),
        _ => actor.role.is_staff() && actor.role != Role::Customer,
    }
}

fn to_sse(ev: &LiveEvent) -> Event {
    Event::default()
        .id(ev.id.to_string())
        .event(ev.kind.clone())
        .data(serde_json::json!({ "id": ev.id, "kind": ev.kind, "request_id": ev.request_id }).to_string())
}

#[derive(Deserialize)]
pub struct Since {
    since: Option<i32>,
}

#[derive(Clone)]
pub struct LiveState {
    pub app: AppState,
    pub hub: LiveHub,
}

/// `GET /live?since=N`: the caller's event stream.
pub async fn stream(State(s): State<LiveState>, session: Session, headers: HeaderMap, Query(q): Query<Since>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&s.app, &session).await {
        Ok(Some(c)) => c.actor,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = s.hub.tx.subscribe();
    let header_id = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    let since = match header_id.or(q.since) {
        Some(id) => id,
        None => db::repo::live_events::last_id(&s.app.db.conn).await.unwrap_or(0),
    };
    let backlog = db::repo::live_events::after(&s.app.db.conn, since, 1000).await.unwrap_or_default();
    Sse::new(events(s.app.db.clone(), caller, since, backlog, rx)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

fn events(db: db::Db, actor: Actor, since: i32, backlog: Vec<LiveEvent>, rx: broadcast::Receiver<Arc<LiveEvent>>) -> impl Stream<Item = Result<Event, Infallible>> {
    struct St {
        db: db::Db,
        actor: Actor,
        last: i32,
        pending: std::collections::VecDeque<Arc<LiveEvent>>,
        rx: broadcast::Receiver<Arc<LiveEvent>>,
    }
    let st = St { db, actor, last: since, pending: backlog.into_iter().map(Arc::new).collect(), rx };
    futures::stream::unfold(st, |mut st| async move {
        loop {
            let next = match st.pending.pop_front() {
                Some(ev) => ev,
                None => match st.rx.recv().await {
                    Ok(ev) => ev,
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        // Too slow for the channel: catch up from the table instead.
                        let rows = db::repo::live_events::after(&st.db.conn, st.last, 1000).await.unwrap_or_default();
                        st.pending.extend(rows.into_iter().map(Arc::new));
                        continue;
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            };
            if next.id <= st.last {
                continue;
            }
            st.last = next.id;
            if may_receive(&st.actor, &next) {
                return Some((Ok(to_sse(&next)), st));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(org: Option<i32>, requester: Option<i32>, user: Option<i32>) -> LiveEvent {
        LiveEvent { id: 1, kind: "request".into(), request_id: Some(9), organization_id: org, requester_id: requester, user_id: user, created_at: chrono::Utc::now() }
    }

    #[test]
    fn events_reach_only_those_who_may_see_them() {
        let customer = Actor { user_id: 5, org_id: 10, role: Role::Customer };
        let lead = Actor { user_id: 6, org_id: 10, role: Role::SiteManager };
        let other_lead = Actor { user_id: 7, org_id: 20, role: Role::SiteManager };
        let engineer = Actor { user_id: 1, org_id: 1, role: Role::Engineer };
        let own = ev(Some(10), Some(5), None);
        let colleague = ev(Some(10), Some(8), None);
        assert!(may_receive(&customer, &own));
        assert!(!may_receive(&customer, &colleague));
        assert!(may_receive(&lead, &colleague));
        assert!(!may_receive(&other_lead, &own));
        assert!(may_receive(&engineer, &own));
        let note = ev(None, None, Some(5));
        assert!(may_receive(&customer, &note));
        assert!(!may_receive(&lead, &note) && !may_receive(&engineer, &note));
    }
}
