//! Changing a request's severity by hand (DOMAIN.md, "Severity levels"; the dispatcher
//! "classifies, sets severity"). The severity decides the resolution limit, so a change is
//! recorded with a reason in the history, and only the service desk and above make it:
//! dispatchers, managers and admins. Engineers ask the desk; customers state a severity when
//! they report, and cannot change it afterwards.
//!
//! The new severity may be posted as its level ("1" to "3", as the new-request form sends
//! it) or its name ("critical", "major", "minor"), so either select works. Changing to the
//! same severity is refused (`Unchanged`): it would record a change that is none.
use crate::error_code::{ErrorCode, FieldError};
use crate::sla::Severity;

use super::actor::{ActorKind, StaffRole};
use super::field::{choice, collect, required_text};

pub const SEVERITY_REASON_MAX: usize = 2000;

/// The severity-change form (fields `severity`, `reason`), every field's problem at once.
pub fn validate_severity_change(current: Severity, new_raw: &str, reason: &str) -> Result<(Severity, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let new =
        choice("severity", new_raw, parse_severity).and_then(|s| if s == current { Err(FieldError::new("severity", ErrorCode::Unchanged)) } else { Ok(s) });
    let new = collect(new, &mut errors);
    let reason = collect(required_text("reason", reason, SEVERITY_REASON_MAX), &mut errors);
    match (new, reason) {
        (Some(new), Some(reason)) => Ok((new, reason)),
        _ => Err(errors),
    }
}

fn parse_severity(s: &str) -> Option<Severity> {
    Severity::parse(s).or_else(|| s.parse::<u8>().ok().and_then(Severity::from_level))
}

/// The service desk and above (see the module doc).
pub fn may_triage(actor: ActorKind) -> bool {
    matches!(actor, ActorKind::Staff(StaffRole::Dispatcher | StaffRole::Manager | StaffRole::Admin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Severity::*;

    type Errors = Vec<(String, ErrorCode)>;

    fn check(current: Severity, raw: &str, reason: &str) -> Result<(Severity, String), Errors> {
        validate_severity_change(current, raw, reason).map_err(|es| es.into_iter().map(|e| (e.field, e.code)).collect())
    }

    #[test]
    fn every_current_and_new_severity() {
        for current in Severity::ALL {
            for new in Severity::ALL {
                let want = if new == current { Err(vec![("severity".to_string(), ErrorCode::Unchanged)]) } else { Ok((new, "why".to_string())) };
                for raw in [new.as_str().to_string(), new.level().to_string(), format!(" {} ", new.level())] {
                    assert_eq!(check(current, &raw, " why "), want, "{current:?} -> {raw:?}");
                }
            }
        }
    }

    #[test]
    fn unknown_or_missing_severities() {
        assert_eq!(check(Minor, "  ", "why"), Err(vec![("severity".into(), ErrorCode::Required)]));
        for bad in ["0", "4", "-1", "Critical", "high", "1.0", "p1"] {
            assert_eq!(check(Minor, bad, "why"), Err(vec![("severity".into(), ErrorCode::InvalidChoice)]), "{bad:?}");
        }
    }

    #[test]
    fn reason_is_required_up_to_2000_characters() {
        assert_eq!(check(Minor, "1", ""), Err(vec![("reason".into(), ErrorCode::Required)]));
        assert_eq!(check(Minor, "1", &"因".repeat(2001)), Err(vec![("reason".into(), ErrorCode::TooLong { max: 2000 })]));
        assert_eq!(check(Minor, "1", &"因".repeat(2000)), Ok((Critical, "因".repeat(2000))));
        assert_eq!(check(Major, "major", " "), Err(vec![("severity".into(), ErrorCode::Unchanged), ("reason".into(), ErrorCode::Required)]));
    }

    #[test]
    fn only_the_service_desk_and_above_triage() {
        let table = [
            (ActorKind::Requester, false),
            (ActorKind::System, false),
            (ActorKind::Staff(StaffRole::Engineer), false),
            (ActorKind::Staff(StaffRole::Dispatcher), true),
            (ActorKind::Staff(StaffRole::Manager), true),
            (ActorKind::Staff(StaffRole::Admin), true),
        ];
        for (actor, want) in table {
            assert_eq!(may_triage(actor), want, "{actor:?}");
        }
    }
}
