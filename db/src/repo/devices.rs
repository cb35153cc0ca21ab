//! The equipment archive's devices: saving a checked record, one device, and the searched,
//! filtered list (answered by the database, a page at a time).
use chrono::{NaiveDate, Utc};
use domain::equipment::DeviceInput;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::{
    device::{self, Entity as Device, Model},
    device_import,
};

/// The lower-cased text a search looks in.
pub fn search_text(d: &DeviceInput) -> String {
    [d.serial.as_str(), &d.asset_number, &d.name, &d.model, &d.vendor, &d.ips.join(" ")].join("\u{1f}").to_lowercase()
}

fn fill(a: &mut device::ActiveModel, d: &DeviceInput, by: i32) {
    a.category = Set(d.category.as_str().into());
    a.vendor = Set(d.vendor.clone());
    a.model = Set(d.model.clone());
    a.serial = Set(d.serial.clone());
    a.asset_number = Set(d.asset_number.clone());
    a.name = Set(d.name.clone());
    a.location = Set(d.location.clone());
    a.ips = Set(d.ips.join(", "));
    a.purchase_date = Set(d.purchase_date);
    a.warranty_end = Set(d.warranty_end);
    a.service_level = Set(d.service_level.clone());
    a.firmware = Set(d.firmware.clone());
    a.status = Set(d.status.as_str().into());
    a.config_notes = Set(d.config_notes.clone());
    a.search = Set(search_text(d));
    a.updated_at = Set(Utc::now());
    a.updated_by = Set(by);
}

/// Fails with a unique violation when the organization already has a device with the serial.
pub async fn insert(db: &impl ConnectionTrait, org_id: i32, site_id: i32, d: &DeviceInput, by: i32) -> Result<Model, DbErr> {
    let mut a = device::ActiveModel { organization_id: Set(org_id), site_id: Set(site_id), created_at: Set(Utc::now()), version: Set(1), ..Default::default() };
    fill(&mut a, d, by);
    a.insert(db).await
}

/// Saves a new state of the device if nobody saved it since `version` was read: `false`
/// when someone did (the editor reloads rather than overwrite their change).
pub async fn update(db: &impl ConnectionTrait, id: i32, version: i32, site_id: i32, d: &DeviceInput, by: i32) -> Result<bool, DbErr> {
    let mut a = device::ActiveModel { site_id: Set(site_id), version: Set(version + 1), ..Default::default() };
    fill(&mut a, d, by);
    let res = Device::update_many().set(a).filter(device::Column::Id.eq(id)).filter(device::Column::Version.eq(version)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Device::find_by_id(id).one(db).await
}

/// What the list keeps. `org` is set for every customer (their own organization only).
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub org: Option<i32>,
    pub site: Option<i32>,
    /// Lower-cased; matched anywhere in serial, asset number, name, model, vendor or an address.
    pub q: String,
    pub category: Option<&'static str>,
    pub status: Option<&'static str>,
    /// Inclusive warranty end range (a device without an end date never matches).
    pub warranty_from: Option<NaiveDate>,
    pub warranty_to: Option<NaiveDate>,
    pub warranty_filtered: bool,
    pub offset: u64,
    pub limit: u64,
}

fn condition(f: &ListFilter) -> Condition {
    let mut c = Condition::all();
    if let Some(org) = f.org {
        // With another filter, the organization is checked on each row rather than walked
        // by its index: an organization holding most of the archive made SQLite read its
        // rows in index order one by one (a search 230 ms instead of a 30 ms scan).
        let narrowed = !f.q.is_empty() || f.category.is_some() || f.status.is_some() || f.warranty_filtered;
        c = c.add(if narrowed { Expr::col(device::Column::OrganizationId).add(0).eq(org) } else { Expr::col(device::Column::OrganizationId).eq(org) });
    }
    if let Some(site) = f.site {
        c = c.add(device::Column::SiteId.eq(site));
    }
    if !f.q.is_empty() {
        // `%`, `_` and `\` in the query are matched as themselves.
        let escaped = f.q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        c = c.add(Expr::col(device::Column::Search).like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')));
    }
    if let Some(cat) = f.category {
        c = c.add(device::Column::Category.eq(cat));
    }
    if let Some(status) = f.status {
        c = c.add(device::Column::Status.eq(status));
    }
    if f.warranty_filtered {
        c = c.add(device::Column::WarrantyEnd.is_not_null());
        if let Some(from) = f.warranty_from {
            c = c.add(device::Column::WarrantyEnd.gte(from));
        }
        if let Some(to) = f.warranty_to {
            c = c.add(device::Column::WarrantyEnd.lte(to));
        }
    }
    c
}

/// One page of the list, by name, and how many match in all.
pub async fn list(db: &impl ConnectionTrait, f: &ListFilter) -> Result<(Vec<Model>, u64), DbErr> {
    let q = Device::find().filter(condition(f));
    let total = q.clone().count(db).await?;
    let rows = q.order_by_asc(device::Column::Name).order_by_asc(device::Column::Id).offset(f.offset).limit(f.limit).all(db).await?;
    Ok((rows, total))
}

/// Every device of an organization (the CSV export), by site and name.
pub async fn all_of_org(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    Device::find().filter(device::Column::OrganizationId.eq(org_id)).order_by_asc(device::Column::SiteId).order_by_asc(device::Column::Name).all(db).await
}

pub async fn insert_import(db: &impl ConnectionTrait, org_id: i32, by: i32, file_name: &str, content: String) -> Result<device_import::Model, DbErr> {
    device_import::ActiveModel {
        organization_id: Set(org_id),
        created_by: Set(by),
        file_name: Set(file_name.to_string()),
        content: Set(content),
        created_at: Set(Utc::now()),
        applied_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_import(db: &impl ConnectionTrait, id: i32) -> Result<Option<device_import::Model>, DbErr> {
    device_import::Entity::find_by_id(id).one(db).await
}

/// Marks the import applied; `false` if it already was (a second click saves nothing twice).
pub async fn mark_import_applied(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let res = device_import::Entity::update_many()
        .col_expr(device_import::Column::AppliedAt, Expr::value(Utc::now()))
        .filter(device_import::Column::Id.eq(id))
        .filter(device_import::Column::AppliedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The organization's devices that have a serial number (what an import matches rows to).
pub async fn with_serial(db: &impl ConnectionTrait, org_id: i32) -> Result<Vec<Model>, DbErr> {
    Device::find().filter(device::Column::OrganizationId.eq(org_id)).filter(device::Column::Serial.ne("")).all(db).await
}

/// A device's requests, newest first (the device page's and a request page's history).
pub async fn requests_of(db: &impl ConnectionTrait, device_id: i32, limit: u64) -> Result<Vec<crate::entity::request::Model>, DbErr> {
    use crate::entity::request;
    request::Entity::find()
        .filter(request::Column::DeviceId.eq(device_id))
        .order_by_desc(request::Column::CreatedAt)
        .order_by_desc(request::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The devices of an organization for a choice list, by site and name (at most `limit`).
pub async fn choices(db: &impl ConnectionTrait, org_id: i32, limit: u64) -> Result<Vec<Model>, DbErr> {
    Device::find()
        .filter(device::Column::OrganizationId.eq(org_id))
        .filter(device::Column::Status.ne("retired"))
        .order_by_asc(device::Column::SiteId)
        .order_by_asc(device::Column::Name)
        .limit(limit)
        .all(db)
        .await
}

/// The devices of one site a request there may name (not retired), by name.
pub async fn choices_at_site(db: &impl ConnectionTrait, site_id: i32, limit: u64) -> Result<Vec<Model>, DbErr> {
    Device::find()
        .filter(device::Column::SiteId.eq(site_id))
        .filter(device::Column::Status.ne("retired"))
        .order_by_asc(device::Column::Name)
        .limit(limit)
        .all(db)
        .await
}

/// Sets a device's software/firmware version (an upgrade carried out), as a new version of
/// its record.
pub async fn set_firmware(db: &impl ConnectionTrait, id: i32, firmware: &str, by: i32) -> Result<(), DbErr> {
    Device::update_many()
        .col_expr(device::Column::Firmware, Expr::value(firmware.to_string()))
        .col_expr(device::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(device::Column::UpdatedBy, Expr::value(by))
        .col_expr(device::Column::Version, Expr::col(device::Column::Version).add(1))
        .filter(device::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
