//! Attachments: metadata and contents, both in the database.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::{
    attachment::{self, Entity as Attachment, Model},
    attachment_blob::{self, Entity as Blob},
};

pub async fn insert(tx: &impl ConnectionTrait, request_id: i32, uploaded_by: i32, filename: &str, content_type: &str, data: Vec<u8>) -> Result<Model, DbErr> {
    let m = attachment::ActiveModel {
        request_id: Set(request_id),
        uploaded_by: Set(uploaded_by),
        filename: Set(filename.to_string()),
        content_type: Set(content_type.to_string()),
        size: Set(data.len() as i64),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    attachment_blob::ActiveModel { attachment_id: Set(m.id), data: Set(data) }.insert(tx).await?;
    Ok(m)
}

pub async fn list(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<Model>, DbErr> {
    Attachment::find().filter(attachment::Column::RequestId.eq(request_id)).order_by_asc(attachment::Column::Id).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Attachment::find_by_id(id).one(db).await
}

pub async fn data(db: &impl ConnectionTrait, id: i32) -> Result<Option<Vec<u8>>, DbErr> {
    Ok(Blob::find_by_id(id).one(db).await?.map(|b| b.data))
}
