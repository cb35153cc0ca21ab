//! Assurance periods and their duty rota. A period's changes are conditional on its `version`.
use chrono::{NaiveDate, Utc};
use domain::inspection::assurance::PeriodInput;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::{
    assurance_period::{self, Entity as Period, Model},
    duty_shift::{self, Entity as Shift},
};

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Period::find_by_id(id).one(db).await
}

/// The newest periods first (a few a year: the list is short).
pub async fn list(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Model>, DbErr> {
    Period::find().order_by_desc(assurance_period::Column::StartsOn).limit(limit).all(db).await
}

/// Published periods running on `day`.
pub async fn published_on(db: &impl ConnectionTrait, day: NaiveDate) -> Result<Vec<Model>, DbErr> {
    Period::find()
        .filter(assurance_period::Column::PublishedAt.is_not_null())
        .filter(assurance_period::Column::StartsOn.lte(day))
        .filter(assurance_period::Column::EndsOn.gte(day))
        .all(db)
        .await
}

pub fn org_ids(p: &Model) -> Vec<i32> {
    serde_json::from_str(&p.org_ids_json).unwrap_or_default()
}

/// A new period (`id` 0) or the changes to one still at `version`: `None` when someone saved
/// it meanwhile.
pub async fn save(db: &impl ConnectionTrait, id: i32, version: i32, p: &PeriodInput, orgs: &[i32], by: i32) -> Result<Option<Model>, DbErr> {
    let now = Utc::now();
    let orgs_json = serde_json::to_string(orgs).unwrap_or_else(|_| "[]".into());
    if id == 0 {
        return assurance_period::ActiveModel {
            name: Set(p.name.clone()),
            reason: Set(p.reason.clone()),
            starts_on: Set(p.starts_on),
            ends_on: Set(p.ends_on),
            org_ids_json: Set(orgs_json),
            published_at: Set(None),
            created_by: Set(by),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .map(Some);
    }
    let row = assurance_period::ActiveModel {
        name: Set(p.name.clone()),
        reason: Set(p.reason.clone()),
        starts_on: Set(p.starts_on),
        ends_on: Set(p.ends_on),
        org_ids_json: Set(orgs_json),
        updated_at: Set(now),
        version: Set(version + 1),
        ..Default::default()
    };
    let res = Period::update_many().set(row).filter(assurance_period::Column::Id.eq(id)).filter(assurance_period::Column::Version.eq(version)).exec(db).await?;
    if res.rows_affected != 1 {
        return Ok(None);
    }
    find(db, id).await
}

/// Publishes a period still at `version`.
pub async fn publish(db: &impl ConnectionTrait, id: i32, version: i32) -> Result<bool, DbErr> {
    let row = assurance_period::ActiveModel { published_at: Set(Some(Utc::now())), version: Set(version + 1), ..Default::default() };
    let res = Period::update_many().set(row).filter(assurance_period::Column::Id.eq(id)).filter(assurance_period::Column::Version.eq(version)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

pub async fn shifts(db: &impl ConnectionTrait, period_id: i32) -> Result<Vec<duty_shift::Model>, DbErr> {
    Shift::find().filter(duty_shift::Column::PeriodId.eq(period_id)).order_by_asc(duty_shift::Column::Day).order_by_asc(duty_shift::Column::Id).all(db).await
}

/// The shifts of `day` in the given periods.
pub async fn shifts_on(db: &impl ConnectionTrait, periods: &[i32], day: NaiveDate) -> Result<Vec<duty_shift::Model>, DbErr> {
    if periods.is_empty() {
        return Ok(vec![]);
    }
    Shift::find().filter(duty_shift::Column::PeriodId.is_in(periods.iter().copied())).filter(duty_shift::Column::Day.eq(day)).all(db).await
}

pub async fn add_shift(db: &impl ConnectionTrait, period_id: i32, day: NaiveDate, shift: &str, engineer: i32, phone: &str) -> Result<duty_shift::Model, DbErr> {
    duty_shift::ActiveModel {
        period_id: Set(period_id),
        day: Set(day),
        shift: Set(shift.to_string()),
        engineer_id: Set(engineer),
        phone: Set(phone.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_shift(db: &impl ConnectionTrait, id: i32) -> Result<Option<duty_shift::Model>, DbErr> {
    Shift::find_by_id(id).one(db).await
}

pub async fn remove_shift(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    Shift::delete_by_id(id).exec(db).await?;
    Ok(())
}
