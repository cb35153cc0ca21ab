use leptos::prelude::*;

use crate::{error::AppError, model::InspectionDetail};

/// One inspection: its date and who, the checklist per device (the site's devices in the
/// categories it checks) with the answers so far, findings and the requests they opened, the
/// report, its history and what the caller may do now.
#[server(endpoint = "get_inspection")]
pub async fn get_inspection(id: i32) -> Result<InspectionDetail, AppError> {
    use domain::{
        equipment::{DeviceCategory, DeviceStatus},
        inspection::{
            status::{actions, InspectionAction, InspectionEvent},
            Answer, InspectionKind, InspectionStatus,
        },
    };

    use crate::{
        model::{ChecklistEntry, ChecklistGroup, EngineerChoice, InspectionHistoryLine},
        ssr::{inspections as insp, require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let r = insp::visible(conn, &caller.actor, id).await?;
        let status = insp::status_of(&r);
        let cal = insp::calendar_of(&r);
        let kind = InspectionKind::parse(&r.kind).unwrap_or(InspectionKind::Regular);
        let (template, template_name, template_revision) = insp::template_of(conn, &r).await?;
        let site = db::repo::sites::find(conn, r.site_id).await?.ok_or(AppError::Internal)?;
        let categories: Vec<DeviceCategory> = serde_json::from_str(&r.categories_json).unwrap_or_default();
        let devices: Vec<_> = db::repo::devices::choices_at_site(conn, site.id, 3_000)
            .await?
            .into_iter()
            .filter(|d| DeviceStatus::parse(&d.status).is_none_or(|s| s == DeviceStatus::InService))
            .filter_map(|d| {
                let c = DeviceCategory::parse(&d.category)?;
                (categories.is_empty() || categories.contains(&c)).then_some((d, c))
            })
            .collect();
        let answers = db::repo::inspections::answers(conn, r.id).await?;
        let photos = db::repo::inspections::photos(conn, r.id).await?;
        let request_ids: Vec<i32> = answers.iter().filter_map(|a| a.request_id).collect();
        let numbers = db::repo::requests::numbers_of(conn, &request_ids).await?;
        let entry = |device_id: i32, item: &domain::inspection::Item| {
            let a = answers.iter().find(|a| a.device_id == device_id && a.item_key == item.key);
            ChecklistEntry {
                item: item.clone(),
                field: format!("a:{device_id}:{}", item.key),
                answer: a.and_then(|a| serde_json::from_str::<Answer>(&a.answer_json).ok()),
                note: a.map(|a| a.note.clone()).unwrap_or_default(),
                finding: a.is_some_and(|a| a.finding),
                answer_id: a.map(|a| a.id),
                request: a.and_then(|a| a.request_id).and_then(|id| numbers.get(&id).cloned()),
                photos: photos.iter().filter(|p| p.1 == device_id && p.2 == item.key).map(|p| p.0).collect(),
            }
        };
        let mut groups = vec![];
        let site_items: Vec<_> = template.items.iter().filter(|i| i.per_site()).collect();
        if !site_items.is_empty() {
            groups.push(ChecklistGroup { device_id: 0, title: String::new(), category: None, entries: site_items.iter().map(|i| entry(0, i)).collect() });
        }
        for (d, c) in &devices {
            let entries: Vec<_> = template.items.iter().filter(|i| i.applies_to(*c)).map(|i| entry(d.id, i)).collect();
            if !entries.is_empty() {
                groups.push(ChecklistGroup { device_id: d.id, title: format!("{} · {}", d.name, d.serial), category: Some(*c), entries });
            }
        }
        let total = groups.iter().map(|g| g.entries.len()).sum::<usize>() as u32;
        let answered = groups.iter().flat_map(|g| &g.entries).filter(|e| e.answer.is_some() || !e.photos.is_empty()).count() as u32;
        let findings = groups.iter().flat_map(|g| &g.entries).filter(|e| e.finding).count() as u32;
        let events = db::repo::inspections::events(conn, r.id).await?;
        let mut users: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
        users.extend(r.engineer_id);
        let names = db::repo::names::of(conn, &users, &[], &[r.organization_id]).await?;
        let who = |id: Option<i32>| id.and_then(|id| names.users.get(&id).map(|(n, _)| n.clone())).unwrap_or_default();
        let staff = caller.actor.role.is_staff();
        let history = events
            .into_iter()
            .filter_map(|e| {
                let event: InspectionEvent = serde_json::from_str(&e.detail).ok()?;
                // Cancelled-by-the-plan lines and the like are the provider's; customers see
                // what concerns them.
                if !staff && matches!(event, InspectionEvent::Assigned { .. }) {
                    return None;
                }
                Some(InspectionHistoryLine { at: super::local(e.created_at, cal.tz), who: who(e.actor_id), event })
            })
            .collect();
        let actor = insp::actor_of(&caller, &r);
        let assigned = r.engineer_id.is_some();
        let actions = actions(status, actor, assigned);
        let engineers = if actions.contains(&InspectionAction::Assign) {
            db::repo::users::active_with_role(conn, "engineer").await?.into_iter().map(|u| EngineerChoice { id: u.id, name: u.display_name }).collect()
        } else {
            vec![]
        };
        let engineer_phone = match r.engineer_id {
            Some(e) => db::repo::users::find(conn, e).await?.and_then(|u| u.phone),
            None => None,
        };
        Ok(InspectionDetail {
            id: r.id,
            version: r.version,
            organization: names.organizations.get(&r.organization_id).cloned().unwrap_or_default(),
            site_id: site.id,
            site: site.name,
            site_address: site.address,
            kind,
            status,
            date: r.date.to_string(),
            planned_date: r.planned_date.to_string(),
            announce_by: r.announce_by.to_string(),
            announced_late: r.announced_late,
            proposed_date: r.proposed_date.map(|d| d.to_string()),
            engineer: r.engineer_id.map(|e| who(Some(e))),
            engineer_phone,
            template: template_name,
            template_revision,
            started_at: r.started_at.map(|t| super::local(t, cal.tz)),
            finished_at: r.finished_at.map(|t| super::local(t, cal.tz)),
            report_due: r.report_due_at.map(|t| super::local(t, cal.tz)),
            report_due_ts: r.report_due_at.filter(|_| status == InspectionStatus::VisitDone).map(|t| t.timestamp()),
            reported_at: r.reported_at.map(|t| super::local(t, cal.tz)),
            signed_off_at: r.signed_off_at.map(|t| super::local(t, cal.tz)),
            summary: r.summary,
            groups,
            findings,
            answered,
            total,
            history,
            answering: actions.contains(&InspectionAction::Answer),
            actions,
            engineers,
            staff,
            tz: cal.tz.name().to_string(),
        })
    })
    .await
}
