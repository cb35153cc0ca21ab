//! The equipment archive's devices: the searched list, one device, the add/edit form and
//! saving it. Customers read their own organization's devices; site managers edit them;
//! staff read and edit every organization's (`domain::equipment::access`).
use domain::equipment::DeviceForm;
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{DeviceDetail, DeviceFormData, DeviceList},
};

/// Rows on one page of the list.
pub const PAGE_SIZE: u64 = 50;
/// Pages beyond this are refused (2,000 pages of 50: far past any site's archive).
pub const MAX_PAGE: u64 = 2_000;
/// A search longer than this is no one's serial number (and SQLite refuses very long patterns).
pub const QUERY_MAX: usize = 200;

/// One page of the devices the caller may see: `q` anywhere in serial, asset number, name,
/// model, vendor or an address; the other filters empty for "any". `page` is 1-based (0: 1).
#[server(endpoint = "list_devices")]
pub async fn list_devices(q: String, site: String, category: String, status: String, warranty: String, page: u64) -> Result<DeviceList, AppError> {
    use domain::{
        equipment::{access, warranty as warranty_of, DeviceCategory, DeviceStatus, WarrantyFilter},
        ErrorCode, FieldError,
    };

    use crate::{
        model::DeviceRow,
        ssr::{equipment as eq, require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let mut errors = vec![];
        let mut choice = |field: &str, raw: &str, ok: bool| {
            if !raw.is_empty() && !ok {
                errors.push(FieldError::new(field, ErrorCode::InvalidChoice));
            }
        };
        let category_raw = category;
        let category = DeviceCategory::parse(category_raw.trim());
        choice("category", category_raw.trim(), category.is_some());
        let status_f = DeviceStatus::parse(status.trim());
        choice("status", status.trim(), status_f.is_some());
        let warranty_f = WarrantyFilter::parse(warranty.trim());
        choice("warranty", warranty.trim(), warranty_f.is_some());
        if q.chars().count() > QUERY_MAX {
            errors.push(FieldError::new("q", ErrorCode::TooLong { max: QUERY_MAX }));
        }
        if page > MAX_PAGE {
            errors.push(FieldError::new("page", ErrorCode::OutOfRange { min: 0, max: MAX_PAGE as i64 }));
        }
        let sites = eq::visible_sites(conn, &caller.actor).await?;
        let site_f = match site.trim() {
            "" => None,
            s => match s.parse::<i32>().ok().filter(|id| sites.iter().any(|(sid, _, _)| sid == id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(FieldError::new("site", ErrorCode::InvalidChoice));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let today = eq::today();
        let (warranty_from, warranty_to) = warranty_f.map(|w| w.end_range(today)).unwrap_or((None, None));
        let page = page.max(1);
        let filter = db::repo::devices::ListFilter {
            org: access::scope(&caller.actor),
            site: site_f,
            q: q.trim().to_lowercase(),
            category: category.map(|c| c.as_str()),
            status: status_f.map(|s| s.as_str()),
            warranty_from,
            warranty_to,
            warranty_filtered: warranty_f.is_some(),
            offset: (page - 1) * PAGE_SIZE,
            limit: PAGE_SIZE,
        };
        let (rows, total) = db::repo::devices::list(conn, &filter).await?;
        let label = |site_id: i32| sites.iter().find(|(id, _, _)| *id == site_id).map(|(_, _, l)| l.clone()).unwrap_or_default();
        let rows = rows
            .into_iter()
            .map(|d| {
                let input = eq::input_of(&d);
                DeviceRow {
                    id: d.id,
                    site: label(d.site_id),
                    warranty: warranty_of(input.warranty_end, today),
                    name: input.name,
                    category: input.category,
                    status: input.status,
                    vendor: input.vendor,
                    model: input.model,
                    serial: input.serial,
                    asset_number: input.asset_number,
                    ips: input.ips.join(", "),
                }
            })
            .collect();
        Ok(DeviceList {
            rows,
            total,
            page,
            pages: total.div_ceil(PAGE_SIZE).max(1),
            can_add: access::edits_equipment(caller.actor.role),
            sites: sites.into_iter().map(|(id, _, label)| (id, label)).collect(),
            organizations: eq::organizations(conn, &caller.actor).await?,
        })
    })
    .await
}

/// One device, if the caller may see it ("not found" otherwise).
#[server(endpoint = "get_device")]
pub async fn get_device(id: i32) -> Result<DeviceDetail, AppError> {
    use domain::equipment::{access, warranty};

    use crate::ssr::{equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let d = eq::visible(conn, &caller.actor, id).await?;
        let names = db::repo::names::of(conn, &[d.updated_by], &[d.site_id], &[d.organization_id]).await?;
        let device = eq::input_of(&d);
        let history = eq::history(conn, d.id).await?;
        let configs = eq::config_versions(conn, d.id).await?;
        let software = db::repo::software::of_site(conn, d.site_id)
            .await?
            .into_iter()
            .filter(|s| db::repo::software::devices_of(s).contains(&d.id))
            .map(|s| format!("{} {}", s.name, s.version).trim().to_string())
            .collect();
        Ok(DeviceDetail {
            history,
            configs,
            software,
            id: d.id,
            site_id: d.site_id,
            site: names.sites.get(&d.site_id).cloned().unwrap_or_default(),
            organization: names.organizations.get(&d.organization_id).cloned().unwrap_or_default(),
            warranty: warranty(device.warranty_end, eq::today()),
            device,
            version: d.version,
            updated_at: d.updated_at.timestamp(),
            updated_by: names.users.get(&d.updated_by).map(|(n, _)| n.clone()).unwrap_or_default(),
            can_edit: access::edits(&caller.actor, d.organization_id),
            can_plan: domain::equipment::upgrade::PlanActor::of(caller.actor.role) == domain::equipment::upgrade::PlanActor::Staff,
        })
    })
    .await
}

/// The add (id 0) or edit form: the sites the caller may put a device at, and the record.
#[server(endpoint = "get_device_form")]
pub async fn get_device_form(id: i32) -> Result<DeviceFormData, AppError> {
    use domain::equipment::access;

    use crate::ssr::{equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let sites: Vec<(i32, String)> = eq::visible_sites(conn, &caller.actor).await?.into_iter().map(|(id, _, l)| (id, l)).collect();
        if id == 0 {
            let site_id = sites.first().map(|(id, _)| *id).unwrap_or(0);
            let form = DeviceForm { category: "server".into(), status: "in_service".into(), ..Default::default() };
            return Ok(DeviceFormData { id: 0, version: 0, site_id, sites, form });
        }
        let d = eq::visible(conn, &caller.actor, id).await?;
        Ok(DeviceFormData { id: d.id, version: d.version, site_id: d.site_id, sites, form: eq::input_of(&d).to_form() })
    })
    .await
}

/// Adds (id 0) or changes a device and opens its page. `version` is the one the form was
/// opened at: a save over a later one is refused (`Conflict`). A serial number already used
/// by another device of the organization is refused at its field.
#[server(endpoint = "save_device")]
pub async fn save_device(id: i32, version: i32, site_id: i32, #[server(flatten)] form: DeviceForm) -> Result<i32, AppError> {
    use domain::{equipment::access, ErrorCode, FieldError};

    use crate::ssr::{audit, equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let checked = form.check();
        if version < 0 {
            return Err(AppError::field("version", ErrorCode::OutOfRange { min: 0, max: i64::from(i32::MAX) }));
        }
        let conn = &state.db.conn;
        // The site must be one the caller may edit; checked with the fields, all at once.
        let site = db::repo::sites::find(conn, site_id).await?.filter(|s| s.active && access::edits(&caller.actor, s.organization_id));
        let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
        if site.is_none() {
            errors.insert(0, FieldError::new("site_id", ErrorCode::InvalidChoice));
        }
        let (Ok(input), Some(site)) = (checked, site) else {
            return Err(AppError::Invalid(errors));
        };
        let taken = || AppError::Invalid(vec![FieldError::new("serial", ErrorCode::SerialTaken)]);
        let org = Some(site.organization_id);
        let tx = state.db.begin_write().await?;
        let saved = if id == 0 {
            let row = db::repo::devices::insert(&*tx, site.organization_id, site.id, &input, caller.user.id).await.map_err(|e| {
                if db::repo::is_unique_violation(&e) {
                    taken()
                } else {
                    AppError::from(e)
                }
            })?;
            audit::record(&*tx, &caller, "device.create", &format!("device:{}", row.id), org, serde_json::json!({ "after": input })).await?;
            row.id
        } else {
            let old = eq::visible(&*tx, &caller.actor, id).await?;
            // A device moves between sites of its own organization only.
            if !access::edits(&caller.actor, old.organization_id) || site.organization_id != old.organization_id {
                return Err(AppError::Invalid(vec![FieldError::new("site_id", ErrorCode::InvalidChoice)]));
            }
            let updated = db::repo::devices::update(&*tx, id, version, site.id, &input, caller.user.id).await.map_err(|e| {
                if db::repo::is_unique_violation(&e) {
                    taken()
                } else {
                    AppError::from(e)
                }
            })?;
            if !updated {
                return Err(AppError::Conflict);
            }
            audit::record(&*tx, &caller, "device.update", &format!("device:{id}"), org, serde_json::json!({ "before": eq::input_of(&old), "after": input }))
                .await?;
            id
        };
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::device(saved));
        Ok(saved)
    })
    .await
}

/// An uploaded device list as it would be saved now (the archive may have changed since the
/// upload): the rows that add or change a device and every bad row with its reasons.
#[server(endpoint = "get_device_import")]
pub async fn get_device_import(id: i32) -> Result<crate::model::DeviceImportPreview, AppError> {
    use domain::equipment::access;

    use crate::ssr::{equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let import = db::repo::devices::find_import(conn, id).await?.filter(|i| access::edits(&caller.actor, i.organization_id)).ok_or(AppError::NotFound)?;
        eq::plan_import(conn, &import).await
    })
    .await
}

/// Saves the good rows of an uploaded list, in one transaction, planned again inside it (so
/// a device added meanwhile is changed, not added twice); bad rows are left out. Once only:
/// a second click answers `Conflict`. Opens the list of the organization's devices.
#[server(endpoint = "apply_device_import")]
pub async fn apply_device_import(id: i32) -> Result<usize, AppError> {
    use domain::{
        equipment::{access, import::RowAction},
        Page,
    };

    use crate::ssr::{audit, equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let tx = state.db.begin_write().await?;
        let import = db::repo::devices::find_import(&*tx, id).await?.filter(|i| access::edits(&caller.actor, i.organization_id)).ok_or(AppError::NotFound)?;
        if !db::repo::devices::mark_import_applied(&*tx, id).await? {
            return Err(AppError::Conflict);
        }
        let preview = eq::plan_import(&*tx, &import).await?;
        let mut saved = 0;
        for (row, _) in &preview.rows {
            match &row.action {
                RowAction::Add => {
                    db::repo::devices::insert(&*tx, import.organization_id, row.site_id, &row.device, caller.user.id).await?;
                }
                RowAction::Change { id, .. } => {
                    let old = db::repo::devices::find(&*tx, *id).await?.ok_or(AppError::Conflict)?;
                    if !db::repo::devices::update(&*tx, *id, old.version, row.site_id, &row.device, caller.user.id).await? {
                        return Err(AppError::Conflict);
                    }
                }
                RowAction::Unchanged { .. } => continue,
            }
            saved += 1;
        }
        audit::record(
            &*tx,
            &caller,
            "device.import",
            &format!("device_import:{id}"),
            Some(import.organization_id),
            serde_json::json!({ "file": import.file_name, "added": preview.adds, "changed": preview.changes, "bad_rows": preview.bad.len() }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(Page::Equipment.pattern());
        Ok(saved)
    })
    .await
}

/// The organizations the caller may import devices for: (id, name).
#[server(endpoint = "device_import_organizations")]
pub async fn device_import_organizations() -> Result<Vec<(i32, String)>, AppError> {
    use domain::equipment::access;

    use crate::ssr::{equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !access::edits_equipment(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        eq::organizations(&state.db.conn, &caller.actor).await
    })
    .await
}

/// Two configuration backups of a device compared line by line (`from` and `to` are version
/// ids; 0 picks the latest for `to` and the one before it for `from`).
#[server(endpoint = "compare_configs")]
pub async fn compare_configs(device_id: i32, from: i32, to: i32) -> Result<crate::model::ConfigDiff, AppError> {
    use domain::{equipment::config_backup::DIFF_MAX_LINES, ErrorCode};

    use crate::ssr::{equipment as eq, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let d = eq::visible(conn, &caller.actor, device_id).await?;
        let versions = eq::config_versions(conn, d.id).await?;
        let pick = |id: i32, field: &str, default: Option<&crate::model::ConfigVersion>| -> Result<Option<crate::model::ConfigVersion>, AppError> {
            if id == 0 {
                return Ok(default.cloned());
            }
            versions.iter().find(|v| v.id == id).cloned().map(Some).ok_or_else(|| AppError::field(field, ErrorCode::InvalidChoice))
        };
        let to_v = pick(to, "to", versions.first())?;
        let from_default = to_v.as_ref().and_then(|t| versions.iter().find(|v| v.number < t.number));
        let from_v = pick(from, "from", from_default)?;
        let mut diff = crate::model::ConfigDiff {
            device_id: d.id,
            device: d.name.clone(),
            versions: versions.clone(),
            from: from_v.clone(),
            to: to_v.clone(),
            lines: vec![],
            added: 0,
            removed: 0,
            too_large: false,
        };
        if let (Some(f), Some(t)) = (from_v, to_v) {
            let a = db::repo::device_configs::find(conn, f.id).await?.map(|c| c.content).unwrap_or_default();
            let b = db::repo::device_configs::find(conn, t.id).await?.map(|c| c.content).unwrap_or_default();
            if a.lines().count() > DIFF_MAX_LINES || b.lines().count() > DIFF_MAX_LINES {
                diff.too_large = true;
            } else {
                (diff.lines, diff.added, diff.removed) = eq::diff_lines(&a, &b);
            }
        }
        Ok(diff)
    })
    .await
}
