//! Booking a seat and cancelling a booking.
use domain::training::BookingStatus;
use leptos::prelude::*;

use crate::error::AppError;

/// Books a seat of session `id`, or a place on its waiting list when it is full. An empty
/// `user_id` books for the caller; a site manager may name a colleague of their organization,
/// training staff any active customer of an invited organization.
#[server(endpoint = "book_training")]
pub async fn book_training(id: i32, user_id: String) -> Result<BookingStatus, AppError> {
    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let target = match user_id.trim() {
            "" => None,
            s => Some(s.parse::<i32>().map_err(|_| AppError::field("user_id", domain::ErrorCode::InvalidChoice))?),
        };
        training::book(&state, &caller, id, target).await
    })
    .await
}

/// Cancels a booking (a seat or a waiting-list place). A freed seat goes to the first person
/// waiting, who is told.
#[server(endpoint = "cancel_booking")]
pub async fn cancel_booking(booking_id: i32) -> Result<(), AppError> {
    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        training::cancel(&state, &caller, booking_id).await
    })
    .await
}
