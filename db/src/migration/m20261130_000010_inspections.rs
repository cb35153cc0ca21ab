//! Preventive inspections (issue 15): checklist templates (a new row per version), each
//! contract's plan, the inspections generated from it, their answers, photos and history.
//!
//! - `inspections` has a unique key (`plan_id`, `site_id`, `slot`): generating a year again,
//!   on another instance or at the same moment, inserts nothing twice.
//! - An inspection freezes what it was planned under: the template version, the device
//!   categories, the notice and report days and the contract's calendar (as requests freeze
//!   their SLA terms), so changing the plan or the contract never moves a running clock.
//! - `version` guards every change: two people moving the same inspection cannot both win.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from, col).to(to, "id").on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("checklist_templates")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("name", 100))
                // The first version's id: every version of one template shares it.
                .col(integer_null("family_id"))
                .col(integer("revision"))
                .col(text("items_json"))
                .col(boolean("current"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("inspection_plans")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("contract_id"))
                .col(integer("organization_id"))
                .col(text("settings_json"))
                .col(integer("template_id"))
                .col(date("effective_from"))
                .col(integer_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_inspection_plans_contract", "inspection_plans", "contract_id", "contracts"))
                .foreign_key(&mut fk("fk_inspection_plans_template", "inspection_plans", "template_id", "checklist_templates"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_inspection_plans_contract").table("inspection_plans").col("contract_id").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("inspections")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("plan_id"))
                .col(integer("organization_id"))
                .col(integer("site_id"))
                .col(string_len("kind", 20))
                .col(string_len("slot", 40))
                .col(integer("template_id"))
                .col(text("categories_json"))
                .col(text("calendar_json"))
                .col(integer("notice_days"))
                .col(integer("report_days"))
                .col(date("planned_date"))
                .col(date("date"))
                .col(date("announce_by"))
                .col(integer_null("engineer_id"))
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone_null("announced_at"))
                .col(boolean("announced_late"))
                .col(boolean("late_flagged"))
                .col(date_null("proposed_date"))
                .col(timestamp_with_time_zone_null("started_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .col(timestamp_with_time_zone_null("report_due_at"))
                .col(boolean("report_late_flagged"))
                .col(text("summary"))
                .col(timestamp_with_time_zone_null("reported_at"))
                .col(timestamp_with_time_zone_null("signed_off_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_inspections_plan", "inspections", "plan_id", "inspection_plans"))
                .foreign_key(&mut fk("fk_inspections_site", "inspections", "site_id", "sites"))
                .foreign_key(&mut fk("fk_inspections_template", "inspections", "template_id", "checklist_templates"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_inspections_slot").table("inspections").col("plan_id").col("site_id").col("slot").unique().to_owned()).await?;
        m.create_index(Index::create().name("ix_inspections_org_date").table("inspections").col("organization_id").col("date").to_owned()).await?;
        m.create_index(Index::create().name("ix_inspections_date").table("inspections").col("date").to_owned()).await?;
        m.create_index(Index::create().name("ix_inspections_engineer").table("inspections").col("engineer_id").col("date").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("inspection_answers")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("inspection_id"))
                // 0: an item answered once for the whole site.
                .col(integer("device_id"))
                .col(string_len("item_key", 20))
                .col(text("answer_json"))
                .col(text("note"))
                .col(boolean("finding"))
                .col(integer_null("request_id"))
                .col(integer("answered_by"))
                .col(timestamp_with_time_zone("answered_at"))
                .foreign_key(&mut fk("fk_inspection_answers_inspection", "inspection_answers", "inspection_id", "inspections"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ux_inspection_answers").table("inspection_answers").col("inspection_id").col("device_id").col("item_key").unique().to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("inspection_photos")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("inspection_id"))
                .col(integer("device_id"))
                .col(string_len("item_key", 20))
                .col(string_len("filename", 255))
                .col(string_len("content_type", 100))
                .col(big_integer("size"))
                .col(blob("data"))
                .col(integer("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_inspection_photos_inspection", "inspection_photos", "inspection_id", "inspections"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_inspection_photos").table("inspection_photos").col("inspection_id").col("device_id").col("item_key").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("inspection_events")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("inspection_id"))
                // None: the system (the announcing job).
                .col(integer_null("actor_id"))
                .col(text("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_inspection_events_inspection", "inspection_events", "inspection_id", "inspections"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_inspection_events").table("inspection_events").col("inspection_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["inspection_events", "inspection_photos", "inspection_answers", "inspections", "inspection_plans", "checklist_templates"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
