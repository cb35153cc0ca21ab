//! Building blocks shared by pages.
pub mod form;
pub mod guard;
pub mod layout;
pub mod users;
