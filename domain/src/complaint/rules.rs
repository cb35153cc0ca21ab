use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::sla::BusinessCalendar;
use crate::{ErrorCode, FieldError, Role};

/// Working days to acknowledge a complaint, and to answer it (the contract's defaults).
pub const ACK_WORKING_DAYS: u32 = 1;
pub const ANSWER_WORKING_DAYS: u32 = 5;
/// The most working days a contract may give for either complaint clock.
pub const MAX_COMPLAINT_DAYS: u32 = 30;

/// A contract's complaint clocks, in working days (stored with its time limits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ComplaintClocks {
    pub ack_days: u32,
    pub answer_days: u32,
}

impl Default for ComplaintClocks {
    fn default() -> Self {
        ComplaintClocks { ack_days: ACK_WORKING_DAYS, answer_days: ANSWER_WORKING_DAYS }
    }
}

/// An answer the customer neither accepts nor rejects closes after this many days.
pub const AUTO_CLOSE_DAYS: i64 = 14;
pub const TEXT_MIN: usize = 10;
pub const TEXT_MAX: usize = 4000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Sent; no supervisor has taken it up yet.
    Submitted,
    /// A supervisor has it and is investigating.
    Acknowledged,
    /// Answered; waiting for the customer to accept (or not).
    Answered,
    /// The customer accepted the answer.
    Accepted,
    /// Answered and left without a reply for [`AUTO_CLOSE_DAYS`].
    ClosedNoReply,
}

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 5] =
        [ComplaintStatus::Submitted, ComplaintStatus::Acknowledged, ComplaintStatus::Answered, ComplaintStatus::Accepted, ComplaintStatus::ClosedNoReply];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Submitted => "submitted",
            ComplaintStatus::Acknowledged => "acknowledged",
            ComplaintStatus::Answered => "answered",
            ComplaintStatus::Accepted => "accepted",
            ComplaintStatus::ClosedNoReply => "closed_no_reply",
        }
    }

    pub fn parse(s: &str) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn is_closed(self) -> bool {
        matches!(self, ComplaintStatus::Accepted | ComplaintStatus::ClosedNoReply)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintAction {
    /// A supervisor takes it up (stops the acknowledgement clock).
    Acknowledge,
    /// A supervisor answers: what was found, what will change, the answer.
    Answer,
    /// The customer accepts the answer: closed.
    Accept,
    /// The customer does not accept it: back to the supervisor, with why.
    Reject,
    /// The system closes an answer left without a reply.
    AutoClose,
}

impl ComplaintAction {
    pub const ALL: [ComplaintAction; 5] =
        [ComplaintAction::Acknowledge, ComplaintAction::Answer, ComplaintAction::Accept, ComplaintAction::Reject, ComplaintAction::AutoClose];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintAction::Acknowledge => "acknowledge",
            ComplaintAction::Answer => "answer",
            ComplaintAction::Accept => "accept",
            ComplaintAction::Reject => "reject",
            ComplaintAction::AutoClose => "auto_close",
        }
    }

    pub fn parse(s: &str) -> Option<ComplaintAction> {
        ComplaintAction::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who acts on a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplaintActor {
    /// A manager: the provider's service supervision.
    Supervisor,
    /// The person who complained, or a site manager of their organization.
    Customer,
    System,
}

/// Who may read complaints at all: the people of the complaining organization (a customer
/// their own, a site manager all of the organization's) and managers. Not engineers, not
/// dispatchers (the engineer a complaint concerns must never read it), not admins.
pub fn may_read(role: Role) -> bool {
    matches!(role, Role::Customer | Role::SiteManager | Role::Manager)
}

/// Who may complain: the customer's people.
pub fn may_complain(role: Role) -> bool {
    matches!(role, Role::Customer | Role::SiteManager)
}

/// The status after `action` by `actor` from `from`, or `None` when it is not allowed.
pub fn transition(from: ComplaintStatus, action: ComplaintAction, actor: ComplaintActor) -> Option<ComplaintStatus> {
    use ComplaintAction as A;
    use ComplaintActor as W;
    use ComplaintStatus as S;
    match (from, action, actor) {
        (S::Submitted, A::Acknowledge, W::Supervisor) => Some(S::Acknowledged),
        // Answering at once also acknowledges.
        (S::Submitted | S::Acknowledged, A::Answer, W::Supervisor) => Some(S::Answered),
        (S::Answered, A::Accept, W::Customer) => Some(S::Accepted),
        (S::Answered, A::Reject, W::Customer) => Some(S::Acknowledged),
        (S::Answered, A::AutoClose, W::System) => Some(S::ClosedNoReply),
        _ => None,
    }
}

/// The actions `actor` may take now (the buttons a page shows).
pub fn actions_for(from: ComplaintStatus, actor: ComplaintActor) -> Vec<ComplaintAction> {
    ComplaintAction::ALL.into_iter().filter(|a| transition(from, *a, actor).is_some()).collect()
}

/// `n` working days after `from`, at the same local time: Monday to Friday on the contract's
/// calendar, its holidays off and its swapped weekend days worked (a complaint is the
/// supervisors' business, whatever the contract's service hours). A complaint on a Saturday
/// is due one working day later on Monday.
pub fn working_days_after(calendar: &BusinessCalendar, from: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    let tz = calendar.tz;
    let local = from.with_timezone(&tz);
    let working = |d: NaiveDate| {
        let weekday = !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        (weekday || calendar.extra_working_days.contains(&d)) && !calendar.holidays.contains(&d)
    };
    let mut day = local.date_naive();
    let mut left = n;
    // A year of holidays at most: a calendar with none working stops there.
    for _ in 0..400 {
        if left == 0 {
            break;
        }
        day += Duration::days(1);
        if working(day) {
            left -= 1;
        }
    }
    let at = day.and_time(local.time());
    tz.from_local_datetime(&at).earliest().or_else(|| tz.from_local_datetime(&(at + Duration::hours(1))).earliest()).map_or(from, |t| t.with_timezone(&Utc))
}

/// What a complaint's text and subject must be.
pub fn validate_text(field: &str, text: &str, min: usize) -> Result<String, FieldError> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 {
        Err(FieldError::new(field, ErrorCode::Required))
    } else if n < min {
        Err(FieldError::new(field, ErrorCode::TooShort { min }))
    } else if n > TEXT_MAX {
        Err(FieldError::new(field, ErrorCode::TooLong { max: TEXT_MAX }))
    } else {
        Ok(t.to_string())
    }
}

/// A supervisor's answer: what was found (staff only), what will change and the answer (both
/// for the customer). All three are needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAnswer {
    pub findings: String,
    pub changes: String,
    pub answer: String,
}

pub fn validate_answer(findings: &str, changes: &str, answer: &str) -> Result<ValidAnswer, Vec<FieldError>> {
    let parts = [validate_text("findings", findings, 1), validate_text("changes", changes, 1), validate_text("answer", answer, 1)];
    let errors: Vec<FieldError> = parts.iter().filter_map(|p| p.clone().err()).collect();
    match parts {
        [Ok(findings), Ok(changes), Ok(answer)] => Ok(ValidAnswer { findings, changes, answer }),
        _ => Err(errors),
    }
}

/// `CP-2026-000123`.
pub fn format_number(year: i32, seq: u32) -> String {
    format!("CP-{year:04}-{seq:06}")
}
