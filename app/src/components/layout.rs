//! The frame of every page: skip link, header with the role's menu, language switch, main.
//! Rendered on the server only (islands mode); its islands are `LiveRefresh` (in the whoami
//! block, signed in) and `Hydrated` (last).
use domain::{page_access, Access, Page, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    api::auth::SignOut,
    components::islands::{Hydrated, LiveRefresh},
    i18n::{use_i18n, Lang, Msg},
    model::Me,
    session::{use_me, use_unread},
};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t(Msg::SkipToContent)}</a>
        <header class="topbar">
            <div class="topbar-row">
                <a class="brand" href=Page::Home.pattern()>
                    <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                    <span>{move || i18n.t(Msg::AppName)}</span>
                </a>
                <LangSwitch/>
            </div>
            <Suspense fallback=|| ()>
                {move || me.get().map(|r| view! { <Nav me=r.ok().flatten()/> })}
            </Suspense>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <Hydrated/>
    }
}

/// The main menu, in order: each entry a page (its link is the page's path) and its label.
const MENU: [(Page, Msg); 21] = [
    (Page::Home, Msg::NavHome),
    (Page::Triage, Msg::NavTriage),
    (Page::MyWork, Msg::NavMyWork),
    (Page::Requests, Msg::NavRequests),
    (Page::NewRequest, Msg::NewRequest),
    (Page::Knowledge, Msg::NavKnowledge),
    (Page::AdminOrganizations, Msg::NavOrganizations),
    (Page::AdminContracts, Msg::NavContracts),
    (Page::OrgUsers, Msg::NavOrgUsers),
    (Page::AuditLog, Msg::NavAudit),
    (Page::Equipment, Msg::NavEquipment),
    (Page::Parts, Msg::NavParts),
    (Page::Upgrades, Msg::NavUpgrades),
    (Page::Inspections, Msg::NavInspections),
    (Page::Assurance, Msg::NavAssurance),
    (Page::Training, Msg::NavTraining),
    (Page::SurveyResults, Msg::NavSurveyResults),
    (Page::Complaints, Msg::NavComplaints),
    (Page::Reports, Msg::NavReports),
    (Page::AdminSurveys, Msg::NavAdminSurveys),
    (Page::Account, Msg::NavAccount),
];

/// The menu: only the pages this role may open (the same rule the server enforces).
#[component]
fn Nav(me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let role = me.as_ref().map(|m| m.role);
    let items: Vec<(Page, Msg)> = MENU.into_iter().filter(|(page, _)| role.is_some() && page_access(*page, role) == Access::Allow).collect();
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <nav class="mainnav" aria-label=move || i18n.t(Msg::MainNav)>
            <ul>
                {items
                    .into_iter()
                    .map(|(page, label)| {
                        // The entry of the page shown, or of the section it belongs to (a
                        // request's page: "Requests"; a new request: "New request").
                        let current = move || location.pathname.with(|p| Page::from_path(p).map(Page::section) == Some(page)).then_some("page");
                        view! {
                            <li>
                                <a href=page.pattern() aria-current=current>{move || i18n.t(label)}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {match me {
                Some(me) => view! {
                    <div class="whoami" data-live-since=me.live_id>
                        <LiveRefresh who=me.id/>
                        <Bell/>
                        <span class="whoami-name" title=me.email.clone()>{me.display_name.clone()}</span>
                        <span class="badge">{move || i18n.t(role_msg(me.role))}</span>
                        <ActionForm action=sign_out attr:class="inline">
                            <button type="submit" class="link-button">{move || i18n.t(Msg::SignOut)}</button>
                        </ActionForm>
                    </div>
                }
                .into_any(),
                None => view! {
                    <div class="whoami">
                        <a href=Page::SignIn.pattern()>{move || i18n.t(Msg::SignIn)}</a>
                    </div>
                }
                .into_any(),
            }}
        </nav>
    }
}

/// The notification bell with the unread count, kept current by the live feed (a
/// notification event refetches the page: `LiveRefresh`).
#[component]
fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    view! {
        <a class="bell" href=Page::Notifications.pattern() aria-label=move || i18n.t(Msg::Notifications)>
            <span aria-hidden="true">"🔔"</span>
            // No Suspense/Transition here: the layout's own Suspense already waits for the
            // count, and a boundary created only once the user is known would be numbered
            // differently on the server and in the browser, breaking hydration of the page.
            {move || unread.get().and_then(|r| r.ok()).filter(|n| *n > 0).map(|n| view! {
                <span class="count" data-testid="unread-count">{n}</span>
                <span class="visually-hidden">{move || i18n.t(Msg::Unread)}</span>
            })}
        </a>
    }
}

/// English / 中文. A plain link: the server sets the cookie and comes back. `data-reload`: the
/// islands router leaves it to the browser, so the whole page, islands included, is loaded
/// again in the new language (a soft navigation would keep the islands' old text).
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <div class="langswitch" role="group" aria-label=move || i18n.t(Msg::Language)>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    let href = move || location.pathname.with(|p| domain::href::lang(lang.code(), p));
                    view! {
                        <a
                            href=href
                            hreflang=lang.html_lang()
                            lang=lang.html_lang()
                            aria-current=move || (i18n.lang.get() == lang).then_some("true")
                            data-reload=""
                        >
                            {lang.native_name()}
                        </a>
                    }
                })
                .collect_view()}
        </div>
    }
}

pub fn role_msg(role: Role) -> Msg {
    match role {
        Role::Customer => Msg::RoleCustomer,
        Role::SiteManager => Msg::RoleSiteManager,
        Role::Engineer => Msg::RoleEngineer,
        Role::Dispatcher => Msg::RoleDispatcher,
        Role::Manager => Msg::RoleManager,
        Role::Admin => Msg::RoleAdmin,
    }
}
