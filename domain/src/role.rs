//! The six roles of the portal (see shared/DOMAIN.md, "People").
use serde::{Deserialize, Serialize};

use crate::org::OrgKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    SiteManager,
    Engineer,
    Dispatcher,
    Manager,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Customer, Role::SiteManager, Role::Engineer, Role::Dispatcher, Role::Manager, Role::Admin];

    /// Provider staff, as opposed to people of a customer organization.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Customer | Role::SiteManager)
    }

    /// The kind of organization a user with this role belongs to: staff work for the
    /// provider, everyone else for a customer. A role outside its kind is refused.
    pub fn org_kind(self) -> OrgKind {
        if self.is_staff() {
            OrgKind::Provider
        } else {
            OrgKind::Customer
        }
    }

    /// The stable name stored in the database and sent in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::SiteManager => "site_manager",
            Role::Engineer => "engineer",
            Role::Dispatcher => "dispatcher",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles that may be given to a user of an organization of this kind.
    pub fn for_org_kind(kind: OrgKind) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| r.org_kind() == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        let mut names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), 6);
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn staff_are_exactly_the_provider_roles() {
        let staff: Vec<_> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
        assert_eq!(staff, vec![Role::Engineer, Role::Dispatcher, Role::Manager, Role::Admin]);
        assert_eq!(Role::for_org_kind(OrgKind::Customer).collect::<Vec<_>>(), vec![Role::Customer, Role::SiteManager]);
        assert_eq!(Role::for_org_kind(OrgKind::Provider).collect::<Vec<_>>(), staff);
    }
}
