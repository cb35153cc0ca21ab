//! `/complaints`: a customer's own complaints (a site manager's organization's), all of them
//! for the supervisors, with their two clocks; live as they move.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::complaints::list_complaints,
    components::{complaint_bits::status_msg, guard::Guard, live::use_live, loaded::Loaded, training_bits::local},
    i18n::{use_i18n, Msg},
};

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let changes = use_live().version_of(domain::live::LiveKind::Complaint);
    let list = Resource::new(move || changes.get(), |_| list_complaints());
    view! {
        <Guard
            page=Page::Complaints
            view=move |me| {
                let may_complain = me.is_some_and(|m| domain::complaint::may_complain(m.role));
                view! {
                    <div class="page-head" data-live="complaint">
                        <h1>{move || i18n.t(Msg::ComplaintsTitle)}</h1>
                        {may_complain.then(|| view! { <a class="button" href=Page::ComplaintForm.pattern()>{move || i18n.t(Msg::ComplaintNew)}</a> })}
                    </div>
                    <p class="muted small">{move || i18n.t(Msg::ComplaintsIntro)}</p>
                    <Loaded resource=list let:rows>
                        {if rows.is_empty() {
                            view! { <p class="muted">{move || i18n.t(Msg::ComplaintNone)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plan-list">
                                    {rows.into_iter().map(|c| {
                                        let s = c.status;
                                        let due = if c.acknowledged_at.is_none() { (Msg::ComplaintAckDue, c.ack_due_at) } else { (Msg::ComplaintAnswerDue, c.answer_due_at) };
                                        let open = !s.is_closed() && c.answered_at.is_none();
                                        let when = local(due.1, &c.tz);
                                        view! {
                                            <li class="card plan-card" data-status=s.as_str()>
                                                <a href=domain::href::complaint(c.id)><strong>{c.number}</strong></a>
                                                " " <span class="badge">{move || i18n.t(status_msg(s))}</span>
                                                {c.late.then(|| view! { " " <span class="badge danger">{move || i18n.t(Msg::ComplaintLate)}</span> })}
                                                <p class="muted small">
                                                    {c.organization} " · " {c.complainant}
                                                    {c.request.map(|r| view! { " · " {r} })}
                                                    {open.then(|| view! { " · " {move || i18n.t(due.0)} " " {when.clone()} })}
                                                </p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </Loaded>
                }
            }
        />
    }
}
