//! Training sessions: customers browse (list and month calendar), book and cancel seats and
//! give feedback afterwards; staff who organise training create, edit and cancel sessions,
//! see the attendees and mark attendance. The rules are `domain::training`; the seat
//! transactions are `ssr::training`.
mod book;
mod browse;
mod feedback;
mod manage;

pub use book::*;
pub use browse::*;
pub use feedback::*;
pub use manage::*;
