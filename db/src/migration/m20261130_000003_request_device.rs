//! The device a request concerns (issue 14): chosen on the new-request form from the site's
//! archive. Nullable: requests before the archive, and requests about no one device, have
//! none. Indexed for a device's earlier requests. (No foreign key: SQLite cannot add one to an
//! existing table; the server only ever writes a device of the request's own organization.)
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("requests").add_column(ColumnDef::new("device_id").integer().null()).to_owned()).await?;
        m.create_index(Index::create().name("ix_requests_device").table("requests").col("device_id").col("created_at").to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_requests_device").table("requests").to_owned()).await?;
        m.alter_table(Table::alter().table("requests").drop_column("device_id").to_owned()).await
    }
}
