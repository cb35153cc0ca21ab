use sea_orm::entity::prelude::*;

/// Deliberately not `Serialize`: it carries the password hash, and only purpose-made types
/// (app::model) ever cross to the browser.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub site_id: Option<i32>,
    /// Lower-cased; unique.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    /// domain::Role::as_str().
    pub role: String,
    pub password_hash: String,
    pub active: bool,
    /// `en` or `zh`: the language the user last chose.
    pub lang: String,
    pub created_at: DateTimeUtc,
    pub password_changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::organization::Entity", from = "Column::OrganizationId", to = "super::organization::Column::Id")]
    Organization,
    #[sea_orm(belongs_to = "super::site::Entity", from = "Column::SiteId", to = "super::site::Column::Id")]
    Site,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
