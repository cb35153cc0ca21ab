//! Surveys on the server: created when a request closes, sent when due (the server's job),
//! answered in the portal or through a one-time link; an unhappy answer opens a follow-up
//! request assigned to a manager, and a later survey can say the customer is satisfied.
use chrono::{DateTime, Utc};
use db::{
    entity::{request, survey},
    repo,
    sea_orm::{ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait},
};
use domain::{
    notice::Notice,
    survey::{self as rules, Answer, AnswerValue, SurveyFacts, SurveySettings, Verdict},
    ticket::{format_service_number, Line, RequestKind, Status},
    Refusal,
};

use super::{announce, internal, requests as svc, AppState};
use crate::{
    error::AppError,
    model::{FollowUpInfo, SurveyView},
};

/// Sampling is by request id through a fixed mix: a request is in or out of the sample
/// whenever and wherever it is decided.
const SAMPLE_SEED: u64 = 0x5EED_5A77_15FA_C710;

/// The link row and its survey for a presented token, or why it opens nothing. The token
/// is looked up by its hash (only hashes are stored) and compared in constant time.
pub async fn open_link(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<(db::entity::survey_link::Model, survey::Model), rules::TokenError>, AppError> {
    let unknown = || Ok(Err(rules::TokenError::Unknown));
    if rules::parse_token(token).is_none() {
        return unknown();
    }
    let hash = repo::surveys::hash_token(token);
    let Some(link) = repo::surveys::link_by_hash(conn, &hash).await? else { return unknown() };
    let Some(survey) = repo::surveys::find(conn, link.survey_id).await? else { return unknown() };
    let checked = rules::token_valid(
        link.token_hash.as_bytes(),
        token,
        repo::surveys::hash_token,
        survey.expires_at.timestamp(),
        link.used_at.map(|t| t.timestamp()),
        now.timestamp(),
    );
    Ok(checked.map(|()| (link, survey)))
}

/// Answers through a one-time link (the JSON server function and the plain form post share
/// it): the answer spends every link of the survey.
/// Returns whether the answer counts as satisfied.
pub async fn answer_by_link(state: &AppState, token: &str, answers: Vec<(String, String)>) -> Result<bool, AppError> {
    let (link, s) = open_link(&state.db.conn, token, Utc::now()).await?.map_err(AppError::denied)?;
    record(state, s, answers, Via::Link(link.id)).await
}

/// How an answer arrived.
pub enum Via {
    /// Signed in, as the respondent.
    Portal,
    /// Through a one-time link (its row id): refused if the link or the survey was already
    /// used; this answer spends every link of the survey.
    Link(i32),
}

/// The respondent answers (or changes the answer) in the portal, signed in: the rule behind
/// `answer_survey` and the plain form post `POST /requests/{number}/survey`.
pub async fn answer_in_portal(state: &AppState, caller: &super::auth::Caller, number: &str, answers: Vec<(String, String)>) -> Result<(), AppError> {
    let r = super::requests::load_visible(state, caller, number).await?;
    let s = db::repo::surveys::find_by_request(&state.db.conn, r.id).await?.ok_or(AppError::NotFound)?;
    if s.respondent_id != caller.user.id {
        return Err(AppError::Forbidden);
    }
    if s.invited_at.is_none() {
        return Err(AppError::NotNow(domain::Refusal::SurveyNotYet));
    }
    record(state, s, answers, Via::Portal).await.map(|_| ())
}

pub fn facts_of(s: &survey::Model) -> SurveyFacts {
    SurveyFacts {
        closed_at: s.closed_at.timestamp(),
        sampled: s.sampled,
        first_answered_at: s.first_answered_at.map(|t| t.timestamp()),
        reminded_at: s.reminded_at.map(|t| t.timestamp()),
        followup_created: s.followup_request_id.is_some(),
    }
}

/// The settings as they were for this survey: its stored due and expiry times stand even if
/// an admin changes the delay or expiry later (a survey already sent stays answerable).
pub fn settings_for(s: &survey::Model, current: &SurveySettings) -> SurveySettings {
    let delay = (s.due_at - s.closed_at).num_minutes().max(0) as u32;
    let expiry = (s.expires_at - s.due_at).num_days().max(1) as u32;
    SurveySettings { delay_minutes: delay, expiry_days: expiry, ..*current }
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// Creates the survey of a request that just closed (in the closing transaction). One survey
/// per request: closing again after a reopen asks again only if the first was not answered.
pub async fn on_close(tx: &impl ConnectionTrait, r: &request::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let settings = repo::surveys::settings(tx).await?;
    // Whole seconds: the rules compute in unix seconds, and stored times must agree with them.
    let closed = now.timestamp();
    let now = at(closed);
    let due_at = at(rules::due_at(closed, &settings));
    let expires_at = at(rules::expires_at(closed, &settings));
    let questions: Vec<i32> = repo::surveys::current_questions(tx).await?.into_iter().filter(|(_, q)| !q.retired).map(|(id, _)| id).collect();
    let question_ids = serde_json::to_string(&questions).map_err(internal)?;
    if let Some(existing) = repo::surveys::find_by_request(tx, r.id).await? {
        if existing.first_answered_at.is_some() {
            return Ok(());
        }
        let row = survey::ActiveModel {
            closed_at: Set(now),
            due_at: Set(due_at),
            expires_at: Set(expires_at),
            invited_at: Set(None),
            reminded_at: Set(None),
            engineer_id: Set(r.assignee_id),
            question_ids: Set(question_ids),
            ..Default::default()
        };
        repo::surveys::update_if_version(tx, row, existing.id, existing.version).await?;
        return Ok(());
    }
    let percent = repo::surveys::sample_percent_for(tx, r.organization_id, &settings).await?;
    repo::surveys::insert(
        tx,
        survey::ActiveModel {
            request_id: Set(r.id),
            respondent_id: Set(r.requester_id),
            organization_id: Set(r.organization_id),
            site_id: Set(Some(r.site_id)),
            engineer_id: Set(r.assignee_id),
            closed_at: Set(now),
            due_at: Set(due_at),
            expires_at: Set(expires_at),
            sampled: Set(rules::sampled(i64::from(r.id), percent, SAMPLE_SEED)),
            question_ids: Set(question_ids),
            version: Set(0),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The survey as `viewer` sees it on the request page (or through a link: `respondent`).
pub async fn view_of(
    conn: &impl ConnectionTrait,
    s: &survey::Model,
    r: &request::Model,
    may_answer_as_respondent: bool,
    settings: &SurveySettings,
    now: DateTime<Utc>,
) -> Result<SurveyView, AppError> {
    let facts = facts_of(s);
    let settings = &settings_for(s, settings);
    let status = rules::status_at(&facts, now.timestamp(), settings);
    let ids: Vec<i32> = serde_json::from_str(&s.question_ids).map_err(internal)?;
    let questions = repo::surveys::questions_by_ids(conn, &ids).await?;
    let answers: Vec<Answer> = match &s.answers_json {
        Some(j) => serde_json::from_str(j).map_err(internal)?,
        None => Vec::new(),
    };
    let followup = match s.followup_request_id {
        Some(id) => match repo::requests::find(conn, id).await? {
            Some(f) => {
                let assignee_name = match f.assignee_id {
                    Some(a) => repo::users::find(conn, a).await?.map(|u| u.display_name),
                    None => None,
                };
                Some(FollowUpInfo { number: f.number, assignee_name, status: f.status })
            }
            None => None,
        },
        None => None,
    };
    let follow_up_of = match r.follow_up_of {
        Some(id) => repo::requests::find(conn, id).await?.map(|o| o.number),
        None => None,
    };
    Ok(SurveyView {
        request_number: r.number.clone(),
        request_title: r.title.clone(),
        status,
        questions,
        answers,
        low_score_threshold: settings.low_score_threshold,
        expires_at: s.expires_at,
        final_at: rules::final_at(&facts, settings).map(at),
        may_answer: may_answer_as_respondent && status.accepts_answers(),
        followup,
        follow_up_of,
        outcome_satisfied: s.outcome_satisfied,
    })
}

/// Records an answer (first or changed): checked against the question versions the survey
/// was asked with; an unhappy verdict opens a follow-up for a manager; a follow-up's happy
/// verdict makes the requests it follows up count as satisfied. One transaction.
/// Returns whether the answer counts as satisfied.
pub async fn record(state: &AppState, s: survey::Model, raw: Vec<(String, String)>, via: Via) -> Result<bool, AppError> {
    let now = Utc::now();
    let settings = settings_for(&s, &repo::surveys::settings(&state.db.conn).await?);
    rules::can_answer(&facts_of(&s), now.timestamp(), &settings).map_err(|e| AppError::NotNow(e.into()))?;
    let ids: Vec<i32> = serde_json::from_str(&s.question_ids).map_err(internal)?;
    let questions = repo::surveys::questions_by_ids(&state.db.conn, &ids).await?;
    let valid = rules::validate_answers(&questions, &raw, settings.low_score_threshold).map_err(AppError::Invalid)?;
    let verdict = rules::verdict(&valid, settings.low_score_threshold);
    let satisfied = verdict == Verdict::Satisfied;
    let comment = match valid.get(rules::question::key::COMMENT) {
        Some(AnswerValue::Text(t)) => Some(t.clone()),
        _ => None,
    };

    let tx = state.db.begin_write().await?;
    // The survey's row first: a concurrent answer waits here and then sees this one's result.
    let s = repo::surveys::lock(&*tx, s.id).await?.ok_or(AppError::NotFound)?;
    if let Via::Link(id) = via {
        // A link answers once per survey: any earlier answer (another mailed link, the
        // portal) used it up, even a link an older release left unspent.
        if s.first_answered_at.is_some() || !repo::surveys::use_link(&*tx, id, now).await? {
            return Err(AppError::NotNow(Refusal::SurveyUsed));
        }
    }
    rules::can_answer(&facts_of(&s), now.timestamp(), &settings).map_err(|e| AppError::NotNow(e.into()))?;
    repo::surveys::use_all_links(&*tx, s.id, now).await?;
    let r = repo::requests::find(&*tx, s.request_id).await?.ok_or(AppError::NotFound)?;
    let mut row = survey::ActiveModel {
        answers_json: Set(Some(serde_json::to_string(&valid.answers).map_err(internal)?)),
        overall: Set(Some(i16::from(valid.overall))),
        solved: Set(valid.solved),
        satisfied: Set(Some(satisfied)),
        outcome_satisfied: Set(Some(satisfied)),
        comment: Set(comment.clone()),
        answered_at: Set(Some(now)),
        first_answered_at: Set(Some(s.first_answered_at.unwrap_or(now))),
        ..Default::default()
    };
    let respondent = repo::users::find(&*tx, s.respondent_id).await?.ok_or(AppError::NotFound)?;
    let mut followup = None;
    if rules::follow_up_needed(&verdict, s.followup_request_id.is_some()) {
        let f = open_follow_up(&*tx, &r, &valid, verdict, now).await?;
        row.followup_request_id = Set(Some(f.id));
        followup = Some(f);
    }
    if !repo::surveys::update_if_version(&*tx, row, s.id, s.version).await? {
        return Err(AppError::Conflict);
    }
    let line = Line::Survey { overall: valid.overall, solved: valid.solved, satisfied, changed: s.first_answered_at.is_some() };
    repo::request_events::insert(&*tx, r.id, Some(respondent.id), &line, true).await?;
    if let Some(f) = &followup {
        let manager = match f.assignee_id {
            Some(a) => repo::users::find(&*tx, a).await?.map(|u| u.display_name),
            None => None,
        };
        repo::request_events::insert(&*tx, r.id, None, &Line::FollowUp { followup: f.number.clone(), manager: manager.clone() }, true).await?;
        announce::notify(&*tx, respondent.id, &r, Notice::FollowUp { followup: f.number.clone(), manager }).await?;
        if let Some(a) = f.assignee_id {
            announce::notify(&*tx, a, f, Notice::FollowUpAssigned { of: r.number.clone(), overall: valid.overall }).await?;
        }
        announce::publish(&*tx, f).await?;
    }
    // A follow-up's verdict is the outcome of the requests it follows up.
    let mut child = r.clone();
    while let Some(parent_id) = child.follow_up_of {
        let Some(parent_survey) = repo::surveys::find_by_request(&*tx, parent_id).await? else { break };
        if parent_survey.followup_request_id != Some(child.id) {
            break;
        }
        let up = survey::ActiveModel { outcome_satisfied: Set(Some(satisfied)), ..Default::default() };
        repo::surveys::update_if_version(&*tx, up, parent_survey.id, parent_survey.version).await?;
        let Some(parent) = repo::requests::find(&*tx, parent_id).await? else { break };
        announce::publish(&*tx, &parent).await?;
        child = parent;
    }
    announce::publish(&*tx, &r).await?;
    tx.commit().await?;
    Ok(satisfied)
}

/// The manager a follow-up goes to: the active manager with the fewest open requests
/// assigned (ties to the longest-standing account), so follow-ups spread across managers.
async fn pick_manager(conn: &impl ConnectionTrait) -> Result<Option<db::entity::user::Model>, AppError> {
    let managers = repo::users::active_with_role(conn, "manager").await?;
    let ids: Vec<i32> = managers.iter().map(|m| m.id).collect();
    let load = repo::queues::open_load(conn, &ids).await?;
    let open = |id: i32| load.iter().find(|(u, _)| *u == id).map(|(_, n)| *n).unwrap_or(0);
    Ok(managers.into_iter().min_by_key(|m| (open(m.id), m.id)))
}

/// Opens the follow-up of an unhappy answer: a consultation for the same requester and site,
/// under the terms of the request it follows (it is the same case), assigned to a manager.
/// Without any manager it waits unassigned in the triage queue.
async fn open_follow_up(
    tx: &impl ConnectionTrait,
    r: &request::Model,
    valid: &rules::ValidAnswers,
    verdict: Verdict,
    now: DateTime<Utc>,
) -> Result<request::Model, AppError> {
    let manager = pick_manager(tx).await?;
    let year = chrono::Datelike::year(&now);
    let seq = repo::requests::next_seq(tx, year).await?;
    let (low_score, not_solved) = match verdict {
        Verdict::Unsatisfied { low_score, not_solved } => (low_score, not_solved),
        Verdict::Satisfied => (false, false),
    };
    let mut why = Vec::new();
    if low_score {
        why.push(format!("rated {}/5", valid.overall));
    }
    if not_solved {
        why.push("problem not solved".to_string());
    }
    let reasons = match valid.get(rules::question::key::REASONS) {
        Some(AnswerValue::Choices(c)) if !c.is_empty() => format!("\nReasons: {}", c.join(", ")),
        _ => String::new(),
    };
    let comment = match valid.get(rules::question::key::COMMENT) {
        Some(AnswerValue::Text(t)) => format!("\nComment: {t}"),
        _ => String::new(),
    };
    let title: String = format!("Follow-up: {}", r.title).chars().take(200).collect();
    let description = format!("Satisfaction survey of {}: {}.{reasons}{comment}", r.number, why.join(", "));
    let status = if manager.is_some() { Status::Assigned } else { Status::New };
    let mut row = svc::into_active(r.clone());
    row.id = NotSet;
    row.number = Set(format_service_number(year, seq));
    row.created_by_id = Set(r.requester_id);
    row.title = Set(title);
    row.description = Set(description);
    row.kind = Set(RequestKind::Consultation.as_str().into());
    row.fault_kind = Set(None);
    row.status = Set(status.as_str().into());
    row.assignee_id = Set(manager.as_ref().map(|m| m.id));
    row.on_site_required = Set(false);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.first_response_at = Set(None);
    row.on_site_at = Set(None);
    row.resolution_started_at = Set(now);
    row.resolved_at = Set(None);
    row.closed_at = Set(None);
    row.paused_since = Set(None);
    row.pause_reason = Set(None);
    row.escalation_level = Set(0);
    row.breach_recorded = Set(false);
    row.version = Set(0);
    row.stage = Set(None);
    row.stage_at = Set(None);
    row.service_restored_at = Set(None);
    row.fault_report_json = Set(None);
    row.follow_up_of = Set(Some(r.id));
    let facts = domain::ticket::ClockFacts {
        created_at: now,
        severity: svc::severity_of(r),
        first_response_at: None,
        on_site_required: false,
        on_site_limit_secs: r.on_site_limit_secs,
        on_site_at: None,
        resolution_started_at: now,
        stopped_at: None,
        pauses: vec![],
    };
    svc::set_deadlines(&mut row, &svc::terms_of(r), &facts, false, now);
    let f = repo::requests::insert(tx, row).await?;
    let created = Line::Created { severity: f.severity as u8, on_behalf_of: None, channel: None, follow_up_of: Some(r.number.clone()), inspection: None };
    repo::request_events::insert(tx, f.id, None, &created, true).await?;
    if let Some(m) = &manager {
        repo::request_events::insert(tx, f.id, None, &Line::Assigned { engineer: m.display_name.clone() }, true).await?;
    }
    Ok(f)
}
