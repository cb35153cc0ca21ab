//! Service requests: gap-free numbering, inserts, lookups and the list queries.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    Statement,
};

use crate::entity::request::{self, Entity as Request, Model};

/// The next sequence number of `year`, inside the caller's transaction. The counter row stays
/// locked until that transaction ends (PostgreSQL row lock; SQLite's single writer), and a
/// rolled-back request gives its number back: no duplicates and no gaps.
pub async fn next_seq(tx: &impl ConnectionTrait, year: i32) -> Result<u32, DbErr> {
    let backend = tx.get_database_backend();
    let sql = "INSERT INTO service_counters (year, last_seq) VALUES ($1, 1) \
               ON CONFLICT (year) DO UPDATE SET last_seq = service_counters.last_seq + 1 RETURNING last_seq";
    let sql = if backend == sea_orm::DbBackend::Sqlite { sql.replace("$1", "?") } else { sql.to_string() };
    let row = tx
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [year.into()]))
        .await?
        .ok_or_else(|| DbErr::Custom("counter upsert returned no row".into()))?;
    let seq: i32 = row.try_get("", "last_seq")?;
    Ok(seq as u32)
}

pub async fn insert(tx: &impl ConnectionTrait, row: request::ActiveModel) -> Result<Model, DbErr> {
    row.insert(tx).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Request::find_by_id(id).one(db).await
}

pub async fn find_by_number(db: &impl ConnectionTrait, number: &str) -> Result<Option<Model>, DbErr> {
    Request::find().filter(request::Column::Number.eq(number.trim().to_uppercase())).one(db).await
}

/// Saves changes only if nobody else saved in between (optimistic lock on `version`).
/// Returns false when the row moved on; the caller reloads and decides again.
pub async fn update_if_version(tx: &impl ConnectionTrait, mut row: request::ActiveModel, version: i32) -> Result<bool, DbErr> {
    let id = match &row.id {
        sea_orm::ActiveValue::Unchanged(id) | sea_orm::ActiveValue::Set(id) => *id,
        _ => return Err(DbErr::Custom("update without id".into())),
    };
    row.version = Set(version + 1);
    row.updated_at = Set(Utc::now());
    let res = Request::update_many().set(row).filter(request::Column::Id.eq(id)).filter(request::Column::Version.eq(version)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

#[derive(Clone, Debug, Default)]
pub enum Scope {
    /// A customer's own requests.
    Requester(i32),
    /// All of an organization (site managers).
    Organization(i32),
    /// Everything (staff).
    #[default]
    All,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// Nearest resolution deadline first (no deadline last).
    Deadline,
}

#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub scope: Scope,
    pub statuses: Vec<String>,
    pub severity: Option<i16>,
    pub site_id: Option<i32>,
    /// A service number (exact) or words of the title.
    pub search: Option<String>,
    pub sort: Sort,
    pub page: u64,
    pub per_page: u64,
}

fn condition(q: &ListQuery) -> Condition {
    let mut c = Condition::all();
    c = match q.scope {
        Scope::Requester(id) => c.add(request::Column::RequesterId.eq(id)),
        Scope::Organization(id) => c.add(request::Column::OrganizationId.eq(id)),
        Scope::All => c,
    };
    if !q.statuses.is_empty() {
        c = c.add(request::Column::Status.is_in(q.statuses.clone()));
    }
    if let Some(s) = q.severity {
        c = c.add(request::Column::Severity.eq(s));
    }
    if let Some(s) = q.site_id {
        c = c.add(request::Column::SiteId.eq(s));
    }
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if domain::ticket::parse_service_number(s).is_some() {
            c = c.add(request::Column::Number.eq(s.to_uppercase()));
        } else {
            c = c.add(request::Column::Title.contains(s));
        }
    }
    c
}

/// Counting stops here: "10,000+" is as useful as an exact figure, and an exact count of a
/// large organization's requests would cost a scan on every page view.
pub const COUNT_CAP: u64 = 10_000;
/// Deepest page served (OFFSET cost grows with depth; search and filters narrow instead).
pub const MAX_PAGE: u64 = 500;

/// One page of requests and how many match, counted up to `COUNT_CAP + 1` (a larger number
/// means "more than the cap"). Orderings follow indexes (id, or the deadline index).
pub async fn list(db: &impl ConnectionTrait, q: &ListQuery) -> Result<(Vec<Model>, u64), DbErr> {
    let per_page = q.per_page.clamp(1, 100);
    let page = Ord::min(q.page, MAX_PAGE);
    let mut select = Request::find().filter(condition(q));
    select = match q.sort {
        Sort::Newest => select.order_by_desc(request::Column::Id),
        Sort::Oldest => select.order_by_asc(request::Column::Id),
        Sort::Deadline => select
            .order_by(sea_orm::sea_query::Expr::col(request::Column::ResolutionDeadline).is_null(), sea_orm::Order::Asc)
            .order_by_asc(request::Column::ResolutionDeadline)
            .order_by_asc(request::Column::Id),
    };
    let total = Request::find()
        .filter(condition(q))
        .select_only()
        .column(request::Column::Id)
        .limit(COUNT_CAP + 1)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .len() as u64;
    let rows = select.offset(page * per_page).limit(per_page).all(db).await?;
    Ok((rows, total))
}

/// Open, running requests whose resolution deadline has passed (for the escalation job).
pub async fn overdue(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Request::find()
        .filter(request::Column::ResolutionDeadline.lte(now))
        .filter(request::Column::Status.is_not_in(["resolved", "closed", "cancelled", "waiting_on_customer"]))
        .filter(request::Column::BreachRecorded.eq(false))
        .order_by_asc(request::Column::ResolutionDeadline)
        .limit(limit)
        .all(db)
        .await
}
