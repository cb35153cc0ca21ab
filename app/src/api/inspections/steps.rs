use leptos::prelude::*;

use crate::error::AppError;

/// One step on an inspection (`action`: assign, move, announce, confirm, propose, start,
/// finish, report, sign_off, ask, cancel), taken by whoever `domain::inspection::status`
/// allows, on the version the page showed (a stale page gets 409, nothing changes). `date`
/// for move and propose ("YYYY-MM-DD"), `engineer_id` for assign, `note` for propose, report
/// (the summary), sign_off, ask (the question) and cancel (the reason).
#[server(endpoint = "act_on_inspection")]
pub async fn act_on_inspection(
    id: i32,
    version: i32,
    action: String,
    date: Option<String>,
    engineer_id: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    use db::{entity::inspection::ActiveModel, sea_orm::ActiveValue::Set};
    use domain::{
        inspection::{
            status::{transition, InspectionAction as A, InspectionEvent as E, StepError, NOTE_MAX, SUMMARY_MAX},
            workdays, InspectionStatus,
        },
        notice::InspectionNote as N,
        ErrorCode, FieldError, Refusal,
    };

    use crate::ssr::{inspections as insp, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let action = match action.as_str() {
            "assign" => A::Assign,
            "move" => A::Move,
            "announce" => A::Announce,
            "confirm" => A::Confirm,
            "propose" => A::Propose,
            "start" => A::Start,
            "finish" => A::Finish,
            "report" => A::Report,
            "sign_off" => A::SignOff,
            "ask" => A::Ask,
            "cancel" => A::Cancel,
            _ => return Err(AppError::field("action", ErrorCode::InvalidChoice)),
        };
        let note = note.unwrap_or_default().trim().to_string();
        let max = if action == A::Report { SUMMARY_MAX } else { NOTE_MAX };
        if note.chars().count() > max {
            return Err(AppError::field("note", ErrorCode::TooLong { max }));
        }
        if matches!(action, A::Report | A::Ask | A::Cancel) && note.is_empty() {
            return Err(AppError::field("note", ErrorCode::Required));
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let r = insp::visible(&*tx, &caller.actor, id).await?;
        let cal = insp::calendar_of(&r);
        let today = insp::today_in(&cal, now);
        let day = match (action, date.as_deref().map(str::trim).unwrap_or("")) {
            (A::Move | A::Propose, "") => return Err(AppError::field("date", ErrorCode::Required)),
            (A::Move | A::Propose, d) => {
                let d = domain::dates::parse_date(d).ok_or_else(|| AppError::field("date", ErrorCode::InvalidDate))?;
                // Not in the past, nor on a day off (the site and the engineer both work).
                if d < today || !workdays::is_workday(&cal, d) {
                    return Err(AppError::field("date", ErrorCode::InvalidDate));
                }
                Some(d)
            }
            _ => None,
        };
        let engineer = match action {
            A::Assign => {
                let raw = engineer_id.as_deref().map(str::trim).unwrap_or("");
                let eid = raw
                    .parse::<i32>()
                    .map_err(|_| AppError::field("engineer_id", if raw.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }))?;
                match db::repo::users::find(&*tx, eid).await? {
                    Some(u) if u.active && u.role == "engineer" => Some(u),
                    _ => return Err(AppError::field("engineer_id", ErrorCode::InvalidChoice)),
                }
            }
            _ => None,
        };
        if r.version != version {
            return Err(AppError::Conflict);
        }
        let status = insp::status_of(&r);
        let actor = insp::actor_of(&caller, &r);
        let to_proposed = day.is_some() && day == r.proposed_date;
        let to = transition(status, action, actor, r.engineer_id.is_some(), to_proposed).map_err(|e| match e {
            StepError::NotYours => AppError::Forbidden,
            StepError::NotNow => AppError::NotNow(Refusal::InspectionNotNow),
        })?;
        if action == A::Announce {
            insp::announce(&*tx, &r, Some(caller.user.id), &state.public_url, now).await?;
            tx.commit().await?;
            return Ok(());
        }
        let mut row = ActiveModel { status: Set(to.as_str().into()), ..Default::default() };
        let me = Some(caller.user.id);
        let (event, tell): (E, Vec<(Vec<i32>, N)>) = match action {
            A::Assign => {
                let e = engineer.ok_or(AppError::Internal)?;
                row.engineer_id = Set(Some(e.id));
                (E::Assigned { engineer: e.display_name.clone() }, vec![(vec![e.id], N::Assigned)])
            }
            A::Move => {
                let d = day.ok_or(AppError::Internal)?;
                row.date = Set(d);
                row.proposed_date = Set(None);
                row.announce_by = Set(workdays::sub(&cal, d, r.notice_days as u32).unwrap_or(d));
                row.late_flagged = Set(false);
                if to == InspectionStatus::Announced {
                    // Told again: the notice is counted from now.
                    row.announced_at = Set(Some(now));
                    row.announced_late = Set(!workdays::notice_kept(&cal, today, d, r.notice_days as u32));
                }
                let told = if status.told() { insp::people(&*tx, r.organization_id, "site_manager").await? } else { vec![] };
                (E::Moved { from: r.date, to: d }, vec![(told, N::Moved), (r.engineer_id.into_iter().collect(), N::Moved)])
            }
            A::Confirm => {
                let desk = insp::staff(&*tx, &["dispatcher"]).await?;
                (E::Confirmed {}, vec![(r.engineer_id.into_iter().chain(desk).collect(), N::Confirmed)])
            }
            A::Propose => {
                let d = day.ok_or(AppError::Internal)?;
                if d == r.date {
                    return Err(AppError::field("date", ErrorCode::Unchanged));
                }
                row.proposed_date = Set(Some(d));
                (E::Proposed { date: d, note: note.clone() }, vec![(insp::staff(&*tx, &["dispatcher"]).await?, N::Proposed)])
            }
            A::Start => {
                row.started_at = Set(Some(now));
                (E::Started {}, vec![])
            }
            A::Finish => {
                row.finished_at = Set(Some(now));
                row.report_due_at = Set(workdays::report_due(&cal, now, r.report_days as u32));
                let answers = db::repo::inspections::answers(&*tx, r.id).await?;
                verify_environment(&*tx, &r, &answers, caller.user.id, now).await?;
                (E::Finished { findings: answers.iter().filter(|a| a.finding).count() as u32 }, vec![])
            }
            A::Report => {
                row.summary = Set(note.clone());
                row.reported_at = Set(Some(now));
                (E::Reported {}, vec![(insp::people(&*tx, r.organization_id, "site_manager").await?, N::Reported)])
            }
            A::SignOff => {
                row.signed_off_at = Set(Some(now));
                let managers = insp::staff(&*tx, &["manager"]).await?;
                (E::SignedOff { note: note.clone() }, vec![(r.engineer_id.into_iter().chain(managers).collect(), N::SignedOff)])
            }
            A::Ask => (E::Asked { question: note.clone() }, vec![(r.engineer_id.into_iter().collect(), N::Questioned)]),
            A::Cancel => (E::Cancelled { reason: note.clone() }, vec![]),
            A::Announce | A::Answer => return Err(AppError::Invalid(vec![FieldError::new("action", ErrorCode::InvalidChoice)])),
        };
        let saved = insp::save_step(&*tx, &r, row, me, Some(&event)).await?;
        for (users, what) in tell {
            insp::tell(&*tx, &saved, &users, me, what).await?;
        }
        tx.commit().await?;
        tracing::info!(inspection = id, action = ?action, by = caller.user.id, "inspection step");
        Ok(())
    })
    .await
}

/// The site profile's environment fields the checklist's answered site items verify are
/// recorded as verified by this inspection (a concurrent profile save wins: it is newer).
#[cfg(feature = "ssr")]
async fn verify_environment(
    tx: &impl db::sea_orm::ConnectionTrait,
    r: &db::entity::inspection::Model,
    answers: &[db::entity::inspection_answer::Model],
    by: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use std::collections::BTreeMap;

    use domain::equipment::site_profile::{verified_on_site, EnvField, Verified};
    let (template, _, _) = crate::ssr::inspections::template_of(tx, r).await?;
    let fields: Vec<EnvField> =
        template.items.iter().filter(|i| i.per_site() && answers.iter().any(|a| a.device_id == 0 && a.item_key == i.key)).flat_map(|i| i.env.clone()).collect();
    if fields.is_empty() {
        return Ok(());
    }
    let Some(p) = db::repo::sites::profile(tx, r.site_id).await? else { return Ok(()) };
    let old: BTreeMap<EnvField, Verified> = serde_json::from_str(&p.environment_json).unwrap_or_default();
    let new = verified_on_site(&old, &fields, by, now.timestamp(), r.id);
    db::repo::sites::set_environment(tx, r.site_id, p.version, serde_json::to_string(&new).map_err(crate::ssr::internal)?).await?;
    Ok(())
}
