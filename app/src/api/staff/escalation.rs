use leptos::prelude::*;

use crate::error::AppError;

/// Escalates to an expert or to management with a reason. Managers are told in their
/// notifications; the line is internal (the customer sees the automatic severity upgrades).
#[server(endpoint = "escalate_request")]
pub async fn escalate_request(number: String, target: String, reason: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, requests as svc, require, respond, work};
    use db::sea_orm::ActiveValue::Set;
    use domain::{
        notice::Notice,
        ticket::{may_escalate, validate_escalation, EscalationTarget, Line},
        Refusal,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !may_escalate(work::actor_kind(&caller), svc::status_of(&r)) {
            return Err(AppError::NotNow(Refusal::Closed));
        }
        let (target, reason) = validate_escalation(&target, &reason).map_err(AppError::Invalid)?;
        let mut change = Change::begin(&state, &caller, &number).await?;
        let level = change.request().escalation_level + 1;
        change.row().escalation_level = Set(level);
        if target == EscalationTarget::Management {
            for m in managers(&state, caller.org.id).await? {
                if m != caller.user.id {
                    change.tell_user(m, Notice::Escalation { target, reason: reason.clone() });
                }
            }
        }
        change.audit("request.escalate", serde_json::json!({ "target": target, "reason": reason }));
        change.line(Line::Escalation { target, reason }, false);
        change.commit().await?;
        Ok(())
    })
    .await
}

/// Proposes an emergency plan (vendor support, spare parts purchase, disaster response);
/// it waits for a manager's authorisation, and managers are told.
#[server(endpoint = "propose_emergency")]
pub async fn propose_emergency(number: String, kind: String, reason: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, requests as svc, require, respond, work};
    use domain::{
        notice::Notice,
        ticket::{emergency_transition, validate_emergency_proposal, EmergencyAction, EmergencyStatus, Line},
        Refusal,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow(Refusal::Closed));
        }
        let (kind, reason) = validate_emergency_proposal(&kind, &reason).map_err(AppError::Invalid)?;
        let plans = db::repo::emergency_plans::list(&state.db.conn, r.id).await?;
        let current = plans.iter().rev().find(|p| p.kind == kind.as_str()).and_then(|p| EmergencyStatus::parse(&p.status));
        let is_assignee = r.assignee_id == Some(caller.user.id);
        emergency_transition(current, EmergencyAction::Request, work::actor_kind(&caller), is_assignee).map_err(AppError::denied)?;
        let mut change = Change::begin(&state, &caller, &number).await?;
        let p = db::repo::emergency_plans::insert(change.tx(), r.id, kind.as_str(), &reason, caller.user.id, change.now()).await?;
        let status = EmergencyStatus::Requested;
        for m in managers(&state, caller.org.id).await? {
            if m != caller.user.id {
                change.tell_user(m, Notice::Emergency { kind, status });
            }
        }
        change.audit("request.emergency_propose", serde_json::json!({ "plan": p.id, "kind": kind, "status": status, "reason": reason }));
        change.line(Line::Emergency { plan: p.id, kind, status, reason: Some(reason) }, false);
        change.commit().await?;
        Ok(())
    })
    .await
}

/// A manager authorises or refuses an emergency plan; recorded on the request.
#[server(endpoint = "decide_emergency")]
pub async fn decide_emergency(number: String, plan_id: String, decision: String) -> Result<(), AppError> {
    use crate::ssr::{lifecycle::Change, require, respond, work};
    use domain::{
        notice::Notice,
        ticket::{emergency_transition, EmergencyAction, EmergencyKind, EmergencyStatus, Line},
        ErrorCode,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        let action = match decision.as_str() {
            "authorise" => EmergencyAction::Authorise,
            "refuse" => EmergencyAction::Refuse,
            _ => return Err(AppError::field("decision", ErrorCode::InvalidChoice)),
        };
        let id = plan_id.trim().parse::<i32>().map_err(|_| AppError::field("plan_id", ErrorCode::InvalidChoice))?;
        let plan = db::repo::emergency_plans::find(&state.db.conn, id).await?.filter(|p| p.request_id == r.id).ok_or(AppError::NotFound)?;
        let is_assignee = r.assignee_id == Some(caller.user.id);
        let to = emergency_transition(EmergencyStatus::parse(&plan.status), action, work::actor_kind(&caller), is_assignee).map_err(AppError::denied)?;
        let kind = EmergencyKind::parse(&plan.kind).ok_or_else(|| crate::ssr::internal(format!("emergency plan {} has kind {:?}", plan.id, plan.kind)))?;
        let mut change = Change::begin(&state, &caller, &number).await?;
        if !db::repo::emergency_plans::decide(change.tx(), plan.id, to.as_str(), caller.user.id, change.now()).await? {
            return Err(AppError::Conflict);
        }
        if plan.requested_by != caller.user.id {
            change.tell_user(plan.requested_by, Notice::Emergency { kind, status: to });
        }
        change.audit("request.emergency_decide", serde_json::json!({ "plan": plan.id, "kind": kind, "status": to }));
        change.line(Line::Emergency { plan: plan.id, kind, status: to, reason: None }, false);
        change.commit().await?;
        Ok(())
    })
    .await
}

/// The provider's active managers.
#[cfg(feature = "ssr")]
async fn managers(state: &crate::ssr::AppState, provider_org: i32) -> Result<Vec<i32>, AppError> {
    Ok(db::repo::users::list_by_org(&state.db.conn, provider_org).await?.into_iter().filter(|u| u.active && u.role == "manager").map(|u| u.id).collect())
}
