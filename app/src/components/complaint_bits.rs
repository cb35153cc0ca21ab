//! Complaints in words: statuses, history steps, notices.
use domain::complaint::{ComplaintAction, ComplaintStatus};
use domain::notice::ComplaintNote;

use crate::i18n::Msg;

pub fn status_msg(s: ComplaintStatus) -> Msg {
    match s {
        ComplaintStatus::Submitted => Msg::ComplaintStSubmitted,
        ComplaintStatus::Acknowledged => Msg::ComplaintStAcknowledged,
        ComplaintStatus::Answered => Msg::ComplaintStAnswered,
        ComplaintStatus::Accepted => Msg::ComplaintStAccepted,
        ComplaintStatus::ClosedNoReply => Msg::ComplaintStClosedNoReply,
    }
}

pub fn action_msg(a: ComplaintAction) -> Msg {
    match a {
        ComplaintAction::Acknowledge => Msg::ComplaintActAcknowledge,
        ComplaintAction::Answer => Msg::ComplaintActAnswer,
        ComplaintAction::Accept => Msg::ComplaintActAccept,
        ComplaintAction::Reject => Msg::ComplaintActReject,
        ComplaintAction::AutoClose => Msg::ComplaintStepAutoClose,
    }
}

/// A history line's words (`submitted`, or an action's name).
pub fn step_msg(action: &str) -> Msg {
    match ComplaintAction::parse(action) {
        Some(ComplaintAction::Acknowledge) => Msg::ComplaintStepAcknowledge,
        Some(ComplaintAction::Answer) => Msg::ComplaintStepAnswer,
        Some(ComplaintAction::Accept) => Msg::ComplaintStepAccept,
        Some(ComplaintAction::Reject) => Msg::ComplaintStepReject,
        Some(ComplaintAction::AutoClose) => Msg::ComplaintStepAutoClose,
        None => Msg::ComplaintStepSubmitted,
    }
}

pub fn note_msg(n: ComplaintNote) -> Msg {
    match n {
        ComplaintNote::Submitted => Msg::NotifComplaintSubmitted,
        ComplaintNote::Acknowledged => Msg::NotifComplaintAcknowledged,
        ComplaintNote::Answered => Msg::NotifComplaintAnswered,
        ComplaintNote::Accepted => Msg::NotifComplaintAccepted,
        ComplaintNote::Rejected => Msg::NotifComplaintRejected,
    }
}
