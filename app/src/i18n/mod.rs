//! Simplified Chinese and English. Every string the UI shows is a `Msg`, and the `messages!`
//! table gives each one both languages, so a missing translation is a compile error, not a
//! blank on screen. The choice lives in a `lang` cookie (read on the server for the first
//! render, so hydration agrees) and switches instantly in the browser.
mod errors;
mod messages;

pub use errors::{error_text, field_error_text};
pub use messages::Msg;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim() {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Reads the `lang` cookie out of a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header.split(';').filter_map(|kv| kv.trim().strip_prefix("lang=")).find_map(Lang::parse)
    }

    /// Picks from `Accept-Language` when there is no cookie yet.
    pub fn from_accept_language(header: &str) -> Lang {
        let first = header.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
        if first.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The reactive language, provided once at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.lang.get())
    }

    /// Switches the language and remembers it for a year in the `lang` cookie.
    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Ok(html) = doc.clone().dyn_into::<web_sys::HtmlDocument>() {
                    let _ = html.set_cookie(&format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code()));
                }
                if let Some(root) = doc.document_element() {
                    let _ = root.set_attribute("lang", lang.html_lang());
                }
            }
        }
    }
}

/// The language. In an island hydrated in the browser there is no root context: the
/// language of the page then (`<html lang>`, which the server wrote).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n { lang: RwSignal::new(initial_lang()) })
}

/// The language of this render: on the server from the request's cookie (else its
/// Accept-Language), in the browser from the cookie the server saw, so both render the same.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let cookie = parts.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("");
                Lang::from_cookie_header(cookie)
                    .unwrap_or_else(|| Lang::from_accept_language(parts.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("")))
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        // The server wrote its choice into <html lang>; follow it exactly.
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_and_header_parsing() {
        assert_eq!(Lang::from_cookie_header("a=1; lang=zh; b=2"), Some(Lang::Zh));
        assert_eq!(Lang::from_cookie_header("lang=xx"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
        assert_eq!(Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(Lang::parse(l.html_lang()), Some(l));
        }
    }
}
