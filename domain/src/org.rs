//! Organizations: the one provider and its customers.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Provider,
    Customer,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Provider => "provider",
            OrgKind::Customer => "customer",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        match s {
            "provider" => Some(OrgKind::Provider),
            "customer" => Some(OrgKind::Customer),
            _ => None,
        }
    }
}
