use sea_orm::entity::prelude::*;

/// One version of a checklist template (see the migration); `items_json` holds
/// `domain::inspection::Template`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checklist_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// The first version's id (None on the first version itself).
    pub family_id: Option<i32>,
    pub revision: i32,
    #[sea_orm(column_type = "Text")]
    pub items_json: String,
    /// The newest version of its family: the one plans get.
    pub current: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
