//! Organizations, sites and users: admins for everything, site managers for the users of
//! their own organization.
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{OrgDetail, OrgSummary, SiteSummary, UserSummary},
};

#[cfg(feature = "ssr")]
mod convert {
    use crate::model::{OrgSummary, SiteSummary, UserSummary};
    use db::entity::{organization, site, user};
    use domain::{OrgKind, Role};

    pub fn org(m: organization::Model) -> OrgSummary {
        OrgSummary { id: m.id, kind: OrgKind::parse(&m.kind).unwrap_or(OrgKind::Customer), name: m.name, active: m.active }
    }
    pub fn site(m: site::Model) -> SiteSummary {
        SiteSummary { id: m.id, name: m.name, address: m.address }
    }
    pub fn user(m: user::Model) -> UserSummary {
        UserSummary {
            id: m.id,
            role: Role::parse(&m.role).unwrap_or(Role::Customer),
            email: m.email,
            display_name: m.display_name,
            phone: m.phone,
            active: m.active,
            site_id: m.site_id,
        }
    }
}

#[server(endpoint = "list_organizations")]
pub async fn list_organizations() -> Result<Vec<OrgSummary>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_manage_organizations() {
            return Err(AppError::Forbidden);
        }
        Ok(db::repo::organizations::list(&state.db.conn).await?.into_iter().map(convert::org).collect())
    })
    .await
}

#[server(endpoint = "create_organization")]
pub async fn create_organization(name: String, kind: String) -> Result<OrgSummary, AppError> {
    use crate::ssr::{require, respond};
    use domain::{validation as v, ErrorCode, FieldError, OrgKind};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_manage_organizations() {
            return Err(AppError::Forbidden);
        }
        let mut errors = vec![];
        let name = v::text("name", &name, 2, v::ORG_NAME_MAX, &mut errors);
        let kind = v::org_kind("kind", &kind, &mut errors);
        // There is one provider: new organizations are customers.
        if kind == Some(OrgKind::Provider) {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
        }
        let Some(kind) = kind.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        match db::repo::organizations::insert(&*tx, &name, kind).await {
            Ok(m) => {
                crate::ssr::audit::record(
                    &*tx,
                    &caller,
                    "organization.create",
                    &format!("organization {}", m.id),
                    Some(m.id),
                    serde_json::json!({ "name": m.name }),
                )
                .await?;
                tx.commit().await?;
                Ok(convert::org(m))
            }
            Err(e) if db::repo::is_unique_violation(&e) => Err(AppError::field("name", ErrorCode::NameTaken)),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// An organization with its sites and users: admins for any, site managers for their own.
#[server(endpoint = "get_organization")]
pub async fn get_organization(id: i32) -> Result<OrgDetail, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_view_users_of(id) {
            // The same answer whether it exists or not: ids reveal nothing.
            return Err(AppError::NotFound);
        }
        let org = db::repo::organizations::find(&state.db.conn, id).await?.ok_or(AppError::NotFound)?;
        let sites = db::repo::sites::list_by_org(&state.db.conn, id).await?;
        let users = db::repo::users::list_by_org(&state.db.conn, id).await?;
        Ok(OrgDetail { org: convert::org(org), sites: sites.into_iter().map(convert::site).collect(), users: users.into_iter().map(convert::user).collect() })
    })
    .await
}

#[server(endpoint = "create_site")]
pub async fn create_site(org_id: i32, name: String, address: String) -> Result<SiteSummary, AppError> {
    use crate::ssr::{require, respond};
    use domain::{validation as v, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_manage_organizations() {
            return Err(AppError::Forbidden);
        }
        db::repo::organizations::find(&state.db.conn, org_id).await?.ok_or(AppError::NotFound)?;
        let mut errors = vec![];
        let name = v::text("name", &name, 1, v::ORG_NAME_MAX, &mut errors);
        let address = v::text("address", &address, 0, v::ADDRESS_MAX, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let tx = state.db.begin_write().await?;
        match db::repo::sites::insert(&*tx, org_id, &name, &address).await {
            Ok(m) => {
                crate::ssr::audit::record(&*tx, &caller, "site.create", &format!("site {}", m.id), Some(org_id), serde_json::json!({ "name": m.name })).await?;
                tx.commit().await?;
                Ok(convert::site(m))
            }
            Err(e) if db::repo::is_unique_violation(&e) => Err(AppError::field("name", ErrorCode::NameTaken)),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// `site_id` is a form value: empty for "no site".
#[server(endpoint = "create_user")]
pub async fn create_user(
    org_id: i32,
    email: String,
    display_name: String,
    phone: String,
    role: String,
    password: String,
    site_id: String,
) -> Result<UserSummary, AppError> {
    use crate::ssr::{require, respond};
    use domain::{ErrorCode, FieldError, OrgKind};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_add_users_to(org_id) {
            return Err(AppError::Forbidden);
        }
        let org = db::repo::organizations::find(&state.db.conn, org_id).await?.ok_or(AppError::NotFound)?;
        let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Customer);
        let mut errors = match domain::validation::new_user(&email, &display_name, &phone, &role, &password) {
            Ok(u) => match caller.actor.may_create_user(org_id, kind, u.role) {
                Ok(()) => vec![],
                Err(code) => vec![FieldError::new("role", code)],
            },
            Err(errors) => errors,
        };
        let site_id = match site_id.trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(id) => match db::repo::sites::find(&state.db.conn, id).await? {
                    Some(site) if site.organization_id == org_id => Some(id),
                    _ => {
                        errors.push(FieldError::new("site_id", ErrorCode::InvalidChoice));
                        None
                    }
                },
                Err(_) => {
                    errors.push(FieldError::new("site_id", ErrorCode::InvalidChoice));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let u = domain::validation::new_user(&email, &display_name, &phone, &role, &password).map_err(AppError::Invalid)?;
        let hash = db::password::hash_async(u.password.clone()).await;
        let row = db::repo::users::NewUserRow {
            org_id,
            site_id,
            email: &u.email,
            display_name: &u.display_name,
            phone: u.phone.as_deref(),
            role: u.role,
            password_hash: &hash,
        };
        let tx = state.db.begin_write().await?;
        match db::repo::users::insert(&*tx, row).await {
            Ok(m) => {
                crate::ssr::audit::record(&*tx, &caller, "user.create", &m.email, Some(org_id), serde_json::json!({ "role": m.role })).await?;
                tx.commit().await?;
                tracing::info!(by = caller.user.id, user_id = m.id, org_id, "user created");
                Ok(convert::user(m))
            }
            Err(e) if db::repo::is_unique_violation(&e) => Err(AppError::field("email", ErrorCode::EmailTaken)),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

#[cfg(feature = "ssr")]
async fn target_of(state: &crate::ssr::AppState, user_id: i32) -> Result<(db::entity::user::Model, domain::permission::Target), AppError> {
    let u = db::repo::users::find(&state.db.conn, user_id).await?.ok_or(AppError::NotFound)?;
    let role = domain::Role::parse(&u.role).unwrap_or(domain::Role::Customer);
    let t = domain::permission::Target { user_id: u.id, org_id: u.organization_id, role };
    Ok((u, t))
}

#[server(endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let (u, target) = target_of(&state, user_id).await?;
        if !caller.actor.can_view_users_of(target.org_id) {
            return Err(AppError::NotFound);
        }
        caller.actor.can_set_active(&target).map_err(|code| match code {
            domain::ErrorCode::NotOnYourself => AppError::field("active", code),
            _ => AppError::Forbidden,
        })?;
        let tx = state.db.begin_write().await?;
        db::repo::users::set_active(&*tx, user_id, active).await?;
        if !active {
            db::repo::sessions::delete_for_user(&*tx, user_id, None).await?;
        }
        crate::ssr::audit::record(
            &*tx,
            &caller,
            if active { "user.activate" } else { "user.deactivate" },
            &u.email,
            Some(u.organization_id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, user_id, active, "user activation changed");
        Ok(())
    })
    .await
}

#[server(endpoint = "set_user_role")]
pub async fn set_user_role(user_id: i32, role: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    use domain::{ErrorCode, OrgKind};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_manage_organizations() {
            return Err(AppError::Forbidden);
        }
        let (u, target) = target_of(&state, user_id).await?;
        let new_role = domain::Role::parse(role.trim()).ok_or_else(|| AppError::field("role", ErrorCode::InvalidChoice))?;
        let org = db::repo::organizations::find(&state.db.conn, u.organization_id).await?.ok_or(AppError::NotFound)?;
        let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Customer);
        caller.actor.can_set_role(&target, kind, new_role).map_err(|code| AppError::field("role", code))?;
        let tx = state.db.begin_write().await?;
        db::repo::users::set_role(&*tx, user_id, new_role).await?;
        crate::ssr::audit::record(
            &*tx,
            &caller,
            "user.role",
            &u.email,
            Some(u.organization_id),
            serde_json::json!({ "from": u.role, "to": new_role.as_str() }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, user_id, role = new_role.as_str(), "role changed");
        Ok(())
    })
    .await
}
