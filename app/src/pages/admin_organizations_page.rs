use domain::{OrgKind, Page};
use leptos::prelude::*;

use crate::{
    api::admin::{list_organizations, CreateOrganization},
    components::{
        form::{FormStatus, TextField},
        guard::Guard,
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
};

#[component]
pub fn AdminOrganizationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateOrganization>::new();
    let orgs = Resource::new(move || create.version().get(), |_| list_organizations());
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(create);
    view! {
        <Guard
            page=Page::AdminOrganizations
            view=move |_| {
                view! {
                    <h1>{move || i18n.t(Msg::OrganizationsTitle)}</h1>
                    <div class="columns">
                        <section class="card">
                            <Loaded resource=orgs suspense=true let:list>
                                {match list {
                                            list if list.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::NoOrganizations)}</p> }.into_any(),
                                            list => {
                                                view! {
                                                    <ul class="org-list">
                                                        {list
                                                            .into_iter()
                                                            .map(|o| {
                                                                let kind = if o.kind == OrgKind::Provider { Msg::KindProvider } else { Msg::KindCustomer };
                                                                view! {
                                                                    <li>
                                                                        <a href=domain::href::admin_organization(o.id)>{o.name.clone()}</a>
                                                                        <span class="badge soft">{move || i18n.t(kind)}</span>
                                                                    </li>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                }
                                                    .into_any()
                                            }
                                }}
                            </Loaded>
                        </section>
                        <section class="card">
                            <h2>{move || i18n.t(Msg::NewOrganization)}</h2>
                            <ActionForm action=create attr:class="stack" attr:novalidate=true>
                                <input type="hidden" name="kind" value="customer"/>
                                <TextField label=Msg::Name name="name" id="no-name" required=true error=error autocomplete="organization"/>
                                <FormStatus error=error done=done success=Msg::Created/>
                                <button type="submit">{move || i18n.t(Msg::Create)}</button>
                            </ActionForm>
                        </section>
                    </div>
                }
            }
        />
    }
}
