//! Wire types of the staff workspace: queues, engineers' load, on-site work, remote
//! sessions, emergency plans and the audit log.
use chrono::{DateTime, Utc};
use domain::ticket::{FaultKind, RequestKind, Status};
use serde::{Deserialize, Serialize};

/// A request in a staff queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub number: String,
    pub title: String,
    pub status: Status,
    pub severity: u8,
    pub kind: RequestKind,
    pub fault_kind: Option<FaultKind>,
    pub org_name: String,
    pub site_name: String,
    pub assignee_name: Option<String>,
    /// The deadline that matters next and which clock it belongs to
    /// (`response`, `on_site` or `resolution`).
    pub next_deadline: Option<DateTime<Utc>>,
    pub next_clock: String,
    /// The engineer's latest on-site stage.
    pub stage: Option<String>,
    pub paused: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineerLoad {
    pub id: i32,
    pub name: String,
    pub open: i64,
}

/// Filters of the triage queue, as in the page's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub org: String,
    pub site: String,
    pub severity: String,
    pub kind: String,
    pub status: String,
    /// `all` shows assigned requests too; anything else only unassigned ones.
    pub show: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageQueue {
    pub rows: Vec<QueueRow>,
    pub engineers: Vec<EngineerLoad>,
    pub organizations: Vec<(i32, String)>,
    pub sites: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoteSessionInfo {
    pub id: i32,
    pub status: domain::ticket::RemoteStatus,
    pub plan: String,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub command_log: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmergencyPlanInfo {
    pub id: i32,
    pub kind: domain::ticket::EmergencyKind,
    pub status: domain::ticket::EmergencyStatus,
    pub reason: String,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_role: String,
    pub action: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Pass as `before` for the next (older) page; none when this is the last.
    pub next_before: Option<i64>,
    pub staff: Vec<(i32, String)>,
}
