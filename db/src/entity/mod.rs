//! sea-orm entities: one file a table, data only. Behaviour lives in `repo`.
pub mod organization;
pub mod session;
pub mod site;
pub mod user;
