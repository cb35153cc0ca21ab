//! Configuration backups: numbered versions per device.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::device_config::{self, Entity as Config, Model};

/// A version without its content (for lists).
pub type Listed = (i32, i32, String, i32, i32, i32, chrono::DateTime<Utc>);

/// Keeps a new version, numbered after the device's last (inside the caller's transaction:
/// the unique `(device_id, number)` refuses a concurrent upload that took the same number).
pub async fn insert(db: &impl ConnectionTrait, device_id: i32, file_name: &str, content: String, masked_lines: i32, by: i32) -> Result<Model, DbErr> {
    let last: Option<i32> = Config::find()
        .select_only()
        .column(device_config::Column::Number)
        .filter(device_config::Column::DeviceId.eq(device_id))
        .order_by_desc(device_config::Column::Number)
        .into_tuple()
        .one(db)
        .await?;
    device_config::ActiveModel {
        device_id: Set(device_id),
        number: Set(last.unwrap_or(0) + 1),
        file_name: Set(file_name.into()),
        size: Set(i32::try_from(content.len()).unwrap_or(i32::MAX)),
        content: Set(content),
        masked_lines: Set(masked_lines),
        uploaded_by: Set(by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A device's versions, newest first, without their content: (id, number, file name, size,
/// masked lines, uploaded by, at).
pub async fn list(db: &impl ConnectionTrait, device_id: i32) -> Result<Vec<Listed>, DbErr> {
    Config::find()
        .select_only()
        .columns([
            device_config::Column::Id,
            device_config::Column::Number,
            device_config::Column::FileName,
            device_config::Column::Size,
            device_config::Column::MaskedLines,
            device_config::Column::UploadedBy,
            device_config::Column::CreatedAt,
        ])
        .filter(device_config::Column::DeviceId.eq(device_id))
        .order_by_desc(device_config::Column::Number)
        .into_tuple()
        .all(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Config::find_by_id(id).one(db).await
}
