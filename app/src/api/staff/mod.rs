//! The staff workspace: queues, triage and dispatch, on-site and remote work, escalation and
//! emergency plans, the audit log. Every function checks the caller's role first (customers
//! get "not found" for staff-only steps); internal lines never reach a customer.
mod audit;
mod escalation;
mod onsite;
mod queue;
mod remote;
mod replace_part;
mod triage;

pub use audit::*;
pub use escalation::*;
pub use onsite::*;
pub use queue::*;
pub use remote::*;
pub use replace_part::*;
pub use triage::*;
