//! Articles suggested while a customer types a request: the `KbSuggest` island listens to
//! the new-request form's title, description, device and software fields, and 400 ms after the
//! last keystroke asks `suggest_articles` for up to five articles (the ones naming the chosen
//! device's model or the software first). Each links to the article with the form's token
//! (`?from=`), where "this solved it" is offered; the form's draft stays in the browser.
//! On a phone the list is one line under the form's title ("3 articles may help"), opened
//! with a tap, so it never pushes the form away; on a desktop it stands beside the form.
//! Without JavaScript there are no suggestions (the form works as before).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's words, resolved on the server (an island never carries the message table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestWords {
    /// "Articles that may help" with `{n}` for the count.
    pub heading: String,
    pub related: String,
    pub show: String,
    pub hide: String,
}

#[island]
pub fn KbSuggest(token: String, words: SuggestWords) -> impl IntoView {
    let found = RwSignal::new(Vec::<crate::model::Suggestion>::new());
    let open = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    browser::attach(token.clone(), found);
    let SuggestWords { heading, related, show, hide } = words;
    view! {
        <aside class="kb-suggest" aria-live="polite" hidden=move || found.with(|f| f.is_empty()) data-testid="kb-suggest">
            <button type="button" class="kb-suggest-toggle" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || heading.replace("{n}", &found.with(|f| f.len()).to_string())}
                " " <span class="muted small">{move || if open.get() { hide.clone() } else { show.clone() }}</span>
            </button>
            <ul class="kb-suggest-list" class:open=move || open.get()>
                {move || found.get().into_iter().map(|s| {
                    let href = domain::href::article_from(s.id, &token);
                    let related = related.clone();
                    view! {
                        <li>
                            <a href=href>{crate::components::kb_bits::marked(s.title)}</a>
                            {s.related.then(|| view! { " " <span class="badge">{related}</span> })}
                            <p class="snippet small">{crate::components::kb_bits::marked(s.snippet)}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </aside>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::RefCell, rc::Rc};

    use gloo_timers::callback::Timeout;
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};

    use crate::model::Suggestion;

    /// The form fields the suggestions read.
    const FIELDS: [&str; 4] = ["nr-title", "nr-description", "nr-device", "nr-system"];

    fn value(doc: &web_sys::Document, id: &str) -> String {
        doc.get_element_by_id(id).and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok()).and_then(|v| v.as_string()).unwrap_or_default()
    }

    pub fn attach(token: String, found: RwSignal<Vec<Suggestion>>) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
        let last: Rc<RefCell<String>> = Rc::default();
        let ask = {
            let doc = doc.clone();
            move || {
                let [title, description, device, system] = FIELDS.map(|f| value(&doc, f));
                let key = format!("{title}\u{1}{description}\u{1}{device}\u{1}{system}");
                if *last.borrow() == key {
                    return;
                }
                *last.borrow_mut() = key;
                if title.trim().chars().count() + description.trim().chars().count() < 2 {
                    found.set(vec![]);
                    return;
                }
                let token = token.clone();
                leptos::task::spawn_local(async move {
                    // A failed call (offline, signed out) leaves the last suggestions shown.
                    if let Ok(list) = crate::api::knowledge::suggest_articles(token, title, description, device, system).await {
                        found.set(list);
                    }
                });
            }
        };
        let ask = Rc::new(ask);
        let on_input = {
            let ask = ask.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let ask = ask.clone();
                // Replacing the pending timeout cancels it: only the last keystroke asks.
                *pending.borrow_mut() = Some(Timeout::new(400, move || ask()));
            })
        };
        for id in FIELDS {
            if let Some(el) = doc.get_element_by_id(id) {
                let _ = el.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
                let _ = el.add_event_listener_with_callback("change", on_input.as_ref().unchecked_ref());
            }
        }
        on_input.forget();
        // A draft put back into the form: suggest for it at once (after it is restored).
        let first = ask.clone();
        Timeout::new(50, move || first()).forget();
    }
}
