//! The root component: language, the signed-in user, the layout and the routes.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    api::auth::current_user,
    components::layout::Layout,
    i18n::{initial_lang, I18n, Msg},
    pages::*,
    session::{MeResource, UnreadResource},
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n { lang: RwSignal::new(initial_lang()) };
    provide_context(i18n);
    let me: MeResource = Resource::new(|| (), |_| current_user());
    provide_context(me);
    crate::components::live::provide_live();
    let changes = crate::components::live::use_live().version_of(domain::live::LiveKind::Notification);
    let unread: UnreadResource = Resource::new(move || changes.get(), |_| crate::api::notifications::unread_notifications());
    provide_context(unread);

    // Pages render completely on the server before they are sent (SsrMode::Async), so they
    // read the same with JavaScript off; the browser then hydrates their islands only.
    let ssr = SsrMode::Async;
    // leptos_meta reads the title after the page has rendered, outside the render's reactive
    // owner; on the server any signal read there looks in whatever arena the worker thread
    // last held, often a finished page's, and panics ("no Arena is active"). So the server
    // gets the text itself; the browser keeps it following the language switch.
    #[cfg(feature = "ssr")]
    let title = TextProp::from(Msg::AppName.text(i18n.lang.get_untracked()));
    #[cfg(not(feature = "ssr"))]
    let title = TextProp::from(move || Msg::AppName.text(i18n.lang.get()));
    view! {
        <Title text=title/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage ssr=ssr.clone()/>
                    <Route path=path!("/sign-in") view=SignInPage ssr=ssr.clone()/>
                    <Route path=path!("/account") view=AccountPage ssr=ssr.clone()/>
                    <Route path=path!("/account/notifications") view=MailSettingsPage ssr=ssr.clone()/>
                    <Route path=path!("/mail/unsubscribe/:token") view=UnsubscribePage ssr=ssr.clone()/>
                    <Route path=path!("/complaints") view=ComplaintsPage ssr=ssr.clone()/>
                    <Route path=path!("/reports") view=ReportsPage ssr=ssr.clone()/>
                    <Route path=path!("/reports/requests") view=ReportRequestsPage ssr=ssr.clone()/>
                    <Route path=path!("/reports/recipients") view=ReportRecipientsPage ssr=ssr.clone()/>
                    <Route path=path!("/complaints/new") view=ComplaintFormPage ssr=ssr.clone()/>
                    <Route path=path!("/complaints/:id") view=ComplaintPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/organizations") view=AdminOrganizationsPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/organizations/:id") view=AdminOrganizationPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/contracts") view=AdminContractsPage ssr=ssr.clone()/>
                    <Route path=path!("/organization/users") view=OrgUsersPage ssr=ssr.clone()/>
                    <Route path=path!("/requests") view=RequestsPage ssr=ssr.clone()/>
                    <Route path=path!("/requests/new") view=NewRequestPage ssr=ssr.clone()/>
                    <Route path=path!("/requests/:number") view=RequestPage ssr=ssr.clone()/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=ssr.clone()/>
                    <Route path=path!("/staff/triage") view=TriagePage ssr=ssr.clone()/>
                    <Route path=path!("/staff/my-work") view=MyWorkPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=ssr.clone()/>
                    <Route path=path!("/s/:token") view=SurveyLinkPage ssr=ssr.clone()/>
                    <Route path=path!("/surveys/results") view=SurveyResultsPage ssr=ssr.clone()/>
                    <Route path=path!("/admin/surveys") view=AdminSurveysPage ssr=ssr.clone()/>
                    <Route path=path!("/training") view=TrainingPage ssr=ssr.clone()/>
                    <Route path=path!("/training/mine") view=MyBookingsPage ssr=ssr.clone()/>
                    <Route path=path!("/training/new") view=TrainingFormPage ssr=ssr.clone()/>
                    <Route path=path!("/training/:id") view=TrainingDetailPage ssr=ssr.clone()/>
                    <Route path=path!("/training/:id/edit") view=TrainingFormPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment") view=EquipmentPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/new") view=DeviceFormPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/import") view=DeviceImportPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/import/:id") view=DeviceImportPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/:id") view=DevicePage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/:id/edit") view=DeviceFormPage ssr=ssr.clone()/>
                    <Route path=path!("/equipment/:id/configs") view=DeviceConfigsPage ssr=ssr.clone()/>
                    <Route path=path!("/parts") view=PartsPage ssr=ssr.clone()/>
                    <Route path=path!("/sites/:id") view=SitePage ssr=ssr.clone()/>
                    <Route path=path!("/upgrades") view=UpgradesPage ssr=ssr.clone()/>
                    <Route path=path!("/upgrades/new") view=UpgradeFormPage ssr=ssr.clone()/>
                    <Route path=path!("/upgrades/:id") view=UpgradePage ssr=ssr.clone()/>
                    <Route path=path!("/inspections") view=InspectionsPage ssr=ssr.clone()/>
                    <Route path=path!("/inspections/checklists") view=ChecklistsPage ssr=ssr.clone()/>
                    <Route path=path!("/inspections/:id") view=InspectionPage ssr=ssr.clone()/>
                    <Route path=path!("/inspections/plans/:id") view=InspectionPlanPage ssr=ssr.clone()/>
                    <Route path=path!("/assurance") view=AssurancePage ssr=ssr.clone()/>
                    <Route path=path!("/assurance/:id") view=AssuranceDetailPage ssr=ssr.clone()/>
                    <Route path=path!("/kb") view=KnowledgePage ssr=ssr.clone()/>
                    <Route path=path!("/kb/new") view=ArticleFormPage ssr=ssr.clone()/>
                    <Route path=path!("/kb/stats") view=KbStatsPage ssr=ssr.clone()/>
                    <Route path=path!("/kb/:id") view=ArticlePage ssr=ssr.clone()/>
                    <Route path=path!("/kb/:id/edit") view=ArticleFormPage ssr=ssr.clone()/>
                    <Route path=path!("/upgrades/:id/edit") view=UpgradeFormPage ssr=ssr.clone()/>
                </Routes>
            </Layout>
        </Router>
    }
}
