//! Every staff action goes into the audit log, in the transaction of the action itself.
use db::sea_orm::ConnectionTrait;

use super::auth::Caller;
use crate::error::AppError;

/// Records `action` (dotted, e.g. `request.assign`, `contract.create`) on `subject` by the
/// caller. Customers' own actions are in the request timeline; only staff are audited here.
pub async fn record(
    tx: &impl ConnectionTrait,
    caller: &Caller,
    action: &str,
    subject: &str,
    organization_id: Option<i32>,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    if !caller.actor.role.is_staff() {
        return Ok(());
    }
    db::repo::audit::record(
        tx,
        db::repo::audit::Entry { actor_id: caller.user.id, actor_role: caller.actor.role.as_str(), action, subject, organization_id, detail },
    )
    .await?;
    Ok(())
}
