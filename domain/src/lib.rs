//! The portal's pure rules. Nothing here does I/O, so the same code decides on the server
//! (authoritatively) and in the browser (for instant feedback), and it is tested exhaustively
//! without a database or a browser.
pub mod attachment;
pub mod complaint;
pub mod dates;
pub mod equipment;
pub mod error_code;
pub mod href;
pub mod inspection;
pub mod knowledge;
pub mod live;
pub mod notice;
pub mod notify;
pub mod org;
pub mod page;
pub mod permission;
pub mod refusal;
pub mod report;
pub mod role;
pub mod validation;

pub use error_code::{ErrorCode, FieldError};
pub use org::OrgKind;
pub use page::{page_access, Access, Page};
pub use permission::Actor;
pub use refusal::{Denied, Refusal};
pub use role::Role;
pub mod sla;
pub mod survey;
pub mod ticket;
pub mod training;
