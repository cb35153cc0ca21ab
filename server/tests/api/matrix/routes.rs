//! Pages and other routes, with the status per actor.
use super::*;

/// A route: its pattern as the router has it, the method, and the status per actor.
pub(super) struct RouteEntry {
    pub(super) pattern: &'static str,
    pub(super) method: &'static str,
    pub(super) expect: &'static str,
}

/// Every page and route. Pages: 200, 403, or 303 to the sign-in page for the signed-out
/// (the sign-in page sends the signed-in home with a 303). Other routes as they answer.
pub(super) const ROUTES: &[RouteEntry] = &[
    RouteEntry { pattern: "/", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/sign-in", method: "GET", expect: "200 | 303 303 303 303 | 303 303 303 303 303" },
    RouteEntry { pattern: "/account", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/admin/organizations", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 403 200" },
    RouteEntry { pattern: "/admin/organizations/{id}", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 403 200" },
    RouteEntry { pattern: "/admin/contracts", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/organization/users", method: "GET", expect: "303 | 403 200 403 200 | 403 403 403 403 403" },
    RouteEntry { pattern: "/requests", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/requests/new", method: "GET", expect: "303 | 200 200 200 200 | 403 403 200 200 403" },
    // Another organization's request: the page answers "not found" (404), like its function.
    RouteEntry { pattern: "/requests/{number}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/notifications", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/staff/triage", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    RouteEntry { pattern: "/staff/my-work", method: "GET", expect: "303 | 403 403 403 403 | 200 200 403 200 403" },
    RouteEntry { pattern: "/admin/audit", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/s/{token}", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    // The link's plain form post (no JavaScript): the token is the key, so anyone; an answer
    // missing its score comes back to the page with the error (303), nothing recorded.
    RouteEntry { pattern: "/s/{token}", method: "POST", expect: "303 | 303 303 303 303 | 303 303 303 303 303" },
    RouteEntry { pattern: "/surveys/results", method: "GET", expect: "303 | 403 200 403 200 | 200 200 403 200 200" },
    RouteEntry { pattern: "/admin/surveys", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/training", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/mine", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/new", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    RouteEntry { pattern: "/training/{id}", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/{id}/edit", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    RouteEntry { pattern: "/equipment", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/equipment/new", method: "GET", expect: "303 | 403 200 403 200 | 200 200 200 200 200" },
    // Another organization's device: "not found", like its function.
    RouteEntry { pattern: "/equipment/{id}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/equipment/{id}/edit", method: "GET", expect: "303 | 403 200 403 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/equipment/import", method: "GET", expect: "303 | 403 200 403 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/equipment/import/{id}", method: "GET", expect: "303 | 403 200 403 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/parts", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 200" },
    // An Acme site: another organization's is "not found", like its function.
    RouteEntry { pattern: "/sites/{id}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/upgrades", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    // Staff who carry out plans propose and edit them (admins and customers read).
    RouteEntry { pattern: "/upgrades/new", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    // An Acme plan: another organization's is "not found", like its function.
    RouteEntry { pattern: "/upgrades/{id}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/upgrades/{id}/edit", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    // Another organization's device: "not found", like its function.
    RouteEntry { pattern: "/equipment/{id}/configs", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    // Inspections: customers see their organization's once announced; admins keep out.
    RouteEntry { pattern: "/inspections", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 403" },
    RouteEntry { pattern: "/inspections/{id}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 403" },
    RouteEntry { pattern: "/inspections/plans/{id}", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    RouteEntry { pattern: "/inspections/checklists", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    RouteEntry { pattern: "/assurance", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 403" },
    // A published period of Acme: another organization's is "not found".
    RouteEntry { pattern: "/assurance/{id}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 403" },
    // The knowledge base: public articles without signing in; an Acme-only article is "not
    // found" to anyone else; writing and the figures are for engineers, dispatchers, managers.
    RouteEntry { pattern: "/kb", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/kb/{id}", method: "GET", expect: "404 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/kb/new", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    RouteEntry { pattern: "/kb/stats", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    RouteEntry { pattern: "/kb/{id}/edit", method: "GET", expect: "303 | 403 403 403 403 | 200 200 200 200 403" },
    RouteEntry { pattern: "/account/notifications", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    // Complaints: the customer's people and the managers (the service supervision) only; the
    // engineer and dispatcher never, another organization's is "not found".
    RouteEntry { pattern: "/complaints", method: "GET", expect: "303 | 200 200 200 200 | 403 403 403 200 403" },
    RouteEntry { pattern: "/complaints/new", method: "GET", expect: "303 | 200 200 200 200 | 403 403 403 403 403" },
    RouteEntry { pattern: "/complaints/{id}", method: "GET", expect: "303 | 200 200 404 404 | 403 403 403 200 403" },
    // Reports: managers and admins all, a site manager their organization's; managers and
    // admins choose who receives them.
    RouteEntry { pattern: "/reports", method: "GET", expect: "303 | 403 200 403 200 | 403 403 403 200 200" },
    RouteEntry { pattern: "/reports/requests", method: "GET", expect: "303 | 403 200 403 200 | 403 403 403 200 200" },
    RouteEntry { pattern: "/reports/recipients", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    // A mail's unsubscribe page and its one-click POST: the token is the key, so anyone.
    RouteEntry { pattern: "/mail/unsubscribe/{token}", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    // Not pages (a new `.route(` in server/src/startup.rs needs an entry here).
    RouteEntry { pattern: "/healthz", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/lang/{code}", method: "GET", expect: "303 | 303 303 303 303 | 303 303 303 303 303" },
    RouteEntry { pattern: "/live", method: "GET", expect: "401 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/requests/{number}/attachments", method: "POST", expect: "401 | 303 303 404 404 | 303 303 303 303 303" },
    // The survey on a request's page and a session's feedback as plain form posts: signed
    // out, to the sign-in page; this request has no survey (answering one: tests/api/surveys.rs),
    // and the session was not attended by anyone here.
    RouteEntry { pattern: "/requests/{number}/survey", method: "POST", expect: "303 | 404 404 404 404 | 404 404 404 404 404" },
    RouteEntry { pattern: "/training/{id}/feedback", method: "POST", expect: "303 | 403 403 403 403 | 403 403 403 403 403" },
    RouteEntry { pattern: "/attachments/{id}", method: "GET", expect: "401 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/surveys/results.csv", method: "GET", expect: "401 | 403 200 403 200 | 200 200 403 200 200" },
    RouteEntry { pattern: "/reports/export.csv", method: "GET", expect: "401 | 403 200 403 200 | 403 403 403 200 200" },
    RouteEntry { pattern: "/reports/export.xlsx", method: "GET", expect: "401 | 403 200 403 200 | 403 403 403 200 200" },
    RouteEntry { pattern: "/training/{id}/calendar.ics", method: "GET", expect: "401 | 200 200 200 200 | 200 200 200 200 200" },
    // A customer's own organization's devices (whatever `org` says); staff the one named.
    RouteEntry { pattern: "/equipment/devices.csv", method: "GET", expect: "401 | 200 200 200 200 | 200 200 200 200 200" },
    // A device list: kept and its preview opened (303); a customer may not import. Globex's
    // site manager imports for Globex whatever `org` says.
    RouteEntry { pattern: "/equipment/import", method: "POST", expect: "401 | 403 303 403 303 | 303 303 303 303 303" },
    // A configuration backup of Acme's device: kept (back to the device's page), its file read.
    RouteEntry { pattern: "/equipment/{id}/configs/upload", method: "POST", expect: "401 | 403 303 404 404 | 303 303 303 303 303" },
    RouteEntry { pattern: "/equipment/configs/{id}", method: "GET", expect: "401 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/{id}/attendees.csv", method: "GET", expect: "401 | 404 404 404 404 | 403 403 200 200 200" },
    // The checklist of an inspection under way, engineer@'s: they and a manager standing in
    // answer (back to the page, 303); another organization's is "not found".
    RouteEntry { pattern: "/inspections/{id}/answers", method: "POST", expect: "401 | 403 403 404 404 | 303 403 403 303 404" },
    RouteEntry { pattern: "/inspections/{id}/photos", method: "POST", expect: "401 | 403 403 404 404 | 303 403 403 303 404" },
    RouteEntry { pattern: "/inspections/photos/{id}", method: "GET", expect: "401 | 200 200 404 404 | 200 200 200 200 404" },
    // An image of the Acme-only article: writers upload (back to the form, 303); it is read
    // by whoever reads the article.
    RouteEntry { pattern: "/kb/{id}/images", method: "POST", expect: "401 | 403 403 403 403 | 303 303 303 303 403" },
    RouteEntry { pattern: "/kb/images/{id}", method: "GET", expect: "404 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/mail/unsubscribe/{token}/one-click", method: "POST", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
];

/// The router's routes: the Leptos pages plus every `.route("…")` in startup.rs.
pub(super) fn registered_routes() -> BTreeSet<String> {
    let mut out: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| r.path().split('/').map(|s| if let Some(p) = s.strip_prefix(':') { format!("{{{p}}}") } else { s.to_string() }).collect::<Vec<_>>().join("/"))
        .map(|p| if p.is_empty() { "/".to_string() } else { p })
        .collect();
    let source = include_str!("../../../src/startup.rs");
    for piece in source.split(".route(").skip(1) {
        let piece = piece.trim_start();
        if let Some(rest) = piece.strip_prefix('"') {
            out.insert(rest.split('"').next().unwrap().to_string());
        }
    }
    out
}

/// An example path for a pattern, with real ids.
pub(super) fn example(pattern: &str, ids: &RouteIds) -> String {
    pattern
        .replace("/admin/organizations/{id}", &format!("/admin/organizations/{}", ids.org))
        .replace("/training/{id}", &format!("/training/{}", ids.session))
        .replace("/attachments/{id}", &format!("/attachments/{}", ids.attachment))
        .replace("/equipment/import/{id}", &format!("/equipment/import/{}", ids.import))
        .replace("/equipment/configs/{id}", &format!("/equipment/configs/{}", ids.config))
        .replace("/inspections/photos/{id}", &format!("/inspections/photos/{}", ids.photo))
        .replace("/kb/images/{id}", &format!("/kb/images/{}", ids.kb_image))
        .replace("/complaints/{id}", &format!("/complaints/{}", ids.complaint))
        .replace("/kb/{id}", &format!("/kb/{}", ids.article))
        .replace("/inspections/plans/{id}", &format!("/inspections/plans/{}", ids.contract))
        .replace("/inspections/{id}", &format!("/inspections/{}", ids.inspection))
        .replace("/assurance/{id}", &format!("/assurance/{}", ids.assurance))
        .replace("/equipment/{id}", &format!("/equipment/{}", ids.device))
        .replace("/equipment/devices.csv", &format!("/equipment/devices.csv?org={}", ids.org))
        .replace("/upgrades/{id}", &format!("/upgrades/{}", ids.plan))
        .replace("/sites/{id}", &format!("/sites/{}", ids.site))
        .replace("/upgrades/new", &format!("/upgrades/new?device={}", ids.device))
        .replace("{number}", &ids.number)
        .replace("/mail/unsubscribe/{token}", &format!("/mail/unsubscribe/{}", ids.mail_token))
        .replace("{token}", &ids.token)
        .replace("{code}", "zh")
}

pub(super) struct RouteIds {
    pub(super) org: i32,
    pub(super) session: i32,
    pub(super) attachment: i64,
    pub(super) device: i32,
    pub(super) import: i32,
    pub(super) plan: i32,
    pub(super) site: i32,
    pub(super) config: i32,
    pub(super) inspection: i32,
    pub(super) photo: i32,
    pub(super) article: i32,
    pub(super) kb_image: i32,
    pub(super) contract: i32,
    pub(super) assurance: i32,
    pub(super) number: String,
    pub(super) token: String,
    /// A mail's unsubscribe link (the customer's, for training mail).
    pub(super) mail_token: String,
    /// A complaint of the customer's.
    pub(super) complaint: i32,
}

pub(super) async fn hit(env: &Env, client: &Client, method: &str, path: &str) -> Result<Answer, String> {
    let app = env.app();
    if method == "POST" && path == "/equipment/import" {
        let csv = "site,category,name\nNowhere,server,Spare\n";
        let form = reqwest::multipart::Form::new()
            .text("org", env.0.acme.to_string())
            .part("file", reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("devices.csv").mime_str("text/csv").unwrap());
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).multipart(form)).await
    } else if method == "POST" && path.ends_with("/configs/upload") {
        let text = "hostname core-sw\nenable secret 5 $1$abc\n";
        let form = reqwest::multipart::Form::new()
            .text("mask", "on")
            .part("file", reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("running.cfg").mime_str("text/plain").unwrap());
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).multipart(form)).await
    } else if method == "POST" && path.ends_with("/images") {
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(PNG_BYTES.to_vec()).file_name("jam.png").mime_str("image/png").unwrap());
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).multipart(form)).await
    } else if method == "POST" && path.ends_with("/photos") {
        // The standard template's item 15: a photo of the machine room.
        let form = reqwest::multipart::Form::new()
            .text("device_id", "0")
            .text("item_key", "15")
            .part("file", reqwest::multipart::Part::bytes(PNG_BYTES.to_vec()).file_name("room.png").mime_str("image/png").unwrap());
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).multipart(form)).await
    } else if method == "POST" && path.ends_with("/answers") {
        // The standard template's item 10: no open alarms, for the whole site.
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).form(&[("a:0:10", "pass")])).await
    } else if method == "POST" && path.ends_with("/one-click") {
        send(client.post(format!("{}{path}", app.base)).body("List-Unsubscribe=One-Click")).await
    } else if method == "POST" && (path.starts_with("/s/") || path.ends_with("/survey") || path.ends_with("/feedback")) {
        send(client.post(format!("{}{path}", app.base)).header("origin", &app.base).form(&[("comment", "matrix")])).await
    } else if method == "POST" {
        let number = path.trim_start_matches("/requests/").trim_end_matches("/attachments");
        upload(app, client, number, png()).await
    } else {
        send(client.get(format!("{}{path}", app.base))).await
    }
}
