//! The islands of the layout, on every page: `Hydrated` (marks `<html data-hydrated>` once the
//! islands have hydrated) and `LiveRefresh` (the live feed; refetches the page when an event
//! concerns it). Islands mode: every `#[component]` runs on the server only; an `#[island]` is
//! also compiled to wasm and hydrated on its own, without the root's context (no router, no
//! `I18n` unless it makes one, see `i18n::use_i18n`), from its serialized props.
use leptos::prelude::*;

/// Marks the page once the browser has taken it over: tests wait for it, and CSS could.
/// Placed after every other island of the layout (islands hydrate in document order).
#[island]
pub fn Hydrated() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}

/// The live feed of the signed-in person `who`. The stream resumes from the newest event id
/// when the page was rendered (`data-live-since` on the element of the whoami block the
/// server renders, read once, so the island's props stay the same from page to page and the
/// islands router keeps this island, and its stream, across soft navigations). When an event
/// concerns the page shown ([`concerns`]) the page is refetched and diffed in, without a
/// history entry (`window.__portalRefresh`).
#[island]
pub fn LiveRefresh(who: i32) -> impl IntoView {
    let _ = who;
    let node = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = node.get_untracked() {
            browser::start(el.into());
        }
    });
    view! { <span node_ref=node hidden data-live-refresh=""></span> }
}

/// Whether event `kind` about request `request` concerns the page: the notification bell on
/// every signed-in page shows the unread count, so `notification` always does; otherwise the
/// page lists what it shows in `data-live` attributes, space-separated tokens `kind` (any
/// event of that kind) or `kind:id` (events about request `id`).
pub fn concerns(kind: &str, request: Option<i32>, markers: &[String]) -> bool {
    kind == "notification"
        || markers.iter().flat_map(|m| m.split_whitespace()).any(|t| match t.split_once(':') {
            Some((k, id)) => k == kind && request.is_some_and(|r| id.parse::<i32>() == Ok(r)),
            None => t == kind,
        })
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, rc::Rc};

    use wasm_bindgen::JsCast;

    use crate::components::live::browser::{connect, OnEvent};

    pub fn start(el: web_sys::Element) {
        let since = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-live-since]").ok().flatten())
            .and_then(|e| e.get_attribute("data-live-since"))
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0);
        let scheduled = Rc::new(Cell::new(false));
        let on: OnEvent = Rc::new(move |msg| {
            if !el.is_connected() {
                return false;
            }
            let due = match msg {
                // Reconnected: anything may have changed meanwhile.
                None => true,
                Some(m) => super::concerns(m.kind.as_str(), m.request_id, &markers()),
            };
            // Several events arrive together (a dispatch is a triage, an assignment and their
            // notifications): one refetch for all of them.
            if due && !scheduled.replace(true) {
                let scheduled = scheduled.clone();
                gloo_timers::callback::Timeout::new(150, move || {
                    scheduled.set(false);
                    refresh();
                })
                .forget();
            }
            true
        });
        connect(on, since, Default::default(), 1000, true);
    }

    fn markers() -> Vec<String> {
        let Some(list) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all("[data-live]").ok()) else {
            return vec![];
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| e.get_attribute("data-live"))
            .collect()
    }

    fn refresh() {
        let Some(w) = web_sys::window() else { return };
        if let Ok(f) = js_sys::Reflect::get(&w, &"__portalRefresh".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = f.call0(&w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::concerns;

    #[test]
    fn markers_name_what_a_page_shows() {
        let m = |s: &str| vec![s.to_string()];
        assert!(concerns("notification", None, &[]));
        assert!(!concerns("request", Some(3), &[]));
        assert!(concerns("request", Some(3), &m("request")));
        assert!(concerns("request", Some(3), &m("training request:3")));
        assert!(!concerns("request", Some(4), &m("request:3")));
        assert!(!concerns("request", None, &m("request:3")));
        assert!(!concerns("training", Some(3), &m("request:3")));
    }
}
