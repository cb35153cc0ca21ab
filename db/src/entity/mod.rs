//! sea-orm entities: one file a table, data only. Behaviour lives in `repo`.
pub mod attachment;
pub mod audit_entry;
pub mod attachment_blob;
pub mod contract;
pub mod emergency_plan;
pub mod live_event;
pub mod notification;
pub mod organization;
pub mod remote_session;
pub mod request;
pub mod request_event;
pub mod request_pause;
pub mod session;
pub mod site;
pub mod user;
