//! Where an inspection is, who moves it on, and the history lines it keeps.
//!
//! ```text
//! planned ─announce→ announced ─confirm→ confirmed ─start→ in_progress ─finish→ visit_done
//!                        │  ↑                 │                                  │ report
//!                 propose│  │move             │propose                           ↓
//!                        ↓  │                 ↓                  questioned ←ask─ reported ─sign_off→ signed_off
//!                    date_proposed ──────────move (to the proposed day: confirmed)
//! ```
//! Moving an announced inspection tells the customer again (announced); moving it to the day
//! the site manager proposed confirms it. Cancelling is possible until the visit starts.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::role::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionStatus {
    Planned,
    Announced,
    Confirmed,
    /// The site manager asked for another day; the dispatcher decides.
    DateProposed,
    InProgress,
    /// The visit ended: the report clock runs.
    VisitDone,
    Reported,
    /// The site manager asked about the report; the engineer answers with a revised one.
    Questioned,
    SignedOff,
    Cancelled,
}

impl InspectionStatus {
    pub const ALL: [InspectionStatus; 10] = [
        InspectionStatus::Planned,
        InspectionStatus::Announced,
        InspectionStatus::Confirmed,
        InspectionStatus::DateProposed,
        InspectionStatus::InProgress,
        InspectionStatus::VisitDone,
        InspectionStatus::Reported,
        InspectionStatus::Questioned,
        InspectionStatus::SignedOff,
        InspectionStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionStatus::Planned => "planned",
            InspectionStatus::Announced => "announced",
            InspectionStatus::Confirmed => "confirmed",
            InspectionStatus::DateProposed => "date_proposed",
            InspectionStatus::InProgress => "in_progress",
            InspectionStatus::VisitDone => "visit_done",
            InspectionStatus::Reported => "reported",
            InspectionStatus::Questioned => "questioned",
            InspectionStatus::SignedOff => "signed_off",
            InspectionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<InspectionStatus> {
        InspectionStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Before the visit: the date can still move.
    pub fn before_visit(self) -> bool {
        matches!(self, InspectionStatus::Planned | InspectionStatus::Announced | InspectionStatus::Confirmed | InspectionStatus::DateProposed)
    }

    /// The report clock runs (visit ended, report not yet accepted as written).
    pub fn report_clock_runs(self) -> bool {
        matches!(self, InspectionStatus::VisitDone)
    }

    /// The customer has been told about it (customers see only these and later ones).
    pub fn told(self) -> bool {
        !matches!(self, InspectionStatus::Planned | InspectionStatus::Cancelled)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionAction {
    Assign,
    Move,
    Announce,
    Confirm,
    Propose,
    Start,
    Answer,
    Finish,
    Report,
    SignOff,
    Ask,
    Cancel,
}

impl InspectionAction {
    pub const ALL: [InspectionAction; 12] = [
        InspectionAction::Assign,
        InspectionAction::Move,
        InspectionAction::Announce,
        InspectionAction::Confirm,
        InspectionAction::Propose,
        InspectionAction::Start,
        InspectionAction::Answer,
        InspectionAction::Finish,
        InspectionAction::Report,
        InspectionAction::SignOff,
        InspectionAction::Ask,
        InspectionAction::Cancel,
    ];
}

/// Who acts on an inspection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectionActor {
    /// Dispatchers and managers: assign, move, announce, cancel; a manager may also step in
    /// for the engineer.
    Desk { manager: bool },
    /// The assigned engineer (another engineer only reads).
    Engineer { assigned: bool },
    /// The organization's site manager.
    SiteManager,
    /// Customers and admins read.
    Reader,
}

impl InspectionActor {
    pub fn of(role: Role, assigned: bool) -> InspectionActor {
        match role {
            Role::Dispatcher => InspectionActor::Desk { manager: false },
            Role::Manager => InspectionActor::Desk { manager: true },
            Role::Engineer => InspectionActor::Engineer { assigned },
            Role::SiteManager => InspectionActor::SiteManager,
            Role::Customer | Role::Admin => InspectionActor::Reader,
        }
    }

    fn desk(self) -> bool {
        matches!(self, InspectionActor::Desk { .. })
    }

    /// Does the engineer's part: the assignee, or a manager standing in.
    fn works(self) -> bool {
        matches!(self, InspectionActor::Engineer { assigned: true } | InspectionActor::Desk { manager: true })
    }
}

/// Why a step is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepError {
    NotYours,
    NotNow,
}

/// The status after `action` by `actor` in `from`. `to_proposed` says a move goes to the day
/// the site manager proposed (which confirms it); `assigned` whether an engineer is assigned
/// (an inspection is announced with its engineer's name, so not before).
pub fn transition(
    from: InspectionStatus,
    action: InspectionAction,
    actor: InspectionActor,
    assigned: bool,
    to_proposed: bool,
) -> Result<InspectionStatus, StepError> {
    use InspectionAction as A;
    use InspectionStatus as S;
    let may = match action {
        A::Assign | A::Move | A::Announce | A::Cancel => actor.desk(),
        A::Confirm | A::Propose | A::SignOff | A::Ask => actor == InspectionActor::SiteManager,
        A::Start | A::Answer | A::Finish | A::Report => actor.works(),
    };
    if !may {
        return Err(StepError::NotYours);
    }
    match (from, action) {
        (s, A::Assign) if s.before_visit() => Ok(s),
        (S::Planned, A::Move) => Ok(S::Planned),
        (S::DateProposed, A::Move) if to_proposed => Ok(S::Confirmed),
        (S::Announced | S::Confirmed | S::DateProposed, A::Move) => Ok(S::Announced),
        (S::Planned, A::Announce) if assigned => Ok(S::Announced),
        (S::Announced, A::Confirm) => Ok(S::Confirmed),
        (S::Announced | S::Confirmed, A::Propose) => Ok(S::DateProposed),
        (S::Announced | S::Confirmed, A::Start) if assigned => Ok(S::InProgress),
        (S::InProgress, A::Answer) => Ok(S::InProgress),
        (S::InProgress, A::Finish) => Ok(S::VisitDone),
        (S::VisitDone | S::Questioned, A::Report) => Ok(S::Reported),
        (S::Reported, A::SignOff) => Ok(S::SignedOff),
        (S::Reported, A::Ask) => Ok(S::Questioned),
        (s, A::Cancel) if s.before_visit() => Ok(S::Cancelled),
        _ => Err(StepError::NotNow),
    }
}

/// The steps `actor` may take now (the page's buttons).
pub fn actions(status: InspectionStatus, actor: InspectionActor, assigned: bool) -> Vec<InspectionAction> {
    InspectionAction::ALL.into_iter().filter(|a| transition(status, *a, actor, assigned, status == InspectionStatus::DateProposed).is_ok()).collect()
}

/// A line of an inspection's history (stored as JSON, shown in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum InspectionEvent {
    Assigned {
        engineer: String,
    },
    Moved {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// `late`: announced with less notice than the contract promises.
    Announced {
        date: NaiveDate,
        late: bool,
    },
    Confirmed {},
    Proposed {
        date: NaiveDate,
        note: String,
    },
    Started {},
    Finished {
        findings: u32,
    },
    Reported {},
    SignedOff {
        note: String,
    },
    Asked {
        question: String,
    },
    RequestOpened {
        number: String,
        item: String,
    },
    Cancelled {
        reason: String,
    },
}

pub const NOTE_MAX: usize = 2_000;
pub const SUMMARY_MAX: usize = 10_000;

#[cfg(test)]
mod tests {
    use super::*;
    use InspectionAction as A;
    use InspectionStatus as S;

    const DESK: InspectionActor = InspectionActor::Desk { manager: false };
    const ENG: InspectionActor = InspectionActor::Engineer { assigned: true };

    #[test]
    fn names_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(s.as_str()));
        }
    }

    #[test]
    fn the_happy_path() {
        let mut s = S::Planned;
        for (a, who, to) in [
            (A::Assign, DESK, S::Planned),
            (A::Announce, DESK, S::Announced),
            (A::Confirm, InspectionActor::SiteManager, S::Confirmed),
            (A::Start, ENG, S::InProgress),
            (A::Answer, ENG, S::InProgress),
            (A::Finish, ENG, S::VisitDone),
            (A::Report, ENG, S::Reported),
            (A::Ask, InspectionActor::SiteManager, S::Questioned),
            (A::Report, ENG, S::Reported),
            (A::SignOff, InspectionActor::SiteManager, S::SignedOff),
        ] {
            s = transition(s, a, who, true, false).unwrap_or_else(|e| panic!("{a:?} from {s:?}: {e:?}"));
            assert_eq!(s, to);
        }
        assert!(actions(S::SignedOff, DESK, true).is_empty());
        assert!(actions(S::SignedOff, ENG, true).is_empty());
    }

    #[test]
    fn who_may_do_what() {
        let all = [
            DESK,
            InspectionActor::Desk { manager: true },
            ENG,
            InspectionActor::Engineer { assigned: false },
            InspectionActor::SiteManager,
            InspectionActor::Reader,
        ];
        for from in S::ALL {
            for a in A::ALL {
                for who in all {
                    let r = transition(from, a, who, true, false);
                    if who == InspectionActor::Reader || who == (InspectionActor::Engineer { assigned: false }) {
                        assert_eq!(r, Err(StepError::NotYours), "{who:?} {a:?}");
                    }
                    if let Ok(to) = r {
                        // Nothing leaves a final state, nothing reaches "planned" but itself.
                        assert!(!matches!(from, S::SignedOff | S::Cancelled), "{from:?} {a:?}");
                        assert!(to != S::Planned || from == S::Planned);
                    }
                }
            }
        }
        // Only a manager stands in for the engineer.
        assert!(transition(S::Confirmed, A::Start, InspectionActor::Desk { manager: true }, true, false).is_ok());
        assert_eq!(transition(S::Confirmed, A::Start, DESK, true, false), Err(StepError::NotYours));
    }

    #[test]
    fn announcing_and_starting_need_an_engineer() {
        assert_eq!(transition(S::Planned, A::Announce, DESK, false, false), Err(StepError::NotNow));
        assert_eq!(transition(S::Confirmed, A::Start, ENG, false, false), Err(StepError::NotNow));
        assert!(!actions(S::Planned, DESK, false).contains(&A::Announce));
        assert!(actions(S::Planned, DESK, true).contains(&A::Announce));
    }

    #[test]
    fn moving_a_date() {
        assert_eq!(transition(S::Planned, A::Move, DESK, true, false), Ok(S::Planned));
        // The customer is told again and confirms again.
        assert_eq!(transition(S::Confirmed, A::Move, DESK, true, false), Ok(S::Announced));
        // Taking the site manager's day confirms it; another day asks again.
        assert_eq!(transition(S::DateProposed, A::Move, DESK, true, true), Ok(S::Confirmed));
        assert_eq!(transition(S::DateProposed, A::Move, DESK, true, false), Ok(S::Announced));
        for s in [S::InProgress, S::VisitDone, S::Reported, S::SignedOff, S::Cancelled] {
            assert_eq!(transition(s, A::Move, DESK, true, false), Err(StepError::NotNow), "{s:?}");
            assert_eq!(transition(s, A::Cancel, DESK, true, false), Err(StepError::NotNow), "{s:?}");
        }
    }

    #[test]
    fn the_site_manager_decides_on_dates_and_reports_only_when_asked() {
        let sm = InspectionActor::SiteManager;
        assert_eq!(transition(S::Planned, A::Confirm, sm, true, false), Err(StepError::NotNow));
        assert_eq!(transition(S::Announced, A::Propose, sm, true, false), Ok(S::DateProposed));
        assert_eq!(transition(S::Confirmed, A::Propose, sm, true, false), Ok(S::DateProposed));
        assert_eq!(transition(S::VisitDone, A::SignOff, sm, true, false), Err(StepError::NotNow));
        assert_eq!(transition(S::Questioned, A::SignOff, sm, true, false), Err(StepError::NotNow));
        assert_eq!(actions(S::Reported, sm, true), vec![A::SignOff, A::Ask]);
    }

    #[test]
    fn the_clock_and_who_is_told() {
        for s in S::ALL {
            assert_eq!(s.report_clock_runs(), s == S::VisitDone);
            assert_eq!(s.told(), !matches!(s, S::Planned | S::Cancelled));
        }
    }
}
