use leptos::prelude::*;

use crate::error::AppError;

/// Triage by the service desk: the kind (consultation or fault; hardware or software) and
/// the severity, whose change needs a reason. A new request becomes "triaged". Deadlines
/// follow the new classification at once (a hardware fault gets an on-site clock; a higher
/// severity a shorter resolution limit from the same start).
///
/// `device` attaches the request to a device of its organization at its site, changes it, or
/// (empty) takes it off. The form marks that it has the field with `device_field`: an empty
/// input arrives as no value at all, and a caller without the field leaves the device as it is.
#[server(endpoint = "triage_request")]
pub async fn triage_request(
    number: String,
    kind: String,
    fault_kind: Option<String>,
    severity: String,
    reason: Option<String>,
    device: Option<String>,
    device_field: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        requests as svc, require, respond, work,
    };
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        notice::Notice,
        ticket::{may_triage, validate_severity_change, Action, FaultKind, Line, Moved, RequestKind, SeverityChange, Status},
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
        // `Some(new)` when the device field changes it (`new` itself `None` to take it off).
        let device = if device_field.is_some() { Some(device.unwrap_or_default()) } else { device };
        let device_change = match device.as_deref().map(domain::equipment::parse_choice) {
            None => None,
            Some(Err(())) => {
                errors.push(FieldError::new("device", ErrorCode::InvalidChoice));
                None
            }
            Some(Ok(None)) => r.device_id.is_some().then_some(None),
            Some(Ok(Some(id))) if Some(id) == r.device_id => None,
            Some(Ok(Some(id))) => match db::repo::devices::find(&state.db.conn, id).await? {
                Some(d) if d.organization_id == r.organization_id && d.site_id == r.site_id => Some(Some(d)),
                _ => {
                    errors.push(FieldError::new("device", ErrorCode::InvalidChoice));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let kind = kind.expect("checked above");
        let mut change = Change::begin(&state, &caller, &number).await?;
        let r = change.request().clone();
        let row = change.row();
        row.kind = Set(kind.as_str().into());
        row.fault_kind = Set(fault.map(|f| f.as_str().to_string()));
        let on_site = fault == Some(FaultKind::Hardware);
        row.on_site_required = Set(on_site);
        if on_site && !r.on_site_required {
            row.on_site_limit_secs = Set(svc::terms_of(&r).on_site_limit_secs(r.created_at));
        }
        change.first_response();
        let severity = new_severity.map(|(sev, why)| {
            change.row().severity = Set(sev.level() as i16);
            SeverityChange { from: current.level(), to: sev.level(), reason: why }
        });
        let status = if svc::status_of(&r) == Status::New {
            let to = change.step(Step::new(Action::Triage)).await?;
            Some(Moved { from: Status::New, to })
        } else {
            None
        };
        change.line(Line::Triaged { kind, fault_kind: fault, severity: severity.clone(), status }, true);
        if let Some(d) = &device_change {
            change.row().device_id = Set(d.as_ref().map(|d| d.id));
            change.line(Line::DeviceChanged { device: d.as_ref().map(crate::ssr::equipment::choice_of) }, true);
        }
        change.audit(
            "request.triage",
            serde_json::json!({ "kind": kind, "fault_kind": fault, "severity": severity, "status": status, "device": device_change.map(|d| d.map(|d| d.id)) }),
        );
        if let Some(severity) = severity {
            change.tell(Notice::Severity { severity });
        }
        change.commit().await?;
        Ok(())
    })
    .await
}

/// Dispatch in one step from the queue: triages a new request as it stands, then assigns
/// the engineer (or reassigns, when someone else has it), in one transaction with one live
/// event, so no page ever sees it triaged but unassigned.
#[server(endpoint = "dispatch_request")]
pub async fn dispatch_request(number: String, engineer_id: String) -> Result<(), AppError> {
    use crate::ssr::{
        lifecycle::{Change, Step},
        requests as svc, require, respond, work,
    };
    use domain::ticket::{may_triage, Action, Status};
    respond(async move {
        let (state, caller) = require().await?;
        if !may_triage(work::actor_kind(&caller)) {
            return Err(if caller.actor.role.is_staff() { AppError::Forbidden } else { AppError::NotFound });
        }
        work::load_for_staff(&state, &caller, &number).await?;
        let engineer = engineer_id.trim().parse::<i32>().ok().filter(|id| *id > 0);
        let Some(engineer) = engineer else {
            return Err(AppError::field("engineer_id", domain::ErrorCode::Required));
        };
        let mut change = Change::begin(&state, &caller, &number).await?;
        if svc::status_of(change.request()) == Status::New {
            change.step(Step::new(Action::Triage)).await?;
        }
        let action = if change.request().assignee_id.is_some() { Action::Reassign } else { Action::Assign };
        change.step(Step { engineer: Some(engineer), ..Step::new(action) }).await?;
        change.commit().await?;
        Ok(())
    })
    .await
}
