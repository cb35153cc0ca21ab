use leptos::prelude::*;

use crate::{error::AppError, model::InspectionPlanForm};

/// A contract's inspection plan (the defaults when it has none yet): managers edit, the rest
/// of the staff who plan or do inspections read.
#[server(endpoint = "get_inspection_plan")]
pub async fn get_inspection_plan(contract_id: i32) -> Result<InspectionPlanForm, AppError> {
    use domain::inspection::{edits_plans, plans_inspections, InspectionStatus, PlanSettings};

    use crate::ssr::{inspections as insp, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !plans_inspections(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let contract = db::repo::contracts::find(conn, contract_id).await?.ok_or(AppError::NotFound)?;
        let plan = db::repo::inspections::plan_of_contract(conn, contract.id).await?;
        let templates: Vec<(i32, String)> =
            db::repo::checklists::current(conn).await?.into_iter().map(|t| (t.id, format!("{} (v{})", t.name, t.revision))).collect();
        let settings: PlanSettings = plan.as_ref().and_then(|p| serde_json::from_str(&p.settings_json).ok()).unwrap_or_default();
        let template_id = match &plan {
            Some(p) => db::repo::checklists::current_of(conn, p.template_id).await?.map_or(p.template_id, |t| t.id),
            None => templates.first().map(|t| t.0).unwrap_or(0),
        };
        let sites = db::repo::sites::list_by_org(conn, contract.organization_id).await?.into_iter().filter(|s| s.active).map(|s| (s.id, s.name)).collect();
        let names = db::repo::names::of(conn, &[], &[], &[contract.organization_id]).await?;
        let mut counts = vec![];
        if let Some(p) = &plan {
            let this_year = chrono::Datelike::year(&chrono::Utc::now());
            let from = chrono::NaiveDate::from_ymd_opt(this_year, 1, 1).ok_or(AppError::Internal)?;
            let to = chrono::NaiveDate::from_ymd_opt(this_year + 1, 12, 31).ok_or(AppError::Internal)?;
            let rows = db::repo::inspections::of_plan_between(conn, p.id, from, to).await?;
            for s in InspectionStatus::ALL {
                let n = rows.iter().filter(|r| insp::status_of(r) == s).count() as u32;
                if n > 0 {
                    counts.push((s, n));
                }
            }
        }
        Ok(InspectionPlanForm {
            contract_id: contract.id,
            organization: names.organizations.get(&contract.organization_id).cloned().unwrap_or_default(),
            contract_period: format!("{} – {}", contract.valid_from, contract.valid_until.map(|d| d.to_string()).unwrap_or_default()),
            version: plan.as_ref().map_or(0, |p| p.version),
            settings,
            template_id,
            templates,
            sites,
            effective_from: plan.as_ref().map(|p| p.effective_from.to_string()),
            can_edit: edits_plans(caller.actor.role),
            counts,
        })
    })
    .await
}

/// Saves a contract's plan (managers) and generates this year's and next year's inspections
/// from it at once: a changed plan applies from today, so past and announced inspections stay
/// and future untouched ones are replaced. `sites[i]` and `categories[i]` are checkboxes (none
/// ticked: every site, every category); `version` is the plan's (0 for a new one).
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "save_inspection_plan")]
pub async fn save_inspection_plan(
    contract_id: i32,
    version: i32,
    frequency: String,
    template_id: i32,
    notice_days: String,
    report_days: String,
    initial: Option<String>,
    sites: Option<Vec<String>>,
    categories: Option<Vec<String>>,
) -> Result<(), AppError> {
    use domain::{
        equipment::DeviceCategory,
        inspection::{edits_plans, schedule::MAX_DAYS, Frequency, PlanSettings},
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, inspections as insp, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !edits_plans(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let mut errors = vec![];
        let frequency = Frequency::parse(frequency.trim()).ok_or_else(|| errors.push(FieldError::new("frequency", ErrorCode::InvalidChoice)));
        let days = |name: &str, raw: &str, errors: &mut Vec<FieldError>| match raw.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_DAYS).contains(&n) => Some(n),
            _ => {
                errors.push(FieldError::new(name, ErrorCode::OutOfRange { min: 1, max: MAX_DAYS.into() }));
                None
            }
        };
        let notice = days("notice_days", &notice_days, &mut errors);
        let report = days("report_days", &report_days, &mut errors);
        let mut cats = vec![];
        for c in categories.unwrap_or_default() {
            match DeviceCategory::parse(c.trim()) {
                Some(c) if !cats.contains(&c) => cats.push(c),
                Some(_) => {}
                None => errors.push(FieldError::new("categories", ErrorCode::InvalidChoice)),
            }
        }
        let mut site_ids = vec![];
        for s in sites.unwrap_or_default() {
            match s.trim().parse::<i32>() {
                Ok(id) if !site_ids.contains(&id) => site_ids.push(id),
                Ok(_) => {}
                Err(_) => errors.push(FieldError::new("sites", ErrorCode::InvalidChoice)),
            }
        }
        let initial = match initial.as_deref() {
            None | Some("") => false,
            Some("on" | "true") => true,
            Some(_) => {
                errors.push(FieldError::new("initial", ErrorCode::InvalidChoice));
                false
            }
        };
        let conn = &state.db.conn;
        let contract = db::repo::contracts::find(conn, contract_id).await?.ok_or(AppError::NotFound)?;
        let org_sites: Vec<i32> = db::repo::sites::list_by_org(conn, contract.organization_id).await?.into_iter().map(|s| s.id).collect();
        if site_ids.iter().any(|s| !org_sites.contains(s)) {
            errors.push(FieldError::new("sites", ErrorCode::InvalidChoice));
        }
        let template = match db::repo::checklists::find(conn, template_id).await? {
            Some(t) if t.current => Some(t),
            _ => {
                errors.push(FieldError::new("template_id", ErrorCode::InvalidChoice));
                None
            }
        };
        let (Ok(frequency), Some(notice_days), Some(report_days), Some(template), true) = (frequency, notice, report, template, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let settings = PlanSettings { frequency, sites: site_ids, categories: cats, notice_days, report_days, initial };
        let now = chrono::Utc::now();
        let cal: domain::sla::BusinessCalendar = serde_json::from_str(&contract.calendar_json).map_err(crate::ssr::internal)?;
        let today = insp::today_in(&cal, now);
        let tx = state.db.begin_write().await?;
        let existing = db::repo::inspections::plan_of_contract(&*tx, contract.id).await?;
        let existing_key = match (&existing, version) {
            (None, 0) => None,
            (Some(p), v) if p.version == v => Some((p.id, p.version)),
            _ => return Err(AppError::Conflict),
        };
        // A new plan starts with the contract (or today, if the contract started already).
        let effective_from = if existing.is_none() { contract.valid_from.max(today) } else { today };
        let json = serde_json::to_string(&settings).map_err(crate::ssr::internal)?;
        let plan = db::repo::inspections::save_plan(
            &*tx,
            existing_key,
            contract.id,
            contract.organization_id,
            json,
            template.id,
            effective_from,
            Some(caller.user.id),
        )
        .await?
        .ok_or(AppError::Conflict)?;
        audit::record(
            &*tx,
            &caller,
            "inspection_plan.save",
            &contract.id.to_string(),
            Some(contract.organization_id),
            serde_json::to_value(&settings).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        let year = chrono::Datelike::year(&today);
        for y in [year, year + 1] {
            insp::generate_plan(&state.db, &plan, y, now).await?;
        }
        Ok(())
    })
    .await
}
