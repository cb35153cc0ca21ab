//! What a request asks for, as classified at submission and confirmed at triage
//! (DOMAIN.md, "Classification at triage").
use serde::{Deserialize, Serialize};

/// Consultation (answered on the spot, closes quickly) or fault (analysed, fixed, confirmed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    Consultation,
    Fault,
}

impl RequestKind {
    pub const ALL: [RequestKind; 2] = [RequestKind::Consultation, RequestKind::Fault];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Consultation => "consultation",
            RequestKind::Fault => "fault",
        }
    }

    pub fn parse(s: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Decides how a fault is worked: hardware means an engineer on site with spare parts,
/// software means remote if possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    Hardware,
    Software,
}

impl FaultKind {
    pub const ALL: [FaultKind; 2] = [FaultKind::Hardware, FaultKind::Software];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Hardware => "hardware",
            FaultKind::Software => "software",
        }
    }

    pub fn parse(s: &str) -> Option<FaultKind> {
        FaultKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};

    #[test]
    fn request_kind_names() {
        for (kind, name) in [(RequestKind::Consultation, "consultation"), (RequestKind::Fault, "fault")] {
            assert_eq!(kind.as_str(), name);
            assert_eq!(RequestKind::parse(name), Some(kind));
            let de: Result<RequestKind, DeError> = RequestKind::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(kind));
        }
        for bad in ["", "Fault", "defect", "on_site"] {
            assert_eq!(RequestKind::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn fault_kind_names() {
        for (kind, name) in [(FaultKind::Hardware, "hardware"), (FaultKind::Software, "software")] {
            assert_eq!(kind.as_str(), name);
            assert_eq!(FaultKind::parse(name), Some(kind));
            let de: Result<FaultKind, DeError> = FaultKind::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(kind));
        }
        for bad in ["", "HARDWARE", "network"] {
            assert_eq!(FaultKind::parse(bad), None, "{bad:?}");
        }
    }
}
