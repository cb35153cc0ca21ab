use leptos::prelude::*;

use crate::error::AppError;

/// Moves a request through its lifecycle (`action` is a `domain::ticket::Action` name). The
/// state machine decides whether the caller may; `ssr::lifecycle` applies the consequences:
/// clocks paused or stopped, deadlines recomputed, timeline, notifications, live event.
#[server(endpoint = "act_on_request")]
pub async fn act_on_request(number: String, action: String, note: Option<String>, engineer_id: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        require, respond,
    };
    use domain::{ticket::Action, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        let action = Action::parse(action.trim()).ok_or_else(|| AppError::field("action", ErrorCode::InvalidChoice))?;
        let engineer = engineer_id.as_deref().and_then(|s| s.trim().parse::<i32>().ok());
        let mut change = Change::begin(&state, &caller, &number).await?;
        change.step(Step { note: note.unwrap_or_default(), engineer, ..Step::new(action) }).await?;
        change.commit().await?;
        Ok(())
    })
    .await
}

/// A public reply on the request. A customer's reply to "waiting on you" resumes the work.
#[server(endpoint = "reply_request")]
pub async fn reply_request(number: String, body: String) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        requests as svc, require, respond,
    };
    use domain::{
        notice::Notice,
        ticket::{Action, Line, Status},
        ErrorCode,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let body = body.trim().to_string();
        if body.is_empty() {
            return Err(AppError::field("body", ErrorCode::Required));
        }
        if body.chars().count() > 10_000 {
            return Err(AppError::field("body", ErrorCode::TooLong { max: 10_000 }));
        }
        let mut change = Change::begin(&state, &caller, &number).await?;
        let status = svc::status_of(change.request());
        if !(status.is_open() || status == Status::Resolved) {
            return Err(AppError::Transition(domain::ticket::TransitionError::NotAllowedFromStatus { from: status, action: Action::CustomerReplied }));
        }
        let staff = caller.actor.role.is_staff();
        change.line(Line::Reply { text: body }, true);
        if staff {
            change.first_response();
        } else if status == Status::WaitingOnCustomer {
            change.step(Step::new(Action::CustomerReplied)).await?;
        }
        change.tell(Notice::Reply { from: caller.user.display_name.clone() });
        change.commit().await?;
        // Islands mode: the form is a plain post; the page says "Reply sent." from the address.
        leptos_axum::redirect(&format!("{}?done=reply", domain::href::request(&number)));
        Ok(())
    })
    .await
}
