use leptos::prelude::*;

use crate::{error::AppError, model::ChecklistPage};

/// The checklist templates (current versions), and one opened for editing (`edit`: its id, or
/// "new"): managers edit, engineers and dispatchers read.
#[server(endpoint = "list_checklists")]
pub async fn list_checklists(edit: Option<String>) -> Result<ChecklistPage, AppError> {
    use domain::inspection::{checklist::template_text, edits_plans, plans_inspections, Template};

    use crate::{
        model::ChecklistSummary,
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        if !plans_inspections(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let current = db::repo::checklists::current(conn).await?;
        let templates = current
            .iter()
            .map(|t| ChecklistSummary {
                id: t.id,
                name: t.name.clone(),
                revision: t.revision,
                items: serde_json::from_str::<Template>(&t.items_json).map(|x| x.items.len()).unwrap_or(0),
            })
            .collect();
        let can_edit = edits_plans(caller.actor.role);
        let editing = match edit.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("new") => Some((None, String::new(), domain::inspection::checklist::DEFAULT_TEMPLATE.to_string())),
            Some(raw) => {
                let id = raw.parse::<i32>().map_err(|_| AppError::NotFound)?;
                let t = current.iter().find(|t| t.id == id).ok_or(AppError::NotFound)?;
                let items: Template = serde_json::from_str(&t.items_json).map_err(crate::ssr::internal)?;
                Some((Some(t.id), t.name.clone(), template_text(&items)))
            }
        };
        Ok(ChecklistPage { templates, editing: editing.filter(|_| can_edit), can_edit })
    })
    .await
}

/// Saves a template from its text (a new version of `id`, or a new template when `id` is 0):
/// each line that cannot be read is refused with its line and field. Plans take the new
/// version for inspections generated from now; planned inspections keep the version they have.
#[server(endpoint = "save_checklist")]
pub async fn save_checklist(id: i32, name: String, text: String) -> Result<(), AppError> {
    use domain::{
        inspection::{
            checklist::{parse_template, NAME_MAX},
            edits_plans,
        },
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !edits_plans(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let mut errors = vec![];
        let name = name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", ErrorCode::Required));
        } else if name.chars().count() > NAME_MAX {
            errors.push(FieldError::new("name", ErrorCode::TooLong { max: NAME_MAX }));
        }
        if text.len() > 100_000 {
            errors.push(FieldError::new("text", ErrorCode::TooLong { max: 100_000 }));
        }
        let template = match parse_template(&text) {
            Ok(t) => Some(t),
            Err(problems) => {
                errors.extend(problems.iter().map(|p| FieldError::new("text", p.code())));
                None
            }
        };
        let (Some(template), true) = (template, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        let previous = match id {
            0 => None,
            id => Some(db::repo::checklists::find(&*tx, id).await?.ok_or(AppError::NotFound)?),
        };
        let json = serde_json::to_string(&template).map_err(crate::ssr::internal)?;
        let saved = db::repo::checklists::save(&*tx, previous.as_ref(), &name, json, Some(caller.user.id)).await?.ok_or(AppError::Conflict)?;
        audit::record(
            &*tx,
            &caller,
            "checklist.save",
            &saved.id.to_string(),
            None,
            serde_json::json!({ "name": name, "revision": saved.revision, "items": template.items.len() }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::checklist(Some(saved.id)));
        Ok(())
    })
    .await
}
