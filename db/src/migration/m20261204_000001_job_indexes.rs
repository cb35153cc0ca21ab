//! Indexes for the background jobs, which run every 15 to 60 seconds on every instance. At a
//! million requests, without them each run read tens of thousands of rows (48-162 ms of
//! SQLite, on a connection and a core taken from page renders, the slowest requests of a load
//! test were the ones waiting behind them):
//! - the escalation job's overdue requests (`repo::requests::overdue`): a running status,
//!   resolution deadline passed, breach not yet recorded. The `(status, resolution_deadline)`
//!   index read every running request past its deadline, breach recorded or not;
//! - the auto-close job's resolved requests (`repo::requests::resolved_before`): resolved, oldest
//!   resolution first, which sorted every resolved request on each run.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    ("ix_requests_status_breach_deadline", "requests", &["status", "breach_recorded", "resolution_deadline"]),
    ("ix_requests_status_resolved", "requests", &["status", "resolved_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut idx = Index::create().name(*name).table(*table).if_not_exists().to_owned();
            for c in cols.iter() {
                idx.col(*c);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(*name).table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
