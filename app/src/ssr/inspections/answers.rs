//! Saving the checklist's answers (the form route and the phone's queue both come here) and
//! its photos. Only the engineer doing the inspection (or a manager standing in), only while
//! it is under way; every field is checked before anything is saved, so a bad value changes
//! nothing; an answer sent again replaces the earlier one (the phone may resend after a lost
//! connection).
use std::collections::BTreeMap;

use db::repo;
use domain::{
    equipment::DeviceCategory,
    inspection::{
        checklist::{check_answer, is_finding, ItemKind},
        status::{transition, InspectionAction, StepError},
        Answer, Item,
    },
    ErrorCode, FieldError, Refusal,
};

use super::{actor_of, publish, status_of, template_of, visible};
use crate::{error::AppError, ssr::Caller};

/// The most fields one post may carry (a site with a few hundred devices sends its answers in
/// many small posts from the phone; the whole form at once stays far below this).
pub const MAX_FIELDS: usize = 5_000;

/// The item a field (`a:<device>:<key>` or `n:<device>:<key>`) names on this inspection, if it
/// is asked there: a site item with device 0, or a device of the site in the item's categories.
fn item_for<'a>(items: &'a [Item], devices: &BTreeMap<i32, DeviceCategory>, device: i32, key: &str) -> Option<&'a Item> {
    let item = items.iter().find(|i| i.key == key)?;
    match device {
        0 => item.per_site().then_some(item),
        d => devices.get(&d).filter(|c| item.applies_to(**c)).map(|_| item),
    }
}

/// Whether the caller may answer now: refuses like a step would.
fn may_answer(caller: &Caller, r: &db::entity::inspection::Model) -> Result<(), AppError> {
    transition(status_of(r), InspectionAction::Answer, actor_of(caller, r), r.engineer_id.is_some(), false).map(|_| ()).map_err(|e| match e {
        StepError::NotYours => AppError::Forbidden,
        StepError::NotNow => AppError::NotNow(Refusal::InspectionNotNow),
    })
}

/// The devices of the inspection's site it checks, with their categories.
async fn devices_of(conn: &impl db::sea_orm::ConnectionTrait, r: &db::entity::inspection::Model) -> Result<BTreeMap<i32, DeviceCategory>, AppError> {
    let categories: Vec<DeviceCategory> = serde_json::from_str(&r.categories_json).unwrap_or_default();
    Ok(repo::devices::choices_at_site(conn, r.site_id, 3_000)
        .await?
        .into_iter()
        .filter_map(|d| Some((d.id, DeviceCategory::parse(&d.category)?)))
        .filter(|(_, c)| categories.is_empty() || categories.contains(c))
        .collect())
}

/// Saves the posted fields; answers how many answers changed. Unknown field names are
/// ignored (the form's own hidden fields); a field naming an item not asked here is refused.
pub async fn save_answers(db: &db::Db, caller: &Caller, id: i32, fields: &[(String, String)]) -> Result<usize, AppError> {
    if fields.len() > MAX_FIELDS {
        return Err(AppError::field("answers", ErrorCode::TooMany { max: MAX_FIELDS }));
    }
    let tx = db.begin_write().await?;
    let r = visible(&*tx, &caller.actor, id).await?;
    may_answer(caller, &r)?;
    let (template, _, _) = template_of(&*tx, &r).await?;
    let devices = devices_of(&*tx, &r).await?;
    // (device, key) -> (value, note), each as posted if posted.
    let mut posted: BTreeMap<(i32, String), (Option<String>, Option<String>)> = BTreeMap::new();
    let mut errors = vec![];
    for (name, value) in fields {
        let Some((which, rest)) = name.split_once(':') else { continue };
        if which != "a" && which != "n" {
            continue;
        }
        let Some((device, key)) = rest.split_once(':').and_then(|(d, k)| Some((d.parse::<i32>().ok()?, k))) else {
            errors.push(FieldError::new(name, ErrorCode::InvalidChoice));
            continue;
        };
        let Some(item) = item_for(&template.items, &devices, device, key) else {
            errors.push(FieldError::new(name, ErrorCode::InvalidChoice));
            continue;
        };
        let entry = posted.entry((device, item.key.clone())).or_default();
        if which == "a" {
            if matches!(item.kind, ItemKind::Photo) {
                continue;
            }
            match check_answer(&item.kind, value) {
                Ok(_) => entry.0 = Some(value.clone()),
                Err(code) => errors.push(FieldError::new(name, code)),
            }
        } else if value.trim().chars().count() > domain::inspection::checklist::ANSWER_MAX {
            errors.push(FieldError::new(name, ErrorCode::TooLong { max: domain::inspection::checklist::ANSWER_MAX }));
        } else {
            entry.1 = Some(value.trim().to_string());
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let existing = repo::inspections::answers(&*tx, r.id).await?;
    let mut changed = 0;
    for ((device, key), (value, note)) in posted {
        let Some(item) = template.items.iter().find(|i| i.key == key) else { continue };
        let old = existing.iter().find(|a| a.device_id == device && a.item_key == key);
        let old_answer: Option<Answer> = old.and_then(|a| serde_json::from_str(&a.answer_json).ok());
        let answer = match value {
            Some(v) => check_answer(&item.kind, &v).ok().flatten(),
            None => old_answer.clone(),
        };
        let note = note.unwrap_or_else(|| old.map(|a| a.note.clone()).unwrap_or_default());
        if answer.is_none() && note.is_empty() {
            if old.is_some() {
                repo::inspections::delete_answer(&*tx, r.id, device, &key).await?;
                changed += 1;
            }
            continue;
        }
        if old.is_some_and(|o| old_answer == answer && o.note == note) {
            continue;
        }
        let finding = answer.as_ref().is_some_and(|a| is_finding(&item.kind, a));
        let json = serde_json::to_string(&answer).map_err(crate::ssr::internal)?;
        repo::inspections::upsert_answer(&*tx, r.id, device, &key, json, note, finding, caller.user.id).await?;
        changed += 1;
    }
    if changed > 0 {
        publish(&*tx, &r).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Keeps a photo of an item (any item: a finding's photo goes with the request it opens); a
/// photo item is then answered.
pub async fn save_photo(db: &db::Db, caller: &Caller, id: i32, device: i32, key: &str, filename: &str, data: Vec<u8>) -> Result<(), AppError> {
    let tx = db.begin_write().await?;
    let r = visible(&*tx, &caller.actor, id).await?;
    may_answer(caller, &r)?;
    let (template, _, _) = template_of(&*tx, &r).await?;
    let devices = devices_of(&*tx, &r).await?;
    let item = item_for(&template.items, &devices, device, key).ok_or_else(|| AppError::field("item_key", ErrorCode::InvalidChoice))?;
    let content_type = domain::attachment::sniff(&data).filter(|t| t.starts_with("image/")).ok_or_else(|| AppError::field("file", ErrorCode::InvalidChoice))?;
    let now = chrono::Utc::now();
    repo::inspections::insert_photo(
        &*tx,
        db::entity::inspection_photo::ActiveModel {
            inspection_id: db::sea_orm::ActiveValue::Set(r.id),
            device_id: db::sea_orm::ActiveValue::Set(device),
            item_key: db::sea_orm::ActiveValue::Set(item.key.clone()),
            filename: db::sea_orm::ActiveValue::Set(domain::attachment::stored_filename(filename, content_type)),
            content_type: db::sea_orm::ActiveValue::Set(content_type.to_string()),
            size: db::sea_orm::ActiveValue::Set(data.len() as i64),
            data: db::sea_orm::ActiveValue::Set(data),
            uploaded_by: db::sea_orm::ActiveValue::Set(caller.user.id),
            created_at: db::sea_orm::ActiveValue::Set(now),
            ..Default::default()
        },
    )
    .await?;
    if matches!(item.kind, ItemKind::Photo) {
        let json = serde_json::to_string(&Some(Answer::Photo)).map_err(crate::ssr::internal)?;
        repo::inspections::upsert_answer(&*tx, r.id, device, &item.key, json, String::new(), false, caller.user.id).await?;
    }
    publish(&*tx, &r).await?;
    tx.commit().await?;
    Ok(())
}
