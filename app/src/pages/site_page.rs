//! A customer site's profile (`/sites/:id`): address, access notes and opening hours, the
//! people to call, and the machine room's environment, each value with who verified it and
//! when. Site managers (their organization's sites) and staff edit it below; ticking
//! "verified" on an unchanged value records that it was checked today.
use domain::{
    equipment::site_profile::{EnvField, EnvKind},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::sites::{get_site_profile, DeleteSoftware, SaveSiteProfile, SaveSoftware},
    components::{
        form::{Field, FormStatus, TextField},
        guard::Guard,
        loaded::Loaded,
    },
    error::AppError,
    i18n::{use_i18n, Msg},
    model::SiteProfileData,
};

/// The label of an environment field.
pub fn env_msg(f: EnvField) -> Msg {
    match f {
        EnvField::UpsModel => Msg::EnvUpsModel,
        EnvField::UpsCapacityKva => Msg::EnvUpsCapacity,
        EnvField::UpsBatteryDate => Msg::EnvUpsBattery,
        EnvField::Grounding => Msg::EnvGrounding,
        EnvField::LightningProtection => Msg::EnvLightning,
        EnvField::AirConditioning => Msg::EnvAircon,
        EnvField::TempMinC => Msg::EnvTempMin,
        EnvField::TempMaxC => Msg::EnvTempMax,
        EnvField::HumidityMinPct => Msg::EnvHumidityMin,
        EnvField::HumidityMaxPct => Msg::EnvHumidityMax,
        EnvField::Dust => Msg::EnvDust,
        EnvField::FireSuppression => Msg::EnvFire,
    }
}

/// A choice's words.
fn choice_msg(v: &str) -> Option<Msg> {
    Some(match v {
        "in_place" => Msg::EnvInPlace,
        "needs_work" => Msg::EnvNeedsWork,
        "none" => Msg::EnvNone,
        "low" => Msg::EnvLow,
        "medium" => Msg::EnvMedium,
        "high" => Msg::EnvHigh,
        "gas" => Msg::EnvGas,
        "sprinkler" => Msg::EnvSprinkler,
        "extinguishers" => Msg::EnvExtinguishers,
        _ => return None,
    })
}

#[component]
pub fn SitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveSiteProfile>::new();
    let sw = Software { save: ServerAction::new(), delete: ServerAction::new() };
    let versions = (save.version(), sw.save.version(), sw.delete.version());
    let profile = Resource::new(
        move || {
            let (a, b, c) = versions;
            (id.get(), [a, b, c].map(|v| v.try_get().unwrap_or(0)))
        },
        |(id, _)| get_site_profile(id),
    );
    view! {
        <Guard
            page=Page::SiteProfile
            view=move |_| view! {
                <p><a href=Page::Equipment.pattern()>"← " {move || i18n.t(Msg::EqTitle)}</a></p>
                <Loaded resource=profile suspense=true error=crate::components::equipment_bits::refused let:p>
                    <Profile p=p save=save sw=sw/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Profile(p: SiteProfileData, save: ServerAction<SaveSiteProfile>, sw: Software) -> impl IntoView {
    let i18n = use_i18n();
    let value_text = move |v: String| match choice_msg(&v) {
        Some(m) => i18n.t(m).to_string(),
        None => v,
    };
    view! {
        <h1>{p.site.clone()}</h1>
        <p class="muted">{p.organization.clone()}</p>
        <section class="card stack">
            <dl class="facts">
                <dt>{move || i18n.t(Msg::SiteAddress)}</dt><dd>{p.form.address.clone()}</dd>
                <dt>{move || i18n.t(Msg::SiteAccess)}</dt><dd class="pre">{p.form.access_notes.clone()}</dd>
                <dt>{move || i18n.t(Msg::SiteHours)}</dt><dd>{p.form.opening_hours.clone()}</dd>
            </dl>
            <h2>{move || i18n.t(Msg::SiteContacts)}</h2>
            {if p.contacts.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::SiteNoContacts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="site-contacts">
                        {p.contacts.iter().map(|c| view! {
                            <li>
                                <strong>{c.name.clone()}</strong> {(!c.role.is_empty()).then(|| format!(" · {}", c.role))}
                                {(!c.phone.is_empty()).then(|| view! { " · " <a href=format!("tel:{}", c.phone.replace(' ', ""))>{c.phone.clone()}</a> })}
                                {(!c.email.is_empty()).then(|| view! { " · " <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::SiteEnvironment)}</h2>
            <dl class="environment">
                {p.environment.iter().cloned().map(|e| {
                    let m = env_msg(e.field);
                    let shown = (!e.value.is_empty()).then(|| value_text(e.value.clone()));
                    view! {
                        <dt>{move || i18n.t(m)}</dt>
                        <dd data-env=e.field.as_str()>
                            {match shown {
                                Some(v) => view! {
                                    <span class="env-value">{v}</span>
                                    <span class="muted small">" · " {move || i18n.t(Msg::SiteVerified).replace("{who}", e.verified_by.as_deref().unwrap_or("")).replace("{when}", e.verified_at.as_deref().unwrap_or(""))}</span>
                                }.into_any(),
                                None => view! { <span class="muted">{move || i18n.t(Msg::SiteUnknown)}</span> }.into_any(),
                            }}
                        </dd>
                    }
                }).collect_view()}
            </dl>
            {p.updated.clone().map(|(who, when)| view! { <p class="muted small">{move || i18n.t(Msg::EqUpdated).replace("{when}", &when).replace("{who}", &who)}</p> })}
        </section>
        <SoftwareList p=p.clone() sw=sw/>
        {p.can_edit.then(|| view! { <EditForm p=p.clone() save=save/> })}
    }
}

#[derive(Clone, Copy)]
struct Software {
    save: ServerAction<SaveSoftware>,
    delete: ServerAction<DeleteSoftware>,
}

/// The applications at the site; editors add, change (under "Edit") and remove them.
#[component]
fn SoftwareList(p: SiteProfileData, sw: Software) -> impl IntoView {
    let i18n = use_i18n();
    let del_err = Signal::derive(move || sw.delete.value().get().and_then(|r| r.err()));
    let (site_id, can_edit, devices) = (p.site_id, p.can_edit, p.devices.clone());
    view! {
        <section class="card" id="software">
            <h2>{move || i18n.t(Msg::SwTitle)}</h2>
            {if p.software.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::SwNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="software-list">
                        {p.software.clone().into_iter().map(|s| {
                            let f = s.form.clone();
                            let devices = devices.clone();
                            view! {
                                <li data-software=s.id>
                                    <strong>{f.name.clone()}</strong> " " {f.version.clone()}
                                    {(!f.platform.is_empty()).then(|| view! { " · " {f.platform.clone()} })}
                                    {(!f.go_live.is_empty()).then(|| view! { " · " {move || i18n.t(Msg::SwGoLive)} " " {f.go_live.clone()} })}
                                    {(!s.devices.is_empty()).then(|| view! {
                                        <p class="small">{move || i18n.t(Msg::SwRunsOn)} ": "
                                            {s.devices.iter().map(|(id, name)| view! { <a href=domain::href::device(*id)>{name.clone()}</a> " " }).collect_view()}
                                        </p>
                                    })}
                                    {can_edit.then(|| view! {
                                        <details>
                                            <summary>{move || i18n.t(Msg::SwEdit)}</summary>
                                            <SoftwareForm site_id=site_id row=Some(s.clone()) devices=devices.clone() sw=sw/>
                                        </details>
                                        <ActionForm action=sw.delete attr:class="inline">
                                            <input type="hidden" name="id" value=s.id/>
                                            <button type="submit" class="link">{move || i18n.t(Msg::SwRemove)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <FormStatus error=del_err done=Signal::derive(|| false) success=Msg::Updated/>
            {can_edit.then(|| view! {
                <h3>{move || i18n.t(Msg::SwAdd)}</h3>
                <SoftwareForm site_id=site_id row=None devices=devices.clone() sw=sw/>
            })}
        </section>
    }
}

/// Adding (no `row`) or changing an application.
#[component]
fn SoftwareForm(site_id: i32, row: Option<crate::model::SoftwareRow>, devices: Vec<(i32, String)>, sw: Software) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || sw.save.value().get().and_then(|r| r.err()));
    let id = row.as_ref().map_or(0, |r| r.id);
    let f = row.as_ref().map(|r| r.form.clone()).unwrap_or_default();
    let on: Vec<i32> = row.as_ref().map(|r| r.devices.iter().map(|(id, _)| *id).collect()).unwrap_or_default();
    // Ids unique on the page: one form per application, and the new one.
    let fid = move |name: &str| format!("sw{id}-{name}");
    view! {
        <ActionForm action=sw.save attr:class="stack compact software-form">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="site_id" value=site_id/>
            <div class="row">
                <label>{move || i18n.t(Msg::SwName)} <input id=fid("name") name="name" required maxlength="120" value=f.name.clone()/></label>
                <label>{move || i18n.t(Msg::SwVersion)} <input id=fid("version") name="version" maxlength="100" value=f.version.clone()/></label>
                <label>{move || i18n.t(Msg::SwPlatform)} <input id=fid("platform") name="platform" maxlength="100" value=f.platform.clone()/></label>
                <label>{move || i18n.t(Msg::SwGoLive)} <input id=fid("go-live") name="go_live" type="date" value=f.go_live.clone()/></label>
            </div>
            {(!devices.is_empty()).then(|| view! {
                <fieldset>
                    <legend>{move || i18n.t(Msg::SwRunsOn)}</legend>
                    {devices.iter().enumerate().map(|(i, (did, name))| view! {
                        <label class="choice"><input type="checkbox" name=format!("device_ids[{i}]") value=did.to_string() checked=on.contains(did)/> {name.clone()}</label>
                    }).collect_view()}
                </fieldset>
            })}
            // Several of these forms share a page: their errors carry no ids.
            <div class="field-errors" aria-live="polite">
                {["name", "version", "platform", "go_live", "device_ids"].map(|name| {
                    let m = crate::components::form::field_messages(error, name);
                    move || m.get().into_iter().map(|t| view! { <p class="error">{t}</p> }).collect_view()
                })}
            </div>
            <button type="submit">{move || i18n.t(Msg::SwSave)}</button>
        </ActionForm>
    }
}

#[component]
fn EditForm(p: SiteProfileData, save: ServerAction<SaveSiteProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let stale = Signal::derive(move || matches!(error.get(), Some(AppError::Conflict)));
    let other_error = Signal::derive(move || error.get().filter(|e| *e != AppError::Conflict));
    let f = p.form.clone();
    let (access, contacts) = (f.access_notes.clone(), f.contacts.clone());
    view! {
        <ActionForm action=save attr:class="card stack site-form">
            <h2>{move || i18n.t(Msg::SiteEdit)}</h2>
            <input type="hidden" name="site_id" value=p.site_id/>
            <input type="hidden" name="version" value=p.version/>
            <TextField label=Msg::SiteAddress name="address" id="site-address" error=error value=f.address.clone()/>
            <Field label=Msg::SiteAccess name="access_notes" id="site-access" error=error>
                <textarea id="site-access" name="access_notes" rows="3" maxlength="2000">{access.clone()}</textarea>
            </Field>
            <TextField label=Msg::SiteHours name="opening_hours" id="site-hours" error=error value=f.opening_hours.clone()/>
            <Field label=Msg::SiteContacts name="contacts" id="site-contacts" error=error>
                <p class="hint">{move || i18n.t(Msg::SiteContactsHint)}</p>
                <textarea id="site-contacts" name="contacts" rows="4">{contacts.clone()}</textarea>
            </Field>
            <fieldset class="field">
                <legend>{move || i18n.t(Msg::SiteEnvironment)}</legend>
                <p class="hint">{move || i18n.t(Msg::SiteVerifyHint)}</p>
                {EnvField::ALL.into_iter().enumerate().map(|(i, field)| {
                    let name = field.as_str();
                    let id = format!("env-{name}");
                    let value = f.env(field).to_string();
                    let m = env_msg(field);
                    let control = match field.kind() {
                        EnvKind::Choice(options) => view! {
                            <select id=id.clone() name=name>
                                <option value="" selected=value.is_empty()>{move || i18n.t(Msg::SiteUnknown)}</option>
                                {options.iter().map(|o| {
                                    let label = choice_msg(o).map(|m| i18n.t(m).to_string()).unwrap_or_else(|| o.to_string());
                                    view! { <option value=*o selected=value == *o>{label}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        EnvKind::Date => view! { <input id=id.clone() name=name type="date" value=value.clone()/> }.into_any(),
                        EnvKind::Number { .. } => view! { <input id=id.clone() name=name type="text" inputmode="decimal" value=value.clone()/> }.into_any(),
                        EnvKind::Text { max } => view! { <input id=id.clone() name=name type="text" maxlength=max value=value.clone()/> }.into_any(),
                    };
                    view! {
                        <div class="env-field">
                            <label for=id.clone()>{move || i18n.t(m)}</label>
                            {control}
                            <label class="choice small"><input type="checkbox" name=format!("verified[{i}]") value=name/> {move || i18n.t(Msg::SiteVerifiedNow)}</label>
                            <crate::components::form::Messages name=name error=error/>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || stale.get().then(|| view! { <p class="error" role="alert">{move || i18n.t(Msg::ErrStaleForm)}</p> })}
            <FormStatus error=other_error done=Signal::derive(|| false) success=Msg::Updated/>
            <button type="submit" class="big">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}
