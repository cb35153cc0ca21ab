//! The request page's survey: the respondent answers (or changes the answer while it is not
//! final); everyone who may see the request reads the answer, the follow-up it opened and
//! whether the request now counts as satisfied. Refreshed live with the request.
use leptos::prelude::*;

use crate::{
    api::surveys::{get_request_survey, AnswerSurvey},
    components::survey_form::{answer_text, sent_back, status_msg, SentBack, SurveyForm},
    i18n::{use_i18n, Msg},
    model::SurveyView,
};

/// The survey resource and the answer action, created at the top of the request page (a
/// resource created inside a part that renders after another resolved breaks hydration).
#[derive(Clone, Copy)]
pub struct SurveyData {
    pub survey: Resource<Result<Option<SurveyView>, crate::error::AppError>>,
    pub answer: ServerAction<AnswerSurvey>,
}

impl SurveyData {
    pub fn new(number: Memo<String>, changes: Memo<i32>) -> Self {
        let answer = ServerAction::<AnswerSurvey>::new();
        let survey = Resource::new(move || (number.get(), changes.get(), answer.version().get()), |(n, ..)| get_request_survey(n));
        SurveyData { survey, answer }
    }
}

#[component]
pub fn SurveyPanel(number: String, data: SurveyData) -> impl IntoView {
    let SurveyData { survey, answer } = data;
    view! {
        <Transition fallback=|| ()>
            {move || survey.get().and_then(|r| r.ok()).flatten().map(|v| view! { <Panel v=v number=number.clone() answer=answer/> })}
        </Transition>
    }
}

#[component]
fn Panel(v: SurveyView, number: String, answer: ServerAction<AnswerSurvey>) -> impl IntoView {
    let i18n = use_i18n();
    // A plain post (islands mode, no JavaScript) comes back with `?survey=thanks`, or with
    // the error and what was sent (`server::survey_form::answer_signed_in`).
    let SentBack { thanked, error: sent_error, given } = sent_back("survey");
    let error = Signal::derive(move || answer.value().get().and_then(|r| r.err()).or_else(|| sent_error.clone()));
    let done = move || thanked || matches!(answer.value().get(), Some(Ok(())));
    let action = domain::href::request_survey_answer(&number);
    let pending = answer.pending();
    let on_submit = Callback::new(move |answers: Vec<(String, String)>| {
        answer.dispatch(AnswerSurvey { number: number.clone(), answers });
    });
    let answered = !v.answers.is_empty();
    let open_now = v.may_answer && !answered;
    let summary = v
        .answers
        .iter()
        .map(|a| {
            let q = v.questions.iter().find(|q| q.key == a.key).cloned();
            let value = a.value.clone();
            let q2 = q.clone();
            view! {
                <dt>{move || q.as_ref().map(|q| q.text(i18n.lang.get() == crate::i18n::Lang::Zh).to_string()).unwrap_or_default()}</dt>
                <dd>{move || answer_text(q2.as_ref(), &value, i18n.lang.get())}</dd>
            }
        })
        .collect_view();
    let status = v.status;
    let expires = v.expires_at.format("%Y-%m-%d %H:%M UTC").to_string();
    let final_at = v.final_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
    let followup = v.followup.clone();
    let satisfied_after = v.followup.is_some() && v.outcome_satisfied == Some(true);
    view! {
        <section class=if open_now { "card survey highlight" } else { "card survey" } id="survey" aria-labelledby="survey-title">
            <h2 id="survey-title">{move || i18n.t(if v.may_answer { Msg::SurveyAsk } else { Msg::SurveyTitle })}</h2>
            <p class="muted small" data-survey-status=status_msg(status).text(crate::i18n::Lang::En)>
                {move || i18n.t(status_msg(status))}
                {open_now.then(|| view! { " · " {move || i18n.t(Msg::SurveyOpenUntil)} " " {expires.clone()} })}
            </p>
            {v.follow_up_of.clone().map(|of| view! {
                <p>{move || i18n.t(Msg::SurveyFollowUpOf)} " " <a href=domain::href::request(&of)>{of.clone()}</a></p>
            })}
            {answered.then(|| view! { <dl class="facts survey-answers">{summary}</dl> })}
            {followup.map(|f| {
                let who = f.assignee_name.clone().unwrap_or_else(|| "—".into());
                view! {
                    <p class="notice" role="status" data-followup=f.number.clone()>
                        {move || i18n.t(Msg::SurveyFollowUpOpened)} " "
                        <a href=domain::href::request(&f.number)>{f.number.clone()}</a>
                        " · " {move || i18n.t(Msg::SurveyAssignedTo)} " " {who.clone()}
                    </p>
                }
            })}
            {satisfied_after.then(|| view! { <p class="success">{move || i18n.t(Msg::SurveySatisfiedAfterFollowUp)}</p> })}
            {move || done().then(|| view! { <p class="success" role="status">{i18n.t(Msg::SurveyThanks)}</p> })}
            {v.may_answer.then(|| {
                let form = view! { <SurveyForm view=v.clone() on_submit=on_submit pending=pending error=error action=action given=given/> };
                if answered {
                    view! {
                        <details class="survey-change">
                            <summary>{move || i18n.t(Msg::SurveyChange)} {final_at.clone().map(|t| view! { <span class="muted small">" (" {move || i18n.t(Msg::SurveyChangeUntil)} " " {t.clone()} ")"</span> })}</summary>
                            {form}
                        </details>
                    }
                    .into_any()
                } else {
                    form.into_any()
                }
            })}
        </section>
    }
}
