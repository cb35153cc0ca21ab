//! The one path for every change to a service request, by a person or by the system.
//!
//! A `Change` opens the write transaction and reads the request in it; the caller then sets
//! fields (triage's classification, a stage), takes lifecycle steps (`step`, which asks the
//! state machine `domain::ticket::transition` and applies the consequences: clocks paused or
//! stopped, assignee, fault report, the survey of a closed request) and adds timeline lines,
//! audit lines and notices. `commit` recomputes the deadlines, saves under the request's
//! version (optimistic lock), writes every line, one live event and the notifications, and
//! commits, which wakes the live pump. Nothing else writes a request's status.
use chrono::{DateTime, Utc};
use db::entity::request::{ActiveModel, Model};
use db::repo;
use db::sea_orm::ActiveValue::Set;
use domain::{
    notice::Notice,
    ticket::{transition, Action, ActorKind, FaultReport, Line, RequestKind, Status, TransitionContext, DEFAULT_AUTO_CLOSE_DAYS},
    ErrorCode,
};

use super::{announce, auth::Caller, requests as svc, state::AppState};
use crate::error::AppError;

/// Who makes a change.
#[derive(Clone, Copy)]
pub enum By<'a> {
    User(&'a Caller),
    /// A job (auto-close, escalation, survey follow-ups): no person, no audit line.
    System,
}

impl By<'_> {
    pub fn user_id(&self) -> Option<i32> {
        match self {
            By::User(c) => Some(c.user.id),
            By::System => None,
        }
    }

    fn actor_kind(&self) -> ActorKind {
        match self {
            By::User(c) => ActorKind::from_role(c.actor.role),
            By::System => ActorKind::System,
        }
    }

    fn is_staff(&self) -> bool {
        matches!(self, By::User(c) if c.actor.role.is_staff())
    }
}

/// A lifecycle step: the edge to take and what it carries.
#[derive(Clone, Debug)]
pub struct Step {
    pub action: Action,
    /// Shown on the status line; for "ask the customer", the reason the customer reads.
    pub note: String,
    /// Assign and reassign: the engineer (an active engineer, checked in the transaction).
    pub engineer: Option<i32>,
    /// Resolve: the fault report (required for a fault).
    pub report: Option<FaultReport>,
}

impl Step {
    pub fn new(action: Action) -> Step {
        Step { action, note: String::new(), engineer: None, report: None }
    }
}

pub struct Change<'a> {
    tx: db::WriteTx,
    by: By<'a>,
    now: DateTime<Utc>,
    before: Model,
    row: ActiveModel,
    touched: bool,
    closed: bool,
    lines: Vec<(Line, bool)>,
    audits: Vec<(String, serde_json::Value)>,
    /// One notice per person a change: the last one told wins (a dispatch tells "assigned",
    /// not "triaged" then "assigned").
    told: Vec<Notice>,
    told_users: Vec<(i32, Notice)>,
}

impl<'a> Change<'a> {
    /// A change by a person to a request they may see (else `NotFound`), read inside the
    /// write transaction so that it starts from the last committed state.
    pub async fn begin(state: &AppState, caller: &'a Caller, number: &str) -> Result<Change<'a>, AppError> {
        let tx = state.db.begin_write().await?;
        let r = svc::load_visible(state, caller, number).await?;
        Ok(Change::with(tx, By::User(caller), r))
    }

    /// A change by the system to a request it has read.
    pub async fn begin_system(db: &db::Db, r: Model) -> Result<Change<'static>, AppError> {
        let tx = db.begin_write().await?;
        Ok(Change::with(tx, By::System, r))
    }

    fn with(tx: db::WriteTx, by: By<'a>, before: Model) -> Change<'a> {
        let row = svc::into_active(before.clone());
        Change { tx, by, now: Utc::now(), before, row, touched: false, closed: false, lines: vec![], audits: vec![], told: vec![], told_users: vec![] }
    }

    /// The request as read when the change began.
    pub fn request(&self) -> &Model {
        &self.before
    }

    /// The request as it will read once saved.
    pub fn current(&self) -> Model {
        svc::model_after(&self.before, &self.row)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The transaction, for rows of other tables that belong to the same change.
    pub fn tx(&self) -> &db::sea_orm::DatabaseTransaction {
        &self.tx
    }

    /// The request row, to set fields on; it will be saved.
    pub fn row(&mut self) -> &mut ActiveModel {
        self.touched = true;
        &mut self.row
    }

    /// Staff's first word to the customer stops the first-response clock.
    pub fn first_response(&mut self) {
        if self.current().first_response_at.is_none() {
            self.row().first_response_at = Set(Some(self.now));
        }
    }

    pub fn line(&mut self, line: Line, public: bool) {
        self.lines.push((line, public));
    }

    /// An audit line (staff only; customers' own steps are in the timeline).
    pub fn audit(&mut self, action: &str, detail: serde_json::Value) {
        self.audits.push((action.to_string(), detail));
    }

    /// Tells the requester and the assignee (not whoever made the change).
    pub fn tell(&mut self, notice: Notice) {
        self.told.push(notice);
    }

    /// Tells one person (a manager asked to authorise, the respondent of a survey).
    pub fn tell_user(&mut self, user_id: i32, notice: Notice) {
        self.told_users.push((user_id, notice));
    }

    /// Takes one lifecycle step, if the state machine allows it from the status as it now
    /// stands (so two steps in one change, triage then assign, each see the other).
    pub async fn step(&mut self, step: Step) -> Result<Status, AppError> {
        let cur = self.current();
        let from = svc::status_of(&cur);
        let mut ctx = TransitionContext::new(self.now.timestamp());
        ctx.has_assignee = cur.assignee_id.is_some();
        ctx.is_assignee = cur.assignee_id.is_some() && cur.assignee_id == self.by.user_id();
        ctx.resolved_at = cur.resolved_at.map(|t| t.timestamp());
        ctx.closed_at = cur.closed_at.map(|t| t.timestamp());
        let action = step.action;
        let to = transition(from, &action, self.by.actor_kind(), &ctx).map_err(AppError::Transition)?;
        // A fault is resolved with its report (cause, what was done, parts), which the customer
        // then confirms; a consultation needs none.
        if action == Action::Resolve && step.report.is_none() && RequestKind::parse(&cur.kind) == Some(RequestKind::Fault) {
            return Err(AppError::field("cause", ErrorCode::Required));
        }
        let note = step.note.trim().to_string();
        if note.chars().count() > 2000 {
            return Err(AppError::field("note", ErrorCode::TooLong { max: 2000 }));
        }
        let now = self.now;
        self.row().status = Set(to.as_str().into());
        if self.by.is_staff() {
            self.first_response();
        }
        let mut extra = serde_json::json!({});
        match action {
            Action::Assign | Action::Reassign => {
                let engineer = match step.engineer {
                    Some(id) => repo::users::find(self.tx(), id).await?.filter(|u| u.active && u.role == "engineer"),
                    None => None,
                };
                let Some(engineer) = engineer else {
                    return Err(AppError::field("engineer_id", ErrorCode::Required));
                };
                let row = self.row();
                row.assignee_id = Set(Some(engineer.id));
                // A new engineer starts the visit from the beginning.
                row.stage = Set(None);
                row.stage_at = Set(None);
                extra = serde_json::json!({ "engineer": engineer.display_name });
                self.line(Line::Assigned { engineer: engineer.display_name }, true);
            }
            Action::AskCustomer => {
                let reason = if note.is_empty() { "Waiting for information from the customer".to_string() } else { note.clone() };
                repo::request_pauses::open(self.tx(), cur.id, now, &reason).await?;
                let row = self.row();
                row.paused_since = Set(Some(now));
                row.pause_reason = Set(Some(reason.clone()));
                self.line(Line::Paused { reason }, true);
            }
            Action::Resolve => {
                self.row().resolved_at = Set(Some(now));
                if let Some(report) = step.report {
                    self.row().fault_report_json = Set(Some(serde_json::to_string(&report).map_err(super::internal)?));
                    self.line(Line::FaultReport(report), true);
                }
            }
            Action::ConfirmResolution | Action::AutoClose | Action::Cancel => self.row().closed_at = Set(Some(now)),
            Action::RejectResolution => self.row().resolved_at = Set(None),
            Action::Reopen => {
                // The work starts again: a fresh resolution clock from now.
                let row = self.row();
                row.resolved_at = Set(None);
                row.closed_at = Set(None);
                row.resolution_started_at = Set(now);
                row.breach_recorded = Set(false);
            }
            Action::Triage | Action::StartWork | Action::CustomerReplied => {}
        }
        // Leaving "waiting on customer" ends the pause.
        if from == Status::WaitingOnCustomer && to != Status::WaitingOnCustomer {
            repo::request_pauses::close_open(self.tx(), cur.id, now).await?;
            let row = self.row();
            row.paused_since = Set(None);
            row.pause_reason = Set(None);
            self.line(Line::Resumed {}, true);
        }
        let days = (action == Action::AutoClose).then_some(DEFAULT_AUTO_CLOSE_DAYS);
        self.line(Line::Status { from, to, action, note: (!note.is_empty()).then_some(note), days }, true);
        self.audit(&format!("request.{}", action.as_str()), serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "extra": extra }));
        self.tell(Notice::Status { to });
        self.closed |= to == Status::Closed;
        Ok(to)
    }

    /// Saves everything in one transaction and commits. Returns the request as saved.
    pub async fn commit(mut self) -> Result<Model, AppError> {
        let updated = self.current();
        if self.touched {
            let facts = svc::facts_of(self.tx(), &updated).await?;
            svc::set_deadlines(&mut self.row, &svc::terms_of(&self.before), &facts, updated.paused_since.is_some(), self.now);
            if !repo::requests::update_if_version(self.tx(), self.row.clone(), self.before.version).await? {
                // Someone changed it meanwhile: nothing is saved; the page reloads and shows why.
                return Err(AppError::Conflict);
            }
        }
        let tx = self.tx();
        if self.closed {
            super::surveys::on_close(tx, &updated, self.now).await?;
        }
        for (line, public) in &self.lines {
            repo::request_events::insert(tx, updated.id, self.by.user_id(), line, *public).await?;
        }
        if let By::User(caller) = self.by {
            for (action, detail) in &self.audits {
                super::audit::record(tx, caller, action, &updated.number, Some(updated.organization_id), detail.clone()).await?;
            }
        }
        // The customer hears of a change only when it has a line they may read.
        let public = self.lines.iter().any(|(_, public)| *public);
        if public {
            announce::publish(tx, &updated).await?;
            if let Some(notice) = self.told.last() {
                for user in announce::interested(&updated, self.by.user_id()) {
                    announce::notify(tx, user, &updated, notice.clone()).await?;
                }
            }
        } else {
            announce::publish_internal(tx, &updated).await?;
        }
        for (user, notice) in &self.told_users {
            announce::notify(tx, *user, &updated, notice.clone()).await?;
        }
        self.tx.commit().await?;
        Ok(updated)
    }
}
