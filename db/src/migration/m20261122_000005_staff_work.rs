//! The staff workspace: on-site stages and the fault report on the request, remote-access
//! sessions that need the customer's approval, emergency plans that need a manager's, and
//! the audit log of every staff action.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from, col).to(to, "id").on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add several in one ALTER TABLE.
        for col in [
            string_len_null("stage", 20),
            timestamp_with_time_zone_null("stage_at"),
            timestamp_with_time_zone_null("service_restored_at"),
            text_null("fault_report_json"),
        ] {
            m.alter_table(Table::alter().table("requests").add_column(col).to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table("remote_sessions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(string_len("status", 20))
                .col(text("plan"))
                .col(integer("requested_by"))
                .col(timestamp_with_time_zone("requested_at"))
                .col(integer_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(text_null("command_log"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .foreign_key(&mut fk("fk_remote_request", "remote_sessions", "request_id", "requests"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_remote_request").table("remote_sessions").col("request_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("emergency_plans")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(string_len("kind", 30))
                .col(string_len("status", 20))
                .col(text("reason"))
                .col(integer("requested_by"))
                .col(timestamp_with_time_zone("requested_at"))
                .col(integer_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .foreign_key(&mut fk("fk_emergency_request", "emergency_plans", "request_id", "requests"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_emergency_request").table("emergency_plans").col("request_id").to_owned()).await?;

        // Who did what, when, to what: every staff action. Append-only; `detail` is JSON.
        m.create_table(
            Table::create()
                .table("audit_log")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer("actor_id"))
                .col(string_len("actor_role", 20))
                .col(string_len("action", 40))
                .col(string_len("subject", 100))
                .col(integer_null("organization_id"))
                .col(text("detail"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_audit_at").table("audit_log").col("at").to_owned()).await?;
        m.create_index(Index::create().name("ix_audit_actor").table("audit_log").col("actor_id").col("id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["audit_log", "emergency_plans", "remote_sessions"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in ["stage", "stage_at", "service_restored_at", "fault_report_json"] {
            m.alter_table(Table::alter().table("requests").drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
