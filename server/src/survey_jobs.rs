//! Sends surveys when they are due and the one reminder, each through the portal (a
//! notification) and by mail with a fresh one-time link. Guarded by the survey's version, so
//! two server instances never send the same invitation twice.
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::{entity::survey, sea_orm::ActiveValue::Set};
use domain::notice::Notice;
use domain::notify::MailPlan;

/// Where the links in mails point (`PORTAL_PUBLIC_URL`, no trailing slash).
#[derive(Clone)]
pub struct Links {
    pub base: String,
}

impl Links {
    pub fn survey(&self, token: &str) -> String {
        format!("{}{}", self.base.trim_end_matches('/'), domain::href::survey_link(token))
    }
}

pub fn spawn(db: db::Db, links: Links, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match run(&db, &links, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(surveys = n, "survey invitations and reminders sent");
                }
                Err(e) => tracing::warn!(error = %e, "survey run failed"),
            }
        }
    });
}

/// Sends every due invitation and reminder; returns how many surveys it touched.
pub async fn run(db: &db::Db, links: &Links, now: DateTime<Utc>) -> Result<usize, db::DbErr> {
    let settings = db::repo::surveys::settings(&db.conn).await?;
    let mut touched = 0;
    for s in db::repo::surveys::to_invite(&db.conn, now, 200).await? {
        if now >= s.expires_at {
            continue; // never sent in time (the server was down for the whole window)
        }
        if send(db, links, &s, Kind::Invitation, now).await? {
            touched += 1;
        }
    }
    for s in db::repo::surveys::to_remind(&db.conn, now, 200).await? {
        let facts = app::ssr::surveys::facts_of(&s);
        let settings = app::ssr::surveys::settings_for(&s, &settings);
        if domain::survey::reminder_due(&facts, now.timestamp(), &settings) && send(db, links, &s, Kind::Reminder, now).await? {
            touched += 1;
        }
    }
    Ok(touched)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invitation,
    Reminder,
}

/// One invitation or reminder, in one transaction: a new link (only its hash is kept), the
/// portal notification, the mail in the outbox, and the survey marked.
async fn send(db: &db::Db, links: &Links, s: &survey::Model, kind: Kind, now: DateTime<Utc>) -> Result<bool, db::DbErr> {
    let Some(r) = db::repo::requests::find(&db.conn, s.request_id).await? else { return Ok(false) };
    let Some(person) = db::repo::users::find(&db.conn, s.respondent_id).await? else { return Ok(false) };
    let (token, hash) = db::repo::surveys::new_token();
    let tx = db.begin_write().await?;
    let mut row = survey::ActiveModel::default();
    match kind {
        Kind::Invitation => row.invited_at = Set(Some(now)),
        Kind::Reminder => row.reminded_at = Set(Some(now)),
    }
    if !db::repo::surveys::update_if_version(&*tx, row, s.id, s.version).await? {
        return Ok(false);
    }
    db::repo::surveys::insert_link(&*tx, s.id, &hash, now).await?;
    let expires_at = s.expires_at;
    let note = if kind == Kind::Invitation { Notice::Survey { expires_at } } else { Notice::SurveyReminder { expires_at } };
    let failed = |_| db::DbErr::Custom("survey notification failed".into());
    let plan = app::ssr::announce::notify(&*tx, person.id, &r, note).await.map_err(failed)?;
    // Open request pages show the survey as soon as it is sent.
    app::ssr::announce::publish(&*tx, &r).await.map_err(failed)?;
    // The person's choice for surveys: none ("portal only"), or this mail, after their quiet
    // hours. A digest cannot carry the one-time link, so "digest" sends it too.
    let not_before = match plan {
        MailPlan::None => None,
        MailPlan::At(at) => Some(at),
        MailPlan::Digest => Some(now),
    };
    if let Some(at) = not_before {
        let stop = db::repo::mail_prefs::new_unsubscribe(&*tx, person.id, domain::notify::EventKind::Survey.as_str(), now).await?;
        let (stop_page, one_click) = app::ssr::mail_jobs::unsubscribe_urls(links.base.trim_end_matches('/'), &stop);
        let (subject, mut body) = mail_text(&r, &person, &links.survey(&token), s.expires_at, kind);
        body.push_str(&format!("\n--\nStop survey mail / 不再接收满意度调查邮件: {stop_page}\n"));
        let out = db::repo::mail::Outgoing {
            to: &person.email,
            subject: &subject,
            text: &body,
            unsubscribe_url: Some(&one_click),
            not_before: Some(at),
            ..Default::default()
        };
        db::repo::mail::enqueue_mail(&*tx, &out, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The mail, in the person's language first and the other one below (a mail client may be
/// set up by someone else), with the link and when it expires.
fn mail_text(r: &db::entity::request::Model, person: &db::entity::user::Model, link: &str, expires_at: DateTime<Utc>, kind: Kind) -> (String, String) {
    let expires = expires_at.with_timezone(&chrono_tz::Asia::Shanghai).format("%Y-%m-%d %H:%M");
    let reminder = kind == Kind::Reminder;
    let en = format!(
        "Hello {name},\n\n{lead} request {number} \"{title}\" is closed. How did it go? It takes a minute:\n\n{link}\n\nThe link works once, without signing in, until {expires} (China time). Opening it records nothing; only pressing Submit does. You can also answer on the request's page in the portal.\n",
        name = person.display_name,
        lead = if reminder { "A reminder: your" } else { "Your" },
        number = r.number,
        title = r.title,
    );
    let zh = format!(
        "{name}，您好：\n\n{lead}服务请求 {number}“{title}”已关闭。请花一分钟告诉我们服务如何：\n\n{link}\n\n该链接无需登录，仅可提交一次，有效期至 {expires}（北京时间）。打开链接不会记录任何内容，只有点击“提交”才会。您也可以在门户的请求页面上作答。\n",
        name = person.display_name,
        lead = if reminder { "温馨提醒：您的" } else { "您的" },
        number = r.number,
        title = r.title,
    );
    let zh_first = person.lang == "zh";
    let subject = match (reminder, zh_first) {
        (false, false) => format!("How did we do? {} / 服务满意度调查", r.number),
        (false, true) => format!("服务满意度调查 {} / How did we do?", r.number),
        (true, false) => format!("Reminder: how did we do? {} / 提醒：服务满意度调查", r.number),
        (true, true) => format!("提醒：服务满意度调查 {} / Reminder: how did we do?", r.number),
    };
    let body = if zh_first { format!("{zh}\n----\n\n{en}") } else { format!("{en}\n----\n\n{zh}") };
    (subject, body)
}
