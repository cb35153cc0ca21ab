use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{LinkSurvey, SurveyView, WaitingSurvey},
};

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
    use crate::ssr::{require, respond, surveys};
    respond(async move {
        let (state, caller) = require().await?;
        surveys::answer_in_portal(&state, &caller, &number, answers).await
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
        let (_, s) = match surveys::open_link(conn, &token, now).await? {
            Ok(found) => found,
            Err(e) => return Ok(LinkSurvey::Closed(e.into())),
        };
        let r = db::repo::requests::find(conn, s.request_id).await?.ok_or(AppError::NotFound)?;
        let settings = db::repo::surveys::settings(conn).await?;
        if let Err(e) = domain::survey::can_answer(&surveys::facts_of(&s), now.timestamp(), &surveys::settings_for(&s, &settings)) {
            return Ok(LinkSurvey::Closed(e.into()));
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
    respond(async move { surveys::answer_by_link(&state()?, &token, answers).await.map(|_| ()) }).await
}
