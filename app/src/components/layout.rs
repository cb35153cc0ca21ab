//! The frame of every page: skip link, header, main, and on a phone the bottom bar.
//! Rendered on the server only (islands mode); its islands are `LiveRefresh` (in the whoami
//! block of the header's menu, signed in) and `Hydrated` (last).
//!
//! Two layouts, switched by the stylesheet at 640 px (`display: none`, never visually hidden,
//! so each link and button exists once for the accessibility tree at any width):
//! - wider: the top row (brand, bell, language), then the menu row with the whoami line;
//! - a phone: one compact top bar (brand, language, bell, account), a bottom bar of at most
//!   five shortcuts for the role (`TabBar`, "More" last), and the full menu at the end of the
//!   page (`PhoneMenu`, `#menu`), which "More" jumps to: a plain link, so it works without
//!   JavaScript and from the keyboard.
//!
//! The bell is rendered once, in the top row, for both (its count carries the test id).
use domain::{page_access, Access, Page, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    api::auth::SignOut,
    components::{
        icons::{Icon, SvgIcon},
        islands::{Hydrated, LiveRefresh},
    },
    i18n::{use_i18n, Lang, Msg},
    model::Me,
    session::{use_me, use_unread},
};

/// The id of the phone's full menu, the target of the bottom bar's "More".
const MENU_ID: &str = "menu";

/// The section of the page shown (`Page::section` of the path), worked out once per render:
/// every menu, tab and account link asks it for `aria-current`, about 30 of them on a page, and
/// matching a path against every page's patterns each time was a tenth of a page's render.
/// A plain value, read when the layout is built: the layout is rendered on the server only
/// (the islands router replaces it whole on a navigation), so the path cannot change under it.
/// (A `Memo` of the router's location here panicked now and then: it was read after the
/// router's location had been disposed.)
#[derive(Clone, Copy)]
struct CurrentSection(Option<Page>);

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let location = use_location();
    provide_context(CurrentSection(location.pathname.with_untracked(|p| Page::from_path(p).map(Page::section))));
    view! {
        <a class="skip-link" href="#main">{move || i18n.t(Msg::SkipToContent)}</a>
        <header class="topbar">
            // One boundary for the whole header (never one inside it, see ARCHITECTURE.md,
            // "Hydration rules"): the top row's bell and account link need the user too.
            <Suspense fallback=|| ()>
                {move || {
                    me.get()
                        .map(|r| {
                            let me = r.ok().flatten();
                            view! {
                                <TopRow signed_in=me.is_some()/>
                                <Nav me/>
                            }
                        })
                }}
            </Suspense>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        // A phone's full menu and bottom bar (signed in; hidden on wider screens). After
        // `main`: read after the page, like a footer. No islands in here.
        <Suspense fallback=|| ()>
            {move || {
                me.get()
                    .map(|r| {
                        r.ok()
                            .flatten()
                            .map(|me| {
                                let role = me.role;
                                view! {
                                    <PhoneMenu me/>
                                    <TabBar role/>
                                }
                            })
                    })
            }}
        </Suspense>
        <Hydrated/>
    }
}

/// The top row: brand, language switch, and for a signed-in person the bell; on a phone also
/// the account link (a person icon; signed out, the sign-in link).
#[component]
fn TopRow(signed_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (account, label) = if signed_in { (Page::Account, Msg::NavAccount) } else { (Page::SignIn, Msg::SignIn) };
    let current = current_of(account);
    view! {
        <div class="topbar-row">
            <a class="brand" href=Page::Home.pattern()>
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>{move || i18n.t(Msg::AppName)}</span>
            </a>
            <div class="topbar-tools">
                <LangSwitch/>
                {signed_in.then(|| view! { <Bell/> })}
                <a class="account-link" href=account.pattern() aria-label=move || i18n.t(label) aria-current=current>
                    <SvgIcon icon=Icon::Account/>
                </a>
            </div>
        </div>
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

/// The pages of `MENU` this role may open (the same rule the server enforces); none signed out.
fn menu_items(role: Option<Role>) -> Vec<(Page, Msg)> {
    MENU.into_iter().filter(|(page, _)| role.is_some() && page_access(*page, role) == Access::Allow).collect()
}

/// Whether the page shown is `page` or belongs to its section (a request's page: "Requests";
/// a new request: "New request"): `aria-current="page"` on its menu entry.
fn current_of(page: Page) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
    let section = expect_context::<CurrentSection>().0;
    move || (section == Some(page)).then_some("page")
}

/// The role's menu as a list of links.
#[component]
fn MenuList(role: Option<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul>
            {menu_items(role)
                .into_iter()
                .map(|(page, label)| {
                    view! {
                        <li>
                            <a href=page.pattern() aria-current=current_of(page)>{move || i18n.t(label)}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The sign-out button (a plain form post: works without JavaScript).
#[component]
fn SignOutForm() -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=sign_out attr:class="inline">
            <button type="submit" class="link-button">{move || i18n.t(Msg::SignOut)}</button>
        </ActionForm>
    }
}

/// The menu row of wider screens (hidden on a phone): the role's menu and the whoami line.
#[component]
fn Nav(me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let role = me.as_ref().map(|m| m.role);
    view! {
        <nav class="mainnav" aria-label=move || i18n.t(Msg::MainNav)>
            <MenuList role/>
            {match me {
                Some(me) => view! {
                    // The live feed: once a page, here, before the page's own islands.
                    <div class="whoami" data-live-since=me.live_id>
                        <LiveRefresh who=me.id/>
                        <span class="whoami-name" title=me.email.clone()>{me.display_name.clone()}</span>
                        <span class="badge">{move || i18n.t(role_msg(me.role))}</span>
                        <SignOutForm/>
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

/// A phone's full menu, at the end of the page (hidden on wider screens): every page of the
/// role, who is signed in, and the sign-out button. The bottom bar's "More" jumps here.
#[component]
fn PhoneMenu(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav id=MENU_ID class="phone-menu" aria-label=move || i18n.t(Msg::MainNav)>
            <h2>{move || i18n.t(Msg::Menu)}</h2>
            <MenuList role=Some(me.role)/>
            <div class="phone-who">
                <span class="whoami-name" title=me.email.clone()>{me.display_name.clone()}</span>
                <span class="badge">{move || i18n.t(role_msg(me.role))}</span>
                <SignOutForm/>
            </div>
        </nav>
    }
}

/// The phone's bottom bar for `role`, before "More": the pages a person of the role opens
/// most. At most four (five with "More"), each one the role may open.
pub fn tabs(role: Role) -> [(Page, Msg, Icon); 4] {
    let home = (Page::Home, Msg::NavHome, Icon::Home);
    let requests = (Page::Requests, Msg::NavRequests, Icon::Requests);
    let new_request = (Page::NewRequest, Msg::TabNewRequest, Icon::NewRequest);
    let inspections = (Page::Inspections, Msg::NavInspections, Icon::Inspections);
    match role {
        Role::Customer => [home, requests, new_request, (Page::Knowledge, Msg::TabKnowledge, Icon::Knowledge)],
        Role::SiteManager => [home, requests, new_request, (Page::Equipment, Msg::NavEquipment, Icon::Equipment)],
        Role::Engineer => [home, (Page::MyWork, Msg::NavMyWork, Icon::MyWork), requests, inspections],
        Role::Dispatcher => [home, (Page::Triage, Msg::NavTriage, Icon::Triage), requests, inspections],
        Role::Manager => [home, requests, (Page::Reports, Msg::NavReports, Icon::Reports), (Page::Complaints, Msg::NavComplaints, Icon::Complaints)],
        Role::Admin => {
            [home, (Page::AdminOrganizations, Msg::TabOrganizations, Icon::Organizations), (Page::AdminContracts, Msg::NavContracts, Icon::Contracts), requests]
        }
    }
}

/// The bottom bar of a phone (hidden on wider screens): the role's shortcuts, each an icon and
/// a short label, and "More", a link to the full menu at the end of the page.
#[component]
fn TabBar(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tabbar" aria-label=move || i18n.t(Msg::TabBar)>
            <ul>
                {tabs(role)
                    .into_iter()
                    .filter(|(page, _, _)| page_access(*page, Some(role)) == Access::Allow)
                    .map(|(page, label, icon)| {
                        view! {
                            <li>
                                <a href=page.pattern() aria-current=current_of(page)>
                                    <SvgIcon icon/>
                                    <span>{move || i18n.t(label)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                <li>
                    <a href=format!("#{MENU_ID}")>
                        <SvgIcon icon=Icon::More/>
                        <span>{move || i18n.t(Msg::NavMore)}</span>
                    </a>
                </li>
            </ul>
        </nav>
    }
}

/// The notification bell with the unread count, kept current by the live feed (a
/// notification event refetches the page: `LiveRefresh`). Its name is its text: "Notifications",
/// then the count and "unread" when there is something new.
#[component]
fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    view! {
        <a class="bell" href=Page::Notifications.pattern() aria-current=current_of(Page::Notifications)>
            <SvgIcon icon=Icon::Bell/>
            <span class="visually-hidden">{move || i18n.t(Msg::Notifications)}</span>
            // No Suspense/Transition here: the layout's own Suspense already waits for the
            // count, and a boundary created only once the user is known would be numbered
            // differently on the server and in the browser, breaking hydration of the page.
            {move || unread.get().and_then(|r| r.ok()).filter(|n| *n > 0).map(|n| view! {
                <span class="count" data-testid="unread-count">{crate::components::capped_count(n, domain::notice::UNREAD_SHOWN)}</span>
                <span class="visually-hidden">{move || i18n.t(Msg::Unread)}</span>
            })}
        </a>
    }
}

/// English / 中文 ("EN" / "中" on a phone; the name stays the language's own). A plain link:
/// the server sets the cookie and comes back. `data-reload`: the islands router leaves it to
/// the browser, so the whole page, islands included, is loaded again in the new language (a
/// soft navigation would keep the islands' old text).
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
                            aria-label=lang.native_name()
                            aria-current=move || (i18n.lang.get() == lang).then_some("true")
                            data-reload=""
                        >
                            <span class="lang-long">{lang.native_name()}</span>
                            <span class="lang-short">{short_name(lang)}</span>
                        </a>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The language's name in the phone's compact switch.
fn short_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "EN",
        Lang::Zh => "中",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_opens_for_its_role_and_is_in_its_menu() {
        for role in [Role::Customer, Role::SiteManager, Role::Engineer, Role::Dispatcher, Role::Manager, Role::Admin] {
            let menu = menu_items(Some(role));
            for (page, _, _) in tabs(role) {
                assert_eq!(page_access(page, Some(role)), Access::Allow, "{role:?}: {page:?}");
                assert!(menu.iter().any(|(p, _)| *p == page), "{role:?}: {page:?} is not in the menu");
            }
        }
    }
}
