//! Who reads and who edits an organization's equipment archive: customers read their own
//! organization's, site managers edit it, staff read and edit every organization's.
use crate::{permission::Actor, role::Role};

/// Whether the role may edit devices (of the organizations it may see).
pub fn edits_equipment(role: Role) -> bool {
    match role {
        Role::SiteManager | Role::Engineer | Role::Dispatcher | Role::Manager | Role::Admin => true,
        Role::Customer => false,
    }
}

/// The organization a caller's lists are limited to: `None` for staff (all of them).
pub fn scope(actor: &Actor) -> Option<i32> {
    (!actor.role.is_staff()).then_some(actor.org_id)
}

/// Whether the caller may see the devices of `org_id`.
pub fn sees(actor: &Actor, org_id: i32) -> bool {
    scope(actor).is_none_or(|own| own == org_id)
}

/// Whether the caller may change the devices of `org_id`.
pub fn edits(actor: &Actor, org_id: i32) -> bool {
    edits_equipment(actor.role) && sees(actor, org_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_on_its_own_and_another_organization() {
        for role in Role::ALL {
            let actor = Actor { user_id: 1, org_id: 7, role };
            let staff = role.is_staff();
            assert!(sees(&actor, 7) || staff, "{role:?}");
            assert_eq!(sees(&actor, 8), staff, "{role:?} on another organization");
            assert_eq!(edits(&actor, 7), role != Role::Customer, "{role:?}");
            assert_eq!(edits(&actor, 8), staff, "{role:?} edits another organization's");
        }
    }
}
