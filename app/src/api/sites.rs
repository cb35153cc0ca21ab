//! A customer site's profile: access notes, opening hours, contacts and the machine room's
//! environment, each environment field with who verified it and when. Customers read their
//! organization's sites; site managers edit them; staff read and edit every site's
//! (`domain::equipment::access`, as for devices).
use domain::equipment::site_profile::SiteProfileForm;
use leptos::prelude::*;

use crate::{error::AppError, model::SiteProfileData};

#[server(endpoint = "get_site_profile")]
pub async fn get_site_profile(site_id: i32) -> Result<SiteProfileData, AppError> {
    use std::collections::BTreeMap;

    use domain::equipment::{
        access,
        site_profile::{contacts_text, Contact, EnvField, Verified},
    };

    use crate::{
        model::EnvRow,
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let site = match db::repo::sites::find(conn, site_id).await? {
            Some(s) if access::sees(&caller.actor, s.organization_id) => s,
            _ => return Err(AppError::NotFound),
        };
        let profile = db::repo::sites::profile(conn, site.id).await?;
        let devices: Vec<(i32, String)> = db::repo::devices::choices_at_site(conn, site.id, 3_000).await?.into_iter().map(|d| (d.id, d.name)).collect();
        let software = db::repo::software::of_site(conn, site.id)
            .await?
            .into_iter()
            .map(|s| {
                let on = db::repo::software::devices_of(&s);
                crate::model::SoftwareRow {
                    id: s.id,
                    form: domain::equipment::software::SoftwareInput { name: s.name, version: s.version, platform: s.platform, go_live: s.go_live }.to_form(),
                    devices: devices.iter().filter(|(id, _)| on.contains(id)).cloned().collect(),
                }
            })
            .collect();
        let contacts: Vec<Contact> = profile.as_ref().and_then(|p| serde_json::from_str(&p.contacts_json).ok()).unwrap_or_default();
        let env: BTreeMap<EnvField, Verified> = profile.as_ref().and_then(|p| serde_json::from_str(&p.environment_json).ok()).unwrap_or_default();
        let mut users: Vec<i32> = env.values().map(|v| v.by).collect();
        users.extend(profile.as_ref().map(|p| p.updated_by));
        let names = db::repo::names::of(conn, &users, &[], &[site.organization_id]).await?;
        let who = |id: i32| names.users.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
        let when = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&domain::equipment::WARRANTY_TZ).format("%Y-%m-%d %H:%M").to_string();
        let mut form = SiteProfileForm {
            address: site.address.clone(),
            access_notes: profile.as_ref().map(|p| p.access_notes.clone()).unwrap_or_default(),
            opening_hours: profile.as_ref().map(|p| p.opening_hours.clone()).unwrap_or_default(),
            contacts: contacts_text(&contacts),
            ..Default::default()
        };
        let environment = EnvField::ALL
            .into_iter()
            .map(|f| {
                let v = env.get(&f);
                form.set_env(f, v.map(|v| v.value.clone()).unwrap_or_default());
                EnvRow {
                    field: f,
                    value: v.map(|v| v.value.clone()).unwrap_or_default(),
                    verified_by: v.map(|v| who(v.by)),
                    verified_at: v.and_then(|v| chrono::DateTime::from_timestamp(v.at, 0)).map(when),
                }
            })
            .collect();
        Ok(SiteProfileData {
            site_id: site.id,
            site: site.name,
            organization: names.organizations.get(&site.organization_id).cloned().unwrap_or_default(),
            version: profile.as_ref().map_or(0, |p| p.version),
            can_edit: access::edits(&caller.actor, site.organization_id),
            contacts,
            form,
            environment,
            updated: profile.map(|p| (who(p.updated_by), when(p.updated_at))),
            software,
            devices,
        })
    })
    .await
}

/// Saves a site's profile over the version it was opened at (`Conflict` when someone saved
/// since) and opens its page. `verified` lists the environment fields confirmed unchanged
/// (checkboxes `verified[i]`); a changed field is verified by the save itself.
#[server(endpoint = "save_site_profile")]
pub async fn save_site_profile(site_id: i32, version: i32, verified: Option<Vec<String>>, #[server(flatten)] form: SiteProfileForm) -> Result<(), AppError> {
    use std::collections::BTreeMap;

    use domain::{
        equipment::{
            access,
            site_profile::{verify, EnvField, Verified},
        },
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        if version < 0 {
            return Err(AppError::field("version", ErrorCode::OutOfRange { min: 0, max: i64::from(i32::MAX) }));
        }
        let mut ticked = vec![];
        for raw in verified.unwrap_or_default() {
            match EnvField::parse(raw.trim()) {
                Some(f) => ticked.push(f),
                None => return Err(AppError::Invalid(vec![FieldError::new("verified", ErrorCode::InvalidChoice)])),
            }
        }
        let (address, access_notes, hours, contacts, env) = form.check().map_err(AppError::Invalid)?;
        let tx = state.db.begin_write().await?;
        let site = match db::repo::sites::find(&*tx, site_id).await? {
            Some(s) if access::sees(&caller.actor, s.organization_id) => s,
            _ => return Err(AppError::NotFound),
        };
        if !access::edits(&caller.actor, site.organization_id) {
            return Err(AppError::Forbidden);
        }
        let old: BTreeMap<EnvField, Verified> =
            db::repo::sites::profile(&*tx, site.id).await?.and_then(|p| serde_json::from_str(&p.environment_json).ok()).unwrap_or_default();
        let environment = verify(&old, &env, &ticked, caller.user.id, chrono::Utc::now().timestamp());
        let row = db::repo::sites::ProfileRow {
            address: &address,
            access_notes: &access_notes,
            opening_hours: &hours,
            contacts_json: serde_json::to_string(&contacts).map_err(crate::ssr::internal)?,
            environment_json: serde_json::to_string(&environment).map_err(crate::ssr::internal)?,
            by: caller.user.id,
        };
        if !db::repo::sites::save_profile(&*tx, site.id, version, row).await? {
            return Err(AppError::Conflict);
        }
        audit::record(
            &*tx,
            &caller,
            "site.profile",
            &format!("site:{}", site.id),
            Some(site.organization_id),
            serde_json::json!({ "environment": environment }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::site(site.id));
        Ok(())
    })
    .await
}

/// Adds (`id` 0) or changes an application of a site and goes back to the site's page. The
/// devices it runs on are checkboxes `device_ids[i]`, devices of that site.
#[server(endpoint = "save_software")]
pub async fn save_software(
    id: i32,
    site_id: i32,
    device_ids: Option<Vec<String>>,
    #[server(flatten)] form: domain::equipment::software::SoftwareForm,
) -> Result<i32, AppError> {
    use domain::{
        equipment::{access, software::device_ids as check_devices},
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let mut errors = vec![];
        let input = form.check().map_err(|mut e| errors.append(&mut e)).ok();
        let devices = check_devices(&device_ids.unwrap_or_default()).map_err(|e| errors.push(e)).ok();
        let (Some(input), Some(devices)) = (input, devices) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        let site = match db::repo::sites::find(&*tx, site_id).await? {
            Some(s) if access::sees(&caller.actor, s.organization_id) => s,
            _ => return Err(AppError::NotFound),
        };
        if !access::edits(&caller.actor, site.organization_id) {
            return Err(AppError::Forbidden);
        }
        let at_site: Vec<i32> = db::repo::devices::choices_at_site(&*tx, site.id, 3_000).await?.into_iter().map(|d| d.id).collect();
        if devices.iter().any(|d| !at_site.contains(d)) {
            return Err(AppError::Invalid(vec![FieldError::new("device_ids", ErrorCode::InvalidChoice)]));
        }
        let Some(saved) = db::repo::software::save(&*tx, id, site.organization_id, site.id, &input, &devices, caller.user.id).await? else {
            return Err(AppError::NotFound);
        };
        audit::record(
            &*tx,
            &caller,
            "site.software",
            &format!("software:{}", saved.id),
            Some(site.organization_id),
            serde_json::json!({ "software": input, "devices": devices }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("{}#software", domain::href::site(site.id)));
        Ok(saved.id)
    })
    .await
}

/// Takes an application off its site's list.
#[server(endpoint = "delete_software")]
pub async fn delete_software(id: i32) -> Result<(), AppError> {
    use domain::equipment::access;

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let tx = state.db.begin_write().await?;
        let s = match db::repo::software::find(&*tx, id).await? {
            Some(s) if access::sees(&caller.actor, s.organization_id) => s,
            _ => return Err(AppError::NotFound),
        };
        if !access::edits(&caller.actor, s.organization_id) {
            return Err(AppError::Forbidden);
        }
        db::repo::software::delete(&*tx, id).await?;
        audit::record(&*tx, &caller, "site.software.delete", &format!("software:{id}"), Some(s.organization_id), serde_json::json!({ "name": s.name })).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
