//! Which pages exist and who may open them. The server checks this before rendering (so a
//! forbidden page is never rendered, with or without JavaScript) and the navigation uses it to
//! build each role's menu.
use crate::role::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    SignIn,
    Account,
    AdminOrganizations,
    AdminOrganization,
    OrgUsers,
    Requests,
    NewRequest,
    RequestDetail,
    Notifications,
    /// The dispatcher's queue of new and unassigned requests.
    Triage,
    /// An engineer's own requests, nearest deadline first (made for a phone).
    MyWork,
    AdminContracts,
    AuditLog,
    /// A survey opened from its one-time link: no sign-in (the token is the key).
    SurveyLink,
    SurveyResults,
    AdminSurveys,
    /// Training sessions: the list and the month calendar.
    Training,
    TrainingDetail,
    /// Creating or editing a session (staff who manage training).
    TrainingForm,
    MyBookings,
    /// The equipment archive: devices of the caller's sites (staff: every site), searched.
    Equipment,
    DeviceDetail,
    /// Adding or editing a device (site managers and staff).
    DeviceForm,
    /// Uploading a CSV device list, and its preview before it is saved.
    DeviceImport,
    /// The provider's spare parts: stock by part model and location (staff only).
    Parts,
    /// Upgrade and patch plans (customers: their organization's).
    Upgrades,
    UpgradeDetail,
    /// Proposing or editing a plan (staff who carry out plans).
    UpgradeForm,
    /// A customer site's profile: contacts, access, the machine room's environment.
    SiteProfile,
    /// Two versions of a device's configuration backup compared.
    DeviceConfigs,
    /// The inspection calendar: provider-wide for staff, the organization's for customers.
    Inspections,
    /// One inspection: announcing, the checklist on site, the report and its sign-off.
    InspectionDetail,
    /// A contract's inspection plan (managers).
    InspectionPlan,
    /// Checklist templates (managers edit, staff read).
    Checklists,
    /// Assurance periods and their duty rota (customers: their organization's, published).
    Assurance,
    AssuranceDetail,
    /// The knowledge base: search and categories (public articles without signing in).
    Knowledge,
    /// One article (public ones without signing in; another organization's is "not found").
    Article,
    /// Writing an article or a new version of one (staff who write).
    ArticleForm,
    /// How articles are used: suggested, opened, solved; searches that found nothing.
    KnowledgeStats,
    /// What mail a person gets for each kind of event, quiet hours.
    MailSettings,
    /// A mail's unsubscribe link: asks before turning that kind of mail off (no sign-in).
    Unsubscribe,
    /// Complaints: a customer's own (a site manager's organization's); all for managers.
    Complaints,
    /// Complaining about a request or the service in general.
    ComplaintForm,
    /// One complaint: its clocks, the answer, accepting it.
    ComplaintDetail,
    /// Service reports: an organization's or the provider's week, month, quarter or year.
    Reports,
    /// The requests behind one figure of a report.
    ReportRequests,
    /// Who receives which report by mail (managers choose).
    ReportRecipients,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Allow,
    /// Not signed in: go to the sign-in page and come back.
    SignIn,
    Forbidden,
}

impl Page {
    pub const ALL: [Page; 49] = [
        Page::Home,
        Page::SignIn,
        Page::Account,
        Page::AdminOrganizations,
        Page::AdminOrganization,
        Page::OrgUsers,
        Page::Requests,
        Page::NewRequest,
        Page::RequestDetail,
        Page::Notifications,
        Page::Triage,
        Page::MyWork,
        Page::AdminContracts,
        Page::AuditLog,
        Page::SurveyLink,
        Page::SurveyResults,
        Page::AdminSurveys,
        Page::Training,
        Page::TrainingDetail,
        Page::TrainingForm,
        Page::MyBookings,
        Page::Equipment,
        Page::DeviceDetail,
        Page::DeviceForm,
        Page::DeviceImport,
        Page::Parts,
        Page::Upgrades,
        Page::UpgradeDetail,
        Page::UpgradeForm,
        Page::SiteProfile,
        Page::DeviceConfigs,
        Page::Inspections,
        Page::InspectionDetail,
        Page::InspectionPlan,
        Page::Checklists,
        Page::Assurance,
        Page::AssuranceDetail,
        Page::Knowledge,
        Page::Article,
        Page::ArticleForm,
        Page::KnowledgeStats,
        Page::MailSettings,
        Page::Unsubscribe,
        Page::Complaints,
        Page::ComplaintForm,
        Page::ComplaintDetail,
        Page::Reports,
        Page::ReportRequests,
        Page::ReportRecipients,
    ];

    /// The page's route patterns, the canonical one first (the one [`Page::pattern`] gives).
    /// A segment `:name` is a parameter: `:id` must be a whole number (`i64`), any other
    /// parameter takes any segment. The router's route list must hold exactly these (a test
    /// in server/tests/api/routes.rs checks it); links are built from them in [`crate::href`].
    pub const fn patterns(self) -> &'static [&'static str] {
        match self {
            Page::Home => &["/"],
            Page::SignIn => &["/sign-in"],
            Page::Account => &["/account"],
            Page::AdminOrganizations => &["/admin/organizations"],
            Page::AdminOrganization => &["/admin/organizations/:id"],
            Page::OrgUsers => &["/organization/users"],
            Page::Requests => &["/requests"],
            Page::NewRequest => &["/requests/new"],
            Page::RequestDetail => &["/requests/:number"],
            Page::Notifications => &["/notifications"],
            Page::Triage => &["/staff/triage"],
            Page::MyWork => &["/staff/my-work"],
            Page::AdminContracts => &["/admin/contracts"],
            Page::AuditLog => &["/admin/audit"],
            Page::SurveyLink => &["/s/:token"],
            Page::SurveyResults => &["/surveys/results"],
            Page::AdminSurveys => &["/admin/surveys"],
            Page::Training => &["/training"],
            Page::TrainingDetail => &["/training/:id"],
            Page::TrainingForm => &["/training/new", "/training/:id/edit"],
            Page::MyBookings => &["/training/mine"],
            Page::Equipment => &["/equipment"],
            Page::DeviceDetail => &["/equipment/:id"],
            Page::DeviceForm => &["/equipment/new", "/equipment/:id/edit"],
            Page::DeviceImport => &["/equipment/import", "/equipment/import/:id"],
            Page::Parts => &["/parts"],
            Page::Upgrades => &["/upgrades"],
            Page::UpgradeDetail => &["/upgrades/:id"],
            Page::UpgradeForm => &["/upgrades/new", "/upgrades/:id/edit"],
            Page::SiteProfile => &["/sites/:id"],
            Page::DeviceConfigs => &["/equipment/:id/configs"],
            Page::Inspections => &["/inspections"],
            Page::InspectionDetail => &["/inspections/:id"],
            Page::InspectionPlan => &["/inspections/plans/:id"],
            Page::Checklists => &["/inspections/checklists"],
            Page::Assurance => &["/assurance"],
            Page::AssuranceDetail => &["/assurance/:id"],
            Page::Knowledge => &["/kb"],
            Page::Article => &["/kb/:id"],
            Page::ArticleForm => &["/kb/new", "/kb/:id/edit"],
            Page::KnowledgeStats => &["/kb/stats"],
            Page::MailSettings => &["/account/notifications"],
            Page::Unsubscribe => &["/mail/unsubscribe/:token"],
            Page::Complaints => &["/complaints"],
            Page::ComplaintForm => &["/complaints/new"],
            Page::ComplaintDetail => &["/complaints/:id"],
            Page::Reports => &["/reports"],
            Page::ReportRequests => &["/reports/requests"],
            Page::ReportRecipients => &["/reports/recipients"],
        }
    }

    /// The page's canonical pattern; for a page without parameters, its path.
    pub const fn pattern(self) -> &'static str {
        self.patterns()[0]
    }

    /// The page whose menu entry stands for this one: a request's page belongs to the request
    /// list, a session's pages to training (a new request has an entry of its own).
    pub const fn section(self) -> Page {
        match self {
            Page::RequestDetail => Page::Requests,
            Page::AdminOrganization => Page::AdminOrganizations,
            Page::TrainingDetail | Page::TrainingForm | Page::MyBookings => Page::Training,
            Page::DeviceDetail | Page::DeviceForm | Page::DeviceImport => Page::Equipment,
            Page::UpgradeDetail | Page::UpgradeForm => Page::Upgrades,
            Page::SiteProfile | Page::DeviceConfigs => Page::Equipment,
            Page::InspectionDetail | Page::InspectionPlan | Page::Checklists => Page::Inspections,
            Page::AssuranceDetail => Page::Assurance,
            Page::Article | Page::ArticleForm | Page::KnowledgeStats => Page::Knowledge,
            Page::MailSettings => Page::Account,
            Page::ComplaintForm | Page::ComplaintDetail => Page::Complaints,
            Page::ReportRequests | Page::ReportRecipients => Page::Reports,
            page => page,
        }
    }

    /// Maps a request path to a page; `None` is "not found". The query, the fragment, a
    /// trailing slash and empty segments are ignored. Where two patterns match (`/requests/new`
    /// and `/requests/:number`), the one with more literal segments wins, as in the router.
    pub fn from_path(path: &str) -> Option<Page> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut best: Option<(usize, Page)> = None;
        for page in Page::ALL {
            for pattern in page.patterns() {
                if let Some(literals) = match_pattern(pattern, &segments) {
                    if best.is_none_or(|(b, _)| literals > b) {
                        best = Some((literals, page));
                    }
                }
            }
        }
        best.map(|(_, page)| page)
    }

    /// An example path for the page (for tests and menus).
    pub fn sample_path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::SignIn => "/sign-in",
            Page::Account => "/account",
            Page::AdminOrganizations => "/admin/organizations",
            Page::AdminOrganization => "/admin/organizations/1",
            Page::OrgUsers => "/organization/users",
            Page::Requests => "/requests",
            Page::NewRequest => "/requests/new",
            Page::RequestDetail => "/requests/SR-2026-000001",
            Page::Notifications => "/notifications",
            Page::Triage => "/staff/triage",
            Page::MyWork => "/staff/my-work",
            Page::AdminContracts => "/admin/contracts",
            Page::AuditLog => "/admin/audit",
            Page::SurveyLink => "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            Page::SurveyResults => "/surveys/results",
            Page::AdminSurveys => "/admin/surveys",
            Page::Training => "/training",
            Page::TrainingDetail => "/training/1",
            Page::TrainingForm => "/training/new",
            Page::MyBookings => "/training/mine",
            Page::Equipment => "/equipment",
            Page::DeviceDetail => "/equipment/1",
            Page::DeviceForm => "/equipment/new",
            Page::DeviceImport => "/equipment/import",
            Page::Parts => "/parts",
            Page::Upgrades => "/upgrades",
            Page::UpgradeDetail => "/upgrades/1",
            Page::UpgradeForm => "/upgrades/new",
            Page::SiteProfile => "/sites/1",
            Page::DeviceConfigs => "/equipment/1/configs",
            Page::Inspections => "/inspections",
            Page::InspectionDetail => "/inspections/1",
            Page::InspectionPlan => "/inspections/plans/1",
            Page::Checklists => "/inspections/checklists",
            Page::Assurance => "/assurance",
            Page::AssuranceDetail => "/assurance/1",
            Page::Knowledge => "/kb",
            Page::Article => "/kb/1",
            Page::ArticleForm => "/kb/new",
            Page::KnowledgeStats => "/kb/stats",
            Page::MailSettings => "/account/notifications",
            Page::Unsubscribe => "/mail/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            Page::Complaints => "/complaints",
            Page::ComplaintForm => "/complaints/new",
            Page::ComplaintDetail => "/complaints/1",
            Page::Reports => "/reports",
            Page::ReportRequests => "/reports/requests",
            Page::ReportRecipients => "/reports/recipients",
        }
    }
}

/// Whether `segments` fit `pattern`; if so, how many of the pattern's segments are literal.
fn match_pattern(pattern: &str, segments: &[&str]) -> Option<usize> {
    // No allocation: every page render matches its path against every pattern.
    let mut parts = pattern.split('/').filter(|s| !s.is_empty());
    let mut literals = 0;
    for seg in segments {
        let part = parts.next()?;
        match part.strip_prefix(':') {
            Some("id") if seg.parse::<i64>().is_err() => return None,
            Some(_) => {}
            None if part == *seg => literals += 1,
            None => return None,
        }
    }
    parts.next().is_none().then_some(literals)
}

pub fn page_access(page: Page, role: Option<Role>) -> Access {
    let Some(role) = role else {
        return if matches!(page, Page::SignIn | Page::SurveyLink | Page::Knowledge | Page::Article | Page::Unsubscribe) {
            Access::Allow
        } else {
            Access::SignIn
        };
    };
    let allowed = match page {
        // A request page opens for everyone signed in; its server function then answers
        // "not found" for a request the caller may not see.
        Page::Home | Page::SignIn | Page::Account | Page::Requests | Page::RequestDetail | Page::Notifications => true,
        // Everyone chooses their own mail; the link in a mail works signed in or not.
        Page::MailSettings | Page::Unsubscribe => true,
        // Managers are the service supervision; the customer's people their own. Engineers
        // and dispatchers never (the engineer a complaint concerns must not read it).
        Page::Complaints | Page::ComplaintDetail => crate::complaint::may_read(role),
        Page::ComplaintForm => crate::complaint::may_complain(role),
        // Managers and admins every report, a site manager their organization's.
        Page::Reports | Page::ReportRequests => crate::report::may_read(role),
        Page::ReportRecipients => crate::report::manages_reports(role),
        // Dispatchers and managers log requests that came by phone or e-mail.
        Page::NewRequest => !matches!(role, Role::Engineer | Role::Admin),
        Page::AdminOrganizations | Page::AdminOrganization => role == Role::Admin,
        Page::OrgUsers => role == Role::SiteManager,
        Page::Triage => matches!(role, Role::Dispatcher | Role::Manager | Role::Admin),
        // Managers too: an unhappy survey answer's follow-up is assigned to a manager.
        Page::MyWork => matches!(role, Role::Engineer | Role::Manager),
        // Contracts: admins edit; managers read them (they answer for the SLAs).
        Page::AdminContracts => matches!(role, Role::Admin | Role::Manager),
        Page::AuditLog => matches!(role, Role::Manager | Role::Admin),
        Page::SurveyLink => true,
        // Managers see all results, a site manager their organization's, an engineer their own.
        Page::SurveyResults => matches!(role, Role::Manager | Role::Admin | Role::SiteManager | Role::Engineer),
        // Admins edit the questions and settings; managers read them.
        Page::AdminSurveys => matches!(role, Role::Admin | Role::Manager),
        // Everyone signed in sees the sessions their organization may book (staff: all); the
        // server functions answer "not found" for a session the caller may not see.
        Page::Training | Page::TrainingDetail | Page::MyBookings => true,
        Page::TrainingForm => crate::training::booking::manages_training(role),
        // Customers read their organization's archive; a device of another organization is
        // "not found" by its server function.
        Page::Equipment | Page::DeviceDetail => true,
        Page::DeviceForm | Page::DeviceImport => crate::equipment::access::edits_equipment(role),
        Page::Parts => crate::equipment::stock::sees_stock(role),
        // Customers read their organization's plans; a plan of another is "not found".
        Page::Upgrades | Page::UpgradeDetail => true,
        // Customers read their organization's sites; another's is "not found".
        Page::SiteProfile | Page::DeviceConfigs => true,
        Page::UpgradeForm => crate::equipment::upgrade::PlanActor::of(role) == crate::equipment::upgrade::PlanActor::Staff,
        // Customers see their organization's inspections once announced; another's is "not
        // found". Admins keep to accounts and contracts.
        Page::Inspections | Page::InspectionDetail | Page::Assurance | Page::AssuranceDetail => role != Role::Admin,
        Page::InspectionPlan | Page::Checklists => crate::inspection::plans_inspections(role),
        // Everyone reads the articles they may; an article they may not is "not found".
        Page::Knowledge | Page::Article => true,
        Page::ArticleForm | Page::KnowledgeStats => crate::knowledge::article::writes_articles(role),
    };
    if allowed {
        Access::Allow
    } else {
        Access::Forbidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages() {
        for p in Page::ALL {
            assert_eq!(Page::from_path(p.sample_path()), Some(p));
        }
        assert_eq!(Page::from_path("/account/"), Some(Page::Account));
        assert_eq!(Page::from_path("/sign-in?next=/account"), Some(Page::SignIn));
        assert_eq!(Page::from_path("/admin/organizations/x"), None);
        assert_eq!(Page::from_path("/nowhere"), None);
        assert_eq!(Page::from_path("/training/7/edit"), Some(Page::TrainingForm));
        assert_eq!(Page::from_path("/training/x"), None);
    }

    /// A path for a pattern: each parameter filled with a value its page accepts.
    fn sample_of(pattern: &str) -> String {
        pattern
            .split('/')
            .map(|s| match s {
                ":id" => "42",
                ":number" => "SR-2026-000123",
                ":token" => "abcDEF123_-",
                s => {
                    assert!(!s.starts_with(':'), "a parameter without a sample: {s} in {pattern}");
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn every_pattern_maps_back_to_its_page() {
        let mut seen = std::collections::BTreeSet::new();
        for page in Page::ALL {
            assert_eq!(page.pattern(), page.patterns()[0]);
            for pattern in page.patterns() {
                assert!(pattern.starts_with('/'), "{pattern}");
                assert!(seen.insert(*pattern), "two pages with {pattern}");
                let path = sample_of(pattern);
                assert_eq!(Page::from_path(&path), Some(page), "{path}");
                assert_eq!(Page::from_path(&format!("{path}/")), Some(page), "{path}/");
                assert_eq!(Page::from_path(&format!("{path}?a=1&b=/x#top")), Some(page), "{path}?…");
                assert_ne!(Page::from_path(&format!("{path}/extra")), Some(page), "{path}/extra");
            }
            assert!(page.patterns().iter().any(|p| match_pattern(p, &segments(page.sample_path())).is_some()), "{page:?}");
        }
        assert_eq!(seen.len(), 54);
    }

    fn segments(path: &str) -> Vec<&str> {
        path.split('/').filter(|s| !s.is_empty()).collect()
    }

    #[test]
    fn sections() {
        let section = |path: &str| Page::from_path(path).map(Page::section);
        assert_eq!(section("/"), Some(Page::Home));
        assert_eq!(section("/requests"), Some(Page::Requests));
        assert_eq!(section("/requests/SR-2026-000001"), Some(Page::Requests));
        assert_eq!(section("/requests/new"), Some(Page::NewRequest));
        assert_eq!(section("/admin/organizations/3"), Some(Page::AdminOrganizations));
        for path in ["/training", "/training/mine", "/training/new", "/training/4", "/training/4/edit"] {
            assert_eq!(section(path), Some(Page::Training), "{path}");
        }
        for page in Page::ALL {
            assert_eq!(page.section().section(), page.section(), "{page:?}");
            if page.section() != page {
                assert!(page.section().patterns().iter().all(|p| !p.contains(':')), "{page:?}: its section's entry needs a path without parameters");
            }
        }
    }

    #[test]
    fn literal_segments_win_and_ids_are_numbers() {
        let cases = [
            ("", Some(Page::Home)),
            ("//requests", Some(Page::Requests)),
            ("/requests/new", Some(Page::NewRequest)),
            ("/requests/new/", Some(Page::NewRequest)),
            ("/requests/anything", Some(Page::RequestDetail)),
            ("/requests/SR-2026-000001/attachments", None),
            ("/training/new", Some(Page::TrainingForm)),
            ("/training/mine", Some(Page::MyBookings)),
            ("/training/-3", Some(Page::TrainingDetail)),
            ("/training/7/edit/", Some(Page::TrainingForm)),
            ("/training/new/edit", None),
            ("/training/mine/edit", None),
            ("/training/7/calendar.ics", None),
            ("/training/99999999999999999999", None),
            ("/admin/organizations/12", Some(Page::AdminOrganization)),
            ("/admin/organizations/1.5", None),
            ("/admin/organizations/1/x", None),
            ("/s", None),
            ("/s/", None),
            ("/s/tok/en", None),
            ("/surveys/results.csv", None),
            ("/Requests", None),
            ("/equipment/new", Some(Page::DeviceForm)),
            ("/equipment/3", Some(Page::DeviceDetail)),
            ("/equipment/3/edit", Some(Page::DeviceForm)),
            ("/equipment/devices.csv", None),
            ("/equipment/import", Some(Page::DeviceImport)),
            ("/equipment/import/4", Some(Page::DeviceImport)),
            ("/equipment/import/x", None),
            ("/parts", Some(Page::Parts)),
            ("/parts/1", None),
            ("/upgrades", Some(Page::Upgrades)),
            ("/upgrades/new", Some(Page::UpgradeForm)),
            ("/upgrades/5", Some(Page::UpgradeDetail)),
            ("/upgrades/5/edit", Some(Page::UpgradeForm)),
            ("/sites/3", Some(Page::SiteProfile)),
            ("/sites", None),
            ("/equipment/3/configs", Some(Page::DeviceConfigs)),
            ("/equipment/configs/3", None),
            ("/equipment/3/configs/upload", None),
            ("/inspections", Some(Page::Inspections)),
            ("/inspections/4", Some(Page::InspectionDetail)),
            ("/inspections/checklists", Some(Page::Checklists)),
            ("/inspections/plans/4", Some(Page::InspectionPlan)),
            ("/inspections/plans", None),
            ("/inspections/4/answers", None),
            ("/assurance", Some(Page::Assurance)),
            ("/assurance/2", Some(Page::AssuranceDetail)),
            ("/kb", Some(Page::Knowledge)),
            ("/kb/12", Some(Page::Article)),
            ("/kb/new", Some(Page::ArticleForm)),
            ("/kb/12/edit", Some(Page::ArticleForm)),
            ("/kb/stats", Some(Page::KnowledgeStats)),
            ("/kb/x", None),
            ("/kb/12/images", None),
            ("/account/notifications", Some(Page::MailSettings)),
            ("/mail/unsubscribe/abc", Some(Page::Unsubscribe)),
            ("/mail/unsubscribe", None),
            ("/mail/unsubscribe/abc/one-click", None),
            ("/complaints", Some(Page::Complaints)),
            ("/complaints/new", Some(Page::ComplaintForm)),
            ("/complaints/7", Some(Page::ComplaintDetail)),
            ("/complaints/x", None),
            ("/reports", Some(Page::Reports)),
            ("/reports/requests", Some(Page::ReportRequests)),
            ("/reports/recipients", Some(Page::ReportRecipients)),
            ("/reports/export.csv", None),
        ];
        for (path, page) in cases {
            assert_eq!(Page::from_path(path), page, "{path}");
        }
    }

    #[test]
    fn every_page_against_every_role() {
        for page in Page::ALL {
            let expect_anon = if matches!(page, Page::SignIn | Page::SurveyLink | Page::Knowledge | Page::Article | Page::Unsubscribe) {
                Access::Allow
            } else {
                Access::SignIn
            };
            assert_eq!(page_access(page, None), expect_anon, "{page:?}");
            for role in Role::ALL {
                let expected = match page {
                    Page::Home | Page::SignIn | Page::Account | Page::Requests | Page::RequestDetail | Page::Notifications => Access::Allow,
                    Page::MailSettings | Page::Unsubscribe => Access::Allow,
                    Page::Complaints | Page::ComplaintDetail if matches!(role, Role::Customer | Role::SiteManager | Role::Manager) => Access::Allow,
                    Page::ComplaintForm if matches!(role, Role::Customer | Role::SiteManager) => Access::Allow,
                    Page::Reports | Page::ReportRequests if matches!(role, Role::Manager | Role::Admin | Role::SiteManager) => Access::Allow,
                    Page::ReportRecipients if matches!(role, Role::Manager | Role::Admin) => Access::Allow,
                    Page::NewRequest if matches!(role, Role::Customer | Role::SiteManager | Role::Dispatcher | Role::Manager) => Access::Allow,
                    Page::AdminOrganizations | Page::AdminOrganization if role == Role::Admin => Access::Allow,
                    Page::OrgUsers if role == Role::SiteManager => Access::Allow,
                    Page::Triage if matches!(role, Role::Dispatcher | Role::Manager | Role::Admin) => Access::Allow,
                    Page::MyWork if matches!(role, Role::Engineer | Role::Manager) => Access::Allow,
                    Page::SurveyLink => Access::Allow,
                    Page::SurveyResults if matches!(role, Role::Manager | Role::Admin | Role::SiteManager | Role::Engineer) => Access::Allow,
                    Page::AdminSurveys if matches!(role, Role::Manager | Role::Admin) => Access::Allow,
                    Page::Training | Page::TrainingDetail | Page::MyBookings => Access::Allow,
                    Page::TrainingForm if matches!(role, Role::Dispatcher | Role::Manager | Role::Admin) => Access::Allow,
                    Page::AdminContracts | Page::AuditLog if matches!(role, Role::Manager | Role::Admin) => Access::Allow,
                    Page::Equipment | Page::DeviceDetail => Access::Allow,
                    Page::DeviceForm | Page::DeviceImport if role != Role::Customer => Access::Allow,
                    Page::Parts if role.is_staff() => Access::Allow,
                    Page::Upgrades | Page::UpgradeDetail | Page::SiteProfile | Page::DeviceConfigs => Access::Allow,
                    Page::UpgradeForm if matches!(role, Role::Engineer | Role::Dispatcher | Role::Manager) => Access::Allow,
                    Page::Inspections | Page::InspectionDetail | Page::Assurance | Page::AssuranceDetail if role != Role::Admin => Access::Allow,
                    Page::InspectionPlan | Page::Checklists if matches!(role, Role::Engineer | Role::Dispatcher | Role::Manager) => Access::Allow,
                    Page::Knowledge | Page::Article => Access::Allow,
                    Page::ArticleForm | Page::KnowledgeStats if matches!(role, Role::Engineer | Role::Dispatcher | Role::Manager) => Access::Allow,
                    _ => Access::Forbidden,
                };
                assert_eq!(page_access(page, Some(role)), expected, "{page:?} {role:?}");
            }
        }
    }
}
