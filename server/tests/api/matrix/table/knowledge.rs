//! The matrix entries of the knowledge base: anyone reads what they may (public articles
//! without signing in, an organization's only by its people, drafts by writers only); the
//! staff who write (engineers, dispatchers, managers) write, review and see the figures;
//! admins read as staff but do not write.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // Records a search that found nothing (so: changing).
        Entry {
            f: "list_articles",
            json: false,
            mutating: true,
            args: &[("q", Kind::Opt), ("category", Kind::EmptyOk)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("q", "打印".into()), ("category", "".into())])),
        },
        // An Acme-only article: another organization and strangers get "not found". Opening
        // it from a suggestion is recorded (so: changing).
        Entry {
            f: "get_article",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("v", Kind::ZeroOk), ("from", Kind::Opt)],
            expect: "404 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.article().await.to_string()), ("v", "0".into()), ("from", "".into())])),
        },
        Entry {
            f: "rate_article",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("helped", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.article().await.to_string()), ("helped", "true".into())])),
        },
        // The caller's own form's suggestion of an article they may read.
        Entry {
            f: "article_solved",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("token", Kind::Text)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| {
                let id = e.article().await;
                let token = db::repo::kb_usage::new_form_token();
                if e.0.users[a] != 0 {
                    db::repo::kb_usage::shown(&e.app().db.conn, &token, &[id], e.0.users[a], 0).await.unwrap();
                }
                call(&[("id", id.to_string()), ("token", token)])
            }),
        },
        Entry {
            f: "suggest_articles",
            json: false,
            mutating: true,
            args: &[("token", Kind::Text), ("title", Kind::Opt), ("description", Kind::Opt), ("device", Kind::Opt), ("system", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("token", db::repo::kb_usage::new_form_token()),
                ("title", "打印机卡纸".into()),
                ("description", "".into()),
                ("device", "".into()),
                ("system", "".into()),
            ])),
        },
        Entry {
            f: "get_article_form",
            json: false,
            mutating: false,
            args: &[("id", Kind::ZeroOk), ("translates", Kind::ZeroOk)],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("id", "0".into()), ("translates", "0".into())])),
        },
        Entry {
            f: "save_article",
            json: false,
            mutating: true,
            args: &[
                ("id", Kind::ZeroOk),
                ("version", Kind::ZeroOk),
                ("translates", Kind::ZeroOk),
                ("org_ids[0]", Kind::Opt),
                ("title", Kind::Text),
                ("body", Kind::Text),
                ("category", Kind::Req),
                ("lang", Kind::Req),
                ("tags", Kind::Opt),
                ("models", Kind::Opt),
                ("software", Kind::Opt),
                ("visibility", Kind::Req),
                ("orgs", Kind::Opt),
            ],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("version", "0".into()),
                ("translates", "0".into()),
                ("org_ids[0]", e.0.acme.to_string()),
                ("title", format!("矩阵文章 {}", e.next())),
                ("body", "正文".into()),
                ("category", "network".into()),
                ("lang", "zh".into()),
                ("tags", "".into()),
                ("models", "".into()),
                ("software", "".into()),
                ("visibility", "organizations".into()),
                ("orgs", "".into()),
            ])),
        },
        // A draft sent for review: any writer.
        Entry {
            f: "act_on_article",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("version", Kind::Req), ("action", Kind::Req)],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| {
                let id = e.draft_article().await;
                call(&[("id", id.to_string()), ("version", "1".into()), ("action", "send_for_review".into())])
            }),
        },
        // From the closed request: writers.
        Entry {
            f: "draft_article_from_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req)],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[("number", e.0.closed.clone())])),
        },
        Entry {
            f: "get_kb_stats",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 200 200 200 200 403",
            build: build!(|e, a| call(&[])),
        },
    ]
}
