//! The survey admin page's question parts: one question with its reword and retire forms,
//! and the form that adds a question. Every form is an `ActionForm` (plain posts without
//! JavaScript); one action serves all the questions' reword (or retire) forms, so a row shows
//! the action's outcome only when it was the row submitted (`last`, by question key).
use domain::survey::{question::key, Condition, QuestionKind, QuestionVersion};
use leptos::prelude::*;

use crate::{
    api::surveys::{AddSurveyQuestion, RetireSurveyQuestion, RewordSurveyQuestion},
    components::form::{FormStatus, SelectField, TextField},
    error::AppError,
    i18n::{field_error_text, use_i18n, Msg},
};

/// What one row needs of a shared action: its last outcome and which key it was for.
#[derive(Clone, Copy)]
pub struct RowOutcome {
    pub last: Memo<Option<String>>,
    pub error: Signal<Option<AppError>>,
    pub ok: Signal<bool>,
}

impl RowOutcome {
    /// The outcome as seen by the row of `key`: nothing when another row was submitted.
    fn for_key(self, key: String) -> (Signal<Option<AppError>>, Signal<bool>) {
        let mine = {
            let key = key.clone();
            move || self.last.get().as_deref() == Some(key.as_str())
        };
        let mine2 = mine.clone();
        (Signal::derive(move || if mine() { self.error.get() } else { None }), Signal::derive(move || mine2() && self.ok.get()))
    }
}

pub fn kind_msg(k: &QuestionKind) -> Msg {
    match k {
        QuestionKind::Scale5 => Msg::SurveyAdminKindScale5,
        QuestionKind::YesNo => Msg::SurveyAdminKindYesNo,
        QuestionKind::Choice { .. } => Msg::SurveyAdminKindChoice,
        QuestionKind::Text => Msg::SurveyAdminKindText,
    }
}

fn condition_msg(c: Condition) -> Msg {
    match c {
        Condition::LowScore => Msg::SurveyAdminCondLowScore,
        Condition::NotSolved => Msg::SurveyAdminCondNotSolved,
        Condition::LowScoreOrNotSolved => Msg::SurveyAdminCondLowOrNotSolved,
    }
}

/// One question as stored now: kind, version, both texts, markers; for administrators the
/// reword form and the retire step (a `<details>`, so confirming works without JavaScript).
#[component]
pub fn QuestionItem(
    q: QuestionVersion,
    may_edit: bool,
    reword: ServerAction<RewordSurveyQuestion>,
    rewords: RowOutcome,
    retire: ServerAction<RetireSurveyQuestion>,
    retires: RowOutcome,
) -> impl IntoView {
    let i18n = use_i18n();
    let version = q.version;
    let kind = kind_msg(&q.kind);
    let shown_when = q.shown_when;
    let required = q.required;
    let (reword_error, reword_ok) = rewords.for_key(q.key.clone());
    let (retire_error, retire_ok) = retires.for_key(q.key.clone());
    let choices = match &q.kind {
        QuestionKind::Choice { options, max_selected } => {
            let n = *max_selected;
            Some(view! {
                <dt>{move || i18n.t(Msg::SurveyAdminChoices)}</dt>
                <dd>
                    <ul class="site-list">
                        {options.iter().map(|o| view! { <li>{o.text_en.clone()} <span class="muted" lang="zh-CN">{o.text_zh.clone()}</span></li> }).collect_view()}
                    </ul>
                    <span class="muted small">{move || i18n.t(Msg::SurveyAdminMaxSelected).replace("{n}", &n.to_string())}</span>
                </dd>
            })
        }
        _ => None,
    };
    let edits = (may_edit && !q.retired).then(|| {
        let retire_part = if q.key == key::OVERALL {
            view! { <p class="hint">{move || i18n.t(Msg::SurveyAdminOverallFixed)}</p> }.into_any()
        } else {
            view! { <RetireStep key=q.key.clone() action=retire/> }.into_any()
        };
        view! {
            <RewordForm q=q.clone() action=reword error=reword_error done=reword_ok/>
            {retire_part}
        }
    });
    view! {
        <li class="user-card survey-question" class:inactive=q.retired class:retired=q.retired data-key=q.key.clone()>
            <div class="user-meta">
                <span class="badge soft">{move || i18n.t(kind)}</span>
                <span class="badge soft">{move || i18n.t(Msg::SurveyAdminVersion).replace("{n}", &version.to_string())}</span>
                <span class="badge soft">{move || i18n.t(if required { Msg::SurveyAdminRequired } else { Msg::SurveyAdminNotRequired })}</span>
                {q.retired.then(|| view! { <span class="badge off">{move || i18n.t(Msg::SurveyAdminRetired)}</span> })}
            </div>
            // A sentence, not a badge: badges do not wrap, and a long one would widen every card.
            {shown_when.map(|c| view! { <p class="hint">{move || i18n.t(Msg::SurveyAdminShownWhen).replace("{c}", i18n.t(condition_msg(c)))}</p> })}
            <dl class="facts">
                <dt>{move || i18n.t(Msg::SurveyAdminLangEnglish)}</dt>
                <dd lang="en">{q.text_en.clone()}</dd>
                <dt>{move || i18n.t(Msg::SurveyAdminLangChinese)}</dt>
                <dd lang="zh-CN">{q.text_zh.clone()}</dd>
                {choices}
            </dl>
            {edits}
            <Errors id=format!("rt-{}-err", q.key) messages=field_messages(retire_error, |f| f == "key", false)/>
            <FormStatus error=retire_error done=retire_ok success=Msg::SurveyAdminRetiredDone/>
        </li>
    }
}

/// New words for a question, both languages, inline under it.
#[component]
fn RewordForm(q: QuestionVersion, action: ServerAction<RewordSurveyQuestion>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let next = q.version + 1;
    let (en_id, zh_id) = (format!("rw-{}-en", q.key), format!("rw-{}-zh", q.key));
    // Open again after a refused save, so the messages are seen.
    let open = move || error.get().is_some();
    view! {
        <details class="work-more" open=open>
            <summary>{move || i18n.t(Msg::SurveyAdminReword)}</summary>
            <ActionForm action=action attr:class="stack" attr:novalidate=true>
                <input type="hidden" name="key" value=q.key.clone()/>
                <p class="hint">{move || i18n.t(Msg::SurveyAdminRewordHint).replace("{n}", &next.to_string())}</p>
                <TextArea label=Msg::SurveyAdminTextEn name="text_en" id=en_id value=q.text_en.clone() error=error/>
                <TextArea label=Msg::SurveyAdminTextZh name="text_zh" id=zh_id value=q.text_zh.clone() error=error/>
                <Errors id=format!("rw-{}-key-err", q.key) messages=field_messages(error, |f| f == "key", false)/>
                <FormStatus error=error done=done success=Msg::SurveyAdminReworded/>
                <button type="submit">{move || i18n.t(Msg::SurveyAdminRewordSave)}</button>
            </ActionForm>
        </details>
    }
}

/// Retiring cannot be undone, so it takes two steps: open, read, then press.
#[component]
fn RetireStep(key: String, action: ServerAction<RetireSurveyQuestion>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="work-more">
            <summary>{move || i18n.t(Msg::SurveyAdminRetire)}</summary>
            <p>{move || i18n.t(Msg::SurveyAdminRetireConfirm)}</p>
            <ActionForm action=action attr:class="inline">
                <input type="hidden" name="key" value=key/>
                <button type="submit" class="secondary">{move || i18n.t(Msg::SurveyAdminRetireButton)}</button>
            </ActionForm>
        </details>
    }
}

/// A new question at the end. The choices' inputs are always there (a form without
/// JavaScript cannot show them only for the "choose" kind); the server ignores them for
/// other kinds.
#[component]
pub fn AddQuestionForm(action: ServerAction<AddSurveyQuestion>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |m: Msg| Signal::derive(move || i18n.t(m).to_string());
    let kinds = vec![
        ("scale5".to_string(), label(Msg::SurveyAdminKindScale5)),
        ("yes_no".to_string(), label(Msg::SurveyAdminKindYesNo)),
        ("text".to_string(), label(Msg::SurveyAdminKindText)),
        ("choice".to_string(), label(Msg::SurveyAdminKindChoice)),
    ];
    let conditions = vec![
        (String::new(), label(Msg::SurveyAdminCondAlways)),
        ("low_score".to_string(), label(Msg::SurveyAdminCondLowScore)),
        ("not_solved".to_string(), label(Msg::SurveyAdminCondNotSolved)),
        ("low_score_or_not_solved".to_string(), label(Msg::SurveyAdminCondLowOrNotSolved)),
    ];
    view! {
        <ActionForm action=action attr:class="stack" attr:novalidate=true>
            <SelectField label=Msg::SurveyAdminKindLabel name="kind" id="aq-kind" error=error options=kinds/>
            <TextArea label=Msg::SurveyAdminTextEn name="text_en" id="aq-text-en".to_string() value=String::new() error=error/>
            <TextArea label=Msg::SurveyAdminTextZh name="text_zh" id="aq-text-zh".to_string() value=String::new() error=error/>
            <label class="choice">
                <input type="checkbox" name="required" value="on"/>
                {move || i18n.t(Msg::SurveyAdminRequiredLabel)}
            </label>
            <SelectField label=Msg::SurveyAdminShownWhenLabel name="shown_when" id="aq-shown-when" error=error options=conditions/>
            <fieldset class="contract-group">
                <legend>{move || i18n.t(Msg::SurveyAdminKindChoice)}</legend>
                <p class="hint">{move || i18n.t(Msg::SurveyAdminOptionsHint)}</p>
                <OptionsArea label=Msg::SurveyAdminOptionsEn name="options_en" id="aq-options-en" lang_suffix=".text_en" error=error/>
                <OptionsArea label=Msg::SurveyAdminOptionsZh name="options_zh" id="aq-options-zh" lang_suffix=".text_zh" error=error/>
                <TextField label=Msg::SurveyAdminMaxSelectedLabel name="max_selected" id="aq-max-selected" error=error hint=Msg::SurveyAdminMaxSelectedHint autocomplete="off"/>
            </fieldset>
            <FormStatus error=error done=done success=Msg::SurveyAdminAdded/>
            <button type="submit">{move || i18n.t(Msg::SurveyAdminAdd)}</button>
        </ActionForm>
    }
}

/// A question text (up to 300 characters: a textarea wraps it on a phone).
#[component]
fn TextArea(label: Msg, name: &'static str, id: String, value: String, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let messages = field_messages(error, move |f| f == name, false);
    let err_id = format!("{id}-err");
    let invalid = move || (!messages.get().is_empty()).then_some("true");
    view! {
        <div class="field" class:invalid=move || !messages.get().is_empty()>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <textarea id=id.clone() name=name rows="2" aria-invalid=invalid aria-describedby=err_id.clone()>{value}</textarea>
            <Errors id=err_id messages=messages/>
        </div>
    }
}

/// Choices one a line. The domain names a choice's problem by its index
/// (`options.2.text_zh`): shown here as the line it came from.
#[component]
fn OptionsArea(label: Msg, name: &'static str, id: &'static str, lang_suffix: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let english = lang_suffix == ".text_en";
    // The list's own problems (none given, too many) and key problems go with the English
    // lines, which the keys are made from.
    let messages =
        field_messages(error, move |f| (english && (f == "options" || f.ends_with(".key"))) || (f.starts_with("options.") && f.ends_with(lang_suffix)), true);
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:invalid=move || !messages.get().is_empty()>
            <label for=id>{move || i18n.t(label)}</label>
            <textarea id=id name=name rows="5" autocomplete="off" aria-invalid=move || (!messages.get().is_empty()).then_some("true") aria-describedby=err_id.clone()></textarea>
            <Errors id=err_id messages=messages/>
        </div>
    }
}

/// The messages of the fields `matches` picks from the last error; with `lines`, an
/// `options.N.…` field is told as line N+1.
pub fn field_messages(error: Signal<Option<AppError>>, matches: impl Fn(&str) -> bool + Send + Sync + 'static, lines: bool) -> Signal<Vec<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let lang = i18n.lang.get();
        let Some(AppError::Invalid(list)) = error.get() else { return vec![] };
        list.iter()
            .filter(|e| matches(&e.field))
            .map(|e| {
                let text = field_error_text(lang, e);
                let line = e.field.strip_prefix("options.").and_then(|r| r.split('.').next()).and_then(|n| n.parse::<usize>().ok());
                match line.filter(|_| lines) {
                    Some(i) => Msg::SurveyAdminOptionLine.text(lang).replace("{n}", &(i + 1).to_string()).replace("{msg}", &text),
                    None => text,
                }
            })
            .collect()
    })
}

#[component]
pub fn Errors(id: String, #[prop(into)] messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div id=id class="field-errors" aria-live="polite">
            {move || messages.get().into_iter().map(|m| view! { <p class="error">{m}</p> }).collect_view()}
        </div>
    }
}
