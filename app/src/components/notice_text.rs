//! A notification in words: one arm per kind of `domain::notice::Notice`, so a new kind does
//! not compile until it can be said.
use domain::notice::Notice;

use super::request_bits::{emergency_msg, escalation_text, plan_status_msg, remote_msg, severity_text, stage_msg, status_msg};
use crate::i18n::{Lang, Msg};

pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::Status { to } => Msg::NotifStatus.text(lang).replace("{status}", status_msg(*to).text(lang)),
        Notice::Reply { from } => Msg::NotifReply.text(lang).replace("{name}", from),
        Notice::Escalated { .. } => Msg::NotifEscalated.text(lang).to_string(),
        Notice::Stage { stage } => Msg::TlStage.text(lang).replace("{stage}", stage_msg(*stage).text(lang)),
        Notice::Remote { status } => Msg::NotifRemote.text(lang).replace("{status}", remote_msg(*status).text(lang)),
        Notice::Severity { severity } => severity_text(severity, lang),
        Notice::Escalation { target, reason } => escalation_text(*target, reason, lang),
        Notice::Emergency { kind, status } => format!("{}: {}", emergency_msg(*kind).text(lang), plan_status_msg(*status).text(lang)),
        Notice::Survey { .. } => Msg::NotifSurvey.text(lang).to_string(),
        Notice::SurveyReminder { .. } => Msg::NotifSurveyReminder.text(lang).to_string(),
        Notice::FollowUp { followup, .. } => Msg::NotifFollowUp.text(lang).replace("{number}", followup),
        Notice::FollowUpAssigned { of, overall } => Msg::NotifFollowUpAssigned.text(lang).replace("{number}", of).replace("{n}", &overall.to_string()),
        Notice::TrainingBooked { status: domain::training::BookingStatus::Waitlisted, by } => Msg::NotifTrainingBookedWaiting.text(lang).replace("{by}", by),
        Notice::TrainingBooked { by, .. } => Msg::NotifTrainingBooked.text(lang).replace("{by}", by),
        Notice::TrainingBookingCancelled { by } => Msg::NotifTrainingBookingCancelled.text(lang).replace("{by}", by),
        Notice::TrainingPromoted {} => Msg::NotifTrainingPromoted.text(lang).to_string(),
        Notice::TrainingCancelled { reason } => Msg::NotifTrainingCancelled.text(lang).replace("{reason}", reason),
        Notice::TrainingChanged {} => Msg::NotifTrainingChanged.text(lang).to_string(),
        Notice::TrainingReminder {} => Msg::NotifTrainingReminder.text(lang).to_string(),
        Notice::TrainingFeedback {} => Msg::NotifTrainingFeedback.text(lang).to_string(),
        Notice::UpgradeProposed {} => Msg::NotifUpgradeProposed.text(lang).to_string(),
        Notice::UpgradeDecided { approved: true } => Msg::NotifUpgradeApproved.text(lang).to_string(),
        Notice::UpgradeDecided { approved: false } => Msg::NotifUpgradeRefused.text(lang).to_string(),
        Notice::UpgradeDone {} => Msg::NotifUpgradeDone.text(lang).to_string(),
        Notice::Inspection { what, date } => super::inspection_bits::note_msg(*what).text(lang).replace("{date}", &date.to_string()),
        Notice::Assurance { starts_on, ends_on } => {
            Msg::NotifAssurance.text(lang).replace("{from}", &starts_on.to_string()).replace("{to}", &ends_on.to_string())
        }
        Notice::SlaWarning { clock, deadline, tz } => Msg::NotifSlaWarning
            .text(lang)
            .replace("{clock}", super::request_bits::clock_msg(*clock).text(lang))
            .replace("{deadline}", &format!("{} ({tz})", super::training_bits::local(*deadline, tz))),
        Notice::Complaint { what } => super::complaint_bits::note_msg(*what).text(lang).to_string(),
        Notice::Report { period } => format!("{} · {}", super::report_bits::period_msg(*period).text(lang), Msg::NoteReport.text(lang)),
        Notice::StockLow { total, minimum } => Msg::NotifStockLow.text(lang).replace("{n}", &total.to_string()).replace("{min}", &minimum.to_string()),
    }
}
