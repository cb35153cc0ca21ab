//! Errors as sentences in the reader's language.
use domain::{ErrorCode, FieldError, Refusal};

use super::{Lang, Msg};
use crate::error::AppError;

pub fn field_error_text(lang: Lang, e: &FieldError) -> String {
    let with_n = |m: Msg, n: usize| m.text(lang).replace("{n}", &n.to_string());
    match &e.code {
        ErrorCode::Required => Msg::ErrRequired.text(lang).into(),
        ErrorCode::TooShort { min } => with_n(Msg::ErrTooShort, *min),
        ErrorCode::TooLong { max } => with_n(Msg::ErrTooLong, *max),
        ErrorCode::InvalidEmail => Msg::ErrInvalidEmail.text(lang).into(),
        ErrorCode::InvalidPhone => Msg::ErrInvalidPhone.text(lang).into(),
        ErrorCode::PasswordTooShort { min } => with_n(Msg::ErrPasswordTooShort, *min),
        ErrorCode::PasswordSameAsEmail => Msg::ErrPasswordSameAsEmail.text(lang).into(),
        ErrorCode::PasswordMismatch => Msg::ErrPasswordMismatch.text(lang).into(),
        ErrorCode::WrongCurrentPassword => Msg::ErrWrongCurrentPassword.text(lang).into(),
        ErrorCode::EmailTaken => Msg::ErrEmailTaken.text(lang).into(),
        ErrorCode::NameTaken => Msg::ErrNameTaken.text(lang).into(),
        ErrorCode::InvalidChoice => Msg::ErrInvalidChoice.text(lang).into(),
        ErrorCode::RoleNotForOrg => Msg::ErrRoleNotForOrg.text(lang).into(),
        ErrorCode::RoleNotAllowed => Msg::ErrRoleNotAllowed.text(lang).into(),
        ErrorCode::NotOnYourself => Msg::ErrNotOnYourself.text(lang).into(),
        ErrorCode::OutOfRange { min, max } => Msg::ErrOutOfRange.text(lang).replace("{min}", &min.to_string()).replace("{max}", &max.to_string()),
        ErrorCode::TooMany { max } => with_n(Msg::ErrTooMany, *max),
        ErrorCode::Unchanged => Msg::ErrUnchanged.text(lang).into(),
        ErrorCode::RemoteNotApproved => Msg::ErrRemoteNotApproved.text(lang).into(),
        ErrorCode::DailyUploadQuota { megabytes, files } => {
            Msg::ErrDailyUploadQuota.text(lang).replace("{mb}", &megabytes.to_string()).replace("{files}", &files.to_string())
        }
        ErrorCode::InvalidDate => Msg::ErrInvalidDate.text(lang).into(),
        ErrorCode::InvalidTime => Msg::ErrInvalidTime.text(lang).into(),
        ErrorCode::SameTime => Msg::ErrSameTime.text(lang).into(),
        ErrorCode::InvalidIpAddress => Msg::ErrInvalidIpAddress.text(lang).into(),
        ErrorCode::EndsBeforeStart => Msg::ErrEndsBeforeStart.text(lang).into(),
        ErrorCode::SerialTaken => Msg::ErrSerialTaken.text(lang).into(),
        ErrorCode::NotEnoughStock { available } => Msg::ErrNotEnoughStock.text(lang).replace("{n}", &available.to_string()),
        ErrorCode::InvalidNumber => Msg::ErrInvalidNumber.text(lang).into(),
        ErrorCode::BadLine { line, field } => Msg::ErrBadLine.text(lang).replace("{line}", &line.to_string()).replace("{field}", &field.to_string()),
    }
}

/// The message for a whole failed action (field errors are shown at their fields).
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let m = match e {
        AppError::Unauthenticated => Msg::SessionExpired,
        AppError::Forbidden => Msg::ErrForbidden,
        AppError::NotFound => Msg::ErrNotFound,
        AppError::Invalid(_) => Msg::ErrFixFields,
        AppError::BadCredentials => Msg::BadCredentials,
        AppError::RateLimited => Msg::TooManyAttempts,
        AppError::Conflict => Msg::ErrConflict,
        AppError::Transition(_) => Msg::ErrTransition,
        AppError::NotNow(r) => refusal_msg(*r),
        AppError::BadRequest(_) => Msg::ErrBadRequest,
        AppError::Internal => Msg::ErrInternal,
        AppError::Transport(_) => Msg::ErrNetwork,
    };
    m.text(lang).into()
}

/// Every refusal has its sentence: a new one does not compile until it is added here.
pub fn refusal_msg(r: Refusal) -> Msg {
    match r {
        Refusal::Closed => Msg::ErrClosed,
        Refusal::StageRepeated | Refusal::StageBackwards => Msg::ErrStageOrder,
        Refusal::StageNotOnSiteYet => Msg::ErrNotOnSiteYet,
        Refusal::StageNotNow => Msg::ErrStageNotNow,
        Refusal::RemoteNotAllowedFromStatus | Refusal::EmergencyNotAllowedFromStatus => Msg::ErrAlreadyDecided,
        Refusal::SurveyUsed => Msg::SurveyLinkUsed,
        Refusal::SurveyExpired => Msg::SurveyLinkExpired,
        Refusal::SurveyFinal => Msg::SurveyLinkFinal,
        Refusal::SurveyNotYet | Refusal::SurveySkipped => Msg::ErrSurveyNotOpen,
        Refusal::TrainingDeadlinePassed => Msg::ErrTrDeadline,
        Refusal::TrainingStarted | Refusal::TrainingEnded => Msg::ErrTrStarted,
        Refusal::TrainingCancelled => Msg::TrCancelled,
        Refusal::TrainingAlreadyBooked => Msg::ErrTrAlreadyBooked,
        Refusal::TrainingNotInvited => Msg::ErrTrNotInvited,
        Refusal::TrainingNotStarted => Msg::ErrTrNotStarted,
        Refusal::TrainingFeedbackNotYet => Msg::ErrTrFeedbackNotYet,
        Refusal::TrainingFeedbackClosed | Refusal::TrainingFeedbackGiven => Msg::ErrTrFeedbackClosed,
        Refusal::TrainingNotBooked | Refusal::TrainingNotConfirmed => Msg::ErrTrNotBooked,
        Refusal::UpgradeNotNow => Msg::ErrUpgradeNotNow,
        Refusal::InspectionNotNow => Msg::ErrInspectionNotNow,
        Refusal::ArticleNotNow => Msg::ErrArticleNotNow,
        Refusal::ComplaintNotNow => Msg::ErrComplaintNotNow,
        Refusal::ReportOpen => Msg::ErrReportOpen,
        Refusal::NarrativeChanged => Msg::ErrNarrativeChanged,
    }
}
