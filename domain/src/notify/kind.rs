//! The kinds of event a person chooses a delivery for, and what each notice is.
use serde::{Deserialize, Serialize};

use crate::notice::Notice;
use crate::ticket::{RemoteStatus, Status};
use crate::Role;

/// A kind of event, as the settings page lists it. Coarser than `Notice`: a person chooses
/// "status changes", not each status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A new reply on a request.
    RequestReply,
    /// A request moved on (status, on-site stage, severity).
    RequestStatus,
    /// The provider is waiting for the person: a question, remote access to approve.
    RequestNeedsAnswer,
    /// A request was resolved (to confirm) or closed.
    RequestResolved,
    /// Remote sessions: approved, refused, done.
    Remote,
    /// Upgrade plans to approve and their results.
    Upgrade,
    /// Inspections announced, moved, reported; assurance periods.
    Inspection,
    Training,
    /// Satisfaction surveys and their follow-ups.
    Survey,
    /// Periodic service reports.
    Report,
    /// Complaints: a new one (supervisors), acknowledged and answered (the customer).
    Complaint,
    /// Staff only: an SLA clock reached 75 % of its time.
    SlaWarning,
    /// Staff only: escalations, emergency plans, low stock.
    StaffAlert,
}

impl EventKind {
    pub const ALL: [EventKind; 13] = [
        EventKind::RequestReply,
        EventKind::RequestStatus,
        EventKind::RequestNeedsAnswer,
        EventKind::RequestResolved,
        EventKind::Remote,
        EventKind::Upgrade,
        EventKind::Inspection,
        EventKind::Training,
        EventKind::Survey,
        EventKind::Report,
        EventKind::Complaint,
        EventKind::SlaWarning,
        EventKind::StaffAlert,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::RequestReply => "request_reply",
            EventKind::RequestStatus => "request_status",
            EventKind::RequestNeedsAnswer => "request_needs_answer",
            EventKind::RequestResolved => "request_resolved",
            EventKind::Remote => "remote",
            EventKind::Upgrade => "upgrade",
            EventKind::Inspection => "inspection",
            EventKind::Training => "training",
            EventKind::Survey => "survey",
            EventKind::Report => "report",
            EventKind::Complaint => "complaint",
            EventKind::SlaWarning => "sla_warning",
            EventKind::StaffAlert => "staff_alert",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Only staff ever get this kind (customers are not offered it).
    pub fn staff_only(self) -> bool {
        matches!(self, EventKind::SlaWarning | EventKind::StaffAlert)
    }

    /// The kinds a role is offered on the settings page: what that role can receive
    /// (customers no staff warnings; complaints only those who may read them).
    pub fn offered_to(role: Role) -> Vec<EventKind> {
        EventKind::ALL
            .into_iter()
            .filter(|k| role.is_staff() || !k.staff_only())
            .filter(|k| *k != EventKind::Complaint || crate::complaint::may_read(role))
            .collect()
    }

    /// What kind of event a notice is. One arm per notice, so a new notice does not compile
    /// until it has a kind (and so a delivery choice).
    pub fn of(notice: &Notice) -> EventKind {
        match notice {
            Notice::Reply { .. } => EventKind::RequestReply,
            Notice::Status { to: Status::WaitingOnCustomer } => EventKind::RequestNeedsAnswer,
            Notice::Status { to: Status::Resolved | Status::Closed } => EventKind::RequestResolved,
            Notice::Status { .. } | Notice::Stage { .. } | Notice::Severity { .. } | Notice::Escalated { .. } => EventKind::RequestStatus,
            Notice::Remote { status: RemoteStatus::Requested } => EventKind::RequestNeedsAnswer,
            Notice::Remote { .. } => EventKind::Remote,
            Notice::Escalation { .. } | Notice::Emergency { .. } | Notice::StockLow { .. } => EventKind::StaffAlert,
            Notice::SlaWarning { .. } => EventKind::SlaWarning,
            Notice::Survey { .. } | Notice::SurveyReminder { .. } | Notice::FollowUp { .. } | Notice::FollowUpAssigned { .. } => EventKind::Survey,
            Notice::TrainingBooked { .. }
            | Notice::TrainingBookingCancelled { .. }
            | Notice::TrainingPromoted {}
            | Notice::TrainingCancelled { .. }
            | Notice::TrainingChanged {}
            | Notice::TrainingReminder {}
            | Notice::TrainingFeedback {} => EventKind::Training,
            Notice::UpgradeProposed {} | Notice::UpgradeDecided { .. } | Notice::UpgradeDone {} => EventKind::Upgrade,
            Notice::Inspection { .. } | Notice::Assurance { .. } => EventKind::Inspection,
            Notice::Complaint { .. } => EventKind::Complaint,
            Notice::Report { .. } => EventKind::Report,
        }
    }
}

/// Notices whose mail their sender writes itself: the survey invitation and reminder carry a
/// one-time link, and the inspection announcement is the contract's formal notice that also
/// goes to the site's contacts. The notification itself never makes a second mail of them.
pub fn sender_mails(notice: &Notice) -> bool {
    matches!(notice, Notice::Survey { .. } | Notice::SurveyReminder { .. } | Notice::Inspection { what: crate::notice::InspectionNote::Announced, .. })
}

/// How a person wants one kind of event delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The notification centre only (also what an unsubscribe link sets).
    Portal,
    /// A mail as soon as it happens (held until quiet hours end).
    Now,
    /// One mail a day listing them all.
    Digest,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Portal, Channel::Now, Channel::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Now => "now",
            Channel::Digest => "digest",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Before a person chooses: everything by mail at once, as the portal sent survey mail
    /// before there was a choice, except what would flood an inbox: staff read request status
    /// moves in their lists, so those come in the digest.
    pub fn default_for(kind: EventKind, role: Role) -> Channel {
        match kind {
            EventKind::RequestStatus if role.is_staff() => Channel::Digest,
            _ => Channel::Now,
        }
    }
}
