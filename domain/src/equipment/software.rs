//! Application software at a customer site (issue 14): name, version, platform, go-live date
//! and the devices it runs on (checked by the server against the site's devices).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

pub const NAME_MAX: usize = 120;
pub const VERSION_MAX: usize = 100;
pub const PLATFORM_MAX: usize = 100;
/// Devices one application is said to run on.
pub const DEVICES_MAX: usize = 100;

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareForm {
    pub name: String,
    pub version: String,
    pub platform: String,
    /// `YYYY-MM-DD` or empty.
    pub go_live: String,
}

/// What is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareInput {
    pub name: String,
    pub version: String,
    pub platform: String,
    pub go_live: Option<NaiveDate>,
}

impl SoftwareForm {
    /// Every field's problem at once.
    pub fn check(&self) -> Result<SoftwareInput, Vec<FieldError>> {
        let mut errors = vec![];
        let mut text = |field: &str, raw: &str, max: usize, required: bool| {
            let v = raw.trim().to_string();
            if required && v.is_empty() {
                errors.push(FieldError::new(field, ErrorCode::Required));
            } else if v.chars().count() > max {
                errors.push(FieldError::new(field, ErrorCode::TooLong { max }));
            }
            v
        };
        let name = text("name", &self.name, NAME_MAX, true);
        let version = text("version", &self.version, VERSION_MAX, false);
        let platform = text("platform", &self.platform, PLATFORM_MAX, false);
        let go_live = match self.go_live.trim() {
            "" => None,
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) if super::DATE_YEARS.contains(&chrono::Datelike::year(&d)) => Some(d),
                _ => {
                    errors.push(FieldError::new("go_live", ErrorCode::InvalidDate));
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok(SoftwareInput { name, version, platform, go_live })
        } else {
            Err(errors)
        }
    }
}

impl SoftwareInput {
    pub fn to_form(&self) -> SoftwareForm {
        SoftwareForm {
            name: self.name.clone(),
            version: self.version.clone(),
            platform: self.platform.clone(),
            go_live: self.go_live.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// The device ids of a form's checkboxes: positive ids, no repeats, at most `DEVICES_MAX`.
pub fn device_ids(raw: &[String]) -> Result<Vec<i32>, FieldError> {
    let mut ids = vec![];
    for r in raw {
        match r.trim().parse::<i32>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => return Err(FieldError::new("device_ids", ErrorCode::InvalidChoice)),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > DEVICES_MAX {
        return Err(FieldError::new("device_ids", ErrorCode::TooMany { max: DEVICES_MAX }));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_entry_reads_back() {
        let f = SoftwareForm { name: " ERP ".into(), version: "6.0 EHP8".into(), platform: "SUSE 15 / HANA".into(), go_live: "2021-07-01".into() };
        let i = f.check().unwrap();
        assert_eq!(i.name, "ERP");
        assert_eq!(i.go_live, NaiveDate::from_ymd_opt(2021, 7, 1));
        assert_eq!(i.to_form().check().unwrap(), i);
    }

    #[test]
    fn every_problem_at_once() {
        let f = SoftwareForm { name: " ".into(), version: "v".repeat(101), platform: String::new(), go_live: "2021-02-30".into() };
        let codes: Vec<(String, ErrorCode)> = f.check().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            vec![("name".into(), ErrorCode::Required), ("version".into(), ErrorCode::TooLong { max: 100 }), ("go_live".into(), ErrorCode::InvalidDate)]
        );
        assert_eq!(SoftwareForm { name: "a".into(), go_live: "1900-01-01".into(), ..Default::default() }.check().unwrap_err()[0].code, ErrorCode::InvalidDate);
    }

    #[test]
    fn device_checkboxes() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(device_ids(&s(&["3", " 1", "3"])), Ok(vec![1, 3]));
        assert_eq!(device_ids(&[]), Ok(vec![]));
        for bad in ["0", "-1", "x", ""] {
            assert_eq!(device_ids(&s(&[bad])), Err(FieldError::new("device_ids", ErrorCode::InvalidChoice)), "{bad:?}");
        }
        let many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
        assert_eq!(device_ids(&many), Err(FieldError::new("device_ids", ErrorCode::TooMany { max: 100 })));
    }
}
