//! Survey settings and questions: administrators change them, service managers read them.
//! Three parts: when and how often to ask, each customer's own sampling figure, and the
//! questions (reword, retire, add). The page's data is fetched again only after a change
//! went through, so a refused form keeps what was typed next to its messages.
use domain::{
    survey::{settings::field, SurveySettings},
    Page,
};
use leptos::prelude::*;

use crate::{
    api::surveys::{get_survey_admin, AddSurveyQuestion, RetireSurveyQuestion, RewordSurveyQuestion, SaveSurveySettings, SetSurveySampling},
    components::{
        form::{FormStatus, TextField},
        guard::Guard,
        survey_question_form::{field_messages, AddQuestionForm, Errors, QuestionItem, RowOutcome},
    },
    error::AppError,
    i18n::{error_text, use_i18n, Msg},
    model::SurveyAdmin,
};

#[component]
pub fn AdminSurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let settings = ServerAction::<SaveSurveySettings>::new();
    let sampling = ServerAction::<SetSurveySampling>::new();
    let add = ServerAction::<AddSurveyQuestion>::new();
    let reword = ServerAction::<RewordSurveyQuestion>::new();
    let retire = ServerAction::<RetireSurveyQuestion>::new();
    let saves = [
        succeeded(move || matches!(settings.value().get(), Some(Ok(_)))),
        succeeded(move || matches!(sampling.value().get(), Some(Ok(_)))),
        succeeded(move || matches!(add.value().get(), Some(Ok(_)))),
        succeeded(move || matches!(reword.value().get(), Some(Ok(_)))),
        succeeded(move || matches!(retire.value().get(), Some(Ok(_)))),
    ];
    let admin = Resource::new(move || saves.iter().map(|m| m.get()).sum::<usize>(), |_| get_survey_admin());
    let settings_error = Signal::derive(move || settings.value().get().and_then(|r| r.err()));
    let settings_done = crate::components::work_actions::succeeded(settings);
    let add_error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let add_done = crate::components::work_actions::succeeded(add);
    let samplings = RowOutcome {
        last: last_of(move || sampling.input().with(|i| i.as_ref().map(|i| i.organization_id.trim().to_string()))),
        error: Signal::derive(move || sampling.value().get().and_then(|r| r.err())),
        ok: Signal::derive(move || matches!(sampling.value().get(), Some(Ok(_)))),
    };
    let rewords = RowOutcome {
        last: last_of(move || reword.input().with(|i| i.as_ref().map(|i| i.key.trim().to_string()))),
        error: Signal::derive(move || reword.value().get().and_then(|r| r.err())),
        ok: Signal::derive(move || matches!(reword.value().get(), Some(Ok(_)))),
    };
    let retires = RowOutcome {
        last: last_of(move || retire.input().with(|i| i.as_ref().map(|i| i.key.trim().to_string()))),
        error: Signal::derive(move || retire.value().get().and_then(|r| r.err())),
        ok: Signal::derive(move || matches!(retire.value().get(), Some(Ok(_)))),
    };
    let loading = move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> };
    view! {
        <Guard
            page=Page::AdminSurveys
            view=move |_| {
                view! {
                    <h1>{move || i18n.t(Msg::SurveyAdminTitle)}</h1>
                    <p class="hint">{move || i18n.t(Msg::SurveyAdminIntro)}</p>
                    <Transition fallback=loading>
                        {move || {
                            admin.get().map(|r| match r {
                                Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                                Ok(a) => view! {
                                    <AdminParts a=a settings=settings settings_error=settings_error settings_done=settings_done
                                        sampling=sampling samplings=samplings add=add add_error=add_error add_done=add_done
                                        reword=reword rewords=rewords retire=retire retires=retires/>
                                }
                                .into_any(),
                            })
                        }}
                    </Transition>
                }
            }
        />
    }
}

/// Counts the changes that went through, for refetching (a refused one does not count).
fn succeeded(ok: impl Fn() -> bool + Send + Sync + 'static) -> Memo<usize> {
    Memo::new(move |prev: Option<&usize>| {
        let n = prev.copied().unwrap_or(0);
        if ok() {
            n + 1
        } else {
            n
        }
    })
}

/// The row last submitted: an action's input clears once it is answered, but its answer
/// still belongs to that row.
fn last_of(input: impl Fn() -> Option<String> + Send + Sync + 'static) -> Memo<Option<String>> {
    Memo::new(move |prev: Option<&Option<String>>| input().or_else(|| prev.cloned().flatten()))
}

#[component]
#[allow(clippy::too_many_arguments)]
fn AdminParts(
    a: SurveyAdmin,
    settings: ServerAction<SaveSurveySettings>,
    settings_error: Signal<Option<AppError>>,
    settings_done: Signal<bool>,
    sampling: ServerAction<SetSurveySampling>,
    samplings: RowOutcome,
    add: ServerAction<AddSurveyQuestion>,
    add_error: Signal<Option<AppError>>,
    add_done: Signal<bool>,
    reword: ServerAction<RewordSurveyQuestion>,
    rewords: RowOutcome,
    retire: ServerAction<RetireSurveyQuestion>,
    retires: RowOutcome,
) -> impl IntoView {
    let i18n = use_i18n();
    let may_edit = a.may_edit;
    // Without JavaScript the page cannot tell which row a refused change came from: say it
    // above the rows instead.
    let orphan = |o: RowOutcome| Signal::derive(move || if o.last.get().is_none() { o.error.get() } else { None });
    let never = Signal::derive(|| false);
    view! {
        {(!may_edit).then(|| view! { <p class="badge soft">{move || i18n.t(Msg::SurveyAdminReadOnly)}</p> })}
        <section class="card">
            <h2>{move || i18n.t(Msg::SurveyAdminSettingsHeading)}</h2>
            {if may_edit {
                view! { <SettingsForm s=a.settings action=settings error=settings_error done=settings_done/> }.into_any()
            } else {
                view! { <SettingsFacts s=a.settings/> }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::SurveyAdminSamplingHeading)}</h2>
            <p class="hint">{move || i18n.t(Msg::SurveyAdminSamplingHint)}</p>
            <FormStatus error=orphan(samplings) done=never success=Msg::Updated/>
            <SamplingList rows=a.sampling portal=a.settings.sample_percent may_edit=may_edit action=sampling outcome=samplings/>
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::SurveyAdminQuestionsHeading)}</h2>
            <p class="hint">{move || i18n.t(Msg::SurveyAdminQuestionsHint)}</p>
            <FormStatus error=Signal::derive(move || orphan(rewords).get().or_else(|| orphan(retires).get())) done=never success=Msg::Updated/>
            <ul class="user-list survey-questions">
                {a.questions
                    .into_iter()
                    .map(|q| view! { <QuestionItem q=q may_edit=may_edit reword=reword rewords=rewords retire=retire retires=retires/> })
                    .collect_view()}
            </ul>
        </section>
        {may_edit.then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::SurveyAdminAddHeading)}</h2>
                <AddQuestionForm action=add error=add_error done=add_done/>
            </section>
        })}
    }
}

/// The settings form's inputs, in form order: (name, label, hint, stored value).
fn settings_rows(s: &SurveySettings) -> [(&'static str, Msg, Msg, String); 6] {
    [
        (field::DELAY_MINUTES, Msg::SurveyAdminDelayMinutes, Msg::SurveyAdminDelayHint, s.delay_minutes.to_string()),
        (field::EXPIRY_DAYS, Msg::SurveyAdminExpiryDays, Msg::SurveyAdminExpiryHint, s.expiry_days.to_string()),
        (field::REMINDER_AFTER_DAYS, Msg::SurveyAdminReminderDays, Msg::SurveyAdminReminderHint, s.reminder_after_days.to_string()),
        (field::LOW_SCORE_THRESHOLD, Msg::SurveyAdminThreshold, Msg::SurveyAdminThresholdHint, s.low_score_threshold.to_string()),
        (field::SAMPLE_PERCENT, Msg::SurveyAdminSamplePercent, Msg::SurveyAdminSampleHint, s.sample_percent.to_string()),
        (field::FINAL_AFTER_DAYS, Msg::SurveyAdminFinalDays, Msg::SurveyAdminFinalHint, s.final_after_days.to_string()),
    ]
}

#[component]
fn SettingsForm(s: SurveySettings, action: ServerAction<SaveSurveySettings>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action=action attr:class="stack" attr:novalidate=true>
            <div class="contract-grid">
                {settings_rows(&s)
                    .into_iter()
                    .map(|(name, label, hint, value)| {
                        view! { <TextField label=label name=name id=name error=error hint=hint value=value required=true autocomplete="off"/> }
                    })
                    .collect_view()}
            </div>
            <FormStatus error=error done=done success=Msg::SurveyAdminSettingsSaved/>
            <button type="submit">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}

/// The same figures for managers, read only.
#[component]
fn SettingsFacts(s: SurveySettings) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            {settings_rows(&s)
                .into_iter()
                .map(|(_, label, hint, value)| {
                    view! {
                        <dt>{move || i18n.t(label)}</dt>
                        <dd>{value} <span class="hint">" · " {move || i18n.t(hint)}</span></dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// Every customer organization with its figure; for administrators one small form a row.
#[component]
fn SamplingList(
    rows: Vec<(i32, String, Option<u8>)>,
    portal: u8,
    may_edit: bool,
    action: ServerAction<SetSurveySampling>,
    outcome: RowOutcome,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::SurveyAdminNoCustomers)}</p> }.into_any();
    }
    view! {
        <ul class="user-list survey-sampling">
            {rows
                .into_iter()
                .map(|(org_id, name, own)| {
                    let figure = move || match own {
                        Some(p) => i18n.t(Msg::SurveyAdminSamplingOwn).replace("{p}", &p.to_string()),
                        None => i18n.t(Msg::SurveyAdminSamplingPortal).replace("{p}", &portal.to_string()),
                    };
                    let form = may_edit.then(|| view! { <SamplingForm org_id=org_id name=name.clone() own=own portal=portal action=action outcome=outcome/> });
                    view! {
                        <li class="user-card" data-org=org_id>
                            <div class="user-main">
                                <strong>{name.clone()}</strong>
                                <span class="muted">{figure}</span>
                            </div>
                            {form}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SamplingForm(org_id: i32, name: String, own: Option<u8>, portal: u8, action: ServerAction<SetSurveySampling>, outcome: RowOutcome) -> impl IntoView {
    let i18n = use_i18n();
    let mine = move || outcome.last.get() == Some(org_id.to_string());
    let error = Signal::derive(move || if mine() { outcome.error.get() } else { None });
    let done = Signal::derive(move || mine() && outcome.ok.get());
    let id = format!("sampling-{org_id}");
    let err_id = format!("{id}-err");
    let described = err_id.clone();
    let messages = field_messages(error, |f| f == "sample_percent" || f == "organization_id", false);
    let label = move || i18n.t(Msg::SurveyAdminSamplingLabel).replace("{org}", &name);
    view! {
        <ActionForm action=action attr:class="inline" attr:novalidate=true>
            <input type="hidden" name="organization_id" value=org_id/>
            <label class="visually-hidden" for=id.clone()>{label}</label>
            <input
                type="text"
                inputmode="numeric"
                autocomplete="off"
                size="4"
                id=id
                name="sample_percent"
                value=own.map(|p| p.to_string()).unwrap_or_default()
                placeholder=portal.to_string()
                aria-invalid=move || (!messages.get().is_empty()).then_some("true")
                aria-describedby=described.clone()
            />
            <button type="submit" class="secondary">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
        <Errors id=err_id messages=messages/>
        <FormStatus error=error done=done success=Msg::Updated/>
    }
}
