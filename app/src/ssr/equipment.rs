//! Server side of the equipment archive: a stored device back into its checked record, the
//! sites a caller may choose, and "today" for warranty states.
use std::collections::HashMap;

use db::entity::device;
use db::sea_orm::ConnectionTrait;
use domain::{
    equipment::{access, DeviceCategory, DeviceInput, DeviceStatus},
    Actor,
};

use crate::error::AppError;

pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&domain::equipment::WARRANTY_TZ).date_naive()
}

/// The record as stored. A stored value that no longer parses (never written by this code)
/// reads as `other` / in service rather than failing the page.
pub fn input_of(d: &device::Model) -> DeviceInput {
    DeviceInput {
        category: DeviceCategory::parse(&d.category).unwrap_or(DeviceCategory::Other),
        vendor: d.vendor.clone(),
        model: d.model.clone(),
        serial: d.serial.clone(),
        asset_number: d.asset_number.clone(),
        name: d.name.clone(),
        location: d.location.clone(),
        ips: d.ips.split(", ").filter(|s| !s.is_empty()).map(str::to_string).collect(),
        purchase_date: d.purchase_date,
        warranty_end: d.warranty_end,
        service_level: d.service_level.clone(),
        firmware: d.firmware.clone(),
        status: DeviceStatus::parse(&d.status).unwrap_or(DeviceStatus::InService),
        config_notes: d.config_notes.clone(),
    }
}

/// The sites the caller may see, as (id, organization id, label): a customer's own
/// organization's by name; for staff every active site, labelled "Site · Organization".
pub async fn visible_sites(conn: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<(i32, i32, String)>, AppError> {
    Ok(match access::scope(actor) {
        Some(org) => db::repo::sites::list_by_org(conn, org).await?.into_iter().filter(|s| s.active).map(|s| (s.id, s.organization_id, s.name)).collect(),
        None => {
            let orgs: HashMap<i32, String> = db::repo::organizations::list(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
            db::repo::sites::list_active(conn)
                .await?
                .into_iter()
                .map(|s| {
                    let label = format!("{} · {}", s.name, orgs.get(&s.organization_id).cloned().unwrap_or_default());
                    (s.id, s.organization_id, label)
                })
                .collect()
        }
    })
}

/// The device if the caller may see it; "not found" otherwise (whether it exists elsewhere
/// is not told).
pub async fn visible(conn: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<device::Model, AppError> {
    match db::repo::devices::find(conn, id).await? {
        Some(d) if access::sees(actor, d.organization_id) => Ok(d),
        _ => Err(AppError::NotFound),
    }
}

/// The sites of one organization an import may put devices at: (id, name).
pub async fn sites_of(conn: &impl ConnectionTrait, org_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    Ok(db::repo::sites::list_by_org(conn, org_id).await?.into_iter().filter(|s| s.active).map(|s| (s.id, s.name)).collect())
}

/// A CSV file's header and records.
pub type CsvTable = (Vec<String>, Vec<Vec<String>>);

/// Reads a CSV text into its header and records; a file that is not CSV is a header error.
pub fn read_csv(text: &str) -> Result<CsvTable, Vec<domain::FieldError>> {
    use domain::{equipment::import::MAX_ROWS, ErrorCode, FieldError};
    let bad = |code| vec![FieldError::new("file", code)];
    // Spreadsheets in Chinese locales often save with `;` or tabs; take whichever the header uses most.
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header: Vec<String> = match rows.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        _ => return Err(bad(ErrorCode::Required)),
    };
    let mut records = vec![];
    for r in rows {
        let r = r.map_err(|_| bad(ErrorCode::InvalidChoice))?;
        if records.len() == MAX_ROWS {
            return Err(bad(ErrorCode::TooMany { max: MAX_ROWS }));
        }
        records.push(r.iter().map(str::to_string).collect());
    }
    Ok((header, records))
}

/// The plan of a stored import against the archive as it is now.
pub async fn plan_import(conn: &impl ConnectionTrait, import: &db::entity::device_import::Model) -> Result<crate::model::DeviceImportPreview, AppError> {
    use domain::equipment::import::{columns, plan, Existing};
    let sites = sites_of(conn, import.organization_id).await?;
    let org = db::repo::organizations::find(conn, import.organization_id).await?.map(|o| o.name).unwrap_or_default();
    let mut preview = crate::model::DeviceImportPreview {
        id: import.id,
        organization: org,
        file_name: import.file_name.clone(),
        applied: import.applied_at.is_some(),
        header_errors: vec![],
        rows: vec![],
        bad: vec![],
        adds: 0,
        changes: 0,
    };
    let (header, records) = match read_csv(&import.content) {
        Ok(x) => x,
        Err(e) => {
            preview.header_errors = e;
            return Ok(preview);
        }
    };
    let at = match columns(&header) {
        Ok(at) => at,
        Err(e) => {
            preview.header_errors = e;
            return Ok(preview);
        }
    };
    let stored = db::repo::devices::with_serial(conn, import.organization_id).await?;
    let inputs: Vec<(i32, i32, DeviceInput)> = stored.iter().map(|d| (d.id, d.site_id, input_of(d))).collect();
    let existing: Vec<Existing<'_>> = inputs.iter().map(|(id, site_id, device)| Existing { id: *id, site_id: *site_id, device }).collect();
    let p = plan(&at, &records, &sites, &existing);
    preview.adds = p.adds();
    preview.changes = p.changes();
    preview.rows = p
        .rows
        .into_iter()
        .map(|r| {
            let site = sites.iter().find(|(id, _)| *id == r.site_id).map(|(_, n)| n.clone()).unwrap_or_default();
            (r, site)
        })
        .collect();
    preview.bad = p.bad;
    Ok(preview)
}

/// The customer organizations whose archive the caller sees, (id, name): a customer's own;
/// for staff every active customer organization.
pub async fn organizations(conn: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<(i32, String)>, AppError> {
    let orgs = db::repo::organizations::list(conn).await?;
    Ok(orgs
        .into_iter()
        .filter(|o| match access::scope(actor) {
            Some(own) => o.id == own,
            None => o.active && o.kind == domain::OrgKind::Customer.as_str(),
        })
        .map(|o| (o.id, o.name))
        .collect())
}

/// A device's history, newest first: the requests about it and the parts fitted to it (with
/// a whole-device swap on both devices' histories). Stock locations stay out: customers read
/// this too.
pub async fn history(conn: &impl ConnectionTrait, device_id: i32) -> Result<Vec<crate::model::DeviceEvent>, AppError> {
    use crate::model::{DeviceEvent, DeviceEventKind};
    let mut out: Vec<DeviceEvent> = db::repo::devices::requests_of(conn, device_id, 50)
        .await?
        .into_iter()
        .map(|r| DeviceEvent { at: r.created_at.timestamp(), what: DeviceEventKind::Request { number: r.number, title: r.title } })
        .collect();
    let moves = db::repo::parts::moves_of_device(conn, device_id).await?;
    let numbers = db::repo::requests::numbers_of(conn, &moves.iter().filter_map(|m| m.request_id).collect::<Vec<_>>()).await?;
    let parts: std::collections::HashMap<i32, String> =
        db::repo::parts::parts(conn).await?.into_iter().map(|p| (p.id, format!("{} {}", p.code, p.name))).collect();
    for m in moves.into_iter().take(50) {
        let request = m.request_id.and_then(|id| numbers.get(&id).cloned());
        let what = match m.new_device_id {
            Some(new) if new == device_id => DeviceEventKind::SwappedIn { other: m.device_id.unwrap_or_default(), old_serial: m.old_serial, request },
            Some(new) => DeviceEventKind::SwappedOut { other: new, new_serial: m.new_serial, request },
            None => DeviceEventKind::PartReplaced {
                part: parts.get(&m.part_id).cloned().unwrap_or_default(),
                old_serial: m.old_serial,
                new_serial: m.new_serial,
                request,
            },
        };
        out.push(DeviceEvent { at: m.created_at.timestamp(), what });
    }
    let configs = db::repo::device_configs::list(conn, device_id).await?;
    let uploaders = db::repo::names::of(conn, &configs.iter().map(|c| c.5).collect::<Vec<_>>(), &[], &[]).await?;
    for (id, number, file_name, _, _, by, at) in configs.into_iter().take(50) {
        let by = uploaders.users.get(&by).map(|(n, _)| n.clone()).unwrap_or_default();
        out.push(DeviceEvent { at: at.timestamp(), what: DeviceEventKind::Config { id, number, file_name, by } });
    }
    for (row, plan) in db::repo::upgrades::of_device(conn, device_id).await? {
        let result = row.result.as_deref().and_then(domain::equipment::upgrade::DeviceResult::parse);
        let at = row.result_at.unwrap_or(plan.created_at).timestamp();
        out.push(DeviceEvent {
            at,
            what: DeviceEventKind::Upgrade { plan: plan.id, title: plan.title, target: plan.target_version, result, note: row.result_note },
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}

/// The text a device field shows for a device ("#id name · model · serial").
pub fn choice_of(d: &device::Model) -> String {
    domain::equipment::choice_text(d.id, &[&d.name, &d.model, &d.serial])
}

/// The triage form's device field: its value now, and the devices at the request's site.
pub async fn triage_choices(conn: &impl ConnectionTrait, r: &db::entity::request::Model) -> Result<(String, Vec<String>), AppError> {
    let value = match r.device_id {
        Some(id) => db::repo::devices::find(conn, id).await?.map(|d| choice_of(&d)).unwrap_or_default(),
        None => String::new(),
    };
    let choices = db::repo::devices::choices_at_site(conn, r.site_id, 3_000).await?.iter().map(choice_of).collect();
    Ok((value, choices))
}

/// A device's configuration backups, newest first, without their text.
pub async fn config_versions(conn: &impl ConnectionTrait, device_id: i32) -> Result<Vec<crate::model::ConfigVersion>, AppError> {
    let rows = db::repo::device_configs::list(conn, device_id).await?;
    let users: Vec<i32> = rows.iter().map(|r| r.5).collect();
    let names = db::repo::names::of(conn, &users, &[], &[]).await?;
    Ok(rows
        .into_iter()
        .map(|(id, number, file_name, size, masked_lines, by, at)| crate::model::ConfigVersion {
            id,
            number,
            file_name,
            size,
            masked_lines,
            by: names.users.get(&by).map(|(n, _)| n.clone()).unwrap_or_default(),
            at: at.with_timezone(&domain::equipment::WARRANTY_TZ).format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect())
}

/// Lines of context kept around each change.
const CONTEXT: usize = 3;

/// The changed lines of `b` against `a`, with `CONTEXT` lines around each change (a run of
/// unchanged lines in between is cut to "…"), and the counts of added and removed lines.
pub fn diff_lines(a: &str, b: &str) -> (Vec<(domain::equipment::config_backup::DiffKind, String)>, usize, usize) {
    use domain::equipment::config_backup::DiffKind;
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_lines(a, b);
    let mut out = vec![];
    let (mut added, mut removed) = (0, 0);
    for (i, group) in diff.grouped_ops(CONTEXT).iter().enumerate() {
        if i > 0 {
            out.push((DiffKind::Same, "…".to_string()));
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let kind = match change.tag() {
                    ChangeTag::Equal => DiffKind::Same,
                    ChangeTag::Insert => {
                        added += 1;
                        DiffKind::Added
                    }
                    ChangeTag::Delete => {
                        removed += 1;
                        DiffKind::Removed
                    }
                };
                out.push((kind, change.value().trim_end_matches(['\n', '\r']).to_string()));
            }
        }
    }
    (out, added, removed)
}

#[cfg(test)]
mod diff_tests {
    use domain::equipment::config_backup::DiffKind::*;

    #[test]
    fn changes_with_their_context() {
        let a = (1..=20).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n") + "\n";
        let b = a.replace("line 2\n", "line two\n").replace("line 18\n", "");
        let (lines, added, removed) = super::diff_lines(&a, &b);
        assert_eq!((added, removed), (1, 2));
        let s = |k, t: &str| (k, t.to_string());
        assert_eq!(
            lines,
            vec![
                s(Same, "line 1"),
                s(Removed, "line 2"),
                s(Added, "line two"),
                s(Same, "line 3"),
                s(Same, "line 4"),
                s(Same, "line 5"),
                s(Same, "…"),
                s(Same, "line 15"),
                s(Same, "line 16"),
                s(Same, "line 17"),
                s(Removed, "line 18"),
                s(Same, "line 19"),
                s(Same, "line 20"),
            ]
        );
        assert_eq!(super::diff_lines("same\n", "same\n"), (vec![], 0, 0));
    }
}
