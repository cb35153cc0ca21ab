//! Assurance periods (`/assurance`): the periods the caller may see (customers: their
//! organization's published ones); managers declare a new one here.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::assurance::{list_assurance_periods, SaveAssurancePeriod},
    components::{
        form::{FormStatus, Messages},
        guard::Guard,
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
    model::AssuranceList,
};

#[component]
pub fn AssurancePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveAssurancePeriod>::new();
    let list = Resource::new(move || save.version().get(), |_| list_assurance_periods());
    view! {
        <Guard
            page=Page::Assurance
            view=move |_| view! {
                <div class="page-head"><h1>{move || i18n.t(Msg::AsTitle)}</h1></div>
                <Loaded resource=list let:l>
                    <Periods l=l save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Periods(l: AssuranceList, save: ServerAction<SaveAssurancePeriod>) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        {if l.rows.is_empty() {
            view! { <p class="muted">{move || i18n.t(Msg::AsNone)}</p> }.into_any()
        } else {
            view! {
                <ul class="plan-list">
                    {l.rows.into_iter().map(|p| view! {
                        <li class="card">
                            <a href=domain::href::assurance(p.id)><strong>{p.name.clone()}</strong></a>
                            " " <span class="badge">{move || i18n.t(if p.published { Msg::AsPublished } else { Msg::AsDraft })}</span>
                            <p class="muted small">{format!("{} – {} · {}", p.starts_on, p.ends_on, p.organizations.join(", "))}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {l.can_edit.then(|| view! {
            <ActionForm action=save attr:class="card stack assurance-form">
                <h2>{move || i18n.t(Msg::AsNew)}</h2>
                <input type="hidden" name="id" value="0"/>
                <input type="hidden" name="version" value="0"/>
                <label>{move || i18n.t(Msg::AsName)} <input type="text" name="name" required maxlength="100"/></label>
                <Messages name="name" error=err/>
                <label>{move || i18n.t(Msg::AsReason)} <input type="text" name="reason" maxlength="2000"/></label>
                <Messages name="reason" error=err/>
                <label>{move || i18n.t(Msg::AsFrom)} <input type="date" name="starts_on" required/></label>
                <Messages name="starts_on" error=err/>
                <label>{move || i18n.t(Msg::AsTo)} <input type="date" name="ends_on" required/></label>
                <Messages name="ends_on" error=err/>
                <fieldset>
                    <legend>{move || i18n.t(Msg::AsOrganizations)}</legend>
                    {l.organizations.iter().enumerate().map(|(i, (id, name))| view! {
                        <label class="check"><input type="checkbox" name=format!("org_ids[{i}]") value=id.to_string()/> {name.clone()}</label>
                    }).collect_view()}
                    <Messages name="org_ids" error=err/>
                </fieldset>
                <button type="submit">{move || i18n.t(Msg::AsCreate)}</button>
                <FormStatus error=err done=Signal::derive(|| false) success=Msg::Updated/>
            </ActionForm>
        })}
    }
}
