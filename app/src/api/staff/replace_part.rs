use leptos::prelude::*;

use crate::error::AppError;

/// A part taken from stock and fitted while working a request: the stock goes down by one in
/// the same transaction as the request's history line, or nothing happens (the last part
/// taken by someone else a moment earlier is refused at the form, and nothing changes).
///
/// With `whole_device` the request's device itself was swapped: it moves to "faulty", and a
/// new device record (the new serial, the same site, model and remaining warranty) takes its
/// place in the archive, noted as its replacement.
#[server(endpoint = "replace_part")]
pub async fn replace_part(number: String, stock_id: String, old_serial: String, new_serial: String, whole_device: Option<String>) -> Result<(), AppError> {
    use db::repo::parts::{at, find_part, find_stock, insert_move, take, total, NewMove};
    use domain::{
        equipment::{
            stock::{check_replacement, falls_below, id_choice, take as take_rule, MoveKind},
            DeviceStatus,
        },
        ticket::Line,
        ErrorCode, FieldError, Refusal,
    };

    use crate::ssr::{equipment as eq, lifecycle::Change, requests as svc, require, respond, work};
    respond(async move {
        let (state, caller) = require().await?;
        let r = work::load_for_staff(&state, &caller, &number).await?;
        if !work::working_on(&caller, &r) {
            return Err(AppError::Forbidden);
        }
        if !svc::status_of(&r).is_open() {
            return Err(AppError::NotNow(Refusal::Closed));
        }
        let whole = whole_device.as_deref().map(str::trim).is_some_and(|v| matches!(v, "on" | "true" | "1"));
        let mut errors = vec![];
        let stock_id = id_choice("stock_id", &stock_id).map_err(|e| errors.push(e)).ok();
        let replacement = check_replacement(&old_serial, &new_serial, whole, r.device_id.is_some()).map_err(|mut e| errors.append(&mut e)).ok();
        let (Some(stock_id), Some(replacement)) = (stock_id, replacement) else {
            return Err(AppError::Invalid(errors));
        };
        let mut change = Change::begin(&state, &caller, &number).await?;
        let tx = change.tx();
        let bad_stock = || AppError::Invalid(vec![FieldError::new("stock_id", ErrorCode::InvalidChoice)]);
        let stock = find_stock(tx, stock_id).await?.ok_or_else(bad_stock)?;
        let part = find_part(tx, stock.part_id).await?.ok_or_else(bad_stock)?;
        let before = total(tx, part.id).await?;
        if !take(tx, part.id, stock.location_id, 1).await? {
            let available = at(tx, part.id, stock.location_id).await?;
            let code = take_rule(available, 1).err().unwrap_or(ErrorCode::NotEnoughStock { available });
            return Err(AppError::Invalid(vec![FieldError::new("stock_id", code)]));
        }
        let device_id = change.request().device_id;
        let new_device_id = match (whole, device_id) {
            (true, Some(id)) => {
                let old = db::repo::devices::find(tx, id).await?.ok_or(AppError::NotFound)?;
                let mut input = eq::input_of(&old);
                input.status = DeviceStatus::Faulty;
                if !db::repo::devices::update(tx, old.id, old.version, old.site_id, &input, caller.user.id).await? {
                    return Err(AppError::Conflict);
                }
                input.serial = replacement.new_serial.clone();
                input.status = DeviceStatus::InService;
                input.asset_number = String::new();
                // The replacement keeps what is left of the old one's warranty.
                let note = format!("Replaces device #{} (serial {}) — {}", old.id, old.serial, change.request().number);
                input.config_notes = if input.config_notes.is_empty() { note } else { format!("{note}\n{}", input.config_notes) };
                let new = db::repo::devices::insert(tx, old.organization_id, old.site_id, &input, caller.user.id).await.map_err(|e| {
                    if db::repo::is_unique_violation(&e) {
                        AppError::Invalid(vec![FieldError::new("new_serial", ErrorCode::SerialTaken)])
                    } else {
                        AppError::from(e)
                    }
                })?;
                Some(new.id)
            }
            _ => None,
        };
        let m = NewMove {
            part_id: part.id,
            kind: MoveKind::Use,
            from: Some(stock.location_id),
            to: None,
            quantity: 1,
            request_id: Some(r.id),
            device_id,
            new_device_id,
            old_serial: replacement.old_serial.clone(),
            new_serial: replacement.new_serial.clone(),
            actor_id: caller.user.id,
        };
        insert_move(tx, m).await?;
        if falls_below(before, before - 1, part.minimum) {
            crate::ssr::parts::tell_low(tx, &part, before - 1).await?;
        }
        let label = format!("{} {}", part.code, part.name);
        change.line(
            Line::PartReplaced {
                part: label.clone(),
                old_serial: replacement.old_serial.clone(),
                new_serial: replacement.new_serial.clone(),
                whole_device: replacement.whole_device,
            },
            true,
        );
        change.audit("request.part", serde_json::json!({ "part": label, "stock": stock.id, "replacement": replacement, "new_device": new_device_id }));
        change.commit().await?;
        Ok(())
    })
    .await
}
