//! Turning plans into inspections. The rules are `domain::inspection::schedule`; here they
//! meet the database: one write transaction per plan and year, inserts that skip an existing
//! (plan, site, slot), and cancels guarded by the row's version, so running it twice, after a
//! restart or on two instances at once never doubles or loses an inspection.
use chrono::{DateTime, NaiveDate, Utc};
use db::{
    entity::{inspection, inspection_plan},
    repo::{self, inspections::NewInspection},
    sea_orm::ActiveValue::Set,
};
use domain::inspection::{
    schedule::{self, ContractSpan, Existing, InspectionKind, PlanSettings},
    status::InspectionEvent,
    workdays, InspectionStatus,
};

use super::{save_step, status_of};
use crate::error::AppError;

/// What one generation did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    pub added: u64,
    pub cancelled: u64,
}

/// Generates `year` for one plan. The plan's organization's active sites (those the plan
/// names), the contract's calendar and the template's current version are read at this moment
/// and frozen on each new inspection.
pub async fn generate_plan(db: &db::Db, plan: &inspection_plan::Model, year: i32, now: DateTime<Utc>) -> Result<Generated, AppError> {
    let conn = &db.conn;
    let Some(contract) = repo::contracts::find(conn, plan.contract_id).await? else { return Ok(Generated::default()) };
    let cal: domain::sla::BusinessCalendar = serde_json::from_str(&contract.calendar_json).map_err(crate::ssr::internal)?;
    let settings: PlanSettings = serde_json::from_str(&plan.settings_json).map_err(crate::ssr::internal)?;
    let sites: Vec<i32> = repo::sites::list_by_org(conn, plan.organization_id).await?.into_iter().filter(|s| s.active).map(|s| s.id).collect();
    let template_id = repo::checklists::current_of(conn, plan.template_id).await?.map_or(plan.template_id, |t| t.id);
    let span = ContractSpan { valid_from: contract.valid_from, valid_until: contract.valid_until, calendar: &cal };
    let wanted = schedule::generate(&settings, year, &settings.sites_of(&sites), &span, plan.effective_from);
    let calendar_json = serde_json::to_string(&cal).map_err(crate::ssr::internal)?;

    let tx = db.begin_write().await?;
    let (from, to) = (NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::Internal)?, NaiveDate::from_ymd_opt(year + 1, 12, 31).ok_or(AppError::Internal)?);
    let stored = repo::inspections::of_plan_between(&*tx, plan.id, from, to).await?;
    let existing: Vec<Existing> = stored
        .iter()
        .map(|r| Existing { id: r.id, site_id: r.site_id, slot: r.slot.clone(), date: r.date, untouched: status_of(r) == InspectionStatus::Planned })
        .collect();
    let (add, cancel) = schedule::reconcile(year, &wanted, &existing, plan.effective_from);
    let rows = add
        .iter()
        .filter_map(|p| {
            let announce_by = workdays::sub(&cal, p.date, settings.notice_days)?;
            // The first inspection builds the archive: every category.
            let categories = if p.kind == InspectionKind::Initial { vec![] } else { settings.categories.clone() };
            let new = NewInspection {
                plan_id: plan.id,
                organization_id: plan.organization_id,
                site_id: p.site_id,
                kind: p.kind.as_str(),
                slot: p.slot.clone(),
                template_id,
                categories_json: serde_json::to_string(&categories).unwrap_or_else(|_| "[]".into()),
                calendar_json: calendar_json.clone(),
                notice_days: settings.notice_days as i32,
                report_days: settings.report_days as i32,
                date: p.date,
                announce_by,
            };
            Some(repo::inspections::planned(new, now))
        })
        .collect();
    let added = repo::inspections::insert_new(&*tx, rows).await?;
    let mut cancelled = 0;
    for id in cancel {
        let Some(r) = stored.iter().find(|r| r.id == id) else { continue };
        let row = inspection::ActiveModel { status: Set(InspectionStatus::Cancelled.as_str().into()), ..Default::default() };
        // Someone acting on it meanwhile wins: it is not untouched any more.
        match save_step(&*tx, r, row, None, Some(&InspectionEvent::Cancelled { reason: String::new() })).await {
            Ok(_) => cancelled += 1,
            Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(Generated { added, cancelled })
}

/// Generates `years` for every plan (the daily job, and the benchmark).
pub async fn generate_all(db: &db::Db, years: &[i32], now: DateTime<Utc>) -> Result<Generated, AppError> {
    let mut total = Generated::default();
    for plan in repo::inspections::all_plans(&db.conn).await? {
        for &year in years {
            let g = generate_plan(db, &plan, year, now).await?;
            total.added += g.added;
            total.cancelled += g.cancelled;
        }
    }
    Ok(total)
}

/// Plans an inspection of each site of `orgs` (those with an inspection plan under the
/// contract in force then) before an assurance period starts: three working days before it, or
/// the next working day if that is already past; none when the period starts too soon for
/// any. Keyed `assurance-<period>` per site, so publishing again adds nothing.
pub async fn plan_before_assurance(
    tx: &impl db::sea_orm::ConnectionTrait,
    period_id: i32,
    orgs: &[i32],
    starts_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut rows = vec![];
    for &org in orgs {
        let Some(contract) = repo::contracts::in_force(tx, org, starts_on).await? else { continue };
        let Some(plan) = repo::inspections::plan_of_contract(tx, contract.id).await? else { continue };
        let cal: domain::sla::BusinessCalendar = serde_json::from_str(&contract.calendar_json).map_err(crate::ssr::internal)?;
        let settings: PlanSettings = serde_json::from_str(&plan.settings_json).map_err(crate::ssr::internal)?;
        let today = super::today_in(&cal, now);
        let (Some(before), Some(soonest)) = (workdays::sub(&cal, starts_on, 3), workdays::add(&cal, today, 1)) else { continue };
        let date = before.max(soonest);
        if date >= starts_on {
            continue;
        }
        let template_id = repo::checklists::current_of(tx, plan.template_id).await?.map_or(plan.template_id, |t| t.id);
        let sites: Vec<i32> = repo::sites::list_by_org(tx, org).await?.into_iter().filter(|s| s.active).map(|s| s.id).collect();
        for site_id in settings.sites_of(&sites) {
            let new = NewInspection {
                plan_id: plan.id,
                organization_id: org,
                site_id,
                kind: InspectionKind::BeforeAssurance.as_str(),
                slot: format!("assurance-{period_id}"),
                template_id,
                categories_json: serde_json::to_string(&settings.categories).unwrap_or_else(|_| "[]".into()),
                calendar_json: contract.calendar_json.clone(),
                notice_days: settings.notice_days as i32,
                report_days: settings.report_days as i32,
                date,
                announce_by: workdays::sub(&cal, date, settings.notice_days).unwrap_or(date),
            };
            rows.push(repo::inspections::planned(new, now));
        }
    }
    Ok(repo::inspections::insert_new(tx, rows).await?)
}
