//! An engineer's own open requests, the next deadline first: made for a phone on site.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::staff::get_my_work,
    components::loaded::Loaded,
    components::{guard::Guard, live::use_live, queue_list::QueueCard},
    i18n::{use_i18n, Msg},
};

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let i18n = use_i18n();
    let changes = use_live().version_of(domain::live::LiveKind::Request);
    let rows = Resource::new(move || changes.get(), |_| get_my_work());
    view! {
        <Guard
            page=Page::MyWork
            view=move |_| view! {
                <h1 data-live="request">{move || i18n.t(Msg::MyWorkTitle)}</h1>
                <Loaded resource=rows let:data>
                    {match data {
                        rows if rows.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::QueueEmpty)}</p> }.into_any(),
                        rows => view! {
                            <ul class="request-list">
                                {rows.into_iter().map(|row| view! { <QueueCard row=row/> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                </Loaded>
            }
        />
    }
}
