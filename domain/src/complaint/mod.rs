//! Complaints to the provider's service supervision: not a request, but a matter for the
//! managers (the supervisors), with its own clocks (acknowledged within 1 working day,
//! answered within 5), closed only when the customer accepts the answer or after
//! [`AUTO_CLOSE_DAYS`] without a reply. The engineer a complaint concerns never sees it: no
//! engineer or dispatcher does (`may_read`).
mod rules;

pub use rules::*;

#[cfg(test)]
mod tests;
