//! Words shared by the upgrade-plan pages.
use domain::equipment::upgrade::{DeviceResult, PlanEvent, PlanStatus};

use crate::i18n::{Lang, Msg};

pub fn plan_status_msg(s: PlanStatus) -> Msg {
    match s {
        PlanStatus::Proposed => Msg::UpProposed,
        PlanStatus::Approved => Msg::UpApproved,
        PlanStatus::Refused => Msg::UpRefused,
        PlanStatus::Done => Msg::UpDone,
        PlanStatus::Withdrawn => Msg::UpWithdrawn,
    }
}

pub fn result_msg(r: DeviceResult) -> Msg {
    match r {
        DeviceResult::Succeeded => Msg::UpSucceeded,
        DeviceResult::RolledBack => Msg::UpRolledBack,
    }
}

/// A history line in words (`device` names a device of the plan by id).
pub fn event_text(e: &PlanEvent, device: impl Fn(i32) -> String, lang: Lang) -> String {
    match e {
        PlanEvent::Proposed => Msg::UpEvProposed.text(lang).to_string(),
        PlanEvent::Edited => Msg::UpEvEdited.text(lang).to_string(),
        PlanEvent::Approved => Msg::UpEvApproved.text(lang).to_string(),
        PlanEvent::Refused { note } => Msg::UpEvRefused.text(lang).replace("{note}", note),
        PlanEvent::Result { device: d, result, note, version } => {
            let mut s =
                Msg::UpEvResult.text(lang).replace("{device}", &device(*d)).replace("{result}", result_msg(*result).text(lang)).replace("{version}", version);
            if !note.is_empty() {
                s.push_str(" — ");
                s.push_str(note);
            }
            s
        }
        PlanEvent::Done => Msg::UpEvDone.text(lang).to_string(),
        PlanEvent::Withdrawn => Msg::UpEvWithdrawn.text(lang).to_string(),
    }
}
