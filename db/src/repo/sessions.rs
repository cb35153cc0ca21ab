//! Rows behind the session store (server::session_store adapts them to tower-sessions).
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, OnConflict},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::entity::session::{self, Entity as Session};

/// Writes a row whatever its state (tests and tools; the session store never upserts, see `update`).
pub async fn upsert(db: &impl ConnectionTrait, id: &str, data: &str, expires_at: DateTime<Utc>) -> Result<(), DbErr> {
    let row = session::ActiveModel { id: Set(id.to_string()), data: Set(data.to_string()), expires_at: Set(expires_at) };
    Session::insert(row)
        .on_conflict(OnConflict::column(session::Column::Id).update_columns([session::Column::Data, session::Column::ExpiresAt]).to_owned())
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Inserts only if the id is free; false when it is taken (tower-sessions then picks another).
pub async fn create(db: &impl ConnectionTrait, id: &str, data: &str, expires_at: DateTime<Utc>) -> Result<bool, DbErr> {
    let row = session::ActiveModel { id: Set(id.to_string()), data: Set(data.to_string()), expires_at: Set(expires_at) };
    let n = Session::insert(row).on_conflict(OnConflict::column(session::Column::Id).do_nothing().to_owned()).exec_without_returning(db).await?;
    Ok(n == 1)
}

/// Saves a live session's data and expiry; false when the row is gone or expired. Never
/// inserts: a request still in flight must not bring back a session that sign-out, a
/// password change or a deactivation has just deleted (new sessions go through `create`).
pub async fn update(db: &impl ConnectionTrait, id: &str, data: &str, expires_at: DateTime<Utc>) -> Result<bool, DbErr> {
    let n = Session::update_many()
        .col_expr(session::Column::Data, Expr::value(data.to_string()))
        .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
        .filter(session::Column::Id.eq(id.to_string()))
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(n == 1)
}

/// A live session's data; expired ones are treated as absent.
pub async fn load(db: &impl ConnectionTrait, id: &str) -> Result<Option<(String, DateTime<Utc>)>, DbErr> {
    Ok(Session::find_by_id(id.to_string()).filter(session::Column::ExpiresAt.gt(Utc::now())).one(db).await?.map(|m| (m.data, m.expires_at)))
}

pub async fn delete(db: &impl ConnectionTrait, id: &str) -> Result<(), DbErr> {
    Session::delete_by_id(id.to_string()).exec(db).await.map(|_| ())
}

/// Removes expired sessions; returns how many.
pub async fn delete_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Ok(Session::delete_many().filter(session::Column::ExpiresAt.lte(Utc::now())).exec(db).await?.rows_affected)
}

/// Signs a user out everywhere (after a password change or deactivation): sessions whose
/// data names the user. Data is JSON written by tower-sessions, with our `user_id` key.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: i32, except: Option<&str>) -> Result<u64, DbErr> {
    use sea_orm::Condition;
    let key = format!("\"user_id\":{user_id}");
    let mut q = Session::delete_many()
        .filter(Condition::any().add(session::Column::Data.contains(format!("{key},"))).add(session::Column::Data.contains(format!("{key}}}"))));
    if let Some(keep) = except {
        q = q.filter(session::Column::Id.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
}
