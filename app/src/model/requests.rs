//! Wire types of service requests and notifications.
use chrono::{DateTime, Utc};
use domain::ticket::{Action, ClockFacts, FaultKind, RequestKind, SlaTerms, Status};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i32,
    pub number: String,
    pub title: String,
    pub status: Status,
    pub severity: u8,
    pub kind: RequestKind,
    pub org_name: String,
    pub site_name: String,
    pub requester_name: String,
    pub created_at: DateTime<Utc>,
    pub resolution_deadline: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub rows: Vec<RequestRow>,
    /// Matches, counted up to a cap; `more` when there are more than that.
    pub total: u64,
    pub more: bool,
    /// The caller's organization's sites, for the site filter (customers and site managers).
    pub sites: Vec<SiteChoice>,
    pub page: u64,
    pub per_page: u64,
}

/// Filters of a request list, as they appear in the page's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFilter {
    /// `mine` or `organization` (site managers); staff always see all.
    pub scope: String,
    pub status: String,
    pub severity: String,
    pub site: String,
    pub q: String,
    /// `newest`, `oldest` or `deadline`.
    pub sort: String,
    pub page: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub actor_is_staff: bool,
    /// `kind` and `body` on the wire, as stored.
    #[serde(flatten)]
    pub line: domain::ticket::Line,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i32,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub id: i32,
    /// The device concerned, with its warranty state and its other requests.
    pub device: Option<RequestDevice>,
    pub number: String,
    pub title: String,
    pub description: String,
    pub kind: RequestKind,
    pub fault_kind: Option<FaultKind>,
    pub severity: u8,
    pub system: String,
    pub contact_phone: String,
    pub status: Status,
    pub org_name: String,
    pub site_name: String,
    pub requester_name: String,
    pub assignee_name: Option<String>,
    pub created_at: DateTime<Utc>,
    /// How often the request was escalated (internal escalations and automatic upgrades):
    /// staff only. Absent for customers, who must not learn of internal escalation; they see
    /// the automatic upgrades as public timeline lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_level: Option<i32>,
    pub pause_reason: Option<String>,
    pub terms: SlaTerms,
    pub facts: ClockFacts,
    pub timeline: Vec<TimelineItem>,
    pub attachments: Vec<AttachmentInfo>,
    /// What the caller may do now (the buttons to show).
    pub actions: Vec<Action>,
    pub can_reply: bool,
    pub is_staff: bool,
    /// Staff: up to three articles the request's words find, that its customer may read, to
    /// link in a reply (`KB-<id>`): (id, title).
    pub articles: Vec<(i32, String)>,
    /// Engineers to assign to (staff only).
    pub engineers: Vec<(i32, String)>,
    pub work: WorkInfo,
}

/// The staff workspace's side of a request: what is visible to the caller, and which staff
/// steps they may take (the forms to show).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkInfo {
    pub stage: Option<domain::ticket::OnSiteStage>,
    pub stage_at: Option<DateTime<Utc>>,
    pub service_restored_at: Option<DateTime<Utc>>,
    pub fault_report: Option<domain::ticket::FaultReport>,
    /// Every remote session (customers see them all: plans and command logs are theirs too).
    pub remote: Vec<super::RemoteSessionInfo>,
    pub remote_actions: Vec<domain::ticket::RemoteAction>,
    /// Staff only; empty for customers.
    pub emergencies: Vec<super::EmergencyPlanInfo>,
    pub can_triage: bool,
    /// Stages, activities, remote work, resolving with a report.
    pub can_work: bool,
    /// May authorise emergency plans (managers and admins).
    pub can_authorise: bool,
    pub next_stages: Vec<domain::ticket::OnSiteStage>,
    /// Parts in stock the caller can fit (only when they work the request).
    pub stock: Vec<super::StockChoice>,
    /// The request names a device (a whole device can be swapped).
    pub has_device: bool,
    /// For the triage form (desk only): the device field's value now (a choice text, or
    /// empty) and the devices at the request's site it offers.
    pub device_value: String,
    pub device_choices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i32,
    /// `kind` and `body` on the wire, as stored.
    #[serde(flatten)]
    pub note: domain::notice::Notification,
    pub request_number: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteChoice {
    pub id: i32,
    pub name: String,
}

/// What the "new request" form needs: the caller's sites and, for site managers, colleagues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewRequestForm {
    pub sites: Vec<SiteChoice>,
    /// The organization's devices, for the device field: (`#id` choice text, site id).
    pub devices: Vec<(String, i32)>,
    pub default_site: Option<i32>,
    pub colleagues: Vec<(i32, String)>,
    pub my_id: i32,
    pub my_phone: String,
    pub tier: domain::sla::Tier,
    /// Staff logging a request on a customer's behalf: `colleagues` are then every
    /// customer-side user and `sites` every customer site, and a channel is asked for.
    pub intake: bool,
    /// This form's knowledge-base suggestion token (`domain::knowledge::article::valid_token`).
    pub kb_token: String,
}

/// The device a request concerns, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDevice {
    pub id: i32,
    pub name: String,
    pub model: String,
    pub serial: String,
    pub warranty: domain::equipment::Warranty,
    /// Its other requests, newest first: (service number, title).
    pub earlier: Vec<(String, String)>,
}
