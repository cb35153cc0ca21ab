use sea_orm::entity::prelude::*;

/// A site's profile beside its address (see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub site_id: i32,
    #[sea_orm(column_type = "Text")]
    pub access_notes: String,
    pub opening_hours: String,
    /// `Vec<domain::equipment::site_profile::Contact>`.
    #[sea_orm(column_type = "Text")]
    pub contacts_json: String,
    /// `BTreeMap<EnvField, Verified>`.
    #[sea_orm(column_type = "Text")]
    pub environment_json: String,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
