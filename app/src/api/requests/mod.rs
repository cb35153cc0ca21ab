//! Service requests: submit, list, read, act on, reply.
mod act;
mod detail;
mod list;
mod submit;

pub use act::*;
pub use detail::*;
pub use list::*;
pub use submit::*;
