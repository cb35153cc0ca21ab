//! Assurance periods and the duty rota: managers declare a period for organizations, build the
//! rota (days with nobody on duty are shown, and publishing over them must be confirmed), and
//! publish it; the organizations' people then see it with today's duty engineer, and the
//! dispatcher's queue shows who is on duty now. Publishing plans an inspection of each site
//! before the period starts (`InspectionKind::BeforeAssurance`).
use domain::inspection::assurance::PeriodForm;
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{AssuranceDetail, AssuranceList, DutyToday},
};

#[cfg(feature = "ssr")]
fn may_edit(caller: &crate::ssr::Caller) -> Result<(), AppError> {
    if caller.actor.role == domain::Role::Manager {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A period the caller may see: staff (not admins) all; customers a published one of their
/// organization; any other is "not found".
#[cfg(feature = "ssr")]
async fn visible(conn: &impl db::sea_orm::ConnectionTrait, caller: &crate::ssr::Caller, id: i32) -> Result<db::entity::assurance_period::Model, AppError> {
    let p = db::repo::assurance::find(conn, id).await?.ok_or(AppError::NotFound)?;
    let role = caller.actor.role;
    let sees =
        if role.is_staff() { role != domain::Role::Admin } else { p.published_at.is_some() && db::repo::assurance::org_ids(&p).contains(&caller.actor.org_id) };
    if sees {
        Ok(p)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
async fn shift_rows(conn: &impl db::sea_orm::ConnectionTrait, shifts: Vec<db::entity::duty_shift::Model>) -> Result<Vec<crate::model::DutyShiftRow>, AppError> {
    let users: Vec<i32> = shifts.iter().map(|s| s.engineer_id).collect();
    let names = db::repo::names::of(conn, &users, &[], &[]).await?;
    Ok(shifts
        .into_iter()
        .map(|s| crate::model::DutyShiftRow {
            id: s.id,
            day: s.day.to_string(),
            shift: s.shift,
            engineer: names.users.get(&s.engineer_id).map(|(n, _)| n.clone()).unwrap_or_default(),
            phone: s.phone,
        })
        .collect())
}

/// The periods the caller may see, newest first.
#[server(endpoint = "list_assurance_periods")]
pub async fn list_assurance_periods() -> Result<AssuranceList, AppError> {
    use crate::{
        model::AssuranceRow,
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let role = caller.actor.role;
        if role == domain::Role::Admin {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let all = db::repo::assurance::list(conn, 200).await?;
        let orgs = db::repo::organizations::list(conn).await?;
        let name = |id: i32| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
        let rows = all
            .into_iter()
            .filter(|p| role.is_staff() || (p.published_at.is_some() && db::repo::assurance::org_ids(p).contains(&caller.actor.org_id)))
            .map(|p| AssuranceRow {
                id: p.id,
                organizations: db::repo::assurance::org_ids(&p).into_iter().map(name).collect(),
                name: p.name,
                starts_on: p.starts_on.to_string(),
                ends_on: p.ends_on.to_string(),
                published: p.published_at.is_some(),
            })
            .collect();
        let can_edit = may_edit(&caller).is_ok();
        let organizations = if can_edit { orgs.iter().filter(|o| o.kind == "customer").map(|o| (o.id, o.name.clone())).collect() } else { vec![] };
        Ok(AssuranceList { rows, can_edit, organizations })
    })
    .await
}

/// One period with its rota and the days nobody is on duty.
#[server(endpoint = "get_assurance_period")]
pub async fn get_assurance_period(id: i32) -> Result<AssuranceDetail, AppError> {
    use crate::{
        model::EngineerChoice,
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let p = visible(conn, &caller, id).await?;
        let shifts = db::repo::assurance::shifts(conn, p.id).await?;
        let days: Vec<chrono::NaiveDate> = shifts.iter().map(|s| s.day).collect();
        let gaps = domain::inspection::assurance::gaps(p.starts_on, p.ends_on, &days).into_iter().map(|d| d.to_string()).collect();
        let can_edit = may_edit(&caller).is_ok();
        let org_ids = db::repo::assurance::org_ids(&p);
        let orgs = db::repo::organizations::list(conn).await?;
        let organizations = orgs.iter().filter(|o| o.kind == "customer" && (can_edit || org_ids.contains(&o.id))).map(|o| (o.id, o.name.clone())).collect();
        let engineers = if can_edit {
            db::repo::users::active_with_role(conn, "engineer").await?.into_iter().map(|u| EngineerChoice { id: u.id, name: u.display_name }).collect()
        } else {
            vec![]
        };
        Ok(AssuranceDetail {
            id: p.id,
            version: p.version,
            form: PeriodForm { name: p.name, reason: p.reason, starts_on: p.starts_on.to_string(), ends_on: p.ends_on.to_string() },
            published: p.published_at.is_some(),
            org_ids,
            organizations,
            shifts: shift_rows(conn, shifts).await?,
            gaps,
            can_edit,
            engineers,
        })
    })
    .await
}

/// Declares a period (`id` 0, then its page opens) or changes one still at `version`; the
/// organizations are checkboxes `org_ids[i]`, customer organizations only.
#[server(endpoint = "save_assurance_period")]
pub async fn save_assurance_period(id: i32, version: i32, org_ids: Option<Vec<String>>, #[server(flatten)] form: PeriodForm) -> Result<i32, AppError> {
    use domain::{ErrorCode, FieldError};

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        may_edit(&caller)?;
        let conn = &state.db.conn;
        let customers: Vec<i32> = db::repo::organizations::list(conn).await?.into_iter().filter(|o| o.kind == "customer").map(|o| o.id).collect();
        let mut errors = vec![];
        if version < 0 {
            errors.push(FieldError::new("version", ErrorCode::OutOfRange { min: 0, max: i64::from(i32::MAX) }));
        }
        let mut orgs = vec![];
        for raw in org_ids.unwrap_or_default() {
            match raw.trim().parse::<i32>() {
                Ok(o) if customers.contains(&o) => {
                    if !orgs.contains(&o) {
                        orgs.push(o)
                    }
                }
                _ => errors.push(FieldError::new("org_ids", ErrorCode::InvalidChoice)),
            }
        }
        let input = form.check(orgs.len()).map_err(|mut e| errors.append(&mut e)).ok();
        let (Some(input), true) = (input, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        if id != 0 {
            visible(&*tx, &caller, id).await?;
        }
        let saved = db::repo::assurance::save(&*tx, id, version, &input, &orgs, caller.user.id).await?.ok_or(AppError::Conflict)?;
        audit::record(
            &*tx,
            &caller,
            "assurance.save",
            &saved.id.to_string(),
            None,
            serde_json::json!({ "name": input.name, "from": input.starts_on, "to": input.ends_on, "orgs": orgs }),
        )
        .await?;
        tx.commit().await?;
        if id == 0 {
            leptos_axum::redirect(&domain::href::assurance(saved.id));
        }
        Ok(saved.id)
    })
    .await
}

/// Puts an engineer on duty on a day's shift of a period, with the number to call.
#[server(endpoint = "add_duty_shift")]
pub async fn add_duty_shift(period_id: i32, day: String, shift: String, engineer_id: String, phone: String) -> Result<(), AppError> {
    use domain::{inspection::assurance::check_shift, ErrorCode};

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        may_edit(&caller)?;
        let tx = state.db.begin_write().await?;
        let p = visible(&*tx, &caller, period_id).await?;
        let mut errors = vec![];
        let engineer = match engineer_id.trim().parse::<i32>() {
            Ok(id) => match db::repo::users::find(&*tx, id).await? {
                Some(u) if u.active && u.role == "engineer" => Some(u.id),
                _ => None,
            },
            Err(_) => None,
        };
        if engineer.is_none() {
            errors.push(domain::FieldError::new("engineer_id", ErrorCode::InvalidChoice));
        }
        let checked = check_shift(&day, &shift, &phone, p.starts_on, p.ends_on).map_err(|mut e| errors.append(&mut e)).ok();
        let (Some((day, shift, phone)), Some(engineer), true) = (checked, engineer, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        db::repo::assurance::add_shift(&*tx, p.id, day, &shift, engineer, &phone).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "remove_duty_shift")]
pub async fn remove_duty_shift(id: i32) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        may_edit(&caller)?;
        let tx = state.db.begin_write().await?;
        let s = db::repo::assurance::find_shift(&*tx, id).await?.ok_or(AppError::NotFound)?;
        visible(&*tx, &caller, s.period_id).await?;
        db::repo::assurance::remove_shift(&*tx, s.id).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Publishes a period: refused while days have nobody on duty unless `accept_gaps` is ticked;
/// tells the organizations' site managers, and plans an inspection of each of their sites
/// before it starts (once, however often it is published).
#[server(endpoint = "publish_assurance_period")]
pub async fn publish_assurance_period(id: i32, version: i32, accept_gaps: Option<String>) -> Result<(), AppError> {
    use domain::{ErrorCode, Refusal};

    use crate::ssr::{audit, inspections as insp, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        may_edit(&caller)?;
        let accept = match accept_gaps.as_deref().map(str::trim) {
            None | Some("") => false,
            Some("on" | "true") => true,
            Some(_) => return Err(AppError::field("accept_gaps", ErrorCode::InvalidChoice)),
        };
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let p = visible(&*tx, &caller, id).await?;
        if p.published_at.is_some() {
            return Err(AppError::NotNow(Refusal::InspectionNotNow));
        }
        let days: Vec<chrono::NaiveDate> = db::repo::assurance::shifts(&*tx, p.id).await?.iter().map(|s| s.day).collect();
        if !accept && !domain::inspection::assurance::gaps(p.starts_on, p.ends_on, &days).is_empty() {
            return Err(AppError::field("accept_gaps", ErrorCode::Required));
        }
        if !db::repo::assurance::publish(&*tx, p.id, version).await? {
            return Err(AppError::Conflict);
        }
        let orgs = db::repo::assurance::org_ids(&p);
        for org in &orgs {
            for user in insp::people(&*tx, *org, "site_manager").await? {
                let n = domain::notice::Notification {
                    about: domain::notice::About::Assurance { period_id: p.id, period: p.name.clone() },
                    notice: domain::notice::Notice::Assurance { starts_on: p.starts_on, ends_on: p.ends_on },
                };
                crate::ssr::announce::notify_user(&*tx, user, None, &n).await?;
            }
        }
        insp::plan_before_assurance(&*tx, p.id, &orgs, p.starts_on, now).await?;
        audit::record(&*tx, &caller, "assurance.publish", &p.id.to_string(), None, serde_json::json!({ "orgs": orgs, "gaps_accepted": accept })).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The assurance periods running today that concern the caller, with who is on duty today:
/// customers their organization's published ones; staff (not admins) all published ones.
#[server(endpoint = "get_duty_today")]
pub async fn get_duty_today() -> Result<Vec<DutyToday>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let role = caller.actor.role;
        if role == domain::Role::Admin {
            return Ok(vec![]);
        }
        let conn = &state.db.conn;
        let today = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
        let periods: Vec<_> = db::repo::assurance::published_on(conn, today)
            .await?
            .into_iter()
            .filter(|p| role.is_staff() || db::repo::assurance::org_ids(p).contains(&caller.actor.org_id))
            .collect();
        let mut out = vec![];
        for p in periods {
            let shifts = db::repo::assurance::shifts_on(conn, &[p.id], today).await?;
            out.push(DutyToday {
                period_id: p.id,
                name: p.name,
                starts_on: p.starts_on.to_string(),
                ends_on: p.ends_on.to_string(),
                shifts: shift_rows(conn, shifts).await?,
            });
        }
        Ok(out)
    })
    .await
}
