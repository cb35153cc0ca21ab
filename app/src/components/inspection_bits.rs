//! Words shared by the inspection pages: statuses, kinds, sections, steps and history lines.
use domain::{
    inspection::{status::InspectionEvent, InspectionAction, InspectionKind, InspectionStatus, Section},
    notice::InspectionNote,
};

use crate::i18n::{Lang, Msg};

pub fn status_msg(s: InspectionStatus) -> Msg {
    match s {
        InspectionStatus::Planned => Msg::InPlanned,
        InspectionStatus::Announced => Msg::InAnnounced,
        InspectionStatus::Confirmed => Msg::InConfirmed,
        InspectionStatus::DateProposed => Msg::InDateProposed,
        InspectionStatus::InProgress => Msg::InInProgress,
        InspectionStatus::VisitDone => Msg::InVisitDone,
        InspectionStatus::Reported => Msg::InReported,
        InspectionStatus::Questioned => Msg::InQuestioned,
        InspectionStatus::SignedOff => Msg::InSignedOff,
        InspectionStatus::Cancelled => Msg::InCancelled,
    }
}

pub fn kind_msg(k: InspectionKind) -> Msg {
    match k {
        InspectionKind::Regular => Msg::InKindRegular,
        InspectionKind::Initial => Msg::InKindInitial,
        InspectionKind::BeforeAssurance => Msg::InKindAssurance,
    }
}

pub fn section_msg(s: Section) -> Msg {
    match s {
        Section::Software => Msg::InSecSoftware,
        Section::Hardware => Msg::InSecHardware,
        Section::Power => Msg::InSecPower,
        Section::Alarms => Msg::InSecAlarms,
        Section::Environment => Msg::InSecEnvironment,
    }
}

/// The button of a step.
pub fn action_msg(a: InspectionAction) -> Msg {
    match a {
        InspectionAction::Assign => Msg::InActAssign,
        InspectionAction::Move => Msg::InActMove,
        InspectionAction::Announce => Msg::InActAnnounce,
        InspectionAction::Confirm => Msg::InActConfirm,
        InspectionAction::Propose => Msg::InActPropose,
        InspectionAction::Start => Msg::InActStart,
        InspectionAction::Answer => Msg::InActSave,
        InspectionAction::Finish => Msg::InActFinish,
        InspectionAction::Report => Msg::InActReport,
        InspectionAction::SignOff => Msg::InActSignOff,
        InspectionAction::Ask => Msg::InActAsk,
        InspectionAction::Cancel => Msg::InActCancel,
    }
}

pub fn note_msg(n: InspectionNote) -> Msg {
    match n {
        InspectionNote::Announced => Msg::NotifInAnnounced,
        InspectionNote::Moved => Msg::NotifInMoved,
        InspectionNote::Proposed => Msg::NotifInProposed,
        InspectionNote::Confirmed => Msg::NotifInConfirmed,
        InspectionNote::Assigned => Msg::NotifInAssigned,
        InspectionNote::Reported => Msg::NotifInReported,
        InspectionNote::Questioned => Msg::NotifInQuestioned,
        InspectionNote::SignedOff => Msg::NotifInSignedOff,
        InspectionNote::WillBeLate => Msg::NotifInWillBeLate,
        InspectionNote::ReportLate => Msg::NotifInReportLate,
    }
}

/// A history line in words.
pub fn event_text(e: &InspectionEvent, lang: Lang) -> String {
    let with = |m: Msg, note: &str| {
        let t = m.text(lang).to_string();
        if note.is_empty() {
            t
        } else {
            format!("{t} — {note}")
        }
    };
    match e {
        InspectionEvent::Assigned { engineer } => Msg::InEvAssigned.text(lang).replace("{name}", engineer),
        InspectionEvent::Moved { from, to } => Msg::InEvMoved.text(lang).replace("{from}", &from.to_string()).replace("{to}", &to.to_string()),
        InspectionEvent::Announced { date, late } => {
            let t = Msg::InEvAnnounced.text(lang).replace("{date}", &date.to_string());
            if *late {
                format!("{t} ({})", Msg::InLateNotice.text(lang))
            } else {
                t
            }
        }
        InspectionEvent::Confirmed {} => Msg::InEvConfirmed.text(lang).to_string(),
        InspectionEvent::Proposed { date, note } => with(Msg::InEvProposed, note).replace("{date}", &date.to_string()),
        InspectionEvent::Started {} => Msg::InEvStarted.text(lang).to_string(),
        InspectionEvent::Finished { findings } => Msg::InEvFinished.text(lang).replace("{n}", &findings.to_string()),
        InspectionEvent::Reported {} => Msg::InEvReported.text(lang).to_string(),
        InspectionEvent::SignedOff { note } => with(Msg::InEvSignedOff, note),
        InspectionEvent::Asked { question } => with(Msg::InEvAsked, question),
        InspectionEvent::RequestOpened { number, item } => Msg::InEvRequest.text(lang).replace("{number}", number).replace("{item}", item),
        InspectionEvent::Cancelled { reason } if reason.is_empty() => Msg::InEvCancelledByPlan.text(lang).to_string(),
        InspectionEvent::Cancelled { reason } => with(Msg::InEvCancelled, reason),
    }
}
