//! The emergency-plan rules written out as a table (latest status × action × actor),
//! independently of the code, plus names and the proposal form.
use super::*;
use crate::error_code::ErrorCode;
use serde::de::{value::Error as DeError, IntoDeserializer};

#[derive(Clone, Copy, Debug)]
enum Exp {
    To(EmergencyStatus),
    BadSt,
    NoRole,
    NotAsg,
}
use EmergencyAction::*;
use EmergencyStatus::*;
use Exp::*;

/// The columns: the customer side, the assigned engineer, another engineer, dispatcher,
/// manager, admin, the system.
const ACTORS: [(ActorKind, bool); 7] = [
    (ActorKind::Requester, false),
    (ActorKind::Staff(StaffRole::Engineer), true),
    (ActorKind::Staff(StaffRole::Engineer), false),
    (ActorKind::Staff(StaffRole::Dispatcher), false),
    (ActorKind::Staff(StaffRole::Manager), false),
    (ActorKind::Staff(StaffRole::Admin), false),
    (ActorKind::System, false),
];

const NO: [Exp; 7] = [BadSt; 7];
const PROPOSE: [Exp; 7] = [NoRole, To(Requested), NotAsg, To(Requested), To(Requested), To(Requested), NoRole];
/// The assigned engineer and the dispatcher cannot decide.
const fn decide(to: EmergencyStatus) -> [Exp; 7] {
    [NoRole, NoRole, NoRole, NoRole, To(to), To(to), NoRole]
}

#[rustfmt::skip]
const TABLE: [(Option<EmergencyStatus>, EmergencyAction, [Exp; 7]); 12] = [
    (None,             Request,   PROPOSE),
    (None,             Authorise, NO),
    (None,             Refuse,    NO),
    (Some(Requested),  Request,   NO),
    (Some(Requested),  Authorise, decide(Authorised)),
    (Some(Requested),  Refuse,    decide(Refused)),
    (Some(Authorised), Request,   PROPOSE),
    (Some(Authorised), Authorise, NO),
    (Some(Authorised), Refuse,    NO),
    (Some(Refused),    Request,   PROPOSE),
    (Some(Refused),    Authorise, NO),
    (Some(Refused),    Refuse,    NO),
];

#[test]
fn table_covers_every_status_and_action_once() {
    let mut rows = TABLE.iter();
    for current in std::iter::once(None).chain(EmergencyStatus::ALL.map(Some)) {
        for action in EmergencyAction::ALL {
            let (c, a, _) = rows.next().unwrap();
            assert_eq!((*c, *a), (current, action));
        }
    }
    assert!(rows.next().is_none());
}

#[test]
fn every_status_action_and_actor_matches_the_table() {
    for (current, action, cells) in TABLE {
        for ((actor, is_assignee), cell) in ACTORS.into_iter().zip(cells) {
            let want = match cell {
                To(s) => Ok(s),
                BadSt => Err(EmergencyError::NotAllowedFromStatus { from: current, action }),
                NoRole => Err(EmergencyError::NotYourRole),
                NotAsg => Err(EmergencyError::NotAssignee),
            };
            assert_eq!(emergency_transition(current, action, actor, is_assignee), want, "{current:?} --{action:?}--> by {actor:?} (assignee {is_assignee})");
        }
    }
}

#[test]
fn dispatchers_and_engineers_cannot_authorise_or_refuse_even_as_assignee() {
    for role in [StaffRole::Dispatcher, StaffRole::Engineer] {
        for is_assignee in [false, true] {
            for action in [Authorise, Refuse] {
                assert_eq!(
                    emergency_transition(Some(Requested), action, ActorKind::Staff(role), is_assignee),
                    Err(EmergencyError::NotYourRole),
                    "{role:?} {action:?} assignee={is_assignee}"
                );
            }
        }
    }
    for role in [StaffRole::Manager, StaffRole::Admin] {
        assert_eq!(emergency_transition(Some(Requested), Authorise, ActorKind::Staff(role), false), Ok(Authorised));
    }
}

#[test]
fn customers_and_the_system_can_do_nothing() {
    for actor in [ActorKind::Requester, ActorKind::System] {
        for current in [None, Some(Requested), Some(Authorised), Some(Refused)] {
            for is_assignee in [false, true] {
                assert_eq!(allowed_emergency_actions(current, actor, is_assignee), vec![], "{actor:?} {current:?}");
            }
        }
    }
}

#[test]
fn allowed_actions_follow_the_transition() {
    let manager = ActorKind::Staff(StaffRole::Manager);
    let engineer = ActorKind::Staff(StaffRole::Engineer);
    let table: [(Option<EmergencyStatus>, ActorKind, bool, Vec<EmergencyAction>); 6] = [
        (None, engineer, true, vec![Request]),
        (None, engineer, false, vec![]),
        (Some(Requested), engineer, true, vec![]),
        (Some(Requested), manager, false, vec![Authorise, Refuse]),
        (Some(Refused), manager, false, vec![Request]),
        (Some(Authorised), ActorKind::Staff(StaffRole::Dispatcher), false, vec![Request]),
    ];
    for (current, actor, asg, want) in table {
        assert_eq!(allowed_emergency_actions(current, actor, asg), want, "{current:?} {actor:?} {asg}");
    }
}

#[test]
fn names_round_trip_and_match_serde() {
    let kinds = [
        (EmergencyKind::VendorSupport, "vendor_support"),
        (EmergencyKind::SparePartsPurchase, "spare_parts_purchase"),
        (EmergencyKind::DisasterResponse, "disaster_response"),
    ];
    assert_eq!(kinds.map(|(k, _)| k), EmergencyKind::ALL);
    for (k, name) in kinds {
        assert_eq!((k.as_str(), EmergencyKind::parse(name)), (name, Some(k)));
        let de: Result<EmergencyKind, DeError> = EmergencyKind::deserialize(name.into_deserializer());
        assert_eq!(de, Ok(k));
    }
    let statuses = [(Requested, "requested"), (Authorised, "authorised"), (Refused, "refused")];
    assert_eq!(statuses.map(|(s, _)| s), EmergencyStatus::ALL);
    for (s, name) in statuses {
        assert_eq!((s.as_str(), EmergencyStatus::parse(name)), (name, Some(s)));
        let de: Result<EmergencyStatus, DeError> = EmergencyStatus::deserialize(name.into_deserializer());
        assert_eq!(de, Ok(s));
    }
    let actions = [(Request, "request"), (Authorise, "authorise"), (Refuse, "refuse")];
    assert_eq!(actions.map(|(a, _)| a), EmergencyAction::ALL);
    for (a, name) in actions {
        assert_eq!((a.as_str(), EmergencyAction::parse(name)), (name, Some(a)));
        let de: Result<EmergencyAction, DeError> = EmergencyAction::deserialize(name.into_deserializer());
        assert_eq!(de, Ok(a));
    }
    for bad in ["", "authorized", "Vendor_Support", "vendor"] {
        assert_eq!((EmergencyKind::parse(bad), EmergencyStatus::parse(bad), EmergencyAction::parse(bad)), (None, None, None), "{bad:?}");
    }
}

#[test]
fn errors_have_codes_sentences_and_http_kinds() {
    let table = [
        (
            EmergencyError::NotAllowedFromStatus { from: None, action: Authorise },
            "not_allowed_from_status",
            "emergency action authorise is not allowed when the plan is none",
            false,
        ),
        (
            EmergencyError::NotAllowedFromStatus { from: Some(Requested), action: Request },
            "not_allowed_from_status",
            "emergency action request is not allowed when the plan is requested",
            false,
        ),
        (EmergencyError::NotYourRole, "not_your_role", "this role may not take this emergency-plan action", true),
        (EmergencyError::NotAssignee, "not_assignee", "the request is assigned to another engineer", true),
    ];
    for (e, code, text, forbidden) in table {
        assert_eq!(e.code(), code);
        assert_eq!(e.to_string(), text);
        assert_eq!(e.is_forbidden(), forbidden, "{e:?}");
        assert_eq!(serde_json::to_value(e).unwrap()["code"], code, "serde tag matches code()");
    }
}

#[test]
fn the_proposal_form() {
    type Errors = Vec<(String, ErrorCode)>;
    type Want = Result<(EmergencyKind, String), Errors>;
    let cases: [(&str, String, Want); 8] = [
        (" vendor_support ", "  Controller board fails again. ".into(), Ok((EmergencyKind::VendorSupport, "Controller board fails again.".into()))),
        ("disaster_response", "因".repeat(2000), Ok((EmergencyKind::DisasterResponse, "因".repeat(2000)))),
        ("spare_parts_purchase", "因".repeat(2001), Err(vec![("reason".into(), ErrorCode::TooLong { max: 2000 })])),
        ("spare_parts_purchase", " ".into(), Err(vec![("reason".into(), ErrorCode::Required)])),
        ("", "x".into(), Err(vec![("kind".into(), ErrorCode::Required)])),
        ("fire", "x".into(), Err(vec![("kind".into(), ErrorCode::InvalidChoice)])),
        ("VendorSupport", "x".into(), Err(vec![("kind".into(), ErrorCode::InvalidChoice)])),
        ("", "".into(), Err(vec![("kind".into(), ErrorCode::Required), ("reason".into(), ErrorCode::Required)])),
    ];
    for (kind, reason, want) in cases {
        let got = validate_emergency_proposal(kind, &reason).map_err(|es| es.into_iter().map(|e| (e.field, e.code)).collect::<Errors>());
        assert_eq!(got, want, "{kind:?} / {} chars", reason.chars().count());
    }
    assert_eq!(validate_emergency_reason(" why "), Ok("why".into()));
}
