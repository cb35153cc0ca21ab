//! Complaints to the service supervision (issue 17): the complaint with its two clocks
//! (acknowledge, answer; stored when it is made, from the contract's calendar), the engineer
//! it concerns (the request's assignee then, for the reports; never shown to them), the
//! supervisor's findings (staff only), what will change and the answer; and its history.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("complaints")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("number", 20))
                .col(integer("organization_id"))
                .col(integer("complainant_id"))
                .col(integer_null("request_id"))
                .col(integer_null("concerns_user_id"))
                .col(boolean("from_survey").default(false))
                .col(text("text"))
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone("ack_due_at"))
                .col(timestamp_with_time_zone("answer_due_at"))
                .col(timestamp_with_time_zone_null("acknowledged_at"))
                .col(integer_null("supervisor_id"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(text_null("findings"))
                .col(text_null("changes"))
                .col(text_null("answer"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_complaints_org").table("complaints").col("organization_id").col("id").to_owned()).await?;
        m.create_index(Index::create().name("ix_complaints_status").table("complaints").col("status").col("answered_at").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("complaint_events")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("complaint_id"))
                .col(integer_null("actor_id"))
                .col(string_len("action", 20))
                .col(text("note"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_complaint_events").table("complaint_events").col("complaint_id").col("id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("complaint_events").to_owned()).await?;
        m.drop_table(Table::drop().table("complaints").to_owned()).await?;
        Ok(())
    }
}
