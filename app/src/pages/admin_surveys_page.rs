//! (being written)
use domain::Page;
use leptos::prelude::*;

use crate::components::guard::Guard;

#[component]
pub fn AdminSurveysPage() -> impl IntoView {
    view! { <Guard page=Page::AdminSurveys view=move |_| view! { <p></p> }/> }
}
