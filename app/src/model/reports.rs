use chrono::{DateTime, Utc};
use domain::report::{Figures, Period};
use serde::{Deserialize, Serialize};

/// Which report, as the page's query string says it (`org`, `period`, `day`; each may be
/// empty: the provider's or one's own, a month, today); checked and limited to what the
/// caller may read by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub org: String,
    pub period: String,
    pub day: String,
}

/// The provider's narrative on a weekly report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeView {
    pub done: String,
    pub not_done: String,
    pub plan: String,
    pub author: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// What a save must say it read (0: none yet), so two managers never overwrite each other.
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The organization's id, `None` for the provider-wide report.
    pub org: Option<i32>,
    /// Whose report: the organization's name, or the provider's.
    pub name: String,
    pub period: Period,
    /// The contract's zone the period is counted in.
    pub tz: String,
    /// Over: the figures are frozen as they were at its end.
    pub closed: bool,
    pub computed_at: DateTime<Utc>,
    /// A manager recomputed the frozen figures: who and when.
    pub recomputed: Option<(String, DateTime<Utc>)>,
    pub figures: Figures,
    /// Weekly reports only.
    pub narrative: Option<NarrativeView>,
    pub may_write_narrative: bool,
    pub may_recompute: bool,
    /// Whose reports the caller may switch to (managers: every customer organization).
    pub organizations: Vec<(i32, String)>,
    /// The next period, while it has begun.
    pub has_next: bool,
    /// Staff may open the complaints and breaches listed (site managers the requests).
    pub complaint_links: bool,
}

/// The requests behind one figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRequests {
    pub org: Option<i32>,
    pub name: String,
    pub period: Period,
    /// The figure, as in the link (`severity:1`).
    pub figure: String,
    pub tz: String,
    pub rows: Vec<ReportRequestRow>,
    /// How many there are (the list shows the first few hundred).
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRequestRow {
    pub number: String,
    pub title: String,
    pub status: String,
    pub severity: u8,
    pub tier: String,
    pub created_at: DateTime<Utc>,
}

/// One person who may receive reports, and which kinds they do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    /// Their organization (the provider's name for managers).
    pub organization: String,
    pub role: domain::Role,
    /// Per `PeriodKind::ALL`: receives it by mail.
    pub receives: Vec<bool>,
}
