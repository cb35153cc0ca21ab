//! Feedback after a session, through the survey engine: the questions are
//! `domain::training::feedback_questions` (survey `QuestionVersion`s), checked by
//! `survey::validate_answers` and judged by `survey::verdict` with the portal's low-score
//! threshold. Confirmed attendees (not marked absent) answer once per booking, from the end
//! of the session for `FEEDBACK_OPEN_DAYS`.
use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub use server::view_for;

#[cfg(feature = "ssr")]
mod server {
    use chrono::{DateTime, Utc};
    use db::{entity::training_booking as booking, repo::training as t, sea_orm::ConnectionTrait};
    use domain::{
        survey::{Answer, QuestionVersion, SurveyStatus},
        training::{self as rules, SessionStatus, FEEDBACK_OPEN_DAYS},
    };

    use crate::{
        error::AppError,
        model::SurveyView,
        ssr::training::{at, json, Loaded},
    };

    /// Whether this booking's holder is asked: a confirmed seat, not marked absent, of a
    /// session that took place and has ended.
    pub fn asked(l: &Loaded, b: &booking::Model, now: DateTime<Utc>) -> bool {
        b.status == t::CONFIRMED
            && b.attended != Some(false)
            && l.status() == SessionStatus::Scheduled
            && rules::feedback_due(now.timestamp(), l.s.ends_at.timestamp())
    }

    /// The feedback form (or the answer given) for the caller's booking, once it is due.
    pub async fn view_for(conn: &impl ConnectionTrait, l: &Loaded, b: Option<&booking::Model>, now: DateTime<Utc>) -> Result<Option<SurveyView>, AppError> {
        let Some(b) = b.filter(|b| asked(l, b, now)) else { return Ok(None) };
        let threshold = db::repo::surveys::settings(conn).await?.low_score_threshold;
        let ends = l.s.ends_at.timestamp();
        let expires_at = at(ends + FEEDBACK_OPEN_DAYS * 86_400);
        let given = t::feedback_of(conn, b.id).await?;
        let (status, questions, answers, final_at, satisfied) = match given {
            Some(f) => {
                let questions: Vec<QuestionVersion> = json(&f.questions_json)?;
                let answers: Vec<Answer> = json(&f.answers_json)?;
                (SurveyStatus::Final, questions, answers, Some(f.answered_at), Some(f.satisfied))
            }
            None => {
                let status = if rules::feedback_open(now.timestamp(), ends) { SurveyStatus::Open } else { SurveyStatus::Expired };
                (status, rules::feedback_questions(), Vec::new(), None, None)
            }
        };
        Ok(Some(SurveyView {
            request_number: String::new(),
            request_title: l.s.title.clone(),
            status,
            questions,
            answers,
            low_score_threshold: threshold,
            expires_at,
            final_at,
            may_answer: status == SurveyStatus::Open,
            followup: None,
            follow_up_of: None,
            outcome_satisfied: satisfied,
        }))
    }
}

/// The caller's feedback on a session they attended: `answers` are the form's (name, value)
/// pairs, as for request surveys. Given once; it cannot be changed.
#[server(endpoint = "answer_training_feedback", input = server_fn::codec::Json)]
pub async fn answer_training_feedback(session_id: i32, answers: Vec<(String, String)>) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        answer_feedback(&state, &caller, session_id, answers).await
    })
    .await
}

/// The rule behind `answer_training_feedback`, also used by the plain form post
/// (`POST /training/{id}/feedback`, the server's `survey_form`).
#[cfg(feature = "ssr")]
pub async fn answer_feedback(
    state: &crate::ssr::AppState,
    caller: &crate::ssr::auth::Caller,
    session_id: i32,
    answers: Vec<(String, String)>,
) -> Result<(), AppError> {
    use db::{entity::training_feedback, repo::training as t, sea_orm::ActiveValue::Set};
    use domain::{
        survey::{self, AnswerValue, Verdict},
        training::{self as rules, SessionStatus},
    };

    use crate::ssr::{internal, training};
    let conn = &state.db.conn;
    let l = training::load_visible(conn, caller, session_id).await?;
    let now = chrono::Utc::now();
    if l.status() == SessionStatus::Cancelled {
        return Err(AppError::NotNow(domain::Refusal::TrainingCancelled));
    }
    let b = t::active_booking(conn, session_id, caller.user.id).await?.filter(|b| b.status == t::CONFIRMED).ok_or(AppError::Forbidden)?;
    if b.attended == Some(false) {
        return Err(AppError::Forbidden);
    }
    let ends = l.s.ends_at.timestamp();
    if !rules::feedback_due(now.timestamp(), ends) {
        return Err(AppError::NotNow(domain::Refusal::TrainingFeedbackNotYet));
    }
    if !rules::feedback_open(now.timestamp(), ends) {
        return Err(AppError::NotNow(domain::Refusal::TrainingFeedbackClosed));
    }
    if t::feedback_of(conn, b.id).await?.is_some() {
        return Err(AppError::NotNow(domain::Refusal::TrainingFeedbackGiven));
    }
    let threshold = db::repo::surveys::settings(conn).await?.low_score_threshold;
    let questions = rules::feedback_questions();
    let valid = survey::validate_answers(&questions, &answers, threshold).map_err(AppError::Invalid)?;
    let satisfied = survey::verdict(&valid, threshold) == Verdict::Satisfied;
    let comment = match valid.get(survey::question::key::COMMENT) {
        Some(AnswerValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let row = training_feedback::ActiveModel {
        booking_id: Set(b.id),
        session_id: Set(session_id),
        user_id: Set(caller.user.id),
        questions_json: Set(serde_json::to_string(&questions).map_err(internal)?),
        answers_json: Set(serde_json::to_string(&valid.answers).map_err(internal)?),
        overall: Set(i16::from(valid.overall)),
        satisfied: Set(satisfied),
        comment: Set(comment),
        answered_at: Set(now),
        ..Default::default()
    };
    let tx = state.db.begin_write().await?;
    match t::insert_feedback(&*tx, row).await {
        Ok(_) => {}
        // Sent twice at once: the unique booking id keeps the first.
        Err(e) if db::repo::is_unique_violation(&e) => return Err(AppError::NotNow(domain::Refusal::TrainingFeedbackGiven)),
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}
