//! The survey form, shared by the request page and the one-time link page: one question per
//! block, big tap targets for one thumb, reason choices shown only for an unhappy answer (the
//! same rule the server checks), field errors at their question, nothing sent until Submit.
use domain::survey::{
    question::{key, Condition},
    AnswerValue, QuestionKind, QuestionVersion, SurveyStatus,
};
use leptos::prelude::*;

use crate::{
    error::AppError,
    i18n::{error_text, field_error_text, use_i18n, Lang, Msg},
    model::SurveyView,
};

/// Answers sent back in a refused plain post's address, `sv.<question key>=<value>`, kept
/// apart from the page's own query keys (`server::survey_form`).
pub const GIVEN_PREFIX: &str = "sv.";

/// How a plain post of a survey form came back (`server::survey_form`): `?<key>=thanks`, or
/// `?<key>_error=<AppError as JSON>` with the answers sent (`sv.<question>=`), for the form
/// to show again.
pub struct SentBack {
    pub thanked: bool,
    pub error: Option<AppError>,
    pub given: Vec<(String, String)>,
}

/// Reads the current address (`key`: `survey`, `feedback`).
pub fn sent_back(key: &str) -> SentBack {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        let error = q.get_str(&format!("{key}_error")).and_then(|e| serde_json::from_str::<AppError>(e).ok());
        let given = match error {
            Some(_) => q.into_iter().filter_map(|(k, v)| k.strip_prefix(GIVEN_PREFIX).map(|k| (k.to_string(), v.to_string()))).collect(),
            None => vec![],
        };
        SentBack { thanked: q.get_str(key) == Some("thanks"), error, given }
    })
}

/// One question and the values chosen so far (several for a multiple choice).
#[derive(Clone)]
struct Slot {
    q: QuestionVersion,
    values: RwSignal<Vec<String>>,
}

#[component]
pub fn SurveyForm(
    view: SurveyView,
    /// Sends the (question, value) pairs.
    #[prop(into)]
    on_submit: Callback<Vec<(String, String)>>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Where the form posts without JavaScript (the link page); with JavaScript `on_submit`
    /// sends it instead.
    #[prop(optional)]
    action: Option<String>,
    /// Values sent before (a plain post that came back with an error), by question key.
    #[prop(optional)]
    given: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slots: Vec<Slot> = view
        .questions
        .iter()
        .map(|q| {
            let sent: Vec<String> = given.iter().filter(|(k, _)| *k == q.key).map(|(_, v)| v.clone()).collect();
            let before = view.answers.iter().find(|a| a.key == q.key).map(|a| a.value.form_values()).unwrap_or_default();
            Slot { q: q.clone(), values: RwSignal::new(if sent.is_empty() { before } else { sent }) }
        })
        .collect();
    let value_of = {
        let slots = slots.clone();
        move |k: &str| slots.iter().find(|s| s.q.key == k).map(|s| s.values)
    };
    let overall = value_of(key::OVERALL);
    let solved = value_of(key::SOLVED);
    let threshold = view.low_score_threshold;
    let overall_now = move || overall.and_then(|v| v.get().first().and_then(|s| s.parse::<u8>().ok()));
    let solved_now = move || solved.and_then(|v| v.get().first().map(|s| s == "yes"));
    let changing = !view.answers.is_empty();
    let all = slots.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (o, s) = (overall_now(), solved_now());
        let pairs = all
            .iter()
            .filter(|slot| slot.q.shown(o, s, threshold))
            .flat_map(|slot| slot.values.get_untracked().into_iter().map(|v| (slot.q.key.clone(), v)).collect::<Vec<_>>())
            .collect();
        on_submit.run(pairs);
    };
    let toggle_rules: Vec<(String, Condition)> = view.questions.iter().filter_map(|q| q.shown_when.map(|c| (q.key.clone(), c))).collect();
    let general = move || error.get().filter(|e| !matches!(e, AppError::Invalid(_))).map(|e| error_text(i18n.lang.get(), &e));
    view! {
        <form class="survey-form" method="post" action=action on:submit=submit novalidate>
            {slots.into_iter().map(|slot| {
                let shown = {
                    let q = slot.q.clone();
                    move || q.shown(overall_now(), solved_now(), threshold)
                };
                // Hidden rather than left out: the page keeps the same elements whatever is
                // chosen, so hydration and one-thumb use never see the form jump or rebuild.
                view! { <QuestionBlock item=slot.clone() error=error shown=Signal::derive(shown)/> }
            }).collect_view()}
            <p class="error" role="alert">{general}</p>
            // Islands mode: the questions' show/hide runs in the browser through this island
            // (the rest of the form is server-rendered and posts as a plain form).
            <SurveyToggle rules=toggle_rules threshold=threshold/>
            <button type="submit" class="big" disabled=move || pending.get()>
                {move || i18n.t(if changing { Msg::SurveyUpdate } else { Msg::SurveySubmit })}
            </button>
        </form>
    }
}

#[component]
fn QuestionBlock(item: Slot, error: Signal<Option<AppError>>, shown: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let Slot { q, values } = item;
    let key = q.key.clone();
    let zh = move || i18n.lang.get() == Lang::Zh;
    let text = {
        let q = q.clone();
        move || q.text(zh()).to_string()
    };
    let errors = {
        let key = key.clone();
        move || error.get().map(|e| e.for_field(&key).iter().map(|fe| view! { <p class="error">{field_error_text(i18n.lang.get(), fe)}</p> }).collect_view())
    };
    let required = q.required || q.key == key::OVERALL;
    // The legend names the question for its choices (each also has its own label); the text
    // box has no label of its own, so it is named by the legend.
    let legend_id = format!("survey-q-{key}");
    let legend = view! { <legend id=legend_id.clone()>{text} {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</legend> };
    let body = match q.kind.clone() {
        QuestionKind::Scale5 => view! {
            <div class="scale5">
                {(1..=5u8).map(|n| {
                    let v = n.to_string();
                    let v2 = v.clone();
                    let k = key.clone();
                    // `checked` for the server's HTML (no JavaScript), `prop:checked` once hydrated.
                    let at_first = values.get_untracked().contains(&v);
                    view! {
                        <label class="pick">
                            <input type="radio" name=k value=v.clone() checked=at_first prop:checked=move || values.get().contains(&v) on:change=move |_| values.set(vec![v2.clone()])/>
                            <span>{n}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <div class="scale-ends muted small"><span>{move || i18n.t(Msg::SurveyScaleLow)}</span><span>{move || i18n.t(Msg::SurveyScaleHigh)}</span></div>
        }
        .into_any(),
        QuestionKind::YesNo => view! {
            <div class="yes-no">
                {[("yes", Msg::Yes), ("no", Msg::No)].into_iter().map(|(v, m)| {
                    let k = key.clone();
                    let at_first = values.get_untracked().iter().any(|x| x == v);
                    view! {
                        <label class="pick">
                            <input type="radio" name=k value=v checked=at_first prop:checked=move || values.get().iter().any(|x| x == v) on:change=move |_| values.set(vec![v.to_string()])/>
                            <span>{move || i18n.t(m)}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        }
        .into_any(),
        QuestionKind::Choice { options, max_selected } => view! {
            <p class="muted small">{move || i18n.t(Msg::SurveyChooseUpTo).replace("{n}", &max_selected.to_string())}</p>
            <div class="choices">
                {options.into_iter().map(|o| {
                    let k = key.clone();
                    let (v, v2) = (o.key.clone(), o.key.clone());
                    let at_first = values.get_untracked().contains(&v);
                    view! {
                        <label class="pick wide">
                            <input type="checkbox" name=k value=o.key.clone() checked=at_first prop:checked=move || values.get().contains(&v)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    values.update(|list| {
                                        list.retain(|x| *x != v2);
                                        if on { list.push(v2.clone()); }
                                    });
                                }/>
                            <span>{move || if zh() { o.text_zh.clone() } else { o.text_en.clone() }}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        }
        .into_any(),
        QuestionKind::Text => {
            let k = key.clone();
            let at_first = values.get_untracked().first().cloned().unwrap_or_default();
            view! {
                <textarea name=k rows="3" maxlength="4000" aria-labelledby=legend_id.clone() prop:value=move || values.get().first().cloned().unwrap_or_default()
                    on:input=move |ev| values.set(vec![event_target_value(&ev)])>{at_first}</textarea>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="survey-q" data-key=key.clone() hidden=move || !shown.get()>
            {legend}
            {body}
            <div class="field-errors" aria-live="polite">{errors}</div>
        </fieldset>
    }
}

/// An answer in words, for reading back (the request page, staff).
pub fn answer_text(q: Option<&QuestionVersion>, value: &AnswerValue, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match value {
        AnswerValue::Scale(n) => format!("{n} / 5"),
        AnswerValue::YesNo(b) => (if *b { Msg::Yes } else { Msg::No }).text(lang).to_string(),
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::Choices(keys) => {
            let options = match q.map(|q| &q.kind) {
                Some(QuestionKind::Choice { options, .. }) => options.clone(),
                _ => vec![],
            };
            keys.iter()
                .map(|k| options.iter().find(|o| &o.key == k).map(|o| if zh { o.text_zh.clone() } else { o.text_en.clone() }).unwrap_or_else(|| k.clone()))
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " })
        }
    }
}

/// The survey's state in words, for those who read it.
pub fn status_msg(s: SurveyStatus) -> Msg {
    match s {
        SurveyStatus::Scheduled => Msg::SurveyStatusScheduled,
        SurveyStatus::Open => Msg::SurveyStatusOpen,
        SurveyStatus::Answered => Msg::SurveyStatusAnswered,
        SurveyStatus::Final => Msg::SurveyStatusFinal,
        SurveyStatus::Expired => Msg::SurveyStatusExpired,
        SurveyStatus::Skipped => Msg::SurveyStatusSkipped,
    }
}

/// Shows the questions asked only for an unhappy answer (`rules`: question key and when it is
/// shown, `domain::survey::Condition`) as soon as the overall score or "solved" is chosen: an
/// island inside the server-rendered survey form, toggling `hidden` on its
/// `fieldset.survey-q[data-key]` blocks (the server drops answers to questions not shown).
#[island]
pub fn SurveyToggle(rules: Vec<(String, Condition)>, threshold: u8) -> impl IntoView {
    let node = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::{closure::Closure, JsCast};
        let Some(form) = node.get_untracked().and_then(|el| el.closest("form").ok().flatten()) else { return };
        let update = {
            let (form, rules) = (form.clone(), rules.clone());
            move || {
                let checked =
                    |name: &str| form.query_selector(&format!("input[name=\"{name}\"]:checked")).ok().flatten().and_then(|e| e.get_attribute("value"));
                let overall = checked(key::OVERALL).and_then(|v| v.parse::<u8>().ok());
                let solved = checked(key::SOLVED).map(|v| v == "yes");
                for (k, cond) in &rules {
                    if let Ok(Some(block)) = form.query_selector(&format!("fieldset.survey-q[data-key=\"{k}\"]")) {
                        let _ = if cond.holds(overall, solved, threshold) { block.remove_attribute("hidden") } else { block.set_attribute("hidden", "") };
                    }
                }
            }
        };
        update();
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| update());
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (rules, threshold);
    view! { <span node_ref=node hidden></span> }
}
