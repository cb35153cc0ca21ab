//! Service contracts of customer organizations.
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::contract::{self, Entity as Contract, Model};

/// The contract in force on `day` (the latest one that started by then).
pub async fn in_force(db: &impl ConnectionTrait, org_id: i32, day: NaiveDate) -> Result<Option<Model>, DbErr> {
    Contract::find()
        .filter(contract::Column::OrganizationId.eq(org_id))
        .filter(contract::Column::ValidFrom.lte(day))
        .filter(Condition::any().add(contract::Column::ValidUntil.is_null()).add(contract::Column::ValidUntil.gte(day)))
        .order_by_desc(contract::Column::ValidFrom)
        .order_by_desc(contract::Column::Id)
        .one(db)
        .await
}

pub async fn insert(db: &impl ConnectionTrait, org_id: i32, terms: &domain::ticket::SlaTerms, valid_from: NaiveDate) -> Result<Model, DbErr> {
    contract::ActiveModel {
        organization_id: Set(org_id),
        tier: Set(terms.tier.as_str().to_string()),
        calendar_json: Set(serde_json::to_string(&terms.calendar).expect("calendar serializes")),
        limits_json: Set(serde_json::to_string(&terms.limits).expect("limits serialize")),
        valid_from: Set(valid_from),
        valid_until: Set(None),
        created_at: Set(Utc::now()),
        version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The terms a contract row stands for.
pub fn terms(m: &Model) -> Option<domain::ticket::SlaTerms> {
    Some(domain::ticket::SlaTerms {
        tier: domain::sla::Tier::parse(&m.tier)?,
        calendar: serde_json::from_str(&m.calendar_json).ok()?,
        limits: serde_json::from_str(&m.limits_json).ok()?,
    })
}

/// Every contract, by organization, then oldest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Contract::find().order_by_asc(contract::Column::OrganizationId).order_by_asc(contract::Column::ValidFrom).order_by_asc(contract::Column::Id).all(db).await
}

/// An organization's contracts, oldest first.
pub async fn list_by_org(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    Contract::find()
        .filter(contract::Column::OrganizationId.eq(org_id))
        .order_by_asc(contract::Column::ValidFrom)
        .order_by_asc(contract::Column::Id)
        .all(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Contract::find_by_id(id).one(db).await
}

/// Reads the organization and, on PostgreSQL, locks its row until the transaction ends, so
/// two contract writes for one organization check for overlapping periods one after the
/// other (on SQLite, `Db::begin_write` already runs writers one at a time).
pub async fn lock_organization(tx: &impl ConnectionTrait, org_id: i32) -> Result<Option<crate::entity::organization::Model>, DbErr> {
    use sea_orm::QuerySelect;
    crate::entity::organization::Entity::find_by_id(org_id).lock_exclusive().one(tx).await
}

/// A contract with its whole validity period (`valid_until` `None`: open-ended).
pub async fn insert_for_period(
    db: &impl ConnectionTrait,
    org_id: i32,
    terms: &domain::ticket::SlaTerms,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<Model, DbErr> {
    contract::ActiveModel {
        organization_id: Set(org_id),
        tier: Set(terms.tier.as_str().to_string()),
        calendar_json: Set(serde_json::to_string(&terms.calendar).expect("calendar serializes")),
        limits_json: Set(serde_json::to_string(&terms.limits).expect("limits serialize")),
        valid_from: Set(valid_from),
        valid_until: Set(valid_until),
        created_at: Set(Utc::now()),
        version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// New terms and period for a contract, if it is still at `version` (the one the editing
/// form was opened at); the version grows. `None` when someone saved it since: nothing is
/// written. Requests already opened keep the terms they froze when they were opened
/// (`requests.sla_json`); only later ones see the change.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    terms: &domain::ticket::SlaTerms,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<Option<Model>, DbErr> {
    let row = contract::ActiveModel {
        tier: Set(terms.tier.as_str().to_string()),
        calendar_json: Set(serde_json::to_string(&terms.calendar).expect("calendar serializes")),
        limits_json: Set(serde_json::to_string(&terms.limits).expect("limits serialize")),
        valid_from: Set(valid_from),
        valid_until: Set(valid_until),
        version: Set(version + 1),
        ..Default::default()
    };
    let res = Contract::update_many().set(row).filter(contract::Column::Id.eq(id)).filter(contract::Column::Version.eq(version)).exec(db).await?;
    if res.rows_affected != 1 {
        return Ok(None);
    }
    find(db, id).await
}
