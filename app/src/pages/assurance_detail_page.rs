//! One assurance period (`/assurance/:id`): what and when, for whom, and the duty rota by day
//! with the days nobody is on duty marked; managers change it, add and remove shifts, and
//! publish it (over gaps only when they tick that they accept them).
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::assurance::{get_assurance_period, AddDutyShift, PublishAssurancePeriod, RemoveDutyShift, SaveAssurancePeriod},
    components::{
        form::{FormStatus, Messages},
        guard::Guard,
        loaded::Loaded,
        work_actions::succeeded,
    },
    i18n::{use_i18n, Msg},
    model::AssuranceDetail,
};

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveAssurancePeriod>,
    add: ServerAction<AddDutyShift>,
    remove: ServerAction<RemoveDutyShift>,
    publish: ServerAction<PublishAssurancePeriod>,
}

#[component]
pub fn AssuranceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let a = Actions { save: ServerAction::new(), add: ServerAction::new(), remove: ServerAction::new(), publish: ServerAction::new() };
    let v = (a.save.version(), a.add.version(), a.remove.version(), a.publish.version());
    let period = Resource::new(move || (id.get(), [v.0, v.1, v.2, v.3].map(|x| x.try_get().unwrap_or(0))), |(id, _)| get_assurance_period(id));
    view! {
        <Guard
            page=Page::AssuranceDetail
            view=move |_| view! {
                <p><a href=Page::Assurance.pattern()>"← " {move || i18n.t(Msg::AsTitle)}</a></p>
                <Loaded resource=period suspense=true error=crate::components::equipment_bits::refused let:p>
                    <Detail p=p a=a/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Detail(p: AssuranceDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let save_err = Signal::derive(move || a.save.value().get().and_then(|r| r.err()));
    let add_err = Signal::derive(move || a.add.value().get().and_then(|r| r.err()));
    let publish_err = Signal::derive(move || a.publish.value().get().and_then(|r| r.err()));
    let (id, version) = (p.id, p.version);
    let f = p.form.clone();
    let (min_day, max_day) = (f.starts_on.clone(), f.ends_on.clone());
    view! {
        <div class="page-head">
            <h1>{f.name.clone()}</h1>
            <p>
                <span class="badge" data-testid="assurance-status">{move || i18n.t(if p.published { Msg::AsPublished } else { Msg::AsDraft })}</span>
                " " <span class="muted small">{format!("{} – {}", f.starts_on, f.ends_on)}</span>
            </p>
        </div>
        <section class="card">
            {(!f.reason.is_empty()).then(|| view! { <p class="pre">{f.reason.clone()}</p> })}
            <p class="muted small">{p.organizations.iter().filter(|(id, _)| p.org_ids.contains(id)).map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ")}</p>
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::AsRota)}</h2>
            {(!p.gaps.is_empty()).then(|| view! {
                <p class="error" data-testid="rota-gaps">{move || i18n.t(Msg::AsGaps)} " " {p.gaps.join(", ")}</p>
            })}
            <ul class="inspection-history">
                {p.shifts.iter().map(|s| {
                    let sid = s.id;
                    view! {
                        <li>
                            <strong>{s.day.clone()}</strong> " · " {s.shift.clone()} " · " {s.engineer.clone()} " · "
                            <a href=format!("tel:{}", s.phone.replace(' ', ""))>{s.phone.clone()}</a>
                            {p.can_edit.then(|| view! {
                                <ActionForm action=a.remove attr:class="inline">
                                    <input type="hidden" name="id" value=sid/>
                                    <button type="submit" class="link-button">{move || i18n.t(Msg::AsRemove)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {p.can_edit.then(|| view! {
                <ActionForm action=a.add attr:class="row compact shift-form">
                    <input type="hidden" name="period_id" value=id/>
                    <label>{move || i18n.t(Msg::AsDay)} <input type="date" name="day" required min=min_day max=max_day/></label>
                    <label>{move || i18n.t(Msg::AsShift)} <input type="text" name="shift" required maxlength="40" value="08:00–20:00"/></label>
                    <label>{move || i18n.t(Msg::InEngineer)}
                        <select name="engineer_id" required>
                            <option value="">"—"</option>
                            {p.engineers.iter().map(|e| view! { <option value=e.id.to_string()>{e.name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{move || i18n.t(Msg::AsPhone)} <input type="tel" name="phone" required maxlength="30"/></label>
                    <button type="submit">{move || i18n.t(Msg::AsAddShift)}</button>
                    <Messages name="day" error=add_err/>
                    <Messages name="shift" error=add_err/>
                    <Messages name="engineer_id" error=add_err/>
                    <Messages name="phone" error=add_err/>
                    <FormStatus error=add_err done=succeeded(a.add) success=Msg::Updated/>
                </ActionForm>
            })}
        </section>
        {(p.can_edit && !p.published).then(|| view! {
            <ActionForm action=a.publish attr:class="card stack publish-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
                {(!p.gaps.is_empty()).then(|| view! {
                    <label class="check"><input type="checkbox" name="accept_gaps"/> {move || i18n.t(Msg::AsAcceptGaps)}</label>
                })}
                <Messages name="accept_gaps" error=publish_err/>
                <button type="submit">{move || i18n.t(Msg::AsPublish)}</button>
                <FormStatus error=publish_err done=succeeded(a.publish) success=Msg::Updated/>
            </ActionForm>
        })}
        {p.can_edit.then(|| view! {
            <ActionForm action=a.save attr:class="card stack assurance-form">
                <h2>{move || i18n.t(Msg::AsChange)}</h2>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
                <label>{move || i18n.t(Msg::AsName)} <input type="text" name="name" required maxlength="100" value=f.name.clone()/></label>
                <Messages name="name" error=save_err/>
                <label>{move || i18n.t(Msg::AsReason)} <input type="text" name="reason" maxlength="2000" value=f.reason.clone()/></label>
                <label>{move || i18n.t(Msg::AsFrom)} <input type="date" name="starts_on" required value=f.starts_on.clone()/></label>
                <Messages name="starts_on" error=save_err/>
                <label>{move || i18n.t(Msg::AsTo)} <input type="date" name="ends_on" required value=f.ends_on.clone()/></label>
                <Messages name="ends_on" error=save_err/>
                <fieldset>
                    <legend>{move || i18n.t(Msg::AsOrganizations)}</legend>
                    {p.organizations.iter().enumerate().map(|(i, (oid, name))| view! {
                        <label class="check"><input type="checkbox" name=format!("org_ids[{i}]") value=oid.to_string() checked=p.org_ids.contains(oid)/> {name.clone()}</label>
                    }).collect_view()}
                    <Messages name="org_ids" error=save_err/>
                </fieldset>
                <button type="submit">{move || i18n.t(Msg::AsSave)}</button>
                <FormStatus error=save_err done=succeeded(a.save) success=Msg::Updated/>
            </ActionForm>
        })}
    }
}
