//! Wire types of the equipment archive: the device list, one device, and the device form.
use domain::equipment::{DeviceCategory, DeviceForm, DeviceInput, DeviceStatus, Warranty};
use serde::{Deserialize, Serialize};

/// A device in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRow {
    pub id: i32,
    pub name: String,
    pub category: DeviceCategory,
    pub status: DeviceStatus,
    pub vendor: String,
    pub model: String,
    pub serial: String,
    pub asset_number: String,
    pub ips: String,
    /// "Site · Organization" for staff, the site's name for customers.
    pub site: String,
    pub warranty: Warranty,
}

/// One page of the searched list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    pub rows: Vec<DeviceRow>,
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
    /// The caller may add devices (site managers and staff).
    pub can_add: bool,
    /// The sites the filter offers: (id, "Site · Organization" for staff).
    pub sites: Vec<(i32, String)>,
    /// The organizations whose devices the caller may download: (id, name).
    pub organizations: Vec<(i32, String)>,
}

/// A device in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceDetail {
    pub id: i32,
    pub site_id: i32,
    pub site: String,
    pub organization: String,
    pub device: DeviceInput,
    pub warranty: Warranty,
    pub version: i32,
    /// Unix seconds.
    pub updated_at: i64,
    pub updated_by: String,
    pub can_edit: bool,
    /// Staff who carry out upgrades may propose one for it.
    pub can_plan: bool,
    /// Its configuration backups, newest first.
    pub configs: Vec<ConfigVersion>,
    /// The applications of its site that run on it: "name version".
    pub software: Vec<String>,
    /// Its history, newest first: requests about it and parts fitted to it (at most 50 of each).
    pub history: Vec<DeviceEvent>,
}

/// One line of a device's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceEvent {
    /// Unix seconds.
    pub at: i64,
    pub what: DeviceEventKind,
}

/// What happened to a device (a new kind of history does not compile until the page says it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeviceEventKind {
    /// A request about it was opened.
    Request { number: String, title: String },
    /// A part was fitted to it, in the request named (if any).
    PartReplaced { part: String, old_serial: String, new_serial: String, request: Option<String> },
    /// It was swapped out; `other` took its place.
    SwappedOut { other: i32, new_serial: String, request: Option<String> },
    /// It took the place of `other`.
    SwappedIn { other: i32, old_serial: String, request: Option<String> },
    /// A configuration backup was kept as version `number`.
    Config { id: i32, number: i32, file_name: String, by: String },
    /// It is in upgrade plan `plan`: its result once carried out (the version after it).
    Upgrade { plan: i32, title: String, target: String, result: Option<domain::equipment::upgrade::DeviceResult>, note: String },
}

/// What the add/edit form needs: the sites the device may be at, and the record to edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceFormData {
    /// 0 for a new device.
    pub id: i32,
    pub version: i32,
    pub site_id: i32,
    pub sites: Vec<(i32, String)>,
    pub form: DeviceForm,
}

/// An uploaded device list before (or after) it is saved: what each good row does, with its
/// site's name, and every bad row with its reasons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceImportPreview {
    pub id: i32,
    pub organization: String,
    pub file_name: String,
    pub applied: bool,
    /// What is wrong with the header (nothing can be read then).
    pub header_errors: Vec<domain::FieldError>,
    pub rows: Vec<(domain::equipment::import::PlannedRow, String)>,
    pub bad: Vec<domain::equipment::import::BadRow>,
    pub adds: usize,
    pub changes: usize,
}

/// A site's profile as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteProfileData {
    pub site_id: i32,
    pub site: String,
    pub organization: String,
    /// 0 while no profile was saved.
    pub version: i32,
    pub can_edit: bool,
    pub contacts: Vec<domain::equipment::site_profile::Contact>,
    /// The form's values (the contacts as lines of text).
    pub form: domain::equipment::site_profile::SiteProfileForm,
    /// Every environment field in order, with who verified it and when (in the provider's zone).
    pub environment: Vec<EnvRow>,
    /// Who saved the profile last, and when.
    pub updated: Option<(String, String)>,
    /// The applications running at the site.
    pub software: Vec<SoftwareRow>,
    /// The site's devices (for the software's "runs on"): (id, name).
    pub devices: Vec<(i32, String)>,
}

/// An application at a site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareRow {
    pub id: i32,
    pub form: domain::equipment::software::SoftwareForm,
    /// The devices it runs on: (id, name).
    pub devices: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvRow {
    pub field: domain::equipment::site_profile::EnvField,
    pub value: String,
    pub verified_by: Option<String>,
    pub verified_at: Option<String>,
}

/// A version of a configuration backup (without its text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigVersion {
    pub id: i32,
    pub number: i32,
    pub file_name: String,
    pub size: i32,
    pub masked_lines: i32,
    pub by: String,
    /// In the provider's zone.
    pub at: String,
}

/// Two versions compared line by line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigDiff {
    pub device_id: i32,
    pub device: String,
    /// Every version, newest first (to choose from).
    pub versions: Vec<ConfigVersion>,
    pub from: Option<ConfigVersion>,
    pub to: Option<ConfigVersion>,
    /// Changed lines with a few lines of context around each change.
    pub lines: Vec<(domain::equipment::config_backup::DiffKind, String)>,
    pub added: usize,
    pub removed: usize,
    /// Too long to compare line by line.
    pub too_large: bool,
}
