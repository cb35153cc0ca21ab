//! Adding (`/equipment/new`) or editing (`/equipment/:id/edit`) a device: site managers for
//! their organization's sites, staff for any. Errors appear at their fields; a save over a
//! change made since the form was opened is refused and said plainly.
use domain::{
    equipment::{DeviceCategory, DeviceStatus},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::equipment::{get_device_form, SaveDevice},
    components::{
        equipment_bits::{category_msg, status_msg},
        form::{Field, FormStatus, TextField},
        guard::Guard,
        loaded::Loaded,
    },
    error::AppError,
    i18n::{use_i18n, Msg},
    model::DeviceFormData,
};

#[component]
pub fn DeviceFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    // `?site=<id>`: a new device at that site (from a site's page or an inspection on site).
    let query = leptos_router::hooks::use_query_map();
    let site = Memo::new(move |_| query.read().get("site").and_then(|s| s.parse::<i32>().ok()));
    let form = Resource::new(
        move || (id.get(), site.get()),
        |(id, site)| async move {
            let mut f = get_device_form(id).await?;
            if let Some(s) = site.filter(|s| id == 0 && f.sites.iter().any(|(sid, _)| sid == s)) {
                f.site_id = s;
            }
            Ok(f)
        },
    );
    let save = ServerAction::<SaveDevice>::new();
    view! {
        <Guard
            page=Page::DeviceForm
            view=move |_| view! {
                <p><a href=Page::Equipment.pattern()>"← " {move || i18n.t(Msg::EqTitle)}</a></p>
                <h1>{move || i18n.t(if id.get() == 0 { Msg::EqAdd } else { Msg::EqEdit })}</h1>
                <Loaded resource=form suspense=true error=crate::components::equipment_bits::refused let:f>
                    <Fields f=f save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Fields(f: DeviceFormData, save: ServerAction<SaveDevice>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let stale = Signal::derive(move || matches!(error.get(), Some(AppError::Conflict)));
    let other_error = Signal::derive(move || error.get().filter(|e| *e != AppError::Conflict));
    if f.sites.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::EqNoSites)}</p> }.into_any();
    }
    let v = f.form.clone();
    view! {
        <ActionForm action=save attr:class="card stack device-form">
            <input type="hidden" name="id" value=f.id/>
            // The version it was opened at: a save over someone else's is refused.
            <input type="hidden" name="version" value=f.version/>
            <TextField label=Msg::EqName name="name" id="dev-name" required=true error=error value=v.name.clone()/>
            <Field label=Msg::EqSite name="site_id" id="dev-site" error=error>
                <select id="dev-site" name="site_id">
                    {f.sites.iter().map(|(id, label)| view! { <option value=id.to_string() selected=*id == f.site_id>{label.clone()}</option> }).collect_view()}
                </select>
            </Field>
            <Field label=Msg::EqCategory name="category" id="dev-category" error=error>
                <select id="dev-category" name="category">
                    {DeviceCategory::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=v.category == c.as_str()>{move || i18n.t(category_msg(c))}</option> }).collect_view()}
                </select>
            </Field>
            <Field label=Msg::EqStatus name="status" id="dev-status" error=error>
                <select id="dev-status" name="status">
                    {DeviceStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=v.status == s.as_str()>{move || i18n.t(status_msg(s))}</option> }).collect_view()}
                </select>
            </Field>
            <TextField label=Msg::EqVendor name="vendor" id="dev-vendor" error=error value=v.vendor.clone()/>
            <TextField label=Msg::EqModel name="model" id="dev-model" error=error value=v.model.clone()/>
            <TextField label=Msg::EqSerial name="serial" id="dev-serial" error=error value=v.serial.clone()/>
            <TextField label=Msg::EqAsset name="asset_number" id="dev-asset" error=error value=v.asset_number.clone()/>
            <TextField label=Msg::EqLocation name="location" id="dev-location" error=error value=v.location.clone()/>
            <TextField label=Msg::EqIps name="ips" id="dev-ips" error=error value=v.ips.clone() hint=Msg::EqIpsHint/>
            <TextField label=Msg::EqFirmware name="firmware" id="dev-firmware" error=error value=v.firmware.clone()/>
            <TextField label=Msg::EqPurchased name="purchase_date" id="dev-purchased" input_type="date" error=error value=v.purchase_date.clone()/>
            <TextField label=Msg::EqWarrantyEnd name="warranty_end" id="dev-warranty" input_type="date" error=error value=v.warranty_end.clone()/>
            <TextField label=Msg::EqServiceLevel name="service_level" id="dev-service" error=error value=v.service_level.clone()/>
            <Field label=Msg::EqNotes name="config_notes" id="dev-notes" error=error>
                <textarea id="dev-notes" name="config_notes" rows="6" maxlength="10000">{v.config_notes.clone()}</textarea>
            </Field>
            {move || stale.get().then(|| view! { <p class="error" role="alert">{move || i18n.t(Msg::ErrStaleForm)}</p> })}
            <FormStatus error=other_error done=Signal::derive(|| false) success=Msg::Updated/>
            <button type="submit" class="big">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
    .into_any()
}
