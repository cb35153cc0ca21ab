//! Who may do what. Every server function asks one of these before it touches data, and
//! the navigation asks the same ones, so a menu never offers what the server would refuse.
use serde::{Deserialize, Serialize};

use crate::{error_code::ErrorCode, org::OrgKind, role::Role};

/// The signed-in caller, as the rules need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i32,
    pub org_id: i32,
    pub role: Role,
}

/// The user a rule is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub user_id: i32,
    pub org_id: i32,
    pub role: Role,
}

impl Actor {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Create organizations and sites, and see every organization.
    pub fn can_manage_organizations(&self) -> bool {
        self.is_admin()
    }

    /// See the user list of an organization.
    pub fn can_view_users_of(&self, org_id: i32) -> bool {
        match self.role {
            Role::Admin => true,
            Role::SiteManager => org_id == self.org_id,
            _ => false,
        }
    }

    /// See an organization's sites (for the request forms and the admin pages).
    pub fn can_view_sites_of(&self, org_id: i32) -> bool {
        self.role.is_staff() || org_id == self.org_id
    }

    /// See a service request of organization `org_id` reported by `requester_id`: staff see
    /// all, a site manager their organization's, a customer their own.
    pub fn can_see_request(&self, org_id: i32, requester_id: i32) -> bool {
        match self.role {
            Role::SiteManager => org_id == self.org_id,
            Role::Customer => requester_id == self.user_id,
            _ => true,
        }
    }

    /// Submit a request for a user of organization `org_id` (oneself, or as a site manager
    /// for a colleague). Dispatchers and managers log requests that came by phone or e-mail
    /// on a customer's behalf (the server checks the requester is a customer's user).
    pub fn can_submit_for(&self, org_id: i32, requester_id: i32) -> bool {
        match self.role {
            Role::Customer => requester_id == self.user_id && org_id == self.org_id,
            Role::SiteManager => org_id == self.org_id,
            Role::Dispatcher | Role::Manager => requester_id != self.user_id,
            Role::Engineer | Role::Admin => false,
        }
    }

    /// Create a user with `role` in organization `org_id` of kind `kind`.
    pub fn may_create_user(&self, org_id: i32, kind: OrgKind, role: Role) -> Result<(), ErrorCode> {
        if role.org_kind() != kind {
            return Err(ErrorCode::RoleNotForOrg);
        }
        match self.role {
            Role::Admin => Ok(()),
            Role::SiteManager if org_id == self.org_id => {
                if matches!(role, Role::Customer | Role::SiteManager) {
                    Ok(())
                } else {
                    Err(ErrorCode::RoleNotAllowed)
                }
            }
            _ => Err(ErrorCode::RoleNotAllowed),
        }
    }

    /// Whether the caller may create users at all in `org_id` (decides 403 vs field error).
    pub fn can_add_users_to(&self, org_id: i32) -> bool {
        self.is_admin() || (self.role == Role::SiteManager && org_id == self.org_id)
    }

    /// Activate or deactivate a user account.
    pub fn can_set_active(&self, target: &Target) -> Result<(), ErrorCode> {
        if target.user_id == self.user_id {
            return Err(ErrorCode::NotOnYourself);
        }
        match self.role {
            Role::Admin => Ok(()),
            Role::SiteManager if target.org_id == self.org_id && !target.role.is_staff() => Ok(()),
            _ => Err(ErrorCode::RoleNotAllowed),
        }
    }

    /// Give `target` the role `new_role` (admins only; never their own role).
    pub fn can_set_role(&self, target: &Target, kind: OrgKind, new_role: Role) -> Result<(), ErrorCode> {
        if !self.is_admin() {
            return Err(ErrorCode::RoleNotAllowed);
        }
        if target.user_id == self.user_id {
            return Err(ErrorCode::NotOnYourself);
        }
        if new_role.org_kind() != kind {
            return Err(ErrorCode::RoleNotForOrg);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: i32 = 10;
    const OTHER: i32 = 20;
    const PROVIDER: i32 = 1;

    fn actor(role: Role) -> Actor {
        let org_id = if role.is_staff() { PROVIDER } else { OWN };
        Actor { user_id: 100, org_id, role }
    }

    #[test]
    fn requests_are_seen_by_staff_their_organization_lead_and_their_requester() {
        for role in Role::ALL {
            let a = actor(role);
            assert!(a.can_see_request(OWN, a.user_id), "{role:?} own");
            assert_eq!(a.can_see_request(OWN, 5), role != Role::Customer, "{role:?} colleague's");
            assert_eq!(a.can_see_request(OTHER, 5), role.is_staff(), "{role:?} other org");
            assert_eq!(a.can_submit_for(OWN, a.user_id), !role.is_staff(), "{role:?} submit own");
            let intake = matches!(role, Role::Dispatcher | Role::Manager);
            assert_eq!(a.can_submit_for(OWN, 5), role == Role::SiteManager || intake, "{role:?} submit for colleague / customer");
            assert_eq!(a.can_submit_for(OTHER, 5), intake, "{role:?} submit for another org");
        }
    }

    #[test]
    fn only_admins_manage_organizations() {
        for role in Role::ALL {
            assert_eq!(actor(role).can_manage_organizations(), role == Role::Admin, "{role:?}");
        }
    }

    #[test]
    fn user_lists_are_visible_to_admins_and_own_site_managers_only() {
        for role in Role::ALL {
            let a = actor(role);
            assert_eq!(a.can_view_users_of(OWN), matches!(role, Role::Admin | Role::SiteManager), "{role:?}");
            assert_eq!(a.can_view_users_of(OTHER), role == Role::Admin, "{role:?}");
        }
    }

    #[test]
    fn sites_are_visible_to_staff_and_to_their_own_organization() {
        for role in Role::ALL {
            let a = actor(role);
            assert_eq!(a.can_view_sites_of(OTHER), role.is_staff(), "{role:?}");
            assert!(a.can_view_sites_of(a.org_id));
        }
    }

    #[test]
    fn creating_users_every_role_against_every_role() {
        for actor_role in Role::ALL {
            let a = actor(actor_role);
            for new_role in Role::ALL {
                for (org, kind) in [(OWN, OrgKind::Customer), (OTHER, OrgKind::Customer), (PROVIDER, OrgKind::Provider)] {
                    let got = a.may_create_user(org, kind, new_role);
                    let expected = if new_role.org_kind() != kind {
                        Err(ErrorCode::RoleNotForOrg)
                    } else if actor_role == Role::Admin || (actor_role == Role::SiteManager && org == OWN && !new_role.is_staff()) {
                        Ok(())
                    } else {
                        Err(ErrorCode::RoleNotAllowed)
                    };
                    assert_eq!(got, expected, "{actor_role:?} creating {new_role:?} in {org}");
                    if got.is_ok() {
                        assert!(a.can_add_users_to(org));
                    }
                }
            }
        }
    }

    #[test]
    fn activation_rules() {
        for actor_role in Role::ALL {
            let a = actor(actor_role);
            assert_eq!(a.can_set_active(&Target { user_id: a.user_id, org_id: a.org_id, role: actor_role }), Err(ErrorCode::NotOnYourself));
            for target_role in Role::ALL {
                for org in [OWN, OTHER, PROVIDER] {
                    let t = Target { user_id: 5, org_id: org, role: target_role };
                    let ok = actor_role == Role::Admin || (actor_role == Role::SiteManager && org == OWN && !target_role.is_staff());
                    assert_eq!(a.can_set_active(&t).is_ok(), ok, "{actor_role:?} on {target_role:?}@{org}");
                }
            }
        }
    }

    #[test]
    fn role_changes_are_for_admins_within_the_org_kind() {
        for actor_role in Role::ALL {
            let a = actor(actor_role);
            for new_role in Role::ALL {
                let t = Target { user_id: 5, org_id: OWN, role: Role::Customer };
                let got = a.can_set_role(&t, OrgKind::Customer, new_role);
                let expected = if actor_role != Role::Admin {
                    Err(ErrorCode::RoleNotAllowed)
                } else if new_role.is_staff() {
                    Err(ErrorCode::RoleNotForOrg)
                } else {
                    Ok(())
                };
                assert_eq!(got, expected, "{actor_role:?} -> {new_role:?}");
            }
        }
        let admin = actor(Role::Admin);
        let me = Target { user_id: admin.user_id, org_id: PROVIDER, role: Role::Admin };
        assert_eq!(admin.can_set_role(&me, OrgKind::Provider, Role::Engineer), Err(ErrorCode::NotOnYourself));
    }
}
