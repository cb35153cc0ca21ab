//! Assurance periods and their duty rota (issue 15): a period for one or more organizations
//! (their ids as a JSON list: a handful a period), published or not; a shift per day, label and
//! engineer, with the number to call.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("assurance_periods")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("name", 100))
                .col(text("reason"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(text("org_ids_json"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_assurance_periods_dates").table("assurance_periods").col("ends_on").col("starts_on").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("duty_shifts")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("period_id"))
                .col(date("day"))
                .col(string_len("shift", 40))
                .col(integer("engineer_id"))
                .col(string_len("phone", 30))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_duty_shifts_period")
                        .from("duty_shifts", "period_id")
                        .to("assurance_periods", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_duty_shifts_engineer")
                        .from("duty_shifts", "engineer_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_duty_shifts_period_day").table("duty_shifts").col("period_id").col("day").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["duty_shifts", "assurance_periods"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
