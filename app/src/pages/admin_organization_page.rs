use domain::{OrgKind, Page, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::admin::{get_organization, CreateSite, CreateUser, SetUserActive, SetUserRole},
    components::{
        form::{FormStatus, TextField},
        guard::Guard,
        users::{NewUserForm, UserList},
    },
    i18n::{error_text, use_i18n, Msg},
};

#[component]
pub fn AdminOrganizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let org_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    let create_site = ServerAction::<CreateSite>::new();
    let create_user = ServerAction::<CreateUser>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let detail = Resource::new(
        move || (org_id(), create_site.version().get(), create_user.version().get(), set_active.version().get(), set_role.version().get()),
        |(id, ..)| get_organization(id),
    );
    let site_error = Signal::derive(move || create_site.value().get().and_then(|r| r.err()));
    let site_done = crate::components::work_actions::succeeded(create_site);
    let row_error = Signal::derive(move || set_active.value().get().and_then(|r| r.err()).or_else(|| set_role.value().get().and_then(|r| r.err())));
    view! {
        <Guard
            page=Page::AdminOrganization
            view=move |me| {
                let me_id = me.map(|m| m.id).unwrap_or_default();
                view! {
                    <p><a href=Page::AdminOrganizations.pattern()>"← " {move || i18n.t(Msg::OrganizationsTitle)}</a></p>
                    <Suspense fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                        {move || {
                            detail.get()
                                .map(|r| match r {
                                    Err(e) => {
                                        crate::error::not_found_status(&e);
                                        view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any()
                                    }
                                    Ok(d) => {
                                        let kind = d.org.kind;
                                        let roles: Vec<Role> = Role::for_org_kind(kind).collect();
                                        view! {
                                            <h1>{d.org.name.clone()}</h1>
                                            <p class="badge soft">
                                                {move || i18n.t(if kind == OrgKind::Provider { Msg::KindProvider } else { Msg::KindCustomer })}
                                            </p>
                                            <div class="columns">
                                                <section class="card">
                                                    <h2>{move || i18n.t(Msg::Users)}</h2>
                                                    <FormStatus error=row_error done=Signal::derive(|| false) success=Msg::Updated/>
                                                    <UserList
                                                        users=d.users.clone()
                                                        sites=d.sites.clone()
                                                        roles=roles.clone()
                                                        me_id=me_id
                                                        set_active=set_active
                                                        set_role=set_role
                                                    />
                                                    <h2>{move || i18n.t(Msg::NewUser)}</h2>
                                                    <NewUserForm org_id=d.org.id roles=roles sites=d.sites.clone() action=create_user/>
                                                </section>
                                                <section class="card">
                                                    <h2>{move || i18n.t(Msg::Sites)}</h2>
                                                    {if d.sites.is_empty() {
                                                        view! { <p class="muted">{move || i18n.t(Msg::NoSites)}</p> }.into_any()
                                                    } else {
                                                        view! {
                                                            <ul class="site-list">
                                                                {d.sites
                                                                    .iter()
                                                                    .map(|s| view! { <li><strong>{s.name.clone()}</strong> <span class="muted">{s.address.clone()}</span></li> })
                                                                    .collect_view()}
                                                            </ul>
                                                        }
                                                            .into_any()
                                                    }}
                                                    <h2>{move || i18n.t(Msg::NewSite)}</h2>
                                                    <ActionForm action=create_site attr:class="stack" attr:novalidate=true>
                                                        <input type="hidden" name="org_id" value=d.org.id/>
                                                        <TextField label=Msg::Name name="name" id="ns-name" required=true error=site_error autocomplete="off"/>
                                                        <TextField label=Msg::Address name="address" id="ns-address" error=site_error autocomplete="street-address"/>
                                                        <FormStatus error=site_error done=site_done success=Msg::Created/>
                                                        <button type="submit">{move || i18n.t(Msg::Create)}</button>
                                                    </ActionForm>
                                                </section>
                                            </div>
                                        }
                                            .into_any()
                                    }
                                })
                        }}
                    </Suspense>
                }
            }
        />
    }
}
