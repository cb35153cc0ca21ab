//! (being written)
use leptos::prelude::*;

#[component]
pub fn SurveyLinkPage() -> impl IntoView {
    view! { <p></p> }
}
