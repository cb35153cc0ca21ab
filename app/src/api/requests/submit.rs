use leptos::prelude::*;

use crate::{error::AppError, model::NewRequestForm};

/// What the "new request" form offers the caller.
#[server(endpoint = "get_new_request_form")]
pub async fn get_new_request_form() -> Result<NewRequestForm, AppError> {
    use crate::model::SiteChoice;
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !caller.actor.can_submit_for(caller.org.id, caller.user.id) {
            return Err(AppError::Forbidden);
        }
        let sites = db::repo::sites::list_by_org(&state.db.conn, caller.org.id).await?;
        let colleagues = if caller.actor.role == domain::Role::SiteManager {
            db::repo::users::list_by_org(&state.db.conn, caller.org.id).await?.into_iter().filter(|u| u.active).map(|u| (u.id, u.display_name)).collect()
        } else {
            vec![]
        };
        let tier = db::repo::contracts::in_force(&state.db.conn, caller.org.id, chrono::Utc::now().date_naive())
            .await?
            .and_then(|c| domain::sla::Tier::parse(&c.tier))
            .unwrap_or(domain::sla::Tier::C);
        Ok(NewRequestForm {
            sites: sites.into_iter().map(|s| SiteChoice { id: s.id, name: s.name }).collect(),
            default_site: caller.user.site_id,
            colleagues,
            my_id: caller.user.id,
            my_phone: caller.user.phone.clone().unwrap_or_default(),
            tier,
        })
    })
    .await
}

/// Reports a fault or asks for help. Answers with the new service number and takes the
/// browser to the request's page.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "submit_request")]
pub async fn submit_request(
    title: String,
    description: String,
    kind: String,
    fault_kind: Option<String>,
    severity: String,
    system: String,
    site_id: String,
    contact_phone: String,
    requester_id: Option<String>,
) -> Result<String, AppError> {
    use crate::ssr::{requests as svc, require, respond};
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        sla::{Severity, Tier},
        ticket::{format_service_number, new_request, ClockFacts, FaultKind, NewRequestInput, SlaTerms, Status},
        ErrorCode, FieldError,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let requester = match requester_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => caller.user.clone(),
            Some(raw) => {
                let id = raw.parse::<i32>().map_err(|_| AppError::field("requester_id", ErrorCode::InvalidChoice))?;
                db::repo::users::find(&state.db.conn, id)
                    .await?
                    .filter(|u| u.organization_id == caller.org.id && u.active)
                    .ok_or_else(|| AppError::field("requester_id", ErrorCode::InvalidChoice))?
            }
        };
        if !caller.actor.can_submit_for(requester.organization_id, requester.id) {
            return Err(AppError::Forbidden);
        }
        let input = NewRequestInput { title, description, kind, fault_kind: fault_kind.unwrap_or_default(), severity_level: severity, system, site_id, contact_phone };
        let v = new_request(&input).map_err(AppError::Invalid)?;
        let site = db::repo::sites::find(&state.db.conn, v.site_id).await?;
        if site.is_none_or(|s| s.organization_id != requester.organization_id) {
            return Err(AppError::Invalid(vec![FieldError::new("site_id", ErrorCode::InvalidChoice)]));
        }
        let now = chrono::Utc::now();
        let terms = db::repo::contracts::in_force(&state.db.conn, requester.organization_id, now.date_naive())
            .await?
            .and_then(|c| db::repo::contracts::terms(&c))
            .unwrap_or_else(|| SlaTerms::default_for(Tier::C, chrono_tz::Asia::Shanghai));
        let severity = Severity::from_level(v.severity_level).unwrap_or(Severity::Minor);
        let on_site_required = v.fault_kind == Some(FaultKind::Hardware);
        let facts = ClockFacts {
            created_at: now,
            severity,
            first_response_at: None,
            on_site_required,
            on_site_limit_secs: terms.on_site_limit_secs(now),
            on_site_at: None,
            resolution_started_at: now,
            stopped_at: None,
            pauses: vec![],
        };

        let tx = state.db.begin_write().await?;
        let year = chrono::Datelike::year(&now);
        let seq = db::repo::requests::next_seq(&*tx, year).await?;
        let mut row = db::entity::request::ActiveModel {
            number: Set(format_service_number(year, seq)),
            organization_id: Set(requester.organization_id),
            site_id: Set(v.site_id),
            requester_id: Set(requester.id),
            created_by_id: Set(caller.user.id),
            title: Set(v.title.clone()),
            description: Set(v.description.clone()),
            kind: Set(v.kind.as_str().into()),
            fault_kind: Set(v.fault_kind.map(|f| f.as_str().to_string())),
            severity: Set(severity.level() as i16),
            system: Set(v.system.clone().unwrap_or_default()),
            contact_phone: Set(v.contact_phone.clone()),
            status: Set(Status::New.as_str().into()),
            assignee_id: Set(None),
            tier: Set(terms.tier.as_str().into()),
            sla_json: Set(serde_json::to_string(&terms).map_err(crate::ssr::internal)?),
            on_site_required: Set(on_site_required),
            on_site_limit_secs: Set(facts.on_site_limit_secs),
            created_at: Set(now),
            updated_at: Set(now),
            first_response_at: Set(None),
            on_site_at: Set(None),
            resolution_started_at: Set(now),
            resolved_at: Set(None),
            closed_at: Set(None),
            paused_since: Set(None),
            pause_reason: Set(None),
            escalation_level: Set(0),
            breach_recorded: Set(false),
            version: Set(0),
            ..Default::default()
        };
        svc::set_deadlines(&mut row, &terms, &facts, false, now);
        let r = db::repo::requests::insert(&*tx, row).await?;
        db::repo::request_events::insert(
            &*tx,
            r.id,
            Some(caller.user.id),
            "created",
            true,
            serde_json::json!({ "severity": r.severity, "on_behalf_of": (requester.id != caller.user.id).then(|| requester.display_name.clone()) }),
        )
        .await?;
        svc::publish(&*tx, &r).await?;
        tx.commit().await?;
        state.live.notify_one();
        tracing::info!(number = %r.number, by = caller.user.id, "request submitted");
        leptos_axum::redirect(&format!("/requests/{}", r.number));
        Ok(r.number)
    })
    .await
}
