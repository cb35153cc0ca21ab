//! The demo knowledge base: thirty common problems (printers, network, UPS alarms, passwords,
//! backups...), each in Chinese and English, linked as translations and published, read from
//! `db/seed/knowledge_base.txt` (its format is described at its top). Loaded with the demo
//! world so the suggestions on the new-request form can be tried at once.
use domain::knowledge::{ArticleForm, ArticleStatus};
use sea_orm::{ConnectionTrait, DbErr};

use crate::repo::kb_articles;

const TEXT: &str = include_str!("../seed/knowledge_base.txt");

/// One article of a topic, as the writer's form would post it.
#[derive(Debug)]
pub struct Topic {
    pub slug: String,
    pub articles: Vec<ArticleForm>,
}

/// Reads the file: `=== slug`, `key: value` lines, then `--- zh` / `--- en` each with a
/// `title:` line and a Markdown body.
pub fn topics(text: &str) -> Vec<Topic> {
    let mut out: Vec<Topic> = vec![];
    let mut meta: Vec<(String, String)> = vec![];
    let mut current: Option<ArticleForm> = None;
    fn finish(topic: Option<&mut Topic>, current: &mut Option<ArticleForm>) {
        if let (Some(t), Some(mut a)) = (topic, current.take()) {
            a.body = a.body.trim().to_string();
            t.articles.push(a);
        }
    }
    for line in text.lines() {
        if let Some(slug) = line.strip_prefix("=== ") {
            finish(out.last_mut(), &mut current);
            out.push(Topic { slug: slug.trim().to_string(), articles: vec![] });
            meta.clear();
        } else if out.is_empty() {
            continue;
        } else if let Some(lang) = line.strip_prefix("--- ") {
            finish(out.last_mut(), &mut current);
            let get = |k: &str| meta.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
            let lang = lang.trim().to_string();
            // Tags: Chinese ones, then " | ", then English ones.
            let tags = get("tags");
            let (zh_tags, en_tags) = tags.split_once('|').unwrap_or((&tags, ""));
            current = Some(ArticleForm {
                category: get("category"),
                tags: if lang == "zh" { zh_tags.trim().to_string() } else { en_tags.trim().to_string() },
                models: get("models"),
                software: get("software"),
                visibility: get("visibility"),
                lang,
                ..Default::default()
            });
        } else if let Some(a) = current.as_mut() {
            match line.strip_prefix("title:") {
                Some(t) if a.title.is_empty() => a.title = t.trim().to_string(),
                _ => {
                    a.body.push_str(line);
                    a.body.push('\n');
                }
            }
        } else if let Some((k, v)) = line.split_once(':') {
            meta.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    finish(out.last_mut(), &mut current);
    out
}

/// Publishes every demo article in the caller's transaction, written by `author`.
pub async fn load(tx: &impl ConnectionTrait, author: i32) -> Result<usize, DbErr> {
    let mut n = 0;
    for topic in topics(TEXT) {
        let mut ids = vec![];
        for form in &topic.articles {
            let draft = form.validate().map_err(|e| DbErr::Custom(format!("demo article {} ({}): {e:?}", topic.slug, form.lang)))?;
            let a = kb_articles::create(
                tx,
                kb_articles::NewArticle { draft: &draft, by: author, pair_id: None, request_id: None, note: "demo", status: ArticleStatus::Published },
            )
            .await?;
            ids.push(a.id);
            n += 1;
        }
        if ids.len() > 1 {
            kb_articles::set_pair(tx, &ids, ids[0]).await?;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_article_reads_and_validates() {
        let topics = topics(TEXT);
        assert_eq!(topics.len(), 30);
        for t in &topics {
            assert_eq!(t.articles.len(), 2, "{}", t.slug);
            assert_eq!(t.articles[0].lang, "zh", "{}", t.slug);
            assert_eq!(t.articles[1].lang, "en", "{}", t.slug);
            for a in &t.articles {
                let d = a.validate().unwrap_or_else(|e| panic!("{} {}: {e:?}", t.slug, a.lang));
                assert!(!d.tags.is_empty() && d.body.len() > 200, "{} {}", t.slug, a.lang);
            }
        }
        let jam = topics.iter().find(|t| t.slug == "printer-paper-jam").unwrap();
        assert_eq!(jam.articles[0].title, "打印机卡纸怎么处理");
        assert!(jam.articles[0].body.starts_with("打印机卡纸是办公室最常见的故障"));
        assert_eq!(jam.articles[1].tags, "printer, paper jam, jam code");
    }
}
