use chrono::{DateTime, Utc};
use domain::complaint::{ComplaintAction, ComplaintStatus};
use serde::{Deserialize, Serialize};

/// A complaint in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintRow {
    pub id: i32,
    pub number: String,
    pub status: ComplaintStatus,
    /// The request it is about (its number); `None`: the service in general.
    pub request: Option<String>,
    pub organization: String,
    pub complainant: String,
    pub created_at: DateTime<Utc>,
    pub ack_due_at: DateTime<Utc>,
    pub answer_due_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    /// A clock ran out: not acknowledged, or not answered, in time (as of now or when done).
    pub late: bool,
    /// The contract's zone, to show the times in.
    pub tz: String,
}

/// One step of a complaint's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintStep {
    /// `submitted` or a `ComplaintAction` name.
    pub action: String,
    pub who: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// A complaint's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub row: ComplaintRow,
    pub text: String,
    pub request_title: Option<String>,
    pub supervisor: Option<String>,
    /// Staff only: what the investigation found (`None` for the customer).
    pub findings: Option<String>,
    pub changes: Option<String>,
    pub answer: Option<String>,
    pub history: Vec<ComplaintStep>,
    /// What the caller may do now.
    pub actions: Vec<ComplaintAction>,
    pub version: i32,
}

/// The complaint form: the caller's recent requests to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintFormView {
    /// (number, title), newest first.
    pub requests: Vec<(String, String)>,
}
