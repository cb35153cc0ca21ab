//! Service requests (tickets): the pure rules both the server and the browser apply.
//!
//! - `status`: where a request stands, and what that means for the SLA clocks;
//! - `action`, `actor`, `lifecycle`: the state machine (who may move a request from which
//!   status to which, and why not) and the buttons to show (`allowed_actions`);
//! - `number`: service numbers such as `SR-2026-000123`;
//! - `kind`, `validation`: the classification and the "new request" form.
//!
//! Nothing here reads a clock or a database: times come in as unix seconds, facts about the
//! request (assignee, timestamps) in a `TransitionContext`.
pub mod action;
pub mod clocks;
pub mod actor;
pub mod kind;
pub mod lifecycle;
pub mod number;
pub mod status;
pub mod validation;

pub use action::Action;
pub use clocks::{request_clocks, ClockFacts, RequestClocks, SlaTerms};
pub use actor::{ActorKind, StaffRole};
pub use kind::{FaultKind, RequestKind};
pub use lifecycle::{
    allowed_actions, transition, TransitionContext, TransitionError, DEFAULT_AUTO_CLOSE_DAYS, DEFAULT_REOPEN_WINDOW_DAYS,
    SECONDS_PER_DAY,
};
pub use number::{format_service_number, parse_service_number};
pub use status::Status;
pub use validation::{new_request, NewRequestInput, ValidNewRequest};
