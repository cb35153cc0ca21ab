//! Links to the portal's pages and files, built from typed values. Page links come from the
//! page's own pattern ([`Page::patterns`]), so a link and the route it leads to cannot drift
//! apart; parameters and query values are percent-encoded, so any text (`a&b`, `50%`, 打印)
//! comes back unchanged as the value the page reads.
//!
//! Pages without parameters need no builder: their path is `Page::X.pattern()`.
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::page::Page;

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - _ . ~`): safe in a
/// path segment and in a query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A path as a query value (`next=`): `/` is left readable (`/sign-in?next=/account`).
const PATH_VALUE: &AsciiSet = &COMPONENT.remove(b'/');

/// Percent-encodes a path segment or a query value.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// `?k=v&k=v`, each key and value encoded, in the order given (empty values included: the
/// caller leaves out what it does not want). No pairs, no `?`.
pub fn query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&encode(k.as_ref()));
        out.push('=');
        out.push_str(&encode(v.as_ref()));
    }
    out
}

/// The pattern `pattern` with its parameters replaced, in order, by `args` (encoded).
fn fill(pattern: &'static str, args: &[&str]) -> String {
    let mut args = args.iter();
    let path = pattern
        .split('/')
        .map(|seg| if seg.starts_with(':') { encode(args.next().expect("an argument for every parameter")) } else { seg.to_string() })
        .collect::<Vec<_>>()
        .join("/");
    debug_assert!(args.next().is_none(), "more arguments than parameters in {pattern}");
    path
}

/// A page with query values: `/requests?q=…&page=2`.
pub fn page_query<K: AsRef<str>, V: AsRef<str>>(page: Page, pairs: &[(K, V)]) -> String {
    format!("{}{}", page.pattern(), query(pairs))
}

/// The request list with its filters (`scope`, `q`, `status`, ...).
pub fn requests<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    page_query(Page::Requests, pairs)
}

/// A request's page: `/requests/SR-2026-000001`.
pub fn request(number: &str) -> String {
    fill(Page::RequestDetail.pattern(), &[number])
}

/// A request's page, scrolled to its survey.
pub fn request_survey(number: &str) -> String {
    format!("{}#survey", request(number))
}

/// Where a request's survey form posts as a plain form (the server's `survey_form`).
pub fn request_survey_answer(number: &str) -> String {
    format!("{}/survey", request(number))
}

/// Where a training session's feedback form posts as a plain form.
pub fn training_feedback(id: impl Into<i64>) -> String {
    format!("{}/feedback", training(id))
}

/// A request's page after an upload, with how it went (`?upload=ok`).
pub fn request_upload_result(number: &str, outcome: &str) -> String {
    format!("{}{}", request(number), query(&[("upload", outcome)]))
}

/// Where a request's attachment form posts (a file route, not a page).
pub fn request_attachments(number: &str) -> String {
    format!("{}/attachments", request(number))
}

/// An attachment's download (a file route).
pub fn attachment(id: impl Into<i64>) -> String {
    format!("/attachments/{}", id.into())
}

/// An organization's admin page.
pub fn admin_organization(id: impl Into<i64>) -> String {
    fill(Page::AdminOrganization.pattern(), &[&id.into().to_string()])
}

/// The audit log with its filters.
pub fn audit<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    page_query(Page::AuditLog, pairs)
}

/// A training session's page.
pub fn training(id: impl Into<i64>) -> String {
    fill(Page::TrainingDetail.pattern(), &[&id.into().to_string()])
}

/// A device's page in the equipment archive.
pub fn device(id: impl Into<i64>) -> String {
    fill(Page::DeviceDetail.pattern(), &[&id.into().to_string()])
}

/// The preview of an uploaded device list.
pub fn upgrade(id: impl Into<i64>) -> String {
    fill(Page::UpgradeDetail.pattern(), &[&id.into().to_string()])
}

/// The form proposing a plan for a device (and its organization).
pub fn upgrade_for_device(device: impl Into<i64>) -> String {
    format!("{}?device={}", Page::UpgradeForm.pattern(), device.into())
}

pub fn upgrade_edit(id: impl Into<i64>) -> String {
    fill(Page::UpgradeForm.patterns()[1], &[&id.into().to_string()])
}

pub fn assurance(id: impl Into<i64>) -> String {
    fill(Page::AssuranceDetail.pattern(), &[&id.into().to_string()])
}

/// A knowledge-base article.
pub fn article(id: impl Into<i64>) -> String {
    fill(Page::Article.pattern(), &[&id.into().to_string()])
}

/// An article opened from a suggestion on the new-request form `token`.
pub fn article_from(id: impl Into<i64>, token: &str) -> String {
    format!("{}{}", article(id), query(&[("from", token)]))
}

/// A version of an article (writers).
pub fn article_version(id: impl Into<i64>, number: i32) -> String {
    format!("{}{}", article(id), query(&[("v", number.to_string())]))
}

pub fn article_edit(id: impl Into<i64>) -> String {
    fill(Page::ArticleForm.patterns()[1], &[&id.into().to_string()])
}

pub fn article_new() -> &'static str {
    Page::ArticleForm.pattern()
}

/// A new article translating `id`.
pub fn article_translate(id: impl Into<i64>) -> String {
    format!("{}{}", Page::ArticleForm.pattern(), query(&[("translates", id.into().to_string())]))
}

/// The knowledge base searched for `q` and/or in a category (either may be empty).
pub fn knowledge(q: &str, category: &str) -> String {
    let pairs: Vec<(&str, &str)> = [("q", q), ("category", category)].into_iter().filter(|(_, v)| !v.is_empty()).collect();
    page_query(Page::Knowledge, &pairs)
}

/// An image uploaded to an article (served with the article's access check).
pub fn article_image(id: impl Into<i64>) -> String {
    format!("/kb/images/{}", id.into())
}

/// Where an article's images are uploaded.
pub fn article_images(id: impl Into<i64>) -> String {
    format!("{}/images", article(id))
}

pub fn inspection(id: impl Into<i64>) -> String {
    fill(Page::InspectionDetail.pattern(), &[&id.into().to_string()])
}

/// The inspection calendar on a month ("2027-03").
pub fn inspections_month(month: &str) -> String {
    page_query(Page::Inspections, &[("month", month)])
}

/// A contract's inspection plan.
pub fn inspection_plan(contract_id: impl Into<i64>) -> String {
    fill(Page::InspectionPlan.pattern(), &[&contract_id.into().to_string()])
}

/// A checklist template's editor (`None`: a new template).
pub fn checklist(id: Option<i32>) -> String {
    match id {
        Some(id) => page_query(Page::Checklists, &[("edit", &id.to_string())]),
        None => page_query(Page::Checklists, &[("edit", "new")]),
    }
}

pub fn site(id: impl Into<i64>) -> String {
    fill(Page::SiteProfile.pattern(), &[&id.into().to_string()])
}

/// A part model's row on the spare-parts page.
pub fn part(id: impl Into<i64>) -> String {
    format!("{}#part-{}", Page::Parts.pattern(), id.into())
}

pub fn device_import(id: impl Into<i64>) -> String {
    fill(Page::DeviceImport.patterns()[1], &[&id.into().to_string()])
}

/// An organization's devices as a CSV file (staff name the organization).
pub fn devices_csv(org: Option<i32>) -> String {
    match org {
        Some(o) => format!("/equipment/devices.csv?org={o}"),
        None => "/equipment/devices.csv".to_string(),
    }
}

/// A configuration backup's text, as a file.
pub fn device_config_file(id: impl Into<i64>) -> String {
    format!("/equipment/configs/{}", id.into())
}

/// Where a device's configuration backups are uploaded (a multipart form post).
pub fn device_config_upload(device: impl Into<i64>) -> String {
    format!("/equipment/{}/configs/upload", device.into())
}

/// Two versions of a device's configuration compared (0: the defaults, the latest two).
pub fn device_configs(device: impl Into<i64>, from: i32, to: i32) -> String {
    let base = fill(Page::DeviceConfigs.pattern(), &[&device.into().to_string()]);
    if from == 0 && to == 0 {
        base
    } else {
        format!("{base}?from={from}&to={to}")
    }
}

/// Editing a device.
pub fn device_edit(id: impl Into<i64>) -> String {
    fill(Page::DeviceForm.patterns()[1], &[&id.into().to_string()])
}

/// A new training session.
pub fn training_new() -> &'static str {
    Page::TrainingForm.patterns()[0]
}

/// Editing a training session.
pub fn training_edit(id: impl Into<i64>) -> String {
    fill(Page::TrainingForm.patterns()[1], &[&id.into().to_string()])
}

/// The training month calendar; `None` for the current month.
pub fn training_calendar(month: Option<(i32, u32)>) -> String {
    match month {
        Some((y, m)) => page_query(Page::Training, &[("view", "calendar".to_string()), ("month", format!("{y}-{m:02}"))]),
        None => page_query(Page::Training, &[("view", "calendar")]),
    }
}

/// A session's .ics file (a file route).
pub fn training_ics(id: impl Into<i64>) -> String {
    format!("{}/calendar.ics", training(id))
}

/// A session's attendee list as CSV (a file route).
pub fn training_attendees_csv(id: impl Into<i64>) -> String {
    format!("{}/attendees.csv", training(id))
}

/// The survey results as CSV, with the results page's filters (a file route).
pub fn survey_results_csv<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    format!("{}.csv{}", Page::SurveyResults.pattern(), query(pairs))
}

/// A survey's one-time link.
pub fn survey_link(token: &str) -> String {
    fill(Page::SurveyLink.pattern(), &[token])
}

/// The sign-in page, coming back to `next` (a path, with its query) afterwards. Home needs no
/// `next`.
pub fn sign_in_next(next: &str) -> String {
    if next == Page::Home.pattern() {
        Page::SignIn.pattern().to_string()
    } else {
        format!("{}?next={}", Page::SignIn.pattern(), utf8_percent_encode(next, PATH_VALUE))
    }
}

/// The language switch without JavaScript: sets the language, then goes back to `next`.
pub fn lang(code: &str, next: &str) -> String {
    format!("/lang/{}?next={}", encode(code), utf8_percent_encode(next, PATH_VALUE))
}

/// A mail's unsubscribe page (asks before it turns anything off).
pub fn unsubscribe(token: &str) -> String {
    fill(Page::Unsubscribe.pattern(), &[token])
}

/// Where a mail client posts the one-click unsubscribe (RFC 8058); not a page.
pub fn unsubscribe_one_click(token: &str) -> String {
    format!("{}/one-click", unsubscribe(token))
}

/// A complaint's page.
pub fn complaint(id: i32) -> String {
    fill(Page::ComplaintDetail.pattern(), &[&id.to_string()])
}

/// The complaint form, about a request (or, with `None`, the service in general);
/// `from_survey` when a low survey answer led there.
pub fn new_complaint(request: Option<&str>, from_survey: bool) -> String {
    let mut pairs = vec![];
    if let Some(number) = request {
        pairs.push(("request", number));
    }
    if from_survey {
        pairs.push(("survey", "1"));
    }
    page_query(Page::ComplaintForm, &pairs)
}

/// A service report: an organization's (or, with `None`, the provider's) period.
pub fn report(org: Option<i32>, period: &crate::report::Period) -> String {
    let org = org.map(|o| o.to_string());
    let day = period.start.to_string();
    let mut pairs = vec![];
    if let Some(o) = org.as_deref() {
        pairs.push(("org", o));
    }
    pairs.push(("period", period.kind.as_str()));
    pairs.push(("day", &day));
    page_query(Page::Reports, &pairs)
}

/// The requests behind one figure of a report.
pub fn report_requests(org: Option<i32>, period: &crate::report::Period, drill: &crate::report::Drill) -> String {
    let org = org.map(|o| o.to_string());
    let day = period.start.to_string();
    let figure = drill.to_query();
    let mut pairs = vec![];
    if let Some(o) = org.as_deref() {
        pairs.push(("org", o));
    }
    pairs.push(("period", period.kind.as_str()));
    pairs.push(("day", &day));
    pairs.push(("figure", &figure));
    page_query(Page::ReportRequests, &pairs)
}

/// A report's export (`csv` or `xlsx`): the same query as its page.
pub fn report_export(org: Option<i32>, period: &crate::report::Period, format: &str) -> String {
    let page = report(org, period);
    let q = page.split_once('?').map(|(_, q)| q).unwrap_or_default();
    format!("/reports/export.{format}?{q}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_links_carry_the_period_and_figure() {
        let p = crate::report::Period::parse("month", "2026-11-17").unwrap();
        assert_eq!(report(Some(4), &p), "/reports?org=4&period=month&day=2026-11-01");
        assert_eq!(report(None, &p), "/reports?period=month&day=2026-11-01");
        let d = crate::report::Drill::Sla { tier: "A".into(), clock: crate::report::Clock::Resolution, met: false };
        assert_eq!(report_requests(Some(4), &p, &d), "/reports/requests?org=4&period=month&day=2026-11-01&figure=missed%3AA%3Aresolution");
        assert_eq!(report_export(None, &p, "xlsx"), "/reports/export.xlsx?period=month&day=2026-11-01");
    }

    /// Decodes a query string the way the router does (`form_urlencoded`-style, `+` is a space).
    fn decode_query(q: &str) -> Vec<(String, String)> {
        let dec = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8().unwrap().into_owned();
        q.trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (dec(k), dec(v))
            })
            .collect()
    }

    #[test]
    fn page_links_follow_the_patterns() {
        assert_eq!(request("SR-2026-000001"), "/requests/SR-2026-000001");
        assert_eq!(Page::from_path(&request("SR-2026-000001")), Some(Page::RequestDetail));
        assert_eq!(request_survey("SR-2026-000001"), "/requests/SR-2026-000001#survey");
        assert_eq!(request_upload_result("SR-2026-000001", "too-big"), "/requests/SR-2026-000001?upload=too-big");
        assert_eq!(request_attachments("SR-2026-000001"), "/requests/SR-2026-000001/attachments");
        assert_eq!(attachment(9), "/attachments/9");
        assert_eq!(admin_organization(3), "/admin/organizations/3");
        assert_eq!(Page::from_path(&admin_organization(3)), Some(Page::AdminOrganization));
        assert_eq!(training(7), "/training/7");
        assert_eq!(Page::from_path(&training(7)), Some(Page::TrainingDetail));
        assert_eq!(training_new(), "/training/new");
        assert_eq!(training_edit(7), "/training/7/edit");
        assert_eq!(Page::from_path(&training_edit(7)), Some(Page::TrainingForm));
        assert_eq!(training_calendar(None), "/training?view=calendar");
        assert_eq!(training_calendar(Some((2026, 3))), "/training?view=calendar&month=2026-03");
        assert_eq!(Page::from_path(&training_calendar(Some((2026, 3)))), Some(Page::Training));
        assert_eq!(training_ics(7), "/training/7/calendar.ics");
        assert_eq!(training_attendees_csv(7), "/training/7/attendees.csv");
        assert_eq!(survey_results_csv(&[("org", "2"), ("period", "month")]), "/surveys/results.csv?org=2&period=month");
        assert_eq!(survey_results_csv::<&str, &str>(&[]), "/surveys/results.csv");
        let token = "AbC-_09".repeat(6);
        assert_eq!(survey_link(&token), format!("/s/{token}"));
        assert_eq!(Page::from_path(&survey_link(&token)), Some(Page::SurveyLink));
        assert_eq!(audit(&[("actor", "4"), ("before", "120")]), "/admin/audit?actor=4&before=120");
    }

    #[test]
    fn parameters_are_encoded() {
        // A parameter never spills into another segment or the query.
        assert_eq!(request("a/b?c#d"), "/requests/a%2Fb%3Fc%23d");
        assert_eq!(Page::from_path(&request("a/b?c#d")), Some(Page::RequestDetail));
        assert_eq!(survey_link("x y"), "/s/x%20y");
    }

    #[test]
    fn search_text_round_trips() {
        for q in ["a&b", "50%", "打印机", "a b+c", "x=y&page=9", "#top", "SR-2026-000001", "", " 前后 "] {
            let link = requests(&[("scope", "all"), ("q", q), ("status", ""), ("page", "2")]);
            assert!(link.starts_with("/requests?"), "{link}");
            assert!(link.is_ascii() && !link.contains(' ') && !link.contains('#'), "{link}");
            assert_eq!(Page::from_path(&link), Some(Page::Requests), "{link}");
            let pairs = decode_query(link.split_once('?').unwrap().1);
            let expected: Vec<(String, String)> =
                [("scope", "all"), ("q", q), ("status", ""), ("page", "2")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            assert_eq!(pairs, expected, "{link}");
        }
        assert_eq!(requests(&[("q", "a&b"), ("page", "1")]), "/requests?q=a%26b&page=1");
        assert_eq!(requests(&[("q", "50%")]), "/requests?q=50%25");
        assert_eq!(requests(&[("q", "打印")]), "/requests?q=%E6%89%93%E5%8D%B0");
        assert_eq!(requests::<&str, &str>(&[]), "/requests");
    }

    #[test]
    fn sign_in_comes_back() {
        assert_eq!(sign_in_next("/"), "/sign-in");
        assert_eq!(sign_in_next("/account"), "/sign-in?next=/account");
        assert_eq!(sign_in_next("/admin/organizations?x=1&y=2"), "/sign-in?next=/admin/organizations%3Fx%3D1%26y%3D2");
        assert_eq!(sign_in_next("/requests?q=打印"), "/sign-in?next=/requests%3Fq%3D%E6%89%93%E5%8D%B0");
        assert_eq!(Page::from_path(&sign_in_next("/requests?q=a&b")), Some(Page::SignIn));
        assert_eq!(
            decode_query(sign_in_next("/requests?q=a%26b&page=2").split_once('?').unwrap().1),
            [("next".to_string(), "/requests?q=a%26b&page=2".to_string())]
        );
        assert_eq!(lang("zh", "/requests/SR-2026-000001"), "/lang/zh?next=/requests/SR-2026-000001");
        assert_eq!(lang("en", "/a&b"), "/lang/en?next=/a%26b");
    }

    #[test]
    fn mail_and_complaint_links() {
        assert_eq!(unsubscribe("ab-C_9"), "/mail/unsubscribe/ab-C_9");
        assert_eq!(unsubscribe_one_click("ab"), "/mail/unsubscribe/ab/one-click");
        assert_eq!(complaint(7), "/complaints/7");
        assert_eq!(new_complaint(None, false), "/complaints/new");
        assert_eq!(new_complaint(Some("SR-2026-000001"), false), "/complaints/new?request=SR-2026-000001");
        assert_eq!(new_complaint(Some("SR-2026-000001"), true), "/complaints/new?request=SR-2026-000001&survey=1");
        assert_eq!(new_complaint(None, true), "/complaints/new?survey=1");
        assert_eq!(Page::from_path(&new_complaint(Some("SR-1"), true)), Some(Page::ComplaintForm));
    }
}
