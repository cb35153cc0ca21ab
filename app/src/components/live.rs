//! The browser's end of the live feed: one EventSource per tab to `/live`, reconnecting with
//! backoff (1 s doubling to 30 s) and resuming from the highest event id it saw, so a phone
//! that switches networks or a laptop that wakes up catches up on what it missed. Events may
//! arrive out of id order (an event can commit after one with a higher id) and a resumed
//! stream replays a few recent ones before the resume point, so the tab remembers the ids it
//! has had and skips repeats.
//!
//! Islands mode: the server renders every page, and the `LiveRefresh` island
//! (`components::islands`) holds the stream; when an event concerns the page shown (the page
//! says which with `data-live` markers, see `islands::concerns`) it refetches the page's HTML
//! and diffs it in (`window.__portalRefresh`, `islands_router.js`). The `Live` context below
//! is what server-rendered pages still read (on the server it never changes).
use domain::live::LiveKind;
use leptos::prelude::*;

/// One event as the server sent it (a kind this build does not know fails to parse and is
/// skipped: the server sends it to nobody anyway).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct LiveMsg {
    pub id: i32,
    pub kind: LiveKind,
    pub request_id: Option<i32>,
}

/// What the tab has heard, kept per request and per kind rather than as one "latest
/// message": several events can arrive in one chunk (a dispatch is a triage and an assignment,
/// each with a notification) before anything reactive runs, and a page that looked only at the
/// latest one missed the request event hidden behind a notification and showed a stale state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Heard {
    /// The newest event id per request.
    pub requests: std::collections::HashMap<i32, i32>,
    /// The newest event id per kind.
    pub kinds: std::collections::HashMap<LiveKind, i32>,
    /// Changes after every reconnection (events may have been missed before it opened).
    pub reconnects: i32,
}

#[derive(Clone, Copy)]
pub struct Live {
    pub heard: RwSignal<Heard>,
}

impl Live {
    /// Records an event.
    pub fn receive(self, msg: LiveMsg) {
        self.heard.update(|h| {
            if let Some(r) = msg.request_id {
                let v = h.requests.entry(r).or_default();
                *v = (*v).max(msg.id);
            }
            let v = h.kinds.entry(msg.kind).or_default();
            *v = (*v).max(msg.id);
        });
    }

    /// Records a reconnection: events may have been missed before it opened.
    pub fn reconnected(self) {
        self.heard.update(|h| h.reconnects += 1);
    }

    /// A value that changes whenever something about request `id` (or anything, after a
    /// reconnect) may have changed: use it as a resource's source.
    /// (Both parts only grow, so their sum changes whenever either does.)
    pub fn version_for(self, id: Signal<Option<i32>>) -> Memo<i32> {
        Memo::new(move |_| {
            let h = self.heard.read();
            id.get().and_then(|id| h.requests.get(&id).copied()).unwrap_or(0).saturating_add(h.reconnects)
        })
    }

    /// Changes on every event of `kind` (and after reconnects).
    pub fn version_of(self, kind: LiveKind) -> Memo<i32> {
        Memo::new(move |_| {
            let h = self.heard.read();
            h.kinds.get(&kind).copied().unwrap_or(0).saturating_add(h.reconnects)
        })
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// Provides `Live` to the server render (the browser's stream is the `LiveRefresh` island).
pub fn provide_live() {
    provide_context(Live { heard: RwSignal::new(Heard::default()) });
}

#[cfg(feature = "hydrate")]
pub mod browser {
    use super::LiveMsg;
    use std::{
        cell::{Cell, RefCell},
        collections::BTreeSet,
        rc::Rc,
    };
    use wasm_bindgen::{closure::Closure, JsCast};

    /// The ids this tab has had (the newest `KEEP`), shared by its successive connections.
    pub type Seen = Rc<RefCell<BTreeSet<i32>>>;
    const KEEP: usize = 1024;

    /// What the stream tells its owner: an event (`Some`), or a reconnection (`None`: events
    /// may have been missed before it opened). Answers whether to keep going (the island that
    /// owns the stream may have left the page); `false` closes the stream for good.
    pub type OnEvent = Rc<dyn Fn(Option<LiveMsg>) -> bool>;

    /// `first`: the page's data is fresh, so opening needs no refetch; after a reconnect it
    /// does (the replay covers events, but not changes that fell between two ids' pages).
    pub fn connect(live: OnEvent, since: i32, seen: Seen, backoff_ms: u32, first: bool) {
        let url = if since > 0 { format!("/live?since={since}") } else { "/live".to_string() };
        let Ok(es) = web_sys::EventSource::new(&url) else { return retry(live, since, seen, backoff_ms) };
        let last_id = Rc::new(Cell::new(since));

        let on_open = {
            let (live, es) = (live.clone(), es.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if !first && !live(None) {
                    es.close();
                }
            })
        };
        es.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        on_open.forget();

        let on_msg = {
            let (last_id, seen, live, es) = (last_id.clone(), seen.clone(), live.clone(), es.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(data) = e.data().as_string() {
                    if let Ok(msg) = serde_json::from_str::<LiveMsg>(&data) {
                        let mut had = seen.borrow_mut();
                        if !had.insert(msg.id) {
                            return;
                        }
                        if had.len() > KEEP {
                            had.pop_first();
                        }
                        drop(had);
                        last_id.set(last_id.get().max(msg.id));
                        if !live(Some(msg)) {
                            es.close();
                        }
                    }
                }
            })
        };
        // Every kind the server may send (an SSE event is named by its kind): a new kind is
        // heard without touching this list.
        for kind in domain::live::LiveKind::ALL {
            let _ = es.add_event_listener_with_callback(kind.as_str(), on_msg.as_ref().unchecked_ref());
        }
        on_msg.forget();

        // The browser's own retry has no backoff and forgets our resume point: take over.
        let on_error = {
            let es = es.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                es.close();
                retry(live.clone(), last_id.get(), seen.clone(), backoff_ms.max(1000));
            })
        };
        es.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    }

    fn retry(live: OnEvent, since: i32, seen: Seen, backoff_ms: u32) {
        let next = (backoff_ms * 2).min(30_000);
        gloo_timers::callback::Timeout::new(backoff_ms, move || connect(live, since, seen, next, false)).forget();
    }
}
