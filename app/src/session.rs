//! The signed-in session as the pages see it: who is signed in and their unread notification
//! count. Both are resources created once by the root component (`App`) and read anywhere
//! through context.
use leptos::prelude::*;

use crate::{error::AppError, model::Me};

/// The signed-in user as a resource every page can read (`use_me`).
pub type MeResource = Resource<Result<Option<Me>, AppError>>;

/// The unread-notification count. Created at the root, like every resource that the layout
/// reads: resources are matched to the server's serialized data in creation order, so one
/// created inside a suspended part of the layout would take a page's data.
pub type UnreadResource = Resource<Result<u64, AppError>>;

pub fn use_me() -> MeResource {
    expect_context::<MeResource>()
}

pub fn use_unread() -> UnreadResource {
    expect_context::<UnreadResource>()
}
