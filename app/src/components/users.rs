//! The user list of an organization and the form to add one: shared by the admin's
//! organization page and the site manager's user page.
use domain::Role;
use leptos::prelude::*;

use crate::{
    api::admin::{CreateUser, SetUserActive, SetUserRole},
    components::{
        form::{FormStatus, SelectField, TextField},
        layout::role_msg,
    },
    i18n::{use_i18n, Msg},
    model::{SiteSummary, UserSummary},
};

#[component]
pub fn UserList(
    users: Vec<UserSummary>,
    sites: Vec<SiteSummary>,
    /// Roles offered in the role changer; empty hides it (site managers cannot change roles).
    roles: Vec<Role>,
    me_id: i32,
    set_active: ServerAction<SetUserActive>,
    set_role: ServerAction<SetUserRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    if users.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::NoUsers)}</p> }.into_any();
    }
    let site_name = move |id: Option<i32>| sites.iter().find(|s| Some(s.id) == id).map(|s| s.name.clone());
    view! {
        <ul class="user-list">
            {users
                .into_iter()
                .map(|u| {
                    let site = site_name(u.site_id);
                    let is_me = u.id == me_id;
                    let roles = roles.clone();
                    let role_select_id = format!("role-{}", u.id);
                    view! {
                        <li class="user-card" class:inactive=!u.active data-email=u.email.clone()>
                            <div class="user-main">
                                <strong>{u.display_name.clone()}</strong>
                                <span class="muted">{u.email.clone()}</span>
                                {u.phone.clone().map(|p| view! { <span class="muted">{p}</span> })}
                            </div>
                            <div class="user-meta">
                                <span class="badge">{move || i18n.t(role_msg(u.role))}</span>
                                {site.map(|s| view! { <span class="badge soft">{s}</span> })}
                                <span class=if u.active { "badge ok" } else { "badge off" }>
                                    {move || i18n.t(if u.active { Msg::Active } else { Msg::Inactive })}
                                </span>
                            </div>
                            {(!is_me)
                                .then(|| {
                                    view! {
                                        <div class="user-actions">
                                            <ActionForm action=set_active attr:class="inline">
                                                <input type="hidden" name="user_id" value=u.id/>
                                                <input type="hidden" name="active" value=(!u.active).to_string()/>
                                                <button type="submit" class="secondary">
                                                    {move || i18n.t(if u.active { Msg::Deactivate } else { Msg::Activate })}
                                                </button>
                                            </ActionForm>
                                            {(!roles.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <ActionForm action=set_role attr:class="inline role-form">
                                                            <input type="hidden" name="user_id" value=u.id/>
                                                            <label class="visually-hidden" for=role_select_id.clone()>
                                                                {move || i18n.t(Msg::ChangeRole)}
                                                            </label>
                                                            <select id=role_select_id.clone() name="role">
                                                                {roles
                                                                    .iter()
                                                                    .map(|r| {
                                                                        let r = *r;
                                                                        view! {
                                                                            <option value=r.as_str() selected=r == u.role>
                                                                                {move || i18n.t(role_msg(r))}
                                                                            </option>
                                                                        }
                                                                    })
                                                                    .collect_view()}
                                                            </select>
                                                            <button type="submit" class="secondary">
                                                                {move || i18n.t(Msg::ChangeRole)}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                })}
                                        </div>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn NewUserForm(org_id: i32, roles: Vec<Role>, sites: Vec<SiteSummary>, action: ServerAction<CreateUser>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let role_options = roles.into_iter().map(|r| (r.as_str().to_string(), Signal::derive(move || i18n.t(role_msg(r)).to_string()))).collect::<Vec<_>>();
    let mut site_options = vec![(String::new(), Signal::derive(move || i18n.t(Msg::NoSite).to_string()))];
    site_options.extend(sites.into_iter().map(|s| (s.id.to_string(), Signal::derive(move || s.name.clone()))));
    view! {
        <ActionForm action=action attr:class="stack" attr:novalidate=true>
            <input type="hidden" name="org_id" value=org_id/>
            <TextField label=Msg::DisplayName name="display_name" id="nu-name" error=error required=true autocomplete="off"/>
            <TextField label=Msg::Email name="email" id="nu-email" input_type="email" error=error required=true autocomplete="off"/>
            <TextField label=Msg::Phone name="phone" id="nu-phone" input_type="tel" error=error/>
            <SelectField label=Msg::RoleLabel name="role" id="nu-role" error=error options=role_options/>
            <SelectField label=Msg::Site name="site_id" id="nu-site" error=error options=site_options/>
            <TextField
                label=Msg::InitialPassword
                name="password"
                id="nu-password"
                input_type="password"
                error=error
                required=true
                autocomplete="new-password"
                hint=Msg::PasswordHint
            />
            <FormStatus error=error done=done success=Msg::Created/>
            <button type="submit">{move || i18n.t(Msg::Create)}</button>
        </ActionForm>
    }
}
