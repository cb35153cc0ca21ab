//! The equipment archive of a customer's sites: what a device is (category, status), whether
//! its warranty still covers it, and what a device record must hold before it is saved (the
//! same check for the form and for each row of a CSV import).
pub mod access;
mod choice;
pub mod config_backup;
mod device_form;
pub mod import;
mod kind;
pub mod site_profile;
pub mod software;
pub mod stock;
pub mod upgrade;
mod warranty;

pub use choice::*;
pub use device_form::*;
pub use kind::*;
pub use warranty::*;
