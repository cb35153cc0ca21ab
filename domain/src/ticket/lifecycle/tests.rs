//! The lifecycle written out as a table (status × action × actor), independently of the
//! code, plus the context rules (assignee, reopen window, auto-close delay).
use super::*;
use serde::de::{value::Error as DeError, value::MapDeserializer};

/// Expected outcome of one cell.
#[derive(Clone, Copy, Debug)]
enum Exp {
    To(Status),
    BadSt,
    NoRole,
    NotAsg,
    AlreadyAsg,
}
use Action::*;
use Exp::*;
use Status::*;

/// The columns of the table, in order: the requester side, the assigned engineer, another
/// engineer, dispatcher, manager, admin, the system.
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
const NOW: i64 = 1_780_000_000;
const DAY: i64 = SECONDS_PER_DAY;

#[rustfmt::skip]
const TABLE: [(Status, Action, [Exp; 7]); 108] = [
    //                          requester         engineer(own)     engineer(other) dispatcher        manager           admin             system
    (New, Triage,            [NoRole,           NoRole,           NoRole,         To(Triaged),      To(Triaged),      To(Triaged),      NoRole]),
    (New, Assign,            NO),
    (New, StartWork,         NO),
    (New, AskCustomer,       NO),
    (New, CustomerReplied,   NO),
    (New, Resolve,           NO),
    (New, ConfirmResolution, NO),
    (New, RejectResolution,  NO),
    (New, AutoClose,         NO),
    (New, Reopen,            NO),
    (New, Cancel,            [To(Cancelled),    NoRole,           NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (New, Reassign,          NO),

    (Triaged, Triage,            NO),
    (Triaged, Assign,            [NoRole,       NoRole,           NoRole,         To(Assigned),     To(Assigned),     To(Assigned),     NoRole]),
    (Triaged, StartWork,         NO),
    (Triaged, AskCustomer,       NO),
    (Triaged, CustomerReplied,   NO),
    (Triaged, Resolve,           NO),
    (Triaged, ConfirmResolution, NO),
    (Triaged, RejectResolution,  NO),
    (Triaged, AutoClose,         NO),
    (Triaged, Reopen,            NO),
    (Triaged, Cancel,            [To(Cancelled), NoRole,          NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (Triaged, Reassign,          NO),

    (Assigned, Triage,            NO),
    (Assigned, Assign,            NO),
    (Assigned, StartWork,         [NoRole,       To(InProgress),  NotAsg,         To(InProgress),   To(InProgress),   NoRole,           NoRole]),
    (Assigned, AskCustomer,       NO),
    (Assigned, CustomerReplied,   NO),
    (Assigned, Resolve,           NO),
    (Assigned, ConfirmResolution, NO),
    (Assigned, RejectResolution,  NO),
    (Assigned, AutoClose,         NO),
    (Assigned, Reopen,            NO),
    (Assigned, Cancel,            [To(Cancelled), NoRole,         NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (Assigned, Reassign,          [NoRole,       NoRole,          NoRole,         To(Assigned),     To(Assigned),     To(Assigned),     NoRole]),

    (InProgress, Triage,            NO),
    (InProgress, Assign,            NO),
    (InProgress, StartWork,         NO),
    (InProgress, AskCustomer,       [NoRole,     To(WaitingOnCustomer), NotAsg,   To(WaitingOnCustomer), To(WaitingOnCustomer), NoRole, NoRole]),
    (InProgress, CustomerReplied,   NO),
    (InProgress, Resolve,           [NoRole,     To(Resolved),    NotAsg,         To(Resolved),     To(Resolved),     NoRole,           NoRole]),
    (InProgress, ConfirmResolution, NO),
    (InProgress, RejectResolution,  NO),
    (InProgress, AutoClose,         NO),
    (InProgress, Reopen,            NO),
    (InProgress, Cancel,            [To(Cancelled), NoRole,       NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (InProgress, Reassign,          [NoRole,     NoRole,          NoRole,         To(Assigned),     To(Assigned),     To(Assigned),     NoRole]),

    (WaitingOnCustomer, Triage,            NO),
    (WaitingOnCustomer, Assign,            NO),
    (WaitingOnCustomer, StartWork,         NO),
    (WaitingOnCustomer, AskCustomer,       NO),
    (WaitingOnCustomer, CustomerReplied,   [To(InProgress), To(InProgress), NotAsg,   To(InProgress),   To(InProgress),   NoRole,           NoRole]),
    (WaitingOnCustomer, Resolve,           [NoRole,     To(Resolved), NotAsg,         To(Resolved),     To(Resolved),     NoRole,           NoRole]),
    (WaitingOnCustomer, ConfirmResolution, NO),
    (WaitingOnCustomer, RejectResolution,  NO),
    (WaitingOnCustomer, AutoClose,         NO),
    (WaitingOnCustomer, Reopen,            NO),
    (WaitingOnCustomer, Cancel,            [To(Cancelled), NoRole,    NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (WaitingOnCustomer, Reassign,          [NoRole,     NoRole,       NoRole,         To(WaitingOnCustomer), To(WaitingOnCustomer), To(WaitingOnCustomer), NoRole]),

    (Resolved, Triage,            NO),
    (Resolved, Assign,            NO),
    (Resolved, StartWork,         NO),
    (Resolved, AskCustomer,       NO),
    (Resolved, CustomerReplied,   NO),
    (Resolved, Resolve,           NO),
    (Resolved, ConfirmResolution, [To(Closed),   NoRole,          NoRole,         NoRole,           NoRole,           NoRole,           NoRole]),
    (Resolved, RejectResolution,  [To(InProgress), NoRole,        NoRole,         NoRole,           NoRole,           NoRole,           NoRole]),
    (Resolved, AutoClose,         [NoRole,       NoRole,          NoRole,         NoRole,           NoRole,           NoRole,           To(Closed)]),
    (Resolved, Reopen,            NO),
    (Resolved, Cancel,            NO),
    (Resolved, Reassign,          NO),

    (Closed, Triage,            NO),
    (Closed, Assign,            NO),
    (Closed, StartWork,         NO),
    (Closed, AskCustomer,       NO),
    (Closed, CustomerReplied,   NO),
    (Closed, Resolve,           NO),
    (Closed, ConfirmResolution, NO),
    (Closed, RejectResolution,  NO),
    (Closed, AutoClose,         NO),
    (Closed, Reopen,            [To(Reopened),   NoRole,          NoRole,         NoRole,           NoRole,           NoRole,           NoRole]),
    (Closed, Cancel,            NO),
    (Closed, Reassign,          NO),

    // The engineer of the closed request is kept, so `Assign` is refused: reassign instead.
    (Reopened, Triage,            NO),
    (Reopened, Assign,            [NoRole,       NoRole,          NoRole,         AlreadyAsg,       AlreadyAsg,       AlreadyAsg,       NoRole]),
    (Reopened, StartWork,         [NoRole,       To(InProgress),  NotAsg,         To(InProgress),   To(InProgress),   NoRole,           NoRole]),
    (Reopened, AskCustomer,       NO),
    (Reopened, CustomerReplied,   NO),
    (Reopened, Resolve,           NO),
    (Reopened, ConfirmResolution, NO),
    (Reopened, RejectResolution,  NO),
    (Reopened, AutoClose,         NO),
    (Reopened, Reopen,            NO),
    (Reopened, Cancel,            [To(Cancelled), NoRole,         NoRole,         To(Cancelled),    To(Cancelled),    To(Cancelled),    NoRole]),
    (Reopened, Reassign,          [NoRole,       NoRole,          NoRole,         To(Assigned),     To(Assigned),     To(Assigned),     NoRole]),

    (Cancelled, Triage,            NO),
    (Cancelled, Assign,            NO),
    (Cancelled, StartWork,         NO),
    (Cancelled, AskCustomer,       NO),
    (Cancelled, CustomerReplied,   NO),
    (Cancelled, Resolve,           NO),
    (Cancelled, ConfirmResolution, NO),
    (Cancelled, RejectResolution,  NO),
    (Cancelled, AutoClose,         NO),
    (Cancelled, Reopen,            NO),
    (Cancelled, Cancel,            NO),
    (Cancelled, Reassign,          NO),
];

/// A realistic context for a request in `status`: an engineer is named from assignment on,
/// it was closed a day ago (inside the default window) and resolved eight days ago (past
/// the default auto-close delay).
fn ctx_for(status: Status, is_assignee: bool) -> TransitionContext {
    TransitionContext {
        has_assignee: !matches!(status, New | Triaged),
        is_assignee,
        resolved_at: Some(NOW - 8 * DAY),
        closed_at: Some(NOW - DAY),
        ..TransitionContext::new(NOW)
    }
}

fn expected(exp: Exp, from: Status, action: Action) -> Result<Status, TransitionError> {
    match exp {
        To(s) => Ok(s),
        BadSt => Err(TransitionError::NotAllowedFromStatus { from, action }),
        NoRole => Err(TransitionError::NotYourRole),
        NotAsg => Err(TransitionError::NotAssignee),
        AlreadyAsg => Err(TransitionError::AlreadyAssigned),
    }
}

#[test]
fn table_covers_every_status_and_action_once() {
    for (i, status) in Status::ALL.into_iter().enumerate() {
        for (j, action) in Action::ALL.into_iter().enumerate() {
            let (s, a, _) = TABLE[i * Action::ALL.len() + j];
            assert_eq!((s, a), (status, action), "row {}", i * Action::ALL.len() + j);
        }
    }
}

#[test]
fn every_status_action_and_actor_matches_the_table() {
    for (status, action, cells) in TABLE {
        for ((actor, is_assignee), cell) in ACTORS.into_iter().zip(cells) {
            let got = transition(status, &action, actor, &ctx_for(status, is_assignee));
            assert_eq!(got, expected(cell, status, action), "{status:?} --{action:?}--> by {actor:?} (assignee: {is_assignee})");
        }
    }
}

fn contexts() -> Vec<TransitionContext> {
    let mut out = Vec::new();
    for has_assignee in [false, true] {
        for is_assignee in [false, true] {
            for (closed, resolved) in [(None, None), (Some(NOW - DAY), Some(NOW - 8 * DAY)), (Some(NOW - 31 * DAY), Some(NOW - DAY))] {
                out.push(TransitionContext { has_assignee, is_assignee, closed_at: closed, resolved_at: resolved, ..TransitionContext::new(NOW) });
            }
        }
    }
    out
}

fn all_actors() -> Vec<ActorKind> {
    let mut v = vec![ActorKind::Requester, ActorKind::System];
    v.extend(StaffRole::ALL.map(ActorKind::Staff));
    v
}

#[test]
fn allowed_actions_agree_with_transition_everywhere() {
    for status in Status::ALL {
        for actor in all_actors() {
            for ctx in contexts() {
                let allowed = allowed_actions(status, actor, &ctx);
                for action in Action::ALL {
                    let ok = transition(status, &action, actor, &ctx).is_ok();
                    assert_eq!(allowed.contains(&action), ok, "{status:?} {action:?} {actor:?} {ctx:?}");
                }
            }
        }
    }
}

#[test]
fn allowed_actions_examples() {
    let dispatcher = ActorKind::Staff(StaffRole::Dispatcher);
    assert_eq!(allowed_actions(New, dispatcher, &ctx_for(New, false)), vec![Triage, Cancel]);
    assert_eq!(allowed_actions(Resolved, ActorKind::Requester, &ctx_for(Resolved, false)), vec![ConfirmResolution, RejectResolution]);
    assert_eq!(allowed_actions(InProgress, ActorKind::Requester, &ctx_for(InProgress, false)), vec![Cancel]);
    assert!(allowed_actions(Cancelled, dispatcher, &ctx_for(Cancelled, false)).is_empty());
}

#[test]
fn reopen_window_boundary_is_inclusive() {
    let closed = NOW - 100 * DAY;
    for days in [0u32, 1, 7, 30] {
        let at = |now: i64| TransitionContext { closed_at: Some(closed), reopen_window_days: days, ..TransitionContext::new(now) };
        let limit = closed + i64::from(days) * DAY;
        for (now, ok) in [(closed - 60, true), (closed, true), (limit - 1, true), (limit, true), (limit + 1, false), (limit + 365 * DAY, false)] {
            let got = transition(Closed, &Reopen, ActorKind::Requester, &at(now));
            let want = if ok { Ok(Reopened) } else { Err(TransitionError::ReopenWindowPassed { days }) };
            assert_eq!(got, want, "window {days} days, {} s after closing", now - closed);
        }
    }
    let unknown = TransitionContext::new(NOW);
    assert_eq!(transition(Closed, &Reopen, ActorKind::Requester, &unknown), Err(TransitionError::ReopenWindowPassed { days: 30 }));
}

#[test]
fn auto_close_waits_exactly_the_delay() {
    let resolved = NOW - 100 * DAY;
    for days in [0u32, 3, 7] {
        let at = |now: i64| TransitionContext { resolved_at: Some(resolved), auto_close_days: days, ..TransitionContext::new(now) };
        let due = resolved + i64::from(days) * DAY;
        for (now, ok) in [(due - 1, false), (due, true), (due + DAY, true)] {
            let got = transition(Resolved, &AutoClose, ActorKind::System, &at(now));
            let want = if ok { Ok(Closed) } else { Err(TransitionError::AutoCloseNotDue { days }) };
            assert_eq!(got, want, "delay {days} days, {} s after resolving", now - resolved);
        }
    }
    let unknown = TransitionContext::new(NOW);
    assert_eq!(transition(Resolved, &AutoClose, ActorKind::System, &unknown), Err(TransitionError::AutoCloseNotDue { days: 7 }));
}

#[test]
fn assignee_rules() {
    let dispatcher = ActorKind::Staff(StaffRole::Dispatcher);
    let engineer = ActorKind::Staff(StaffRole::Engineer);
    let nobody = TransitionContext::new(NOW);
    let someone = TransitionContext { has_assignee: true, ..nobody };
    // A reopened request whose engineer was cleared gets a first engineer, not a new one.
    assert_eq!(transition(Reopened, &Assign, dispatcher, &nobody), Ok(Assigned));
    assert_eq!(transition(Reopened, &Reassign, dispatcher, &nobody), Err(TransitionError::NeedsAssignee));
    assert_eq!(transition(Reopened, &StartWork, dispatcher, &nobody), Err(TransitionError::NeedsAssignee));
    assert_eq!(transition(Reopened, &StartWork, engineer, &nobody), Err(TransitionError::NotAssignee));
    // Inconsistent records are refused rather than trusted.
    assert_eq!(transition(Triaged, &Assign, dispatcher, &someone), Err(TransitionError::AlreadyAssigned));
    assert_eq!(transition(InProgress, &Resolve, dispatcher, &nobody), Err(TransitionError::NeedsAssignee));
    assert_eq!(transition(InProgress, &AskCustomer, dispatcher, &nobody), Err(TransitionError::NeedsAssignee));
    // Recording a reply does not need an engineer: the customer's answer stands on its own.
    assert_eq!(transition(WaitingOnCustomer, &CustomerReplied, ActorKind::Requester, &nobody), Ok(InProgress));
}

#[test]
fn status_is_checked_before_actor_and_actor_before_context() {
    let window_passed = TransitionContext { closed_at: Some(NOW - 365 * DAY), ..TransitionContext::new(NOW) };
    assert_eq!(
        transition(Cancelled, &Reopen, ActorKind::System, &window_passed),
        Err(TransitionError::NotAllowedFromStatus { from: Cancelled, action: Reopen })
    );
    assert_eq!(transition(Closed, &Reopen, ActorKind::System, &window_passed), Err(TransitionError::NotYourRole));
    assert_eq!(transition(Closed, &Reopen, ActorKind::Requester, &window_passed), Err(TransitionError::ReopenWindowPassed { days: 30 }));
}

#[test]
fn every_status_is_reachable_and_every_open_request_can_still_end() {
    // Edges under any actor and any of the sample contexts.
    let edges: Vec<(Status, Status)> = Status::ALL
        .into_iter()
        .flat_map(|from| {
            all_actors().into_iter().flat_map(move |actor| {
                contexts()
                    .into_iter()
                    .flat_map(move |ctx| Action::ALL.into_iter().filter_map(move |a| transition(from, &a, actor, &ctx).ok().map(|to| (from, to))))
            })
        })
        .collect();
    let reach = |start: Status| {
        let mut seen = vec![start];
        let mut i = 0;
        while i < seen.len() {
            for &(f, t) in &edges {
                if f == seen[i] && !seen.contains(&t) {
                    seen.push(t);
                }
            }
            i += 1;
        }
        seen
    };
    let from_new = reach(New);
    for s in Status::ALL {
        assert!(from_new.contains(&s), "{s:?} unreachable from New");
        if s.is_open() {
            assert!(reach(s).contains(&Closed) || reach(s).contains(&Cancelled), "{s:?} cannot end");
        }
    }
    assert!(!edges.iter().any(|&(f, _)| f == Cancelled), "Cancelled is final");
    assert!(edges.iter().filter(|&&(f, _)| f == Closed).all(|&(_, t)| t == Reopened), "Closed only reopens");
}

#[test]
fn errors_have_stable_wire_names() {
    let de = |pairs: Vec<(&'static str, &'static str)>| -> Result<TransitionError, DeError> {
        TransitionError::deserialize(MapDeserializer::new(pairs.into_iter()))
    };
    assert_eq!(de(vec![("code", "not_your_role")]), Ok(TransitionError::NotYourRole));
    assert_eq!(de(vec![("code", "not_assignee")]), Ok(TransitionError::NotAssignee));
    assert_eq!(de(vec![("code", "needs_assignee")]), Ok(TransitionError::NeedsAssignee));
    assert_eq!(de(vec![("code", "already_assigned")]), Ok(TransitionError::AlreadyAssigned));
    assert_eq!(
        de(vec![("code", "not_allowed_from_status"), ("from", "waiting_on_customer"), ("action", "auto_close")]),
        Ok(TransitionError::NotAllowedFromStatus { from: WaitingOnCustomer, action: AutoClose })
    );
}
