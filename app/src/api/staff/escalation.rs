use leptos::prelude::*;

use crate::error::AppError;

/// Escalates to an expert or to management with a reason. Managers are told in their
/// notifications; the line is internal (the customer sees the automatic severity upgrades).
#[server(endpoint = "escalate_request")]
pub async fn escalate_request(number: String, target: String, reason: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use db::sea_orm::ActiveValue::Set;
    use domain::ticket::{may_escalate, validate_escalation, EscalationTarget};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !may_escalate(work::actor_kind(&caller), svc::status_of(&r)) {
            return Err(AppError::NotNow("closed".into()));
        }
        let (target, reason) = validate_escalation(&target, &reason).map_err(AppError::Invalid)?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let mut row = svc::into_active(r.clone());
        row.escalation_level = Set(r.escalation_level + 1);
        let body = serde_json::json!({ "target": target.as_str(), "reason": reason });
        if target == EscalationTarget::Management {
            for m in managers(&state, caller.org.id).await? {
                if m != caller.user.id {
                    svc::notify(&*tx, m, &r, "escalation", body.clone()).await?;
                }
            }
        }
        work::save(&state, &caller, tx, &r, row, now, work::Announce { kind: "escalation", body, public: false, audit: "request.escalate", notify: None })
            .await?;
        Ok(())
    })
    .await
}

/// Proposes an emergency plan (vendor support, spare parts purchase, disaster response);
/// it waits for a manager's authorisation, and managers are told.
#[server(endpoint = "propose_emergency")]
pub async fn propose_emergency(number: String, kind: String, reason: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use domain::ticket::{emergency_transition, validate_emergency_proposal, EmergencyAction, EmergencyStatus};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow("closed".into()));
        }
        let (kind, reason) = validate_emergency_proposal(&kind, &reason).map_err(AppError::Invalid)?;
        let plans = db::repo::emergency_plans::list(&state.db.conn, r.id).await?;
        let current = plans.iter().rev().find(|p| p.kind == kind.as_str()).and_then(|p| EmergencyStatus::parse(&p.status));
        let is_assignee = r.assignee_id == Some(caller.user.id);
        emergency_transition(current, EmergencyAction::Request, work::actor_kind(&caller), is_assignee).map_err(|e| {
            if e.is_forbidden() {
                AppError::Forbidden
            } else {
                AppError::NotNow(format!("emergency_{}", e.code()))
            }
        })?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let p = db::repo::emergency_plans::insert(&*tx, r.id, kind.as_str(), &reason, caller.user.id, now).await?;
        let body = serde_json::json!({ "plan": p.id, "kind": kind.as_str(), "status": "requested", "reason": reason });
        for m in managers(&state, caller.org.id).await? {
            if m != caller.user.id {
                svc::notify(&*tx, m, &r, "emergency", body.clone()).await?;
            }
        }
        work::line_and_announce(&*tx, &caller, &r, work::Announce { kind: "emergency", body, public: false, audit: "request.emergency_propose", notify: None })
            .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// A manager authorises or refuses an emergency plan; recorded on the request.
#[server(endpoint = "decide_emergency")]
pub async fn decide_emergency(number: String, plan_id: String, decision: String) -> Result<(), AppError> {
    use crate::ssr::{requests as svc, require, respond, work};
    use domain::{
        ticket::{emergency_transition, EmergencyAction, EmergencyStatus},
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
        let to = emergency_transition(EmergencyStatus::parse(&plan.status), action, work::actor_kind(&caller), is_assignee).map_err(|e| {
            if e.is_forbidden() {
                AppError::Forbidden
            } else {
                AppError::NotNow(format!("emergency_{}", e.code()))
            }
        })?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        if !db::repo::emergency_plans::decide(&*tx, plan.id, to.as_str(), caller.user.id, now).await? {
            return Err(AppError::Conflict);
        }
        let body = serde_json::json!({ "plan": plan.id, "kind": plan.kind, "status": to.as_str() });
        if plan.requested_by != caller.user.id {
            svc::notify(&*tx, plan.requested_by, &r, "emergency", body.clone()).await?;
        }
        work::line_and_announce(&*tx, &caller, &r, work::Announce { kind: "emergency", body, public: false, audit: "request.emergency_decide", notify: None })
            .await?;
        tx.commit().await?;
        state.live.notify_one();
        Ok(())
    })
    .await
}

/// The provider's active managers.
#[cfg(feature = "ssr")]
async fn managers(state: &crate::ssr::AppState, provider_org: i32) -> Result<Vec<i32>, AppError> {
    Ok(db::repo::users::list_by_org(&state.db.conn, provider_org).await?.into_iter().filter(|u| u.active && u.role == "manager").map(|u| u.id).collect())
}
