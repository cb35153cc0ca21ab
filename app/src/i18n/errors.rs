//! Errors as sentences in the reader's language.
use domain::{ErrorCode, FieldError};

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
        AppError::NotNow(code) => match code.as_str() {
            "stage_repeated" | "stage_backwards" => Msg::ErrStageOrder,
            "stage_not_on_site_yet" => Msg::ErrNotOnSiteYet,
            "stage_not_now" => Msg::ErrStageNotNow,
            "remote_not_approved" => Msg::ErrRemoteNotApproved,
            "remote_not_allowed_from_status" | "emergency_not_allowed_from_status" => Msg::ErrAlreadyDecided,
            "not_assignee" | "remote_not_assignee" | "emergency_not_assignee" => Msg::ErrNotAssignee,
            "survey_used" => Msg::SurveyLinkUsed,
            "survey_expired" => Msg::SurveyLinkExpired,
            "survey_final" => Msg::SurveyLinkFinal,
            "survey_not_yet" | "survey_skipped" => Msg::ErrSurveyNotOpen,
            "training_deadline_passed" => Msg::ErrTrDeadline,
            "training_started" | "training_ended" => Msg::ErrTrStarted,
            "training_cancelled" => Msg::TrCancelled,
            "training_already_booked" => Msg::ErrTrAlreadyBooked,
            "training_not_invited" => Msg::ErrTrNotInvited,
            "training_not_started" => Msg::ErrTrNotStarted,
            "training_feedback_not_yet" => Msg::ErrTrFeedbackNotYet,
            "training_feedback_closed" | "training_feedback_given" => Msg::ErrTrFeedbackClosed,
            "training_not_booked" | "training_not_confirmed" => Msg::ErrTrNotBooked,
            _ => Msg::ErrTransition,
        },
        AppError::BadRequest(_) => Msg::ErrBadRequest,
        AppError::Internal => Msg::ErrInternal,
        AppError::Transport(_) => Msg::ErrNetwork,
    };
    m.text(lang).into()
}
