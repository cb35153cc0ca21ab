//! What a report holds. The server fills it from GROUP BY queries; a closed period's is
//! stored as JSON as it was when the period ended, so the type is also the snapshot format:
//! fields added later take `#[serde(default)]` so older snapshots still read.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::survey::Summary;

/// One group of a breakdown (a kind, a severity, a site, a channel, a device category).
/// `key` is what the drill-down filters on; `label` is the name to show where `key` is not
/// a word the page translates itself (a site's name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub key: String,
    #[serde(default)]
    pub label: String,
    pub count: u32,
}

/// The three SLA clocks of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    FirstResponse,
    OnSite,
    Resolution,
}

impl Clock {
    pub const ALL: [Clock; 3] = [Clock::FirstResponse, Clock::OnSite, Clock::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Clock::FirstResponse => "first_response",
            Clock::OnSite => "on_site",
            Clock::Resolution => "resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Clock> {
        Clock::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One clock of one tier over the requests opened in the period: met (stopped in time),
/// missed (stopped late, or still running past its deadline when the figures were taken);
/// the rest were still running within their time (or paused).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaResult {
    pub tier: String,
    pub clock: Clock,
    pub met: u32,
    pub missed: u32,
}

impl SlaResult {
    /// Met among those decided, per mille.
    pub fn compliance_permille(&self) -> Option<u32> {
        ratio(u64::from(self.met), u64::from(self.met) + u64::from(self.missed), 1000)
    }
}

/// A missed clock, listed and linked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    pub request_id: i32,
    pub number: String,
    pub title: String,
    pub severity: u8,
    pub tier: String,
    pub clock: Clock,
    pub deadline: DateTime<Utc>,
    /// When the clock stopped; `None` while it was still running.
    pub done_at: Option<DateTime<Utc>>,
}

/// One bar of the chart: requests opened, and the resolution clock's results among them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub start: NaiveDate,
    pub opened: u32,
    pub met: u32,
    pub missed: u32,
}

impl Bar {
    pub fn compliance_permille(&self) -> Option<u32> {
        ratio(u64::from(self.met), u64::from(self.met) + u64::from(self.missed), 1000)
    }
}

/// Inspections planned for a day in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionFigures {
    pub planned: u32,
    pub done: u32,
    pub done_on_time: u32,
    pub reported: u32,
    pub reported_on_time: u32,
}

/// Training sessions held in the period (cancelled ones left out) and their seats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingFigures {
    pub sessions: u32,
    pub booked: u32,
    pub attended: u32,
    pub absent: u32,
}

/// Complaints made in the period and where they stand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFigures {
    pub made: u32,
    pub acknowledged_on_time: u32,
    pub answered: u32,
    pub answered_on_time: u32,
    pub closed: u32,
    pub lines: Vec<ComplaintLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintLine {
    pub id: i32,
    pub number: String,
    pub status: String,
    pub made_at: DateTime<Utc>,
    /// What the provider said will change (the outcome), once answered.
    pub changes: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Requests opened in the period.
    pub opened: u32,
    /// Requests resolved in the period (each counted once).
    pub resolved: u32,
    /// Requests reopened in the period.
    pub reopened: u32,
    pub by_kind: Vec<Count>,
    pub by_severity: Vec<Count>,
    pub by_site: Vec<Count>,
    pub by_channel: Vec<Count>,
    pub by_device: Vec<Count>,
    pub bars: Vec<Bar>,
    pub sla: Vec<SlaResult>,
    pub breaches: Vec<Breach>,
    /// Breaches beyond those listed (the list is capped; the drill-down shows all).
    #[serde(default)]
    pub breaches_more: u32,
    /// Automatic severity upgrades after a missed deadline.
    pub upgrades: u32,
    /// Requests handed to management or an expert.
    pub escalations: u32,
    /// Emergency plans proposed in the period, by status.
    pub emergency_plans: Vec<Count>,
    pub satisfaction: Summary,
    pub inspections: InspectionFigures,
    pub training: TrainingFigures,
    pub complaints: ComplaintFigures,
}

impl Figures {
    /// Reopened per resolved, per mille.
    pub fn reopen_rate_permille(&self) -> Option<u32> {
        ratio(u64::from(self.reopened), u64::from(self.resolved), 1000)
    }

    /// Met among decided, over all tiers, for one clock.
    pub fn compliance_permille(&self, clock: Clock) -> Option<u32> {
        let (met, missed) = self.sla.iter().filter(|r| r.clock == clock).fold((0u64, 0u64), |(m, x), r| (m + u64::from(r.met), x + u64::from(r.missed)));
        ratio(met, met + missed, 1000)
    }

    /// What a recompute changed, as `name: old → new` lines (recorded in the audit log).
    pub fn changes_from(&self, old: &Figures) -> Vec<String> {
        let mut out = Vec::new();
        let mut cmp = |name: &str, a: u32, b: u32| {
            if a != b {
                out.push(format!("{name}: {a} → {b}"));
            }
        };
        cmp("opened", old.opened, self.opened);
        cmp("resolved", old.resolved, self.resolved);
        cmp("reopened", old.reopened, self.reopened);
        let missed = |f: &Figures| f.sla.iter().map(|r| r.missed).sum::<u32>();
        let met = |f: &Figures| f.sla.iter().map(|r| r.met).sum::<u32>();
        cmp("sla met", met(old), met(self));
        cmp("sla missed", missed(old), missed(self));
        cmp("upgrades", old.upgrades, self.upgrades);
        cmp("escalations", old.escalations, self.escalations);
        cmp("surveys answered", old.satisfaction.answered, self.satisfaction.answered);
        cmp("inspections done", old.inspections.done, self.inspections.done);
        cmp("training attended", old.training.attended, self.training.attended);
        cmp("complaints", old.complaints.made, self.complaints.made);
        if out.is_empty() && old != self {
            out.push("details changed".to_string());
        }
        out
    }
}

/// `num / den × scale`, rounded half up; `None` without a denominator.
pub fn ratio(num: u64, den: u64, scale: u64) -> Option<u32> {
    (den > 0).then(|| ((2 * num * scale + den) / (2 * den)) as u32)
}
