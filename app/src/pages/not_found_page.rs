use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::NotFoundTitle)}</h1>
            <p>{move || i18n.t(Msg::NotFoundText)}</p>
            <p><a href=domain::Page::Home.pattern()>{move || i18n.t(Msg::GoHome)}</a></p>
        </section>
    }
}
