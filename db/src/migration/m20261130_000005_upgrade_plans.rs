//! Upgrade and patch plans (issue 14): a plan for devices of one organization, the devices
//! with their result, and the plan's history.
//!
//! - `revision` goes up with every edit; `approved_revision` is the revision the site manager
//!   approved, so an approval never covers an edit made after it.
//! - `version` guards against two people saving over each other (as on devices).
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
                .table("upgrade_plans")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(string_len("title", 200))
                .col(string_len("target_version", 100))
                .col(text("steps"))
                .col(text("rollback"))
                .col(text("impact"))
                .col(timestamp_with_time_zone("window_start"))
                .col(timestamp_with_time_zone("window_end"))
                .col(string_len("tz", 64))
                .col(string_len("status", 16))
                .col(integer("revision"))
                .col(integer_null("approved_revision"))
                .col(integer("proposed_by"))
                .col(integer_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text("decision_note"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_upgrade_plans_org", "upgrade_plans", "organization_id", "organizations"))
                .foreign_key(&mut fk("fk_upgrade_plans_proposed_by", "upgrade_plans", "proposed_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_upgrade_plans_org").table("upgrade_plans").col("organization_id").col("id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("upgrade_plan_devices")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("plan_id"))
                .col(integer("device_id"))
                .col(string_len("from_version", 100))
                .col(string_len_null("result", 16))
                .col(text("result_note"))
                .col(timestamp_with_time_zone_null("result_at"))
                .col(integer_null("result_by"))
                .foreign_key(&mut fk("fk_upgrade_plan_devices_plan", "upgrade_plan_devices", "plan_id", "upgrade_plans"))
                .foreign_key(&mut fk("fk_upgrade_plan_devices_device", "upgrade_plan_devices", "device_id", "devices"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_upgrade_plan_devices").table("upgrade_plan_devices").col("plan_id").col("device_id").unique().to_owned())
            .await?;
        m.create_index(Index::create().name("ix_upgrade_plan_devices_device").table("upgrade_plan_devices").col("device_id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("upgrade_plan_events")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("plan_id"))
                .col(integer("actor_id"))
                .col(string_len("kind", 16))
                .col(integer("revision"))
                .col(text("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_upgrade_plan_events_plan", "upgrade_plan_events", "plan_id", "upgrade_plans"))
                .foreign_key(&mut fk("fk_upgrade_plan_events_actor", "upgrade_plan_events", "actor_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_upgrade_plan_events_plan").table("upgrade_plan_events").col("plan_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["upgrade_plan_events", "upgrade_plan_devices", "upgrade_plans"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
