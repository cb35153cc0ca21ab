use sea_orm::entity::prelude::*;

/// One line of a part's history: received, moved, or used in a request on a device.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_moves")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub part_id: i32,
    /// `domain::equipment::stock::MoveKind`.
    pub kind: String,
    pub from_location_id: Option<i32>,
    pub to_location_id: Option<i32>,
    pub quantity: i32,
    pub request_id: Option<i32>,
    pub device_id: Option<i32>,
    pub new_device_id: Option<i32>,
    pub old_serial: String,
    pub new_serial: String,
    pub actor_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
