//! Configuration backups of devices (issue 14): each upload a new numbered version, kept as
//! text (secrets masked before storing when the uploader asked).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("device_configs")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("device_id"))
                .col(integer("number"))
                .col(string_len("file_name", 200))
                .col(text("content"))
                .col(integer("size"))
                .col(integer("masked_lines"))
                .col(integer("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_device_configs_device")
                        .from("device_configs", "device_id")
                        .to("devices", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_device_configs_user")
                        .from("device_configs", "uploaded_by")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        // One number a version: two uploads at once cannot both be "version 3".
        m.create_index(Index::create().name("ux_device_configs_number").table("device_configs").col("device_id").col("number").unique().to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("device_configs").to_owned()).await
    }
}
