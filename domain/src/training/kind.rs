//! The vocabulary of training sessions: what a session teaches, how it is delivered, whether
//! it still takes place, and which customer organizations may book it. Every enum has a
//! stable snake_case name (the same as its serde name) because the names are stored in the
//! database and posted by forms: renaming a variant must not change them.
use serde::{Deserialize, Serialize};

/// What a session teaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// Using the products.
    Product,
    /// Installing, configuring and maintaining them.
    Technical,
    /// After-sales: recognising and handling the common problems before calling for help.
    AfterSales,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 3] = [TrainingKind::Product, TrainingKind::Technical, TrainingKind::AfterSales];

    pub fn as_str(self) -> &'static str {
        match self {
            TrainingKind::Product => "product",
            TrainingKind::Technical => "technical",
            TrainingKind::AfterSales => "after_sales",
        }
    }

    pub fn parse(s: &str) -> Option<TrainingKind> {
        TrainingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The choice of the form's delivery select, without its detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    OnSite,
    Online,
}

impl DeliveryMode {
    pub const ALL: [DeliveryMode; 2] = [DeliveryMode::OnSite, DeliveryMode::Online];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::OnSite => "on_site",
            DeliveryMode::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryMode> {
        DeliveryMode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Where attendees go. A session is in one place or online, never both: the detail lives in
/// the variant so a session cannot carry a stale link after it moved on site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Delivery {
    /// A room or address, as typed by staff.
    OnSite { place: String },
    /// An http(s) meeting link (checked by the form).
    Online { link: String },
}

impl Delivery {
    pub fn mode(&self) -> DeliveryMode {
        match self {
            Delivery::OnSite { .. } => DeliveryMode::OnSite,
            Delivery::Online { .. } => DeliveryMode::Online,
        }
    }
}

/// A session is scheduled until staff cancel it. Whether it is upcoming, running or over
/// follows from its times and `now`, so it is never stored (and never goes stale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Scheduled,
    Cancelled,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 2] = [SessionStatus::Scheduled, SessionStatus::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStatus> {
        SessionStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// Which customer organizations may see and book a session. `Only` holds organization ids
/// sorted and without duplicates (the form builds it so), never empty: a session nobody may
/// book is a mistake the form refuses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", content = "org_ids", rename_all = "snake_case")]
pub enum Invited {
    All,
    Only(Vec<i32>),
}

impl Invited {
    /// `Only` of `ids`, sorted and deduplicated.
    pub fn only(ids: impl IntoIterator<Item = i32>) -> Invited {
        let mut ids: Vec<i32> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Invited::Only(ids)
    }

    pub fn includes(&self, org_id: i32) -> bool {
        match self {
            Invited::All => true,
            Invited::Only(ids) => ids.contains(&org_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};

    fn serde_name<T: Serialize>(v: T) -> String {
        serde_json::to_value(v).unwrap().as_str().unwrap().to_string()
    }

    #[test]
    fn kind_names_are_stable_and_match_serde() {
        let cases = [(TrainingKind::Product, "product"), (TrainingKind::Technical, "technical"), (TrainingKind::AfterSales, "after_sales")];
        assert_eq!(cases.len(), TrainingKind::ALL.len());
        for (kind, name) in cases {
            assert_eq!(kind.as_str(), name);
            assert_eq!(TrainingKind::parse(name), Some(kind));
            assert_eq!(serde_name(kind), name);
            let de: Result<TrainingKind, DeError> = TrainingKind::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(kind));
        }
        for bad in ["", "Product", "after-sales", "aftersales", " product"] {
            assert_eq!(TrainingKind::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn delivery_mode_and_status_names() {
        for (mode, name) in [(DeliveryMode::OnSite, "on_site"), (DeliveryMode::Online, "online")] {
            assert_eq!(mode.as_str(), name);
            assert_eq!(DeliveryMode::parse(name), Some(mode));
            assert_eq!(serde_name(mode), name);
        }
        for (status, name) in [(SessionStatus::Scheduled, "scheduled"), (SessionStatus::Cancelled, "cancelled")] {
            assert_eq!(status.as_str(), name);
            assert_eq!(SessionStatus::parse(name), Some(status));
            assert_eq!(serde_name(status), name);
        }
        for bad in ["", "onsite", "ONLINE", "canceled"] {
            assert_eq!(DeliveryMode::parse(bad), None, "{bad:?}");
            assert_eq!(SessionStatus::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn delivery_carries_its_detail_and_its_mode_in_json() {
        let cases = [
            (Delivery::OnSite { place: "Room 3".into() }, DeliveryMode::OnSite, r#"{"mode":"on_site","place":"Room 3"}"#),
            (Delivery::Online { link: "https://meet.example.com/x".into() }, DeliveryMode::Online, r#"{"mode":"online","link":"https://meet.example.com/x"}"#),
        ];
        for (delivery, mode, json) in cases {
            assert_eq!(delivery.mode(), mode);
            assert_eq!(serde_json::to_string(&delivery).unwrap(), json);
            assert_eq!(serde_json::from_str::<Delivery>(json).unwrap(), delivery);
        }
    }

    #[test]
    fn invitations() {
        let some = Invited::only([7, 3, 7, 5]);
        assert_eq!(some, Invited::Only(vec![3, 5, 7]));
        let cases = [(&Invited::All, 1, true), (&Invited::All, 99, true), (&some, 3, true), (&some, 7, true), (&some, 4, false)];
        for (invited, org, want) in cases {
            assert_eq!(invited.includes(org), want, "{invited:?} {org}");
        }
        for (invited, json) in [(Invited::All, r#"{"to":"all"}"#), (some, r#"{"to":"only","org_ids":[3,5,7]}"#)] {
            assert_eq!(serde_json::to_string(&invited).unwrap(), json);
            assert_eq!(serde_json::from_str::<Invited>(json).unwrap(), invited);
        }
    }
}
