//! A device record as typed into the form or read from a CSV row, and the one check both go
//! through before anything is saved. Every problem is returned at once, one per field.
use std::net::IpAddr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DeviceCategory, DeviceStatus};
use crate::error_code::{ErrorCode, FieldError};

pub const NAME_MAX: usize = 120;
pub const VENDOR_MAX: usize = 100;
pub const MODEL_MAX: usize = 100;
pub const SERIAL_MAX: usize = 64;
pub const ASSET_MAX: usize = 64;
pub const LOCATION_MAX: usize = 200;
pub const SERVICE_LEVEL_MAX: usize = 100;
pub const VERSION_MAX: usize = 100;
pub const NOTES_MAX: usize = 10_000;
/// The years a purchase or warranty date may be in.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1950..=2199;
/// More addresses than a device has interfaces is a typing mistake.
pub const IPS_MAX: usize = 16;

/// The form's fields, as posted (every field a string, as a form and a CSV row give them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceForm {
    pub category: String,
    pub vendor: String,
    pub model: String,
    pub serial: String,
    pub asset_number: String,
    pub name: String,
    pub location: String,
    /// Separated by commas, semicolons or spaces.
    pub ips: String,
    /// `YYYY-MM-DD` or empty.
    pub purchase_date: String,
    pub warranty_end: String,
    pub service_level: String,
    pub firmware: String,
    pub status: String,
    pub config_notes: String,
}

/// A device record that passed the check: what is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInput {
    pub category: DeviceCategory,
    pub vendor: String,
    pub model: String,
    pub serial: String,
    pub asset_number: String,
    pub name: String,
    pub location: String,
    /// Each address in its canonical form, in the order given, without repeats.
    pub ips: Vec<String>,
    pub purchase_date: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    pub service_level: String,
    pub firmware: String,
    pub status: DeviceStatus,
    pub config_notes: String,
}

fn text(field: &str, raw: &str, max: usize, required: bool, errors: &mut Vec<FieldError>) -> String {
    let v = raw.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, ErrorCode::Required));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, ErrorCode::TooLong { max }));
    }
    v.to_string()
}

fn date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let v = raw.trim();
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        // Equipment bought and covered in the years of computers (and of both databases).
        Ok(d) if DATE_YEARS.contains(&chrono::Datelike::year(&d)) => Some(d),
        _ => {
            errors.push(FieldError::new(field, ErrorCode::InvalidDate));
            None
        }
    }
}

/// The addresses of a device, canonical (`10.0.0.1`, `fe80::1`), without repeats.
pub fn parse_ips(raw: &str) -> Result<Vec<String>, ErrorCode> {
    let mut out: Vec<String> = vec![];
    for piece in raw.split([',', ';', ' ', '\t', '\n', '\r', '，', '；']).filter(|p| !p.is_empty()) {
        let ip: IpAddr = piece.parse().map_err(|_| ErrorCode::InvalidIpAddress)?;
        let ip = ip.to_string();
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    if out.len() > IPS_MAX {
        return Err(ErrorCode::TooMany { max: IPS_MAX });
    }
    Ok(out)
}

impl DeviceForm {
    pub fn check(&self) -> Result<DeviceInput, Vec<FieldError>> {
        let mut errors = vec![];
        let category = DeviceCategory::parse(self.category.trim());
        if category.is_none() {
            errors.push(FieldError::new("category", if self.category.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }));
        }
        // A record without a status is one just added to the archive: in service.
        let status = if self.status.trim().is_empty() { Some(DeviceStatus::InService) } else { DeviceStatus::parse(self.status.trim()) };
        if status.is_none() {
            errors.push(FieldError::new("status", ErrorCode::InvalidChoice));
        }
        let name = text("name", &self.name, NAME_MAX, true, &mut errors);
        let vendor = text("vendor", &self.vendor, VENDOR_MAX, false, &mut errors);
        let model = text("model", &self.model, MODEL_MAX, false, &mut errors);
        let serial = text("serial", &self.serial, SERIAL_MAX, false, &mut errors);
        let asset_number = text("asset_number", &self.asset_number, ASSET_MAX, false, &mut errors);
        let location = text("location", &self.location, LOCATION_MAX, false, &mut errors);
        let service_level = text("service_level", &self.service_level, SERVICE_LEVEL_MAX, false, &mut errors);
        let firmware = text("firmware", &self.firmware, VERSION_MAX, false, &mut errors);
        let config_notes = text("config_notes", &self.config_notes, NOTES_MAX, false, &mut errors);
        let ips = parse_ips(&self.ips).unwrap_or_else(|code| {
            errors.push(FieldError::new("ips", code));
            vec![]
        });
        let purchase_date = date("purchase_date", &self.purchase_date, &mut errors);
        let warranty_end = date("warranty_end", &self.warranty_end, &mut errors);
        if let (Some(bought), Some(end)) = (purchase_date, warranty_end) {
            if end < bought {
                errors.push(FieldError::new("warranty_end", ErrorCode::EndsBeforeStart));
            }
        }
        match (category, status) {
            (Some(category), Some(status)) if errors.is_empty() => Ok(DeviceInput {
                category,
                vendor,
                model,
                serial,
                asset_number,
                name,
                location,
                ips,
                purchase_date,
                warranty_end,
                service_level,
                firmware,
                status,
                config_notes,
            }),
            _ => Err(errors),
        }
    }
}

impl DeviceInput {
    /// The form filled with this record (to edit it, or to write it as a CSV row).
    pub fn to_form(&self) -> DeviceForm {
        DeviceForm {
            category: self.category.as_str().into(),
            vendor: self.vendor.clone(),
            model: self.model.clone(),
            serial: self.serial.clone(),
            asset_number: self.asset_number.clone(),
            name: self.name.clone(),
            location: self.location.clone(),
            ips: self.ips.join(", "),
            purchase_date: self.purchase_date.map(|d| d.to_string()).unwrap_or_default(),
            warranty_end: self.warranty_end.map(|d| d.to_string()).unwrap_or_default(),
            service_level: self.service_level.clone(),
            firmware: self.firmware.clone(),
            status: self.status.as_str().into(),
            config_notes: self.config_notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DeviceForm {
        DeviceForm {
            category: "server".into(),
            vendor: "Huawei".into(),
            model: "RH2288 V3".into(),
            serial: " 2102310YJA10H5000123 ".into(),
            asset_number: "ACME-0042".into(),
            name: "Mail server".into(),
            location: "Rack A3, U12".into(),
            ips: "10.0.0.12, 10.0.0.12; fe80::0:1".into(),
            purchase_date: "2023-05-01".into(),
            warranty_end: "2026-04-30".into(),
            service_level: "7x24, 4 h on site".into(),
            firmware: "iBMC 3.08".into(),
            status: "".into(),
            config_notes: "".into(),
        }
    }

    fn codes(f: &DeviceForm) -> Vec<(String, ErrorCode)> {
        f.check().err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_good_record_is_trimmed_and_canonical() {
        let d = good().check().unwrap();
        assert_eq!(d.serial, "2102310YJA10H5000123");
        assert_eq!(d.ips, vec!["10.0.0.12".to_string(), "fe80::1".to_string()]);
        assert_eq!(d.status, DeviceStatus::InService);
        assert_eq!(d.category, DeviceCategory::Server);
        assert_eq!(d.to_form().check().unwrap(), d, "a saved record reads back as itself");
    }

    #[test]
    fn each_field_says_what_is_wrong() {
        type Case = (fn(&mut DeviceForm), &'static str, ErrorCode);
        let cases: Vec<Case> = vec![
            (|f| f.name = "  ".into(), "name", ErrorCode::Required),
            (|f| f.name = "x".repeat(NAME_MAX + 1), "name", ErrorCode::TooLong { max: NAME_MAX }),
            (|f| f.category = "".into(), "category", ErrorCode::Required),
            (|f| f.category = "printer".into(), "category", ErrorCode::InvalidChoice),
            (|f| f.status = "broken".into(), "status", ErrorCode::InvalidChoice),
            (|f| f.vendor = "v".repeat(VENDOR_MAX + 1), "vendor", ErrorCode::TooLong { max: VENDOR_MAX }),
            (|f| f.model = "m".repeat(MODEL_MAX + 1), "model", ErrorCode::TooLong { max: MODEL_MAX }),
            (|f| f.serial = "s".repeat(SERIAL_MAX + 1), "serial", ErrorCode::TooLong { max: SERIAL_MAX }),
            (|f| f.asset_number = "a".repeat(ASSET_MAX + 1), "asset_number", ErrorCode::TooLong { max: ASSET_MAX }),
            (|f| f.location = "l".repeat(LOCATION_MAX + 1), "location", ErrorCode::TooLong { max: LOCATION_MAX }),
            (|f| f.service_level = "l".repeat(SERVICE_LEVEL_MAX + 1), "service_level", ErrorCode::TooLong { max: SERVICE_LEVEL_MAX }),
            (|f| f.firmware = "v".repeat(VERSION_MAX + 1), "firmware", ErrorCode::TooLong { max: VERSION_MAX }),
            (|f| f.config_notes = "n".repeat(NOTES_MAX + 1), "config_notes", ErrorCode::TooLong { max: NOTES_MAX }),
            (|f| f.ips = "10.0.0.300".into(), "ips", ErrorCode::InvalidIpAddress),
            (|f| f.ips = "server01".into(), "ips", ErrorCode::InvalidIpAddress),
            (|f| f.ips = (1..=17).map(|i| format!("10.0.0.{i}")).collect::<Vec<_>>().join(","), "ips", ErrorCode::TooMany { max: IPS_MAX }),
            (|f| f.purchase_date = "2023-02-30".into(), "purchase_date", ErrorCode::InvalidDate),
            (|f| f.purchase_date = "-5000-01-01".into(), "purchase_date", ErrorCode::InvalidDate),
            (|f| f.warranty_end = "2200-01-01".into(), "warranty_end", ErrorCode::InvalidDate),
            (|f| f.warranty_end = "30/04/2026".into(), "warranty_end", ErrorCode::InvalidDate),
            (|f| f.warranty_end = "2023-04-30".into(), "warranty_end", ErrorCode::EndsBeforeStart),
        ];
        for (change, field, code) in cases {
            let mut f = good();
            change(&mut f);
            assert_eq!(codes(&f), vec![(field.to_string(), code.clone())], "{field}: {code:?}");
        }
    }

    #[test]
    fn every_problem_at_once_and_optional_fields_may_be_empty() {
        let f = DeviceForm { name: "".into(), category: "x".into(), ips: "a".into(), purchase_date: "b".into(), ..Default::default() };
        let fields: Vec<String> = codes(&f).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["category", "name", "ips", "purchase_date"]);
        let minimal = DeviceForm { name: "Core switch".into(), category: "network".into(), ..Default::default() };
        let d = minimal.check().unwrap();
        assert!(d.ips.is_empty() && d.purchase_date.is_none() && d.warranty_end.is_none());
        // Chinese separators as a spreadsheet in Chinese gives them.
        assert_eq!(parse_ips("10.0.0.1，10.0.0.2；10.0.0.3").unwrap().len(), 3);
    }
}
