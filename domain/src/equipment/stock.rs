//! The provider's spare parts (issue 14; DOMAIN.md: "buy spare parts when the stock falls
//! below what the commitments need"): a stock per part model and location (a warehouse or an
//! engineer's kit), received, moved, and taken when a part is replaced at a customer's site.
//!
//! The rules here are the arithmetic and the forms; the database applies a take as one
//! conditional update (`quantity >= n`), so two engineers taking the last part at once cannot
//! both succeed and stock never goes negative. Stock is staff-only: a customer sees the part
//! replaced on their device, never where it came from or what is left.
use serde::{Deserialize, Serialize};

use crate::{
    error_code::{ErrorCode, FieldError},
    role::Role,
    ticket::field::{choice, required_text},
};

/// The most moved or received in one go; also the highest minimum.
pub const QUANTITY_MAX: i32 = 10_000;
pub const PART_CODE_MAX: usize = 64;
pub const PART_NAME_MAX: usize = 200;
pub const LOCATION_NAME_MAX: usize = 100;
pub const SERIAL_MAX: usize = 100;

/// What a line of a part's history records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Delivered into a location.
    Receive,
    /// From one location to another (the total stays).
    Move,
    /// Taken from a location and fitted at a customer's site.
    Use,
}

impl MoveKind {
    pub const ALL: [MoveKind; 3] = [MoveKind::Receive, MoveKind::Move, MoveKind::Use];

    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Receive => "receive",
            MoveKind::Move => "move",
            MoveKind::Use => "use",
        }
    }

    pub fn parse(s: &str) -> Option<MoveKind> {
        MoveKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who sees and moves stock: staff. Engineers take parts and move them into their kits.
pub fn sees_stock(role: Role) -> bool {
    role.is_staff()
}

/// Who defines part models, locations and minimums: managers and admins.
pub fn manages_parts(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Admin)
}

/// A whole number of parts from 1 to `QUANTITY_MAX`.
pub fn quantity(field: &str, raw: &str) -> Result<i32, FieldError> {
    bounded(field, raw, 1)
}

/// A minimum stock from 0 (no minimum) to `QUANTITY_MAX`.
pub fn minimum(raw: &str) -> Result<i32, FieldError> {
    bounded("minimum", raw, 0)
}

fn bounded(field: &str, raw: &str, min: i32) -> Result<i32, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    raw.parse::<i32>()
        .ok()
        .filter(|n| (min..=QUANTITY_MAX).contains(n))
        .ok_or_else(|| FieldError::new(field, ErrorCode::OutOfRange { min: i64::from(min), max: i64::from(QUANTITY_MAX) }))
}

/// What is left after taking `n` of `available`; refused when there are not that many.
pub fn take(available: i32, n: i32) -> Result<i32, ErrorCode> {
    if n <= available {
        Ok(available - n)
    } else {
        Err(ErrorCode::NotEnoughStock { available: available.max(0) })
    }
}

/// Below the minimum a manager set (a minimum of 0 means none).
pub fn below_minimum(total: i64, minimum: i32) -> bool {
    total < i64::from(minimum)
}

/// Whether a change of the total from `before` to `after` is the one that takes it below the
/// minimum: managers are told once when it happens, not at every later part.
pub fn falls_below(before: i64, after: i64, minimum: i32) -> bool {
    !below_minimum(before, minimum) && below_minimum(after, minimum)
}

/// Whether raising (or lowering) the minimum from `old` to `new` is what puts a total of
/// `total` below it: managers are told then too.
pub fn minimum_puts_below(total: i64, old: i32, new: i32) -> bool {
    !below_minimum(total, old) && below_minimum(total, new)
}

/// A new part model (fields `code`, `name`, `minimum`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartInput {
    pub code: String,
    pub name: String,
    pub minimum: i32,
}

pub fn check_part(code: &str, name: &str, min: &str) -> Result<PartInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = required_text("code", code, PART_CODE_MAX).map_err(|e| errors.push(e)).ok();
    let name = required_text("name", name, PART_NAME_MAX).map_err(|e| errors.push(e)).ok();
    let minimum = minimum(min).map_err(|e| errors.push(e)).ok();
    match (code, name, minimum) {
        (Some(code), Some(name), Some(minimum)) => Ok(PartInput { code, name, minimum }),
        _ => Err(errors),
    }
}

/// A move between two locations (fields `from_id`, `to_id`, `quantity`): two different ones.
pub fn check_move(from: i32, to: i32, n: &str) -> Result<i32, Vec<FieldError>> {
    let mut errors = Vec::new();
    if from <= 0 {
        errors.push(FieldError::new("from_id", ErrorCode::Required));
    }
    if to <= 0 {
        errors.push(FieldError::new("to_id", ErrorCode::Required));
    } else if to == from {
        errors.push(FieldError::new("to_id", ErrorCode::Unchanged));
    }
    let n = quantity("quantity", n).map_err(|e| errors.push(e)).ok();
    match n {
        Some(n) if errors.is_empty() => Ok(n),
        _ => Err(errors),
    }
}

/// A part replaced during a request (fields `old_serial`, `new_serial`, `whole_device`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// The serial of the part (or device) taken out; may be unknown.
    pub old_serial: String,
    /// The serial of the part fitted; required when a whole device is swapped, since it
    /// becomes the new device's record.
    pub new_serial: String,
    /// The whole device was swapped: the old one goes to "faulty" and a new record takes its
    /// place with the remaining warranty.
    pub whole_device: bool,
}

/// Checks a replacement form; `has_device` says whether the request names a device (a whole
/// device can only be swapped when it does).
pub fn check_replacement(old_serial: &str, new_serial: &str, whole_device: bool, has_device: bool) -> Result<Replacement, Vec<FieldError>> {
    let mut errors = Vec::new();
    let old_serial = old_serial.trim().to_string();
    let new_serial = new_serial.trim().to_string();
    for (field, v) in [("old_serial", &old_serial), ("new_serial", &new_serial)] {
        if v.chars().count() > SERIAL_MAX {
            errors.push(FieldError::new(field, ErrorCode::TooLong { max: SERIAL_MAX }));
        }
    }
    if whole_device && !has_device {
        errors.push(FieldError::new("whole_device", ErrorCode::InvalidChoice));
    }
    if whole_device && new_serial.is_empty() {
        errors.push(FieldError::new("new_serial", ErrorCode::Required));
    } else if !new_serial.is_empty() && new_serial == old_serial {
        errors.push(FieldError::new("new_serial", ErrorCode::Unchanged));
    }
    if errors.is_empty() {
        Ok(Replacement { old_serial, new_serial, whole_device })
    } else {
        Err(errors)
    }
}

/// A location's name (field `name`).
pub fn check_location(name: &str) -> Result<String, FieldError> {
    required_text("name", name, LOCATION_NAME_MAX)
}

/// A select of ids: `Required` when empty, `InvalidChoice` when not a positive id.
pub fn id_choice(field: &str, raw: &str) -> Result<i32, FieldError> {
    choice(field, raw, |s| s.parse::<i32>().ok().filter(|id| *id > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fe(field: &str, code: ErrorCode) -> FieldError {
        FieldError::new(field, code)
    }

    #[test]
    fn move_kinds_round_trip() {
        for k in MoveKind::ALL {
            assert_eq!(MoveKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
        }
        assert_eq!(MoveKind::parse("Use"), None);
    }

    #[test]
    fn roles() {
        for role in Role::ALL {
            assert_eq!(sees_stock(role), role.is_staff(), "{role:?}");
            assert_eq!(manages_parts(role), matches!(role, Role::Manager | Role::Admin), "{role:?}");
        }
    }

    #[test]
    fn quantities_and_minimums() {
        let range = |min| ErrorCode::OutOfRange { min, max: 10_000 };
        for (raw, q, m) in [
            ("", Err(ErrorCode::Required), Err(ErrorCode::Required)),
            ("  ", Err(ErrorCode::Required), Err(ErrorCode::Required)),
            ("0", Err(range(1)), Ok(0)),
            ("1", Ok(1), Ok(1)),
            (" 7 ", Ok(7), Ok(7)),
            ("10000", Ok(10_000), Ok(10_000)),
            ("10001", Err(range(1)), Err(range(0))),
            ("-1", Err(range(1)), Err(range(0))),
            ("1.5", Err(range(1)), Err(range(0))),
            ("二", Err(range(1)), Err(range(0))),
            ("99999999999", Err(range(1)), Err(range(0))),
        ] {
            assert_eq!(quantity("quantity", raw), q.map_err(|c| fe("quantity", c)), "{raw:?}");
            assert_eq!(minimum(raw), m.map_err(|c| fe("minimum", c)), "{raw:?}");
        }
    }

    #[test]
    fn taking_never_goes_below_zero() {
        for available in 0..=5 {
            for n in 1..=6 {
                let got = take(available, n);
                if n <= available {
                    assert_eq!(got, Ok(available - n));
                } else {
                    assert_eq!(got, Err(ErrorCode::NotEnoughStock { available }));
                }
            }
        }
        assert_eq!(take(-3, 1), Err(ErrorCode::NotEnoughStock { available: 0 }));
    }

    #[test]
    fn the_minimum_is_crossed_once() {
        assert!(!below_minimum(0, 0), "no minimum, never below");
        assert!(below_minimum(1, 2));
        assert!(!below_minimum(2, 2));
        // (before, after, minimum, tells)
        for (before, after, min, tells) in
            [(3, 2, 3, true), (3, 1, 2, true), (2, 1, 2, true), (1, 0, 2, false), (5, 4, 2, false), (0, 5, 2, false), (1, 0, 0, false), (1, 0, 1, true)]
        {
            assert_eq!(falls_below(before, after, min), tells, "{before} -> {after} with minimum {min}");
        }
    }

    #[test]
    fn a_new_minimum_tells_when_it_puts_the_stock_below() {
        // (total, old, new, tells)
        for (total, old, new, tells) in
            [(3, 0, 4, true), (3, 0, 3, false), (3, 2, 5, true), (1, 2, 5, false), (3, 5, 2, false), (0, 0, 1, true), (0, 0, 0, false)]
        {
            assert_eq!(minimum_puts_below(total, old, new), tells, "{total} with {old} -> {new}");
        }
    }

    #[test]
    fn part_forms() {
        assert_eq!(check_part(" PSU-550 ", " 电源 550W ", "2"), Ok(PartInput { code: "PSU-550".into(), name: "电源 550W".into(), minimum: 2 }));
        assert_eq!(
            check_part("", &"x".repeat(201), "-1"),
            Err(vec![
                fe("code", ErrorCode::Required),
                fe("name", ErrorCode::TooLong { max: 200 }),
                fe("minimum", ErrorCode::OutOfRange { min: 0, max: 10_000 })
            ])
        );
        assert_eq!(check_part(&"c".repeat(65), "n", "0"), Err(vec![fe("code", ErrorCode::TooLong { max: 64 })]));
        assert_eq!(check_location(" Kit of Wang "), Ok("Kit of Wang".into()));
        assert_eq!(check_location(""), Err(fe("name", ErrorCode::Required)));
        assert_eq!(id_choice("part_id", " 3 "), Ok(3));
        assert_eq!(id_choice("part_id", ""), Err(fe("part_id", ErrorCode::Required)));
        for bad in ["0", "-2", "x"] {
            assert_eq!(id_choice("part_id", bad), Err(fe("part_id", ErrorCode::InvalidChoice)), "{bad:?}");
        }
    }

    #[test]
    fn moves_need_two_locations() {
        assert_eq!(check_move(1, 2, "3"), Ok(3));
        assert_eq!(check_move(1, 1, "3"), Err(vec![fe("to_id", ErrorCode::Unchanged)]));
        assert_eq!(
            check_move(0, 0, "0"),
            Err(vec![fe("from_id", ErrorCode::Required), fe("to_id", ErrorCode::Required), fe("quantity", ErrorCode::OutOfRange { min: 1, max: 10_000 })])
        );
        assert_eq!(check_move(1, 2, ""), Err(vec![fe("quantity", ErrorCode::Required)]));
    }

    #[test]
    fn replacements() {
        let ok = |old: &str, new: &str, whole| Ok(Replacement { old_serial: old.into(), new_serial: new.into(), whole_device: whole });
        assert_eq!(check_replacement(" A1 ", " B2 ", false, false), ok("A1", "B2", false));
        assert_eq!(check_replacement("", "", false, false), ok("", "", false));
        assert_eq!(check_replacement("A1", "B2", true, true), ok("A1", "B2", true));
        assert_eq!(check_replacement("A1", "A1", false, true), Err(vec![fe("new_serial", ErrorCode::Unchanged)]));
        assert_eq!(check_replacement("A1", " ", true, true), Err(vec![fe("new_serial", ErrorCode::Required)]));
        assert_eq!(check_replacement("A1", "B2", true, false), Err(vec![fe("whole_device", ErrorCode::InvalidChoice)]));
        assert_eq!(
            check_replacement(&"s".repeat(101), &"n".repeat(101), false, true),
            Err(vec![fe("old_serial", ErrorCode::TooLong { max: 100 }), fe("new_serial", ErrorCode::TooLong { max: 100 })])
        );
    }
}
