//! One device of the equipment archive: what it is, where it is, its warranty state and who
//! last changed it. Site managers (their organization's) and staff may edit it.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::equipment::get_device,
    components::{
        equipment_bits::{category_msg, status_msg, WarrantyBadge},
        guard::Guard,
        training_bits::local,
    },
    i18n::{error_text, use_i18n, Msg},
    model::{DeviceDetail, DeviceEventKind},
};

#[component]
pub fn DevicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let device = Resource::new(move || id.get(), get_device);
    view! {
        <Guard
            page=Page::DeviceDetail
            view=move |_| view! {
                <p><a href=Page::Equipment.pattern()>"← " {move || i18n.t(Msg::EqTitle)}</a></p>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || device.get().map(|r| match r {
                        Err(e) => {
                            crate::error::not_found_status(&e);
                            view! { <section class="card narrow"><h1>{move || i18n.t(Msg::NotFoundTitle)}</h1><p class="error">{error_text(i18n.lang.get(), &e)}</p></section> }.into_any()
                        }
                        Ok(d) => view! { <Device d=d/> }.into_any(),
                    })}
                </Transition>
            }
        />
    }
}

#[component]
fn Device(d: DeviceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let v = d.device.clone();
    let row = |label: Msg, value: String| (!value.is_empty()).then(|| view! { <dt>{move || i18n.t(label)}</dt> <dd>{value}</dd> });
    let updated = chrono::DateTime::from_timestamp(d.updated_at, 0).map(|t| local(t, domain::equipment::WARRANTY_TZ.name())).unwrap_or_default();
    let who = d.updated_by.clone();
    view! {
        <div class="page-head">
            <h1>{v.name.clone()}</h1>
            {d.can_edit.then(|| view! { <a class="button" href=domain::href::device_edit(d.id)>{move || i18n.t(Msg::EqEdit)}</a> })}
            {d.can_plan.then(|| view! { <a class="button" href=domain::href::upgrade_for_device(d.id)>{move || i18n.t(Msg::UpPropose)}</a> })}
        </div>
        <div class="req-meta">
            <span class="badge">{move || i18n.t(category_msg(v.category))}</span>
            <span class="badge">{move || i18n.t(status_msg(v.status))}</span>
            <WarrantyBadge w=d.warranty/>
        </div>
        <dl class="card facts">
            {row(Msg::EqOrganization, d.organization.clone())}
            <dt>{move || i18n.t(Msg::EqSite)}</dt>
            <dd><a href=domain::href::site(d.site_id)>{d.site.clone()}</a></dd>
            {row(Msg::EqLocation, v.location.clone())}
            {row(Msg::EqVendor, v.vendor.clone())}
            {row(Msg::EqModel, v.model.clone())}
            {row(Msg::EqSerial, v.serial.clone())}
            {row(Msg::EqAsset, v.asset_number.clone())}
            {row(Msg::EqIps, v.ips.join(", "))}
            {row(Msg::EqFirmware, v.firmware.clone())}
            {row(Msg::EqPurchased, v.purchase_date.map(|d| d.to_string()).unwrap_or_default())}
            {row(Msg::EqWarrantyEnd, v.warranty_end.map(|d| d.to_string()).unwrap_or_default())}
            {row(Msg::EqServiceLevel, v.service_level.clone())}
            {row(Msg::SwRunsHere, d.software.join(", "))}
        </dl>
        {(!v.config_notes.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::EqNotes)}</h2>
                <pre class="config-notes">{v.config_notes.clone()}</pre>
            </section>
        })}
        <Configs id=d.id configs=d.configs.clone() can_upload=d.can_edit/>
        <section class="card">
            <h2>{move || i18n.t(Msg::EqHistory)}</h2>
            {if d.history.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::EqNoRequests)}</p> }.into_any()
            } else {
                view! {
                    <ul class="device-history">
                        {d.history.into_iter().map(|e| {
                            let when = chrono::DateTime::from_timestamp(e.at, 0).map(|t| local(t, domain::equipment::WARRANTY_TZ.name())).unwrap_or_default();
                            view! { <li><HistoryLine what=e.what/> " " <span class="muted small">{when}</span></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <p class="muted small">{move || i18n.t(Msg::EqUpdated).replace("{when}", &updated).replace("{who}", &who)}</p>
    }
}

/// One line of the history in words, with its links.
#[component]
fn HistoryLine(what: DeviceEventKind) -> impl IntoView {
    let i18n = use_i18n();
    let request_link = |r: Option<String>| r.map(|n| view! { " · " <a href=domain::href::request(&n)>{n.clone()}</a> });
    let serial = |s: String| if s.is_empty() { "—".to_string() } else { s };
    match what {
        DeviceEventKind::Request { number, title } => view! { <a href=domain::href::request(&number)>{number.clone()}</a> " " {title} }.into_any(),
        DeviceEventKind::PartReplaced { part, old_serial, new_serial, request } => {
            let (old, new) = (serial(old_serial), serial(new_serial));
            let text = move || i18n.t(Msg::TlPartReplaced).replace("{part}", &part).replace("{old}", &old).replace("{new}", &new);
            view! { <span class="history-part">{text}</span> {request_link(request)} }.into_any()
        }
        DeviceEventKind::SwappedOut { other, new_serial, request } => {
            let text = move || i18n.t(Msg::EqSwappedOut).replace("{serial}", &new_serial);
            view! { <span>{text}</span> " " <a href=domain::href::device(other)>{format!("#{other}")}</a> {request_link(request)} }.into_any()
        }
        DeviceEventKind::Config { id, number, file_name, by } => {
            let text = move || i18n.t(Msg::EqConfigKept).replace("{n}", &number.to_string());
            view! { <span>{text}</span> " · " <a href=domain::href::device_config_file(id)>{file_name}</a> " · " {by} }.into_any()
        }
        DeviceEventKind::Upgrade { plan, title, target, result, note } => {
            use domain::equipment::upgrade::DeviceResult;
            let m = match result {
                None => Msg::EqUpgradePlanned,
                Some(DeviceResult::Succeeded) => Msg::EqUpgradeDone,
                Some(DeviceResult::RolledBack) => Msg::EqUpgradeRolledBack,
            };
            let text = move || i18n.t(m).replace("{version}", &target);
            view! {
                <span class="history-upgrade">{text}</span> " · " <a href=domain::href::upgrade(plan)>{title}</a>
                {(!note.is_empty()).then(|| view! { " — " {note.clone()} })}
            }
            .into_any()
        }
        DeviceEventKind::SwappedIn { other, old_serial, request } => {
            let text = move || i18n.t(Msg::EqSwappedIn).replace("{serial}", &old_serial);
            view! { <span>{text}</span> " " <a href=domain::href::device(other)>{format!("#{other}")}</a> {request_link(request)} }.into_any()
        }
    }
}

/// The configuration backups: versions with their files, a comparison with the one before,
/// and (for those who edit the device) a plain multipart upload that works without JavaScript.
#[component]
fn Configs(id: i32, configs: Vec<crate::model::ConfigVersion>, can_upload: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let outcome = move || {
        let q = query.read();
        if q.get("config").as_deref() == Some("saved") {
            return Some(("success", i18n.t(Msg::EqConfigSaved).to_string()));
        }
        let m = match q.get("config_error").as_deref() {
            Some("empty") => Msg::EqConfigEmpty,
            Some("too_large") => Msg::EqConfigTooLarge,
            Some("not_text") => Msg::EqConfigNotText,
            Some(_) => Msg::ErrBadRequest,
            None => return None,
        };
        Some(("error", i18n.t(m).to_string()))
    };
    let numbers: Vec<(i32, i32)> = configs.iter().map(|c| (c.id, c.number)).collect();
    view! {
        <section class="card" id="configs">
            <h2>{move || i18n.t(Msg::EqConfigs)}</h2>
            <div role="status" aria-live="polite">{move || outcome().map(|(class, text)| view! { <p class=class>{text}</p> })}</div>
            {if configs.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::EqNoConfigs)}</p> }.into_any()
            } else {
                view! {
                    <ul class="config-versions">
                        {configs.into_iter().map(|c| {
                            let previous = numbers.iter().find(|(_, n)| *n < c.number).map(|(pid, _)| *pid);
                            let masked = c.masked_lines;
                            view! {
                                <li data-version=c.number>
                                    <strong>{format!("v{}", c.number)}</strong> " · "
                                    <a href=domain::href::device_config_file(c.id)>{c.file_name.clone()}</a>
                                    <span class="muted small">" · " {c.by.clone()} " · " {c.at.clone()} " · " {format!("{} B", c.size)}</span>
                                    {(masked > 0).then(|| view! { " " <span class="badge">{move || i18n.t(Msg::EqConfigMasked).replace("{n}", &masked.to_string())}</span> })}
                                    {previous.map(|p| view! { " · " <a href=domain::href::device_configs(id, p, c.id)>{move || i18n.t(Msg::EqConfigCompare)}</a> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_upload.then(|| view! {
                <form method="post" action=domain::href::device_config_upload(id) enctype="multipart/form-data" class="stack compact config-upload">
                    <label for="config-file">{move || i18n.t(Msg::EqConfigFile)}</label>
                    <input id="config-file" type="file" name="file" required/>
                    <label class="choice"><input type="checkbox" name="mask" value="on" checked/> {move || i18n.t(Msg::EqConfigMask)}</label>
                    <button type="submit">{move || i18n.t(Msg::EqConfigUpload)}</button>
                </form>
            })}
        </section>
    }
}
