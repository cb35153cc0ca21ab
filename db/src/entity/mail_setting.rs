use sea_orm::entity::prelude::*;

/// A person's quiet hours (minutes after midnight in their contract's zone) and the day their
/// last digest went.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub quiet_from: Option<i32>,
    pub quiet_to: Option<i32>,
    pub last_digest_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
