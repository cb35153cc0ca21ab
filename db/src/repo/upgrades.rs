//! Upgrade plans: the plan, its devices with their results, and its history. Status changes
//! are conditional on the row's `version`, so two people deciding at once cannot both win.
use chrono::Utc;
use domain::equipment::upgrade::{DeviceResult, PlanEvent, PlanInput, PlanStatus};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::{
    upgrade_plan::{self, Entity as Plan, Model},
    upgrade_plan_device as plan_device, upgrade_plan_event as plan_event,
};

pub async fn insert(db: &impl ConnectionTrait, org_id: i32, p: &PlanInput, tz: &str, by: i32) -> Result<Model, DbErr> {
    let now = Utc::now();
    upgrade_plan::ActiveModel {
        organization_id: Set(org_id),
        title: Set(p.title.clone()),
        target_version: Set(p.target_version.clone()),
        steps: Set(p.steps.clone()),
        rollback: Set(p.rollback.clone()),
        impact: Set(p.impact.clone()),
        window_start: Set(p.window_start),
        window_end: Set(p.window_end),
        tz: Set(tz.into()),
        status: Set(PlanStatus::Proposed.as_str().into()),
        revision: Set(1),
        approved_revision: Set(None),
        proposed_by: Set(by),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A new revision of the plan, proposed again, if nobody saved it since `version`.
pub async fn update(db: &impl ConnectionTrait, id: i32, version: i32, p: &PlanInput) -> Result<bool, DbErr> {
    let res = Plan::update_many()
        .col_expr(upgrade_plan::Column::Title, Expr::value(p.title.clone()))
        .col_expr(upgrade_plan::Column::TargetVersion, Expr::value(p.target_version.clone()))
        .col_expr(upgrade_plan::Column::Steps, Expr::value(p.steps.clone()))
        .col_expr(upgrade_plan::Column::Rollback, Expr::value(p.rollback.clone()))
        .col_expr(upgrade_plan::Column::Impact, Expr::value(p.impact.clone()))
        .col_expr(upgrade_plan::Column::WindowStart, Expr::value(p.window_start))
        .col_expr(upgrade_plan::Column::WindowEnd, Expr::value(p.window_end))
        .col_expr(upgrade_plan::Column::Status, Expr::value(PlanStatus::Proposed.as_str()))
        .col_expr(upgrade_plan::Column::Revision, Expr::col(upgrade_plan::Column::Revision).add(1))
        .col_expr(upgrade_plan::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(upgrade_plan::Column::Version, Expr::value(version + 1))
        .filter(upgrade_plan::Column::Id.eq(id))
        .filter(upgrade_plan::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A status change (a decision, done, withdrawn) if nobody changed the plan since `version`.
/// `decided` is set for a decision: (by, note); an approval records the revision approved.
pub async fn set_status(db: &impl ConnectionTrait, p: &Model, status: PlanStatus, decided: Option<(i32, &str)>) -> Result<bool, DbErr> {
    let mut q = Plan::update_many()
        .col_expr(upgrade_plan::Column::Status, Expr::value(status.as_str()))
        .col_expr(upgrade_plan::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(upgrade_plan::Column::Version, Expr::value(p.version + 1));
    if let Some((by, note)) = decided {
        q = q
            .col_expr(upgrade_plan::Column::DecidedBy, Expr::value(by))
            .col_expr(upgrade_plan::Column::DecidedAt, Expr::value(Utc::now()))
            .col_expr(upgrade_plan::Column::DecisionNote, Expr::value(note.to_string()));
        if status == PlanStatus::Approved {
            q = q.col_expr(upgrade_plan::Column::ApprovedRevision, Expr::value(p.revision));
        }
    }
    let res = q.filter(upgrade_plan::Column::Id.eq(p.id)).filter(upgrade_plan::Column::Version.eq(p.version)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Plan::find_by_id(id).one(db).await
}

/// The newest plans (of one organization, or all), at most `limit`.
pub async fn list(db: &impl ConnectionTrait, org: Option<i32>, limit: u64) -> Result<Vec<Model>, DbErr> {
    let mut q = Plan::find();
    if let Some(org) = org {
        q = q.filter(upgrade_plan::Column::OrganizationId.eq(org));
    }
    q.order_by_desc(upgrade_plan::Column::Id).limit(limit).all(db).await
}

/// Replaces the plan's devices: (device, its version now).
pub async fn set_devices(db: &impl ConnectionTrait, plan_id: i32, devices: &[(i32, String)]) -> Result<(), DbErr> {
    plan_device::Entity::delete_many().filter(plan_device::Column::PlanId.eq(plan_id)).exec(db).await?;
    for (device, from) in devices {
        plan_device::ActiveModel {
            plan_id: Set(plan_id),
            device_id: Set(*device),
            from_version: Set(from.clone()),
            result: Set(None),
            result_note: Set(String::new()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn devices_of(db: &impl ConnectionTrait, plan_id: i32) -> Result<Vec<plan_device::Model>, DbErr> {
    plan_device::Entity::find().filter(plan_device::Column::PlanId.eq(plan_id)).order_by_asc(plan_device::Column::Id).all(db).await
}

/// Every plan a device is in, newest first.
pub async fn of_device(db: &impl ConnectionTrait, device_id: i32) -> Result<Vec<(plan_device::Model, Model)>, DbErr> {
    let rows =
        plan_device::Entity::find().filter(plan_device::Column::DeviceId.eq(device_id)).order_by_desc(plan_device::Column::PlanId).limit(50).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.plan_id).collect();
    let plans = Plan::find().filter(upgrade_plan::Column::Id.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().filter_map(|r| plans.iter().find(|p| p.id == r.plan_id).cloned().map(|p| (r, p))).collect())
}

/// Records a device's result if it has none yet: `false` when someone recorded it first.
pub async fn record_result(db: &impl ConnectionTrait, plan_id: i32, device_id: i32, result: DeviceResult, note: &str, by: i32) -> Result<bool, DbErr> {
    let res = plan_device::Entity::update_many()
        .col_expr(plan_device::Column::Result, Expr::value(result.as_str()))
        .col_expr(plan_device::Column::ResultNote, Expr::value(note.to_string()))
        .col_expr(plan_device::Column::ResultAt, Expr::value(Utc::now()))
        .col_expr(plan_device::Column::ResultBy, Expr::value(by))
        .filter(plan_device::Column::PlanId.eq(plan_id))
        .filter(plan_device::Column::DeviceId.eq(device_id))
        .filter(plan_device::Column::Result.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_event(db: &impl ConnectionTrait, plan_id: i32, actor: i32, revision: i32, e: &PlanEvent) -> Result<(), DbErr> {
    plan_event::ActiveModel {
        plan_id: Set(plan_id),
        actor_id: Set(actor),
        kind: Set(e.name().into()),
        revision: Set(revision),
        detail: Set(serde_json::to_string(e).unwrap_or_default()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn events(db: &impl ConnectionTrait, plan_id: i32) -> Result<Vec<plan_event::Model>, DbErr> {
    plan_event::Entity::find().filter(plan_event::Column::PlanId.eq(plan_id)).order_by_asc(plan_event::Column::Id).all(db).await
}
