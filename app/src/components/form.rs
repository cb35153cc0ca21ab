//! Form pieces: a labelled field that shows its own errors, and a form-level status line.
//! Field errors come from the action's last `AppError::Invalid`, matched by input name.
use leptos::prelude::*;

use crate::{
    error::AppError,
    i18n::{error_text, field_error_text, use_i18n, Msg},
};

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
    let i18n = use_i18n();
    Memo::new(move |_| {
        let lang = i18n.lang.get();
        error.get().map(|e| e.for_field(name).iter().map(|fe| field_error_text(lang, fe)).collect::<Vec<_>>()).unwrap_or_default()
    })
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
