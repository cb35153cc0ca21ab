//! The vocabulary of devices. The snake_case names are stored and posted by forms and CSV
//! files: renaming a variant must not change them.
use serde::{Deserialize, Serialize};

/// What a device is, as the service plans group equipment (inspections' checklists apply
/// per category).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceCategory {
    Server,
    Storage,
    Network,
    Security,
    Terminal,
    Power,
    Other,
}

impl DeviceCategory {
    pub const ALL: [DeviceCategory; 7] = [
        DeviceCategory::Server,
        DeviceCategory::Storage,
        DeviceCategory::Network,
        DeviceCategory::Security,
        DeviceCategory::Terminal,
        DeviceCategory::Power,
        DeviceCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceCategory::Server => "server",
            DeviceCategory::Storage => "storage",
            DeviceCategory::Network => "network",
            DeviceCategory::Security => "security",
            DeviceCategory::Terminal => "terminal",
            DeviceCategory::Power => "power",
            DeviceCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DeviceCategory> {
        DeviceCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where a device is in its life. A swapped device becomes `Faulty`; its replacement
/// (often a `Spare` until then) goes `InService`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceStatus {
    InService,
    Spare,
    Faulty,
    Retired,
}

impl DeviceStatus {
    pub const ALL: [DeviceStatus; 4] = [DeviceStatus::InService, DeviceStatus::Spare, DeviceStatus::Faulty, DeviceStatus::Retired];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::InService => "in_service",
            DeviceStatus::Spare => "spare",
            DeviceStatus::Faulty => "faulty",
            DeviceStatus::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<DeviceStatus> {
        DeviceStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for c in DeviceCategory::ALL {
            assert_eq!(DeviceCategory::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        for s in DeviceStatus::ALL {
            assert_eq!(DeviceStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(DeviceCategory::parse("Server"), None);
        assert_eq!(DeviceStatus::parse(""), None);
    }
}
