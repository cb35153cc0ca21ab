//! A site's profile (issue 14): access notes, opening hours, contacts and the machine room's
//! environment, one row a site (the address stays on `sites`). Contacts and the environment
//! are JSON of typed domain values (`domain::equipment::site_profile`): each environment field
//! carries who verified it and when.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("site_profiles")
                .if_not_exists()
                .col(integer("site_id").primary_key())
                .col(text("access_notes"))
                .col(string_len("opening_hours", 200))
                .col(text("contacts_json"))
                .col(text("environment_json"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("updated_by"))
                .foreign_key(
                    ForeignKey::create().name("fk_site_profiles_site").from("site_profiles", "site_id").to("sites", "id").on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_site_profiles_user")
                        .from("site_profiles", "updated_by")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("site_profiles").to_owned()).await
    }
}
