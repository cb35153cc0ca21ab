//! Checklist templates: each save is a new version (a new row) and the previous one stops
//! being current; inspections keep pointing at the version they were planned with.
use chrono::Utc;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::entity::checklist_template::{self, Entity as Template, Model};

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Template::find_by_id(id).one(db).await
}

/// The current version of every template, by name.
pub async fn current(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Template::find().filter(checklist_template::Column::Current.eq(true)).order_by_asc(checklist_template::Column::Name).all(db).await
}

/// The family a version belongs to (its first version's id).
pub fn family(t: &Model) -> i32 {
    t.family_id.unwrap_or(t.id)
}

/// Saves a new template, or a new version of `previous` (which must still be current: `None`
/// when someone saved a newer version meanwhile).
pub async fn save(db: &impl ConnectionTrait, previous: Option<&Model>, name: &str, items_json: String, by: Option<i32>) -> Result<Option<Model>, DbErr> {
    if let Some(p) = previous {
        let res = Template::update_many()
            .col_expr(checklist_template::Column::Current, Expr::value(false))
            .filter(checklist_template::Column::Id.eq(p.id))
            .filter(checklist_template::Column::Current.eq(true))
            .exec(db)
            .await?;
        if res.rows_affected != 1 {
            return Ok(None);
        }
    }
    let row = checklist_template::ActiveModel {
        name: Set(name.to_string()),
        family_id: Set(previous.map(family)),
        revision: Set(previous.map_or(1, |p| p.revision + 1)),
        items_json: Set(items_json),
        current: Set(true),
        created_by: Set(by),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    row.insert(db).await.map(Some)
}

/// The current version of the template whose family `id` is in (plans name a version; a new
/// inspection takes the family's newest).
pub async fn current_of(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    let Some(t) = find(db, id).await? else { return Ok(None) };
    let fam = family(&t);
    Template::find()
        .filter(checklist_template::Column::Current.eq(true))
        .filter(checklist_template::Column::Id.eq(fam).or(checklist_template::Column::FamilyId.eq(fam)))
        .one(db)
        .await
}
