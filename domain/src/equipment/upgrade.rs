//! Upgrade and patch plans (issue 14): an engineer proposes a plan for one or more devices of
//! one organization (target version, steps, rollback, expected impact, time window); the
//! organization's site manager approves or refuses it; staff carry it out and record the
//! result per device.
//!
//! The approval is for that exact plan: every edit makes a new revision, and a revision other
//! than the approved one needs approving again (an edit after approval puts the plan back to
//! "proposed"). A plan is carried out only as approved, and once every device has a result it
//! is done.
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::{
    error_code::{ErrorCode, FieldError},
    role::Role,
    ticket::field::required_text,
};

pub const TITLE_MAX: usize = 200;
pub const VERSION_MAX: usize = 100;
pub const TEXT_MAX: usize = 10_000;
pub const IMPACT_MAX: usize = 2_000;
pub const DEVICES_MAX: usize = 50;
pub const NOTE_MAX: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Waiting for the site manager (a new plan, or one edited since it was decided).
    Proposed,
    Approved,
    Refused,
    /// Every device has a result.
    Done,
    /// Taken back by staff before it was done.
    Withdrawn,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 5] = [PlanStatus::Proposed, PlanStatus::Approved, PlanStatus::Refused, PlanStatus::Done, PlanStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Proposed => "proposed",
            PlanStatus::Approved => "approved",
            PlanStatus::Refused => "refused",
            PlanStatus::Done => "done",
            PlanStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(self, PlanStatus::Done | PlanStatus::Withdrawn)
    }
}

/// What someone does to a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    /// Staff change the plan (a new revision).
    Edit,
    Approve,
    Refuse,
    /// Staff record a device's result.
    Record,
    Withdraw,
}

/// Who acts on a plan of their own organization (customers) or any (staff).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanActor {
    /// Engineers, dispatchers, managers: they propose, edit, carry out and withdraw plans.
    Staff,
    /// The organization's site manager: approves or refuses.
    SiteManager,
    /// Customers and admins read.
    Reader,
}

impl PlanActor {
    pub fn of(role: Role) -> PlanActor {
        match role {
            Role::Engineer | Role::Dispatcher | Role::Manager => PlanActor::Staff,
            Role::SiteManager => PlanActor::SiteManager,
            Role::Customer | Role::Admin => PlanActor::Reader,
        }
    }
}

/// Why an action is refused now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanError {
    /// The actor may never do this.
    NotYours,
    /// Not in this status.
    NotNow,
}

/// The status after `action` by `actor` on a plan in `from`. Recording a result keeps the
/// plan approved until the last device has one (the caller then moves it to done).
pub fn plan_transition(from: PlanStatus, action: PlanAction, actor: PlanActor) -> Result<PlanStatus, PlanError> {
    use PlanAction as A;
    use PlanStatus as S;
    let allowed_actor = match action {
        A::Edit | A::Record | A::Withdraw => actor == PlanActor::Staff,
        A::Approve | A::Refuse => actor == PlanActor::SiteManager,
    };
    if !allowed_actor {
        return Err(PlanError::NotYours);
    }
    match (from, action) {
        // An edit always needs a new decision.
        (S::Proposed | S::Approved | S::Refused, A::Edit) => Ok(S::Proposed),
        (S::Proposed, A::Approve) => Ok(S::Approved),
        (S::Proposed, A::Refuse) => Ok(S::Refused),
        (S::Approved, A::Record) => Ok(S::Approved),
        (S::Proposed | S::Approved | S::Refused, A::Withdraw) => Ok(S::Withdrawn),
        _ => Err(PlanError::NotNow),
    }
}

/// What staff may do to a plan in `status`, and what the site manager may (the buttons shown).
pub fn plan_actions(status: PlanStatus, actor: PlanActor) -> Vec<PlanAction> {
    [PlanAction::Edit, PlanAction::Approve, PlanAction::Refuse, PlanAction::Record, PlanAction::Withdraw]
        .into_iter()
        .filter(|a| plan_transition(status, *a, actor).is_ok())
        .collect()
}

/// A device's result when the plan was carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceResult {
    /// Upgraded: the device's version becomes the target.
    Succeeded,
    /// Failed and rolled back: the device keeps its version; the note says what happened.
    RolledBack,
}

impl DeviceResult {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceResult::Succeeded => "succeeded",
            DeviceResult::RolledBack => "rolled_back",
        }
    }

    pub fn parse(s: &str) -> Option<DeviceResult> {
        [DeviceResult::Succeeded, DeviceResult::RolledBack].into_iter().find(|r| r.as_str() == s)
    }
}

/// A line of a plan's history (stored as JSON beside its name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanEvent {
    Proposed,
    /// A new revision; an approval before it no longer holds.
    Edited,
    Approved,
    Refused {
        note: String,
    },
    /// A device's result; `version` is the device's version afterwards.
    Result {
        device: i32,
        result: DeviceResult,
        note: String,
        version: String,
    },
    Done,
    Withdrawn,
}

impl PlanEvent {
    pub fn name(&self) -> &'static str {
        match self {
            PlanEvent::Proposed => "proposed",
            PlanEvent::Edited => "edited",
            PlanEvent::Approved => "approved",
            PlanEvent::Refused { .. } => "refused",
            PlanEvent::Result { .. } => "result",
            PlanEvent::Done => "done",
            PlanEvent::Withdrawn => "withdrawn",
        }
    }
}

/// A result form (fields `result`, `note`): a rollback needs its note.
pub fn check_result(result: &str, note: &str) -> Result<(DeviceResult, String), Vec<FieldError>> {
    let mut errors = vec![];
    let result = match result.trim() {
        "" => {
            errors.push(FieldError::new("result", ErrorCode::Required));
            None
        }
        r => DeviceResult::parse(r).or_else(|| {
            errors.push(FieldError::new("result", ErrorCode::InvalidChoice));
            None
        }),
    };
    let note = note.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        errors.push(FieldError::new("note", ErrorCode::TooLong { max: NOTE_MAX }));
    } else if result == Some(DeviceResult::RolledBack) && note.is_empty() {
        errors.push(FieldError::new("note", ErrorCode::Required));
    }
    match result {
        Some(r) if errors.is_empty() => Ok((r, note)),
        _ => Err(errors),
    }
}

/// A refusal's reason (field `note`): required.
pub fn check_refusal(note: &str) -> Result<String, FieldError> {
    required_text("note", note, NOTE_MAX)
}

/// The plan form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanForm {
    pub title: String,
    pub target_version: String,
    pub steps: String,
    pub rollback: String,
    pub impact: String,
    /// `YYYY-MM-DDTHH:MM` in the plan's time zone (a `datetime-local` input).
    pub window_start: String,
    pub window_end: String,
}

/// A checked plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub title: String,
    pub target_version: String,
    pub steps: String,
    pub rollback: String,
    pub impact: String,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    pub devices: Vec<i32>,
}

/// Reads a `datetime-local` value in `tz` (a time that does not exist there, in a clock
/// change, is refused; an ambiguous one takes the earlier).
fn local_time(field: &str, raw: &str, tz: Tz) -> Result<DateTime<Utc>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| FieldError::new(field, ErrorCode::InvalidDate))?;
    if !(crate::equipment::DATE_YEARS).contains(&chrono::Datelike::year(&naive)) {
        return Err(FieldError::new(field, ErrorCode::InvalidDate));
    }
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(|| FieldError::new(field, ErrorCode::InvalidDate))
}

impl PlanForm {
    /// Every field's problem at once. `devices` are the ids chosen (already known to belong to
    /// the plan's organization); at least one, at most `DEVICES_MAX`, no repeats.
    pub fn check(&self, devices: &[i32], tz: Tz) -> Result<PlanInput, Vec<FieldError>> {
        let mut errors = vec![];
        let mut text = |field: &str, raw: &str, max: usize| required_text(field, raw, max).map_err(|e| errors.push(e)).ok();
        let title = text("title", &self.title, TITLE_MAX);
        let target = text("target_version", &self.target_version, VERSION_MAX);
        let steps = text("steps", &self.steps, TEXT_MAX);
        let rollback = text("rollback", &self.rollback, TEXT_MAX);
        let impact = text("impact", &self.impact, IMPACT_MAX);
        let start = local_time("window_start", &self.window_start, tz).map_err(|e| errors.push(e)).ok();
        let end = local_time("window_end", &self.window_end, tz).map_err(|e| errors.push(e)).ok();
        if let (Some(s), Some(e)) = (start, end) {
            if e <= s {
                errors.push(FieldError::new("window_end", ErrorCode::EndsBeforeStart));
            }
        }
        let mut ids = devices.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            errors.push(FieldError::new("device_ids", ErrorCode::Required));
        } else if ids.len() > DEVICES_MAX {
            errors.push(FieldError::new("device_ids", ErrorCode::TooMany { max: DEVICES_MAX }));
        }
        match (title, target, steps, rollback, impact, start, end) {
            (Some(title), Some(target_version), Some(steps), Some(rollback), Some(impact), Some(window_start), Some(window_end)) if errors.is_empty() => {
                Ok(PlanInput { title, target_version, steps, rollback, impact, window_start, window_end, devices: ids })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PlanAction as A;
    use PlanStatus as S;

    #[test]
    fn statuses_round_trip() {
        for s in PlanStatus::ALL {
            assert_eq!(PlanStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(s.as_str()));
        }
        assert_eq!(PlanStatus::parse("Approved"), None);
        for r in [DeviceResult::Succeeded, DeviceResult::RolledBack] {
            assert_eq!(DeviceResult::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.as_str()));
        }
    }

    #[test]
    fn events_are_stored_with_their_name() {
        let events = [
            PlanEvent::Proposed,
            PlanEvent::Edited,
            PlanEvent::Approved,
            PlanEvent::Refused { note: "Not now".into() },
            PlanEvent::Result { device: 3, result: DeviceResult::RolledBack, note: "Boot loop".into(), version: "V1".into() },
            PlanEvent::Done,
            PlanEvent::Withdrawn,
        ];
        for e in events {
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["kind"], e.name());
            assert_eq!(serde_json::from_value::<PlanEvent>(json).unwrap(), e);
        }
    }

    #[test]
    fn actors_by_role() {
        for role in Role::ALL {
            let want = match role {
                Role::Engineer | Role::Dispatcher | Role::Manager => PlanActor::Staff,
                Role::SiteManager => PlanActor::SiteManager,
                Role::Customer | Role::Admin => PlanActor::Reader,
            };
            assert_eq!(PlanActor::of(role), want, "{role:?}");
        }
    }

    /// Every status, action and actor, written out.
    #[test]
    fn the_whole_state_machine() {
        let actors = [PlanActor::Staff, PlanActor::SiteManager, PlanActor::Reader];
        let actions = [A::Edit, A::Approve, A::Refuse, A::Record, A::Withdraw];
        for from in PlanStatus::ALL {
            for action in actions {
                for actor in actors {
                    let want = match (actor, action, from) {
                        (PlanActor::Staff, A::Edit | A::Record | A::Withdraw, _) | (PlanActor::SiteManager, A::Approve | A::Refuse, _) => {
                            match (from, action) {
                                (S::Proposed | S::Approved | S::Refused, A::Edit) => Ok(S::Proposed),
                                (S::Proposed, A::Approve) => Ok(S::Approved),
                                (S::Proposed, A::Refuse) => Ok(S::Refused),
                                (S::Approved, A::Record) => Ok(S::Approved),
                                (S::Proposed | S::Approved | S::Refused, A::Withdraw) => Ok(S::Withdrawn),
                                _ => Err(PlanError::NotNow),
                            }
                        }
                        _ => Err(PlanError::NotYours),
                    };
                    assert_eq!(plan_transition(from, action, actor), want, "{from:?} {action:?} by {actor:?}");
                }
            }
        }
    }

    #[test]
    fn the_approval_is_for_that_exact_plan() {
        // Approved, then edited: proposed again, and it cannot be carried out until approved.
        let s = plan_transition(S::Proposed, A::Approve, PlanActor::SiteManager).unwrap();
        let s = plan_transition(s, A::Edit, PlanActor::Staff).unwrap();
        assert_eq!(s, S::Proposed);
        assert_eq!(plan_transition(s, A::Record, PlanActor::Staff), Err(PlanError::NotNow));
        // Final statuses take nothing.
        for s in [S::Done, S::Withdrawn] {
            assert!(s.is_final());
            assert!(plan_actions(s, PlanActor::Staff).is_empty() && plan_actions(s, PlanActor::SiteManager).is_empty());
        }
        assert_eq!(plan_actions(S::Proposed, PlanActor::SiteManager), vec![A::Approve, A::Refuse]);
        assert_eq!(plan_actions(S::Approved, PlanActor::Staff), vec![A::Edit, A::Record, A::Withdraw]);
        assert!(plan_actions(S::Proposed, PlanActor::Reader).is_empty());
    }

    #[test]
    fn results() {
        assert_eq!(check_result("succeeded", " "), Ok((DeviceResult::Succeeded, String::new())));
        assert_eq!(check_result("rolled_back", " Boot loop; old image restored "), Ok((DeviceResult::RolledBack, "Boot loop; old image restored".into())));
        assert_eq!(check_result("rolled_back", ""), Err(vec![FieldError::new("note", ErrorCode::Required)]));
        assert_eq!(check_result("", ""), Err(vec![FieldError::new("result", ErrorCode::Required)]));
        assert_eq!(check_result("failed", "x"), Err(vec![FieldError::new("result", ErrorCode::InvalidChoice)]));
        assert_eq!(check_result("succeeded", &"x".repeat(2001)), Err(vec![FieldError::new("note", ErrorCode::TooLong { max: 2000 })]));
        assert_eq!(check_refusal(" "), Err(FieldError::new("note", ErrorCode::Required)));
        assert_eq!(check_refusal(" Not during month-end "), Ok("Not during month-end".into()));
    }

    fn form() -> PlanForm {
        PlanForm {
            title: " Firmware 7.2 ".into(),
            target_version: "V200R022C00".into(),
            steps: "1. Back up the configuration\n2. Upload\n3. Reboot".into(),
            rollback: "Boot the previous image".into(),
            impact: "Ten minutes without the core switch".into(),
            window_start: "2026-12-05T22:00".into(),
            window_end: "2026-12-05T23:30".into(),
        }
    }

    #[test]
    fn a_good_plan_in_its_time_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let p = form().check(&[3, 1, 3], tz).unwrap();
        assert_eq!(p.title, "Firmware 7.2");
        assert_eq!(p.devices, vec![1, 3]);
        assert_eq!(p.window_start.to_rfc3339(), "2026-12-05T14:00:00+00:00");
        assert_eq!(p.window_end.to_rfc3339(), "2026-12-05T15:30:00+00:00");
    }

    #[test]
    fn every_problem_at_once() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let bad = PlanForm { title: String::new(), window_start: "2026-12-05 22:00".into(), window_end: String::new(), steps: "s".repeat(10_001), ..form() };
        let codes: Vec<(String, ErrorCode)> = bad.check(&[], tz).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("title".into(), ErrorCode::Required),
                ("steps".into(), ErrorCode::TooLong { max: 10_000 }),
                ("window_start".into(), ErrorCode::InvalidDate),
                ("window_end".into(), ErrorCode::Required),
                ("device_ids".into(), ErrorCode::Required),
            ]
        );
        let backwards = PlanForm { window_end: "2026-12-05T21:00".into(), ..form() };
        assert_eq!(backwards.check(&[1], tz).unwrap_err(), vec![FieldError::new("window_end", ErrorCode::EndsBeforeStart)]);
        let same = PlanForm { window_end: "2026-12-05T22:00".into(), ..form() };
        assert_eq!(same.check(&[1], tz).unwrap_err(), vec![FieldError::new("window_end", ErrorCode::EndsBeforeStart)]);
        let far = PlanForm { window_start: "9999-12-05T22:00".into(), ..form() };
        assert_eq!(far.check(&[1], tz).unwrap_err()[0], FieldError::new("window_start", ErrorCode::InvalidDate));
        let many: Vec<i32> = (1..=51).collect();
        assert_eq!(form().check(&many, tz).unwrap_err(), vec![FieldError::new("device_ids", ErrorCode::TooMany { max: 50 })]);
        assert!(form().check(&(1..=50).collect::<Vec<_>>(), tz).is_ok());
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_is_refused() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let gap = PlanForm { window_start: "2026-03-29T02:30".into(), window_end: "2026-03-29T04:00".into(), ..form() };
        assert_eq!(gap.check(&[1], tz).unwrap_err(), vec![FieldError::new("window_start", ErrorCode::InvalidDate)]);
    }
}
