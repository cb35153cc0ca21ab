//! The remote-session rules written out as a table (latest status × action × actor),
//! independently of the code, plus names and the two text checks.
use super::*;
use crate::error_code::ErrorCode;
use serde::de::{value::Error as DeError, IntoDeserializer};

#[derive(Clone, Copy, Debug)]
enum Exp {
    To(RemoteStatus),
    BadSt,
    NoRole,
    NotAsg,
}
use Exp::*;
use RemoteAction::*;
use RemoteStatus::*;

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
const fn staff(to: RemoteStatus) -> [Exp; 7] {
    [NoRole, To(to), NotAsg, To(to), To(to), To(to), NoRole]
}
const fn customer(to: RemoteStatus) -> [Exp; 7] {
    [To(to), NoRole, NoRole, NoRole, NoRole, NoRole, NoRole]
}

#[rustfmt::skip]
const TABLE: [(Option<RemoteStatus>, RemoteAction, [Exp; 7]); 30] = [
    (None, Request,  staff(Requested)),
    (None, Approve,  NO),
    (None, Refuse,   NO),
    (None, Complete, NO),
    (None, Withdraw, NO),

    (Some(Requested), Request,  NO),
    (Some(Requested), Approve,  customer(Approved)),
    (Some(Requested), Refuse,   customer(Refused)),
    (Some(Requested), Complete, NO),
    (Some(Requested), Withdraw, staff(Withdrawn)),

    (Some(Approved), Request,  NO),
    (Some(Approved), Approve,  NO),
    (Some(Approved), Refuse,   NO),
    (Some(Approved), Complete, staff(Completed)),
    (Some(Approved), Withdraw, staff(Withdrawn)),

    (Some(Refused), Request,  staff(Requested)),
    (Some(Refused), Approve,  NO),
    (Some(Refused), Refuse,   NO),
    (Some(Refused), Complete, NO),
    (Some(Refused), Withdraw, NO),

    (Some(Completed), Request,  staff(Requested)),
    (Some(Completed), Approve,  NO),
    (Some(Completed), Refuse,   NO),
    (Some(Completed), Complete, NO),
    (Some(Completed), Withdraw, NO),

    (Some(Withdrawn), Request,  staff(Requested)),
    (Some(Withdrawn), Approve,  NO),
    (Some(Withdrawn), Refuse,   NO),
    (Some(Withdrawn), Complete, NO),
    (Some(Withdrawn), Withdraw, NO),
];

fn currents() -> Vec<Option<RemoteStatus>> {
    std::iter::once(None).chain(RemoteStatus::ALL.map(Some)).collect()
}

#[test]
fn table_covers_every_status_and_action_once() {
    let mut rows = TABLE.iter();
    for current in currents() {
        for action in RemoteAction::ALL {
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
                BadSt => Err(RemoteError::NotAllowedFromStatus { from: current, action }),
                NoRole => Err(RemoteError::NotYourRole),
                NotAsg => Err(RemoteError::NotAssignee),
            };
            assert_eq!(remote_transition(current, action, actor, is_assignee), want, "{current:?} --{action:?}--> by {actor:?} (assignee {is_assignee})");
        }
    }
}

#[test]
fn is_assignee_matters_only_for_engineers() {
    for (current, action, _) in TABLE {
        for actor in [ActorKind::Requester, ActorKind::System].into_iter().chain(StaffRole::ALL.map(ActorKind::Staff)) {
            if actor == ActorKind::Staff(StaffRole::Engineer) {
                continue;
            }
            assert_eq!(remote_transition(current, action, actor, true), remote_transition(current, action, actor, false), "{actor:?}");
        }
    }
}

#[test]
fn only_the_customer_side_can_approve_and_nobody_approves_twice() {
    for actor in StaffRole::ALL.map(ActorKind::Staff).into_iter().chain([ActorKind::System]) {
        assert_eq!(remote_transition(Some(Requested), Approve, actor, true), Err(RemoteError::NotYourRole), "{actor:?}");
    }
    assert!(remote_transition(Some(Approved), Approve, ActorKind::Requester, false).is_err());
}

#[test]
fn allowed_actions_follow_the_transition() {
    let engineer = ActorKind::Staff(StaffRole::Engineer);
    let table: [(Option<RemoteStatus>, ActorKind, bool, Vec<RemoteAction>); 8] = [
        (None, engineer, true, vec![Request]),
        (None, engineer, false, vec![]),
        (None, ActorKind::Requester, false, vec![]),
        (Some(Requested), ActorKind::Requester, false, vec![Approve, Refuse]),
        (Some(Requested), ActorKind::Staff(StaffRole::Dispatcher), false, vec![Withdraw]),
        (Some(Approved), engineer, true, vec![Complete, Withdraw]),
        (Some(Approved), ActorKind::Requester, false, vec![]),
        (Some(Completed), ActorKind::Staff(StaffRole::Admin), false, vec![Request]),
    ];
    for (current, actor, asg, want) in table {
        assert_eq!(allowed_remote_actions(current, actor, asg), want, "{current:?} {actor:?} {asg}");
    }
}

#[test]
fn names_round_trip_and_match_serde() {
    let statuses = [(Requested, "requested"), (Approved, "approved"), (Refused, "refused"), (Completed, "completed"), (Withdrawn, "withdrawn")];
    assert_eq!(statuses.map(|(s, _)| s), RemoteStatus::ALL);
    for (s, name) in statuses {
        assert_eq!((s.as_str(), RemoteStatus::parse(name)), (name, Some(s)));
        let de: Result<RemoteStatus, DeError> = RemoteStatus::deserialize(name.into_deserializer());
        assert_eq!(de, Ok(s));
        assert_eq!(s.is_open(), matches!(s, Requested | Approved), "{s:?}");
    }
    let actions = [(Request, "request"), (Approve, "approve"), (Refuse, "refuse"), (Complete, "complete"), (Withdraw, "withdraw")];
    assert_eq!(actions.map(|(a, _)| a), RemoteAction::ALL);
    for (a, name) in actions {
        assert_eq!((a.as_str(), RemoteAction::parse(name)), (name, Some(a)));
        let de: Result<RemoteAction, DeError> = RemoteAction::deserialize(name.into_deserializer());
        assert_eq!(de, Ok(a));
    }
    for bad in ["", "Approved", "approve ", "cancel"] {
        assert_eq!((RemoteStatus::parse(bad), RemoteAction::parse(bad)), (None, None), "{bad:?}");
    }
}

#[test]
fn errors_have_codes_sentences_and_http_kinds() {
    let table = [
        (
            RemoteError::NotAllowedFromStatus { from: None, action: Complete },
            "not_allowed_from_status",
            "remote action complete is not allowed when the session is none",
            false,
        ),
        (
            RemoteError::NotAllowedFromStatus { from: Some(Refused), action: Approve },
            "not_allowed_from_status",
            "remote action approve is not allowed when the session is refused",
            false,
        ),
        (RemoteError::NotYourRole, "not_your_role", "this role may not take this remote-session action", true),
        (RemoteError::NotAssignee, "not_assignee", "the request is assigned to another engineer", true),
    ];
    for (e, code, text, forbidden) in table {
        assert_eq!(e.code(), code);
        assert_eq!(e.to_string(), text);
        assert_eq!(e.is_forbidden(), forbidden, "{e:?}");
        assert_eq!(serde_json::to_value(e).unwrap()["code"], code, "serde tag matches code()");
    }
}

#[test]
fn the_plan_is_required_up_to_4000_characters() {
    let cases: [(String, Result<String, ErrorCode>); 5] = [
        (String::new(), Err(ErrorCode::Required)),
        ("  \n".into(), Err(ErrorCode::Required)),
        ("  Restart the DB service.\n".into(), Ok("Restart the DB service.".into())),
        ("计".repeat(4000), Ok("计".repeat(4000))),
        ("计".repeat(4001), Err(ErrorCode::TooLong { max: 4000 })),
    ];
    for (raw, want) in cases {
        assert_eq!(validate_remote_plan(&raw), want.map_err(|c| FieldError::new("plan", c)), "{} chars", raw.chars().count());
    }
}

#[test]
fn the_command_log_is_required_kept_verbatim_up_to_200000_characters() {
    let verbatim = "  $ systemctl status db\n    active (running)\n";
    let cases: [(String, Result<String, ErrorCode>); 6] = [
        (String::new(), Err(ErrorCode::Required)),
        (" \n\t\n".into(), Err(ErrorCode::Required)),
        (verbatim.into(), Ok(verbatim.into())),
        ("命".repeat(200_000), Ok("命".repeat(200_000))),
        ("命".repeat(200_001), Err(ErrorCode::TooLong { max: 200_000 })),
        // Whitespace counts too: the log is stored as given.
        (format!("{}  ", "x".repeat(199_999)), Err(ErrorCode::TooLong { max: 200_000 })),
    ];
    for (raw, want) in cases {
        assert_eq!(validate_command_log(&raw), want.map_err(|c| FieldError::new("command_log", c)), "{} chars", raw.chars().count());
    }
}
