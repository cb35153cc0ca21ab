use chrono::Utc;
use domain::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::user::{self, Entity as User, Model};

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    User::find_by_id(id).one(db).await
}

/// A user and their organization in one query (every request asks who is calling).
pub async fn find_with_organization(db: &impl ConnectionTrait, id: i32) -> Result<Option<(Model, crate::entity::organization::Model)>, DbErr> {
    Ok(User::find_by_id(id).find_also_related(crate::entity::organization::Entity).one(db).await?.and_then(|(u, o)| o.map(|o| (u, o))))
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<Model>, DbErr> {
    User::find().filter(user::Column::Email.eq(email.trim().to_lowercase())).one(db).await
}

pub async fn list_by_org(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    User::find().filter(user::Column::OrganizationId.eq(org_id)).order_by_asc(user::Column::DisplayName).all(db).await
}

/// Active managers and site managers: the people reports can be mailed to.
pub async fn list_receivers(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    User::find()
        .filter(user::Column::Role.is_in(["manager", "site_manager"]))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
}

/// Active accounts with `role` (a `domain::Role` name), oldest first.
pub async fn active_with_role(db: &impl ConnectionTrait, role: &str) -> Result<Vec<Model>, DbErr> {
    User::find().filter(user::Column::Role.eq(role)).filter(user::Column::Active.eq(true)).order_by_asc(user::Column::Id).all(db).await
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    User::find().count(db).await
}

pub struct NewUserRow<'a> {
    pub org_id: i32,
    pub site_id: Option<i32>,
    pub email: &'a str,
    pub display_name: &'a str,
    pub phone: Option<&'a str>,
    pub role: Role,
    pub password_hash: &'a str,
}

pub async fn insert(db: &impl ConnectionTrait, u: NewUserRow<'_>) -> Result<Model, DbErr> {
    let now = Utc::now();
    user::ActiveModel {
        organization_id: Set(u.org_id),
        site_id: Set(u.site_id),
        email: Set(u.email.to_lowercase()),
        display_name: Set(u.display_name.to_string()),
        phone: Set(u.phone.map(str::to_string)),
        role: Set(u.role.as_str().to_string()),
        password_hash: Set(u.password_hash.to_string()),
        active: Set(true),
        lang: Set("en".into()),
        created_at: Set(now),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn set_password_hash(db: &impl ConnectionTrait, id: i32, hash: &str) -> Result<(), DbErr> {
    user::ActiveModel { id: Set(id), password_hash: Set(hash.to_string()), password_changed_at: Set(Utc::now()), ..Default::default() }
        .update(db)
        .await
        .map(|_| ())
}

pub async fn set_active(db: &impl ConnectionTrait, id: i32, active: bool) -> Result<(), DbErr> {
    user::ActiveModel { id: Set(id), active: Set(active), ..Default::default() }.update(db).await.map(|_| ())
}

pub async fn set_role(db: &impl ConnectionTrait, id: i32, role: Role) -> Result<(), DbErr> {
    user::ActiveModel { id: Set(id), role: Set(role.as_str().to_string()), ..Default::default() }.update(db).await.map(|_| ())
}
