//! A CSV device list, checked row by row before anything is saved: which rows add a device,
//! which change one (matched by serial number within the organization), which change
//! nothing, and every bad row with its reasons. The file's reading (quotes, encodings) is the
//! server's; this is the plan from its header and records.
use serde::{Deserialize, Serialize};

use super::{DeviceForm, DeviceInput};
use crate::error_code::{ErrorCode, FieldError};

/// The columns, in the order an export writes them. A header may name them in English
/// (these names) or in Chinese ([`COLUMNS_ZH`]), in any order; unknown columns are ignored.
pub const COLUMNS: [&str; 15] = [
    "site",
    "category",
    "vendor",
    "model",
    "serial",
    "asset_number",
    "name",
    "location",
    "ips",
    "purchase_date",
    "warranty_end",
    "service_level",
    "firmware",
    "status",
    "config_notes",
];

/// The same columns as a spreadsheet kept in Chinese heads them.
pub const COLUMNS_ZH: [&str; 15] =
    ["站点", "类别", "厂商", "型号", "序列号", "资产编号", "名称", "位置", "IP地址", "购买日期", "保修截止", "服务级别", "固件版本", "状态", "配置说明"];

/// At most this many rows in one file (a site's list, not a data warehouse).
pub const MAX_ROWS: usize = 20_000;

/// What one good row does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowAction {
    Add,
    /// The device with this id changes these fields (column names).
    Change {
        id: i32,
        fields: Vec<String>,
    },
    Unchanged {
        id: i32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRow {
    /// 1-based, counting the header as line 1 (what a spreadsheet shows).
    pub line: usize,
    pub site_id: i32,
    pub device: DeviceInput,
    pub action: RowAction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    pub line: usize,
    pub errors: Vec<FieldError>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    pub rows: Vec<PlannedRow>,
    pub bad: Vec<BadRow>,
}

impl ImportPlan {
    pub fn adds(&self) -> usize {
        self.rows.iter().filter(|r| r.action == RowAction::Add).count()
    }

    pub fn changes(&self) -> usize {
        self.rows.iter().filter(|r| matches!(r.action, RowAction::Change { .. })).count()
    }
}

/// A device already in the archive, as the plan compares rows with it.
pub struct Existing<'a> {
    pub id: i32,
    pub site_id: i32,
    pub device: &'a DeviceInput,
}

/// Which column each field is in, from the header; `Err` names what is wrong with it.
pub fn columns(header: &[String]) -> Result<[Option<usize>; 15], Vec<FieldError>> {
    let mut at = [None; 15];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        if let Some(k) = COLUMNS.iter().position(|c| *c == h).or_else(|| COLUMNS_ZH.iter().position(|c| c.to_lowercase() == h)) {
            if at[k].is_some() {
                return Err(vec![FieldError::new(COLUMNS[k], ErrorCode::TooMany { max: 1 })]);
            }
            at[k] = Some(i);
        }
    }
    let missing: Vec<FieldError> = [0, 1, 6].iter().filter(|k| at[**k].is_none()).map(|k| FieldError::new(COLUMNS[*k], ErrorCode::Required)).collect();
    if missing.is_empty() {
        Ok(at)
    } else {
        Err(missing)
    }
}

/// The plan for `records` (the rows after the header). `sites` are the sites the importer may
/// put devices at, by name (matched without regard to case or surrounding spaces);
/// `existing` the organization's devices that have a serial number.
pub fn plan(at: &[Option<usize>; 15], records: &[Vec<String>], sites: &[(i32, String)], existing: &[Existing<'_>]) -> ImportPlan {
    let mut out = ImportPlan::default();
    // By serial number: a 10,000-row file against an archive of 100,000 devices is looked up,
    // not compared pair by pair.
    let by_serial: std::collections::HashMap<&str, &Existing<'_>> =
        existing.iter().filter(|e| !e.device.serial.is_empty()).map(|e| (e.device.serial.as_str(), e)).collect();
    let mut serials_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, rec) in records.iter().enumerate() {
        let line = i + 2;
        let cell = |k: usize| at[k].and_then(|c| rec.get(c)).map(|s| unguard(s.trim()).to_string()).unwrap_or_default();
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let form = DeviceForm {
            category: cell(1).to_lowercase(),
            vendor: cell(2),
            model: cell(3),
            serial: cell(4),
            asset_number: cell(5),
            name: cell(6),
            location: cell(7),
            ips: cell(8),
            purchase_date: cell(9),
            warranty_end: cell(10),
            service_level: cell(11),
            firmware: cell(12),
            status: cell(13).to_lowercase(),
            config_notes: cell(14),
        };
        let site_name = cell(0);
        let site = sites.iter().find(|(_, n)| n.trim().eq_ignore_ascii_case(&site_name)).map(|(id, _)| *id);
        let checked = form.check();
        let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
        if site.is_none() {
            errors.insert(0, FieldError::new("site", if site_name.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }));
        }
        if !form.serial.is_empty() && !serials_seen.insert(form.serial.clone()) {
            errors.push(FieldError::new("serial", ErrorCode::SerialTaken));
        }
        let (Some(site_id), Ok(device), true) = (site, checked, errors.is_empty()) else {
            out.bad.push(BadRow { line, errors });
            continue;
        };
        let action = match by_serial.get(device.serial.as_str()).filter(|_| !device.serial.is_empty()) {
            None => RowAction::Add,
            Some(e) => {
                let fields = changed_fields(e, site_id, &device);
                if fields.is_empty() {
                    RowAction::Unchanged { id: e.id }
                } else {
                    RowAction::Change { id: e.id, fields }
                }
            }
        };
        out.rows.push(PlannedRow { line, site_id, device, action });
    }
    out
}

/// A cell as typed before an export guarded it against formula injection (`'=x` → `=x`;
/// see `crate::survey::results::csv::csv_field`), so an exported file imports as itself.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// The columns whose value differs between a stored device and a row.
fn changed_fields(e: &Existing<'_>, site_id: i32, d: &DeviceInput) -> Vec<String> {
    let (a, b) = (e.device.to_form(), d.to_form());
    let pairs = [
        (e.site_id.to_string(), site_id.to_string()),
        (a.category, b.category),
        (a.vendor, b.vendor),
        (a.model, b.model),
        (a.serial, b.serial),
        (a.asset_number, b.asset_number),
        (a.name, b.name),
        (a.location, b.location),
        (a.ips, b.ips),
        (a.purchase_date, b.purchase_date),
        (a.warranty_end, b.warranty_end),
        (a.service_level, b.service_level),
        (a.firmware, b.firmware),
        (a.status, b.status),
        (a.config_notes, b.config_notes),
    ];
    pairs.iter().zip(COLUMNS).filter(|((x, y), _)| x != y).map(|(_, c)| c.to_string()).collect()
}

/// A device as a row of the export, in [`COLUMNS`] order.
pub fn export_row(site: &str, d: &DeviceInput) -> [String; 15] {
    let f = d.to_form();
    [
        site.to_string(),
        f.category,
        f.vendor,
        f.model,
        f.serial,
        f.asset_number,
        f.name,
        f.location,
        f.ips,
        f.purchase_date,
        f.warranty_end,
        f.service_level,
        f.firmware,
        f.status,
        f.config_notes,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn sites() -> Vec<(i32, String)> {
        vec![(1, "Shanghai plant".into()), (2, "Suzhou warehouse".into())]
    }

    #[test]
    fn a_header_in_either_language_in_any_order() {
        let at = columns(&strings(&["\u{feff}Name", "site", "CATEGORY", "remarks"])).unwrap();
        assert_eq!((at[6], at[0], at[1], at[4]), (Some(0), Some(1), Some(2), None));
        let zh = columns(&strings(&["站点", "类别", "名称", "序列号", "IP地址"])).unwrap();
        assert_eq!((zh[4], zh[8]), (Some(3), Some(4)));
        let missing = columns(&strings(&["site", "serial"])).unwrap_err();
        assert_eq!(missing.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["category", "name"]);
        assert_eq!(columns(&strings(&["site", "name", "category", "名称"])).unwrap_err()[0].field, "name");
    }

    #[test]
    fn adds_changes_unchanged_and_every_bad_row_with_its_reasons() {
        let at = columns(&strings(&COLUMNS)).unwrap();
        let row = |site: &str, cat: &str, serial: &str, name: &str, ips: &str| {
            let mut r = vec![String::new(); 15];
            r[0] = site.into();
            r[1] = cat.into();
            r[4] = serial.into();
            r[6] = name.into();
            r[8] = ips.into();
            r
        };
        let stored = DeviceForm { category: "server".into(), serial: "SN-1".into(), name: "Mail".into(), ..Default::default() }.check().unwrap();
        let same = DeviceForm { category: "network".into(), serial: "SN-2".into(), name: "Switch".into(), ..Default::default() }.check().unwrap();
        let existing = [Existing { id: 10, site_id: 1, device: &stored }, Existing { id: 11, site_id: 2, device: &same }];
        let records = vec![
            row("Shanghai plant", "server", "SN-1", "Mail server", ""),
            row("suzhou warehouse ", "Network", "SN-2", "Switch", ""),
            row("Shanghai plant", "storage", "", "Array", "10.0.0.5"),
            row("", "", "", "", ""),
            row("Beijing", "printer", "SN-3", "", "x"),
            row("Shanghai plant", "server", "SN-4", "New 1", ""),
            row("Shanghai plant", "server", "SN-4", "New 2", ""),
        ];
        let p = plan(&at, &records, &sites(), &existing);
        let actions: Vec<(usize, RowAction)> = p.rows.iter().map(|r| (r.line, r.action.clone())).collect();
        assert_eq!(
            actions,
            vec![
                (2, RowAction::Change { id: 10, fields: vec!["name".into()] }),
                (3, RowAction::Unchanged { id: 11 }),
                (4, RowAction::Add),
                (7, RowAction::Add),
            ]
        );
        assert_eq!((p.adds(), p.changes()), (2, 1));
        let bad: Vec<(usize, Vec<(String, ErrorCode)>)> =
            p.bad.iter().map(|b| (b.line, b.errors.iter().map(|e| (e.field.clone(), e.code.clone())).collect())).collect();
        assert_eq!(
            bad,
            vec![
                (
                    6,
                    vec![
                        ("site".into(), ErrorCode::InvalidChoice),
                        ("category".into(), ErrorCode::InvalidChoice),
                        ("name".into(), ErrorCode::Required),
                        ("ips".into(), ErrorCode::InvalidIpAddress)
                    ]
                ),
                (8, vec![("serial".into(), ErrorCode::SerialTaken)]),
            ]
        );
    }

    #[test]
    fn an_export_row_imports_as_unchanged() {
        let d = DeviceForm {
            category: "power".into(),
            serial: "-UPS-9".into(),
            name: "=UPS".into(),
            ips: "10.0.0.9".into(),
            warranty_end: "2027-01-01".into(),
            ..Default::default()
        }
        .check()
        .unwrap();
        let at = columns(&strings(&COLUMNS)).unwrap();
        // As the export writes it: guarded against formula injection.
        let rec: Vec<String> =
            export_row("Suzhou warehouse", &d).iter().map(|c| crate::survey::results::csv::csv_field(c).trim_matches('"').to_string()).collect();
        assert_eq!(rec[6], "'=UPS");
        let p = plan(&at, &[rec], &sites(), &[Existing { id: 5, site_id: 2, device: &d }]);
        assert_eq!(p.rows[0].action, RowAction::Unchanged { id: 5 });
        assert!(p.bad.is_empty());
    }
}
