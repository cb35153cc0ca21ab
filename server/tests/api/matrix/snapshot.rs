//! What the database holds, table by table, to show that bad calls changed nothing.
use super::*;

/// Row count and a content hash of every table but `sessions`.
pub(super) async fn snapshot(db: &db::Db) -> BTreeMap<String, (i64, u64)> {
    let conn = &db.conn;
    let backend = conn.get_database_backend();
    let pg = db.kind == db::DbKind::Postgres;
    let q = |sql: String| Statement::from_string(backend, sql);
    let tables: Vec<String> = if pg {
        conn.query_all_raw(q("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()".into()))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String>("", "t").unwrap())
            .collect()
    } else {
        conn.query_all_raw(q("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into()))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String>("", "t").unwrap())
            .collect()
    };
    let mut out = BTreeMap::new();
    for t in tables.into_iter().filter(|t| t != "sessions") {
        let sql = if pg {
            format!("SELECT COUNT(*)::int8 AS n, COALESCE(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS h FROM \"{t}\" x")
        } else {
            let cols: Vec<String> = conn
                .query_all_raw(q(format!("SELECT name AS c FROM pragma_table_info('{t}')")))
                .await
                .unwrap()
                .iter()
                .map(|r| format!("quote(\"{}\")", r.try_get::<String>("", "c").unwrap()))
                .collect();
            format!(
                "SELECT COUNT(*) AS n, COALESCE(GROUP_CONCAT(r, char(10)), '') AS h FROM (SELECT {} AS r FROM \"{t}\" ORDER BY rowid)",
                cols.join("||','||")
            )
        };
        let row = conn.query_one_raw(q(sql)).await.unwrap().unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        let h: String = row.try_get("", "h").unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        h.hash(&mut hasher);
        out.insert(t, (n, hasher.finish()));
    }
    out
}

pub(super) fn changed(before: &BTreeMap<String, (i64, u64)>, after: &BTreeMap<String, (i64, u64)>) -> Vec<String> {
    after
        .iter()
        .filter(|(t, v)| before.get(*t) != Some(v))
        .map(|(t, (n, _))| format!("{t} ({} -> {n} rows)", before.get(t).map(|b| b.0).unwrap_or(0)))
        .collect()
}
