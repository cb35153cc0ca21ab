//! Live updates. Every change writes a row to `live_events` in its own transaction; one pump
//! per instance reads new rows and broadcasts them to this instance's open connections
//! (server-sent events). The pump wakes at once on this instance's commits (in-process) and
//! on other instances' commits (PostgreSQL LISTEN/NOTIFY), and polls every two seconds as a
//! safety net. A browser that reconnects sends the last id it saw and gets what it missed
//! from the table. Events carry ids, never content: pages fetch content through server
//! functions, which check access; the stream itself only goes to those who may see the request.
//!
//! Ids are assigned at insert, not at commit: on PostgreSQL an event may commit after one with
//! a higher id. So the pump remembers the ids it skipped (gaps) and re-reads them for
//! `GAP_WAIT` (a transaction open longer, or rolled back, is given up), broadcasting each
//! event once whenever it appears; connections de-duplicate by id, not by "higher than the
//! last". A reconnecting browser that last saw id N gets every event after N and the events
//! below N that this instance's pump read after N (they committed late, `ReadLog`); when N
//! is not in the log (older than `2 × GAP_WAIT`, or read by another instance only), it gets
//! the recent events up to `REPLAY_MARGIN` ids before N instead, and the browser skips ids it
//! has seen. SQLite has one writer at a time, so its ids commit in order: no margin there.
//!
//! Rights are checked again while a stream is open: before delivering an event (a check is
//! trusted for `CHECK_CACHE`) and every `CHECK_EVERY` when quiet. The stream ends when its
//! session is gone (sign-out, password change, deactivation, expiry), the user or their
//! organization is inactive, or the role or organization changed (the browser reconnects
//! and gets what its new rights allow).
use std::{
    collections::{BTreeMap, BTreeSet, VecDeque},
    convert::Infallible,
    sync::Arc,
    time::{Duration, Instant},
};

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
use tokio::sync::broadcast;
use tower_sessions::{session::Id, Session};

use app::ssr::AppState;

/// How long a skipped id is waited for (its transaction may still commit).
pub const GAP_WAIT: Duration = Duration::from_secs(60);
/// At most this many skipped ids are remembered (the oldest are given up first).
const MAX_GAPS: usize = 10_000;
/// A resuming browser is sent recent events up to this many ids before its last one.
pub const REPLAY_MARGIN: i32 = 200;
/// How long an open stream trusts its last check of the caller's rights.
pub const CHECK_CACHE: Duration = Duration::from_secs(2);
/// A quiet stream checks the caller's rights this often.
pub const CHECK_EVERY: Duration = Duration::from_secs(4);
/// Each connection remembers this many delivered ids, to send each event once.
const SEEN_IDS: usize = 4096;

#[derive(Clone)]
pub struct LiveHub {
    pub tx: broadcast::Sender<Arc<LiveEvent>>,
    reads: Arc<std::sync::Mutex<ReadLog>>,
}

/// In which poll this instance's pump first read each recent event: an event read in a later
/// poll than a higher id committed after it, and a browser that saw the higher id may have
/// missed it.
#[derive(Default)]
pub struct ReadLog {
    poll: u64,
    ids: BTreeMap<i32, (u64, Instant)>,
}

impl ReadLog {
    const KEEP: Duration = Duration::from_secs(2 * GAP_WAIT.as_secs());
    const MAX: usize = 50_000;

    fn next_poll(&mut self, now: Instant) -> u64 {
        self.poll += 1;
        if self.poll.is_multiple_of(32) || self.ids.len() > Self::MAX {
            self.ids.retain(|_, (_, at)| now.duration_since(*at) < Self::KEEP);
            while self.ids.len() > Self::MAX {
                self.ids.pop_first();
            }
        }
        self.poll
    }

    fn read(&mut self, id: i32, poll: u64, now: Instant) {
        self.ids.insert(id, (poll, now));
    }

    /// The ids below `since` read after it; `None` when `since` is not in the log.
    pub fn late_before(&self, since: i32) -> Option<Vec<i32>> {
        let (poll, _) = self.ids.get(&since)?;
        Some(self.ids.range(..since).filter(|(_, (p, _))| p > poll).map(|(id, _)| *id).collect())
    }
}

/// Starts this instance's pump. `pg_url` is set on PostgreSQL, to LISTEN for other instances.
/// `head` follows the highest id read (`AppState::live_head`).
pub fn spawn_pump(db: db::Db, pg_url: Option<String>, head: Arc<std::sync::atomic::AtomicI32>) -> LiveHub {
    // Woken by every commit of this instance (db::WriteTx::commit) and by LISTEN for others.
    let wake = db.committed();
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
    let hub = LiveHub { tx: tx.clone(), reads: Arc::default() };
    let reads = hub.reads.clone();
    tokio::spawn(async move {
        let mut pump = Pump::start(&db).await;
        head.store(pump.last, std::sync::atomic::Ordering::Relaxed);
        loop {
            tokio::select! {
                _ = wake.notified() => {},
                _ = tokio::time::sleep(Duration::from_secs(2)) => {},
            }
            let now = Instant::now();
            let poll = reads.lock().map(|mut r| r.next_poll(now)).unwrap_or(0);
            pump.poll(&db, now, |row| {
                if let Ok(mut r) = reads.lock() {
                    r.read(row.id, poll, now);
                }
                let _ = tx.send(Arc::new(row));
            })
            .await;
            head.store(pump.last, std::sync::atomic::Ordering::Relaxed);
        }
    });
    hub
}

/// What the pump has read: the highest id, and the lower ids not seen yet (with when they
/// were first missed).
pub struct Pump {
    pub last: i32,
    pub gaps: BTreeMap<i32, Instant>,
}

impl Pump {
    /// From the newest event. Ids missing among the last few hundred may belong to
    /// transactions still open: they are waited for like any gap.
    pub async fn start(db: &db::Db) -> Pump {
        let last = db::repo::live_events::last_id(&db.conn).await.unwrap_or(0);
        let mut pump = Pump { last: (last - REPLAY_MARGIN).max(0), gaps: BTreeMap::new() };
        let now = Instant::now();
        if let Ok(rows) = db::repo::live_events::after(&db.conn, pump.last, REPLAY_MARGIN as u64).await {
            for row in rows {
                pump.note(row.id, now);
            }
        }
        pump.last = pump.last.max(last);
        pump
    }

    /// Records that `id` was read: the ids between the previous last and it are gaps.
    fn note(&mut self, id: i32, now: Instant) {
        if id > self.last {
            for missing in (self.last + 1).max(id - MAX_GAPS as i32)..id {
                self.gaps.insert(missing, now);
            }
            self.last = id;
        } else {
            self.gaps.remove(&id);
        }
    }

    /// Reads what committed since the last poll, gaps first, and hands each event to `send` once.
    pub async fn poll(&mut self, db: &db::Db, now: Instant, mut send: impl FnMut(LiveEvent)) {
        self.gaps.retain(|_, since| now.duration_since(*since) < GAP_WAIT);
        if !self.gaps.is_empty() {
            let ids: Vec<i32> = self.gaps.keys().copied().collect();
            for chunk in ids.chunks(500) {
                match db::repo::live_events::by_ids(&db.conn, chunk).await {
                    Ok(rows) => {
                        for row in rows {
                            self.gaps.remove(&row.id);
                            send(row);
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live pump read failed");
                        return;
                    }
                }
            }
        }
        loop {
            match db::repo::live_events::after(&db.conn, self.last, 500).await {
                Ok(rows) => {
                    let full = rows.len() == 500;
                    for row in rows {
                        self.note(row.id, now);
                        send(row);
                    }
                    if !full {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "live pump read failed");
                    break;
                }
            }
        }
        while self.gaps.len() > MAX_GAPS {
            self.gaps.pop_first();
        }
    }
}

/// Whether `actor` may hear of `ev`.
pub fn may_receive(actor: &Actor, ev: &LiveEvent) -> bool {
    if let Some(user) = ev.user_id {
        return user == actor.user_id;
    }
    match domain::live::LiveKind::parse(&ev.kind) {
        // Training changes go to staff and the invited organizations' people only.
        Some(domain::live::LiveKind::Training) => app::ssr::training::may_receive(actor, ev.organization_id),
        Some(domain::live::LiveKind::Upgrade) => app::ssr::upgrades::may_receive(actor, ev.organization_id),
        Some(domain::live::LiveKind::Inspection) => app::ssr::inspections::may_receive(actor, ev.organization_id),
        Some(domain::live::LiveKind::Request | domain::live::LiveKind::Notification) => match (ev.organization_id, ev.requester_id) {
            (Some(org), Some(requester)) => actor.can_see_request(org, requester),
            _ => actor.role.is_staff() && actor.role != Role::Customer,
        },
        // Complaints go to their readers by name only (handled above); never to an audience.
        Some(domain::live::LiveKind::Complaint) => false,
        // A kind this build does not know: nobody (fail closed).
        None => false,
    }
}

fn to_sse(ev: &LiveEvent) -> Event {
    Event::default()
        .id(ev.id.to_string())
        .event(ev.kind.clone())
        .data(serde_json::json!({ "id": ev.id, "kind": ev.kind, "request_id": ev.request_id }).to_string())
}

/// What a browser that last saw `since` may have missed: every later event, and the lower
/// ids that committed after it (see the module's notes).
pub async fn replay(db: &db::Db, hub: &LiveHub, since: i32) -> Vec<LiveEvent> {
    let late = hub.reads.lock().ok().and_then(|r| r.late_before(since));
    let margin = match late {
        Some(_) => 0,
        None if db.kind == db::DbKind::Postgres => REPLAY_MARGIN,
        None => 0,
    };
    let mut rows = match late {
        Some(ids) if !ids.is_empty() => db::repo::live_events::by_ids(&db.conn, &ids).await.unwrap_or_default(),
        _ => vec![],
    };
    let mut after = db::repo::live_events::after(&db.conn, (since - margin).max(0), 1000 + margin as u64).await.unwrap_or_default();
    let recent = chrono::Utc::now() - chrono::Duration::from_std(ReadLog::KEEP).unwrap_or_default();
    after.retain(|r| r.id > since || r.created_at > recent);
    rows.append(&mut after);
    rows
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
    let Some(session_id) = session.id() else { return StatusCode::UNAUTHORIZED.into_response() };
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = s.hub.tx.subscribe();
    let header_id = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    let (since, backlog) = match header_id.or(q.since) {
        Some(since) => (since, replay(&s.app.db, &s.hub, since).await),
        None => (db::repo::live_events::last_id(&s.app.db.conn).await.unwrap_or(0), vec![]),
    };
    let rights = Rights { app: s.app.clone(), session_id, actor: caller, checked: Instant::now() };
    Sse::new(events(rights, s.hub.clone(), since, backlog, rx)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

/// The caller a stream was opened for, checked again while it is open.
struct Rights {
    app: AppState,
    session_id: Id,
    actor: Actor,
    checked: Instant,
}

impl Rights {
    /// Whether the stream may go on: the same session, user, role and organization, all active.
    async fn hold(&mut self, now: Instant) -> bool {
        if now.duration_since(self.checked) < CHECK_CACHE {
            return true;
        }
        let store = Arc::new(crate::session_store::DbSessionStore::new(self.app.db.clone()));
        let session = Session::new(Some(self.session_id), store, None);
        match app::ssr::auth::caller_from_session(&self.app, &session).await {
            Ok(Some(c)) if c.actor == self.actor => {
                self.checked = Instant::now();
                true
            }
            Ok(_) => false,
            Err(e) => {
                // The browser reconnects (with backoff), and the reconnection checks again.
                tracing::warn!(error = ?e, "live stream: cannot check the caller; closing");
                false
            }
        }
    }
}

/// The ids a connection has delivered (or skipped), the newest `SEEN_IDS` of them.
struct Seen(BTreeSet<i32>);

impl Seen {
    /// True the first time `id` is offered.
    fn first(&mut self, id: i32) -> bool {
        if !self.0.insert(id) {
            return false;
        }
        if self.0.len() > SEEN_IDS {
            self.0.pop_first();
        }
        true
    }

    fn newest(&self) -> i32 {
        self.0.last().copied().unwrap_or(0)
    }
}

fn events(
    rights: Rights,
    hub: LiveHub,
    since: i32,
    backlog: Vec<LiveEvent>,
    rx: broadcast::Receiver<Arc<LiveEvent>>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    struct St {
        rights: Rights,
        hub: LiveHub,
        /// Where the stream started: a lagging stream catches up from here at least.
        since: i32,
        seen: Seen,
        pending: VecDeque<Arc<LiveEvent>>,
        rx: broadcast::Receiver<Arc<LiveEvent>>,
    }
    let st = St { rights, hub, since, seen: Seen(BTreeSet::new()), pending: backlog.into_iter().map(Arc::new).collect(), rx };
    futures::stream::unfold(st, |mut st| async move {
        loop {
            let next = match st.pending.pop_front() {
                Some(ev) => ev,
                None => {
                    let quiet = (st.rights.checked + CHECK_EVERY).saturating_duration_since(Instant::now());
                    match tokio::time::timeout(quiet, st.rx.recv()).await {
                        Err(_) => {
                            if !st.rights.hold(Instant::now()).await {
                                return None;
                            }
                            continue;
                        }
                        Ok(Ok(ev)) => ev,
                        Ok(Err(broadcast::error::RecvError::Lagged(_))) => {
                            // Too slow for the channel: catch up from the table instead.
                            let rows = replay(&st.rights.app.db, &st.hub, st.seen.newest().max(st.since)).await;
                            st.pending.extend(rows.into_iter().map(Arc::new));
                            continue;
                        }
                        Ok(Err(broadcast::error::RecvError::Closed)) => return None,
                    }
                }
            };
            if !st.seen.first(next.id) || !may_receive(&st.rights.actor, &next) {
                continue;
            }
            if !st.rights.hold(Instant::now()).await {
                return None;
            }
            return Some((Ok(to_sse(&next)), st));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(org: Option<i32>, requester: Option<i32>, user: Option<i32>) -> LiveEvent {
        LiveEvent {
            id: 1,
            kind: "request".into(),
            request_id: Some(9),
            organization_id: org,
            requester_id: requester,
            user_id: user,
            created_at: chrono::Utc::now(),
        }
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

    #[test]
    fn skipped_ids_are_gaps_until_read_and_seen_ids_are_sent_once() {
        let now = Instant::now();
        let mut p = Pump { last: 10, gaps: BTreeMap::new() };
        p.note(11, now);
        p.note(14, now);
        assert_eq!(p.last, 14);
        assert_eq!(p.gaps.keys().copied().collect::<Vec<_>>(), vec![12, 13]);
        p.note(12, now);
        assert_eq!(p.gaps.keys().copied().collect::<Vec<_>>(), vec![13]);
        let mut seen = Seen(BTreeSet::new());
        assert!(seen.first(14) && seen.first(12) && !seen.first(14));
        assert_eq!(seen.newest(), 14);
        for id in 100..100 + SEEN_IDS as i32 {
            seen.first(id);
        }
        assert_eq!(seen.0.len(), SEEN_IDS);
    }

    #[test]
    fn the_read_log_names_lower_ids_read_after_a_higher_one() {
        let now = Instant::now();
        let mut log = ReadLog::default();
        let p1 = log.next_poll(now);
        log.read(1, p1, now);
        log.read(3, p1, now);
        let p2 = log.next_poll(now);
        log.read(2, p2, now);
        log.read(4, p2, now);
        assert_eq!(log.late_before(3), Some(vec![2]), "2 committed after 3 was read");
        assert_eq!(log.late_before(4), Some(vec![]), "2 was read with 4");
        assert_eq!(log.late_before(9), None, "unknown: the caller falls back to the margin");
    }
}
