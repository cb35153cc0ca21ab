//! Server-side rules shared by the staff workspace's server functions: who is working a
//! request and who may take a staff-only step. Saving goes through `ssr::lifecycle`.
use db::entity::request::Model;
use domain::{ticket::ActorKind, Role};

use super::{auth::Caller, requests as svc, state::AppState};
use crate::error::AppError;

/// Staff working the request: dispatchers and managers on any, an engineer on their own.
/// Admins administer the portal and do not work requests.
pub fn working_on(caller: &Caller, r: &Model) -> bool {
    match caller.actor.role {
        Role::Dispatcher | Role::Manager => true,
        Role::Engineer => r.assignee_id == Some(caller.user.id),
        _ => false,
    }
}

pub fn actor_kind(caller: &Caller) -> ActorKind {
    ActorKind::from_role(caller.actor.role)
}

/// A request for a staff-only step: customers get "not found" (the step does not exist for
/// them), other staff the request.
pub async fn load_for_staff(state: &AppState, caller: &Caller, number: &str) -> Result<Model, AppError> {
    if !caller.actor.role.is_staff() {
        return Err(AppError::NotFound);
    }
    svc::load_visible(state, caller, number).await
}
