//! Text kept in the browser while it is being written (`localStorage`), so a reload, a live
//! refresh or a lost connection does not lose it.
use leptos::prelude::*;

/// The reply box of request `number`: an island, a `<textarea name="body">` inside the
/// server-rendered reply form. What is typed is kept under `draft:reply:{number}` and put back
/// when the box is hydrated; the form's submit forgets it. `lines` (the timeline's length) is a
/// prop so that a sent reply, which adds a line, gives the next render different props: the
/// islands router then replaces this island with an empty one (it keeps an island whose props
/// are unchanged, and with it what is typed, across a refresh or a refused submit).
#[island]
pub fn ReplyBody(number: String, lines: usize) -> impl IntoView {
    let _ = lines;
    let node = NodeRef::<leptos::html::Textarea>::new();
    #[cfg(feature = "hydrate")]
    {
        let key = format!("draft:reply:{number}");
        Effect::new(move |_| {
            if let Some(el) = node.get_untracked() {
                browser::keep(el, key.clone());
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = number;
    view! { <textarea id="reply-body" name="body" rows="3" required node_ref=node></textarea> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{closure::Closure, JsCast};

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    pub fn keep(el: web_sys::HtmlTextAreaElement, key: String) {
        if el.value().is_empty() {
            if let Some(saved) = storage().and_then(|s| s.get_item(&key).ok().flatten()) {
                el.set_value(&saved);
            }
        }
        let on_input = {
            let (el, key) = (el.clone(), key.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(s) = storage() {
                    let v = el.value();
                    let _ = if v.is_empty() { s.remove_item(&key) } else { s.set_item(&key, &v) };
                }
            })
        };
        let _ = el.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        on_input.forget();
        if let Some(form) = el.form() {
            let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(s) = storage() {
                    let _ = s.remove_item(&key);
                }
            });
            let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
            on_submit.forget();
        }
    }
}
