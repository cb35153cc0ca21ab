//! Indexes for the request lists at a million requests (measured with `bench` and its
//! `list_queries`; see `repo::requests::list`, which reads one index range per status):
//! - sorted by deadline: `(scope, status, resolution_deadline, id)` per status asked for, and
//!   `(scope, resolution_deadline, id)` without a status filter. Before, a site manager's open
//!   requests by deadline (84k rows) were read whole and sorted: ~115 ms on SQLite.
//! - title search: `(scope, id, title)` and `(scope, status, id, title)` replace
//!   `(scope, id)` and `(scope, status, id)` (same order, so everything the old ones served
//!   they still serve), and `(id, title)` is new for the staff's list. A search then reads
//!   index entries instead of whole rows: a word found nowhere in an organization of 600k
//!   requests took ~550 ms a scan, now ~40 ms.
//! - `(resolution_deadline, id)` replaces `(resolution_deadline)`, so PostgreSQL too gets the
//!   requests without a deadline in id order.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NEW: &[(&str, &[&str])] = &[
    ("ix_requests_org_status_deadline", &["organization_id", "status", "resolution_deadline", "id"]),
    ("ix_requests_requester_status_deadline", &["requester_id", "status", "resolution_deadline", "id"]),
    ("ix_requests_status_deadline", &["status", "resolution_deadline", "id"]),
    ("ix_requests_org_deadline", &["organization_id", "resolution_deadline", "id"]),
    ("ix_requests_requester_deadline", &["requester_id", "resolution_deadline", "id"]),
    ("ix_requests_deadline_id", &["resolution_deadline", "id"]),
    ("ix_requests_org_title", &["organization_id", "id", "title"]),
    ("ix_requests_requester_title", &["requester_id", "id", "title"]),
    ("ix_requests_id_title", &["id", "title"]),
    ("ix_requests_org_status_title", &["organization_id", "status", "id", "title"]),
    ("ix_requests_requester_status_title", &["requester_id", "status", "id", "title"]),
    ("ix_requests_status_title", &["status", "id", "title"]),
];

/// Made redundant by the ones above (each is a prefix of a new one).
const REPLACED: &[(&str, &[&str])] = &[
    ("ix_requests_org_created", &["organization_id", "id"]),
    ("ix_requests_requester_created", &["requester_id", "id"]),
    ("ix_requests_deadline", &["resolution_deadline"]),
    ("ix_requests_org_status", &["organization_id", "status", "id"]),
    ("ix_requests_requester_status", &["requester_id", "status", "id"]),
    ("ix_requests_status", &["status", "id"]),
];

async fn create_all(m: &SchemaManager<'_>, indexes: &[(&'static str, &'static [&'static str])]) -> Result<(), DbErr> {
    for (name, cols) in indexes {
        let mut idx = Index::create().name(*name).table("requests").if_not_exists().to_owned();
        for c in cols.iter() {
            idx.col(*c);
        }
        m.create_index(idx).await?;
    }
    Ok(())
}

async fn drop_all(m: &SchemaManager<'_>, indexes: &[(&'static str, &'static [&'static str])]) -> Result<(), DbErr> {
    for (name, _) in indexes {
        m.drop_index(Index::drop().name(*name).table("requests").if_exists().to_owned()).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_all(m, NEW).await?;
        drop_all(m, REPLACED).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_all(m, REPLACED).await?;
        drop_all(m, NEW).await
    }
}
