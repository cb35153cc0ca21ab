//! (being written)
use domain::Page;
use leptos::prelude::*;

use crate::components::guard::Guard;

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    view! { <Guard page=Page::SurveyResults view=move |_| view! { <p></p> }/> }
}
