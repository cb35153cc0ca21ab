//! Where a service request stands. The names are stored in the database and sent to the
//! browser, so they never change once shipped.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Submitted (portal, hotline, e-mail or monitoring); nobody has looked at it yet.
    New,
    /// A dispatcher has classified it (kind, severity); waiting for an engineer.
    Triaged,
    /// An engineer is named but has not started.
    Assigned,
    /// The engineer is working on it.
    InProgress,
    /// The provider needs something from the customer; the SLA clock is paused meanwhile.
    WaitingOnCustomer,
    /// The provider says it is fixed; the customer confirms or rejects (or it auto-closes).
    Resolved,
    /// Finished; the maintenance record is written and the survey sent.
    Closed,
    /// The customer reopened a closed request; work continues until they are satisfied.
    Reopened,
    /// Withdrawn before it was resolved.
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::New,
        Status::Triaged,
        Status::Assigned,
        Status::InProgress,
        Status::WaitingOnCustomer,
        Status::Resolved,
        Status::Closed,
        Status::Reopened,
        Status::Cancelled,
    ];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Triaged => "triaged",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::WaitingOnCustomer => "waiting_on_customer",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Reopened => "reopened",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Still something to do for someone. Resolved counts as open: the customer has not
    /// confirmed yet, and may reject the fix.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Cancelled)
    }

    /// The SLA clock stands still because the provider is waiting on the customer
    /// (DOMAIN.md: "Time spent waiting on the customer pauses the clock").
    pub fn pauses_clock(self) -> bool {
        self == Status::WaitingOnCustomer
    }

    /// The resolution clock is no longer running: the provider has delivered (or the
    /// request was withdrawn). A rejected or reopened request starts running again.
    pub fn stops_resolution_clock(self) -> bool {
        matches!(self, Status::Resolved | Status::Closed | Status::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};
    use std::collections::HashSet;

    #[test]
    fn names_round_trip_are_unique_and_match_serde() {
        let expected = [
            (Status::New, "new"),
            (Status::Triaged, "triaged"),
            (Status::Assigned, "assigned"),
            (Status::InProgress, "in_progress"),
            (Status::WaitingOnCustomer, "waiting_on_customer"),
            (Status::Resolved, "resolved"),
            (Status::Closed, "closed"),
            (Status::Reopened, "reopened"),
            (Status::Cancelled, "cancelled"),
        ];
        assert_eq!(expected.map(|(s, _)| s), Status::ALL, "ALL lists every status once, in order");
        for (status, name) in expected {
            assert_eq!(status.as_str(), name);
            assert_eq!(Status::parse(name), Some(status));
            let de: Result<Status, DeError> = Status::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(status), "serde name of {status:?}");
        }
        let names: HashSet<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names.len(), Status::ALL.len());
        for bad in ["", "New", "in-progress", "open", " new"] {
            assert_eq!(Status::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn flags_for_every_status() {
        // (status, is_open, pauses_clock, stops_resolution_clock)
        let table = [
            (Status::New, true, false, false),
            (Status::Triaged, true, false, false),
            (Status::Assigned, true, false, false),
            (Status::InProgress, true, false, false),
            (Status::WaitingOnCustomer, true, true, false),
            (Status::Resolved, true, false, true),
            (Status::Closed, false, false, true),
            (Status::Reopened, true, false, false),
            (Status::Cancelled, false, false, true),
        ];
        assert_eq!(table.len(), Status::ALL.len());
        for (status, open, paused, stopped) in table {
            assert_eq!(status.is_open(), open, "is_open {status:?}");
            assert_eq!(status.pauses_clock(), paused, "pauses_clock {status:?}");
            assert_eq!(status.stops_resolution_clock(), stopped, "stops_resolution_clock {status:?}");
        }
    }
}
