//! Data a new installation needs: the provider organization and a first admin (production),
//! or a whole demo world (development). Both only act on an empty database.
use domain::{OrgKind, Role};
use sea_orm::DbErr;

use crate::{connect::Db, password, repo};

/// The password of every demo account; printed at start-up in demo mode.
pub const DEMO_PASSWORD: &str = "demo-password";

/// One demo sign-in, for the start-up banner and the tests.
pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    pub org: &'static str,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount { email: "admin@provider.example", role: Role::Admin, org: "Northwind IT Services" },
    DemoAccount { email: "manager@provider.example", role: Role::Manager, org: "Northwind IT Services" },
    DemoAccount { email: "dispatcher@provider.example", role: Role::Dispatcher, org: "Northwind IT Services" },
    DemoAccount { email: "engineer@provider.example", role: Role::Engineer, org: "Northwind IT Services" },
    DemoAccount { email: "engineer2@provider.example", role: Role::Engineer, org: "Northwind IT Services" },
    DemoAccount { email: "lead@acme.example", role: Role::SiteManager, org: "Acme Manufacturing" },
    DemoAccount { email: "user@acme.example", role: Role::Customer, org: "Acme Manufacturing" },
    DemoAccount { email: "lead@globex.example", role: Role::SiteManager, org: "Globex Logistics" },
    DemoAccount { email: "user@globex.example", role: Role::Customer, org: "Globex Logistics" },
];

const DEMO_NAMES: &[(&str, &str)] = &[
    ("admin@provider.example", "Ada Admin"),
    ("manager@provider.example", "Wang Fang"),
    ("dispatcher@provider.example", "Dana Dispatch"),
    ("engineer@provider.example", "Li Qiang"),
    ("engineer2@provider.example", "Erik Engineer"),
    ("lead@acme.example", "Chen Jing"),
    ("user@acme.example", "Alice Zhang"),
    ("lead@globex.example", "George Liu"),
    ("user@globex.example", "Grace Zhou"),
];

const DEMO_SITES: &[(&str, &str, &str)] = &[
    ("Northwind IT Services", "Service centre", "88 Service Road, Shanghai"),
    ("Acme Manufacturing", "Shanghai plant", "1 Factory Lane, Pudong, Shanghai"),
    ("Acme Manufacturing", "Suzhou warehouse", "12 Logistics Park, Suzhou"),
    ("Globex Logistics", "Beijing HQ", "300 Chang'an Avenue, Beijing"),
];

/// Loads the demo world if the database has no organization yet. Returns whether it did.
pub async fn demo(db: &Db) -> Result<bool, DbErr> {
    if !repo::organizations::list(&db.conn).await?.is_empty() {
        return Ok(false);
    }
    let hash = password::hash_async(DEMO_PASSWORD.to_string()).await;
    let tx = db.begin_write().await?;
    let mut orgs = std::collections::HashMap::new();
    for (name, kind) in [("Northwind IT Services", OrgKind::Provider), ("Acme Manufacturing", OrgKind::Customer), ("Globex Logistics", OrgKind::Customer)] {
        orgs.insert(name, repo::organizations::insert(&*tx, name, kind).await?.id);
    }
    // Contracts: Acme on tier A (7x24), Globex on tier C (5x8) with the 2026 National Day
    // holidays and the weekend days moved to working days around them.
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("valid date");
    let tz = chrono_tz::Asia::Shanghai;
    let acme = domain::ticket::SlaTerms::default_for(domain::sla::Tier::A, tz);
    let mut globex = domain::ticket::SlaTerms::default_for(domain::sla::Tier::C, tz);
    globex.calendar = globex.calendar.with_holidays((1..=7).map(|d| day(10, d))).with_extra_working_days([day(9, 27), day(10, 10)]);
    repo::contracts::insert(&*tx, orgs["Acme Manufacturing"], &acme, day(1, 1)).await?;
    repo::contracts::insert(&*tx, orgs["Globex Logistics"], &globex, day(1, 1)).await?;
    let mut first_site = std::collections::HashMap::new();
    for (org, site, address) in DEMO_SITES {
        let s = repo::sites::insert(&*tx, orgs[org], site, address).await?;
        first_site.entry(*org).or_insert(s.id);
    }
    for acc in DEMO_ACCOUNTS {
        let name = DEMO_NAMES.iter().find(|(e, _)| *e == acc.email).map(|(_, n)| *n).unwrap_or(acc.email);
        repo::users::insert(
            &*tx,
            repo::users::NewUserRow {
                org_id: orgs[acc.org],
                site_id: first_site.get(acc.org).copied(),
                email: acc.email,
                display_name: name,
                phone: Some("+86 21 5555 0100"),
                role: acc.role,
                password_hash: &hash,
            },
        )
        .await?;
    }
    // Each contract gets the default inspection plan (quarterly, 15 working days' notice,
    // report within 3), in effect from today: the inspection job plans the coming year.
    let template = checklist_in(&*tx).await?;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    for c in repo::contracts::list(&*tx).await? {
        let settings = serde_json::to_string(&domain::inspection::PlanSettings { initial: false, ..Default::default() }).unwrap_or_default();
        repo::inspections::save_plan(&*tx, None, c.id, c.organization_id, settings, template, today, None).await?;
    }
    // The demo knowledge base, written by the manager.
    if let Some(manager) = repo::users::find_by_email(&*tx, "manager@provider.example").await? {
        crate::seed_knowledge::load(&*tx, manager.id).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The standard checklist template (`domain::inspection::checklist::DEFAULT_TEMPLATE`), made
/// on the first start so every plan has one. Answers its id.
pub async fn checklist(db: &Db) -> Result<i32, DbErr> {
    let tx = db.begin_write().await?;
    let id = checklist_in(&*tx).await?;
    tx.commit().await?;
    Ok(id)
}

async fn checklist_in(tx: &impl sea_orm::ConnectionTrait) -> Result<i32, DbErr> {
    if let Some(t) = repo::checklists::current(tx).await?.first() {
        return Ok(t.id);
    }
    let template =
        domain::inspection::checklist::parse_template(domain::inspection::checklist::DEFAULT_TEMPLATE).map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    let json = serde_json::to_string(&template).map_err(|e| DbErr::Custom(e.to_string()))?;
    let saved = repo::checklists::save(tx, None, "标准巡检 Standard inspection", json, None).await?;
    saved.map(|t| t.id).ok_or_else(|| DbErr::Custom("checklist template".into()))
}

/// Production start: make sure the provider organization and a first admin exist. Does
/// nothing when any user exists. Returns whether it created the admin.
pub async fn first_admin(db: &Db, provider_name: &str, email: &str, password: &str) -> Result<bool, DbErr> {
    if repo::users::count(&db.conn).await? > 0 {
        return Ok(false);
    }
    let hash = password::hash_async(password.to_string()).await;
    let tx = db.begin_write().await?;
    let org = match repo::organizations::provider(&*tx).await? {
        Some(o) => o,
        None => repo::organizations::insert(&*tx, provider_name, OrgKind::Provider).await?,
    };
    repo::users::insert(
        &*tx,
        repo::users::NewUserRow { org_id: org.id, site_id: None, email, display_name: "Administrator", phone: None, role: Role::Admin, password_hash: &hash },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
