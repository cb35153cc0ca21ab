use leptos::prelude::*;

use crate::error::AppError;

/// Opens a service request from a finding, in one tap: a fault at the inspection's site, on
/// the device the item was answered for, titled with the item, its answer and the engineer's
/// note in the description, the item's photos attached, under the contract's terms, logged for
/// the organization's site manager. Once per finding (a second tap is refused, 409); the
/// inspection lists it, and the page stays where it was.
#[server(endpoint = "open_finding_request")]
pub async fn open_finding_request(answer_id: i32) -> Result<(), AppError> {
    use domain::{
        inspection::{status::InspectionEvent, Answer},
        sla::Severity,
        ticket::{FaultKind, Line, RequestKind},
        Refusal, Role,
    };

    use crate::ssr::{inspections as insp, requests, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.role.is_staff() || caller.actor.role == Role::Admin {
            return Err(AppError::Forbidden);
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let a = db::repo::inspections::find_answer(&*tx, answer_id).await?.ok_or(AppError::NotFound)?;
        let r = insp::visible(&*tx, &caller.actor, a.inspection_id).await?;
        let works = r.engineer_id == Some(caller.user.id) || matches!(caller.actor.role, Role::Dispatcher | Role::Manager);
        if !works {
            return Err(AppError::Forbidden);
        }
        if !a.finding
            || a.request_id.is_some()
            || !matches!(insp::status_of(&r), s if !s.before_visit() && s != domain::inspection::InspectionStatus::Cancelled)
        {
            return Err(AppError::NotNow(Refusal::InspectionNotNow));
        }
        let (template, _, _) = insp::template_of(&*tx, &r).await?;
        let item = template.items.iter().find(|i| i.key == a.item_key).ok_or(AppError::Internal)?;
        let device = if a.device_id == 0 { None } else { db::repo::devices::find(&*tx, a.device_id).await?.filter(|d| d.site_id == r.site_id) };
        let answer = serde_json::from_str::<Answer>(&a.answer_json).map(|x| x.raw()).unwrap_or_default();
        let range = item.kind.range_text().map(|t| format!(" ({t})")).unwrap_or_default();
        let requester = match insp::people(&*tx, r.organization_id, "site_manager").await?.first() {
            Some(id) => *id,
            None => db::repo::users::list_by_org(&*tx, r.organization_id)
                .await?
                .into_iter()
                .find(|u| u.active)
                .map(|u| u.id)
                .ok_or(AppError::NotNow(Refusal::InspectionNotNow))?,
        };
        let phone = db::repo::users::find(&*tx, requester).await?.and_then(|u| u.phone).unwrap_or_default();
        let on = device.as_ref().map(|d| format!(" — {} {}", d.name, d.serial)).unwrap_or_default();
        let title: String = format!("{}{on}", item.label).chars().take(200).collect();
        let mut description = format!("{}: {answer}{range}", item.label);
        if !a.note.is_empty() {
            description.push_str(&format!("\n{}", a.note));
        }
        description.push_str(&format!("\n\n{}{}", state.public_url, domain::href::inspection(r.id)));
        let new = requests::NewRequest {
            organization_id: r.organization_id,
            site_id: r.site_id,
            requester_id: requester,
            created_by: caller.user.id,
            title: &title,
            description: &description,
            kind: RequestKind::Fault,
            fault_kind: Some(FaultKind::Hardware),
            severity: Severity::Minor,
            system: device.as_ref().map(|d| d.name.as_str()).unwrap_or(""),
            contact_phone: &phone,
            device_id: device.as_ref().map(|d| d.id),
            created: Line::Created { severity: Severity::Minor.level(), on_behalf_of: None, channel: None, follow_up_of: None, inspection: Some(r.id) },
        };
        let req = requests::open(&*tx, new, now).await?;
        if !db::repo::inspections::set_answer_request(&*tx, a.id, req.id).await? {
            return Err(AppError::NotNow(Refusal::InspectionNotNow));
        }
        // The item's photos go with it, readable on the request.
        for (photo_id, device_id, key, _) in db::repo::inspections::photos(&*tx, r.id).await? {
            if device_id == a.device_id && key == a.item_key {
                if let Some(p) = db::repo::inspections::find_photo(&*tx, photo_id).await? {
                    db::repo::attachments::insert(&*tx, req.id, caller.user.id, &p.filename, &p.content_type, p.data).await?;
                }
            }
        }
        db::repo::inspections::add_event(
            &*tx,
            r.id,
            Some(caller.user.id),
            &InspectionEvent::RequestOpened { number: req.number.clone(), item: item.label.clone() },
        )
        .await?;
        insp::publish(&*tx, &r).await?;
        tx.commit().await?;
        tracing::info!(inspection = r.id, number = %req.number, "request opened from a finding");
        Ok(())
    })
    .await
}
