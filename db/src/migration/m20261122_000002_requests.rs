//! Contracts, service requests with their timeline, pauses, attachments, service-number
//! counters, notifications and the live-event feed.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from, col).to(to, "id").on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A contract per customer organization: its tier and its SLA calendar and limits, as
        // JSON of domain::sla types (the browser computes clocks from the same JSON).
        m.create_table(
            Table::create()
                .table("contracts")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(string_len("tier", 4))
                .col(text("calendar_json"))
                .col(text("limits_json"))
                .col(date("valid_from"))
                .col(date_null("valid_until"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_contracts_org", "contracts", "organization_id", "organizations"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_contracts_org").table("contracts").col("organization_id").to_owned()).await?;

        m.create_table(Table::create().table("service_counters").if_not_exists().col(integer("year").primary_key()).col(integer("last_seq")).to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("requests")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("number", 20).unique_key())
                .col(integer("organization_id"))
                .col(integer("site_id"))
                .col(integer("requester_id"))
                .col(integer("created_by_id"))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(string_len("kind", 20))
                .col(string_len_null("fault_kind", 20))
                .col(small_integer("severity"))
                .col(string_len("system", 200).default(""))
                .col(string_len("contact_phone", 40))
                .col(string_len("status", 30))
                .col(integer_null("assignee_id"))
                .col(string_len("tier", 4))
                .col(text("sla_json"))
                .col(boolean("on_site_required").default(false))
                .col(big_integer("on_site_limit_secs").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("first_response_at"))
                .col(timestamp_with_time_zone_null("on_site_at"))
                .col(timestamp_with_time_zone("resolution_started_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone_null("response_deadline"))
                .col(timestamp_with_time_zone_null("on_site_deadline"))
                .col(timestamp_with_time_zone_null("resolution_deadline"))
                .col(timestamp_with_time_zone_null("paused_since"))
                .col(string_len_null("pause_reason", 200))
                .col(integer("escalation_level").default(0))
                .col(boolean("breach_recorded").default(false))
                .col(integer("version").default(0))
                .foreign_key(&mut fk("fk_requests_org", "requests", "organization_id", "organizations"))
                .foreign_key(&mut fk("fk_requests_site", "requests", "site_id", "sites"))
                .foreign_key(&mut fk("fk_requests_requester", "requests", "requester_id", "users"))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_requests_org_created", vec!["organization_id", "id"]),
            ("ix_requests_requester_created", vec!["requester_id", "id"]),
            ("ix_requests_status", vec!["status", "id"]),
            ("ix_requests_deadline", vec!["resolution_deadline"]),
            ("ix_requests_assignee", vec!["assignee_id", "id"]),
        ] {
            let mut idx = Index::create().name(name).table("requests").to_owned();
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx).await?;
        }

        m.create_table(
            Table::create()
                .table("request_pauses")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(timestamp_with_time_zone("paused_from"))
                .col(timestamp_with_time_zone_null("paused_to"))
                .col(string_len("reason", 200))
                .foreign_key(&mut fk("fk_pauses_request", "request_pauses", "request_id", "requests"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_pauses_request").table("request_pauses").col("request_id").to_owned()).await?;

        // The timeline: every change, who and when. `public` = false is staff-only.
        m.create_table(
            Table::create()
                .table("request_events")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(integer_null("actor_id"))
                .col(string_len("kind", 30))
                .col(boolean("public").default(true))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_events_request", "request_events", "request_id", "requests"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_events_request").table("request_events").col("request_id").col("id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("attachments")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(integer("uploaded_by"))
                .col(string_len("filename", 255))
                .col(string_len("content_type", 100))
                .col(big_integer("size"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_attachments_request", "attachments", "request_id", "requests"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_attachments_request").table("attachments").col("request_id").to_owned()).await?;
        // Contents in the database, so every instance can serve every file.
        m.create_table(
            Table::create()
                .table("attachment_blobs")
                .if_not_exists()
                .col(integer("attachment_id").primary_key())
                .col(blob("data"))
                .foreign_key(&mut fk("fk_blobs_attachment", "attachment_blobs", "attachment_id", "attachments"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("notifications")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(integer_null("request_id"))
                .col(string_len("kind", 30))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk("fk_notifications_user", "notifications", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_notifications_user").table("notifications").col("user_id").col("id").to_owned()).await?;

        // The live feed: one row per change, read by every instance's pump and replayed to
        // browsers that reconnect with the last id they saw.
        m.create_table(
            Table::create()
                .table("live_events")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("kind", 30))
                .col(integer_null("request_id"))
                .col(integer_null("organization_id"))
                .col(integer_null("requester_id"))
                .col(integer_null("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in
            ["live_events", "notifications", "attachment_blobs", "attachments", "request_events", "request_pauses", "requests", "service_counters", "contracts"]
        {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
