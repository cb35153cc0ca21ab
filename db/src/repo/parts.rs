//! Spare parts: part models, locations, the stock at each, and the history of moves. Taking
//! parts is one conditional update, so stock never goes below zero however many engineers
//! take the last part at once (see `take`).
use chrono::Utc;
use domain::equipment::stock::{MoveKind, PartInput};
use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::{part_model, part_stock, stock_location, stock_move};

pub async fn insert_part(db: &impl ConnectionTrait, p: &PartInput) -> Result<part_model::Model, DbErr> {
    part_model::ActiveModel { code: Set(p.code.clone()), name: Set(p.name.clone()), minimum: Set(p.minimum), created_at: Set(Utc::now()), ..Default::default() }
        .insert(db)
        .await
}

pub async fn find_part(db: &impl ConnectionTrait, id: i32) -> Result<Option<part_model::Model>, DbErr> {
    part_model::Entity::find_by_id(id).one(db).await
}

/// Every part model, by code (the provider stocks hundreds, not millions).
pub async fn parts(db: &impl ConnectionTrait) -> Result<Vec<part_model::Model>, DbErr> {
    part_model::Entity::find().order_by_asc(part_model::Column::Code).all(db).await
}

pub async fn set_minimum(db: &impl ConnectionTrait, id: i32, minimum: i32) -> Result<(), DbErr> {
    part_model::Entity::update_many().col_expr(part_model::Column::Minimum, Expr::value(minimum)).filter(part_model::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn insert_location(db: &impl ConnectionTrait, name: &str, engineer_id: Option<i32>) -> Result<stock_location::Model, DbErr> {
    stock_location::ActiveModel { name: Set(name.into()), engineer_id: Set(engineer_id), created_at: Set(Utc::now()), ..Default::default() }.insert(db).await
}

pub async fn find_location(db: &impl ConnectionTrait, id: i32) -> Result<Option<stock_location::Model>, DbErr> {
    stock_location::Entity::find_by_id(id).one(db).await
}

pub async fn locations(db: &impl ConnectionTrait) -> Result<Vec<stock_location::Model>, DbErr> {
    stock_location::Entity::find().order_by_asc(stock_location::Column::Name).all(db).await
}

/// Every stock row with parts in it.
pub async fn stock(db: &impl ConnectionTrait) -> Result<Vec<part_stock::Model>, DbErr> {
    part_stock::Entity::find().filter(part_stock::Column::Quantity.gt(0)).all(db).await
}

pub async fn find_stock(db: &impl ConnectionTrait, id: i32) -> Result<Option<part_stock::Model>, DbErr> {
    part_stock::Entity::find_by_id(id).one(db).await
}

/// The total of a part model over every location.
pub async fn total(db: &impl ConnectionTrait, part_id: i32) -> Result<i64, DbErr> {
    let sum: Option<Option<i64>> = part_stock::Entity::find()
        .select_only()
        .column_as(Expr::col(part_stock::Column::Quantity).sum().cast_as("BIGINT"), "total")
        .filter(part_stock::Column::PartId.eq(part_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(sum.flatten().unwrap_or(0))
}

/// Adds `n` parts at a location (its row is made on the first receipt).
pub async fn add(db: &impl ConnectionTrait, part_id: i32, location_id: i32, n: i32) -> Result<(), DbErr> {
    let row = part_stock::ActiveModel { part_id: Set(part_id), location_id: Set(location_id), quantity: Set(n), ..Default::default() };
    part_stock::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([part_stock::Column::PartId, part_stock::Column::LocationId])
                .value(part_stock::Column::Quantity, Expr::col((part_stock::Entity, part_stock::Column::Quantity)).add(n))
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Takes `n` parts from a location if there are that many: one `UPDATE … WHERE quantity >= n`,
/// which the database applies to the row's latest value (PostgreSQL re-checks the condition
/// after a concurrent writer commits; SQLite runs writers one at a time), so of two takes of
/// the last part exactly one succeeds. `false` when there were not enough.
pub async fn take(db: &impl ConnectionTrait, part_id: i32, location_id: i32, n: i32) -> Result<bool, DbErr> {
    let res = part_stock::Entity::update_many()
        .col_expr(part_stock::Column::Quantity, Expr::col(part_stock::Column::Quantity).sub(n))
        .filter(part_stock::Column::PartId.eq(part_id))
        .filter(part_stock::Column::LocationId.eq(location_id))
        .filter(part_stock::Column::Quantity.gte(n))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// How many are at a location now.
pub async fn at(db: &impl ConnectionTrait, part_id: i32, location_id: i32) -> Result<i32, DbErr> {
    let row = part_stock::Entity::find().filter(part_stock::Column::PartId.eq(part_id)).filter(part_stock::Column::LocationId.eq(location_id)).one(db).await?;
    Ok(row.map_or(0, |r| r.quantity))
}

/// A line of history, as written.
pub struct NewMove {
    pub part_id: i32,
    pub kind: MoveKind,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub quantity: i32,
    pub request_id: Option<i32>,
    pub device_id: Option<i32>,
    pub new_device_id: Option<i32>,
    pub old_serial: String,
    pub new_serial: String,
    pub actor_id: i32,
}

pub async fn insert_move(db: &impl ConnectionTrait, m: NewMove) -> Result<stock_move::Model, DbErr> {
    stock_move::ActiveModel {
        part_id: Set(m.part_id),
        kind: Set(m.kind.as_str().into()),
        from_location_id: Set(m.from),
        to_location_id: Set(m.to),
        quantity: Set(m.quantity),
        request_id: Set(m.request_id),
        device_id: Set(m.device_id),
        new_device_id: Set(m.new_device_id),
        old_serial: Set(m.old_serial),
        new_serial: Set(m.new_serial),
        actor_id: Set(m.actor_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The latest moves of every part, newest first.
pub async fn recent_moves(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<stock_move::Model>, DbErr> {
    stock_move::Entity::find().order_by_desc(stock_move::Column::Id).limit(limit).all(db).await
}

/// Parts fitted to a device, or the swap that made it (newest first).
pub async fn moves_of_device(db: &impl ConnectionTrait, device_id: i32) -> Result<Vec<stock_move::Model>, DbErr> {
    stock_move::Entity::find()
        .filter(Condition::any().add(stock_move::Column::DeviceId.eq(device_id)).add(stock_move::Column::NewDeviceId.eq(device_id)))
        .order_by_desc(stock_move::Column::Id)
        .all(db)
        .await
}

/// Parts used in a request, in the order they were fitted.
pub async fn moves_of_request(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<stock_move::Model>, DbErr> {
    stock_move::Entity::find().filter(stock_move::Column::RequestId.eq(request_id)).order_by_asc(stock_move::Column::Id).all(db).await
}
