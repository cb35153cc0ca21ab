//! Notifications: what a person is told, about what. One closed list shared by the server
//! (which writes them) and the notification page (which puts them in words), so a new kind
//! does not compile until the page can say it. Stored as `notifications.kind` plus one flat
//! JSON `body` holding both the subject (`number`, `title`, or `session_id`, ...) and the
//! kind's own fields: the shape the server wrote before these types existed.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The notification bell counts unread notifications up to this many and shows "99+" past it
/// (the count is read on every page; see `db::repo::notifications::unread_count`).
pub const UNREAD_SHOWN: u64 = 99;

use crate::ticket::{timeline::SeverityChange, EmergencyKind, EmergencyStatus, EscalationTarget, OnSiteStage, RemoteStatus, Status};
use crate::training::BookingStatus;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "snake_case")]
pub enum Notice {
    /// The request moved to another status.
    Status {
        to: Status,
    },
    Reply {
        from: String,
    },
    /// The system raised the severity after a missed deadline.
    Escalated {
        severity: u8,
    },
    Stage {
        stage: OnSiteStage,
    },
    Remote {
        status: RemoteStatus,
    },
    /// The desk changed the severity at triage.
    Severity {
        severity: SeverityChange,
    },
    /// Staff only: handed to management or an expert.
    Escalation {
        target: EscalationTarget,
        reason: String,
    },
    /// Staff only: an emergency plan to authorise, or its decision.
    Emergency {
        kind: EmergencyKind,
        status: EmergencyStatus,
    },
    Survey {
        expires_at: DateTime<Utc>,
    },
    SurveyReminder {
        expires_at: DateTime<Utc>,
    },
    /// To the customer: a follow-up request was opened after their answer.
    FollowUp {
        followup: String,
        #[serde(default)]
        manager: Option<String>,
    },
    /// To the manager the follow-up was given to.
    FollowUpAssigned {
        of: String,
        overall: u8,
    },
    TrainingBooked {
        status: BookingStatus,
        by: String,
    },
    TrainingBookingCancelled {
        by: String,
    },
    TrainingPromoted {},
    TrainingCancelled {
        reason: String,
    },
    TrainingChanged {},
    TrainingReminder {},
    TrainingFeedback {},
    /// To the organization's site managers: a plan (or a new revision) to approve.
    UpgradeProposed {},
    /// To whoever proposed it: the site manager's decision.
    UpgradeDecided {
        approved: bool,
    },
    /// To the site managers: every device has its result.
    UpgradeDone {},
    /// To managers: a part's stock fell below its minimum.
    StockLow {
        total: i64,
        minimum: i32,
    },
    /// To an organization's site managers: an assurance period was published for it.
    Assurance {
        starts_on: NaiveDate,
        ends_on: NaiveDate,
    },
    /// Staff only: a clock of the request reached 75 % of its time; it runs out at `deadline`.
    SlaWarning {
        clock: crate::notify::SlaClock,
        deadline: DateTime<Utc>,
        /// The contract's zone, to say the deadline in.
        tz: String,
    },
    /// Something happened to a complaint (to the supervisors, or to the customer).
    Complaint {
        what: ComplaintNote,
    },
    /// Something happened to an inspection; `date` is its (new) day.
    Inspection {
        what: InspectionNote,
        date: NaiveDate,
    },
    /// A period's service report is ready (sent when the period is over and frozen).
    Report {
        period: crate::report::PeriodKind,
    },
}

/// What happened to an inspection, and so whom it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionNote {
    /// To the site manager: announced, please confirm the date.
    Announced,
    /// To the site manager: the dispatcher moved the date.
    Moved,
    /// To the dispatchers: the site manager proposed another date.
    Proposed,
    /// To the engineer and the dispatchers: the site manager confirmed.
    Confirmed,
    /// To the engineer: assigned to it.
    Assigned,
    /// To the site manager: the report is ready to sign off.
    Reported,
    /// To the engineer: the site manager asked about the report.
    Questioned,
    /// To the engineer and the managers: signed off.
    SignedOff,
    /// To the managers: it will be announced late unless someone acts (no engineer yet).
    WillBeLate,
    /// To the managers: the report is overdue.
    ReportLate,
}

/// What happened to a complaint, and so whom it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintNote {
    /// To the managers: a new complaint.
    Submitted,
    /// To the customer: a supervisor has taken it up.
    Acknowledged,
    /// To the customer: answered; please accept or say why not.
    Answered,
    /// To the managers: the customer accepted the answer.
    Accepted,
    /// To the managers: the customer did not accept the answer.
    Rejected,
}

/// What a notification is about (where its link goes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum About {
    Training {
        session_id: i32,
        title: String,
        starts_at: DateTime<Utc>,
        tz: String,
    },
    Request {
        number: String,
        title: String,
    },
    /// An upgrade plan.
    Upgrade {
        plan_id: i32,
        plan: String,
    },
    /// An inspection of a site.
    Inspection {
        inspection_id: i32,
        site: String,
    },
    /// An assurance period.
    Assurance {
        period_id: i32,
        period: String,
    },
    /// A complaint (`complaint` is its number; not `number`, which names a request).
    Complaint {
        complaint_id: i32,
        complaint: String,
    },
    /// A spare part model (staff only).
    Part {
        part_id: i32,
        part: String,
    },
    /// A service report: its page, and the period and whose it is (`2026-11 · Acme`).
    Report {
        report_href: String,
        report: String,
    },
}

impl About {
    /// Where the notification's link goes, and the subject's name beside it.
    pub fn link(&self) -> (String, String) {
        match self {
            About::Request { number, title } => (crate::href::request(number), title.clone()),
            About::Training { session_id, title, .. } => (crate::href::training(*session_id), title.clone()),
            About::Part { part_id, part } => (crate::href::part(*part_id), part.clone()),
            About::Upgrade { plan_id, plan } => (crate::href::upgrade(*plan_id), plan.clone()),
            About::Inspection { inspection_id, site } => (crate::href::inspection(*inspection_id), site.clone()),
            About::Assurance { period_id, period } => (crate::href::assurance(*period_id), period.clone()),
            About::Complaint { complaint_id, complaint } => (crate::href::complaint(*complaint_id), complaint.clone()),
            About::Report { report_href, report } => (report_href.clone(), report.clone()),
        }
    }
}

/// A notification as stored and as sent to the browser: `{ "kind", "body" }`, the body
/// holding the subject's fields beside the notice's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    pub about: About,
    pub notice: Notice,
}

impl Notification {
    /// The `kind` column and the `body` JSON.
    pub fn to_stored(&self) -> (String, serde_json::Value) {
        let mut v = serde_json::to_value(&self.notice).unwrap_or_default();
        let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or_default().to_string();
        let mut body = v.get_mut("body").map(serde_json::Value::take).unwrap_or_else(|| serde_json::json!({}));
        if let (Some(b), Ok(serde_json::Value::Object(about))) = (body.as_object_mut(), serde_json::to_value(&self.about)) {
            b.extend(about);
        }
        (kind, body)
    }

    /// A stored row back (`None` when it does not parse: the page leaves it out).
    pub fn from_stored(kind: &str, body: serde_json::Value) -> Option<Notification> {
        let about = serde_json::from_value(body.clone()).ok()?;
        let notice = serde_json::from_value(serde_json::json!({ "kind": kind, "body": body })).ok()?;
        Some(Notification { about, notice })
    }
}

impl Serialize for Notification {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (kind, body) = self.to_stored();
        serde_json::json!({ "kind": kind, "body": body }).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Notification {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or_default();
        Notification::from_stored(kind, v.get("body").cloned().unwrap_or_default()).ok_or_else(|| serde::de::Error::custom("unreadable notification"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_round_trip_in_the_stored_shape() {
        let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap();
        let request = About::Request { number: "SR-2026-000001".into(), title: "Printer".into() };
        let training = About::Training { session_id: 7, title: "Backups".into(), starts_at: at, tz: "Asia/Shanghai".into() };
        for (about, notice) in [
            (request.clone(), Notice::Status { to: Status::Assigned }),
            (request.clone(), Notice::Reply { from: "Li".into() }),
            (request.clone(), Notice::Survey { expires_at: at }),
            (request.clone(), Notice::FollowUp { followup: "SR-2026-000002".into(), manager: None }),
            (training.clone(), Notice::TrainingBooked { status: BookingStatus::Waitlisted, by: "Li".into() }),
            (training.clone(), Notice::TrainingPromoted {}),
            (training, Notice::TrainingCancelled { reason: "ill".into() }),
        ] {
            let n = Notification { about, notice };
            let (kind, body) = n.to_stored();
            assert!(body.get("title").is_some(), "{body}");
            assert_eq!(Notification::from_stored(&kind, body), Some(n.clone()));
            let wire = serde_json::to_value(&n).unwrap();
            assert_eq!(serde_json::from_value::<Notification>(wire).unwrap(), n);
        }
    }

    #[test]
    fn rows_written_before_the_types_still_read() {
        let old = serde_json::json!({ "to": "assigned", "extra": { "engineer": "E" }, "number": "SR-2026-000001", "title": "T" });
        let n = Notification::from_stored("status", old).unwrap();
        assert_eq!(n.notice, Notice::Status { to: Status::Assigned });
        let old =
            serde_json::json!({ "session_id": 3, "title": "T", "starts_at": "2026-11-30T01:00:00Z", "tz": "Asia/Shanghai", "status": "confirmed", "by": "Li" });
        assert!(matches!(Notification::from_stored("training_booked", old).unwrap().about, About::Training { session_id: 3, .. }));
    }
}
