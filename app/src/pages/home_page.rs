use domain::{Page, Role};
use leptos::prelude::*;

use crate::{
    components::{
        duty_card::{duty_resource, DutyCards},
        guard::Guard,
        layout::role_msg,
        waiting_surveys::{waiting_resource, WaitingSurveys},
    },
    i18n::{use_i18n, Msg},
};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = waiting_resource();
    let duty = duty_resource();
    // Back from an article that solved the problem ("this solved it" on a suggestion).
    let solved = leptos_router::hooks::use_query_map().read_untracked().get("solved").is_some();
    view! {
        <Guard
            page=Page::Home
            view=move |me| {
                let me = me.expect("guarded");
                let intro = match me.role {
                    Role::Customer => Msg::HomeCustomerIntro,
                    Role::SiteManager => Msg::HomeSiteManagerIntro,
                    Role::Admin => Msg::HomeAdminIntro,
                    _ => Msg::HomeStaffIntro,
                };
                let role = me.role;
                view! {
                    {solved.then(|| view! { <p class="success card" role="status" data-testid="kb-solved-home">{move || i18n.t(Msg::KbGladSolved)}</p> })}
                    {(!role.is_staff()).then(|| view! { <WaitingSurveys waiting=waiting/> })}
                    {(role != Role::Admin).then(|| view! { <DutyCards duty=duty/> })}
                    <section class="card">
                        <h1>{move || i18n.t(Msg::Welcome)} ", " {me.display_name.clone()}</h1>
                        <p>{move || i18n.t(intro)}</p>
                        <dl class="facts">
                            <dt>{move || i18n.t(Msg::SignedInAs)}</dt>
                            <dd>{me.email.clone()}</dd>
                            <dt>{move || i18n.t(Msg::RoleLabel)}</dt>
                            <dd>{move || i18n.t(role_msg(role))}</dd>
                            <dt>{move || i18n.t(Msg::OrganizationLabel)}</dt>
                            <dd>{me.org_name.clone()}</dd>
                        </dl>
                        <div class="tiles">
                            {(role == Role::Admin)
                                .then(|| view! { <a class="tile" href=Page::AdminOrganizations.pattern()>{move || i18n.t(Msg::NavOrganizations)}</a> })}
                            {(role == Role::SiteManager)
                                .then(|| view! { <a class="tile" href=Page::OrgUsers.pattern()>{move || i18n.t(Msg::NavOrgUsers)}</a> })}
                            <a class="tile" href=Page::Knowledge.pattern()>{move || i18n.t(Msg::NavKnowledge)}</a>
                            <a class="tile" href=Page::Account.pattern()>{move || i18n.t(Msg::NavAccount)}</a>
                        </div>
                    </section>
                }
            }
        />
    }
}
