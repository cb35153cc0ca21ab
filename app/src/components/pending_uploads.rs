//! Files chosen on the "new request" form. A request's files need its service number, which
//! exists only once the request is saved, so the browser keeps the chosen files here, and
//! when the submit's redirect to the new request arrives (the redirect hook, `frontend`) it
//! uploads them to `/requests/{number}/attachments` first, then opens the page with the
//! outcome. Without JavaScript the file field stays hidden and the page says files are added
//! on the request's page.
#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        static PENDING: RefCell<Vec<web_sys::File>> = const { RefCell::new(Vec::new()) };
    }

    /// Remembers the files currently chosen in `input` (replacing any earlier choice).
    pub fn remember(input: &web_sys::HtmlInputElement) {
        let mut files = vec![];
        if let Some(list) = input.files() {
            for i in 0..list.length() {
                if let Some(f) = list.get(i) {
                    files.push(f);
                }
            }
        }
        PENDING.with(|p| *p.borrow_mut() = files);
    }

    /// Goes to `loc`, uploading the remembered files first when `loc` is a request's page.
    pub fn navigate(loc: &str) {
        let files = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        let is_request = domain::Page::from_path(loc) == Some(domain::Page::RequestDetail)
            && loc.rsplit('/').next().is_some_and(|n| domain::ticket::parse_service_number(n).is_some());
        if files.is_empty() || !is_request {
            go(loc);
            return;
        }
        let loc = loc.to_string();
        leptos::task::spawn_local(async move {
            let mut outcome = "ok".to_string();
            for f in files {
                let got = upload(&format!("{loc}/attachments"), &f).await.unwrap_or_else(|| "failed".into());
                if outcome == "ok" {
                    outcome = got;
                }
            }
            go(&format!("{loc}?upload={outcome}"));
        });
    }

    /// One file; the outcome the server put in its redirect (`ok`, `bad_type`, ...).
    async fn upload(url: &str, file: &web_sys::File) -> Option<String> {
        let window = web_sys::window()?;
        let form = web_sys::FormData::new().ok()?;
        form.append_with_blob_and_filename("file", file, &file.name()).ok()?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&form);
        let res: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.ok()?.dyn_into().ok()?;
        let url = res.url();
        Some(url.split("upload=").nth(1).unwrap_or(if res.ok() { "ok" } else { "failed" }).to_string())
    }

    fn go(loc: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(loc);
        }
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{navigate, remember};
