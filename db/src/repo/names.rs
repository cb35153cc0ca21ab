//! The names a page shows beside ids (people, sites, organizations), in one round trip:
//! a list or a request page needs all three, and each query is a hop to the database's
//! worker (a third of a list render's queries were these).
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement, UnionType};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait};

use crate::entity::{organization, site, user};

#[derive(Debug, Default)]
pub struct Names {
    /// Display name and role of each user asked for.
    pub users: HashMap<i32, (String, String)>,
    pub sites: HashMap<i32, String>,
    pub organizations: HashMap<i32, String>,
}

pub async fn of(db: &impl ConnectionTrait, users: &[i32], sites: &[i32], organizations: &[i32]) -> Result<Names, DbErr> {
    fn part<E: EntityTrait>(
        kind: &str,
        table: E,
        id: impl ColumnTrait,
        name: impl ColumnTrait,
        extra: Option<impl ColumnTrait>,
        ids: &[i32],
    ) -> SelectStatement {
        let mut s = Query::select();
        s.expr_as(Expr::val(kind), Alias::new("k")).expr_as(Expr::col(id), Alias::new("id")).expr_as(Expr::col(name), Alias::new("name"));
        match extra {
            Some(c) => s.expr_as(Expr::col(c), Alias::new("extra")),
            None => s.expr_as(Expr::val(""), Alias::new("extra")),
        };
        // Each id once: a list's 20 rows name a handful of people and sites, and every bound
        // value is a row of the temporary table SQLite builds for `IN`.
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        s.from(table).and_where(id.is_in(ids));
        s
    }
    let mut parts = Vec::new();
    if !users.is_empty() {
        parts.push(part("u", user::Entity, user::Column::Id, user::Column::DisplayName, Some(user::Column::Role), users));
    }
    if !sites.is_empty() {
        parts.push(part("s", site::Entity, site::Column::Id, site::Column::Name, None::<site::Column>, sites));
    }
    if !organizations.is_empty() {
        parts.push(part("o", organization::Entity, organization::Column::Id, organization::Column::Name, None::<organization::Column>, organizations));
    }
    let mut names = Names::default();
    let mut parts = parts.into_iter();
    let Some(mut query) = parts.next() else { return Ok(names) };
    query.unions(parts.map(|p| (UnionType::All, p)));
    for row in db.query_all(&query).await? {
        let kind: String = row.try_get("", "k")?;
        let id: i32 = row.try_get("", "id")?;
        let name: String = row.try_get("", "name")?;
        match kind.as_str() {
            "u" => {
                names.users.insert(id, (name, row.try_get("", "extra")?));
            }
            "s" => {
                names.sites.insert(id, name);
            }
            _ => {
                names.organizations.insert(id, name);
            }
        }
    }
    Ok(names)
}
