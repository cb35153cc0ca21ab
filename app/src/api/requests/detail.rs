use leptos::prelude::*;

use crate::{error::AppError, model::RequestDetail};

/// One request with its timeline, attachments, clocks and the caller's possible actions.
/// Staff-only timeline lines are filtered out for customers here, on the server.
#[server(endpoint = "get_request")]
pub async fn get_request(number: String) -> Result<RequestDetail, AppError> {
    use crate::model::{AttachmentInfo, TimelineItem};
    use crate::ssr::{requests as svc, require, respond};
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use domain::ticket::{allowed_actions, ActorKind, FaultKind, RequestKind, TransitionContext};
    use std::collections::HashMap;
    respond(async move {
        let (state, caller) = require().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let conn = &state.db.conn;
        let is_staff = caller.actor.role.is_staff();
        let events = db::repo::request_events::list(conn, r.id, is_staff).await?;
        let mut ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
        ids.extend([r.requester_id]);
        ids.extend(r.assignee_id);
        use db::entity::user;
        let people: HashMap<i32, (String, bool)> = user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, (u.display_name, domain::Role::parse(&u.role).is_some_and(|r| r.is_staff()))))
            .collect();
        let timeline = events
            .into_iter()
            .map(|e| TimelineItem {
                id: e.id,
                at: e.created_at,
                actor_name: e.actor_id.and_then(|a| people.get(&a)).map(|p| p.0.clone()),
                actor_is_staff: e.actor_id.and_then(|a| people.get(&a)).is_some_and(|p| p.1),
                kind: e.kind,
                public: e.public,
                body: serde_json::from_str(&e.body).unwrap_or_default(),
            })
            .collect();
        let attachments = db::repo::attachments::list(conn, r.id)
            .await?
            .into_iter()
            .map(|a| AttachmentInfo { id: a.id, filename: a.filename, content_type: a.content_type, size: a.size, uploaded_at: a.created_at })
            .collect();
        let facts = svc::facts_of(conn, &r).await?;
        let status = svc::status_of(&r);
        let actor = ActorKind::from_role(caller.actor.role);
        let mut ctx = TransitionContext::new(chrono::Utc::now().timestamp());
        ctx.has_assignee = r.assignee_id.is_some();
        ctx.is_assignee = r.assignee_id == Some(caller.user.id);
        ctx.resolved_at = r.resolved_at.map(|t| t.timestamp());
        ctx.closed_at = r.closed_at.map(|t| t.timestamp());
        let actions = allowed_actions(status, actor, &ctx);
        let engineers = if is_staff {
            db::repo::users::list_by_org(conn, caller.org.id)
                .await?
                .into_iter()
                .filter(|u| u.active && u.role == "engineer")
                .map(|u| (u.id, u.display_name))
                .collect()
        } else {
            vec![]
        };
        let org = db::repo::organizations::find(conn, r.organization_id).await?.map(|o| o.name).unwrap_or_default();
        let site = db::repo::sites::find(conn, r.site_id).await?.map(|s| s.name).unwrap_or_default();
        Ok(RequestDetail {
            id: r.id,
            title: r.title.clone(),
            description: r.description.clone(),
            kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::Fault),
            fault_kind: r.fault_kind.as_deref().and_then(FaultKind::parse),
            severity: r.severity as u8,
            system: r.system.clone(),
            contact_phone: r.contact_phone.clone(),
            status,
            org_name: org,
            site_name: site,
            requester_name: people.get(&r.requester_id).map(|p| p.0.clone()).unwrap_or_default(),
            assignee_name: r.assignee_id.and_then(|a| people.get(&a)).map(|p| p.0.clone()),
            created_at: r.created_at,
            escalation_level: r.escalation_level,
            pause_reason: r.pause_reason.clone(),
            terms: svc::terms_of(&r),
            facts,
            timeline,
            attachments,
            can_reply: status.is_open() || status == domain::ticket::Status::Resolved,
            is_staff,
            actions,
            engineers,
            number: r.number,
        })
    })
    .await
}
