//! The service-request state machine: which action moves a request from which status to
//! which, who may take it, and what else must hold. Pure, so the server decides with it and
//! the browser shows only the buttons that will work (`allowed_actions`).
//!
//! ```text
//! New ─triage→ Triaged ─assign→ Assigned ─start_work→ InProgress ⇄ WaitingOnCustomer
//!                                                    (ask_customer / customer_replied)
//! InProgress | WaitingOnCustomer ─resolve→ Resolved ─confirm_resolution | auto_close→ Closed
//! Resolved ─reject_resolution→ InProgress          Closed ─reopen (within window)→ Reopened
//! Reopened ─assign (no engineer) | reassign→ Assigned,  ─start_work (engineer kept)→ InProgress
//! reassign: Assigned | InProgress | Reopened → Assigned; WaitingOnCustomer stays waiting
//! cancel: from every open status except Resolved → Cancelled
//! ```
//!
//! Checks run in a fixed order, so the reported reason is predictable: first the status
//! (`NotAllowedFromStatus`), then the actor (`NotYourRole`, `NotAssignee`), then the context
//! (assignee present, reopen window, auto-close delay).
use std::fmt;

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::actor::{ActorKind, StaffRole};
use super::status::Status;

pub const SECONDS_PER_DAY: i64 = 86_400;
/// Suggested reopen window when the contract or settings say nothing. A closed request is
/// followed by a survey the customer may answer days later; a month leaves room for that.
pub const DEFAULT_REOPEN_WINDOW_DAYS: u32 = 30;
/// Suggested delay before a resolved request closes by itself for want of an answer.
pub const DEFAULT_AUTO_CLOSE_DAYS: u32 = 7;

/// What the rules need that the status does not say. Times are unix seconds (UTC); windows
/// are whole periods of 24 hours, not calendar days, so no time zone is involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionContext {
    /// The current time.
    pub now: i64,
    /// Some engineer is named on the request.
    pub has_assignee: bool,
    /// The acting user is that engineer (only looked at for engineers).
    pub is_assignee: bool,
    /// When the request was last resolved (for `AutoClose`).
    pub resolved_at: Option<i64>,
    /// When the request was last closed (for `Reopen`).
    pub closed_at: Option<i64>,
    /// A resolved request auto-closes once this many days have passed, boundary included.
    pub auto_close_days: u32,
    /// A closed request may be reopened until this many days have passed, boundary included.
    pub reopen_window_days: u32,
}

impl TransitionContext {
    /// A context at `now` with nobody assigned, no timestamps and the default windows.
    pub fn new(now: i64) -> Self {
        TransitionContext {
            now,
            has_assignee: false,
            is_assignee: false,
            resolved_at: None,
            closed_at: None,
            auto_close_days: DEFAULT_AUTO_CLOSE_DAYS,
            reopen_window_days: DEFAULT_REOPEN_WINDOW_DAYS,
        }
    }
}

/// Why an action was refused; each variant is a message in the UI (tag `code`, like
/// `crate::ErrorCode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TransitionError {
    /// The action makes no sense in this status (for anyone).
    NotAllowedFromStatus { from: Status, action: Action },
    /// Someone else's action (e.g. a customer assigning, an engineer cancelling).
    NotYourRole,
    /// An engineer acting on a request assigned to someone else.
    NotAssignee,
    /// Work actions and reassignment need an engineer on the request first.
    NeedsAssignee,
    /// `Assign` is for the first engineer; changing engineers is `Reassign`.
    AlreadyAssigned,
    /// Closed more than `days` days ago (or the closing time is unknown).
    ReopenWindowPassed { days: u32 },
    /// Resolved less than `days` days ago (or the resolution time is unknown).
    AutoCloseNotDue { days: u32 },
}

impl fmt::Display for TransitionError {
    // For logs only; the UI translates the variant itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotAllowedFromStatus { from, action } => {
                write!(f, "action {} is not allowed from status {}", action.as_str(), from.as_str())
            }
            TransitionError::NotYourRole => f.write_str("this role may not take this action"),
            TransitionError::NotAssignee => f.write_str("the request is assigned to another engineer"),
            TransitionError::NeedsAssignee => f.write_str("the request has no engineer assigned"),
            TransitionError::AlreadyAssigned => f.write_str("the request already has an engineer; reassign instead"),
            TransitionError::ReopenWindowPassed { days } => write!(f, "closed more than {days} days ago"),
            TransitionError::AutoCloseNotDue { days } => write!(f, "resolved less than {days} days ago"),
        }
    }
}

impl std::error::Error for TransitionError {}

/// The status after `action`, or why it is refused. `action` is borrowed so that a future
/// action carrying data does not change the signature.
pub fn transition(from: Status, action: &Action, actor: ActorKind, ctx: &TransitionContext) -> Result<Status, TransitionError> {
    let action = *action;
    let to = target(from, action).ok_or(TransitionError::NotAllowedFromStatus { from, action })?;
    check_actor(action, actor, ctx)?;
    check_context(action, ctx)?;
    Ok(to)
}

/// The actions `actor` may take now, in `Action::ALL` order. Built from `transition`
/// itself, so a button shown is never refused by the server for a rule reason.
pub fn allowed_actions(status: Status, actor: ActorKind, ctx: &TransitionContext) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| transition(status, a, actor, ctx).is_ok()).collect()
}

/// The edges of the state machine, whoever acts.
fn target(from: Status, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    let to = match (action, from) {
        (A::Triage, S::New) => S::Triaged,
        // A reopened request is in triaged/assigned shape: it gets an engineer if it has none,
        // a new one, or the kept one starts again.
        (A::Assign, S::Triaged | S::Reopened) => S::Assigned,
        (A::StartWork, S::Assigned | S::Reopened) => S::InProgress,
        // Asking the customer is work, so it comes after `StartWork` (which also marks the
        // first response); hence a reply always resumes to `InProgress`.
        (A::AskCustomer, S::InProgress) => S::WaitingOnCustomer,
        (A::CustomerReplied, S::WaitingOnCustomer) => S::InProgress,
        // The engineer may find the fix without the customer's answer.
        (A::Resolve, S::InProgress | S::WaitingOnCustomer) => S::Resolved,
        (A::ConfirmResolution | A::AutoClose, S::Resolved) => S::Closed,
        (A::RejectResolution, S::Resolved) => S::InProgress,
        (A::Reopen, S::Closed) => S::Reopened,
        // Not from Resolved: the work is done; the customer confirms or rejects it, and a
        // cancellation would erase a resolution from the SLA and satisfaction records.
        (A::Cancel, S::New | S::Triaged | S::Assigned | S::InProgress | S::WaitingOnCustomer | S::Reopened) => S::Cancelled,
        // The new engineer has not started yet...
        (A::Reassign, S::Assigned | S::InProgress | S::Reopened) => S::Assigned,
        // ...but a request waiting on the customer keeps waiting (and its clock paused).
        (A::Reassign, S::WaitingOnCustomer) => S::WaitingOnCustomer,
        _ => return None,
    };
    Some(to)
}

/// Who may take `action` (the status is already known to allow it).
fn check_actor(action: Action, actor: ActorKind, ctx: &TransitionContext) -> Result<(), TransitionError> {
    use Action as A;
    // The service desk's actions.
    let coordinating = matches!(action, A::Triage | A::Assign | A::Reassign | A::Cancel);
    // Work on the request. Recording the customer's reply is included because customers
    // often answer by phone or e-mail, and staff log those on their behalf (DOMAIN.md,
    // intake channels); otherwise the clock would stay paused while work goes on.
    let working = matches!(action, A::StartWork | A::AskCustomer | A::Resolve | A::CustomerReplied);
    let ok = match actor {
        ActorKind::Requester => {
            matches!(action, A::CustomerReplied | A::ConfirmResolution | A::RejectResolution | A::Reopen | A::Cancel)
        }
        ActorKind::System => action == A::AutoClose,
        ActorKind::Staff(StaffRole::Dispatcher | StaffRole::Manager) => coordinating || working,
        // Admins administer the portal; they do not work requests.
        ActorKind::Staff(StaffRole::Admin) => coordinating,
        ActorKind::Staff(StaffRole::Engineer) => {
            if working && !ctx.is_assignee {
                return Err(TransitionError::NotAssignee);
            }
            working
        }
    };
    if ok {
        Ok(())
    } else {
        Err(TransitionError::NotYourRole)
    }
}

/// What must hold beyond status and actor.
fn check_context(action: Action, ctx: &TransitionContext) -> Result<(), TransitionError> {
    use Action as A;
    match action {
        A::Assign if ctx.has_assignee => Err(TransitionError::AlreadyAssigned),
        A::Reassign | A::StartWork | A::AskCustomer | A::Resolve if !ctx.has_assignee => Err(TransitionError::NeedsAssignee),
        A::Reopen if !within_days(ctx.closed_at, ctx.now, ctx.reopen_window_days) => Err(TransitionError::ReopenWindowPassed { days: ctx.reopen_window_days }),
        A::AutoClose if !days_passed(ctx.resolved_at, ctx.now, ctx.auto_close_days) => Err(TransitionError::AutoCloseNotDue { days: ctx.auto_close_days }),
        _ => Ok(()),
    }
}

/// `now` is at most `days` days after `since`, boundary included. A `since` in the future
/// (clocks of two servers) counts as inside; an unknown `since` as outside, since the
/// window cannot be shown to hold.
fn within_days(since: Option<i64>, now: i64, days: u32) -> bool {
    since.is_some_and(|t| now.saturating_sub(t) <= i64::from(days) * SECONDS_PER_DAY)
}

/// At least `days` days have passed since `since`, boundary included; never when unknown.
fn days_passed(since: Option<i64>, now: i64, days: u32) -> bool {
    since.is_some_and(|t| now.saturating_sub(t) >= i64::from(days) * SECONDS_PER_DAY)
}

#[cfg(test)]
mod tests;
