//! Article bodies are Markdown (headings, lists, code blocks, emphasis, links, images). They
//! are rendered here, on the server, with every piece of raw HTML a writer typed turned into
//! visible text, links only to the web, mail or this portal, and images only from the
//! article's own uploads (`/kb/images/<id>`, served with the article's access check): what
//! one user writes never runs in another user's page.
use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// A link a reader may follow: the web, mail, or a path in this portal (not `//host`).
fn safe_link(dest: &str) -> bool {
    let d = dest.trim();
    let lower = d.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (d.starts_with('/') && !d.starts_with("//") && !d.contains('\\'))
}

/// An image the page may show: one uploaded to an article.
pub fn image_id(dest: &str) -> Option<i32> {
    dest.trim().strip_prefix("/kb/images/").and_then(|id| id.parse::<i32>().ok()).filter(|id| *id > 0)
}

/// The body as HTML that is safe to put in a page.
pub fn to_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len() * 3 / 2);
    // A dropped link's or image's end tag is dropped with it.
    let mut dropped: Vec<bool> = vec![];
    let events = Parser::new_ext(body, options()).filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let ok = matches!(link_type, LinkType::Email) || safe_link(&dest_url);
            dropped.push(!ok);
            ok.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => (!dropped.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let ok = image_id(&dest_url).is_some();
            dropped.push(!ok);
            ok.then(|| Event::Start(Tag::Image { link_type, dest_url: CowStr::from(dest_url.trim().to_string()), title, id }))
        }
        Event::End(TagEnd::Image) => (!dropped.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Image)),
        other => Some(other),
    });
    html::push_html(&mut out, events);
    out
}

/// The body's words without formatting, for the search index and snippets: block ends become
/// line breaks, code is kept as text, link and image targets are left out.
pub fn to_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for e in Parser::new_ext(body, options()) {
        match e {
            Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) => out.push_str(&s),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// The images a body shows, for checking they belong to the article.
pub fn images(body: &str) -> Vec<String> {
    Parser::new_ext(body, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_renders() {
        let html = to_html("## 步骤\n\n1. 打开前盖\n2. 取出**卡纸**\n\n```\nping 10.0.0.1\n```\n\n- `ipconfig /flushdns`\n");
        assert!(html.contains("<h2>步骤</h2>"), "{html}");
        assert!(html.contains("<ol>") && html.contains("<li>打开前盖</li>"), "{html}");
        assert!(html.contains("<strong>卡纸</strong>"), "{html}");
        assert!(html.contains("<pre><code>ping 10.0.0.1\n</code></pre>"), "{html}");
        assert!(html.contains("<code>ipconfig /flushdns</code>"), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text_never_run() {
        for evil in [
            "<script>alert(1)</script>",
            "hello <img src=x onerror=alert(1)> there",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div\nonclick=alert(1)>x</div>",
        ] {
            let html = to_html(evil);
            assert!(
                !html.contains("<script") && !html.contains("<img") && !html.contains("<iframe") && !html.contains("<a ") && !html.contains("<div"),
                "{evil} -> {html}"
            );
            assert!(html.contains("&lt;"), "{evil} -> {html}");
        }
    }

    #[test]
    fn only_safe_links_and_own_images() {
        let html = to_html("[ok](https://example.com/a) [mail](mailto:it@example.com) [here](/kb/3) [bad](javascript:alert(1)) [proto](//evil.example/x) [data](data:text/html,x)");
        assert!(html.contains("<a href=\"https://example.com/a\">ok</a>"), "{html}");
        assert!(html.contains("<a href=\"mailto:it@example.com\">mail</a>"), "{html}");
        assert!(html.contains("<a href=\"/kb/3\">here</a>"), "{html}");
        for bad in ["javascript", "//evil", "data:"] {
            assert!(!html.contains(&format!("href=\"{bad}")), "{bad}: {html}");
        }
        assert!(html.contains("bad") && html.contains("proto"), "the text stays: {html}");
        let img = to_html("![jam](/kb/images/7) ![tracker](https://evil.example/p.gif) ![x](/kb/images/x)");
        assert!(img.contains("<img src=\"/kb/images/7\" alt=\"jam\""), "{img}");
        assert!(!img.contains("evil") && !img.contains("images/x"), "{img}");
        assert_eq!(images("![a](/kb/images/7) text ![b](https://x/y)"), vec!["/kb/images/7", "https://x/y"]);
    }

    #[test]
    fn text_keeps_the_words_only() {
        let t = to_text("## 打印机卡纸\n\n1. 打开**前盖**\n2. [看这里](https://example.com)\n\n```\nping 1.1.1.1\n```");
        assert_eq!(t, "打印机卡纸\n打开前盖\n看这里\nping 1.1.1.1\n\n");
        assert!(!to_text("[x](https://secret.example)").contains("secret"));
    }
}
