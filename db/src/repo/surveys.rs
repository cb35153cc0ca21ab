//! Surveys, their questions, settings and one-time links.
use chrono::{DateTime, Utc};
use domain::survey::{QuestionVersion, SurveySettings};
use sea_orm::{sea_query::Expr, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::{
    survey::{self, Entity as Survey, Model},
    survey_link::{self, Entity as Link},
    survey_org_sampling::{self, Entity as OrgSampling},
    survey_question::{self, Entity as Question},
    survey_setting::{self, Entity as Setting},
};

fn json_err(e: serde_json::Error) -> DbErr {
    DbErr::Custom(format!("survey json: {e}"))
}

// ---------------------------------------------------------------- settings

pub async fn settings(db: &impl ConnectionTrait) -> Result<SurveySettings, DbErr> {
    Ok(match Setting::find_by_id(1).one(db).await? {
        Some(s) => SurveySettings {
            delay_minutes: s.delay_minutes.max(0) as u32,
            expiry_days: s.expiry_days.max(1) as u32,
            reminder_after_days: s.reminder_after_days.max(0) as u32,
            low_score_threshold: s.low_score_threshold.clamp(1, 4) as u8,
            sample_percent: s.sample_percent.clamp(1, 100) as u8,
            final_after_days: s.final_after_days.max(0) as u32,
        },
        None => SurveySettings::default(),
    })
}

pub async fn save_settings(tx: &impl ConnectionTrait, s: &SurveySettings, now: DateTime<Utc>) -> Result<(), DbErr> {
    let row = survey_setting::ActiveModel {
        id: Set(1),
        delay_minutes: Set(s.delay_minutes as i32),
        expiry_days: Set(s.expiry_days as i32),
        reminder_after_days: Set(s.reminder_after_days as i32),
        low_score_threshold: Set(i16::from(s.low_score_threshold)),
        sample_percent: Set(i16::from(s.sample_percent)),
        final_after_days: Set(s.final_after_days as i32),
        updated_at: Set(now),
    };
    if Setting::find_by_id(1).one(tx).await?.is_some() {
        row.update(tx).await?;
    } else {
        row.insert(tx).await?;
    }
    Ok(())
}

/// The share of an organization's requests that get a survey: its own figure, else the
/// portal's.
pub async fn sample_percent_for(db: &impl ConnectionTrait, organization_id: i32, settings: &SurveySettings) -> Result<u8, DbErr> {
    Ok(OrgSampling::find_by_id(organization_id).one(db).await?.map(|o| o.sample_percent.clamp(1, 100) as u8).unwrap_or(settings.sample_percent))
}

pub async fn org_samplings(db: &impl ConnectionTrait) -> Result<Vec<(i32, u8)>, DbErr> {
    Ok(OrgSampling::find().all(db).await?.into_iter().map(|o| (o.organization_id, o.sample_percent.clamp(1, 100) as u8)).collect())
}

/// Sets (or with `None` removes) an organization's own sampling figure.
pub async fn set_org_sampling(tx: &impl ConnectionTrait, organization_id: i32, percent: Option<u8>) -> Result<(), DbErr> {
    OrgSampling::delete_by_id(organization_id).exec(tx).await?;
    if let Some(p) = percent {
        survey_org_sampling::ActiveModel { organization_id: Set(organization_id), sample_percent: Set(i16::from(p)) }.insert(tx).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- questions

/// The versions new surveys ask, in order (retired ones included: callers filter).
pub async fn current_questions(db: &impl ConnectionTrait) -> Result<Vec<(i32, QuestionVersion)>, DbErr> {
    let rows = Question::find().filter(survey_question::Column::Current.eq(true)).order_by_asc(survey_question::Column::Position).all(db).await?;
    rows.into_iter().map(|r| Ok((r.id, serde_json::from_str(&r.definition).map_err(json_err)?))).collect()
}

/// The question versions a survey was asked with, in their order.
pub async fn questions_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<QuestionVersion>, DbErr> {
    let rows = Question::find()
        .filter(survey_question::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(survey_question::Column::Position)
        .order_by_asc(survey_question::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(|r| serde_json::from_str(&r.definition).map_err(json_err)).collect()
}

/// Stores an edited question: a new version becomes the current one (earlier versions stay
/// for the surveys that asked them); the same version (retiring) updates it in place.
pub async fn put_question(tx: &impl ConnectionTrait, q: &QuestionVersion, now: DateTime<Utc>) -> Result<(), DbErr> {
    let definition = serde_json::to_string(q).map_err(json_err)?;
    let existing = Question::find().filter(survey_question::Column::Key.eq(q.key.as_str())).order_by_desc(survey_question::Column::Version).all(tx).await?;
    if let Some(same) = existing.iter().find(|r| r.version == q.version as i32) {
        let mut row: survey_question::ActiveModel = same.clone().into();
        row.definition = Set(definition);
        row.update(tx).await?;
        return Ok(());
    }
    let position = match existing.first() {
        Some(r) => r.position,
        None => {
            let max: Option<i32> = Question::find().select_only().column_as(survey_question::Column::Position.max(), "m").into_tuple().one(tx).await?.flatten();
            max.unwrap_or(0) + 1
        }
    };
    Question::update_many()
        .col_expr(survey_question::Column::Current, Expr::value(false))
        .filter(survey_question::Column::Key.eq(q.key.as_str()))
        .exec(tx)
        .await?;
    survey_question::ActiveModel {
        key: Set(q.key.clone()),
        version: Set(q.version as i32),
        position: Set(position),
        definition: Set(definition),
        current: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------- surveys

pub async fn insert(tx: &impl ConnectionTrait, row: survey::ActiveModel) -> Result<Model, DbErr> {
    row.insert(tx).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Survey::find_by_id(id).one(db).await
}

pub async fn find_by_request(db: &impl ConnectionTrait, request_id: i32) -> Result<Option<Model>, DbErr> {
    Survey::find().filter(survey::Column::RequestId.eq(request_id)).one(db).await
}

/// The survey of the request a follow-up request was opened for.
pub async fn find_by_followup(db: &impl ConnectionTrait, followup_request_id: i32) -> Result<Option<Model>, DbErr> {
    Survey::find().filter(survey::Column::FollowupRequestId.eq(followup_request_id)).one(db).await
}

/// Reads a survey and takes its row until the transaction ends (PostgreSQL row lock; on
/// SQLite `Db::begin_write` already runs writers one at a time). Every answer takes it before
/// it spends links, so two answers to one survey (two mailed links, a link and the portal)
/// run one after the other, the second seeing what the first did; the invitation job takes
/// the same row first (its version update), so a reminder's new link is either spent by the
/// answer or never sent.
pub async fn lock(tx: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Survey::find_by_id(id).lock_exclusive().one(tx).await
}

/// Saves `row` only if the survey is still at `version` (bumping it): false when someone
/// (another tab, the link, a job) changed it first.
pub async fn update_if_version(tx: &impl ConnectionTrait, mut row: survey::ActiveModel, id: i32, version: i32) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let res = Survey::update_many().set(row).filter(survey::Column::Id.eq(id)).filter(survey::Column::Version.eq(version)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

/// Sampled surveys whose time has come and that nobody was asked about yet.
pub async fn to_invite(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Survey::find()
        .filter(survey::Column::InvitedAt.is_null())
        .filter(survey::Column::Sampled.eq(true))
        .filter(survey::Column::DueAt.lte(now))
        .order_by_asc(survey::Column::DueAt)
        .limit(limit)
        .all(db)
        .await
}

/// Invited, unanswered, not reminded and not expired: candidates for the one reminder.
pub async fn to_remind(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Survey::find()
        .filter(survey::Column::InvitedAt.is_not_null())
        .filter(survey::Column::RemindedAt.is_null())
        .filter(survey::Column::FirstAnsweredAt.is_null())
        .filter(survey::Column::ExpiresAt.gt(now))
        .order_by_asc(survey::Column::DueAt)
        .limit(limit)
        .all(db)
        .await
}

/// The surveys a person was asked and has not answered, still open (their home page).
pub async fn waiting_for(db: &impl ConnectionTrait, respondent_id: i32, now: DateTime<Utc>) -> Result<Vec<Model>, DbErr> {
    Survey::find()
        .filter(survey::Column::RespondentId.eq(respondent_id))
        .filter(survey::Column::ExpiresAt.gt(now))
        .filter(survey::Column::InvitedAt.is_not_null())
        .filter(survey::Column::FirstAnsweredAt.is_null())
        .order_by_asc(survey::Column::ExpiresAt)
        .limit(20)
        .all(db)
        .await
}

/// Who the results are about: everything, one organization, or one engineer's work.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope {
    pub organization_id: Option<i32>,
    pub engineer_id: Option<i32>,
    pub site_id: Option<i32>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// The condition for "sent, within `scope`" (the results page, the reports, the export).
pub(crate) fn scoped(scope: &Scope) -> Condition {
    let mut c = Condition::all().add(survey::Column::Sampled.eq(true)).add(survey::Column::InvitedAt.is_not_null());
    if let Some(o) = scope.organization_id {
        c = c.add(survey::Column::OrganizationId.eq(o));
    }
    if let Some(e) = scope.engineer_id {
        c = c.add(survey::Column::EngineerId.eq(e));
    }
    if let Some(s) = scope.site_id {
        c = c.add(survey::Column::SiteId.eq(s));
    }
    if let Some(f) = scope.from {
        c = c.add(survey::Column::ClosedAt.gte(f));
    }
    if let Some(u) = scope.until {
        c = c.add(survey::Column::ClosedAt.lt(u));
    }
    c
}

/// The newest answers with a comment within `scope`, at most `limit`.
pub async fn commented(db: &impl ConnectionTrait, scope: &Scope, limit: u64) -> Result<Vec<Model>, DbErr> {
    Survey::find()
        .filter(scoped(scope))
        .filter(survey::Column::Comment.is_not_null())
        .filter(survey::Column::Comment.ne(""))
        .order_by_desc(survey::Column::AnsweredAt)
        .order_by_desc(survey::Column::ClosedAt)
        .limit(limit)
        .all(db)
        .await
}

/// The surveys sent within `scope` (at most `limit`, newest first).
pub async fn sent_in(db: &impl ConnectionTrait, scope: &Scope, limit: u64) -> Result<Vec<Model>, DbErr> {
    Survey::find().filter(scoped(scope)).order_by_desc(survey::Column::ClosedAt).limit(limit).all(db).await
}

// ---------------------------------------------------------------- links

/// A new one-time token and the hash that is stored for it.
pub fn new_token() -> (String, String) {
    let bytes: [u8; domain::survey::token::TOKEN_BYTES] = rand::random();
    let token = domain::survey::token_from_bytes(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn insert_link(tx: &impl ConnectionTrait, survey_id: i32, token_hash: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    survey_link::ActiveModel {
        survey_id: Set(survey_id),
        token_hash: Set(token_hash.to_string()),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

pub async fn link_by_hash(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<survey_link::Model>, DbErr> {
    Link::find().filter(survey_link::Column::TokenHash.eq(token_hash)).one(db).await
}

/// Spends a link: true for the one caller that got there first.
pub async fn use_link(tx: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = Link::update_many()
        .col_expr(survey_link::Column::UsedAt, Expr::value(now))
        .filter(survey_link::Column::Id.eq(id))
        .filter(survey_link::Column::UsedAt.is_null())
        .exec(tx)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Spends every link of a survey that is not spent yet: one answer, however it came (a
/// mailed link, the reminder's link, the portal), spends them all.
pub async fn use_all_links(tx: &impl ConnectionTrait, survey_id: i32, now: DateTime<Utc>) -> Result<(), DbErr> {
    Link::update_many()
        .col_expr(survey_link::Column::UsedAt, Expr::value(now))
        .filter(survey_link::Column::SurveyId.eq(survey_id))
        .filter(survey_link::Column::UsedAt.is_null())
        .exec(tx)
        .await?;
    Ok(())
}
