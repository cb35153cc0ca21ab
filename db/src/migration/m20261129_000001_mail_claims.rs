//! Claims on outbox rows, so several server instances on one database deliver each mail once:
//! a worker marks the rows it is about to send (`claimed_by`, `claimed_until`) before sending,
//! and a claim that runs out (the instance died mid-send) lets another worker retry the mail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column an ALTER: SQLite adds them one at a time.
        m.alter_table(Table::alter().table("outbound_mail").add_column(string_len_null("claimed_by", 64)).to_owned()).await?;
        m.alter_table(Table::alter().table("outbound_mail").add_column(timestamp_with_time_zone_null("claimed_until")).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in ["claimed_until", "claimed_by"] {
            m.alter_table(Table::alter().table("outbound_mail").drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
