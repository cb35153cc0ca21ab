//! `/complaints/new?request=SR-…`: a complaint about a request (chosen from the caller's own,
//! or the one the link names: the request page, a low survey score) or about the service in
//! general. A plain form; the server answers with the new complaint's page.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::complaints::{get_complaint_form, SubmitComplaint},
    components::{form::FormStatus, guard::Guard, loaded::Loaded},
    i18n::{field_error_text, use_i18n, Msg},
};

#[component]
pub fn ComplaintFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = Resource::new(|| (), |_| get_complaint_form());
    let query = use_query_map();
    let chosen = move || query.read().get("request").unwrap_or_default();
    let from_survey = move || query.read().get("survey").is_some();
    let action = ServerAction::<SubmitComplaint>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let field_error = move |field: &'static str| {
        move || match error.get() {
            Some(crate::error::AppError::Invalid(fields)) => {
                fields.iter().find(|f| f.field == field).map(|f| view! { <p class="field-error">{field_error_text(i18n.lang.get(), f)}</p> })
            }
            _ => None,
        }
    };
    view! {
        <Guard
            page=Page::ComplaintForm
            view=move |_| view! {
                <section class="card narrow">
                    <h1>{move || i18n.t(Msg::ComplaintNew)}</h1>
                    <p class="muted small">{move || i18n.t(Msg::ComplaintsIntro)}</p>
                    <Loaded resource=form let:f>
                        <ActionForm action=action attr:class="stack" attr:novalidate=true>
                            <input type="hidden" name="from_survey" value=move || if from_survey() { "1" } else { "" }/>
                            <label for="complaint-request">{move || i18n.t(Msg::ComplaintAbout)}</label>
                            <select id="complaint-request" name="request">
                                <option value="" selected=move || chosen().is_empty()>{move || i18n.t(Msg::ComplaintAboutGeneral)}</option>
                                {f.requests.into_iter().map(|(number, title)| {
                                    let n = number.clone();
                                    view! { <option value=number.clone() selected=move || chosen() == n>{format!("{number} {title}")}</option> }
                                }).collect_view()}
                            </select>
                            {field_error("request")}
                            <label for="complaint-text">{move || i18n.t(Msg::ComplaintText)}</label>
                            <textarea id="complaint-text" name="text" rows="6" required=true maxlength="4000"></textarea>
                            {field_error("text")}
                            <FormStatus error=error done=Signal::derive(|| false) success=Msg::ComplaintDone/>
                            <button type="submit">{move || i18n.t(Msg::ComplaintSubmit)}</button>
                        </ActionForm>
                    </Loaded>
                </section>
            }
        />
    }
}
