//! Indexes for the filtered request lists (measured with the bench command: a site manager's
//! "open" list read ~60k rows of 100k through the org index alone).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in
            [("ix_requests_org_status", ["organization_id", "status", "id"]), ("ix_requests_requester_status", ["requester_id", "status", "id"])]
        {
            let mut idx = Index::create().name(name).table("requests").if_not_exists().to_owned();
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_requests_org_status", "ix_requests_requester_status"] {
            m.drop_index(Index::drop().name(name).table("requests").to_owned()).await?;
        }
        Ok(())
    }
}
