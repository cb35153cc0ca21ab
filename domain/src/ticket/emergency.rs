//! Emergency plans (DOMAIN.md, "Escalation and emergencies"): when experts cannot solve a
//! fault, the provider (1) calls in the original vendor, (2) buys spare parts, or (3) sends a
//! team on site after a disaster. These cost money and people, so each step is recorded on
//! the request with who authorised it.
//!
//! ```text
//! (none) | Refused | Authorised ─request→ Requested   (staff working the request, with a reason)
//! Requested ─authorise | refuse→ Authorised | Refused  (manager or admin only)
//! ```
//!
//! `current` is the status of the request's latest plan of the same kind. One proposal of a
//! kind waits for a decision at a time; once decided (either way) a new one may be proposed,
//! e.g. a second spare-parts purchase, or a refused plan proposed again with a better reason.
//!
//! Whoever works the request may propose: the assigned engineer, a dispatcher, a manager or
//! an admin. Only a manager or an admin may decide, because the plan commits the provider's
//! budget and staff; an engineer or a dispatcher cannot, even one who proposed it. Customers
//! take no part (they are told through the request's history). Checks run in the order of
//! `lifecycle`: status first, then the actor.
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error_code::FieldError;

use super::actor::{ActorKind, StaffRole};
use super::field::{choice, collect, required_text};

pub const EMERGENCY_REASON_MAX: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmergencyKind {
    /// Call in the original vendor.
    VendorSupport,
    /// Buy spare parts (stock below what the commitments need).
    SparePartsPurchase,
    /// Fire, flood, outage of the whole system: a team goes on site.
    DisasterResponse,
}

impl EmergencyKind {
    pub const ALL: [EmergencyKind; 3] = [EmergencyKind::VendorSupport, EmergencyKind::SparePartsPurchase, EmergencyKind::DisasterResponse];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EmergencyKind::VendorSupport => "vendor_support",
            EmergencyKind::SparePartsPurchase => "spare_parts_purchase",
            EmergencyKind::DisasterResponse => "disaster_response",
        }
    }

    pub fn parse(s: &str) -> Option<EmergencyKind> {
        EmergencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmergencyStatus {
    Requested,
    Authorised,
    Refused,
}

impl EmergencyStatus {
    pub const ALL: [EmergencyStatus; 3] = [EmergencyStatus::Requested, EmergencyStatus::Authorised, EmergencyStatus::Refused];

    /// The stable name stored in the database (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EmergencyStatus::Requested => "requested",
            EmergencyStatus::Authorised => "authorised",
            EmergencyStatus::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<EmergencyStatus> {
        EmergencyStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmergencyAction {
    Request,
    Authorise,
    Refuse,
}

impl EmergencyAction {
    pub const ALL: [EmergencyAction; 3] = [EmergencyAction::Request, EmergencyAction::Authorise, EmergencyAction::Refuse];

    /// The stable name sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EmergencyAction::Request => "request",
            EmergencyAction::Authorise => "authorise",
            EmergencyAction::Refuse => "refuse",
        }
    }

    pub fn parse(s: &str) -> Option<EmergencyAction> {
        EmergencyAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Why an emergency-plan action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EmergencyError {
    /// The action makes no sense for the latest plan's status (for anyone).
    NotAllowedFromStatus { from: Option<EmergencyStatus>, action: EmergencyAction },
    /// Customers, the system, or anyone but a manager or admin deciding.
    NotYourRole,
    /// An engineer proposing on a request assigned to someone else.
    NotAssignee,
}

impl EmergencyError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            EmergencyError::NotAllowedFromStatus { .. } => "not_allowed_from_status",
            EmergencyError::NotYourRole => "not_your_role",
            EmergencyError::NotAssignee => "not_assignee",
        }
    }

    /// Refused because of who acts (HTTP 403), rather than the plan's state (409).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, EmergencyError::NotYourRole | EmergencyError::NotAssignee)
    }
}

impl fmt::Display for EmergencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmergencyError::NotAllowedFromStatus { from, action } => {
                let from = from.map_or("none", EmergencyStatus::as_str);
                write!(f, "emergency action {} is not allowed when the plan is {from}", action.as_str())
            }
            EmergencyError::NotYourRole => f.write_str("this role may not take this emergency-plan action"),
            EmergencyError::NotAssignee => f.write_str("the request is assigned to another engineer"),
        }
    }
}

impl std::error::Error for EmergencyError {}

/// The latest plan's status after `action`, or why it is refused. `is_assignee`: the actor
/// is the request's engineer (only looked at for engineers proposing).
pub fn emergency_transition(
    current: Option<EmergencyStatus>,
    action: EmergencyAction,
    actor: ActorKind,
    is_assignee: bool,
) -> Result<EmergencyStatus, EmergencyError> {
    use EmergencyAction as A;
    use EmergencyStatus as S;
    let to = match (action, current) {
        (A::Request, None | Some(S::Authorised | S::Refused)) => S::Requested,
        (A::Authorise, Some(S::Requested)) => S::Authorised,
        (A::Refuse, Some(S::Requested)) => S::Refused,
        _ => return Err(EmergencyError::NotAllowedFromStatus { from: current, action }),
    };
    let ActorKind::Staff(role) = actor else {
        return Err(EmergencyError::NotYourRole);
    };
    match (action, role) {
        (A::Request, StaffRole::Engineer) if !is_assignee => Err(EmergencyError::NotAssignee),
        (A::Request, _) | (A::Authorise | A::Refuse, StaffRole::Manager | StaffRole::Admin) => Ok(to),
        _ => Err(EmergencyError::NotYourRole),
    }
}

/// The actions `actor` may take now, in `EmergencyAction::ALL` order (the buttons to show).
pub fn allowed_emergency_actions(current: Option<EmergencyStatus>, actor: ActorKind, is_assignee: bool) -> Vec<EmergencyAction> {
    EmergencyAction::ALL.into_iter().filter(|&a| emergency_transition(current, a, actor, is_assignee).is_ok()).collect()
}

/// Why the plan is needed (field `reason`): required, trimmed, at most 2000 characters.
pub fn validate_emergency_reason(reason: &str) -> Result<String, FieldError> {
    required_text("reason", reason, EMERGENCY_REASON_MAX)
}

/// The proposal form (fields `kind`, `reason`), every field's problem at once.
pub fn validate_emergency_proposal(kind_raw: &str, reason: &str) -> Result<(EmergencyKind, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = collect(choice("kind", kind_raw, EmergencyKind::parse), &mut errors);
    let reason = collect(validate_emergency_reason(reason), &mut errors);
    match (kind, reason) {
        (Some(kind), Some(reason)) => Ok((kind, reason)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
