//! Mail settings in words: each kind of event and each channel.
use domain::notify::{Channel, EventKind};

use crate::i18n::Msg;

pub fn kind_msg(k: EventKind) -> Msg {
    match k {
        EventKind::RequestReply => Msg::EvRequestReply,
        EventKind::RequestStatus => Msg::EvRequestStatus,
        EventKind::RequestNeedsAnswer => Msg::EvRequestNeedsAnswer,
        EventKind::RequestResolved => Msg::EvRequestResolved,
        EventKind::Remote => Msg::EvRemote,
        EventKind::Upgrade => Msg::EvUpgrade,
        EventKind::Inspection => Msg::EvInspection,
        EventKind::Training => Msg::EvTraining,
        EventKind::Survey => Msg::EvSurvey,
        EventKind::Report => Msg::EvReport,
        EventKind::Complaint => Msg::EvComplaint,
        EventKind::SlaWarning => Msg::EvSlaWarning,
        EventKind::StaffAlert => Msg::EvStaffAlert,
    }
}

pub fn channel_msg(c: Channel) -> Msg {
    match c {
        Channel::Portal => Msg::ChannelPortal,
        Channel::Now => Msg::ChannelNow,
        Channel::Digest => Msg::ChannelDigest,
    }
}
