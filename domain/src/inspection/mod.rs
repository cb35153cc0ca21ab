//! Preventive inspections (issue 15): each contract's plan (how often, which sites and device
//! categories, which checklist, the notice period and the report deadline), the year's
//! inspections generated from it, the working days they are counted in, the checklist an
//! engineer fills in on site (readings outside their range are findings), and the states an
//! inspection goes through from planned to signed off.
pub mod assurance;
pub mod checklist;
pub mod schedule;
pub mod status;
pub mod workdays;

pub use checklist::{Answer, Item, ItemKind, Section, Template};
pub use schedule::{Frequency, InspectionKind, PlanSettings};
pub use status::{InspectionAction, InspectionStatus};

use crate::role::Role;

/// Managers edit plans and checklist templates; dispatchers and engineers read them.
pub fn edits_plans(role: Role) -> bool {
    role == Role::Manager
}

/// Who opens the plan and template pages: staff who plan or do inspections.
pub fn plans_inspections(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Dispatcher | Role::Engineer)
}
