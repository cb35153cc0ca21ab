//! Wire types of the home pages: one per role family, so a page that forgets a role does not
//! compile. Each list is short (what needs the person now); every card links to the full
//! list behind it.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{EngineerLoad, QueueRow};

/// Where a home page's counts stop ("10000+"): the request lists' cap
/// (`db::repo::requests::COUNT_CAP`, held equal at compile time in `api::home`).
pub const COUNT_CAP: u64 = 10_000;

/// What the home page of the signed-in person shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Home {
    /// A customer (their own requests) or a site manager (the organization's, `month` set).
    Customer(CustomerHome),
    Engineer(EngineerHome),
    Dispatcher(DispatcherHome),
    /// Managers and admins.
    Manager(ManagerHome),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerHome {
    /// Whose requests: the organization's (a site manager) or the person's own.
    pub organization_wide: bool,
    /// What waits for this person's answer or approval.
    pub waiting: Vec<WaitingForYou>,
    /// Open requests, those waiting for the customer first, then the nearest deadline.
    pub open: Vec<QueueRow>,
    pub open_total: u64,
    pub next_training: Option<NextTraining>,
    /// A site manager's month at a glance.
    pub month: Option<MonthGlance>,
}

/// Something only the customer can move on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WaitingForYou {
    /// The engineer asked a question (the clock is paused until the answer).
    Reply { number: String, title: String },
    /// The fix is in; confirm it or say it is not fixed.
    ConfirmFix { number: String, title: String },
    /// A remote session waits for approval.
    RemoteAccess { number: String, title: String },
    /// An upgrade plan waits for the organization's decision (site managers).
    UpgradePlan { id: i32, title: String },
    /// An inspection report waits for sign-off (site managers).
    InspectionReport { id: i32, site: String, date: NaiveDate },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextTraining {
    pub id: i32,
    pub title: String,
    /// Start, in the session's own zone ("2026-12-03 09:30 Asia/Shanghai").
    pub starts: String,
    pub waitlisted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthGlance {
    /// The month's report address.
    pub report_href: String,
    /// Open requests per severity 1, 2, 3.
    pub open_by_severity: [u64; 3],
    /// SLA clocks missed this month (requests opened this month, every clock).
    pub missed: u32,
    pub met: u32,
    /// Average overall score ×100 and how many answered, this month.
    pub satisfaction_centi: Option<u32>,
    pub answered: u32,
    pub next_inspection: Option<InspectionBrief>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionBrief {
    pub id: i32,
    pub site: String,
    pub organization: String,
    pub date: NaiveDate,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngineerHome {
    /// The engineer's open requests, nearest deadline first.
    pub work: Vec<QueueRow>,
    /// Of those, how many are past their deadline.
    pub overdue: u64,
    /// Inspections assigned to the engineer up to today (late ones first).
    pub inspections: Vec<InspectionBrief>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispatcherHome {
    /// New and unassigned requests, nearest deadline first.
    pub unassigned: Vec<QueueRow>,
    /// Running clocks that run out within the next hour (or already have).
    pub due_soon: Vec<QueueRow>,
    pub engineers: Vec<EngineerLoad>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagerHome {
    /// This week's report address.
    pub week_href: String,
    /// SLA clocks missed this week, per tier (requests opened this week).
    pub missed_by_tier: Vec<(String, u32)>,
    /// Emergency plans waiting for authorisation.
    pub plans: Vec<PlanWaiting>,
    /// Open escalated requests.
    pub escalated: Vec<QueueRow>,
    pub complaints_open: u64,
    /// Satisfaction this month and the months before it: (month "2026-12", average ×100, answered).
    pub satisfaction: Vec<(String, Option<u32>, u32)>,
    /// Weekly accounts not written yet for the week that has just ended: (organization id, name, report address).
    pub reports_due: Vec<(i32, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanWaiting {
    pub number: String,
    pub title: String,
    pub kind: domain::ticket::emergency::EmergencyKind,
    pub requested_at: DateTime<Utc>,
}
