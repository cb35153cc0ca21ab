//! A customer site's profile (issue 14): where it is and how to get in, who to call, and the
//! machine room's environment as typed fields (power and UPS, grounding and lightning
//! protection, air conditioning, temperature and humidity ranges, dust, fire suppression).
//! Each environment field remembers who last verified it and when: saving a changed value,
//! or ticking "verified" on an unchanged one, verifies it.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    error_code::{ErrorCode, FieldError},
    validation::{email, phone},
};

pub const ADDRESS_MAX: usize = 300;
pub const ACCESS_MAX: usize = 2_000;
pub const HOURS_MAX: usize = 200;
pub const CONTACTS_MAX: usize = 10;
pub const CONTACT_FIELD_MAX: usize = 100;

/// How an environment field is typed in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EnvKind {
    Text {
        max: usize,
    },
    /// A number from `min` to `max` with at most one decimal.
    Number {
        min: f64,
        max: f64,
    },
    Date,
    Choice(&'static [&'static str]),
}

/// The machine room's typed fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvField {
    UpsModel,
    UpsCapacityKva,
    UpsBatteryDate,
    Grounding,
    LightningProtection,
    AirConditioning,
    TempMinC,
    TempMaxC,
    HumidityMinPct,
    HumidityMaxPct,
    Dust,
    FireSuppression,
}

/// The state of grounding and lightning protection.
pub const PROTECTION: &[&str] = &["in_place", "needs_work", "none"];
pub const DUST: &[&str] = &["low", "medium", "high"];
pub const FIRE: &[&str] = &["gas", "sprinkler", "extinguishers", "none"];

impl EnvField {
    pub const ALL: [EnvField; 12] = [
        EnvField::UpsModel,
        EnvField::UpsCapacityKva,
        EnvField::UpsBatteryDate,
        EnvField::Grounding,
        EnvField::LightningProtection,
        EnvField::AirConditioning,
        EnvField::TempMinC,
        EnvField::TempMaxC,
        EnvField::HumidityMinPct,
        EnvField::HumidityMaxPct,
        EnvField::Dust,
        EnvField::FireSuppression,
    ];

    /// The form's input name.
    pub fn as_str(self) -> &'static str {
        match self {
            EnvField::UpsModel => "ups_model",
            EnvField::UpsCapacityKva => "ups_capacity_kva",
            EnvField::UpsBatteryDate => "ups_battery_date",
            EnvField::Grounding => "grounding",
            EnvField::LightningProtection => "lightning_protection",
            EnvField::AirConditioning => "air_conditioning",
            EnvField::TempMinC => "temp_min_c",
            EnvField::TempMaxC => "temp_max_c",
            EnvField::HumidityMinPct => "humidity_min_pct",
            EnvField::HumidityMaxPct => "humidity_max_pct",
            EnvField::Dust => "dust",
            EnvField::FireSuppression => "fire_suppression",
        }
    }

    pub fn parse(s: &str) -> Option<EnvField> {
        EnvField::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn kind(self) -> EnvKind {
        match self {
            EnvField::UpsModel => EnvKind::Text { max: 100 },
            EnvField::AirConditioning => EnvKind::Text { max: 200 },
            EnvField::UpsCapacityKva => EnvKind::Number { min: 0.1, max: 10_000.0 },
            EnvField::UpsBatteryDate => EnvKind::Date,
            EnvField::Grounding | EnvField::LightningProtection => EnvKind::Choice(PROTECTION),
            EnvField::TempMinC | EnvField::TempMaxC => EnvKind::Number { min: -20.0, max: 60.0 },
            EnvField::HumidityMinPct | EnvField::HumidityMaxPct => EnvKind::Number { min: 0.0, max: 100.0 },
            EnvField::Dust => EnvKind::Choice(DUST),
            EnvField::FireSuppression => EnvKind::Choice(FIRE),
        }
    }

    /// A typed value in its stored form (empty: not known); `Err` with what is wrong.
    pub fn check(self, raw: &str) -> Result<String, ErrorCode> {
        let v = raw.trim();
        if v.is_empty() {
            return Ok(String::new());
        }
        match self.kind() {
            EnvKind::Text { max } => {
                if v.chars().count() > max {
                    Err(ErrorCode::TooLong { max })
                } else {
                    Ok(v.to_string())
                }
            }
            EnvKind::Number { min, max } => {
                let range = ErrorCode::OutOfRange { min: min.ceil() as i64, max: max as i64 };
                let one_decimal = v.split_once('.').is_none_or(|(_, d)| d.len() == 1);
                match v.parse::<f64>() {
                    Ok(n) if n.is_finite() && one_decimal && (min..=max).contains(&n) && !v.starts_with('+') => {
                        Ok(if n.fract() == 0.0 { format!("{}", n as i64) } else { format!("{n:.1}") })
                    }
                    _ => Err(range),
                }
            }
            EnvKind::Date => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) if super::DATE_YEARS.contains(&chrono::Datelike::year(&d)) => Ok(d.format("%Y-%m-%d").to_string()),
                _ => Err(ErrorCode::InvalidDate),
            },
            EnvKind::Choice(options) => options.iter().find(|o| **o == v).map(|o| o.to_string()).ok_or(ErrorCode::InvalidChoice),
        }
    }
}

/// A person to call about the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

/// Contacts as typed: one a line, "name; role; phone; e-mail" (`;`, `；`, `|` or a tab between
/// them; the last three may be left out). Every bad line is reported by its number.
pub fn parse_contacts(raw: &str) -> Result<Vec<Contact>, FieldError> {
    let bad = |code| Err(FieldError::new("contacts", code));
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > CONTACTS_MAX {
        return bad(ErrorCode::TooMany { max: CONTACTS_MAX });
    }
    let mut out = vec![];
    for line in lines {
        let parts: Vec<String> = line.split([';', '；', '|', '\t']).map(|p| p.trim().to_string()).collect();
        if parts.len() > 4 || parts.iter().any(|p| p.chars().count() > CONTACT_FIELD_MAX) {
            return bad(ErrorCode::TooLong { max: CONTACT_FIELD_MAX });
        }
        let get = |i: usize| parts.get(i).cloned().unwrap_or_default();
        let c = Contact { name: get(0), role: get(1), phone: get(2), email: get(3) };
        if c.name.is_empty() {
            return bad(ErrorCode::Required);
        }
        // The account forms' checks, so a contact's number and address look like a user's.
        let mut errors = vec![];
        phone("contacts", &c.phone, &mut errors);
        let email = if c.email.is_empty() { String::new() } else { email("contacts", &c.email, &mut errors) };
        if let Some(e) = errors.pop() {
            return Err(e);
        }
        out.push(Contact { email, ..c });
    }
    Ok(out)
}

/// The contacts back as the form's text.
pub fn contacts_text(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| {
            let mut parts = vec![c.name.as_str(), &c.role, &c.phone, &c.email];
            while parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()) {
                parts.pop();
            }
            parts.join("; ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The profile form (every environment field under its own name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteProfileForm {
    pub address: String,
    pub access_notes: String,
    pub opening_hours: String,
    pub contacts: String,
    pub ups_model: String,
    pub ups_capacity_kva: String,
    pub ups_battery_date: String,
    pub grounding: String,
    pub lightning_protection: String,
    pub air_conditioning: String,
    pub temp_min_c: String,
    pub temp_max_c: String,
    pub humidity_min_pct: String,
    pub humidity_max_pct: String,
    pub dust: String,
    pub fire_suppression: String,
}

impl SiteProfileForm {
    pub fn env(&self, f: EnvField) -> &str {
        match f {
            EnvField::UpsModel => &self.ups_model,
            EnvField::UpsCapacityKva => &self.ups_capacity_kva,
            EnvField::UpsBatteryDate => &self.ups_battery_date,
            EnvField::Grounding => &self.grounding,
            EnvField::LightningProtection => &self.lightning_protection,
            EnvField::AirConditioning => &self.air_conditioning,
            EnvField::TempMinC => &self.temp_min_c,
            EnvField::TempMaxC => &self.temp_max_c,
            EnvField::HumidityMinPct => &self.humidity_min_pct,
            EnvField::HumidityMaxPct => &self.humidity_max_pct,
            EnvField::Dust => &self.dust,
            EnvField::FireSuppression => &self.fire_suppression,
        }
    }

    pub fn set_env(&mut self, f: EnvField, v: String) {
        let slot = match f {
            EnvField::UpsModel => &mut self.ups_model,
            EnvField::UpsCapacityKva => &mut self.ups_capacity_kva,
            EnvField::UpsBatteryDate => &mut self.ups_battery_date,
            EnvField::Grounding => &mut self.grounding,
            EnvField::LightningProtection => &mut self.lightning_protection,
            EnvField::AirConditioning => &mut self.air_conditioning,
            EnvField::TempMinC => &mut self.temp_min_c,
            EnvField::TempMaxC => &mut self.temp_max_c,
            EnvField::HumidityMinPct => &mut self.humidity_min_pct,
            EnvField::HumidityMaxPct => &mut self.humidity_max_pct,
            EnvField::Dust => &mut self.dust,
            EnvField::FireSuppression => &mut self.fire_suppression,
        };
        *slot = v;
    }

    /// Every field's problem at once: (address, access notes, opening hours, contacts, the
    /// environment values in `EnvField::ALL` order).
    #[allow(clippy::type_complexity)]
    pub fn check(&self) -> Result<(String, String, String, Vec<Contact>, Vec<(EnvField, String)>), Vec<FieldError>> {
        let mut errors = vec![];
        let mut text = |field: &str, raw: &str, max: usize| {
            let v = raw.trim().to_string();
            if v.chars().count() > max {
                errors.push(FieldError::new(field, ErrorCode::TooLong { max }));
            }
            v
        };
        let address = text("address", &self.address, ADDRESS_MAX);
        let access = text("access_notes", &self.access_notes, ACCESS_MAX);
        let hours = text("opening_hours", &self.opening_hours, HOURS_MAX);
        let contacts = parse_contacts(&self.contacts).map_err(|e| errors.push(e)).unwrap_or_default();
        let mut env = vec![];
        for f in EnvField::ALL {
            match f.check(self.env(f)) {
                Ok(v) => env.push((f, v)),
                Err(code) => errors.push(FieldError::new(f.as_str(), code)),
            }
        }
        let num = |f: EnvField| env.iter().find(|(g, _)| *g == f).and_then(|(_, v)| v.parse::<f64>().ok());
        for (lo, hi) in [(EnvField::TempMinC, EnvField::TempMaxC), (EnvField::HumidityMinPct, EnvField::HumidityMaxPct)] {
            if let (Some(a), Some(b)) = (num(lo), num(hi)) {
                if b < a {
                    errors.push(FieldError::new(hi.as_str(), ErrorCode::EndsBeforeStart));
                }
            }
        }
        if errors.is_empty() {
            Ok((address, access, hours, contacts, env))
        } else {
            Err(errors)
        }
    }
}

/// A stored environment value with who verified it and when (Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub value: String,
    pub by: i32,
    pub at: i64,
    /// Verified on site by this inspection (its id), not typed on the profile's form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection: Option<i32>,
}

/// The environment after a save: a field whose value changed, or that was ticked as verified,
/// is verified now by `by`; the others keep their record. An emptied field is forgotten.
pub fn verify(
    old: &std::collections::BTreeMap<EnvField, Verified>,
    new: &[(EnvField, String)],
    ticked: &[EnvField],
    by: i32,
    now: i64,
) -> std::collections::BTreeMap<EnvField, Verified> {
    let mut out = std::collections::BTreeMap::new();
    for (f, v) in new {
        if v.is_empty() {
            continue;
        }
        let keep = old.get(f).filter(|o| o.value == *v && !ticked.contains(f));
        out.insert(*f, keep.cloned().unwrap_or(Verified { value: v.clone(), by, at: now, inspection: None }));
    }
    out
}

/// The environment after an inspection checked `fields` on site: each of them that has a
/// value is verified by `by` at `now` through inspection `inspection` (a field with no value
/// yet stays unknown: a reading does not say what the room was designed for).
pub fn verified_on_site(
    old: &std::collections::BTreeMap<EnvField, Verified>,
    fields: &[EnvField],
    by: i32,
    now: i64,
    inspection: i32,
) -> std::collections::BTreeMap<EnvField, Verified> {
    let mut out = old.clone();
    for f in fields {
        if let Some(v) = out.get_mut(f) {
            *v = Verified { value: v.value.clone(), by, at: now, inspection: Some(inspection) };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn fields_round_trip_and_every_field_has_a_kind() {
        for f in EnvField::ALL {
            assert_eq!(EnvField::parse(f.as_str()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), serde_json::json!(f.as_str()));
            assert_eq!(f.check("  "), Ok(String::new()), "{f:?}: empty is unknown");
        }
    }

    #[test]
    fn typed_values() {
        use EnvField::*;
        let range = |min, max| Err(ErrorCode::OutOfRange { min, max });
        let (u100, u101) = ("u".repeat(100), "u".repeat(101));
        let cases: Vec<(EnvField, &str, Result<String, ErrorCode>)> = vec![
            (UpsCapacityKva, "10", Ok("10".into())),
            (UpsCapacityKva, " 1.5 ", Ok("1.5".into())),
            (UpsCapacityKva, "1.55", range(1, 10_000)),
            (UpsCapacityKva, "0", range(1, 10_000)),
            (UpsCapacityKva, "ten", range(1, 10_000)),
            (UpsCapacityKva, "NaN", range(1, 10_000)),
            (UpsCapacityKva, "inf", range(1, 10_000)),
            (TempMinC, "-20", Ok("-20".into())),
            (TempMinC, "-21", range(-20, 60)),
            (TempMaxC, "60", Ok("60".into())),
            (TempMaxC, "+25", range(-20, 60)),
            (HumidityMaxPct, "100", Ok("100".into())),
            (HumidityMaxPct, "100.1", range(0, 100)),
            (UpsBatteryDate, "2024-02-29", Ok("2024-02-29".into())),
            (UpsBatteryDate, "2023-02-29", Err(ErrorCode::InvalidDate)),
            (UpsBatteryDate, "9999-01-01", Err(ErrorCode::InvalidDate)),
            (Grounding, "in_place", Ok("in_place".into())),
            (Grounding, "yes", Err(ErrorCode::InvalidChoice)),
            (Dust, "high", Ok("high".into())),
            (FireSuppression, "gas", Ok("gas".into())),
            (FireSuppression, "foam", Err(ErrorCode::InvalidChoice)),
            (UpsModel, &u100, Ok(u100.clone())),
            (UpsModel, &u101, Err(ErrorCode::TooLong { max: 100 })),
            (AirConditioning, " 2 × 12 kW precision units ", Ok("2 × 12 kW precision units".into())),
        ];
        for (f, raw, want) in cases {
            assert_eq!(f.check(raw), want, "{f:?} {raw:?}");
        }
    }

    #[test]
    fn contacts_one_a_line() {
        let ok = parse_contacts("Wang Wei; IT lead; +86 21 5555 0101; wang@acme.example\n\n李娜；值班\nZhou Min | | | zhou@acme.example").unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[1], Contact { name: "李娜".into(), role: "值班".into(), phone: String::new(), email: String::new() });
        assert_eq!(ok[2].email, "zhou@acme.example");
        assert_eq!(parse_contacts(&contacts_text(&ok)).unwrap(), ok, "the text form reads back the same");
        assert_eq!(parse_contacts("; IT lead").unwrap_err().code, ErrorCode::Required);
        assert_eq!(parse_contacts("Wang; lead; not a phone").unwrap_err().code, ErrorCode::InvalidPhone);
        assert_eq!(parse_contacts("Wang; lead; ; wang@").unwrap_err().code, ErrorCode::InvalidEmail);
        assert_eq!(parse_contacts("a;b;c;d;e").unwrap_err().code, ErrorCode::TooLong { max: 100 });
        let many = (0..11).map(|i| format!("P{i}")).collect::<Vec<_>>().join("\n");
        assert_eq!(parse_contacts(&many).unwrap_err().code, ErrorCode::TooMany { max: 10 });
        assert_eq!(parse_contacts("  \n ").unwrap(), vec![]);
    }

    #[test]
    fn the_form_reports_every_problem_and_ranges_in_order() {
        let mut f = SiteProfileForm { address: "a".repeat(301), temp_min_c: "27".into(), temp_max_c: "18".into(), dust: "some".into(), ..Default::default() };
        f.humidity_min_pct = "40".into();
        f.humidity_max_pct = "60".into();
        let codes: Vec<(String, ErrorCode)> = f.check().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("address".into(), ErrorCode::TooLong { max: 300 }),
                ("dust".into(), ErrorCode::InvalidChoice),
                ("temp_max_c".into(), ErrorCode::EndsBeforeStart),
            ]
        );
        f.address = " Building 3, 88 Keyuan Rd ".into();
        f.temp_max_c = "27".into();
        f.dust = "low".into();
        let (address, _, _, _, env) = f.check().unwrap();
        assert_eq!(address, "Building 3, 88 Keyuan Rd");
        assert_eq!(env.len(), 12);
        let mut g = SiteProfileForm::default();
        for field in EnvField::ALL {
            g.set_env(field, field.as_str().into());
            assert_eq!(g.env(field), field.as_str());
        }
    }

    #[test]
    fn an_inspection_verifies_the_fields_it_checked() {
        use EnvField::*;
        let old = BTreeMap::from([
            (TempMinC, Verified { value: "18".into(), by: 1, at: 100, inspection: None }),
            (Dust, Verified { value: "low".into(), by: 1, at: 100, inspection: None }),
        ]);
        let got = verified_on_site(&old, &[TempMinC, TempMaxC], 7, 200, 42);
        assert_eq!(got[&TempMinC], Verified { value: "18".into(), by: 7, at: 200, inspection: Some(42) });
        assert_eq!(got[&Dust], old[&Dust], "not checked: kept");
        assert!(!got.contains_key(&TempMaxC), "no value: still unknown");
    }

    #[test]
    fn a_field_is_verified_when_it_changes_or_is_ticked() {
        use EnvField::*;
        let old: BTreeMap<EnvField, Verified> = [
            (Dust, Verified { value: "low".into(), by: 1, at: 100, inspection: None }),
            (Grounding, Verified { value: "in_place".into(), by: 1, at: 100, inspection: None }),
            (FireSuppression, Verified { value: "gas".into(), by: 1, at: 100, inspection: None }),
        ]
        .into();
        let new = vec![(Dust, "low".into()), (Grounding, "needs_work".into()), (FireSuppression, "gas".into()), (UpsModel, "".into()), (TempMinC, "18".into())];
        let got = verify(&old, &new, &[FireSuppression], 7, 200);
        assert_eq!(got[&Dust], Verified { value: "low".into(), by: 1, at: 100, inspection: None }, "unchanged and not ticked: kept");
        assert_eq!(got[&Grounding], Verified { value: "needs_work".into(), by: 7, at: 200, inspection: None }, "changed");
        assert_eq!(got[&FireSuppression], Verified { value: "gas".into(), by: 7, at: 200, inspection: None }, "ticked");
        assert_eq!(got[&TempMinC], Verified { value: "18".into(), by: 7, at: 200, inspection: None }, "new");
        assert!(!got.contains_key(&UpsModel), "empty: not known");
        let emptied = verify(&old, &[(Dust, String::new())], &[], 7, 200);
        assert!(emptied.is_empty());
    }
}
