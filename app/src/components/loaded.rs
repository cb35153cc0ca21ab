//! One way to show a resource: "Loading…" while it loads, the error in words if it failed,
//! the page's own view of the data otherwise.
//!
//! ```ignore
//! <Loaded resource=rows let:list>
//!     <ul>{list.into_iter().map(|r| view! { <li>{r.name}</li> }).collect_view()}</ul>
//! </Loaded>
//! ```
//!
//! The resource is created by the page, never here: resources are matched to the data the
//! server serialized into the page in creation order, so where they are created must not
//! move. Pages render with `SsrMode::Async`, so the server waits for the resource and the
//! HTML is complete without JavaScript.
use std::sync::Arc;

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::{
    error::AppError,
    i18n::{error_text, use_i18n, Msg},
};

/// A failed load's view, when a page shows more than the error line.
pub type ErrorView = fn(AppError) -> AnyView;

/// `resource` through a `Transition` (the last data stays on screen while it refetches; with
/// `suspense`, a `Suspense`, which shows "Loading…" again). While loading: `Loading…` (or
/// nothing with `quiet`). Failed: `<p class="error">` with the error in words, or `error`'s
/// view. Loaded: `children(data)`.
#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    children: F,
    /// A `Suspense` instead of a `Transition`.
    #[prop(optional)]
    suspense: bool,
    /// No "Loading…" line (a part of a page that appears when it is there).
    #[prop(optional)]
    quiet: bool,
    /// The view of a failure instead of the error line.
    #[prop(optional)]
    error: Option<ErrorView>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let children = Arc::new(children);
    let body = move || {
        let children = children.clone();
        move || {
            resource.get().map(|r| match r {
                Err(e) => match error {
                    Some(view) => view(e),
                    None => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                },
                Ok(data) => children(data).into_any(),
            })
        }
    };
    let fallback = move || (!quiet).then(|| view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> });
    if suspense {
        view! { <Suspense fallback=fallback>{body()}</Suspense> }.into_any()
    } else {
        view! { <Transition fallback=fallback>{body()}</Transition> }.into_any()
    }
}
