use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{LinkSurvey, SurveyView, WaitingSurvey},
};

#[cfg(feature = "ssr")]
mod link {
    use crate::error::AppError;

    /// The link row and its survey for a presented token, or why it opens nothing. The token
    /// is looked up by its hash (only hashes are stored) and compared in constant time.
    pub async fn open(
        conn: &impl db::sea_orm::ConnectionTrait,
        token: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(db::entity::survey_link::Model, db::entity::survey::Model), String>, AppError> {
        let unknown = || Ok(Err(domain::survey::TokenError::Unknown.code().to_string()));
        if domain::survey::parse_token(token).is_none() {
            return unknown();
        }
        let hash = db::repo::surveys::hash_token(token);
        let Some(link) = db::repo::surveys::link_by_hash(conn, &hash).await? else { return unknown() };
        let Some(survey) = db::repo::surveys::find(conn, link.survey_id).await? else { return unknown() };
        let checked = domain::survey::token_valid(
            link.token_hash.as_bytes(),
            token,
            db::repo::surveys::hash_token,
            survey.expires_at.timestamp(),
            link.used_at.map(|t| t.timestamp()),
            now.timestamp(),
        );
        Ok(match checked {
            Ok(()) => Ok((link, survey)),
            Err(e) => Err(e.code().to_string()),
        })
    }
}

/// The survey of a request, once it has been sent: the respondent answers it, everyone else
/// who may see the request reads it.
#[server(endpoint = "get_request_survey")]
pub async fn get_request_survey(number: String) -> Result<Option<SurveyView>, AppError> {
    use crate::ssr::{requests as svc, require, respond, surveys};
    respond(async move {
        let (state, caller) = require().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let conn = &state.db.conn;
        let Some(s) = db::repo::surveys::find_by_request(conn, r.id).await? else { return Ok(None) };
        if !s.sampled || s.invited_at.is_none() {
            return Ok(None);
        }
        let settings = db::repo::surveys::settings(conn).await?;
        Ok(Some(surveys::view_of(conn, &s, &r, s.respondent_id == caller.user.id, &settings, chrono::Utc::now()).await?))
    })
    .await
}

/// The respondent answers (or changes the answer) in the portal. `answers` are the form's
/// (name, value) pairs: several for a multiple choice.
#[server(endpoint = "answer_survey", input = server_fn::codec::Json)]
pub async fn answer_survey(number: String, answers: Vec<(String, String)>) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, surveys};
    respond(async move {
        let (state, caller) = require().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let s = db::repo::surveys::find_by_request(&state.db.conn, r.id).await?.ok_or(AppError::NotFound)?;
        if s.respondent_id != caller.user.id {
            return Err(AppError::Forbidden);
        }
        if s.invited_at.is_none() {
            return Err(AppError::NotNow("survey_not_yet".into()));
        }
        surveys::record(&state, s, answers, surveys::Via::Portal).await
    })
    .await
}

/// The signed-in person's surveys waiting for an answer (home page).
#[server(endpoint = "waiting_surveys")]
pub async fn get_waiting_surveys() -> Result<Vec<WaitingSurvey>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let mut out = Vec::new();
        for s in db::repo::surveys::waiting_for(conn, caller.user.id, chrono::Utc::now()).await? {
            if let Some(r) = db::repo::requests::find(conn, s.request_id).await? {
                out.push(WaitingSurvey { number: r.number, title: r.title, expires_at: s.expires_at });
            }
        }
        Ok(out)
    })
    .await
}

/// What a one-time link opens. No sign-in: the token is the key. Opening it records
/// nothing (mail scanners follow links); only `answer_link_survey` does.
#[server(endpoint = "get_link_survey")]
pub async fn get_link_survey(token: String) -> Result<LinkSurvey, AppError> {
    use crate::ssr::{respond, state, surveys};
    respond(async move {
        let state = state()?;
        let conn = &state.db.conn;
        let now = chrono::Utc::now();
        let (_, s) = match link::open(conn, &token, now).await? {
            Ok(found) => found,
            Err(code) => return Ok(LinkSurvey::Closed(code)),
        };
        let r = db::repo::requests::find(conn, s.request_id).await?.ok_or(AppError::NotFound)?;
        let settings = db::repo::surveys::settings(conn).await?;
        if let Err(e) = domain::survey::can_answer(&surveys::facts_of(&s), now.timestamp(), &surveys::settings_for(&s, &settings)) {
            return Ok(LinkSurvey::Closed(e.code().to_string()));
        }
        Ok(LinkSurvey::Open(surveys::view_of(conn, &s, &r, true, &settings, now).await?))
    })
    .await
}

/// Answers through a one-time link. The answer spends every link of the survey (the
/// invitation's and the reminder's), so whichever link comes second, or loses a race with
/// the first, is told the survey was already answered; changing the answer later is done
/// signed in, on the request's page.
#[server(endpoint = "answer_link_survey", input = server_fn::codec::Json)]
pub async fn answer_link_survey(token: String, answers: Vec<(String, String)>) -> Result<(), AppError> {
    use crate::ssr::{respond, state, surveys};
    respond(async move {
        let state = state()?;
        let (link, s) = match link::open(&state.db.conn, &token, chrono::Utc::now()).await? {
            Ok(found) => found,
            Err(code) if code == "unknown" => return Err(AppError::NotFound),
            Err(code) => return Err(AppError::NotNow(format!("survey_{code}"))),
        };
        surveys::record(&state, s, answers, surveys::Via::Link(link.id)).await
    })
    .await
}
