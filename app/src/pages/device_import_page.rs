//! Importing a CSV device list: `/equipment/import` uploads it (a plain multipart form, so it
//! works without JavaScript), `/equipment/import/:id` shows what it will add and change and
//! every bad row with its reasons, and saves the good rows on request.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::equipment::{device_import_organizations, get_device_import, ApplyDeviceImport},
    components::{
        equipment_bits::{category_msg, status_msg},
        form::FormStatus,
        guard::Guard,
        loaded::Loaded,
    },
    i18n::{field_error_text, use_i18n, Msg},
    model::DeviceImportPreview,
};

#[component]
pub fn DeviceImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()));
    view! {
        <Guard
            page=Page::DeviceImport
            view=move |_| view! {
                <p><a href=Page::Equipment.pattern()>"← " {move || i18n.t(Msg::EqTitle)}</a></p>
                <h1>{move || i18n.t(Msg::EqImport)}</h1>
                {move || match id.get() {
                    None => view! { <Upload/> }.into_any(),
                    Some(id) => view! { <Preview id=id/> }.into_any(),
                }}
            }
        />
    }
}

#[component]
fn Upload() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = move || {
        query.read().get("error").map(|e| match e.as_str() {
            "too_large" => Msg::EqImportErrTooLarge,
            "not_text" => Msg::EqImportErrNotText,
            "org" => Msg::EqImportErrOrg,
            _ => Msg::EqImportErrEmpty,
        })
    };
    let orgs = Resource::new(|| (), |_| device_import_organizations());
    view! {
        <p>{move || i18n.t(Msg::EqImportIntro)}</p>
        {move || error().map(|m| view! { <p class="error" role="alert">{move || i18n.t(m)}</p> })}
        <Loaded resource=orgs let:orgs>
            <form class="card stack" method="post" enctype="multipart/form-data" action=Page::DeviceImport.pattern()>
                {(orgs.len() > 1).then(|| view! {
                    <div class="field">
                        <label for="imp-org">{move || i18n.t(Msg::EqOrganization)}</label>
                        <select id="imp-org" name="org">
                            {orgs.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                })}
                {(orgs.len() == 1).then(|| view! { <input type="hidden" name="org" value=orgs[0].0/> })}
                <div class="field">
                    <label for="imp-file">{move || i18n.t(Msg::EqImportFile)}</label>
                    <input id="imp-file" type="file" name="file" accept=".csv,text/csv" required/>
                </div>
                <button type="submit" class="big">{move || i18n.t(Msg::EqImportUpload)}</button>
            </form>
        </Loaded>
    }
}

#[component]
fn Preview(id: i32) -> impl IntoView {
    let preview = Resource::new(move || id, get_device_import);
    view! {
        <Loaded resource=preview error=crate::components::equipment_bits::refused let:p>
            <PlanView p=p/>
        </Loaded>
    }
}

#[component]
fn PlanView(p: DeviceImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let apply = ServerAction::<ApplyDeviceImport>::new();
    let error = Signal::derive(move || apply.value().get().and_then(|r| r.err()));
    let lang = move || i18n.lang.get();
    let summary = {
        let (adds, changes, bad) = (p.adds, p.changes, p.bad.len());
        move || i18n.t(Msg::EqImportSummary).replace("{adds}", &adds.to_string()).replace("{changes}", &changes.to_string()).replace("{bad}", &bad.to_string())
    };
    let header_errors = p.header_errors.clone();
    let id = p.id;
    let can_apply = !p.applied && header_errors.is_empty() && p.adds + p.changes > 0;
    view! {
        <p class="muted">{p.organization.clone()} " · " {p.file_name.clone()}</p>
        {(!header_errors.is_empty()).then(|| view! {
            <section class="card" role="alert">
                <h2>{move || i18n.t(Msg::EqImportHeader)}</h2>
                <ul>{header_errors.iter().map(|e| { let e = e.clone(); view! { <li class="error">{e.field.clone()} ": " {move || field_error_text(lang(), &e)}</li> } }).collect_view()}</ul>
            </section>
        })}
        <p aria-live="polite"><strong>{summary}</strong></p>
        {p.applied.then(|| view! { <p class="badge ok">{move || i18n.t(Msg::EqImportApplied)}</p> })}
        {(!p.bad.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::EqImportProblems)}</h2>
                <ul class="import-bad">
                    {p.bad.iter().map(|b| {
                        let errors = b.errors.clone();
                        view! {
                            <li>
                                <strong>{move || i18n.t(Msg::EqImportLine)} " " {b.line}</strong>
                                <ul>{errors.into_iter().map(|e| view! { <li class="error">{e.field.clone()} ": " {move || field_error_text(lang(), &e)}</li> }).collect_view()}</ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <ul class="device-list">
            {p.rows.iter().map(|(r, site)| {
                let action = match &r.action {
                    domain::equipment::import::RowAction::Add => (Msg::EqImportAdd, String::new()),
                    domain::equipment::import::RowAction::Change { fields, .. } => (Msg::EqImportChange, fields.join(", ")),
                    domain::equipment::import::RowAction::Unchanged { .. } => (Msg::EqImportUnchanged, String::new()),
                };
                let d = r.device.clone();
                view! {
                    <li class="device-card">
                        <strong>{d.name.clone()}</strong>
                        <div class="req-meta">
                            <span class="badge soft">{move || i18n.t(action.0).replace("{fields}", &action.1)}</span>
                            <span class="badge">{move || i18n.t(category_msg(d.category))}</span>
                            <span class="badge">{move || i18n.t(status_msg(d.status))}</span>
                        </div>
                        <p class="muted small">{move || i18n.t(Msg::EqImportLine)} " " {r.line} " · " {site.clone()} " · " {[d.model.clone(), d.serial.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        {can_apply.then(|| view! {
            <ActionForm action=apply attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <FormStatus error=error done=Signal::derive(|| false) success=Msg::Updated/>
                <button type="submit" class="big">{move || i18n.t(Msg::EqImportApply)}</button>
            </ActionForm>
        })}
    }
}
