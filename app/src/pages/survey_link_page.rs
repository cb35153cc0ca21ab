//! A survey opened from its one-time link, without signing in. Opening the page records
//! nothing (mail scanners follow links); only pressing Submit does, once.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::surveys::{get_link_survey, AnswerLinkSurvey},
    components::survey_form::SurveyForm,
    i18n::{error_text, use_i18n, Msg},
    model::{LinkClosed, LinkSurvey},
};

#[component]
pub fn SurveyLinkPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let survey = Resource::new(move || token.get(), get_link_survey);
    let answer = ServerAction::<AnswerLinkSurvey>::new();
    // The verdict the customer just gave, to say what happens next once it is recorded.
    let unhappy = RwSignal::new(false);
    // Without JavaScript the form posts to `/s/<token>` (server::survey_form), which comes
    // back here with `?answered=ok|low`, or with `?error=` and what was sent.
    let query = use_query_map();
    let answered = move || query.read().get("answered");
    let plain_error = move || query.read().get("error").and_then(|e| serde_json::from_str::<crate::error::AppError>(&e).ok());
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
            {move || survey.get().map(|r| match r {
                Err(e) => view! { <section class="card narrow"><p class="error">{error_text(i18n.lang.get(), &e)}</p></section> }.into_any(),
                Ok(LinkSurvey::Closed(LinkClosed::Used)) if answered().is_some() => view! {
                    <section class="card narrow survey">
                        <h1>{move || i18n.t(Msg::SurveyAsk)}</h1>
                        <p class="success" role="status">{move || i18n.t(Msg::SurveyThanks)}</p>
                        {(answered().as_deref() == Some("low")).then(|| view! {
                            <p>{move || i18n.t(Msg::SurveyFollowUpPromise)}</p>
                            <p><a href=domain::href::new_complaint(None, true)>{move || i18n.t(Msg::ComplaintAfterSurvey)}</a></p>
                        })}
                        <p><a href=domain::Page::Home.pattern()>{move || i18n.t(Msg::SurveyOpenPortal)}</a></p>
                    </section>
                }.into_any(),
                Ok(LinkSurvey::Closed(code)) => view! { <Closed code=code/> }.into_any(),
                Ok(LinkSurvey::Open(v)) => {
                    let given: Vec<(String, String)> = {
                        let q = query.read();
                        v.questions.iter().flat_map(|qn| q.get_all(&qn.key).unwrap_or_default().into_iter().map(|val| (qn.key.clone(), val))).collect()
                    };
                    let action = domain::href::survey_link(&token.get_untracked());
                    let threshold = v.low_score_threshold;
                    let on_submit = Callback::new(move |answers: Vec<(String, String)>| {
                        let low = answers.iter().any(|(k, val)| (k == "overall" && val.parse::<u8>().is_ok_and(|n| n <= threshold)) || (k == "solved" && val == "no"));
                        unhappy.set(low);
                        answer.dispatch(AnswerLinkSurvey { token: token.get_untracked(), answers });
                    });
                    let error = Signal::derive(move || answer.value().get().and_then(|r| r.err()).or_else(plain_error));
                    let done = move || matches!(answer.value().get(), Some(Ok(())));
                    let title = format!("{} · {}", v.request_number, v.request_title);
                    let complain = StoredValue::new(domain::href::new_complaint(Some(&v.request_number), true));
                    view! {
                        <section class="card narrow survey" aria-labelledby="survey-title">
                            <h1 id="survey-title">{move || i18n.t(Msg::SurveyAsk)}</h1>
                            <p class="muted">{title}</p>
                            <Show
                                when=done
                                fallback=move || view! { <SurveyForm view=v.clone() on_submit=on_submit pending=answer.pending() error=error action=action.clone() given=given.clone()/> }
                            >
                                <p class="success" role="status">{move || i18n.t(Msg::SurveyThanks)}</p>
                                {move || unhappy.get().then(|| view! {
                                    <p>{i18n.t(Msg::SurveyFollowUpPromise)}</p>
                                    <p><a href=complain.get_value()>{i18n.t(Msg::ComplaintAfterSurvey)}</a></p>
                                })}
                                <p><a href=domain::Page::Home.pattern()>{move || i18n.t(Msg::SurveyOpenPortal)}</a></p>
                            </Show>
                        </section>
                    }
                    .into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Closed(code: LinkClosed) -> impl IntoView {
    let i18n = use_i18n();
    let msg = match code {
        LinkClosed::Used => Msg::SurveyLinkUsed,
        LinkClosed::Expired => Msg::SurveyLinkExpired,
        LinkClosed::Final => Msg::SurveyLinkFinal,
        LinkClosed::Unknown | LinkClosed::NotYet | LinkClosed::Skipped => Msg::SurveyLinkUnknown,
    };
    view! {
        <section class="card narrow" data-link-state=code.as_str()>
            <h1>{move || i18n.t(Msg::SurveyTitle)}</h1>
            <p>{move || i18n.t(msg)}</p>
            <p><a href=domain::Page::Home.pattern()>{move || i18n.t(Msg::SurveyOpenPortal)}</a></p>
        </section>
    }
}
