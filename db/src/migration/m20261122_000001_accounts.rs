//! Organizations, sites, users and sessions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("organizations")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("name", 200).unique_key())
                .col(string_len("kind", 20))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sites")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(string_len("name", 200))
                .col(string_len("address", 400).default(""))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sites_organization")
                        .from("sites", "organization_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_sites_org_name").table("sites").col("organization_id").col("name").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("users")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(integer_null("site_id"))
                .col(string_len("email", 254).unique_key())
                .col(string_len("display_name", 200))
                .col(string_len_null("phone", 40))
                .col(string_len("role", 20))
                .col(string_len("password_hash", 200))
                .col(boolean("active").default(true))
                .col(string_len("lang", 5).default("en"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("password_changed_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_users_organization")
                        .from("users", "organization_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(ForeignKey::create().name("fk_users_site").from("users", "site_id").to("sites", "id").on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_users_org").table("users").col("organization_id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("sessions")
                .if_not_exists()
                .col(string_len("id", 64).primary_key())
                .col(text("data"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_sessions_expires").table("sessions").col("expires_at").to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["sessions", "users", "sites", "organizations"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
