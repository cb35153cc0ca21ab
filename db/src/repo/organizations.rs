use chrono::Utc;
use domain::OrgKind;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::organization::{self, Entity as Organization, Model};

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Organization::find().order_by_asc(organization::Column::Kind).order_by_asc(organization::Column::Name).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Organization::find_by_id(id).one(db).await
}

/// The provider's own organization (there is exactly one; it is created at first start).
pub async fn provider(db: &impl ConnectionTrait) -> Result<Option<Model>, DbErr> {
    Organization::find().filter(organization::Column::Kind.eq(OrgKind::Provider.as_str())).one(db).await
}

pub async fn insert(db: &impl ConnectionTrait, name: &str, kind: OrgKind) -> Result<Model, DbErr> {
    organization::ActiveModel {
        name: Set(name.to_string()),
        kind: Set(kind.as_str().to_string()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}
