use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::site::{self, Entity as Site, Model};

pub async fn list_by_org(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    Site::find().filter(site::Column::OrganizationId.eq(org_id)).order_by_asc(site::Column::Name).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Site::find_by_id(id).one(db).await
}

pub async fn insert(db: &impl ConnectionTrait, org_id: i32, name: &str, address: &str) -> Result<Model, DbErr> {
    site::ActiveModel {
        organization_id: Set(org_id),
        name: Set(name.to_string()),
        address: Set(address.to_string()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Every active site, by organization and name (the site choices staff are offered).
pub async fn list_active(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Site::find().filter(site::Column::Active.eq(true)).order_by_asc(site::Column::OrganizationId).order_by_asc(site::Column::Name).all(db).await
}
