//! Application software at a customer site (issue 14): one row an application, with the ids
//! of the devices it runs on as a JSON list (a site runs tens of applications, read together).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("site_software")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(integer("site_id"))
                .col(string_len("name", 120))
                .col(string_len("version", 100))
                .col(string_len("platform", 100))
                .col(date_null("go_live"))
                .col(text("device_ids"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("updated_by"))
                .foreign_key(
                    ForeignKey::create().name("fk_site_software_site").from("site_software", "site_id").to("sites", "id").on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_site_software_user")
                        .from("site_software", "updated_by")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_site_software_site").table("site_software").col("site_id").to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("site_software").to_owned()).await
    }
}
