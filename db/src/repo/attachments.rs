//! Attachments: metadata and contents, both in the database.
use chrono::DateTime;
use chrono::Utc;
use sea_orm::{sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::{
    attachment::{self, Entity as Attachment, Model},
    attachment_blob::{self, Entity as Blob},
};

/// Saves a file. Its name is stored as `domain::attachment::stored_filename` makes it (a text
/// file always ends in `.txt`, `.log` or `.csv`), whoever calls.
pub async fn insert(tx: &impl ConnectionTrait, request_id: i32, uploaded_by: i32, filename: &str, content_type: &str, data: Vec<u8>) -> Result<Model, DbErr> {
    let m = attachment::ActiveModel {
        request_id: Set(request_id),
        uploaded_by: Set(uploaded_by),
        filename: Set(domain::attachment::stored_filename(filename, content_type)),
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

/// What `user_id` has uploaded since `since`: (bytes, files).
pub async fn uploaded_since(db: &impl ConnectionTrait, user_id: i32, since: DateTime<Utc>) -> Result<(u64, u64), DbErr> {
    let row: Option<(i64, i64)> = Attachment::find()
        .select_only()
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back.
        .column_as(Expr::cust("CAST(COALESCE(SUM(size), 0) AS BIGINT)"), "bytes")
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "files")
        .filter(attachment::Column::UploadedBy.eq(user_id))
        .filter(attachment::Column::CreatedAt.gte(since))
        .into_tuple()
        .one(db)
        .await?;
    let (bytes, files) = row.unwrap_or((0, 0));
    Ok((bytes.max(0) as u64, files.max(0) as u64))
}
