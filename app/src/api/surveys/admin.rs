//! The survey admin page: settings, per-organization sampling and the questions.
//! Administrators change them; service managers read them (they answer for satisfaction).
//! Other staff are refused; people of customer organizations are told the page does not
//! exist, as with every staff-only function.
//!
//! The rules are `domain::survey::settings` and `domain::survey::question::edit`; this file
//! adds what needs the database. Questions are read inside the write transaction, so the
//! version (or the new key) is decided against what is stored; two admins racing on the
//! same question meet the unique (key, version) index and the loser gets `Conflict`.
use leptos::prelude::*;

use crate::{error::AppError, model::SurveyAdmin};

#[cfg(feature = "ssr")]
mod ssr {
    use db::sea_orm::{ConnectionTrait, DbErr};
    use domain::{
        survey::{ChoiceOption, Condition, QuestionKind, QuestionVersion},
        ErrorCode, FieldError, Page,
    };

    use crate::{error::AppError, ssr::Caller};

    /// Refuses who may not read: other staff `Forbidden`, customers `NotFound`.
    pub fn check_read(caller: &Caller) -> Result<(), AppError> {
        if domain::page_access(Page::AdminSurveys, Some(caller.actor.role)) == domain::Access::Allow {
            Ok(())
        } else if caller.actor.role.is_staff() {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Refuses who may not change: managers read only.
    pub fn check_edit(caller: &Caller) -> Result<(), AppError> {
        check_read(caller)?;
        if caller.actor.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Every stored question's current version, retired ones included.
    pub async fn questions(db: &impl ConnectionTrait) -> Result<Vec<QuestionVersion>, DbErr> {
        Ok(db::repo::surveys::current_questions(db).await?.into_iter().map(|(_, q)| q).collect())
    }

    /// Two admins made the same version (or key) at once: the second is told to reload.
    pub fn conflict_or(e: DbErr) -> AppError {
        if db::repo::is_unique_violation(&e) {
            AppError::Conflict
        } else {
            e.into()
        }
    }

    /// The kind from the form: `scale5`, `yes_no`, `text` or `choice` (options one a line,
    /// the same count in both languages: line n is one choice). Missing lines are sent as
    /// empty texts, so the domain names the line that lacks its translation.
    pub fn kind(kind: &str, options_en: &str, options_zh: &str, max_selected: &str, errors: &mut Vec<FieldError>) -> Option<QuestionKind> {
        match kind.trim() {
            "scale5" => Some(QuestionKind::Scale5),
            "yes_no" => Some(QuestionKind::YesNo),
            "text" => Some(QuestionKind::Text),
            "choice" => {
                let lines = |s: &str| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>();
                let (en, zh) = (lines(options_en), lines(options_zh));
                let n = en.len().max(zh.len());
                let mut options: Vec<ChoiceOption> = Vec::with_capacity(n);
                for i in 0..n {
                    let text_en = en.get(i).cloned().unwrap_or_default();
                    let key = option_key(&text_en, i, &options);
                    options.push(ChoiceOption { key, text_en, text_zh: zh.get(i).cloned().unwrap_or_default() });
                }
                let max_selected = match max_selected.trim() {
                    "" if n <= 1 => 1,
                    "" => {
                        errors.push(FieldError::new(domain::survey::question::edit::field::MAX_SELECTED, ErrorCode::Required));
                        1
                    }
                    // Out of range (0, or more than there are options) is the domain's to say.
                    raw => raw.parse::<u8>().unwrap_or(0),
                };
                Some(QuestionKind::Choice { options, max_selected })
            }
            _ => {
                errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
                None
            }
        }
    }

    /// A stored key for a choice, made from its English text (`Slow to respond` →
    /// `slow_to_respond`) so result exports stay readable; `option_N` when the text has no
    /// letters or digits, with `_N` added when two texts make the same key. Always valid for
    /// `edit::add_question`, since the admin never types keys.
    fn option_key(text_en: &str, i: usize, taken: &[ChoiceOption]) -> String {
        use domain::survey::question::edit::OPTION_KEY_MAX;
        let mut slug = String::new();
        for c in text_en.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('_') {
                slug.push('_');
            }
        }
        // Room for a `_NN` suffix.
        let mut slug: String = slug.chars().take(OPTION_KEY_MAX - 4).collect::<String>().trim_end_matches('_').to_string();
        if slug.is_empty() {
            slug = format!("option_{}", i + 1);
        }
        let base = slug.clone();
        let mut n = i + 1;
        while taken.iter().any(|o| o.key == slug) {
            slug = format!("{base}_{n}");
            n += 1;
        }
        slug
    }

    /// `""` (always shown), `low_score`, `not_solved` or `low_score_or_not_solved`.
    pub fn condition(raw: &str, errors: &mut Vec<FieldError>) -> Option<Condition> {
        match raw.trim() {
            "" => None,
            "low_score" => Some(Condition::LowScore),
            "not_solved" => Some(Condition::NotSolved),
            "low_score_or_not_solved" => Some(Condition::LowScoreOrNotSolved),
            _ => {
                errors.push(FieldError::new("shown_when", ErrorCode::InvalidChoice));
                None
            }
        }
    }

    /// A checkbox: sent (as `on`) when ticked, absent otherwise.
    pub fn ticked(v: Option<String>) -> bool {
        v.is_some_and(|v| !matches!(v.trim(), "" | "false" | "off"))
    }

    /// What the audit line says about a question version.
    pub fn snapshot(q: &QuestionVersion) -> serde_json::Value {
        serde_json::json!({ "key": q.key, "version": q.version, "text_en": q.text_en, "text_zh": q.text_zh })
    }
}

/// Settings, sampling and questions: administrators and service managers (read only).
#[server(endpoint = "get_survey_admin")]
pub async fn get_survey_admin() -> Result<SurveyAdmin, AppError> {
    use crate::ssr::{require, respond};
    use domain::OrgKind;
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_read(&caller)?;
        let conn = &state.db.conn;
        let settings = db::repo::surveys::settings(conn).await?;
        let own = db::repo::surveys::org_samplings(conn).await?;
        let sampling = db::repo::organizations::list(conn)
            .await?
            .into_iter()
            .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Customer))
            .map(|o| {
                let figure = own.iter().find(|(id, _)| *id == o.id).map(|(_, p)| *p);
                (o.id, o.name, figure)
            })
            .collect();
        let questions = ssr::questions(conn).await?;
        Ok(SurveyAdmin { settings, sampling, questions, may_edit: caller.actor.is_admin() })
    })
    .await
}

/// New survey settings (whole numbers as typed): administrators. Surveys already created
/// keep the dates they were given.
#[server(endpoint = "save_survey_settings")]
pub async fn save_survey_settings(
    delay_minutes: String,
    expiry_days: String,
    reminder_after_days: String,
    low_score_threshold: String,
    sample_percent: String,
    final_after_days: String,
) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_edit(&caller)?;
        let new =
            domain::survey::validate_settings(&delay_minutes, &expiry_days, &reminder_after_days, &low_score_threshold, &sample_percent, &final_after_days)
                .map_err(AppError::Invalid)?;
        let tx = state.db.begin_write().await?;
        let old = db::repo::surveys::settings(&*tx).await?;
        db::repo::surveys::save_settings(&*tx, &new, chrono::Utc::now()).await?;
        let detail = serde_json::json!({ "before": old, "after": new });
        crate::ssr::audit::record(&*tx, &caller, "survey.settings", "survey settings", None, detail).await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, "survey settings saved");
        Ok(())
    })
    .await
}

/// A customer organization's own sampling figure (1 to 100); blank: the portal's figure.
#[server(endpoint = "set_survey_sampling")]
pub async fn set_survey_sampling(organization_id: String, sample_percent: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    use domain::{survey::settings::SAMPLE_PERCENT, ErrorCode, OrgKind};
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_edit(&caller)?;
        let org_id = organization_id.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
        let org = db::repo::organizations::find(&state.db.conn, org_id).await?.ok_or(AppError::NotFound)?;
        if OrgKind::parse(&org.kind) != Some(OrgKind::Customer) {
            return Err(AppError::field("organization_id", ErrorCode::InvalidChoice));
        }
        let percent = match sample_percent.trim() {
            "" => None,
            raw => {
                let p = raw.parse::<u8>().ok().filter(|p| SAMPLE_PERCENT.contains(p));
                let range = ErrorCode::OutOfRange { min: i64::from(*SAMPLE_PERCENT.start()), max: i64::from(*SAMPLE_PERCENT.end()) };
                Some(p.ok_or_else(|| AppError::field("sample_percent", range))?)
            }
        };
        let tx = state.db.begin_write().await?;
        let before = db::repo::surveys::org_samplings(&*tx).await?.into_iter().find(|(id, _)| *id == org_id).map(|(_, p)| p);
        db::repo::surveys::set_org_sampling(&*tx, org_id, percent).await.map_err(ssr::conflict_or)?;
        let detail = serde_json::json!({ "organization": org.name, "before": before, "after": percent });
        crate::ssr::audit::record(&*tx, &caller, "survey.sampling", &format!("organization {org_id}"), Some(org_id), detail).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// A new question at the end of the survey: administrators. `kind` is `scale5`, `yes_no`,
/// `text` or `choice`; for `choice`, `options_en` and `options_zh` hold one choice a line (line
/// n in both is one choice) and `max_selected` how many may be ticked. `required` is a
/// checkbox; `shown_when` is empty (always) or a `domain::survey::Condition` name.
#[server(endpoint = "add_survey_question")]
#[allow(clippy::too_many_arguments)]
pub async fn add_survey_question(
    kind: String,
    text_en: String,
    text_zh: String,
    required: Option<String>,
    shown_when: Option<String>,
    options_en: Option<String>,
    options_zh: Option<String>,
    max_selected: Option<String>,
) -> Result<SurveyQuestionRef, AppError> {
    use crate::ssr::{require, respond};
    use domain::survey::{question::edit::add_question, QuestionKind};
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_edit(&caller)?;
        let mut errors = vec![];
        let (options_en, options_zh, max_selected) = (options_en.unwrap_or_default(), options_zh.unwrap_or_default(), max_selected.unwrap_or_default());
        let kind = ssr::kind(&kind, &options_en, &options_zh, &max_selected, &mut errors);
        let condition = ssr::condition(shown_when.as_deref().unwrap_or(""), &mut errors);
        let tx = state.db.begin_write().await?;
        let existing = ssr::questions(&*tx).await?;
        // With an unknown kind, still check the texts so every problem is told at once.
        let checked = add_question(&existing, kind.clone().unwrap_or(QuestionKind::Text), &text_en, &text_zh, ssr::ticked(required), condition);
        let q = match checked {
            Ok(q) if errors.is_empty() && kind.is_some() => q,
            Ok(_) => return Err(AppError::Invalid(errors)),
            Err(e) => {
                errors.extend(e);
                return Err(AppError::Invalid(errors));
            }
        };
        db::repo::surveys::put_question(&*tx, &q, chrono::Utc::now()).await.map_err(ssr::conflict_or)?;
        let mut detail = ssr::snapshot(&q);
        detail["question"] = serde_json::to_value(&q).unwrap_or_default();
        crate::ssr::audit::record(&*tx, &caller, "survey.question_add", &format!("survey question {}", q.key), None, detail).await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, key = %q.key, "survey question added");
        Ok(SurveyQuestionRef { key: q.key, version: q.version })
    })
    .await
}

/// Which question version a change made.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SurveyQuestionRef {
    pub key: String,
    pub version: u32,
}

/// New words for a question, as its next version: administrators. Answers already given
/// keep the version (and words) they were given under.
#[server(endpoint = "reword_survey_question")]
pub async fn reword_survey_question(key: String, text_en: String, text_zh: String) -> Result<SurveyQuestionRef, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_edit(&caller)?;
        let tx = state.db.begin_write().await?;
        let existing = ssr::questions(&*tx).await?;
        let old = existing.into_iter().find(|q| q.key == key.trim()).ok_or(AppError::NotFound)?;
        let new = domain::survey::question::edit::reword(&old, &text_en, &text_zh).map_err(AppError::Invalid)?;
        db::repo::surveys::put_question(&*tx, &new, chrono::Utc::now()).await.map_err(ssr::conflict_or)?;
        let detail = serde_json::json!({ "before": ssr::snapshot(&old), "after": ssr::snapshot(&new) });
        crate::ssr::audit::record(&*tx, &caller, "survey.question_reword", &format!("survey question {}", new.key), None, detail).await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, key = %new.key, version = new.version, "survey question reworded");
        Ok(SurveyQuestionRef { key: new.key, version: new.version })
    })
    .await
}

/// Stops new surveys asking a question: administrators. Not the overall score (the loop
/// reads it).
#[server(endpoint = "retire_survey_question")]
pub async fn retire_survey_question(key: String) -> Result<SurveyQuestionRef, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        ssr::check_edit(&caller)?;
        let tx = state.db.begin_write().await?;
        let existing = ssr::questions(&*tx).await?;
        let q = existing.into_iter().find(|q| q.key == key.trim()).ok_or(AppError::NotFound)?;
        let retired = domain::survey::question::edit::retire(&q).map_err(|e| AppError::Invalid(vec![e]))?;
        db::repo::surveys::put_question(&*tx, &retired, chrono::Utc::now()).await?;
        crate::ssr::audit::record(&*tx, &caller, "survey.question_retire", &format!("survey question {}", q.key), None, ssr::snapshot(&retired)).await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, key = %q.key, "survey question retired");
        Ok(SurveyQuestionRef { key: retired.key, version: retired.version })
    })
    .await
}
