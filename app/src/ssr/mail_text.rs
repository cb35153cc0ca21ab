//! Notification mail in words: one notification, or one person's daily digest, in the
//! person's language, as plain text and HTML, with the link to the page, the link to change
//! what they receive and the one to stop this kind of mail. The words are the notification
//! centre's (`components::notice_text`), so a mail says what the bell says.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::notice::Notification;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::components::notice_text::notice_text;
use crate::i18n::{Lang, Msg};

/// A mail ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The addresses every notification mail links to.
pub struct Links<'a> {
    /// `PORTAL_PUBLIC_URL`, no trailing slash.
    pub base: &'a str,
    /// The page that asks before turning this kind (or the digest) off.
    pub unsubscribe: &'a str,
}

impl Links<'_> {
    fn settings(&self) -> String {
        format!("{}{}", self.base, domain::Page::MailSettings.pattern())
    }
}

/// The subject line of one notification: the request number or subject, then what happened.
fn headline(n: &Notification, lang: Lang) -> (String, String, String) {
    let (path, title) = n.about.link();
    let what = notice_text(&n.notice, lang);
    let subject_of = match &n.about {
        domain::notice::About::Request { number, title } => format!("{number} {title}"),
        _ => title,
    };
    (path, subject_of, what)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn footer_text(lang: Lang, links: &Links<'_>, stop: Msg) -> String {
    format!("--\n{}\n{}: {}\n{}: {}\n", Msg::MailWhy.text(lang), Msg::MailSettings.text(lang), links.settings(), stop.text(lang), links.unsubscribe)
}

fn footer_html(lang: Lang, links: &Links<'_>, stop: Msg) -> String {
    format!(
        r#"<hr><p style="color:#555;font-size:12px">{} <a href="{}">{}</a> · <a href="{}">{}</a></p>"#,
        text(Msg::MailWhy.text(lang)),
        attr(&links.settings()),
        text(Msg::MailSettings.text(lang)),
        attr(links.unsubscribe),
        text(stop.text(lang)),
    )
}

fn page(lang: Lang, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">{body}</body></html>"#,
        lang.code()
    )
}

/// The mail for one notification.
pub fn one(lang: Lang, name: &str, n: &Notification, links: &Links<'_>) -> MailText {
    let (path, about, what) = headline(n, lang);
    let url = format!("{}{}", links.base, path);
    let greeting = Msg::MailGreeting.text(lang).replace("{name}", name);
    let open = Msg::MailOpen.text(lang);
    let subject = shorten(&format!("{about}: {what}"), 150);
    let body_text = format!("{greeting}\n\n{about}\n{what}\n\n{open}: {url}\n\n{}", footer_text(lang, links, Msg::MailStopKind));
    let body_html = page(
        lang,
        &format!(
            r#"<p>{}</p><p><strong>{}</strong><br>{}</p><p><a href="{}">{}</a></p>{}"#,
            text(&greeting),
            text(&about),
            text(&what),
            attr(&url),
            text(open),
            footer_html(lang, links, Msg::MailStopKind)
        ),
    );
    MailText { subject, text: body_text, html: body_html }
}

/// One person's daily digest: every waiting notification, oldest first, with its time in the
/// person's contract zone.
pub fn digest(lang: Lang, name: &str, items: &[(Notification, DateTime<Utc>)], tz: Tz, links: &Links<'_>) -> MailText {
    let greeting = Msg::MailGreeting.text(lang).replace("{name}", name);
    let intro = Msg::MailDigestIntro.text(lang).replace("{n}", &items.len().to_string());
    let subject = Msg::MailDigestSubject.text(lang).replace("{n}", &items.len().to_string());
    let mut lines = String::new();
    let mut rows = String::new();
    for (n, at) in items {
        let (path, about, what) = headline(n, lang);
        let url = format!("{}{}", links.base, path);
        let when = at.with_timezone(&tz).format("%m-%d %H:%M").to_string();
        lines.push_str(&format!("- {when} {about}: {what}\n  {url}\n"));
        rows.push_str(&format!(r#"<li>{} <a href="{}">{}</a>: {}</li>"#, text(&when), attr(&url), text(&about), text(&what)));
    }
    let body_text = format!("{greeting}\n\n{intro}\n\n{lines}\n{}", footer_text(lang, links, Msg::MailStopDigest));
    let body_html = page(lang, &format!("<p>{}</p><p>{}</p><ul>{rows}</ul>{}", text(&greeting), text(&intro), footer_html(lang, links, Msg::MailStopDigest)));
    MailText { subject, text: body_text, html: body_html }
}
