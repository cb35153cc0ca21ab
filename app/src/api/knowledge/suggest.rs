use leptos::prelude::*;

use crate::{error::AppError, model::Suggestion};

/// Up to five articles for what the customer is typing on the new-request form (title and
/// description), the ones naming the chosen device's model or the software first. `token` is
/// the form's (`NewRequestForm::kb_token`): each article is counted as shown once per form.
#[server(endpoint = "suggest_articles")]
pub async fn suggest_articles(token: String, title: String, description: String, device: String, system: String) -> Result<Vec<Suggestion>, AppError> {
    use domain::{
        knowledge::{article::valid_token, index::SearchOpts, Reader},
        ErrorCode, FieldError,
    };

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let mut errors = vec![];
        if !valid_token(token.trim()) {
            errors.push(FieldError::new("token", ErrorCode::InvalidChoice));
        }
        for (field, value, max) in [("title", &title, 200), ("description", &description, 20_000), ("device", &device, 300), ("system", &system, 200)] {
            if value.chars().count() > max {
                errors.push(FieldError::new(field, ErrorCode::TooLong { max }));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let conn = &state.db.conn;
        // The chosen device's model, if it is one of the caller's organization's devices.
        let mut related = vec![];
        if let Ok(Some(id)) = domain::equipment::parse_choice(&device) {
            if let Some(d) = db::repo::devices::find(conn, id).await?.filter(|d| d.organization_id == caller.org.id || caller.actor.role.is_staff()) {
                related.push(d.model);
            }
        }
        if !system.trim().is_empty() {
            related.push(system.trim().to_string());
        }
        // The title says what the problem is; the description's first lines add to it.
        let desc: String = description.chars().take(300).collect();
        let query = format!("{} {}", title.trim(), desc.trim());
        if query.trim().is_empty() {
            return Ok(vec![]);
        }
        let reader = Reader::of(Some(caller.actor.role), caller.org.id);
        let hits = state.kb.search(conn, reader, &query, &SearchOpts { limit: 5, related, snippet_chars: 90 }).await?;
        let ids: Vec<i32> = hits.iter().map(|h| h.id).collect();
        db::repo::kb_usage::shown(conn, token.trim(), &ids, caller.user.id, caller.org.id).await?;
        Ok(hits.into_iter().map(|h| Suggestion { id: h.id, title: h.title, snippet: h.snippet, related: h.related }).collect())
    })
    .await
}
