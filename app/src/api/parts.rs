//! The provider's spare parts: the stock page, part models and locations (managers and
//! admins), receiving and moving stock (staff). Customers never reach any of it: every
//! function answers them "not found", as if it did not exist.
use leptos::prelude::*;

use crate::{error::AppError, model::PartsPage};

/// History lines the page shows.
#[cfg(feature = "ssr")]
const MOVES_SHOWN: u64 = 100;

/// Refuses customers (not found) and, when `manage` is asked, staff who are not managers or
/// admins (forbidden).
#[cfg(feature = "ssr")]
fn allowed(caller: &crate::ssr::Caller, manage: bool) -> Result<(), AppError> {
    use domain::equipment::stock::{manages_parts, sees_stock};
    if !sees_stock(caller.actor.role) {
        return Err(AppError::NotFound);
    }
    if manage && !manages_parts(caller.actor.role) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Every part model with its stock per location, the latest moves, and what the caller may do.
#[server(endpoint = "get_parts")]
pub async fn get_parts() -> Result<PartsPage, AppError> {
    use std::collections::HashMap;

    use domain::equipment::stock::{below_minimum, manages_parts, MoveKind};

    use crate::{
        model::{PartRow, StockMoveRow},
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, false)?;
        let conn = &state.db.conn;
        let parts = db::repo::parts::parts(conn).await?;
        let locations = db::repo::parts::locations(conn).await?;
        let location: HashMap<i32, String> = locations.iter().map(|l| (l.id, l.name.clone())).collect();
        let mut at: HashMap<i32, Vec<(String, i32)>> = HashMap::new();
        for s in db::repo::parts::stock(conn).await? {
            at.entry(s.part_id).or_default().push((location.get(&s.location_id).cloned().unwrap_or_default(), s.quantity));
        }
        let part_label: HashMap<i32, String> = parts.iter().map(|p| (p.id, format!("{} {}", p.code, p.name))).collect();
        let rows = parts
            .into_iter()
            .map(|p| {
                let mut here = at.remove(&p.id).unwrap_or_default();
                here.sort();
                let total: i64 = here.iter().map(|(_, n)| i64::from(*n)).sum();
                PartRow { id: p.id, code: p.code, name: p.name, minimum: p.minimum, total, below_minimum: below_minimum(total, p.minimum), at: here }
            })
            .collect();
        let moves = db::repo::parts::recent_moves(conn, MOVES_SHOWN).await?;
        let users: Vec<i32> = moves.iter().map(|m| m.actor_id).collect();
        let request_ids: Vec<i32> = moves.iter().filter_map(|m| m.request_id).collect();
        let names = db::repo::names::of(conn, &users, &[], &[]).await?;
        let numbers = db::repo::requests::numbers_of(conn, &request_ids).await?;
        let moves = moves
            .into_iter()
            .filter_map(|m| {
                Some(StockMoveRow {
                    at: m.created_at.timestamp(),
                    part: part_label.get(&m.part_id).cloned().unwrap_or_default(),
                    kind: MoveKind::parse(&m.kind)?,
                    from: m.from_location_id.and_then(|id| location.get(&id).cloned()),
                    to: m.to_location_id.and_then(|id| location.get(&id).cloned()),
                    quantity: m.quantity,
                    request: m.request_id.and_then(|id| numbers.get(&id).cloned()),
                    by: names.users.get(&m.actor_id).map(|(n, _)| n.clone()).unwrap_or_default(),
                })
            })
            .collect();
        let engineers = if manages_parts(caller.actor.role) {
            db::repo::users::active_with_role(conn, "engineer").await?.into_iter().map(|u| (u.id, u.display_name)).collect()
        } else {
            vec![]
        };
        Ok(PartsPage {
            parts: rows,
            locations: locations.into_iter().map(|l| (l.id, l.name)).collect(),
            moves,
            can_manage: manages_parts(caller.actor.role),
            engineers,
        })
    })
    .await
}

/// A new part model (managers and admins). A code already used is refused at its field.
#[server(endpoint = "add_part")]
pub async fn add_part(code: String, name: String, minimum: String) -> Result<i32, AppError> {
    use domain::{equipment::stock::check_part, ErrorCode, FieldError};

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, true)?;
        let input = check_part(&code, &name, &minimum).map_err(AppError::Invalid)?;
        let tx = state.db.begin_write().await?;
        let part = db::repo::parts::insert_part(&*tx, &input).await.map_err(|e| {
            if db::repo::is_unique_violation(&e) {
                AppError::Invalid(vec![FieldError::new("code", ErrorCode::NameTaken)])
            } else {
                AppError::from(e)
            }
        })?;
        audit::record(&*tx, &caller, "part.create", &format!("part:{}", part.id), None, serde_json::json!({ "part": input })).await?;
        // A new part has no stock yet: the page marks it below its minimum, and managers are
        // told when stock used takes it below, not while it is being stocked.
        tx.commit().await?;
        Ok(part.id)
    })
    .await
}

/// Sets a part's minimum stock (managers and admins); managers hear of it when the new
/// minimum puts the stock below.
#[server(endpoint = "set_part_minimum")]
pub async fn set_part_minimum(part_id: String, minimum: String) -> Result<(), AppError> {
    use domain::{
        equipment::stock::{id_choice, minimum as check_minimum, minimum_puts_below},
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, true)?;
        let mut errors = vec![];
        let id = id_choice("part_id", &part_id).map_err(|e| errors.push(e)).ok();
        let new = check_minimum(&minimum).map_err(|e| errors.push(e)).ok();
        let (Some(id), Some(new)) = (id, new) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        let Some(mut part) = db::repo::parts::find_part(&*tx, id).await? else {
            return Err(AppError::Invalid(vec![FieldError::new("part_id", ErrorCode::InvalidChoice)]));
        };
        let old = part.minimum;
        db::repo::parts::set_minimum(&*tx, id, new).await?;
        audit::record(&*tx, &caller, "part.minimum", &format!("part:{id}"), None, serde_json::json!({ "from": old, "to": new })).await?;
        let total = db::repo::parts::total(&*tx, id).await?;
        part.minimum = new;
        if minimum_puts_below(total, old, new) {
            crate::ssr::parts::tell_low(&*tx, &part, total).await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// A new stock location (managers and admins): a warehouse, or an engineer's kit.
#[server(endpoint = "add_stock_location")]
pub async fn add_stock_location(name: String, engineer_id: Option<String>) -> Result<i32, AppError> {
    use domain::{
        equipment::stock::{check_location, id_choice},
        ErrorCode, FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, true)?;
        let mut errors = vec![];
        let name = check_location(&name).map_err(|e| errors.push(e)).ok();
        let engineer = match engineer_id.as_deref().map(str::trim).unwrap_or("") {
            "" => None,
            raw => match id_choice("engineer_id", raw) {
                Ok(id) => match db::repo::users::find(&state.db.conn, id).await? {
                    Some(u) if u.active && u.role == "engineer" => Some(id),
                    _ => {
                        errors.push(FieldError::new("engineer_id", ErrorCode::InvalidChoice));
                        None
                    }
                },
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        let Some(name) = name.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let tx = state.db.begin_write().await?;
        let l = db::repo::parts::insert_location(&*tx, &name, engineer).await.map_err(|e| {
            if db::repo::is_unique_violation(&e) {
                AppError::Invalid(vec![FieldError::new("name", ErrorCode::NameTaken)])
            } else {
                AppError::from(e)
            }
        })?;
        audit::record(&*tx, &caller, "stock.location", &format!("location:{}", l.id), None, serde_json::json!({ "name": name, "engineer": engineer })).await?;
        tx.commit().await?;
        Ok(l.id)
    })
    .await
}

/// Checks a part and a location chosen on a form (both must exist).
#[cfg(feature = "ssr")]
async fn part_and_location(
    db: &impl db::sea_orm::ConnectionTrait,
    part_raw: &str,
    location_field: &str,
    location_raw: &str,
    errors: &mut Vec<domain::FieldError>,
) -> Result<(Option<db::entity::part_model::Model>, Option<i32>), AppError> {
    use domain::{equipment::stock::id_choice, ErrorCode, FieldError};
    let part = match id_choice("part_id", part_raw) {
        Ok(id) => db::repo::parts::find_part(db, id).await?,
        Err(e) => {
            errors.push(e);
            return Ok((None, location(db, location_field, location_raw, errors).await?));
        }
    };
    if part.is_none() {
        errors.push(FieldError::new("part_id", ErrorCode::InvalidChoice));
    }
    Ok((part, location(db, location_field, location_raw, errors).await?))
}

#[cfg(feature = "ssr")]
async fn location(db: &impl db::sea_orm::ConnectionTrait, field: &str, raw: &str, errors: &mut Vec<domain::FieldError>) -> Result<Option<i32>, AppError> {
    use domain::{equipment::stock::id_choice, ErrorCode, FieldError};
    match id_choice(field, raw) {
        Ok(id) if db::repo::parts::find_location(db, id).await?.is_some() => Ok(Some(id)),
        Ok(_) => {
            errors.push(FieldError::new(field, ErrorCode::InvalidChoice));
            Ok(None)
        }
        Err(e) => {
            errors.push(e);
            Ok(None)
        }
    }
}

/// Parts delivered into a location (any staff member).
#[server(endpoint = "receive_stock")]
pub async fn receive_stock(part_id: String, location_id: String, quantity: String) -> Result<(), AppError> {
    use db::repo::parts::{add, insert_move, NewMove};
    use domain::equipment::stock::{quantity as check_quantity, MoveKind};

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, false)?;
        let mut errors = vec![];
        let tx = state.db.begin_write().await?;
        let (part, to) = part_and_location(&*tx, &part_id, "location_id", &location_id, &mut errors).await?;
        let n = check_quantity("quantity", &quantity).map_err(|e| errors.push(e)).ok();
        let (Some(part), Some(to), Some(n)) = (part, to, n) else {
            return Err(AppError::Invalid(errors));
        };
        add(&*tx, part.id, to, n).await?;
        let m = NewMove {
            part_id: part.id,
            kind: MoveKind::Receive,
            from: None,
            to: Some(to),
            quantity: n,
            request_id: None,
            device_id: None,
            new_device_id: None,
            old_serial: String::new(),
            new_serial: String::new(),
            actor_id: caller.user.id,
        };
        insert_move(&*tx, m).await?;
        audit::record(&*tx, &caller, "stock.receive", &format!("part:{}", part.id), None, serde_json::json!({ "location": to, "quantity": n })).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Parts moved from one location to another (into an engineer's kit, back to a warehouse).
/// Refused, changing nothing, when the source has fewer than asked.
#[server(endpoint = "move_stock")]
pub async fn move_stock(part_id: String, from_id: String, to_id: String, quantity: String) -> Result<(), AppError> {
    use db::repo::parts::{add, at, insert_move, take, NewMove};
    use domain::{
        equipment::stock::{check_move, take as take_rule, MoveKind},
        FieldError,
    };

    use crate::ssr::{audit, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        allowed(&caller, false)?;
        let mut errors = vec![];
        let tx = state.db.begin_write().await?;
        let (part, from) = part_and_location(&*tx, &part_id, "from_id", &from_id, &mut errors).await?;
        let to = location(&*tx, "to_id", &to_id, &mut errors).await?;
        let n = match (from, to) {
            (Some(f), Some(t)) => check_move(f, t, &quantity).map_err(|mut e| errors.append(&mut e)).ok(),
            _ => domain::equipment::stock::quantity("quantity", &quantity).map_err(|e| errors.push(e)).ok(),
        };
        let (Some(part), Some(from), Some(to), Some(n)) = (part, from, to, n) else {
            return Err(AppError::Invalid(errors));
        };
        if !take(&*tx, part.id, from, n).await? {
            let available = at(&*tx, part.id, from).await?;
            let code = take_rule(available, n).err().unwrap_or(domain::ErrorCode::NotEnoughStock { available });
            return Err(AppError::Invalid(vec![FieldError::new("quantity", code)]));
        }
        add(&*tx, part.id, to, n).await?;
        let m = NewMove {
            part_id: part.id,
            kind: MoveKind::Move,
            from: Some(from),
            to: Some(to),
            quantity: n,
            request_id: None,
            device_id: None,
            new_device_id: None,
            old_serial: String::new(),
            new_serial: String::new(),
            actor_id: caller.user.id,
        };
        insert_move(&*tx, m).await?;
        audit::record(&*tx, &caller, "stock.move", &format!("part:{}", part.id), None, serde_json::json!({ "from": from, "to": to, "quantity": n })).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
