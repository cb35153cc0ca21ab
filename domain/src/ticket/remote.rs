//! Remote access sessions (DOMAIN.md, "On-site and remote work"): the provider may log in to
//! the customer's system only after the customer approves, in writing, in the portal. The
//! plan is approved before it is carried out, every command sent is logged, and the log goes
//! to the customer with the fault report.
//!
//! ```text
//! (none) | Refused | Completed | Withdrawn ─request→ Requested   (staff, with the plan)
//! Requested ─approve | refuse→ Approved | Refused               (customer side)
//! Approved ─complete→ Completed                                 (staff, with the command log)
//! Requested | Approved ─withdraw→ Withdrawn                     (staff)
//! ```
//!
//! `current` is the status of the request's latest session, so at most one session is open
//! (`Requested` or `Approved`) at a time; a closed one lets a new one be requested.
//!
//! Staff "working the request" are the assigned engineer, and dispatchers, managers and
//! admins (who may stand in). Only the customer side may approve or refuse: the approval is
//! the customer's written consent, which nobody at the provider can give for them. Checks run
//! in the order of `lifecycle`: status first, then the actor.
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

use super::actor::{ActorKind, StaffRole};
use super::field::required_text;

pub const REMOTE_PLAN_MAX: usize = 4000;
pub const COMMAND_LOG_MAX: usize = 200_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteStatus {
    /// Staff asked for access with a plan; waiting for the customer.
    Requested,
    /// The customer approved the plan; staff may log in.
    Approved,
    /// The customer said no.
    Refused,
    /// The work is done and its command log recorded.
    Completed,
    /// Staff dropped the request (before or after approval).
    Withdrawn,
}

impl RemoteStatus {
    pub const ALL: [RemoteStatus; 5] =
        [RemoteStatus::Requested, RemoteStatus::Approved, RemoteStatus::Refused, RemoteStatus::Completed, RemoteStatus::Withdrawn];

    /// The stable name stored in the database (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteStatus::Requested => "requested",
            RemoteStatus::Approved => "approved",
            RemoteStatus::Refused => "refused",
            RemoteStatus::Completed => "completed",
            RemoteStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<RemoteStatus> {
        RemoteStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Still awaiting a decision or the work: no new session may be requested meanwhile.
    pub fn is_open(self) -> bool {
        matches!(self, RemoteStatus::Requested | RemoteStatus::Approved)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteAction {
    Request,
    Approve,
    Refuse,
    Complete,
    Withdraw,
}

impl RemoteAction {
    pub const ALL: [RemoteAction; 5] = [RemoteAction::Request, RemoteAction::Approve, RemoteAction::Refuse, RemoteAction::Complete, RemoteAction::Withdraw];

    /// The stable name sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteAction::Request => "request",
            RemoteAction::Approve => "approve",
            RemoteAction::Refuse => "refuse",
            RemoteAction::Complete => "complete",
            RemoteAction::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<RemoteAction> {
        RemoteAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Why a remote-session action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RemoteError {
    /// The action makes no sense for the latest session's status (for anyone).
    NotAllowedFromStatus { from: Option<RemoteStatus>, action: RemoteAction },
    /// Staff approving for the customer, a customer acting for the provider, the system.
    NotYourRole,
    /// An engineer acting on a request assigned to someone else.
    NotAssignee,
}

impl RemoteError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            RemoteError::NotAllowedFromStatus { .. } => "not_allowed_from_status",
            RemoteError::NotYourRole => "not_your_role",
            RemoteError::NotAssignee => "not_assignee",
        }
    }

    /// Refused because of who acts (HTTP 403), rather than the session's state (409).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, RemoteError::NotYourRole | RemoteError::NotAssignee)
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemoteError::NotAllowedFromStatus { from, action } => {
                let from = from.map_or("none", RemoteStatus::as_str);
                write!(f, "remote action {} is not allowed when the session is {from}", action.as_str())
            }
            RemoteError::NotYourRole => f.write_str("this role may not take this remote-session action"),
            RemoteError::NotAssignee => f.write_str("the request is assigned to another engineer"),
        }
    }
}

impl std::error::Error for RemoteError {}

/// The latest session's status after `action`, or why it is refused. `is_assignee`: the
/// actor is the request's engineer (only looked at for engineers).
pub fn remote_transition(current: Option<RemoteStatus>, action: RemoteAction, actor: ActorKind, is_assignee: bool) -> Result<RemoteStatus, RemoteError> {
    use RemoteAction as A;
    use RemoteStatus as S;
    let to = match (action, current) {
        (A::Request, None | Some(S::Refused | S::Completed | S::Withdrawn)) => S::Requested,
        (A::Approve, Some(S::Requested)) => S::Approved,
        (A::Refuse, Some(S::Requested)) => S::Refused,
        (A::Complete, Some(S::Approved)) => S::Completed,
        (A::Withdraw, Some(S::Requested | S::Approved)) => S::Withdrawn,
        _ => return Err(RemoteError::NotAllowedFromStatus { from: current, action }),
    };
    let customers_decision = matches!(action, A::Approve | A::Refuse);
    match actor {
        ActorKind::Requester if customers_decision => Ok(to),
        ActorKind::Staff(StaffRole::Engineer) if !customers_decision && !is_assignee => Err(RemoteError::NotAssignee),
        ActorKind::Staff(_) if !customers_decision => Ok(to),
        _ => Err(RemoteError::NotYourRole),
    }
}

/// The actions `actor` may take now, in `RemoteAction::ALL` order (the buttons to show).
pub fn allowed_remote_actions(current: Option<RemoteStatus>, actor: ActorKind, is_assignee: bool) -> Vec<RemoteAction> {
    RemoteAction::ALL.into_iter().filter(|&a| remote_transition(current, a, actor, is_assignee).is_ok()).collect()
}

/// The plan the customer approves (field `plan`): required, trimmed, at most 4000 characters.
pub fn validate_remote_plan(plan: &str) -> Result<String, FieldError> {
    required_text("plan", plan, REMOTE_PLAN_MAX)
}

/// The log of every command sent (field `command_log`): required, at most 200 000
/// characters. Kept verbatim (no trimming): it is a record, and indentation may matter.
pub fn validate_command_log(log: &str) -> Result<String, FieldError> {
    let code = if log.trim().is_empty() {
        ErrorCode::Required
    } else if log.chars().count() > COMMAND_LOG_MAX {
        ErrorCode::TooLong { max: COMMAND_LOG_MAX }
    } else {
        return Ok(log.to_string());
    };
    Err(FieldError::new("command_log", code))
}

#[cfg(test)]
mod tests;
