//! Staff create or edit a training session (`/training/new`, `/training/:id/edit`): what,
//! when in which zone, where (a place or an online link), capacity, booking deadline, and
//! which organizations may book. Errors appear at their fields; what was typed stays.
use domain::{
    training::{DeliveryMode, TrainingKind},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::{
    api::training::{get_training_form, SaveTraining},
    components::loaded::Loaded,
    components::{
        form::{field_messages, Field, FormStatus, TextField},
        guard::Guard,
        training_bits::kind_msg,
    },
    error::AppError,
    i18n::{use_i18n, Msg},
    model::SessionForm,
};

#[component]
pub fn TrainingFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let form = Resource::new(move || id.get(), get_training_form);
    let save = ServerAction::<SaveTraining>::new();
    // Saved: open the session's page.
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            use_navigate()(&domain::href::training(saved), Default::default());
        }
    });
    view! {
        <Guard
            page=Page::TrainingForm
            view=move |_| view! {
                <h1>{move || i18n.t(if id.get() == 0 { Msg::TrNew } else { Msg::TrEdit })}</h1>
                <Loaded resource=form suspense=true let:f>
                    <Fields f=f save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Fields(f: SessionForm, save: ServerAction<SaveTraining>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    // Someone saved the session after this form was opened: said plainly, with what to do.
    let stale = Signal::derive(move || matches!(error.get(), Some(AppError::Conflict)));
    let other_error = Signal::derive(move || error.get().filter(|e| *e != AppError::Conflict));
    let v = f.input.clone();
    let online = RwSignal::new(v.delivery == DeliveryMode::Online.as_str());
    let some = RwSignal::new(v.invited == "some");
    let errs = move |name: &'static str| field_messages(error, name);
    let (deliv_err, orgs_err, inv_err) = (errs("delivery"), errs("org_ids"), errs("invited"));
    let show = |m: Memo<Vec<String>>| move || m.get().into_iter().map(|t| view! { <p class="error">{t}</p> }).collect_view();
    let chosen: Vec<String> = v.org_ids.clone();
    view! {
        <ActionForm action=save attr:class="card stack training-form">
            <input type="hidden" name="id" value=f.id.unwrap_or(0)/>
            // The version it was opened at: a save over someone else's is refused.
            <input type="hidden" name="version" value=v.version.clone()/>
            <TextField label=Msg::TrTitleField name="title" id="tr-title" required=true error=error value=v.title.clone()/>
            <Field label=Msg::TrKind name="kind" id="tr-kind" error=error>
                <select id="tr-kind" name="kind">
                    {TrainingKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=v.kind == k.as_str()>{move || i18n.t(kind_msg(k))}</option> }).collect_view()}
                </select>
            </Field>
            <Field label=Msg::TrDescription name="description" id="tr-description" error=error>
                <textarea id="tr-description" name="description" rows="5" maxlength="4000">{v.description.clone()}</textarea>
            </Field>
            <TextField label=Msg::TrTrainer name="trainer" id="tr-trainer" required=true error=error value=v.trainer.clone()/>
            <Field label=Msg::TrTimeZone name="tz" id="tr-tz" error=error>
                <select id="tr-tz" name="tz">
                    {f.zones.iter().map(|z| view! { <option value=z.clone() selected=*z == v.tz>{z.clone()}</option> }).collect_view()}
                </select>
            </Field>
            <TextField label=Msg::TrStarts name="starts_at" id="tr-starts" input_type="datetime-local" required=true error=error value=v.starts_at.clone()/>
            <TextField label=Msg::TrEnds name="ends_at" id="tr-ends" input_type="datetime-local" required=true error=error value=v.ends_at.clone()/>
            <fieldset class="field">
                <legend>{move || i18n.t(Msg::TrWhere)}</legend>
                <label class="choice"><input type="radio" name="delivery" value="on_site" checked=!online.get_untracked() on:change=move |_| online.set(false)/> {move || i18n.t(Msg::TrOnSite)}</label>
                <label class="choice"><input type="radio" name="delivery" value="online" checked=online.get_untracked() on:change=move |_| online.set(true)/> {move || i18n.t(Msg::TrOnline)}</label>
                <div class="field-errors">{show(deliv_err)}</div>
            </fieldset>
            <TextField label=Msg::TrPlace name="place" id="tr-place" error=error value=v.place.clone()/>
            <TextField label=Msg::TrLink name="link" id="tr-link" input_type="url" error=error value=v.link.clone()/>
            <TextField label=Msg::TrCapacity name="capacity" id="tr-capacity" input_type="number" required=true error=error value=v.capacity.clone()
                hint=Msg::TrCapacityHint/>
            <TextField label=Msg::TrDeadline name="booking_deadline" id="tr-deadline" input_type="datetime-local" required=true error=error value=v.booking_deadline.clone()/>
            <fieldset class="field">
                <legend>{move || i18n.t(Msg::TrInvited)}</legend>
                <label class="choice"><input type="radio" name="invited" value="all" checked=!some.get_untracked() on:change=move |_| some.set(false)/> {move || i18n.t(Msg::TrInviteAll)}</label>
                <label class="choice"><input type="radio" name="invited" value="some" checked=some.get_untracked() on:change=move |_| some.set(true)/> {move || i18n.t(Msg::TrInviteSome)}</label>
                <div class="org-choices">
                    {f.organizations.iter().enumerate().map(|(i, (oid, name))| view! {
                        <label class="choice"><input type="checkbox" name=format!("org_ids[{i}]") value=oid.to_string() checked=chosen.contains(&oid.to_string())/> {name.clone()}</label>
                    }).collect_view()}
                </div>
                <div class="field-errors">{show(inv_err)}{show(orgs_err)}</div>
            </fieldset>
            {(f.booked > 0).then(|| view! { <p class="muted small">{move || i18n.t(Msg::TrAlreadyBooked).replace("{n}", &f.booked.to_string())}</p> })}
            {move || stale.get().then(|| view! { <p class="error" role="alert">{move || i18n.t(Msg::ErrStaleForm)}</p> })}
            <FormStatus error=other_error done=Signal::derive(|| false) success=Msg::Updated/>
            <button type="submit" class="big">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}
