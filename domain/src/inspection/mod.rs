//! Preventive inspections (issue 15): each contract's plan (how often, which sites and device
//! categories, which checklist, the notice period and the report deadline), the year's
//! inspections generated from it, the working days they are counted in, the checklist an
//! engineer fills in on site (readings outside their range are findings), and the states an
//! inspection goes through from planned to signed off.
pub mod checklist;
pub mod schedule;
pub mod status;
pub mod workdays;

pub use checklist::{Answer, Item, ItemKind, Section, Template};
pub use schedule::{Frequency, InspectionKind, PlanSettings};
pub use status::{InspectionAction, InspectionStatus};
