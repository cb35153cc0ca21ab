//! Building blocks shared by pages.
pub mod form;
pub mod guard;
pub mod layout;
pub mod live;
pub mod request_bits;
pub mod sla_clock;
pub mod users;
