//! Manual escalation (DOMAIN.md, "Escalation and emergencies": engineer, then technical
//! expert, then management). Automatic severity upgrades when a limit is missed are
//! `crate::sla::escalation`; this is a person asking for more help, with a reason that goes
//! into the request's history.
//!
//! Only provider staff escalate: the customer's way to ask for more is a comment or a
//! rejected resolution, which staff then act on. Escalation is for work still to be done:
//! every open status except `Resolved` (the provider has delivered and the customer is
//! deciding; if they reject the fix, the request is back `InProgress` and may be escalated).
//! Whether an engineer must be the assignee is left to the server's visibility rules.
use serde::{Deserialize, Serialize};

use crate::error_code::FieldError;

use super::actor::ActorKind;
use super::field::{choice, collect, required_text};
use super::status::Status;

pub const ESCALATION_REASON_MAX: usize = 2000;

/// The next level of help, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationTarget {
    /// A technical expert.
    Expert,
    /// The provider's management.
    Management,
}

impl EscalationTarget {
    pub const ALL: [EscalationTarget; 2] = [EscalationTarget::Expert, EscalationTarget::Management];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EscalationTarget::Expert => "expert",
            EscalationTarget::Management => "management",
        }
    }

    pub fn parse(s: &str) -> Option<EscalationTarget> {
        EscalationTarget::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The escalation form (fields `target`, `reason`), every field's problem at once.
pub fn validate_escalation(target_raw: &str, reason: &str) -> Result<(EscalationTarget, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let target = collect(choice("target", target_raw, EscalationTarget::parse), &mut errors);
    let reason = collect(required_text("reason", reason, ESCALATION_REASON_MAX), &mut errors);
    match (target, reason) {
        (Some(target), Some(reason)) => Ok((target, reason)),
        _ => Err(errors),
    }
}

/// Staff, on a request with work still to do (see the module doc).
pub fn may_escalate(actor: ActorKind, status: Status) -> bool {
    matches!(actor, ActorKind::Staff(_)) && status.is_open() && status != Status::Resolved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code::ErrorCode;
    use crate::ticket::actor::StaffRole;
    use serde::de::{value::Error as DeError, IntoDeserializer};

    #[test]
    fn names_round_trip_and_match_serde() {
        let expected = [(EscalationTarget::Expert, "expert"), (EscalationTarget::Management, "management")];
        assert_eq!(expected.map(|(t, _)| t), EscalationTarget::ALL);
        for (t, name) in expected {
            assert_eq!((t.as_str(), EscalationTarget::parse(name)), (name, Some(t)));
            let de: Result<EscalationTarget, DeError> = EscalationTarget::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(t));
        }
        for bad in ["", "Expert", "manager", "vendor"] {
            assert_eq!(EscalationTarget::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_form() {
        type Errors = Vec<(String, ErrorCode)>;
        type Want = Result<(EscalationTarget, String), Errors>;
        let cases: [(&str, String, Want); 8] = [
            (" expert ", " RAID rebuild keeps failing. ".into(), Ok((EscalationTarget::Expert, "RAID rebuild keeps failing.".into()))),
            ("management", "升".repeat(2000), Ok((EscalationTarget::Management, "升".repeat(2000)))),
            ("management", "升".repeat(2001), Err(vec![("reason".into(), ErrorCode::TooLong { max: 2000 })])),
            ("expert", "\n".into(), Err(vec![("reason".into(), ErrorCode::Required)])),
            (" ", "x".into(), Err(vec![("target".into(), ErrorCode::Required)])),
            ("boss", "x".into(), Err(vec![("target".into(), ErrorCode::InvalidChoice)])),
            ("Management", "x".into(), Err(vec![("target".into(), ErrorCode::InvalidChoice)])),
            ("", "".into(), Err(vec![("target".into(), ErrorCode::Required), ("reason".into(), ErrorCode::Required)])),
        ];
        for (target, reason, want) in cases {
            let got = validate_escalation(target, &reason).map_err(|es| es.into_iter().map(|e| (e.field, e.code)).collect::<Errors>());
            assert_eq!(got, want, "{target:?} / {} chars", reason.chars().count());
        }
    }

    #[test]
    fn staff_on_requests_with_work_to_do() {
        let work_to_do =
            |s: Status| matches!(s, Status::New | Status::Triaged | Status::Assigned | Status::InProgress | Status::WaitingOnCustomer | Status::Reopened);
        for status in Status::ALL {
            for role in StaffRole::ALL {
                assert_eq!(may_escalate(ActorKind::Staff(role), status), work_to_do(status), "{role:?} {status:?}");
            }
            assert!(!may_escalate(ActorKind::Requester, status), "requester {status:?}");
            assert!(!may_escalate(ActorKind::System, status), "system {status:?}");
        }
    }
}
