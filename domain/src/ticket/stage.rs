//! The on-site stages of an engineer's visit (DOMAIN.md, "On-site and remote work"): the
//! engineer is dispatched, travels, arrives, and restores the service before fixing the root
//! cause. Each stage recorded is a timestamped fact on the request (the "on site within"
//! commitment is judged from `OnSite`), so the order is enforced here, once, for the server
//! and for the buttons the browser shows.
//!
//! Rules:
//! - stages only go forward: never back, never the same stage twice;
//! - skipping forward is allowed, because people forget to tap "on the way" (dispatched →
//!   on site is fine);
//! - `ServiceRestored` needs `OnSite` already recorded: "service restored on site" says the
//!   engineer was there, and the on-site time is the one the contract measures, so it must
//!   not be skipped. (Restoring service remotely is a remote session, not a stage.)
//! - stages are recorded only while the request is `Assigned` or `InProgress`. Recording the
//!   first stage on an `Assigned` request means the work has started: the server then moves
//!   it to `InProgress` through `lifecycle::transition` with `Action::StartWork` (so the usual
//!   actor checks apply) in the same transaction. A request waiting on the customer must be
//!   resumed first: its clock is paused because the provider is waiting, which contradicts
//!   an engineer travelling or on site.
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error_code::ErrorCode;

use super::status::Status;

/// In visit order; the derived `Ord` is that order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnSiteStage {
    Dispatched,
    OnTheWay,
    OnSite,
    ServiceRestored,
}

impl OnSiteStage {
    pub const ALL: [OnSiteStage; 4] = [OnSiteStage::Dispatched, OnSiteStage::OnTheWay, OnSiteStage::OnSite, OnSiteStage::ServiceRestored];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            OnSiteStage::Dispatched => "dispatched",
            OnSiteStage::OnTheWay => "on_the_way",
            OnSiteStage::OnSite => "on_site",
            OnSiteStage::ServiceRestored => "service_restored",
        }
    }

    pub fn parse(s: &str) -> Option<OnSiteStage> {
        OnSiteStage::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// Why a stage may not be recorded now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum StageError {
    /// That stage is already the current one.
    Repeated { stage: OnSiteStage },
    /// That stage comes before the current one.
    Backwards { current: OnSiteStage, next: OnSiteStage },
    /// `ServiceRestored` before `OnSite` was recorded.
    NotOnSiteYet,
}

impl StageError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            StageError::Repeated { .. } => "repeated",
            StageError::Backwards { .. } => "backwards",
            StageError::NotOnSiteYet => "not_on_site_yet",
        }
    }

    /// As a form error on the `stage` field: the stage picked is not one of the choices
    /// open now.
    pub fn error_code(&self) -> ErrorCode {
        ErrorCode::InvalidChoice
    }
}

impl fmt::Display for StageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StageError::Repeated { stage } => write!(f, "stage {} is already recorded", stage.as_str()),
            StageError::Backwards { current, next } => {
                write!(f, "stage {} comes before the current stage {}", next.as_str(), current.as_str())
            }
            StageError::NotOnSiteYet => f.write_str("service can only be restored on site once the engineer is on site"),
        }
    }
}

impl std::error::Error for StageError {}

/// Whether `next` may be recorded after `current` (`None`: no stage yet). See the module doc.
pub fn next_stage_allowed(current: Option<OnSiteStage>, next: OnSiteStage) -> Result<(), StageError> {
    if let Some(current) = current {
        if next == current {
            return Err(StageError::Repeated { stage: next });
        }
        if next < current {
            return Err(StageError::Backwards { current, next });
        }
    }
    if next == OnSiteStage::ServiceRestored && current < Some(OnSiteStage::OnSite) {
        return Err(StageError::NotOnSiteYet);
    }
    Ok(())
}

/// The stages that may be recorded after `current`, in order (the buttons to show).
pub fn next_stages(current: Option<OnSiteStage>) -> Vec<OnSiteStage> {
    OnSiteStage::ALL.into_iter().filter(|&s| next_stage_allowed(current, s).is_ok()).collect()
}

/// Stages are recorded only on a request being worked: `Assigned` (the first stage starts the
/// work, see the module doc) or `InProgress`.
pub fn stage_allowed_in(status: Status) -> bool {
    matches!(status, Status::Assigned | Status::InProgress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};
    use OnSiteStage::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        let expected = [(Dispatched, "dispatched"), (OnTheWay, "on_the_way"), (OnSite, "on_site"), (ServiceRestored, "service_restored")];
        assert_eq!(expected.map(|(s, _)| s), OnSiteStage::ALL);
        for (stage, name) in expected {
            assert_eq!(stage.as_str(), name);
            assert_eq!(OnSiteStage::parse(name), Some(stage));
            let de: Result<OnSiteStage, DeError> = OnSiteStage::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(stage));
        }
        for bad in ["", "OnSite", "on-site", "arrived", " on_site"] {
            assert_eq!(OnSiteStage::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_current_and_next_pair() {
        use StageError::*;
        let ok = Ok(());
        let late = Err(NotOnSiteYet);
        let rep = |stage| Err(Repeated { stage });
        let back = |current, next| Err(Backwards { current, next });
        #[rustfmt::skip]
        type Row = [Result<(), StageError>; 4];
        let table: [(Option<OnSiteStage>, Row); 5] = [
            //                      Dispatched                  OnTheWay                   OnSite                  ServiceRestored
            (None, [ok, ok, ok, late]),
            (Some(Dispatched), [rep(Dispatched), ok, ok, late]),
            (Some(OnTheWay), [back(OnTheWay, Dispatched), rep(OnTheWay), ok, late]),
            (Some(OnSite), [back(OnSite, Dispatched), back(OnSite, OnTheWay), rep(OnSite), ok]),
            (Some(ServiceRestored), [back(ServiceRestored, Dispatched), back(ServiceRestored, OnTheWay), back(ServiceRestored, OnSite), rep(ServiceRestored)]),
        ];
        for (current, row) in table {
            for (next, want) in OnSiteStage::ALL.into_iter().zip(row) {
                assert_eq!(next_stage_allowed(current, next), want, "{current:?} -> {next:?}");
            }
        }
    }

    #[test]
    fn next_stages_are_the_allowed_ones() {
        let table: [(Option<OnSiteStage>, Vec<OnSiteStage>); 5] = [
            (None, vec![Dispatched, OnTheWay, OnSite]),
            (Some(Dispatched), vec![OnTheWay, OnSite]),
            (Some(OnTheWay), vec![OnSite]),
            (Some(OnSite), vec![ServiceRestored]),
            (Some(ServiceRestored), vec![]),
        ];
        for (current, want) in table {
            assert_eq!(next_stages(current), want, "{current:?}");
        }
    }

    #[test]
    fn stages_only_while_the_request_is_worked() {
        for status in Status::ALL {
            let want = matches!(status, Status::Assigned | Status::InProgress);
            assert_eq!(stage_allowed_in(status), want, "{status:?}");
        }
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        let table = [
            (StageError::Repeated { stage: OnSite }, "repeated", "stage on_site is already recorded"),
            (StageError::Backwards { current: OnSite, next: OnTheWay }, "backwards", "stage on_the_way comes before the current stage on_site"),
            (StageError::NotOnSiteYet, "not_on_site_yet", "service can only be restored on site once the engineer is on site"),
        ];
        for (e, code, text) in table {
            assert_eq!(e.code(), code);
            assert_eq!(e.to_string(), text);
            assert_eq!(e.error_code(), ErrorCode::InvalidChoice);
            assert_eq!(serde_json::to_value(e).unwrap()["code"], code, "serde tag matches code()");
        }
    }
}
