//! Service requests (tickets): the pure rules both the server and the browser apply.
//!
//! - `status`: where a request stands, and what that means for the SLA clocks;
//! - `action`, `actor`, `lifecycle`: the state machine (who may move a request from which
//!   status to which, and why not) and the buttons to show (`allowed_actions`);
//! - `number`: service numbers such as `SR-2026-000123`;
//! - `kind`, `validation`: the classification and the "new request" form;
//! - the staff workspace: `stage` (on-site visit stages), `activity` (work log), `remote`
//!   (customer-approved remote sessions), `emergency` (emergency plans and who authorises
//!   them), `escalate` (manual escalation), `fault_report` (the report at resolution),
//!   `triage` (severity changes); `field` holds their shared field checks.
//!
//! Nothing here reads a clock or a database: times come in as unix seconds, facts about the
//! request (assignee, timestamps) in a `TransitionContext`.
pub mod action;
pub mod activity;
pub mod actor;
pub mod clocks;
pub mod emergency;
pub mod escalate;
pub mod fault_report;
pub mod field;
pub mod kind;
pub mod lifecycle;
pub mod number;
pub mod remote;
pub mod stage;
pub mod status;
pub mod timeline;
pub mod triage;
pub mod validation;

pub use action::Action;
pub use activity::{validate_activity, ActivityChannel, ValidActivity};
pub use actor::{ActorKind, StaffRole};
pub use clocks::{request_clocks, ClockFacts, RequestClocks, SlaTerms};
pub use emergency::{
    allowed_emergency_actions, emergency_transition, validate_emergency_proposal, validate_emergency_reason, EmergencyAction, EmergencyError, EmergencyKind,
    EmergencyStatus,
};
pub use escalate::{may_escalate, validate_escalation, EscalationTarget};
pub use fault_report::{validate_fault_report, FaultReport};
pub use kind::{FaultKind, RequestKind};
pub use lifecycle::{allowed_actions, transition, TransitionContext, TransitionError, DEFAULT_AUTO_CLOSE_DAYS, DEFAULT_REOPEN_WINDOW_DAYS, SECONDS_PER_DAY};
pub use number::{format_service_number, parse_service_number};
pub use remote::{allowed_remote_actions, remote_transition, validate_command_log, validate_remote_plan, RemoteAction, RemoteError, RemoteStatus};
pub use stage::{next_stage_allowed, next_stages, stage_allowed_in, OnSiteStage, StageError};
pub use status::Status;
pub use timeline::{Line, Moved, SeverityChange};
pub use triage::{may_triage, validate_severity_change};
pub use validation::{new_request, NewRequestInput, ValidNewRequest};
