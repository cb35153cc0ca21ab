//! Inspection plans, inspections, their answers, photos and history. Every change to an
//! inspection is an `UPDATE … WHERE id = ? AND version = ?` (`save`): of two people acting at
//! once, one wins and the other is told to reload.
use chrono::{NaiveDate, Utc};
use sea_orm::{sea_query::OnConflict, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::{
    inspection::{self, Entity as Inspection, Model},
    inspection_answer as answer, inspection_event as event, inspection_photo as photo, inspection_plan as plan,
};

pub async fn plan_of_contract(db: &impl ConnectionTrait, contract_id: i32) -> Result<Option<plan::Model>, DbErr> {
    plan::Entity::find().filter(plan::Column::ContractId.eq(contract_id)).one(db).await
}

pub async fn find_plan(db: &impl ConnectionTrait, id: i32) -> Result<Option<plan::Model>, DbErr> {
    plan::Entity::find_by_id(id).one(db).await
}

pub async fn all_plans(db: &impl ConnectionTrait) -> Result<Vec<plan::Model>, DbErr> {
    plan::Entity::find().order_by_asc(plan::Column::Id).all(db).await
}

/// A plan's new settings, if nobody saved it since `version` (`None` inserts the first).
#[allow(clippy::too_many_arguments)]
pub async fn save_plan(
    db: &impl ConnectionTrait,
    existing: Option<(i32, i32)>,
    contract_id: i32,
    org_id: i32,
    settings_json: String,
    template_id: i32,
    effective_from: NaiveDate,
    by: Option<i32>,
) -> Result<Option<plan::Model>, DbErr> {
    let now = Utc::now();
    match existing {
        None => plan::ActiveModel {
            contract_id: Set(contract_id),
            organization_id: Set(org_id),
            settings_json: Set(settings_json),
            template_id: Set(template_id),
            effective_from: Set(effective_from),
            updated_by: Set(by),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .map(Some),
        Some((id, version)) => {
            let row = plan::ActiveModel {
                settings_json: Set(settings_json),
                template_id: Set(template_id),
                effective_from: Set(effective_from),
                updated_by: Set(by),
                updated_at: Set(now),
                version: Set(version + 1),
                ..Default::default()
            };
            let res = plan::Entity::update_many().set(row).filter(plan::Column::Id.eq(id)).filter(plan::Column::Version.eq(version)).exec(db).await?;
            if res.rows_affected != 1 {
                return Ok(None);
            }
            find_plan(db, id).await
        }
    }
}

/// What a new inspection is planned with (the rest starts empty).
pub struct NewInspection {
    pub plan_id: i32,
    pub organization_id: i32,
    pub site_id: i32,
    /// `domain::inspection::InspectionKind`.
    pub kind: &'static str,
    pub slot: String,
    pub template_id: i32,
    pub categories_json: String,
    pub calendar_json: String,
    pub notice_days: i32,
    pub report_days: i32,
    pub date: NaiveDate,
    pub announce_by: NaiveDate,
}

/// A planned inspection's row, for [`insert_new`].
pub fn planned(n: NewInspection, now: chrono::DateTime<Utc>) -> inspection::ActiveModel {
    inspection::ActiveModel {
        plan_id: Set(n.plan_id),
        organization_id: Set(n.organization_id),
        site_id: Set(n.site_id),
        kind: Set(n.kind.into()),
        slot: Set(n.slot),
        template_id: Set(n.template_id),
        categories_json: Set(n.categories_json),
        calendar_json: Set(n.calendar_json),
        notice_days: Set(n.notice_days),
        report_days: Set(n.report_days),
        planned_date: Set(n.date),
        date: Set(n.date),
        announce_by: Set(n.announce_by),
        engineer_id: Set(None),
        status: Set("planned".into()),
        announced_at: Set(None),
        announced_late: Set(false),
        late_flagged: Set(false),
        proposed_date: Set(None),
        started_at: Set(None),
        finished_at: Set(None),
        report_due_at: Set(None),
        report_late_flagged: Set(false),
        summary: Set(String::new()),
        reported_at: Set(None),
        signed_off_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// Inserts the inspections whose (`plan_id`, `site_id`, `slot`) is free and skips the others,
/// in one statement: running it twice, or on two instances at once, adds each once. Answers
/// how many were added.
pub async fn insert_new(db: &impl ConnectionTrait, rows: Vec<inspection::ActiveModel>) -> Result<u64, DbErr> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut added = 0;
    // Bounded statements: SQLite allows 32,766 bound values, a row binds about 30.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        added += Inspection::insert_many(chunk)
            .on_conflict(OnConflict::columns([inspection::Column::PlanId, inspection::Column::SiteId, inspection::Column::Slot]).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(added)
}

/// The inspections of a plan dated in `[from, to]`, as the generator compares them.
pub async fn of_plan_between(db: &impl ConnectionTrait, plan_id: i32, from: NaiveDate, to: NaiveDate) -> Result<Vec<Model>, DbErr> {
    Inspection::find().filter(inspection::Column::PlanId.eq(plan_id)).filter(inspection::Column::Date.between(from, to)).all(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Inspection::find_by_id(id).one(db).await
}

/// Who may see what in a list: one organization, or all (staff).
#[derive(Clone, Copy, Debug)]
pub struct ListScope {
    pub organization_id: Option<i32>,
    /// Customers see only inspections they were told about.
    pub told_only: bool,
    pub engineer_id: Option<i32>,
}

/// Inspections dated in `[from, to]`, by date.
pub async fn list_between(db: &impl ConnectionTrait, scope: ListScope, from: NaiveDate, to: NaiveDate, limit: u64) -> Result<Vec<Model>, DbErr> {
    let mut q = Inspection::find().filter(inspection::Column::Date.between(from, to));
    if let Some(org) = scope.organization_id {
        q = q.filter(inspection::Column::OrganizationId.eq(org));
    }
    if let Some(e) = scope.engineer_id {
        q = q.filter(inspection::Column::EngineerId.eq(e));
    }
    if scope.told_only {
        q = q.filter(inspection::Column::Status.is_not_in(["planned", "cancelled"]));
    }
    q.order_by_asc(inspection::Column::Date).order_by_asc(inspection::Column::Id).limit(limit).all(db).await
}

/// Saves `row` (the changed columns of inspection `id`) if it is still at `version`; the
/// version goes up. `false` when someone changed it first.
pub async fn save(db: &impl ConnectionTrait, id: i32, version: i32, mut row: inspection::ActiveModel) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    row.updated_at = Set(Utc::now());
    let res = Inspection::update_many().set(row).filter(inspection::Column::Id.eq(id)).filter(inspection::Column::Version.eq(version)).exec(db).await?;
    Ok(res.rows_affected == 1)
}

/// Which once-only warning an inspection has had.
#[derive(Clone, Copy, Debug)]
pub enum Warned {
    /// Managers were told it would be announced late.
    AnnounceLate,
    /// Managers were told its report is overdue.
    ReportLate,
}

/// Marks a warning as given, once: `false` when it already was (another instance was first).
/// Not a change anyone acts on, so the row's version stays: an open form is not made stale.
pub async fn mark_warned(db: &impl ConnectionTrait, id: i32, w: Warned) -> Result<bool, DbErr> {
    let col = match w {
        Warned::AnnounceLate => inspection::Column::LateFlagged,
        Warned::ReportLate => inspection::Column::ReportLateFlagged,
    };
    let res = Inspection::update_many()
        .col_expr(col, sea_orm::sea_query::Expr::value(true))
        .filter(inspection::Column::Id.eq(id))
        .filter(col.eq(false))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Inspections in one of `statuses` whose last day to announce is on or before
/// `announce_by_until` (the announcing job's work list).
pub async fn due(db: &impl ConnectionTrait, statuses: &[&str], announce_by_until: NaiveDate, limit: u64) -> Result<Vec<Model>, DbErr> {
    Inspection::find()
        .filter(inspection::Column::Status.is_in(statuses.iter().copied()))
        .filter(inspection::Column::AnnounceBy.lte(announce_by_until))
        .order_by_asc(inspection::Column::AnnounceBy)
        .limit(limit)
        .all(db)
        .await
}

/// Visits ended whose report is overdue and not yet flagged.
pub async fn reports_overdue(db: &impl ConnectionTrait, now: chrono::DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Inspection::find()
        .filter(inspection::Column::Status.eq("visit_done"))
        .filter(inspection::Column::ReportLateFlagged.eq(false))
        .filter(inspection::Column::ReportDueAt.lt(now))
        .limit(limit)
        .all(db)
        .await
}

pub async fn answers(db: &impl ConnectionTrait, inspection_id: i32) -> Result<Vec<answer::Model>, DbErr> {
    answer::Entity::find().filter(answer::Column::InspectionId.eq(inspection_id)).order_by_asc(answer::Column::Id).all(db).await
}

pub async fn find_answer(db: &impl ConnectionTrait, id: i32) -> Result<Option<answer::Model>, DbErr> {
    answer::Entity::find_by_id(id).one(db).await
}

/// One answer, replacing an earlier one to the same item (the phone may send it again after
/// a lost connection: the last one wins, nothing is doubled).
#[allow(clippy::too_many_arguments)]
pub async fn upsert_answer(
    db: &impl ConnectionTrait,
    inspection_id: i32,
    device_id: i32,
    item_key: &str,
    answer_json: String,
    note: String,
    finding: bool,
    by: i32,
) -> Result<(), DbErr> {
    let row = answer::ActiveModel {
        inspection_id: Set(inspection_id),
        device_id: Set(device_id),
        item_key: Set(item_key.to_string()),
        answer_json: Set(answer_json),
        note: Set(note),
        finding: Set(finding),
        request_id: Set(None),
        answered_by: Set(by),
        answered_at: Set(Utc::now()),
        ..Default::default()
    };
    answer::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([answer::Column::InspectionId, answer::Column::DeviceId, answer::Column::ItemKey])
                .update_columns([
                    answer::Column::AnswerJson,
                    answer::Column::Note,
                    answer::Column::Finding,
                    answer::Column::AnsweredBy,
                    answer::Column::AnsweredAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Removes an answer (a field emptied on the phone).
pub async fn delete_answer(db: &impl ConnectionTrait, inspection_id: i32, device_id: i32, item_key: &str) -> Result<(), DbErr> {
    answer::Entity::delete_many()
        .filter(answer::Column::InspectionId.eq(inspection_id))
        .filter(answer::Column::DeviceId.eq(device_id))
        .filter(answer::Column::ItemKey.eq(item_key))
        .filter(answer::Column::RequestId.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Links the request opened from a finding, once: `false` when one was already opened.
pub async fn set_answer_request(db: &impl ConnectionTrait, answer_id: i32, request_id: i32) -> Result<bool, DbErr> {
    let res = answer::Entity::update_many()
        .col_expr(answer::Column::RequestId, sea_orm::sea_query::Expr::value(request_id))
        .filter(answer::Column::Id.eq(answer_id))
        .filter(answer::Column::RequestId.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_photo(db: &impl ConnectionTrait, p: photo::ActiveModel) -> Result<photo::Model, DbErr> {
    p.insert(db).await
}

/// The photos of an inspection without their bytes (id, device, item, name, type, size).
pub async fn photos(db: &impl ConnectionTrait, inspection_id: i32) -> Result<Vec<(i32, i32, String, String)>, DbErr> {
    photo::Entity::find()
        .select_only()
        .columns([photo::Column::Id, photo::Column::DeviceId, photo::Column::ItemKey, photo::Column::Filename])
        .filter(photo::Column::InspectionId.eq(inspection_id))
        .order_by_asc(photo::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

pub async fn find_photo(db: &impl ConnectionTrait, id: i32) -> Result<Option<photo::Model>, DbErr> {
    photo::Entity::find_by_id(id).one(db).await
}

pub async fn events(db: &impl ConnectionTrait, inspection_id: i32) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find().filter(event::Column::InspectionId.eq(inspection_id)).order_by_asc(event::Column::Id).all(db).await
}

pub async fn add_event(
    db: &impl ConnectionTrait,
    inspection_id: i32,
    actor: Option<i32>,
    detail: &domain::inspection::status::InspectionEvent,
) -> Result<(), DbErr> {
    event::ActiveModel {
        inspection_id: Set(inspection_id),
        actor_id: Set(actor),
        detail: Set(serde_json::to_string(detail).unwrap_or_default()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
