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
            timestamp_with_time_zone_null("next_deadline"),
        ] {
            m.alter_table(Table::alter().table("requests").add_column(col).to_owned()).await?;
        }

        // The deadline that matters next (see `db::repo::queues`), kept by the server with the
        // other deadlines so the triage queue reads it in index order instead of sorting every
        // open request (~300 ms at 78k unassigned open requests on SQLite).
        m.get_connection()
            .execute_unprepared(
                "UPDATE requests SET next_deadline = CASE WHEN first_response_at IS NULL THEN response_deadline \
                 WHEN on_site_deadline IS NOT NULL AND on_site_at IS NULL THEN on_site_deadline ELSE resolution_deadline END",
            )
            .await?;
        // Partial: only open work has a next deadline. Closed requests (nearly all rows) stay
        // out of these indexes, and the planner never takes them for an `IS NULL` search.
        for sql in [
            "CREATE INDEX IF NOT EXISTS ix_requests_queue ON requests (assignee_id, next_deadline, id) WHERE next_deadline IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS ix_requests_next_deadline ON requests (next_deadline, id) WHERE next_deadline IS NOT NULL",
        ] {
            m.get_connection().execute_unprepared(sql).await?;
        }
        // Engineers' open load and "my work": without it SQLite walks a status index over
        // every open request (~80 ms at a million rows; 2.5 ms with it).
        m.create_index(Index::create().name("ix_requests_assignee_status").table("requests").col("assignee_id").col("status").if_not_exists().to_owned())
            .await?;

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
        m.drop_index(Index::drop().name("ix_requests_assignee_status").table("requests").to_owned()).await?;
        m.drop_index(Index::drop().name("ix_requests_queue").table("requests").to_owned()).await?;
        m.drop_index(Index::drop().name("ix_requests_next_deadline").table("requests").to_owned()).await?;
        for t in ["audit_log", "emergency_plans", "remote_sessions"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in ["stage", "stage_at", "service_restored_at", "fault_report_json", "next_deadline"] {
            m.alter_table(Table::alter().table("requests").drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
