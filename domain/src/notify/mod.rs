//! Mail notifications: which kind of event a notification is, how each person wants each
//! kind delivered (portal only, mail at once, a daily digest), quiet hours, and the SLA
//! warnings staff get at 75 % of a clock. Pure rules: the server decides with them inside the
//! change's transaction (`app::ssr::announce`), and the settings page shows the same lists.
mod form;
mod kind;
mod plan;
mod sla_warning;

pub use form::{validate_settings, ValidSettings};
pub use kind::{sender_mails, Channel, EventKind};
pub use plan::{digest_due, plan, MailPlan, QuietHours, DIGEST_HOUR};
pub use sla_warning::{warn_at, warn_points, SlaClock, WARN_PERCENT};

#[cfg(test)]
mod tests;
