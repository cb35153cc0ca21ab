//! Wire types of inspections: the calendar, one inspection with its checklist and report, a
//! contract's plan form and the checklist templates.
use domain::inspection::{
    status::{InspectionAction, InspectionEvent},
    Answer, InspectionKind, InspectionStatus, Item, PlanSettings,
};
use serde::{Deserialize, Serialize};

/// An inspection in the calendar and its list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionRow {
    pub id: i32,
    /// "YYYY-MM-DD".
    pub date: String,
    pub organization: String,
    pub site: String,
    pub kind: InspectionKind,
    pub status: InspectionStatus,
    pub engineer: Option<String>,
    /// Staff only: not announced yet and its last day to announce has passed or is today.
    pub announce_late: bool,
    /// The report deadline while the report clock runs (the contract's zone, "YYYY-MM-DD HH:MM").
    pub report_due: Option<String>,
    pub report_overdue: bool,
}

/// A day of the month grid with the inspections on it (ids into `rows`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: String,
    pub day: u32,
    pub in_month: bool,
    pub today: bool,
    pub inspections: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionCalendar {
    /// "YYYY-MM".
    pub month: String,
    pub previous: String,
    pub next: String,
    pub weeks: Vec<Vec<CalendarDay>>,
    pub rows: Vec<InspectionRow>,
    /// Staff: the contracts with a plan link (managers edit them).
    pub plans: Vec<PlanLink>,
    pub staff: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLink {
    pub contract_id: i32,
    pub organization: String,
    pub has_plan: bool,
}

/// One checklist item as the engineer answers it for one device (or the site).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    pub item: Item,
    /// The form field's name: `a:<device id or 0>:<item key>`.
    pub field: String,
    pub answer: Option<Answer>,
    pub note: String,
    pub finding: bool,
    pub answer_id: Option<i32>,
    /// The request opened from this finding.
    pub request: Option<String>,
    /// Photos of this item (ids for `/inspections/photos/:id`).
    pub photos: Vec<i32>,
}

/// A device (or the whole site: `device_id` 0) with its part of the checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistGroup {
    pub device_id: i32,
    /// The device's name and serial, or empty for the site.
    pub title: String,
    pub category: Option<domain::equipment::DeviceCategory>,
    pub entries: Vec<ChecklistEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionHistoryLine {
    pub at: String,
    /// Empty for the system.
    pub who: String,
    pub event: InspectionEvent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineerChoice {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionDetail {
    pub id: i32,
    pub version: i32,
    pub organization: String,
    pub site_id: i32,
    pub site: String,
    pub site_address: String,
    pub kind: InspectionKind,
    pub status: InspectionStatus,
    pub date: String,
    pub planned_date: String,
    pub announce_by: String,
    pub announced_late: bool,
    pub proposed_date: Option<String>,
    pub engineer: Option<String>,
    pub engineer_phone: Option<String>,
    pub template: String,
    pub template_revision: i32,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// The report deadline (contract zone) and, while the clock runs, its instant for the
    /// ticking countdown (Unix seconds).
    pub report_due: Option<String>,
    pub report_due_ts: Option<i64>,
    pub reported_at: Option<String>,
    pub signed_off_at: Option<String>,
    pub summary: String,
    pub groups: Vec<ChecklistGroup>,
    pub findings: u32,
    pub answered: u32,
    pub total: u32,
    pub history: Vec<InspectionHistoryLine>,
    /// What the caller may do now.
    pub actions: Vec<InspectionAction>,
    /// Dispatchers choosing an engineer.
    pub engineers: Vec<EngineerChoice>,
    pub staff: bool,
    /// The caller fills in the checklist now.
    pub answering: bool,
    pub tz: String,
}

/// A contract's plan form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionPlanForm {
    pub contract_id: i32,
    pub organization: String,
    pub contract_period: String,
    /// 0 when there is no plan yet.
    pub version: i32,
    pub settings: PlanSettings,
    pub template_id: i32,
    pub templates: Vec<(i32, String)>,
    pub sites: Vec<(i32, String)>,
    pub effective_from: Option<String>,
    pub can_edit: bool,
    /// Inspections of this plan in the current and next year, by status (for the summary).
    pub counts: Vec<(InspectionStatus, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistSummary {
    pub id: i32,
    pub name: String,
    pub revision: i32,
    pub items: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistPage {
    pub templates: Vec<ChecklistSummary>,
    /// The template being edited: (id or None for a new one, name, text).
    pub editing: Option<(Option<i32>, String, String)>,
    pub can_edit: bool,
}

/// An assurance period in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssuranceRow {
    pub id: i32,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub published: bool,
    pub organizations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssuranceList {
    pub rows: Vec<AssuranceRow>,
    /// Managers declare periods: the customer organizations to choose from.
    pub can_edit: bool,
    pub organizations: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyShiftRow {
    pub id: i32,
    pub day: String,
    pub shift: String,
    pub engineer: String,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssuranceDetail {
    pub id: i32,
    pub version: i32,
    pub form: domain::inspection::assurance::PeriodForm,
    pub published: bool,
    pub org_ids: Vec<i32>,
    pub organizations: Vec<(i32, String)>,
    pub shifts: Vec<DutyShiftRow>,
    /// Days with nobody on duty ("YYYY-MM-DD").
    pub gaps: Vec<String>,
    pub can_edit: bool,
    pub engineers: Vec<EngineerChoice>,
}

/// An assurance period running today with who is on duty today (home page and triage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyToday {
    pub period_id: i32,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub shifts: Vec<DutyShiftRow>,
}
