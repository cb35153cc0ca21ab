use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::site::{self, Entity as Site, Model};

pub async fn list_by_org(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    Site::find().filter(site::Column::OrganizationId.eq(org_id)).order_by_asc(site::Column::Name).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Site::find_by_id(id).one(db).await
}

pub async fn insert(db: &impl ConnectionTrait, org_id: i32, name: &str, address: &str) -> Result<Model, DbErr> {
    site::ActiveModel {
        organization_id: Set(org_id),
        name: Set(name.to_string()),
        address: Set(address.to_string()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Every active site, by organization and name (the site choices staff are offered).
pub async fn list_active(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Site::find().filter(site::Column::Active.eq(true)).order_by_asc(site::Column::OrganizationId).order_by_asc(site::Column::Name).all(db).await
}

/// A site's profile, if one was saved.
pub async fn profile(db: &impl ConnectionTrait, site_id: i32) -> Result<Option<crate::entity::site_profile::Model>, DbErr> {
    crate::entity::site_profile::Entity::find_by_id(site_id).one(db).await
}

/// Replaces a site's environment (an inspection verified it) if the profile is still at
/// `version`: `false` when someone saved it meanwhile.
pub async fn set_environment(db: &impl ConnectionTrait, site_id: i32, version: i32, environment_json: String) -> Result<bool, DbErr> {
    use crate::entity::site_profile;
    use sea_orm::sea_query::Expr;
    let res = site_profile::Entity::update_many()
        .col_expr(site_profile::Column::EnvironmentJson, Expr::value(environment_json))
        .col_expr(site_profile::Column::Version, Expr::value(version + 1))
        .filter(site_profile::Column::SiteId.eq(site_id))
        .filter(site_profile::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What a profile save writes (the JSON already made from typed values).
pub struct ProfileRow<'a> {
    pub address: &'a str,
    pub access_notes: &'a str,
    pub opening_hours: &'a str,
    pub contacts_json: String,
    pub environment_json: String,
    pub by: i32,
}

/// Saves a site's profile if nobody saved it since `version` (0: none saved yet): `false` when
/// someone did. The address is the site's own column.
pub async fn save_profile(db: &impl ConnectionTrait, site_id: i32, version: i32, p: ProfileRow<'_>) -> Result<bool, DbErr> {
    use crate::entity::site_profile;
    use sea_orm::sea_query::Expr;
    let now = chrono::Utc::now();
    let saved = if version == 0 {
        let row = site_profile::ActiveModel {
            site_id: Set(site_id),
            access_notes: Set(p.access_notes.into()),
            opening_hours: Set(p.opening_hours.into()),
            contacts_json: Set(p.contacts_json),
            environment_json: Set(p.environment_json),
            version: Set(1),
            updated_at: Set(now),
            updated_by: Set(p.by),
        };
        // A concurrent first save: the primary key refuses the second.
        match row.insert(db).await {
            Ok(_) => true,
            Err(e) if crate::repo::is_unique_violation(&e) => false,
            Err(e) => return Err(e),
        }
    } else {
        site_profile::Entity::update_many()
            .col_expr(site_profile::Column::AccessNotes, Expr::value(p.access_notes.to_string()))
            .col_expr(site_profile::Column::OpeningHours, Expr::value(p.opening_hours.to_string()))
            .col_expr(site_profile::Column::ContactsJson, Expr::value(p.contacts_json))
            .col_expr(site_profile::Column::EnvironmentJson, Expr::value(p.environment_json))
            .col_expr(site_profile::Column::Version, Expr::value(version + 1))
            .col_expr(site_profile::Column::UpdatedAt, Expr::value(now))
            .col_expr(site_profile::Column::UpdatedBy, Expr::value(p.by))
            .filter(site_profile::Column::SiteId.eq(site_id))
            .filter(site_profile::Column::Version.eq(version))
            .exec(db)
            .await?
            .rows_affected
            == 1
    };
    if saved {
        Site::update_many().col_expr(site::Column::Address, Expr::value(p.address.to_string())).filter(site::Column::Id.eq(site_id)).exec(db).await?;
    }
    Ok(saved)
}

/// Names by id, for the sites given.
pub async fn names(db: &impl ConnectionTrait, ids: &[i32]) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    Ok(Site::find().filter(site::Column::Id.is_in(ids.iter().copied())).all(db).await?.into_iter().map(|s| (s.id, s.name)).collect())
}
