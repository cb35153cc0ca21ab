//! A version on contracts, as requests and training sessions have: the admin form carries the
//! version it was opened at, and saving is refused if someone saved the contract since.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("contracts").add_column(integer("version").default(0)).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("contracts").drop_column("version").to_owned()).await
    }
}
