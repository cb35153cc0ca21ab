//! Who acts on a service request, as the lifecycle rules see them.
//!
//! The lifecycle does not decide visibility: a customer of another organization, or a
//! customer who is neither the requester nor a site manager of its organization, never gets
//! this far (the server answers `NotFound`, ARCHITECTURE.md). So every customer-side user who
//! reaches the rules is on the requester side, and `ActorKind::from_role` can map the two
//! customer roles to `Requester` without further flags.
use serde::{Deserialize, Serialize};

use crate::role::Role;

/// Provider staff roles. A separate type so that `ActorKind::Staff(Customer)` cannot exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Engineer,
    Dispatcher,
    Manager,
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [StaffRole::Engineer, StaffRole::Dispatcher, StaffRole::Manager, StaffRole::Admin];

    /// `None` for the customer-side roles.
    pub fn from_role(role: Role) -> Option<StaffRole> {
        match role {
            Role::Engineer => Some(StaffRole::Engineer),
            Role::Dispatcher => Some(StaffRole::Dispatcher),
            Role::Manager => Some(StaffRole::Manager),
            Role::Admin => Some(StaffRole::Admin),
            Role::Customer | Role::SiteManager => None,
        }
    }

    pub fn role(self) -> Role {
        match self {
            StaffRole::Engineer => Role::Engineer,
            StaffRole::Dispatcher => Role::Dispatcher,
            StaffRole::Manager => Role::Manager,
            StaffRole::Admin => Role::Admin,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// The customer who reported the request, or a site manager of that organization.
    Requester,
    /// Provider staff. Whether an engineer is the assignee is in `TransitionContext`.
    Staff(StaffRole),
    /// Background jobs (auto-close). Never a signed-in user.
    System,
}

impl ActorKind {
    /// The kind of a signed-in user whose access to the request is already established
    /// (see the module doc): customers and site managers act as the requester side.
    pub fn from_role(role: Role) -> ActorKind {
        match StaffRole::from_role(role) {
            Some(staff) => ActorKind::Staff(staff),
            None => ActorKind::Requester,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_map_to_actor_kinds() {
        let expected = [
            (Role::Customer, ActorKind::Requester),
            (Role::SiteManager, ActorKind::Requester),
            (Role::Engineer, ActorKind::Staff(StaffRole::Engineer)),
            (Role::Dispatcher, ActorKind::Staff(StaffRole::Dispatcher)),
            (Role::Manager, ActorKind::Staff(StaffRole::Manager)),
            (Role::Admin, ActorKind::Staff(StaffRole::Admin)),
        ];
        assert_eq!(expected.map(|(r, _)| r), Role::ALL);
        for (role, kind) in expected {
            assert_eq!(ActorKind::from_role(role), kind, "{role:?}");
            assert_eq!(StaffRole::from_role(role).is_some(), role.is_staff(), "{role:?}");
        }
        for staff in StaffRole::ALL {
            assert_eq!(StaffRole::from_role(staff.role()), Some(staff));
        }
    }
}
