//! Server-side pieces of the spare parts shared by their server functions: the choices a
//! replace-a-part form offers, and telling managers when a part runs low.
use std::collections::HashMap;

use db::{repo, sea_orm::ConnectionTrait};
use domain::notice::{About, Notice, Notification};

use super::announce;
use crate::{error::AppError, model::StockChoice};

/// Every stock row with parts in it, as "code name — location (n)", by part code.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<StockChoice>, AppError> {
    let parts: HashMap<i32, _> = repo::parts::parts(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let locations: HashMap<i32, String> = repo::parts::locations(db).await?.into_iter().map(|l| (l.id, l.name)).collect();
    let mut rows: Vec<(String, StockChoice)> = repo::parts::stock(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            let p = parts.get(&s.part_id)?;
            let at = locations.get(&s.location_id)?;
            Some((format!("{}{at}", p.code), (s.id, format!("{} {} — {at} ({})", p.code, p.name, s.quantity))))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows.into_iter().map(|(_, c)| c).collect())
}

/// Tells every active manager that a part is below its minimum (callers decide when: once,
/// as it falls below; see `domain::equipment::stock::falls_below`).
pub async fn tell_low(db: &impl ConnectionTrait, part: &db::entity::part_model::Model, total: i64) -> Result<(), AppError> {
    let n = Notification {
        about: About::Part { part_id: part.id, part: format!("{} {}", part.code, part.name) },
        notice: Notice::StockLow { total, minimum: part.minimum },
    };
    for m in repo::users::active_with_role(db, "manager").await? {
        announce::notify_user(db, m.id, None, &n).await?;
    }
    Ok(())
}

/// The parts fitted in a request, as its fault report lists them: "code name (out: …, in: …)".
pub async fn used_in(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<String>, AppError> {
    let moves = repo::parts::moves_of_request(db, request_id).await?;
    if moves.is_empty() {
        return Ok(vec![]);
    }
    let parts: HashMap<i32, _> = repo::parts::parts(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let mut out = vec![];
    for m in moves {
        let Some(p) = parts.get(&m.part_id) else { continue };
        let serials = match (m.old_serial.as_str(), m.new_serial.as_str()) {
            ("", "") => String::new(),
            (old, new) => format!(" ({} → {})", if old.is_empty() { "—" } else { old }, if new.is_empty() { "—" } else { new }),
        };
        out.push(format!("{} {}{serials}", p.code, p.name));
    }
    Ok(out)
}
