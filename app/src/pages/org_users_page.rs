use domain::{Page, Role};
use leptos::prelude::*;

use crate::{
    api::admin::{get_organization, CreateUser, SetUserActive, SetUserRole},
    components::{
        form::FormStatus,
        guard::Guard,
        loaded::Loaded,
        users::{NewUserForm, UserList},
    },
    i18n::{use_i18n, Msg},
};

/// A site manager's page: the users of their own organization.
#[component]
pub fn OrgUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let create_user = ServerAction::<CreateUser>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let me = crate::session::use_me();
    // The source reads the root `me` resource, which outlives this page: on the server it can
    // notify this source after the page (and its actions) were disposed, so the versions are
    // read with `try_get` from signals taken now (a disposed action's `version()` panics).
    let (created, activated) = (create_user.version(), set_active.version());
    // Islands mode: the server's render is final (no browser refetch fixes it up), and a source
    // that read `me` before it had loaded asked for organization 0 (the page said "no longer
    // exists" about half the time). The fetch awaits `me` instead.
    let detail = Resource::new(
        move || (created.try_get().unwrap_or(0), activated.try_get().unwrap_or(0)),
        move |_| async move {
            let org = me.await.ok().flatten().map(|m| m.org_id).unwrap_or(0);
            get_organization(org).await
        },
    );
    let row_error = Signal::derive(move || set_active.value().get().and_then(|r| r.err()));
    view! {
        <Guard
            page=Page::OrgUsers
            view=move |me| {
                let me = me.expect("guarded");
                let me_id = me.id;
                view! {
                    <h1>{move || i18n.t(Msg::OrgUsersTitle)}</h1>
                    <p class="muted">{me.org_name.clone()}</p>
                    <Loaded resource=detail suspense=true let:d>
                                        {view! {
                                            <div class="columns">
                                                <section class="card">
                                                    <FormStatus error=row_error done=Signal::derive(|| false) success=Msg::Updated/>
                                                    <UserList
                                                        users=d.users.clone()
                                                        sites=d.sites.clone()
                                                        roles=vec![]
                                                        me_id=me_id
                                                        set_active=set_active
                                                        set_role=set_role
                                                    />
                                                </section>
                                                <section class="card">
                                                    <h2>{move || i18n.t(Msg::NewUser)}</h2>
                                                    <NewUserForm
                                                        org_id=d.org.id
                                                        roles=vec![Role::Customer, Role::SiteManager]
                                                        sites=d.sites.clone()
                                                        action=create_user
                                                    />
                                                </section>
                                            </div>
                                        }}
                    </Loaded>
                }
            }
        />
    }
}
