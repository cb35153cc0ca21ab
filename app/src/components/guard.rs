//! Shows a page only to those the page rules allow. The server has already refused or
//! redirected the first load (server::page_guard); this covers in-app navigation.
use domain::{page_access, Access, Page};
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, Msg},
    model::Me,
    session::use_me,
};

#[component]
pub fn Guard<F, V>(page: Page, view: F) -> impl IntoView
where
    F: Fn(Option<Me>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let me = use_me();
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
            {move || {
                me.get()
                    .map(|r| {
                        let me = r.ok().flatten();
                        match page_access(page, me.as_ref().map(|m| m.role)) {
                            Access::Allow => view(me).into_any(),
                            Access::Forbidden => view! { <Forbidden/> }.into_any(),
                            Access::SignIn => view! { <SignInPrompt/> }.into_any(),
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::ForbiddenTitle)}</h1>
            <p>{move || i18n.t(Msg::ForbiddenText)}</p>
            <p><a href=Page::Home.pattern()>{move || i18n.t(Msg::GoHome)}</a></p>
        </section>
    }
}

#[component]
fn SignInPrompt() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow">
            <p>{move || i18n.t(Msg::SessionExpired)}</p>
            <p><a href=Page::SignIn.pattern()>{move || i18n.t(Msg::SignIn)}</a></p>
        </section>
    }
}
