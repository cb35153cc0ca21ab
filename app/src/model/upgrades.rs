//! Wire types of upgrade plans: the list, one plan with its devices and history, and the form.
use domain::equipment::upgrade::{DeviceResult, PlanAction, PlanEvent, PlanForm, PlanStatus};
use serde::{Deserialize, Serialize};

/// A plan in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub id: i32,
    pub title: String,
    pub organization: String,
    pub status: PlanStatus,
    pub target_version: String,
    /// The window in the plan's zone, as "YYYY-MM-DD HH:MM".
    pub window: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanList {
    pub rows: Vec<PlanRow>,
    /// Staff who carry out plans may propose one.
    pub can_propose: bool,
}

/// A device in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDevice {
    pub device_id: i32,
    pub name: String,
    pub serial: String,
    /// Its version when the plan was made, and now.
    pub from_version: String,
    pub current_version: String,
    pub result: Option<DeviceResult>,
    pub note: String,
    pub result_by: Option<String>,
    /// In the plan's zone.
    pub result_at: Option<String>,
}

/// A line of the plan's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanHistoryLine {
    /// In the plan's zone.
    pub at: String,
    pub who: String,
    pub revision: i32,
    pub event: PlanEvent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDetail {
    pub id: i32,
    pub organization: String,
    pub title: String,
    pub target_version: String,
    pub steps: String,
    pub rollback: String,
    pub impact: String,
    /// In the plan's zone (`tz`).
    pub window_start: String,
    pub window_end: String,
    pub tz: String,
    pub status: PlanStatus,
    pub revision: i32,
    pub approved_revision: Option<i32>,
    pub proposed_by: String,
    pub decision_note: String,
    pub devices: Vec<PlanDevice>,
    pub history: Vec<PlanHistoryLine>,
    /// What the caller may do now (the forms shown).
    pub actions: Vec<PlanAction>,
}

/// The propose/edit form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFormData {
    /// 0 for a new plan.
    pub id: i32,
    pub version: i32,
    pub organization: String,
    pub tz: String,
    /// The organization's devices: (id, "name · model · serial · version", chosen).
    pub devices: Vec<(i32, String, bool)>,
    pub form: PlanForm,
}
