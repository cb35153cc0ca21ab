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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Allow,
    /// Not signed in: go to the sign-in page and come back.
    SignIn,
    Forbidden,
}

impl Page {
    pub const ALL: [Page; 21] = [
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
    ];

    /// Maps a request path to a page; `None` is "not found".
    pub fn from_path(path: &str) -> Option<Page> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_end_matches('/');
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Some(Page::Home),
            ["sign-in"] => Some(Page::SignIn),
            ["account"] => Some(Page::Account),
            ["admin", "organizations"] => Some(Page::AdminOrganizations),
            ["admin", "organizations", id] if id.parse::<i64>().is_ok() => Some(Page::AdminOrganization),
            ["organization", "users"] => Some(Page::OrgUsers),
            ["requests"] => Some(Page::Requests),
            ["requests", "new"] => Some(Page::NewRequest),
            ["requests", _] => Some(Page::RequestDetail),
            ["notifications"] => Some(Page::Notifications),
            ["staff", "triage"] => Some(Page::Triage),
            ["staff", "my-work"] => Some(Page::MyWork),
            ["admin", "contracts"] => Some(Page::AdminContracts),
            ["admin", "audit"] => Some(Page::AuditLog),
            ["s", _] => Some(Page::SurveyLink),
            ["surveys", "results"] => Some(Page::SurveyResults),
            ["admin", "surveys"] => Some(Page::AdminSurveys),
            ["training"] => Some(Page::Training),
            ["training", "mine"] => Some(Page::MyBookings),
            ["training", "new"] => Some(Page::TrainingForm),
            ["training", id] if id.parse::<i64>().is_ok() => Some(Page::TrainingDetail),
            ["training", id, "edit"] if id.parse::<i64>().is_ok() => Some(Page::TrainingForm),
            _ => None,
        }
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
        }
    }
}

pub fn page_access(page: Page, role: Option<Role>) -> Access {
    let Some(role) = role else {
        return if matches!(page, Page::SignIn | Page::SurveyLink) { Access::Allow } else { Access::SignIn };
    };
    let allowed = match page {
        // A request page opens for everyone signed in; its server function then answers
        // "not found" for a request the caller may not see.
        Page::Home | Page::SignIn | Page::Account | Page::Requests | Page::RequestDetail | Page::Notifications => true,
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

    #[test]
    fn every_page_against_every_role() {
        for page in Page::ALL {
            let expect_anon = if matches!(page, Page::SignIn | Page::SurveyLink) { Access::Allow } else { Access::SignIn };
            assert_eq!(page_access(page, None), expect_anon, "{page:?}");
            for role in Role::ALL {
                let expected = match page {
                    Page::Home | Page::SignIn | Page::Account | Page::Requests | Page::RequestDetail | Page::Notifications => Access::Allow,
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
                    _ => Access::Forbidden,
                };
                assert_eq!(page_access(page, Some(role)), expected, "{page:?} {role:?}");
            }
        }
    }
}
