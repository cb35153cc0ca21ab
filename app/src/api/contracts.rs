//! Service contracts of customer organizations: administrators create and edit them,
//! service managers read them (they answer for the SLAs), nobody else sees them here.
//!
//! A request freezes its contract's terms when it is opened (`requests.sla_json`), so an
//! edit here moves the clocks of requests opened afterwards only. The checks of the form are
//! `domain::sla::contract`; this file adds what needs the database: the organization must
//! be a customer, and its contracts may not share a day (checked inside the write
//! transaction, with the organization's row locked on PostgreSQL).
use chrono::NaiveDate;
use domain::sla::{
    contract::{ContractFields, ContractInput, Standing},
    CoverageKind, Tier,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One contract in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractSummary {
    pub id: i32,
    pub org_id: i32,
    pub tier: Tier,
    /// The calendar kind (7x24, 7x8, 5x8), which follows the tier.
    pub coverage: CoverageKind,
    pub tz: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// Whether new requests of the organization get this contract today.
    pub standing: Standing,
}

/// A customer organization and its contracts, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgContracts {
    pub org_id: i32,
    pub org_name: String,
    pub active: bool,
    pub contracts: Vec<ContractSummary>,
    /// The form for the organization's next contract: the calendar of its latest contract
    /// (or the defaults), that tier's default time limits, from today or the day after the
    /// latest contract ends.
    pub new_form: ContractInput,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractsOverview {
    /// The day "in force" is judged on (UTC, as when a request is opened).
    pub today: NaiveDate,
    /// Whether the caller may create and edit (administrators) or only read (managers).
    pub can_edit: bool,
    pub orgs: Vec<OrgContracts>,
}

/// One contract with its whole form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub contract: ContractSummary,
    pub org_name: String,
    pub form: ContractInput,
    pub can_edit: bool,
    /// The contract's version as read: the edit form sends it back (a hidden input), and the
    /// save is refused if someone saved the contract since.
    pub version: i32,
}

#[cfg(feature = "ssr")]
mod ssr {
    use chrono::{NaiveDate, Utc};
    use db::entity::contract;
    use domain::dates;
    use domain::sla::contract::{self as cf, field, ContractInput, Period, Problem, ValidContract};
    use domain::sla::Tier;
    use domain::ticket::SlaTerms;
    use domain::{OrgKind, Page};

    use super::{ContractDetail, ContractSummary};
    use crate::{
        error::AppError,
        ssr::{AppState, Caller},
    };

    /// Managers and administrators read (the page's own rule).
    pub fn may_read(caller: &Caller) -> bool {
        domain::page_access(Page::AdminContracts, Some(caller.actor.role)) == domain::Access::Allow
    }

    /// Only administrators write.
    pub fn may_edit(caller: &Caller) -> bool {
        caller.actor.is_admin()
    }

    /// Today as the server judges "in force" when a request is opened.
    pub fn today() -> NaiveDate {
        Utc::now().date_naive()
    }

    pub fn period(m: &contract::Model) -> Period {
        Period { id: m.id, valid_from: m.valid_from, valid_until: m.valid_until }
    }

    pub fn terms(m: &contract::Model) -> Result<SlaTerms, AppError> {
        db::repo::contracts::terms(m).ok_or_else(|| crate::ssr::internal(format!("contract {} has unreadable terms", m.id)))
    }

    pub fn summary(m: &contract::Model, all: &[Period], today: NaiveDate) -> Result<ContractSummary, AppError> {
        let t = terms(m)?;
        Ok(ContractSummary {
            id: m.id,
            org_id: m.organization_id,
            tier: t.tier,
            coverage: t.calendar.coverage,
            tz: t.calendar.tz.name().to_string(),
            valid_from: m.valid_from,
            valid_until: m.valid_until,
            standing: cf::standing(&period(m), all, today),
        })
    }

    pub async fn detail(state: &AppState, caller: &Caller, m: &contract::Model) -> Result<ContractDetail, AppError> {
        let org = db::repo::organizations::find(&state.db.conn, m.organization_id).await?.ok_or(AppError::NotFound)?;
        let all: Vec<Period> = db::repo::contracts::list_by_org(&state.db.conn, m.organization_id).await?.iter().map(period).collect();
        let t = terms(m)?;
        Ok(ContractDetail {
            contract: summary(m, &all, today())?,
            org_name: org.name,
            form: ContractInput::from_terms(t.tier, &t.calendar, &t.limits, m.valid_from, m.valid_until),
            can_edit: may_edit(caller),
            version: m.version,
        })
    }

    /// The form for an organization's next contract, following its latest one.
    pub fn new_form(latest: Option<&contract::Model>, today: NaiveDate) -> ContractInput {
        let Some(m) = latest else {
            let tz = dates::parse_time_zone(dates::DEFAULT_TZ).unwrap_or(chrono_tz::UTC);
            return ContractInput::new_for(Tier::C, tz, today);
        };
        let from = m.valid_until.and_then(|u| u.succ_opt()).filter(|d| *d > today).unwrap_or(today);
        match db::repo::contracts::terms(m) {
            Some(t) => ContractInput::from_terms(t.tier, &t.calendar, &domain::sla::TimeLimits::default_for(t.tier), from, None),
            None => ContractInput::new_for(Tier::C, chrono_tz::UTC, from),
        }
    }

    /// What the audit line says about a contract's terms.
    pub fn snapshot(v: &ValidContract) -> serde_json::Value {
        serde_json::json!({
            "tier": v.tier.as_str(),
            "tz": v.calendar.tz.name(),
            "day_start": dates::format_time(v.calendar.day_start),
            "day_end": dates::format_time(v.calendar.day_end),
            "valid_from": v.valid_from,
            "valid_until": v.valid_until,
            "limits": v.limits,
            "holidays": dates::format_dates(&v.calendar.holidays),
            "working_days": dates::format_dates(&v.calendar.extra_working_days),
        })
    }

    pub fn stored(m: &contract::Model) -> Result<ValidContract, AppError> {
        let t = terms(m)?;
        Ok(ValidContract { tier: t.tier, calendar: t.calendar, limits: t.limits, valid_from: m.valid_from, valid_until: m.valid_until })
    }

    /// Creates (`existing` `None`) or updates a contract of `org_id`: checks, writes, audits,
    /// all in one transaction. An update with `opened_at` (the version the form was opened
    /// at) is refused with `Conflict`, writing nothing, if the contract was saved since.
    pub async fn save(
        state: &AppState,
        caller: &Caller,
        org_id: i32,
        existing: Option<contract::Model>,
        opened_at: Option<i32>,
        input: ContractInput,
        reset_limits: bool,
    ) -> Result<ContractDetail, AppError> {
        let mut errors = vec![];
        let org = db::repo::organizations::find(&state.db.conn, org_id).await?.ok_or(AppError::NotFound)?;
        if OrgKind::parse(&org.kind) != Some(OrgKind::Customer) {
            errors.push(Problem::NotACustomer.at(field::ORG));
        }
        let valid = match input.validate(reset_limits) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        let tx = state.db.begin_write().await?;
        db::repo::contracts::lock_organization(&*tx, org_id).await?.ok_or(AppError::NotFound)?;
        // Every contract write locks the organization first: the contract read now stays as
        // read until this commits. A form opened before someone else's save is stale.
        let existing = match existing {
            Some(old) => {
                let now = db::repo::contracts::find(&*tx, old.id).await?.ok_or(AppError::NotFound)?;
                if opened_at.is_some_and(|v| v != now.version) {
                    return Err(AppError::Conflict);
                }
                Some(now)
            }
            None => None,
        };
        let others: Vec<Period> = db::repo::contracts::list_by_org(&*tx, org_id).await?.iter().map(period).collect();
        let from_until = match &valid {
            Some(v) => Some((v.valid_from, v.valid_until)),
            // The dates alone may be fine while another field is not: say so now too.
            None => match (dates::parse_date(&input.valid_from), input.valid_until.trim()) {
                (Some(from), "") => Some((from, None)),
                (Some(from), until) => dates::parse_date(until).filter(|u| *u >= from).map(|u| (from, Some(u))),
                (None, _) => None,
            },
        };
        if let Some((from, until)) = from_until {
            if cf::overlapping(from, until, &others, existing.as_ref().map(|m| m.id)).is_some() {
                errors.push(Problem::Overlaps.at(field::VALIDITY));
            }
        }
        let Some(valid) = valid.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let terms = SlaTerms { tier: valid.tier, calendar: valid.calendar.clone(), limits: valid.limits };
        let after = snapshot(&valid);
        let (saved, action, audit_detail) = match existing {
            None => {
                let m = db::repo::contracts::insert_for_period(&*tx, org_id, &terms, valid.valid_from, valid.valid_until).await?;
                (m, "contract.create", serde_json::json!({ "organization": org.name, "after": after }))
            }
            Some(old) => {
                let before = snapshot(&stored(&old)?);
                let changed: Vec<&String> = match (before.as_object(), after.as_object()) {
                    (Some(b), Some(a)) => a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k).collect(),
                    _ => vec![],
                };
                let detail = serde_json::json!({ "organization": org.name, "changed": changed, "before": before, "after": after });
                let version = opened_at.unwrap_or(old.version);
                let m = db::repo::contracts::update(&*tx, old.id, version, &terms, valid.valid_from, valid.valid_until).await?.ok_or(AppError::Conflict)?;
                (m, "contract.update", detail)
            }
        };
        crate::ssr::audit::record(&*tx, caller, action, &format!("contract {}", saved.id), Some(org_id), audit_detail).await?;
        tx.commit().await?;
        tracing::info!(by = caller.user.id, contract_id = saved.id, org_id, action, "contract saved");
        detail(state, caller, &saved).await
    }

    /// The "reset to the tier's defaults" button was the one pressed.
    pub fn wants_reset(reset_limits: Option<String>) -> bool {
        reset_limits.is_some_and(|v| !v.trim().is_empty() && v.trim() != "false")
    }
}

/// Every customer organization with its contracts: administrators and managers.
#[server(endpoint = "list_contracts")]
pub async fn list_contracts() -> Result<ContractsOverview, AppError> {
    use crate::ssr::{require, respond};
    use domain::OrgKind;
    respond(async move {
        let (state, caller) = require().await?;
        if !ssr::may_read(&caller) {
            return Err(AppError::Forbidden);
        }
        let today = ssr::today();
        let contracts = db::repo::contracts::list(&state.db.conn).await?;
        let mut orgs = vec![];
        for org in db::repo::organizations::list(&state.db.conn).await? {
            if OrgKind::parse(&org.kind) != Some(OrgKind::Customer) {
                continue;
            }
            let own: Vec<&db::entity::contract::Model> = contracts.iter().filter(|c| c.organization_id == org.id).collect();
            let periods: Vec<_> = own.iter().map(|m| ssr::period(m)).collect();
            let latest = own.iter().max_by_key(|m| (m.valid_from, m.id)).copied();
            orgs.push(OrgContracts {
                org_id: org.id,
                org_name: org.name,
                active: org.active,
                contracts: own.iter().map(|m| ssr::summary(m, &periods, today)).collect::<Result<_, _>>()?,
                new_form: ssr::new_form(latest, today),
            });
        }
        Ok(ContractsOverview { today, can_edit: ssr::may_edit(&caller), orgs })
    })
    .await
}

/// One contract with its form: administrators and managers.
#[server(endpoint = "get_contract")]
pub async fn get_contract(id: i32) -> Result<ContractDetail, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !ssr::may_read(&caller) {
            return Err(AppError::Forbidden);
        }
        let m = db::repo::contracts::find(&state.db.conn, id).await?.ok_or(AppError::NotFound)?;
        ssr::detail(&state, &caller, &m).await
    })
    .await
}

/// A new contract for a customer organization: administrators. The form's inputs come as one
/// [`ContractFields`], flattened: on the wire each input keeps its own name (`tier`, `tz`, …,
/// `resolution_1`…`resolution_3`; `domain::sla::contract::field`), as a plain HTML form posts
/// them. Limits are minutes of counted time; `on_site` is read when `on_site_kind` is
/// `within`; `holidays` and `working_days` are dates or ranges one a line; `valid_until` empty
/// is open-ended. `reset_limits` (the reset
/// button) takes the tier's default limits instead of the typed ones.
#[server(endpoint = "create_contract")]
pub async fn create_contract(org_id: i32, #[server(flatten)] form: ContractFields, reset_limits: Option<String>) -> Result<ContractDetail, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !ssr::may_edit(&caller) {
            return Err(AppError::Forbidden);
        }
        let saved = ssr::save(&state, &caller, org_id, None, None, form.into(), ssr::wants_reset(reset_limits)).await?;
        // Without JavaScript the browser follows this to the new contract's page.
        leptos_axum::redirect(&domain::href::page_query(domain::Page::AdminContracts, &[("contract", saved.contract.id.to_string())]));
        Ok(saved)
    })
    .await
}

/// New terms or period for a contract: administrators. The same inputs as
/// [`create_contract`]; the organization does not change. Requests already opened keep the
/// terms they were opened under. `version` is the one the form was opened at (a hidden input):
/// if someone saved the contract since, nothing is saved and the answer is `Conflict`
/// (without it, as from an older page, the save goes over whatever is stored).
#[server(endpoint = "update_contract")]
pub async fn update_contract(
    id: i32,
    version: Option<i32>,
    #[server(flatten)] form: ContractFields,
    reset_limits: Option<String>,
) -> Result<ContractDetail, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !ssr::may_edit(&caller) {
            return Err(AppError::Forbidden);
        }
        let existing = db::repo::contracts::find(&state.db.conn, id).await?.ok_or(AppError::NotFound)?;
        let org_id = existing.organization_id;
        ssr::save(&state, &caller, org_id, Some(existing), version, form.into(), ssr::wants_reset(reset_limits)).await
    })
    .await
}
