//! Satisfaction surveys: answering (in the portal and through a one-time link), results,
//! and the admin page's settings and questions.
mod admin;
mod answer;
mod results;

pub use admin::*;
pub use answer::*;
pub use results::*;
