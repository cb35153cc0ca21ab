//! The lines of a request's timeline, as one closed list shared by the server (which writes
//! them) and the browser (which puts them in words), so a new kind of line does not compile
//! until the page can say it. Stored as `request_events.kind` plus a JSON `body`; the enum is
//! adjacently tagged with exactly those two names, so rows written before it read unchanged.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Action, ActivityChannel, EmergencyKind, EmergencyStatus, EscalationTarget, FaultKind, FaultReport, OnSiteStage, RemoteStatus, RequestKind, Status,
};

/// A status change carried inside another line (triage, the first stage).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub from: Status,
    pub to: Status,
}

/// A severity change made by the service desk, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityChange {
    pub from: u8,
    pub to: u8,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "snake_case")]
pub enum Line {
    /// The request was opened (by the requester, by the desk on their behalf, or by the system
    /// as the follow-up of an unhappy survey answer).
    Created {
        severity: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_behalf_of: Option<String>,
        /// `phone` or `email` when the desk logged it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        follow_up_of: Option<String>,
        /// Opened from a finding of this inspection.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inspection: Option<i32>,
    },
    Reply {
        text: String,
    },
    /// Staff only.
    Note {
        text: String,
    },
    /// A lifecycle step (`ssr::lifecycle` writes every one).
    Status {
        from: Status,
        to: Status,
        action: Action,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The confirmation window, for an automatic close.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        days: Option<u32>,
    },
    Assigned {
        engineer: String,
    },
    Paused {
        reason: String,
    },
    Resumed {},
    FaultReport(FaultReport),
    /// A part taken from stock and fitted (the location stays staff-side, in the stock's
    /// history); `whole_device` when the device itself was swapped.
    PartReplaced {
        part: String,
        #[serde(default)]
        old_serial: String,
        #[serde(default)]
        new_serial: String,
        #[serde(default)]
        whole_device: bool,
    },
    /// The desk attached the request to a device, changed it or took it off ("#id name").
    DeviceChanged {
        #[serde(default)]
        device: Option<String>,
    },
    Triaged {
        kind: RequestKind,
        #[serde(default)]
        fault_kind: Option<FaultKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        severity: Option<SeverityChange>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<Moved>,
    },
    Stage {
        stage: OnSiteStage,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<Moved>,
    },
    Activity {
        channel: ActivityChannel,
        minutes: u32,
        text: String,
    },
    Remote {
        session: i32,
        status: RemoteStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<String>,
        /// The command log kept as an attachment once the session is completed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attachment: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
    },
    /// Staff only: handed to management or an expert.
    Escalation {
        target: EscalationTarget,
        reason: String,
    },
    /// Staff only: an emergency plan proposed or decided.
    Emergency {
        plan: i32,
        kind: EmergencyKind,
        status: EmergencyStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The system raised the severity after a missed resolution deadline.
    Escalated {
        from: u8,
        to: u8,
        at: DateTime<Utc>,
        deadline: DateTime<Utc>,
    },
    /// A critical request missed its deadline (once).
    Breached {
        deadline: DateTime<Utc>,
    },
    Attachment {
        id: i32,
        filename: String,
        size: i64,
    },
    Survey {
        overall: u8,
        #[serde(default)]
        solved: Option<bool>,
        satisfied: bool,
        #[serde(default)]
        changed: bool,
    },
    /// An unhappy answer opened a follow-up request.
    FollowUp {
        followup: String,
        #[serde(default)]
        manager: Option<String>,
    },
    /// A stored row this build cannot read (never written; kept so one bad row cannot hide a
    /// request's whole timeline).
    Unreadable {
        kind: String,
    },
}

impl Line {
    /// The `kind` column and the `body` JSON, as stored.
    pub fn to_stored(&self) -> (String, serde_json::Value) {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or("unreadable").to_string();
        let body = v.get_mut("body").map(serde_json::Value::take).unwrap_or_else(|| serde_json::json!({}));
        (kind, body)
    }

    /// A stored row back as a line (`Unreadable` when it does not parse).
    pub fn from_stored(kind: &str, body: serde_json::Value) -> Line {
        serde_json::from_value(serde_json::json!({ "kind": kind, "body": body })).unwrap_or_else(|_| Line::Unreadable { kind: kind.to_string() })
    }

    /// The stored kind name (the CSS class and `data-kind` of the rendered line).
    pub fn kind(&self) -> String {
        self.to_stored().0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(line: Line) {
        let (kind, body) = line.to_stored();
        assert_eq!(Line::from_stored(&kind, body.clone()), line, "{kind} {body}");
    }

    #[test]
    fn every_kind_round_trips_through_its_stored_form() {
        let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap();
        for line in [
            Line::Created { severity: 2, on_behalf_of: Some("Li".into()), channel: Some("phone".into()), follow_up_of: None, inspection: None },
            Line::Reply { text: "hi".into() },
            Line::Note { text: "x".into() },
            Line::Status { from: Status::New, to: Status::Triaged, action: Action::Triage, note: None, days: None },
            Line::Assigned { engineer: "E".into() },
            Line::Paused { reason: "r".into() },
            Line::Resumed {},
            Line::FaultReport(FaultReport { cause: "c".into(), action_taken: "a".into(), parts_replaced: vec!["fan".into()] }),
            Line::Triaged {
                kind: RequestKind::Fault,
                fault_kind: Some(FaultKind::Hardware),
                severity: None,
                status: Some(Moved { from: Status::New, to: Status::Triaged }),
            },
            Line::Stage { stage: OnSiteStage::OnSite, status: None },
            Line::Activity { channel: ActivityChannel::Phone, minutes: 5, text: "t".into() },
            Line::Remote { session: 1, status: RemoteStatus::Requested, plan: Some("p".into()), attachment: None, filename: None },
            Line::Escalation { target: EscalationTarget::Management, reason: "r".into() },
            Line::Emergency { plan: 1, kind: EmergencyKind::ALL[0], status: EmergencyStatus::Requested, reason: Some("r".into()) },
            Line::Escalated { from: 3, to: 2, at, deadline: at },
            Line::Breached { deadline: at },
            Line::Attachment { id: 1, filename: "a.log".into(), size: 3 },
            Line::Survey { overall: 4, solved: Some(true), satisfied: true, changed: false },
            Line::FollowUp { followup: "SR-2026-000002".into(), manager: None },
        ] {
            round_trip(line);
        }
    }

    #[test]
    fn rows_written_before_the_enum_still_read() {
        // The shapes the server wrote with `json!` before this type existed.
        let old = [
            ("status", serde_json::json!({ "from": "in_progress", "to": "resolved", "action": "resolve", "note": null })),
            ("status", serde_json::json!({ "from": "resolved", "to": "closed", "action": "auto_close", "days": 7 })),
            ("resumed", serde_json::json!({})),
            ("triaged", serde_json::json!({ "kind": "consultation", "fault_kind": null })),
            ("created", serde_json::json!({ "severity": 3, "on_behalf_of": null, "channel": null })),
            ("follow_up", serde_json::json!({ "followup": "SR-2026-000009", "manager": "M" })),
        ];
        for (kind, body) in old {
            let line = Line::from_stored(kind, body.clone());
            assert!(!matches!(line, Line::Unreadable { .. }), "{kind} {body}");
            assert_eq!(line.kind(), kind);
        }
        assert_eq!(Line::from_stored("nonsense", serde_json::json!({})), Line::Unreadable { kind: "nonsense".into() });
    }
}
