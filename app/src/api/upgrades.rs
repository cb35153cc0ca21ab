//! Upgrade and patch plans: staff propose a plan for devices of one organization; its site
//! manager approves or refuses that exact revision; staff carry it out and record each
//! device's result (a success updates the device's version). Customers read their own
//! organization's plans; everyone else's is "not found" (`domain::equipment::upgrade`).
use domain::equipment::upgrade::PlanForm;
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{PlanDetail, PlanFormData, PlanList},
};

/// Plans the list shows.
#[cfg(feature = "ssr")]
const LIST_MAX: u64 = 200;

#[cfg(feature = "ssr")]
fn refused(e: domain::equipment::upgrade::PlanError) -> AppError {
    match e {
        domain::equipment::upgrade::PlanError::NotYours => AppError::Forbidden,
        domain::equipment::upgrade::PlanError::NotNow => AppError::NotNow(domain::Refusal::UpgradeNotNow),
    }
}

#[cfg(feature = "ssr")]
fn local(at: chrono::DateTime<chrono::Utc>, tz: &str) -> String {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(domain::equipment::WARRANTY_TZ);
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// The newest plans the caller may see.
#[server(endpoint = "list_upgrade_plans")]
pub async fn list_upgrade_plans() -> Result<PlanList, AppError> {
    use domain::equipment::{
        access,
        upgrade::{PlanActor, PlanStatus},
    };

    use crate::{
        model::PlanRow,
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let plans = db::repo::upgrades::list(conn, access::scope(&caller.actor), LIST_MAX).await?;
        let orgs: Vec<i32> = plans.iter().map(|p| p.organization_id).collect();
        let names = db::repo::names::of(conn, &[], &[], &orgs).await?;
        let rows = plans
            .into_iter()
            .filter_map(|p| {
                Some(PlanRow {
                    id: p.id,
                    organization: names.organizations.get(&p.organization_id).cloned().unwrap_or_default(),
                    status: PlanStatus::parse(&p.status)?,
                    target_version: p.target_version,
                    window: format!("{} – {}", local(p.window_start, &p.tz), local(p.window_end, &p.tz)),
                    title: p.title,
                })
            })
            .collect();
        Ok(PlanList { rows, can_propose: PlanActor::of(caller.actor.role) == PlanActor::Staff })
    })
    .await
}

/// One plan with its devices, its history and what the caller may do now.
#[server(endpoint = "get_upgrade_plan")]
pub async fn get_upgrade_plan(id: i32) -> Result<PlanDetail, AppError> {
    use domain::equipment::upgrade::{plan_actions, DeviceResult, PlanActor, PlanEvent, PlanStatus};

    use crate::{
        model::{PlanDevice, PlanHistoryLine},
        ssr::{require, respond, upgrades as up},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let p = up::visible(conn, &caller.actor, id).await?;
        let status = PlanStatus::parse(&p.status).ok_or(AppError::Internal)?;
        let rows = db::repo::upgrades::devices_of(conn, p.id).await?;
        let events = db::repo::upgrades::events(conn, p.id).await?;
        let mut users: Vec<i32> = events.iter().map(|e| e.actor_id).collect();
        users.extend(rows.iter().filter_map(|r| r.result_by));
        users.push(p.proposed_by);
        let names = db::repo::names::of(conn, &users, &[], &[p.organization_id]).await?;
        let who = |id: i32| names.users.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
        let mut devices = vec![];
        for r in rows {
            let Some(d) = db::repo::devices::find(conn, r.device_id).await? else { continue };
            devices.push(PlanDevice {
                device_id: d.id,
                name: d.name,
                serial: d.serial,
                from_version: r.from_version,
                current_version: d.firmware,
                result: r.result.as_deref().and_then(DeviceResult::parse),
                note: r.result_note,
                result_by: r.result_by.map(who),
                result_at: r.result_at.map(|t| local(t, &p.tz)),
            });
        }
        let history = events
            .into_iter()
            .filter_map(|e| {
                let event: PlanEvent = serde_json::from_str(&e.detail).ok()?;
                Some(PlanHistoryLine { at: local(e.created_at, &p.tz), who: who(e.actor_id), revision: e.revision, event })
            })
            .collect();
        // Actions only on a plan of the caller's organization (staff: any).
        let actions = plan_actions(status, PlanActor::of(caller.actor.role));
        Ok(PlanDetail {
            id: p.id,
            organization: names.organizations.get(&p.organization_id).cloned().unwrap_or_default(),
            window_start: local(p.window_start, &p.tz),
            window_end: local(p.window_end, &p.tz),
            proposed_by: who(p.proposed_by),
            title: p.title,
            target_version: p.target_version,
            steps: p.steps,
            rollback: p.rollback,
            impact: p.impact,
            tz: p.tz,
            status,
            revision: p.revision,
            approved_revision: p.approved_revision,
            decision_note: p.decision_note,
            devices,
            history,
            actions,
        })
    })
    .await
}

/// The propose (id 0, for the organization of `device`, which starts chosen) or edit form.
#[server(endpoint = "get_upgrade_form")]
pub async fn get_upgrade_form(id: i32, device: i32) -> Result<PlanFormData, AppError> {
    use domain::equipment::upgrade::{PlanActor, PlanStatus};

    use crate::ssr::{equipment as eq, require, respond, upgrades as up};
    respond(async move {
        let (state, caller) = require().await?;
        if PlanActor::of(caller.actor.role) != PlanActor::Staff {
            return Err(if caller.actor.role.is_staff() { AppError::Forbidden } else { AppError::NotFound });
        }
        let conn = &state.db.conn;
        let (org, chosen, id, version, form) = if id == 0 {
            let d = eq::visible(conn, &caller.actor, device).await?;
            (d.organization_id, vec![d.id], 0, 0, PlanForm { target_version: String::new(), ..Default::default() })
        } else {
            let p = up::visible(conn, &caller.actor, id).await?;
            if PlanStatus::parse(&p.status).is_none_or(|s| s.is_final()) {
                return Err(AppError::NotNow(domain::Refusal::UpgradeNotNow));
            }
            let chosen = db::repo::upgrades::devices_of(conn, p.id).await?.into_iter().map(|r| r.device_id).collect();
            let form = PlanForm {
                window_start: local(p.window_start, &p.tz).replace(' ', "T"),
                window_end: local(p.window_end, &p.tz).replace(' ', "T"),
                title: p.title,
                target_version: p.target_version,
                steps: p.steps,
                rollback: p.rollback,
                impact: p.impact,
            };
            (p.organization_id, chosen, p.id, p.version, form)
        };
        let tz = crate::ssr::contract_calendar::zone(conn, org).await?;
        let organization = db::repo::organizations::find(conn, org).await?.map(|o| o.name).unwrap_or_default();
        let devices = db::repo::devices::choices(conn, org, 3_000)
            .await?
            .into_iter()
            .map(|d| {
                let label = [d.name.as_str(), &d.model, &d.serial, &d.firmware].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ");
                (d.id, label, chosen.contains(&d.id))
            })
            .collect();
        Ok(PlanFormData { id, version, organization, tz: tz.name().to_string(), devices, form })
    })
    .await
}

/// Proposes a plan (id 0) or saves a new revision of one (which needs approving again), and
/// opens its page. The devices are checkboxes `device_ids[i]`, all of one organization.
#[server(endpoint = "save_upgrade_plan")]
pub async fn save_upgrade_plan(id: i32, version: i32, device_ids: Option<Vec<String>>, #[server(flatten)] form: PlanForm) -> Result<i32, AppError> {
    use domain::{
        equipment::{
            access,
            upgrade::{plan_transition, PlanAction, PlanActor, PlanEvent, PlanStatus},
        },
        notice::Notice,
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond, upgrades as up};
    respond(async move {
        let (state, caller) = require().await?;
        let actor = PlanActor::of(caller.actor.role);
        if actor != PlanActor::Staff {
            return Err(if caller.actor.role.is_staff() { AppError::Forbidden } else { AppError::NotFound });
        }
        if version < 0 {
            return Err(AppError::field("version", ErrorCode::OutOfRange { min: 0, max: i64::from(i32::MAX) }));
        }
        let conn = &state.db.conn;
        let bad_devices = || FieldError::new("device_ids", ErrorCode::InvalidChoice);
        let mut ids = vec![];
        for raw in device_ids.unwrap_or_default() {
            match raw.trim().parse::<i32>() {
                Ok(n) if n > 0 => ids.push(n),
                _ => return Err(AppError::Invalid(vec![bad_devices()])),
            }
        }
        // The organization: the plan's, or (new) its first device's; every device must be of it.
        let existing = if id == 0 { None } else { Some(up::visible(conn, &caller.actor, id).await?) };
        let mut devices = vec![];
        for d in &ids {
            match db::repo::devices::find(conn, *d).await? {
                Some(dev) if access::sees(&caller.actor, dev.organization_id) => devices.push(dev),
                _ => return Err(AppError::Invalid(vec![bad_devices()])),
            }
        }
        let org = existing.as_ref().map(|p| p.organization_id).or(devices.first().map(|d| d.organization_id));
        if devices.iter().any(|d| Some(d.organization_id) != org) {
            return Err(AppError::Invalid(vec![bad_devices()]));
        }
        let tz = match org {
            Some(o) => crate::ssr::contract_calendar::zone(conn, o).await?,
            None => domain::equipment::WARRANTY_TZ,
        };
        let input = form.check(&ids, tz).map_err(AppError::Invalid)?;
        let org = org.ok_or_else(|| AppError::Invalid(vec![FieldError::new("device_ids", ErrorCode::Required)]))?;
        let versions: Vec<(i32, String)> =
            input.devices.iter().filter_map(|i| devices.iter().find(|d| d.id == *i)).map(|d| (d.id, d.firmware.clone())).collect();
        let tx = state.db.begin_write().await?;
        let plan = match existing {
            None => {
                let p = db::repo::upgrades::insert(&*tx, org, &input, tz.name(), caller.user.id).await?;
                db::repo::upgrades::set_devices(&*tx, p.id, &versions).await?;
                db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision, &PlanEvent::Proposed).await?;
                p
            }
            Some(p) => {
                let status = PlanStatus::parse(&p.status).ok_or(AppError::Internal)?;
                plan_transition(status, PlanAction::Edit, actor).map_err(refused)?;
                // Carried out in part: what was done stays as it was approved.
                if db::repo::upgrades::devices_of(&*tx, p.id).await?.iter().any(|r| r.result.is_some()) {
                    return Err(AppError::NotNow(domain::Refusal::UpgradeNotNow));
                }
                if !db::repo::upgrades::update(&*tx, p.id, version, &input).await? {
                    return Err(AppError::Conflict);
                }
                db::repo::upgrades::set_devices(&*tx, p.id, &versions).await?;
                db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision + 1, &PlanEvent::Edited).await?;
                db::repo::upgrades::find(&*tx, p.id).await?.ok_or(AppError::NotFound)?
            }
        };
        audit::record(
            &*tx,
            &caller,
            if id == 0 { "upgrade.propose" } else { "upgrade.edit" },
            &format!("upgrade:{}", plan.id),
            Some(org),
            serde_json::json!({ "plan": input }),
        )
        .await?;
        let managers = up::site_managers(&*tx, org).await?;
        up::tell(&*tx, &plan, &managers, caller.user.id, Notice::UpgradeProposed {}).await?;
        up::publish(&*tx, &plan).await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::upgrade(plan.id));
        Ok(plan.id)
    })
    .await
}

/// The site manager's decision on the revision they read (`revision`): a plan edited since
/// is refused as stale (`Conflict`), so an approval is always for the plan as shown.
#[server(endpoint = "decide_upgrade_plan")]
pub async fn decide_upgrade_plan(id: i32, revision: i32, decision: String, note: Option<String>) -> Result<(), AppError> {
    use domain::{
        equipment::upgrade::{check_refusal, plan_transition, PlanAction, PlanActor, PlanEvent, PlanStatus},
        notice::Notice,
        ErrorCode,
    };

    use crate::ssr::{audit, require, respond, upgrades as up};
    respond(async move {
        let (state, caller) = require().await?;
        let action = match decision.trim() {
            "approve" => PlanAction::Approve,
            "refuse" => PlanAction::Refuse,
            "" => return Err(AppError::field("decision", ErrorCode::Required)),
            _ => return Err(AppError::field("decision", ErrorCode::InvalidChoice)),
        };
        let note = note.unwrap_or_default();
        let reason = if action == PlanAction::Refuse { Some(check_refusal(&note).map_err(|e| AppError::Invalid(vec![e]))?) } else { None };
        let tx = state.db.begin_write().await?;
        let p = up::visible(&*tx, &caller.actor, id).await?;
        let status = PlanStatus::parse(&p.status).ok_or(AppError::Internal)?;
        let to = plan_transition(status, action, PlanActor::of(caller.actor.role)).map_err(refused)?;
        if revision != p.revision {
            return Err(AppError::Conflict);
        }
        if !db::repo::upgrades::set_status(&*tx, &p, to, Some((caller.user.id, reason.as_deref().unwrap_or("")))).await? {
            return Err(AppError::Conflict);
        }
        let event = match reason {
            Some(note) => PlanEvent::Refused { note },
            None => PlanEvent::Approved,
        };
        db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision, &event).await?;
        audit::record(&*tx, &caller, "upgrade.decide", &format!("upgrade:{}", p.id), Some(p.organization_id), serde_json::json!({ "event": event })).await?;
        up::tell(&*tx, &p, &[p.proposed_by], caller.user.id, Notice::UpgradeDecided { approved: to == PlanStatus::Approved }).await?;
        up::publish(&*tx, &p).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// A device's result as the approved plan was carried out. A success sets the device's
/// version to the plan's target; a rollback keeps it and needs a note. With the last device's
/// result the plan is done.
#[server(endpoint = "record_upgrade_result")]
pub async fn record_upgrade_result(id: i32, device_id: i32, result: String, note: Option<String>) -> Result<(), AppError> {
    use domain::{
        equipment::upgrade::{check_result, plan_transition, DeviceResult, PlanAction, PlanActor, PlanEvent, PlanStatus},
        notice::Notice,
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond, upgrades as up};
    respond(async move {
        let (state, caller) = require().await?;
        let (result, note) = check_result(&result, note.as_deref().unwrap_or("")).map_err(AppError::Invalid)?;
        let tx = state.db.begin_write().await?;
        let p = up::visible(&*tx, &caller.actor, id).await?;
        let status = PlanStatus::parse(&p.status).ok_or(AppError::Internal)?;
        plan_transition(status, PlanAction::Record, PlanActor::of(caller.actor.role)).map_err(refused)?;
        // Carried out only as approved (an edit since puts it back to "proposed" anyway).
        if p.approved_revision != Some(p.revision) {
            return Err(AppError::NotNow(domain::Refusal::UpgradeNotNow));
        }
        let rows = db::repo::upgrades::devices_of(&*tx, p.id).await?;
        let Some(row) = rows.iter().find(|r| r.device_id == device_id) else {
            return Err(AppError::Invalid(vec![FieldError::new("device_id", ErrorCode::InvalidChoice)]));
        };
        if row.result.is_some() || !db::repo::upgrades::record_result(&*tx, p.id, device_id, result, &note, caller.user.id).await? {
            return Err(AppError::NotNow(domain::Refusal::UpgradeNotNow));
        }
        let device = db::repo::devices::find(&*tx, device_id).await?.ok_or(AppError::NotFound)?;
        let version = if result == DeviceResult::Succeeded {
            db::repo::devices::set_firmware(&*tx, device_id, &p.target_version, caller.user.id).await?;
            p.target_version.clone()
        } else {
            device.firmware.clone()
        };
        let event = PlanEvent::Result { device: device_id, result, note, version };
        db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision, &event).await?;
        audit::record(&*tx, &caller, "upgrade.result", &format!("upgrade:{}", p.id), Some(p.organization_id), serde_json::json!({ "event": event })).await?;
        let left = rows.iter().filter(|r| r.result.is_none() && r.device_id != device_id).count();
        if left == 0 {
            if !db::repo::upgrades::set_status(&*tx, &p, PlanStatus::Done, None).await? {
                return Err(AppError::Conflict);
            }
            db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision, &PlanEvent::Done).await?;
            let managers = up::site_managers(&*tx, p.organization_id).await?;
            up::tell(&*tx, &p, &managers, caller.user.id, Notice::UpgradeDone {}).await?;
        }
        up::publish(&*tx, &p).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Staff take a plan back before it is done.
#[server(endpoint = "withdraw_upgrade_plan")]
pub async fn withdraw_upgrade_plan(id: i32) -> Result<(), AppError> {
    use domain::equipment::upgrade::{plan_transition, PlanAction, PlanActor, PlanEvent, PlanStatus};

    use crate::ssr::{audit, require, respond, upgrades as up};
    respond(async move {
        let (state, caller) = require().await?;
        let tx = state.db.begin_write().await?;
        let p = up::visible(&*tx, &caller.actor, id).await?;
        let status = PlanStatus::parse(&p.status).ok_or(AppError::Internal)?;
        let to = plan_transition(status, PlanAction::Withdraw, PlanActor::of(caller.actor.role)).map_err(refused)?;
        if !db::repo::upgrades::set_status(&*tx, &p, to, None).await? {
            return Err(AppError::Conflict);
        }
        db::repo::upgrades::insert_event(&*tx, p.id, caller.user.id, p.revision, &PlanEvent::Withdrawn).await?;
        audit::record(&*tx, &caller, "upgrade.withdraw", &format!("upgrade:{}", p.id), Some(p.organization_id), serde_json::json!({})).await?;
        up::publish(&*tx, &p).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
