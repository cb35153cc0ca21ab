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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Allow,
    /// Not signed in: go to the sign-in page and come back.
    SignIn,
    Forbidden,
}

impl Page {
    pub const ALL: [Page; 6] = [
        Page::Home,
        Page::SignIn,
        Page::Account,
        Page::AdminOrganizations,
        Page::AdminOrganization,
        Page::OrgUsers,
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
        }
    }
}

pub fn page_access(page: Page, role: Option<Role>) -> Access {
    let Some(role) = role else {
        return if page == Page::SignIn { Access::Allow } else { Access::SignIn };
    };
    let allowed = match page {
        Page::Home | Page::SignIn | Page::Account => true,
        Page::AdminOrganizations | Page::AdminOrganization => role == Role::Admin,
        Page::OrgUsers => role == Role::SiteManager,
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
    }

    #[test]
    fn every_page_against_every_role() {
        for page in Page::ALL {
            let expect_anon = if page == Page::SignIn { Access::Allow } else { Access::SignIn };
            assert_eq!(page_access(page, None), expect_anon, "{page:?}");
            for role in Role::ALL {
                let expected = match page {
                    Page::Home | Page::SignIn | Page::Account => Access::Allow,
                    Page::AdminOrganizations | Page::AdminOrganization if role == Role::Admin => Access::Allow,
                    Page::OrgUsers if role == Role::SiteManager => Access::Allow,
                    _ => Access::Forbidden,
                };
                assert_eq!(page_access(page, Some(role)), expected, "{page:?} {role:?}");
            }
        }
    }
}
