//! Application software at customer sites.
use chrono::Utc;
use domain::equipment::software::SoftwareInput;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::site_software::{self, Entity as Software, Model};

/// Adds (`id` 0) or replaces an application of `site_id`; `None` when `id` is not one of
/// that site's.
pub async fn save(db: &impl ConnectionTrait, id: i32, org_id: i32, site_id: i32, s: &SoftwareInput, devices: &[i32], by: i32) -> Result<Option<Model>, DbErr> {
    let mut row = site_software::ActiveModel {
        organization_id: Set(org_id),
        site_id: Set(site_id),
        name: Set(s.name.clone()),
        version: Set(s.version.clone()),
        platform: Set(s.platform.clone()),
        go_live: Set(s.go_live),
        device_ids: Set(serde_json::to_string(devices).unwrap_or_else(|_| "[]".into())),
        updated_at: Set(Utc::now()),
        updated_by: Set(by),
        ..Default::default()
    };
    if id == 0 {
        return row.insert(db).await.map(Some);
    }
    match Software::find_by_id(id).one(db).await? {
        Some(old) if old.site_id == site_id => {
            row.id = Set(id);
            row.update(db).await.map(Some)
        }
        _ => Ok(None),
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Software::find_by_id(id).one(db).await
}

pub async fn delete(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    Software::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// A site's applications, by name.
pub async fn of_site(db: &impl ConnectionTrait, site_id: i32) -> Result<Vec<Model>, DbErr> {
    Software::find().filter(site_software::Column::SiteId.eq(site_id)).order_by_asc(site_software::Column::Name).all(db).await
}

/// The device ids an application runs on.
pub fn devices_of(m: &Model) -> Vec<i32> {
    serde_json::from_str(&m.device_ids).unwrap_or_default()
}
