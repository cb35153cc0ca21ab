//! The kinds of live event (`live_events.kind`, and the `kind` of each server-sent event):
//! ids and audiences only, never content. The browser refetches what an event names.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveKind {
    /// A request changed: its page, the lists and the queues refetch.
    Request,
    /// A person's notifications changed (a new one, or read).
    Notification,
    /// A training session changed (seats, a cancellation).
    Training,
    /// An upgrade plan changed (proposed, decided, carried out): its organization and staff.
    Upgrade,
    /// An inspection changed: staff, and its organization once it was announced.
    Inspection,
    /// A complaint changed: sent to each person who may read it by name (`user_id`), never
    /// to an audience, so the engineer it concerns cannot hear of it.
    Complaint,
}

impl LiveKind {
    pub const ALL: [LiveKind; 6] =
        [LiveKind::Request, LiveKind::Notification, LiveKind::Training, LiveKind::Upgrade, LiveKind::Inspection, LiveKind::Complaint];

    /// The stored name (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            LiveKind::Request => "request",
            LiveKind::Notification => "notification",
            LiveKind::Training => "training",
            LiveKind::Upgrade => "upgrade",
            LiveKind::Inspection => "inspection",
            LiveKind::Complaint => "complaint",
        }
    }

    pub fn parse(s: &str) -> Option<LiveKind> {
        LiveKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for k in LiveKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
            assert_eq!(LiveKind::parse(k.as_str()), Some(k));
        }
    }
}
