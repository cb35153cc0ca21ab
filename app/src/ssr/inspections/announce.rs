//! Telling the customer: the announcement (portal and mail to the site managers and the
//! site's contacts), and the jobs that announce on time and warn managers of what is late.
use chrono::{DateTime, Datelike, Utc};
use db::{
    entity::inspection::Model,
    repo::{self, inspections::Warned},
    sea_orm::{ActiveValue::Set, ConnectionTrait},
};
use domain::{
    equipment::site_profile::Contact,
    inspection::{status::InspectionEvent, workdays, InspectionStatus},
    notice::InspectionNote,
};

use super::{calendar_of, people, save_step, staff, status_of, tell, today_in};
use crate::error::AppError;

/// An inspection is announced by the job this many working days before its last day to
/// announce (earlier by hand): time for the site manager to confirm or propose another day.
pub const ANNOUNCE_AHEAD: u32 = 5;
/// Managers are warned this many working days before an inspection's last day to announce
/// when it still cannot be announced (no engineer yet).
pub const WARN_AHEAD: u32 = 2;

/// Announces `r` (planned, with an engineer): the site managers are told in the portal, they
/// and the site's contacts by mail; an announcement with less notice than the contract
/// promises is recorded as late. `by`: the dispatcher, or `None` for the job.
pub async fn announce(tx: &impl ConnectionTrait, r: &Model, by: Option<i32>, base_url: &str, now: DateTime<Utc>) -> Result<Model, AppError> {
    let cal = calendar_of(r);
    let late = !workdays::notice_kept(&cal, today_in(&cal, now), r.date, r.notice_days as u32);
    let row = db::entity::inspection::ActiveModel {
        status: Set(InspectionStatus::Announced.as_str().into()),
        announced_at: Set(Some(now)),
        announced_late: Set(late),
        ..Default::default()
    };
    let saved = save_step(tx, r, row, by, Some(&InspectionEvent::Announced { date: r.date, late })).await?;
    let managers = people(tx, r.organization_id, "site_manager").await?;
    tell(tx, &saved, &managers, by, InspectionNote::Announced).await?;
    mail_announcement(tx, &saved, &managers, base_url, now).await?;
    if let Some(e) = saved.engineer_id {
        tell(tx, &saved, &[e], by, InspectionNote::Assigned).await?;
    }
    Ok(saved)
}

/// The announcement by mail, once to each address: the site managers and the site's contacts.
async fn mail_announcement(tx: &impl ConnectionTrait, r: &Model, managers: &[i32], base_url: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let site = repo::sites::find(tx, r.site_id).await?.ok_or(AppError::Internal)?;
    let mut to: Vec<(String, String)> = vec![];
    for id in managers {
        if let Some(u) = repo::users::find(tx, *id).await? {
            to.push((u.email.to_lowercase(), u.display_name));
        }
    }
    if let Some(p) = repo::sites::profile(tx, site.id).await? {
        let contacts: Vec<Contact> = serde_json::from_str(&p.contacts_json).unwrap_or_default();
        to.extend(contacts.into_iter().filter(|c| !c.email.is_empty()).map(|c| (c.email.to_lowercase(), c.name)));
    }
    let engineer = match r.engineer_id {
        Some(e) => repo::users::find(tx, e).await?.map(|u| (u.display_name, u.phone.unwrap_or_default())).unwrap_or_default(),
        None => Default::default(),
    };
    let link = format!("{base_url}{}", domain::href::inspection(r.id));
    let date = r.date.format("%Y-%m-%d");
    let weekday_zh = ["一", "二", "三", "四", "五", "六", "日"][r.date.weekday().num_days_from_monday() as usize];
    let mut sent = std::collections::BTreeSet::new();
    for (email, name) in to {
        if !sent.insert(email.clone()) {
            continue;
        }
        let subject = format!("预防性巡检通知 {date} {} / Preventive inspection on {date}", site.name);
        let body = format!(
            "{name}，您好：\n\n我们将于 {date}（星期{weekday_zh}）对 {site} 进行预防性巡检，工程师：{eng}（{phone}）。\n请在门户中确认日期，或提出其他日期：\n{link}\n\n----\n\nHello {name},\n\nWe will inspect {site} on {date} ({weekday}). Engineer: {eng} ({phone}).\nPlease confirm the date in the portal, or propose another one:\n{link}\n",
            site = site.name,
            eng = engineer.0,
            phone = engineer.1,
            weekday = r.date.format("%A"),
        );
        repo::mail::enqueue(tx, &email, &subject, &body, now).await?;
    }
    Ok(())
}

/// What one run of the jobs did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobRun {
    pub announced: usize,
    pub warned: usize,
    pub reports_late: usize,
}

/// The inspection jobs, safe on several instances (every change is under the row's version):
/// announces what is due (planned, with an engineer, within [`ANNOUNCE_AHEAD`] working days of
/// its last day to announce, or past it), warns managers once about an inspection that cannot
/// be announced in time, and once about a report past its deadline.
pub async fn run_jobs(db: &db::Db, base_url: &str, now: DateTime<Utc>) -> Result<JobRun, AppError> {
    let mut run = JobRun::default();
    // Announce-by dates up to ~3 weeks ahead cover ANNOUNCE_AHEAD working days over any holiday.
    let horizon = now.date_naive() + chrono::Days::new(21);
    let managers = staff(&db.conn, &["manager"]).await?;
    for r in repo::inspections::due(&db.conn, &[InspectionStatus::Planned.as_str()], horizon, 500).await? {
        let cal = calendar_of(&r);
        let today = today_in(&cal, now);
        let announce_from = workdays::sub(&cal, r.announce_by, ANNOUNCE_AHEAD).unwrap_or(r.announce_by);
        if r.engineer_id.is_some() && today >= announce_from && r.date > today {
            let tx = db.begin_write().await?;
            match announce(&*tx, &r, None, base_url, now).await {
                Ok(_) => {
                    tx.commit().await?;
                    run.announced += 1;
                }
                Err(AppError::Conflict) => {}
                Err(e) => return Err(e),
            }
            continue;
        }
        let warn_from = workdays::sub(&cal, r.announce_by, WARN_AHEAD).unwrap_or(r.announce_by);
        if !r.late_flagged && today >= warn_from {
            let tx = db.begin_write().await?;
            if repo::inspections::mark_warned(&*tx, r.id, Warned::AnnounceLate).await? {
                tell(&*tx, &r, &managers, None, InspectionNote::WillBeLate).await?;
                tx.commit().await?;
                run.warned += 1;
            }
        }
    }
    for r in repo::inspections::reports_overdue(&db.conn, now, 500).await? {
        if status_of(&r) != InspectionStatus::VisitDone {
            continue;
        }
        let tx = db.begin_write().await?;
        if repo::inspections::mark_warned(&*tx, r.id, Warned::ReportLate).await? {
            tell(&*tx, &r, &managers, None, InspectionNote::ReportLate).await?;
            tx.commit().await?;
            run.reports_late += 1;
        }
    }
    Ok(run)
}
