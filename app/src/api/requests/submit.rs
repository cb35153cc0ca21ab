use leptos::prelude::*;

use crate::{error::AppError, model::NewRequestForm};

/// What the "new request" form offers the caller.
#[server(endpoint = "get_new_request_form")]
pub async fn get_new_request_form() -> Result<NewRequestForm, AppError> {
    use crate::model::SiteChoice;
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if matches!(caller.actor.role, domain::Role::Dispatcher | domain::Role::Manager) {
            return intake_form(&state, &caller).await;
        }
        if !caller.actor.can_submit_for(caller.org.id, caller.user.id) {
            return Err(AppError::Forbidden);
        }
        let sites = db::repo::sites::list_by_org(&state.db.conn, caller.org.id).await?;
        let colleagues = if caller.actor.role == domain::Role::SiteManager {
            db::repo::users::list_by_org(&state.db.conn, caller.org.id).await?.into_iter().filter(|u| u.active).map(|u| (u.id, u.display_name)).collect()
        } else {
            vec![]
        };
        let tier = db::repo::contracts::in_force(&state.db.conn, caller.org.id, chrono::Utc::now().date_naive())
            .await?
            .and_then(|c| domain::sla::Tier::parse(&c.tier))
            .unwrap_or(domain::sla::Tier::C);
        let site_name = |id: i32| sites.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default();
        // At most a few thousand: the browser filters the list as one types.
        let devices = db::repo::devices::choices(&state.db.conn, caller.org.id, 3_000)
            .await?
            .into_iter()
            .map(|d| (domain::equipment::choice_text(d.id, &[&d.name, &d.model, &d.serial, &site_name(d.site_id)]), d.site_id))
            .collect();
        Ok(NewRequestForm {
            devices,
            sites: sites.into_iter().map(|s| SiteChoice { id: s.id, name: s.name }).collect(),
            default_site: caller.user.site_id,
            colleagues,
            my_id: caller.user.id,
            my_phone: caller.user.phone.clone().unwrap_or_default(),
            tier,
            intake: false,
            kb_token: db::repo::kb_usage::new_form_token(),
        })
    })
    .await
}

/// The form for a dispatcher logging a request on a customer's behalf: every customer-side
/// user and site, labelled with their organization (the server checks they belong together).
#[cfg(feature = "ssr")]
async fn intake_form(state: &crate::ssr::AppState, caller: &crate::ssr::Caller) -> Result<NewRequestForm, AppError> {
    use crate::model::SiteChoice;
    use domain::OrgKind;
    let conn = &state.db.conn;
    let mut sites = vec![];
    let mut people = vec![];
    for org in db::repo::organizations::list(conn).await? {
        if OrgKind::parse(&org.kind) != Some(OrgKind::Customer) || !org.active {
            continue;
        }
        for s in db::repo::sites::list_by_org(conn, org.id).await? {
            sites.push(SiteChoice { id: s.id, name: format!("{} · {}", org.name, s.name) });
        }
        for u in db::repo::users::list_by_org(conn, org.id).await? {
            if u.active {
                people.push((u.id, format!("{} ({})", u.display_name, org.name)));
            }
        }
    }
    Ok(NewRequestForm {
        // The organization is the chosen customer's: its devices are attached at triage.
        devices: vec![],
        sites,
        default_site: None,
        colleagues: people,
        my_id: caller.user.id,
        my_phone: String::new(),
        tier: domain::sla::Tier::C,
        intake: true,
        kb_token: db::repo::kb_usage::new_form_token(),
    })
}

/// Reports a fault or asks for help. Answers with the new service number and takes the
/// browser to the request's page.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "submit_request")]
pub async fn submit_request(
    title: String,
    description: String,
    kind: String,
    fault_kind: Option<String>,
    severity: String,
    system: String,
    site_id: String,
    contact_phone: String,
    requester_id: Option<String>,
    /// How a request logged by staff came in: `phone` or `email`.
    channel: Option<String>,
    /// The device concerned: a choice of the device field (`#id …`), at the chosen site.
    device: Option<String>,
    /// The form's knowledge-base suggestion token: its suggestions are marked "submitted
    /// anyway", and a title no article matched is counted as an article still to write.
    kb_token: Option<String>,
) -> Result<String, AppError> {
    use crate::ssr::{requests as svc, require, respond};
    use domain::{
        sla::Severity,
        ticket::{new_request, NewRequestInput},
        ErrorCode, FieldError,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let requester = match requester_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => caller.user.clone(),
            Some(raw) => {
                let id = raw.parse::<i32>().map_err(|_| AppError::field("requester_id", ErrorCode::InvalidChoice))?;
                let user = db::repo::users::find(&state.db.conn, id).await?.filter(|u| u.active);
                // Staff log for a customer's user; customers' side only within their organization.
                let fits = match &user {
                    Some(u) if caller.actor.role.is_staff() => domain::Role::parse(&u.role).is_some_and(|r| !r.is_staff()),
                    Some(u) => u.organization_id == caller.org.id,
                    None => false,
                };
                user.filter(|_| fits).ok_or_else(|| AppError::field("requester_id", ErrorCode::InvalidChoice))?
            }
        };
        if caller.actor.role.is_staff() && requester.id == caller.user.id && matches!(caller.actor.role, domain::Role::Dispatcher | domain::Role::Manager) {
            return Err(AppError::field("requester_id", ErrorCode::Required));
        }
        if !caller.actor.can_submit_for(requester.organization_id, requester.id) {
            return Err(AppError::Forbidden);
        }
        let channel = match channel.as_deref().map(str::trim).unwrap_or("") {
            "" if !caller.actor.role.is_staff() => None,
            c @ ("phone" | "email") => Some(c.to_string()),
            _ => return Err(AppError::field("channel", ErrorCode::InvalidChoice)),
        };
        let input =
            NewRequestInput { title, description, kind, fault_kind: fault_kind.unwrap_or_default(), severity_level: severity, system, site_id, contact_phone };
        let v = new_request(&input).map_err(AppError::Invalid)?;
        let site = db::repo::sites::find(&state.db.conn, v.site_id).await?;
        if site.is_none_or(|s| s.organization_id != requester.organization_id) {
            return Err(AppError::Invalid(vec![FieldError::new("site_id", ErrorCode::InvalidChoice)]));
        }
        let not_a_device = || AppError::field("device", ErrorCode::InvalidChoice);
        let device_id = match domain::equipment::parse_choice(device.as_deref().unwrap_or("")).map_err(|_| not_a_device())? {
            None => None,
            // A device of the requester's organization, at the site the request is for.
            Some(id) => match db::repo::devices::find(&state.db.conn, id).await? {
                Some(d) if d.organization_id == requester.organization_id && d.site_id == v.site_id => Some(d.id),
                _ => return Err(not_a_device()),
            },
        };
        let now = chrono::Utc::now();
        let severity = Severity::from_level(v.severity_level).unwrap_or(Severity::Minor);
        let created = domain::ticket::Line::Created {
            severity: severity.level(),
            on_behalf_of: (requester.id != caller.user.id).then(|| requester.display_name.clone()),
            channel: channel.clone(),
            follow_up_of: None,
            inspection: None,
        };
        let tx = state.db.begin_write().await?;
        let new = svc::NewRequest {
            organization_id: requester.organization_id,
            site_id: v.site_id,
            requester_id: requester.id,
            created_by: caller.user.id,
            title: &v.title,
            description: &v.description,
            kind: v.kind,
            fault_kind: v.fault_kind,
            severity,
            system: v.system.as_deref().unwrap_or_default(),
            contact_phone: &v.contact_phone,
            device_id,
            created,
        };
        let r = svc::open(&*tx, new, now).await?;
        crate::ssr::audit::record(
            &*tx,
            &caller,
            "request.log",
            &r.number,
            Some(r.organization_id),
            serde_json::json!({ "requester": requester.display_name, "channel": channel }),
        )
        .await?;
        if let Some(token) = kb_token.as_deref().map(str::trim).filter(|t| domain::knowledge::article::valid_token(t)) {
            let marked = db::repo::kb_usage::mark(&*tx, token, caller.user.id, None, domain::knowledge::Outcome::Submitted).await?;
            if marked == 0 && !db::repo::kb_usage::any_shown(&*tx, token, caller.user.id).await? {
                let key: String = domain::knowledge::text::normalize(&v.title).split_whitespace().collect::<Vec<_>>().join(" ");
                db::repo::kb_usage::missed(&*tx, &key, &v.title, "request").await?;
            }
        }
        tx.commit().await?;
        tracing::info!(number = %r.number, by = caller.user.id, "request submitted");
        leptos_axum::redirect(&domain::href::request(&r.number));
        Ok(r.number)
    })
    .await
}
