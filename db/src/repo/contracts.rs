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
