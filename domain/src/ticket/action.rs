//! What someone can do to a service request: the edges of the lifecycle (see `lifecycle`).
//!
//! An action carries no data: who is assigned, the new severity or a comment are the server
//! function's business. The state machine only needs to know which edge is taken.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Dispatcher classifies a new request (kind, severity).
    Triage,
    /// Name the first engineer.
    Assign,
    /// The engineer starts (or resumes, after a reopen) the work.
    StartWork,
    /// The provider needs information or access from the customer: pauses the clock.
    AskCustomer,
    /// The customer answered: the work resumes.
    CustomerReplied,
    /// The provider says it is fixed.
    Resolve,
    /// The customer confirms the fix: closes.
    ConfirmResolution,
    /// The customer says it is not fixed: back to work.
    RejectResolution,
    /// Nobody answered a resolved request for long enough: closes by itself.
    AutoClose,
    /// The customer reopens a closed request within the reopen window.
    Reopen,
    /// Withdraw the request before it is resolved.
    Cancel,
    /// Hand the request to another engineer.
    Reassign,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::Triage,
        Action::Assign,
        Action::StartWork,
        Action::AskCustomer,
        Action::CustomerReplied,
        Action::Resolve,
        Action::ConfirmResolution,
        Action::RejectResolution,
        Action::AutoClose,
        Action::Reopen,
        Action::Cancel,
        Action::Reassign,
    ];

    /// The stable name sent in forms and written to the history (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Triage => "triage",
            Action::Assign => "assign",
            Action::StartWork => "start_work",
            Action::AskCustomer => "ask_customer",
            Action::CustomerReplied => "customer_replied",
            Action::Resolve => "resolve",
            Action::ConfirmResolution => "confirm_resolution",
            Action::RejectResolution => "reject_resolution",
            Action::AutoClose => "auto_close",
            Action::Reopen => "reopen",
            Action::Cancel => "cancel",
            Action::Reassign => "reassign",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};
    use std::collections::HashSet;

    #[test]
    fn names_round_trip_are_unique_and_match_serde() {
        let expected = [
            (Action::Triage, "triage"),
            (Action::Assign, "assign"),
            (Action::StartWork, "start_work"),
            (Action::AskCustomer, "ask_customer"),
            (Action::CustomerReplied, "customer_replied"),
            (Action::Resolve, "resolve"),
            (Action::ConfirmResolution, "confirm_resolution"),
            (Action::RejectResolution, "reject_resolution"),
            (Action::AutoClose, "auto_close"),
            (Action::Reopen, "reopen"),
            (Action::Cancel, "cancel"),
            (Action::Reassign, "reassign"),
        ];
        assert_eq!(expected.map(|(a, _)| a), Action::ALL, "ALL lists every action once, in order");
        for (action, name) in expected {
            assert_eq!(action.as_str(), name);
            assert_eq!(Action::parse(name), Some(action));
            let de: Result<Action, DeError> = Action::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(action), "serde name of {action:?}");
        }
        let names: HashSet<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(names.len(), Action::ALL.len());
        for bad in ["", "Triage", "start-work", "close", "delete"] {
            assert_eq!(Action::parse(bad), None, "{bad:?}");
        }
    }
}
