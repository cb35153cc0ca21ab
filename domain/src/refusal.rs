//! Why a step that was well formed cannot be taken now (HTTP 409): a stage out of order, a
//! survey link already used, a training session already started. One closed list, so every
//! refusal the server can give has its sentence in the browser (`app::i18n::errors`), and a
//! new one does not compile until it has. On the wire it is the snake_case name
//! (`"survey_used"`), as before this enum existed.
use serde::{Deserialize, Serialize};

use crate::survey::{SurveyError, TokenError};
use crate::ticket::{EmergencyError, RemoteError, StageError};
use crate::training::booking::BookingError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The request is resolved, closed or cancelled: no more work is recorded on it.
    Closed,
    /// On-site stages are recorded only while the work is on (assigned or in progress).
    StageNotNow,
    StageRepeated,
    StageBackwards,
    StageNotOnSiteYet,
    /// The remote session (or emergency plan) was already decided by someone else.
    RemoteNotAllowedFromStatus,
    EmergencyNotAllowedFromStatus,
    SurveyNotYet,
    SurveyFinal,
    SurveyExpired,
    SurveySkipped,
    /// A one-time survey link already spent (by this link or another of the same survey).
    SurveyUsed,
    TrainingNotInvited,
    TrainingCancelled,
    TrainingDeadlinePassed,
    TrainingAlreadyBooked,
    TrainingStarted,
    TrainingEnded,
    TrainingNotStarted,
    TrainingNotBooked,
    TrainingNotConfirmed,
    TrainingFeedbackNotYet,
    TrainingFeedbackClosed,
    TrainingFeedbackGiven,
    /// An upgrade plan in a status that does not take this step (decided, done, withdrawn,
    /// or carried out in part and so no longer editable).
    UpgradeNotNow,
    /// An inspection in a status that does not take this step (moved, started or reported
    /// meanwhile), or a finding whose request was already opened.
    InspectionNotNow,
    /// A knowledge-base article in a status that does not take this review step (published,
    /// sent back or withdrawn meanwhile).
    ArticleNotNow,
    /// A complaint step not open now (answered or closed meanwhile).
    ComplaintNotNow,
    /// A report whose period is not over: it is computed afresh on every reading, there is
    /// nothing frozen to recompute.
    ReportOpen,
    /// The weekly narrative was saved by someone else since it was read.
    NarrativeChanged,
}

impl Refusal {
    pub const ALL: [Refusal; 30] = [
        Refusal::Closed,
        Refusal::StageNotNow,
        Refusal::StageRepeated,
        Refusal::StageBackwards,
        Refusal::StageNotOnSiteYet,
        Refusal::RemoteNotAllowedFromStatus,
        Refusal::EmergencyNotAllowedFromStatus,
        Refusal::SurveyNotYet,
        Refusal::SurveyFinal,
        Refusal::SurveyExpired,
        Refusal::SurveySkipped,
        Refusal::SurveyUsed,
        Refusal::TrainingNotInvited,
        Refusal::TrainingCancelled,
        Refusal::TrainingDeadlinePassed,
        Refusal::TrainingAlreadyBooked,
        Refusal::TrainingStarted,
        Refusal::TrainingEnded,
        Refusal::TrainingNotStarted,
        Refusal::TrainingNotBooked,
        Refusal::TrainingNotConfirmed,
        Refusal::TrainingFeedbackNotYet,
        Refusal::TrainingFeedbackClosed,
        Refusal::TrainingFeedbackGiven,
        Refusal::UpgradeNotNow,
        Refusal::InspectionNotNow,
        Refusal::ArticleNotNow,
        Refusal::ComplaintNotNow,
        Refusal::ReportOpen,
        Refusal::NarrativeChanged,
    ];
}

impl From<StageError> for Refusal {
    fn from(e: StageError) -> Self {
        match e {
            StageError::Repeated { .. } => Refusal::StageRepeated,
            StageError::Backwards { .. } => Refusal::StageBackwards,
            StageError::NotOnSiteYet => Refusal::StageNotOnSiteYet,
        }
    }
}

impl From<SurveyError> for Refusal {
    fn from(e: SurveyError) -> Self {
        match e {
            SurveyError::NotYet => Refusal::SurveyNotYet,
            SurveyError::Final => Refusal::SurveyFinal,
            SurveyError::Expired => Refusal::SurveyExpired,
            SurveyError::Skipped => Refusal::SurveySkipped,
        }
    }
}

/// What a refused step becomes for the caller: a refusal to explain, or a plain "no" (the
/// caller may not take this step at all) for the server to answer 403 or 404.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    Refused(Refusal),
    NotYours,
    Unknown,
}

impl From<TokenError> for Denied {
    fn from(e: TokenError) -> Self {
        match e {
            TokenError::Unknown => Denied::Unknown,
            TokenError::Expired => Denied::Refused(Refusal::SurveyExpired),
            TokenError::Used => Denied::Refused(Refusal::SurveyUsed),
        }
    }
}

impl From<RemoteError> for Denied {
    fn from(e: RemoteError) -> Self {
        match e {
            RemoteError::NotAllowedFromStatus { .. } => Denied::Refused(Refusal::RemoteNotAllowedFromStatus),
            RemoteError::NotYourRole | RemoteError::NotAssignee => Denied::NotYours,
        }
    }
}

impl From<EmergencyError> for Denied {
    fn from(e: EmergencyError) -> Self {
        match e {
            EmergencyError::NotAllowedFromStatus { .. } => Denied::Refused(Refusal::EmergencyNotAllowedFromStatus),
            EmergencyError::NotYourRole | EmergencyError::NotAssignee => Denied::NotYours,
        }
    }
}

impl From<BookingError> for Denied {
    fn from(e: BookingError) -> Self {
        match e {
            BookingError::NotInvited => Denied::Refused(Refusal::TrainingNotInvited),
            BookingError::Cancelled => Denied::Refused(Refusal::TrainingCancelled),
            BookingError::DeadlinePassed => Denied::Refused(Refusal::TrainingDeadlinePassed),
            BookingError::AlreadyBooked => Denied::Refused(Refusal::TrainingAlreadyBooked),
            BookingError::NotAllowed => Denied::NotYours,
            BookingError::Started => Denied::Refused(Refusal::TrainingStarted),
            BookingError::Ended => Denied::Refused(Refusal::TrainingEnded),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_crosses_the_wire_as_its_old_code() {
        let codes: Vec<String> = Refusal::ALL.iter().map(|r| serde_json::to_value(r).unwrap().as_str().unwrap().to_string()).collect();
        for (r, code) in Refusal::ALL.iter().zip(&codes) {
            assert_eq!(serde_json::from_value::<Refusal>(serde_json::json!(code)).unwrap(), *r);
        }
        for code in ["survey_used", "training_already_booked", "training_deadline_passed", "training_started", "stage_not_on_site_yet", "closed"] {
            assert!(codes.iter().any(|c| c == code), "{code}");
        }
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), Refusal::ALL.len());
    }

    #[test]
    fn domain_errors_map_to_refusals() {
        assert_eq!(Refusal::from(StageError::NotOnSiteYet), Refusal::StageNotOnSiteYet);
        assert_eq!(Refusal::from(SurveyError::Final), Refusal::SurveyFinal);
        assert_eq!(Denied::from(TokenError::Unknown), Denied::Unknown);
        assert_eq!(Denied::from(TokenError::Used), Denied::Refused(Refusal::SurveyUsed));
        assert_eq!(Denied::from(RemoteError::NotAssignee), Denied::NotYours);
        assert_eq!(Denied::from(BookingError::NotAllowed), Denied::NotYours);
        assert_eq!(Denied::from(BookingError::Started), Denied::Refused(Refusal::TrainingStarted));
    }
}
