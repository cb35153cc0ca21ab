//! The home page's "please tell us how these went": surveys sent to the signed-in person and
//! not answered yet, until they expire. Refreshed when a notification arrives.
use leptos::prelude::*;

use crate::{
    api::surveys::get_waiting_surveys,
    components::live::use_live,
    i18n::{use_i18n, Msg},
};

pub type Waiting = Resource<Result<Vec<crate::model::WaitingSurvey>, crate::error::AppError>>;

/// Created at the top of the home page (see the hydration rules in ARCHITECTURE.md).
pub fn waiting_resource() -> Waiting {
    let changes = use_live().version_of(domain::live::LiveKind::Notification);
    Resource::new(move || changes.get(), |_| get_waiting_surveys())
}

#[component]
pub fn WaitingSurveys(waiting: Waiting) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || waiting.get().and_then(|r| r.ok()).filter(|list| !list.is_empty()).map(|list| view! {
                <section class="card survey highlight" aria-labelledby="waiting-surveys">
                    <h2 id="waiting-surveys">{move || i18n.t(Msg::SurveysWaiting)}</h2>
                    <p class="muted small">{move || i18n.t(Msg::SurveysWaitingHint)}</p>
                    <ul class="request-list">
                        {list.into_iter().map(|w| view! {
                            <li>
                                <a class="big-link" href=domain::href::request_survey(&w.number)>
                                    <span class="req-number">{w.number.clone()}</span> " " {w.title.clone()}
                                </a>
                                <span class="muted small">{move || i18n.t(Msg::SurveyOpenUntil)} " " {w.expires_at.format("%Y-%m-%d").to_string()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Transition>
    }
}
