//! The phone's side of the on-site checklist: every answer is kept in the browser
//! (`localStorage`) the moment it is entered and sent to the server as soon as it can be, so a
//! reload, a closed tab or a lost network loses nothing; what could not be sent yet is sent
//! when the connection returns (the `online` event, and every 10 s).
//!
//! The checklist is a plain form (`POST /inspections/:id/answers`, see
//! `server::inspection_form`), so with JavaScript off the button sends every answer at once.
//! With JavaScript, this island takes the form over: each changed field is queued under
//! `inspection:<id>:pending` and posted as the same form fields with `Accept:
//! application/json`; the server answers 204 (saved) or 422 with the field that is wrong, and
//! a saved answer leaves the queue only if it was not changed again meanwhile.
use leptos::prelude::*;

/// Words the island shows, in the reader's language (islands get no i18n context).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncWords {
    pub saved: String,
    /// "{n} answers kept on this phone, sent when the network is back".
    pub waiting: String,
    pub sending: String,
    pub refused: String,
}

#[island]
pub fn ChecklistSync(inspection_id: i32, words: SyncWords) -> impl IntoView {
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        let words = words.clone();
        Effect::new(move |_| browser::start(inspection_id, words.clone(), status));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (inspection_id, &words);
    view! { <p class="sync-status" role="status" aria-live="polite" data-testid="sync-status">{move || status.get()}</p> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::RefCell, collections::BTreeMap, rc::Rc};

    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::SyncWords;

    type Pending = BTreeMap<String, String>;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    fn load(key: &str) -> Pending {
        storage().and_then(|s| s.get_item(key).ok().flatten()).and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default()
    }

    fn store(key: &str, p: &Pending) {
        if let Some(s) = storage() {
            let _ = if p.is_empty() { s.remove_item(key) } else { s.set_item(key, &serde_json::to_string(p).unwrap_or_default()) };
        }
    }

    fn form() -> Option<web_sys::HtmlFormElement> {
        web_sys::window()?.document()?.get_element_by_id("checklist-form")?.dyn_into().ok()
    }

    /// The current value of a field of the form: the checked radio's, or the input's.
    fn value_of(form: &web_sys::HtmlFormElement, name: &str) -> String {
        let Ok(data) = web_sys::FormData::new_with_form(form) else { return String::new() };
        data.get(name).as_string().unwrap_or_default()
    }

    /// Puts a kept value back into the form (a radio is checked, a text field filled).
    fn restore(form: &web_sys::HtmlFormElement, name: &str, value: &str) {
        let Ok(list) = form.query_selector_all(&format!("[name=\"{name}\"]")) else { return };
        for i in 0..list.length() {
            let Some(node) = list.item(i) else { continue };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                if input.type_() == "radio" {
                    input.set_checked(input.value() == value);
                } else {
                    input.set_value(value);
                }
            } else if let Some(t) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                t.set_value(value);
            }
        }
    }

    struct Sync {
        key: String,
        url: String,
        words: SyncWords,
        status: RwSignal<String>,
        sending: bool,
    }

    pub fn start(id: i32, words: SyncWords, status: RwSignal<String>) {
        let Some(f) = form() else { return };
        let key = format!("inspection:{id}:pending");
        let url = f.get_attribute("action").unwrap_or_default();
        for (name, value) in load(&key) {
            restore(&f, &name, &value);
        }
        let sync = Rc::new(RefCell::new(Sync { key, url, words, status, sending: false }));
        show(&sync.borrow());
        // Entering an answer keeps it at once, then sends it.
        let on_change = {
            let sync = sync.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                let Some(name) = el.get_attribute("name").filter(|n| n.starts_with("a:") || n.starts_with("n:")) else { return };
                let Some(f) = form() else { return };
                let key = sync.borrow().key.clone();
                let mut p = load(&key);
                p.insert(name.clone(), value_of(&f, &name));
                store(&key, &p);
                flush(sync.clone());
            })
        };
        let _ = f.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        let on_submit = {
            let sync = sync.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                // Every field, in case one was typed without leaving it.
                if let Some(f) = form() {
                    let key = sync.borrow().key.clone();
                    let mut p = load(&key);
                    if let Ok(data) = web_sys::FormData::new_with_form(&f) {
                        let entries = js_sys::try_iter(&data).ok().flatten();
                        for e in entries.into_iter().flatten().flatten() {
                            let pair = js_sys::Array::from(&e);
                            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                                if k.starts_with("a:") || k.starts_with("n:") {
                                    p.insert(k, v);
                                }
                            }
                        }
                    }
                    store(&key, &p);
                }
                flush(sync.clone());
            })
        };
        let _ = f.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
        if let Some(w) = web_sys::window() {
            let on_online = {
                let sync = sync.clone();
                Closure::<dyn FnMut()>::new(move || flush(sync.clone()))
            };
            let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            on_online.forget();
            let retry = {
                let sync = sync.clone();
                Closure::<dyn FnMut()>::new(move || flush(sync.clone()))
            };
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(retry.as_ref().unchecked_ref(), 10_000);
            retry.forget();
        }
        flush(sync);
    }

    fn show(s: &Sync) {
        let n = load(&s.key).len();
        s.status.set(if n == 0 { s.words.saved.clone() } else { s.words.waiting.replace("{n}", &n.to_string()) });
    }

    /// Sends what is queued, one request at a time.
    fn flush(sync: Rc<RefCell<Sync>>) {
        let (key, url) = {
            let s = sync.borrow();
            if s.sending {
                return;
            }
            (s.key.clone(), s.url.clone())
        };
        let batch = load(&key);
        if batch.is_empty() {
            show(&sync.borrow());
            return;
        }
        sync.borrow_mut().sending = true;
        {
            let s = sync.borrow();
            s.status.set(s.words.sending.clone());
        }
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = send(&url, &batch).await;
            let mut s = sync.borrow_mut();
            s.sending = false;
            match outcome {
                Ok(200..=299) => {
                    // Forget what was sent, unless it changed again while sending.
                    let mut now = load(&key);
                    now.retain(|k, v| batch.get(k) != Some(v));
                    store(&key, &now);
                    show(&s);
                    drop(s);
                    if let Some(refresh) = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("__portalRefresh")).ok()) {
                        if let Some(f) = refresh.dyn_ref::<js_sys::Function>() {
                            let _ = f.call0(&JsValue::NULL);
                        }
                    }
                }
                Ok(_) => s.status.set(s.words.refused.clone()),
                // No network: kept, sent later.
                Err(()) => show(&s),
            }
        });
    }

    async fn send(url: &str, batch: &Pending) -> Result<u16, ()> {
        let body = web_sys::UrlSearchParams::new().map_err(|_| ())?;
        for (k, v) in batch {
            body.append(k, v);
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from(body.to_string()));
        let headers = web_sys::Headers::new().map_err(|_| ())?;
        let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
        let _ = headers.set("Accept", "application/json");
        init.set_headers(&headers);
        let req = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| ())?;
        let w = web_sys::window().ok_or(())?;
        let resp = JsFuture::from(w.fetch_with_request(&req)).await.map_err(|_| ())?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| ())?;
        Ok(resp.status())
    }
}
