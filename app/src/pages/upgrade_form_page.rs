//! Proposing (`/upgrades/new?device=ID`) or editing (`/upgrades/:id/edit`) an upgrade plan:
//! the devices of one organization, the target version, the steps, the rollback, the expected
//! impact and the window in the organization's zone. Saving an edit makes a new revision that
//! the site manager approves again.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::upgrades::{get_upgrade_form, SaveUpgradePlan},
    components::{
        form::{Field, FormStatus, Messages, TextField},
        guard::Guard,
        loaded::Loaded,
    },
    error::AppError,
    i18n::{use_i18n, Msg},
    model::PlanFormData,
};

#[component]
pub fn UpgradeFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let id = params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
        let device = query.read().get("device").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
        (id, device)
    });
    let form = Resource::new(move || key.get(), |(id, device)| get_upgrade_form(id, device));
    let save = ServerAction::<SaveUpgradePlan>::new();
    view! {
        <Guard
            page=Page::UpgradeForm
            view=move |_| view! {
                <p><a href=Page::Upgrades.pattern()>"← " {move || i18n.t(Msg::UpTitle)}</a></p>
                <h1>{move || i18n.t(if key.get().0 == 0 { Msg::UpPropose } else { Msg::UpEdit })}</h1>
                <Loaded resource=form suspense=true error=crate::components::equipment_bits::refused let:f>
                    <Fields f=f save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Fields(f: PlanFormData, save: ServerAction<SaveUpgradePlan>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let stale = Signal::derive(move || matches!(error.get(), Some(AppError::Conflict)));
    let other_error = Signal::derive(move || error.get().filter(|e| *e != AppError::Conflict));
    let v = f.form.clone();
    view! {
        <ActionForm action=save attr:class="card stack plan-form">
            <input type="hidden" name="id" value=f.id/>
            <input type="hidden" name="version" value=f.version/>
            <p class="muted">{f.organization.clone()} " · " {move || i18n.t(Msg::UpZone).replace("{tz}", &f.tz)}</p>
            <TextField label=Msg::UpTitleField name="title" id="up-title" required=true error=error value=v.title.clone()/>
            <fieldset class="field">
                <legend>{move || i18n.t(Msg::UpDevices)}</legend>
                <div class="device-choices">
                    {f.devices.iter().enumerate().map(|(i, (id, label, chosen))| view! {
                        <label class="choice"><input type="checkbox" name=format!("device_ids[{i}]") value=id.to_string() checked=*chosen/> {label.clone()}</label>
                    }).collect_view()}
                </div>
                <Messages name="device_ids" error=error/>
            </fieldset>
            <TextField label=Msg::UpTarget name="target_version" id="up-target" required=true error=error value=v.target_version.clone()/>
            <Field label=Msg::UpSteps name="steps" id="up-steps" error=error>
                <textarea id="up-steps" name="steps" rows="5" maxlength="10000" required>{v.steps.clone()}</textarea>
            </Field>
            <Field label=Msg::UpRollback name="rollback" id="up-rollback" error=error>
                <textarea id="up-rollback" name="rollback" rows="3" maxlength="10000" required>{v.rollback.clone()}</textarea>
            </Field>
            <Field label=Msg::UpImpact name="impact" id="up-impact" error=error>
                <textarea id="up-impact" name="impact" rows="2" maxlength="2000" required>{v.impact.clone()}</textarea>
            </Field>
            <div class="row">
                <TextField label=Msg::UpWindowStart name="window_start" id="up-start" input_type="datetime-local" required=true error=error value=v.window_start.clone()/>
                <TextField label=Msg::UpWindowEnd name="window_end" id="up-end" input_type="datetime-local" required=true error=error value=v.window_end.clone()/>
            </div>
            {(f.id != 0).then(|| view! { <p class="muted small">{move || i18n.t(Msg::UpEditNeedsApproval)}</p> })}
            {move || stale.get().then(|| view! { <p class="error" role="alert">{move || i18n.t(Msg::ErrStaleForm)}</p> })}
            <FormStatus error=other_error done=Signal::derive(|| false) success=Msg::Updated/>
            <button type="submit" class="big">{move || i18n.t(if f.id == 0 { Msg::UpSubmit } else { Msg::Save })}</button>
        </ActionForm>
    }
}
