//! Form pieces: labelled fields that show their own errors (a text input, a select, or any
//! control as children), a fieldset grouping inputs with the errors about them together, and
//! a form-level status line. Field errors come from the action's last `AppError::Invalid`,
//! matched by input name.
use domain::FieldError;
use leptos::prelude::*;

use crate::{
    error::AppError,
    i18n::{error_text, field_error_text, use_i18n, Lang, Msg},
};

/// How a form words a field error (a form with its own wording passes its own).
pub type ErrorWords = fn(Lang, &FieldError) -> String;

#[component]
pub fn TextField(
    label: Msg,
    /// The input's name: the server function's argument.
    name: &'static str,
    /// Unique on the page (forms may share field names).
    id: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let messages = field_messages(error, name);
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = vec![];
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if !messages.get().is_empty() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || !messages.get().is_empty()>
            <label for=id>
                {move || i18n.t(label)}
                {(!required).then(|| view! { <span class="optional">" (" {move || i18n.t(Msg::Optional)} ")"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(h)}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                value=value
                aria-invalid=move || (!messages.get().is_empty()).then_some("true")
                aria-describedby=described
            />
            <FieldMessages id=err_id messages=messages/>
        </div>
    }
}

/// A select whose options are (value, label) pairs.
#[component]
pub fn SelectField(
    label: Msg,
    name: &'static str,
    id: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, Signal<String>)>,
    #[prop(optional, into)] selected: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let messages = field_messages(error, name);
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:invalid=move || !messages.get().is_empty()>
            <label for=id>{move || i18n.t(label)}</label>
            <select id=id name=name aria-invalid=move || (!messages.get().is_empty()).then_some("true")>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessages id=err_id messages=messages/>
        </div>
    }
}

/// The messages for input `name` from the action's last error, in the reader's language.
pub fn field_messages(error: Signal<Option<AppError>>, name: &'static str) -> Memo<Vec<String>> {
    field_messages_in(error, name, field_error_text)
}

/// [`field_messages`] in a form's own words.
pub fn field_messages_in(error: Signal<Option<AppError>>, name: &'static str, words: ErrorWords) -> Memo<Vec<String>> {
    let i18n = use_i18n();
    Memo::new(move |_| {
        let lang = i18n.lang.get();
        error.get().map(|e| e.for_field(name).iter().map(|fe| words(lang, fe)).collect::<Vec<_>>()).unwrap_or_default()
    })
}

/// Whether the action's last error concerns input (or group) `name`.
pub fn has_error(error: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> bool + Send + Sync + Copy + 'static {
    move || error.with(|e| e.as_ref().is_some_and(|e| !e.for_field(name).is_empty()))
}

/// `aria-invalid` of control `name`.
pub fn aria_invalid(error: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    let has = has_error(error, name);
    move || has().then_some("true")
}

/// `aria-describedby` of control `name` inside a [`Field`]: its hint (`{name}-hint`) when it
/// has one, its errors (`{name}-err`) when there are some.
pub fn aria_described(error: Signal<Option<AppError>>, name: &'static str, hint: bool) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    let has = has_error(error, name);
    move || {
        let mut ids = vec![];
        if hint {
            ids.push(format!("{name}-hint"));
        }
        if has() {
            ids.push(format!("{name}-err"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled control (the children, which carry `id`; `id` defaults to `name`) with its
/// hint (`{id}-hint`) and its error messages (`{name}-err`; the control points at both with
/// [`aria_described`]).
#[component]
pub fn Field(
    label: Msg,
    /// The input's name: the server function's argument, and what errors are matched by.
    name: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<Msg>,
    /// Says "(optional)" after the label.
    #[prop(optional)]
    optional: bool,
    /// The form's own wording of errors; the shared one otherwise.
    #[prop(optional)]
    words: Option<ErrorWords>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.unwrap_or(name);
    let messages = field_messages_in(error, name, words.unwrap_or(field_error_text));
    view! {
        <div class="field" class:invalid=has_error(error, name)>
            <label for=id>
                {move || i18n.t(label)}
                {optional.then(|| view! { <span class="optional">" (" {move || i18n.t(Msg::Optional)} ")"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{move || i18n.t(h)}</p> })}
            {children()}
            <FieldMessages id=format!("{name}-err") messages=messages/>
        </div>
    }
}

/// A fieldset with a legend, a hint and the errors that concern its inputs together (reported
/// on the group's `name`).
#[component]
pub fn Group(
    legend: Msg,
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<Msg>,
    /// The fieldset's class.
    #[prop(default = "group")]
    class: &'static str,
    #[prop(optional)] words: Option<ErrorWords>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class=class class:invalid=has_error(error, name) name=name>
            <legend>{move || i18n.t(legend)}</legend>
            {hint.map(|h| view! { <p class="hint">{move || i18n.t(h)}</p> })}
            <Messages name=name error=error words=words.unwrap_or(field_error_text)/>
            {children()}
        </fieldset>
    }
}

/// The error messages of input (or group) `name` on their own, `id="{name}-err"`.
#[component]
pub fn Messages(name: &'static str, #[prop(into)] error: Signal<Option<AppError>>, #[prop(optional)] words: Option<ErrorWords>) -> impl IntoView {
    let messages = field_messages_in(error, name, words.unwrap_or(field_error_text));
    view! { <FieldMessages id=format!("{name}-err") messages=messages/> }
}

#[component]
fn FieldMessages(id: String, messages: Memo<Vec<String>>) -> impl IntoView {
    view! {
        <div id=id class="field-errors" aria-live="polite">
            {move || messages.get().into_iter().map(|m| view! { <p class="error">{m}</p> }).collect_view()}
        </div>
    }
}

/// The outcome of the last submit: the error in words, or `success` once it went through.
#[component]
pub fn FormStatus(#[prop(into)] error: Signal<Option<AppError>>, #[prop(into)] done: Signal<bool>, success: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-status" role="status" aria-live="polite">
            {move || match error.get() {
                Some(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                None if done.get() => view! { <p class="success">{i18n.t(success)}</p> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}
