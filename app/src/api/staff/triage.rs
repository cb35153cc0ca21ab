use leptos::prelude::*;

use crate::error::AppError;

/// Triage by the service desk: the kind (consultation or fault; hardware or software) and
/// the severity, whose change needs a reason. A new request becomes "triaged". Deadlines
/// follow the new classification at once (a hardware fault gets an on-site clock; a higher
/// severity a shorter resolution limit from the same start).
#[server(endpoint = "triage_request")]
pub async fn triage_request(number: String, kind: String, fault_kind: Option<String>, severity: String, reason: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        ticket::{may_triage, transition, validate_severity_change, Action, FaultKind, RequestKind, Status, TransitionContext},
        ErrorCode, FieldError,
    };
    respond(async move {
        let (state, caller) = require().await?;
        if !may_triage(work::actor_kind(&caller)) {
            return Err(if caller.actor.role.is_staff() { AppError::Forbidden } else { AppError::NotFound });
        }
        let r = work::load_for_staff(&state, &caller, &number).await?;
        let status = svc::status_of(&r);
        if !status.is_open() {
            return Err(AppError::Transition(domain::ticket::TransitionError::NotAllowedFromStatus { from: status, action: Action::Triage }));
        }
        let mut errors: Vec<FieldError> = vec![];
        let kind = RequestKind::parse(kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", ErrorCode::InvalidChoice));
        }
        let fault = match (kind, fault_kind.as_deref().map(str::trim).unwrap_or("")) {
            (Some(RequestKind::Fault), raw) => {
                let f = FaultKind::parse(raw);
                if f.is_none() {
                    errors.push(FieldError::new("fault_kind", if raw.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }));
                }
                f
            }
            _ => None,
        };
        let current = svc::severity_of(&r);
        let reason = reason.unwrap_or_default();
        let new_severity = if severity.trim().is_empty() || severity.trim() == current.level().to_string() {
            None
        } else {
            match validate_severity_change(current, &severity, &reason) {
                Ok(ok) => Some(ok),
                Err(mut e) => {
                    errors.append(&mut e);
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let kind = kind.expect("checked above");
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let mut row = svc::into_active(r.clone());
        row.kind = Set(kind.as_str().into());
        row.fault_kind = Set(fault.map(|f| f.as_str().to_string()));
        let on_site = fault == Some(FaultKind::Hardware);
        row.on_site_required = Set(on_site);
        if on_site && !r.on_site_required {
            row.on_site_limit_secs = Set(svc::terms_of(&r).on_site_limit_secs(r.created_at));
        }
        if r.first_response_at.is_none() {
            row.first_response_at = Set(Some(now));
        }
        let mut body = serde_json::json!({ "kind": kind.as_str(), "fault_kind": fault.map(|f| f.as_str()) });
        if let Some((sev, why)) = &new_severity {
            row.severity = Set(sev.level() as i16);
            body["severity"] = serde_json::json!({ "from": current.level(), "to": sev.level(), "reason": why });
        }
        if status == Status::New {
            let to = transition(status, &Action::Triage, work::actor_kind(&caller), &TransitionContext::new(now.timestamp())).map_err(AppError::Transition)?;
            row.status = Set(to.as_str().into());
            body["status"] = serde_json::json!({ "from": status.as_str(), "to": to.as_str() });
        }
        work::save(
            &state,
            &caller,
            tx,
            &r,
            row,
            now,
            work::Announce { kind: "triaged", body, public: true, audit: "request.triage", notify: new_severity.as_ref().map(|_| "severity") },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Dispatch in one step from the queue: triages a new request as it stands, then assigns
/// the engineer (or reassigns, when someone else has it).
#[server(endpoint = "dispatch_request")]
pub async fn dispatch_request(number: String, engineer_id: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use domain::ticket::{may_triage, Action, Status};
    respond(async move {
        let (state, caller) = require().await?;
        if !may_triage(work::actor_kind(&caller)) {
            return Err(if caller.actor.role.is_staff() { AppError::Forbidden } else { AppError::NotFound });
        }
        let r = work::load_for_staff(&state, &caller, &number).await?;
        // Refuse a wrong engineer before anything is saved: the triage below commits on its own,
        // so checking only at the assignment left a refused dispatch half done.
        let engineer = engineer_id.trim().parse::<i32>().ok().filter(|id| *id > 0);
        let engineer = match engineer {
            Some(id) => db::repo::users::find(&state.db.conn, id).await?.filter(|u| u.active && u.role == "engineer"),
            None => None,
        };
        if engineer.is_none() {
            return Err(AppError::field("engineer_id", domain::ErrorCode::Required));
        }
        if svc::status_of(&r) == Status::New {
            svc::apply_action(&state, &caller, &number, Action::Triage, String::new(), None, svc::Extra::None).await?;
        }
        let action = if r.assignee_id.is_some() { Action::Reassign } else { Action::Assign };
        svc::apply_action(&state, &caller, &number, action, String::new(), Some(engineer_id), svc::Extra::None).await?;
        Ok(())
    })
    .await
}
