//! One inspection (`/inspections/:id`): when and who; the dispatcher's steps (engineer, date,
//! announce, cancel); the site manager's (confirm or propose another day, sign off or ask);
//! on site, the checklist per device made for a phone, kept on the phone until it is sent
//! (`components::checklist_sync`); findings that open requests; the report with its ticking
//! deadline; the history. Both sides see each other's steps live (`data-live="inspection"`).
//! Printed, it is the report (the print stylesheet hides the rest).
use domain::{
    inspection::{checklist::ItemKind, Answer, InspectionAction as A},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::inspections::{get_inspection, ActOnInspection, OpenFindingRequest},
    components::{
        form::FormStatus,
        guard::Guard,
        inspection_bits::{action_msg, event_text, kind_msg, section_msg, status_msg},
        inspection_clock::ReportClock,
        live::use_live,
        loaded::Loaded,
        work_actions::succeeded,
    },
    i18n::{use_i18n, Msg},
    model::{ChecklistEntry, ChecklistGroup, InspectionDetail},
};

#[derive(Clone, Copy)]
struct Actions {
    step: ServerAction<ActOnInspection>,
    finding: ServerAction<OpenFindingRequest>,
}

#[component]
pub fn InspectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let a = Actions { step: ServerAction::new(), finding: ServerAction::new() };
    let changes = use_live().version_of(domain::live::LiveKind::Inspection);
    let (sv, fv) = (a.step.version(), a.finding.version());
    let inspection = Resource::new(move || (id.get(), changes.get(), sv.try_get().unwrap_or(0), fv.try_get().unwrap_or(0)), |(id, ..)| get_inspection(id));
    view! {
        <Guard
            page=Page::InspectionDetail
            view=move |_| view! {
                <p class="no-print"><a href=Page::Inspections.pattern()>"← " {move || i18n.t(Msg::InTitle)}</a></p>
                <Loaded resource=inspection suspense=true error=crate::components::equipment_bits::refused let:d>
                    <Detail d=d a=a/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Detail(d: InspectionDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.status;
    let lang = i18n.lang.get_untracked();
    let clock = d.report_due_ts.map(|until| {
        view! { <ReportClock until=until left=Msg::InReportLeft.text(lang).to_string() overdue=Msg::InReportOverdue.text(lang).to_string()/> }
    });
    view! {
        <div class="page-head" data-live="inspection">
            <h1>{let site = d.site.clone(); move || i18n.t(Msg::InOne).replace("{site}", &site)}</h1>
            <p>
                <span class="badge inspection-status" data-status=s.as_str()>{move || i18n.t(status_msg(s))}</span>
                " " <span class="muted small">{move || i18n.t(kind_msg(d.kind))}</span>
            </p>
        </div>
        <section class="card">
            <dl class="facts">
                <dt>{move || i18n.t(Msg::UpOrganization)}</dt><dd>{d.organization.clone()}</dd>
                <dt>{move || i18n.t(Msg::InSite)}</dt><dd><a href=domain::href::site(d.site_id)>{d.site.clone()}</a> <span class="muted small">{d.site_address.clone()}</span></dd>
                <dt>{move || i18n.t(Msg::InDate)}</dt><dd data-testid="inspection-date">{d.date.clone()}
                    {(d.date != d.planned_date).then(|| view! { <span class="muted small">" (" {move || i18n.t(Msg::InPlannedFor)} " " {d.planned_date.clone()} ")"</span> })}
                </dd>
                {d.proposed_date.clone().map(|p| view! { <dt>{move || i18n.t(Msg::InProposedDate)}</dt><dd data-testid="proposed-date">{p}</dd> })}
                <dt>{move || i18n.t(Msg::InEngineer)}</dt><dd>{d.engineer.clone().unwrap_or_else(|| "—".into())}
                    {d.engineer_phone.clone().map(|p| view! { " · " <a href=format!("tel:{p}")>{p.clone()}</a> })}
                </dd>
                {d.staff.then(|| view! {
                    <dt>{move || i18n.t(Msg::InAnnounceBy)}</dt><dd>{d.announce_by.clone()}
                        {d.announced_late.then(|| view! { " " <span class="badge late">{move || i18n.t(Msg::InLateNotice)}</span> })}
                    </dd>
                })}
                <dt>{move || i18n.t(Msg::InChecklist)}</dt><dd>{format!("{} (v{})", d.template, d.template_revision)}</dd>
                {d.started_at.clone().map(|t| view! { <dt>{move || i18n.t(Msg::InStarted)}</dt><dd>{t}</dd> })}
                {d.finished_at.clone().map(|t| view! { <dt>{move || i18n.t(Msg::InFinished)}</dt><dd>{t}</dd> })}
                {d.report_due.clone().map(|t| view! { <dt>{move || i18n.t(Msg::InReportDue)}</dt><dd>{t} " " {clock}</dd> })}
                {d.reported_at.clone().map(|t| view! { <dt>{move || i18n.t(Msg::InReportedAt)}</dt><dd>{t}</dd> })}
                {d.signed_off_at.clone().map(|t| view! { <dt>{move || i18n.t(Msg::InSignedOffAt)}</dt><dd>{t}</dd> })}
            </dl>
            <p class="muted small">{format!("{} · {}", d.tz, i18n.t(Msg::InProgress).replace("{a}", &d.answered.to_string()).replace("{t}", &d.total.to_string()).replace("{f}", &d.findings.to_string()))}</p>
        </section>
        <Steps d=d.clone() a=a/>
        {(!d.summary.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::InSummary)}</h2>
                <p class="pre" data-testid="report-summary">{d.summary.clone()}</p>
            </section>
        })}
        // The first inspection builds the site's archive: devices found on site are added there.
        {(d.answering && d.kind == domain::inspection::InspectionKind::Initial).then(|| view! {
            <p class="no-print"><a class="button" href=format!("{}?site={}", Page::DeviceForm.pattern(), d.site_id)>{move || i18n.t(Msg::InAddDevice)}</a></p>
        })}
        <Checklist d=d.clone() a=a/>
        <section class="card no-print">
            <h2>{move || i18n.t(Msg::UpHistory)}</h2>
            <ul class="inspection-history">
                {d.history.into_iter().map(|h| view! {
                    <li><span class="muted small">{h.at} " · " {h.who}</span> " " {move || event_text(&h.event, i18n.lang.get())}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The buttons of the steps the caller may take now, each a small form.
#[component]
fn Steps(d: InspectionDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || a.step.value().get().and_then(|r| r.err()));
    let done = succeeded(a.step);
    let steps: Vec<A> = d.actions.iter().copied().filter(|x| *x != A::Answer).collect();
    if steps.is_empty() {
        return ().into_any();
    }
    let (id, version) = (d.id, d.version);
    view! {
        <section class="card stack inspection-steps no-print">
            {steps.into_iter().map(|x| {
                let name = match x {
                    A::Assign => "assign", A::Move => "move", A::Announce => "announce", A::Confirm => "confirm", A::Propose => "propose",
                    A::Start => "start", A::Finish => "finish", A::Report => "report", A::SignOff => "sign_off", A::Ask => "ask", A::Cancel => "cancel", A::Answer => "",
                };
                let fields = match x {
                    A::Assign => view! {
                        <label>{move || i18n.t(Msg::InEngineer)}
                            <select name="engineer_id" required>
                                <option value="">"—"</option>
                                {d.engineers.iter().map(|e| view! { <option value=e.id.to_string()>{e.name.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                    }.into_any(),
                    A::Move => view! {
                        <label>{move || i18n.t(Msg::InDate)} <input type="date" name="date" required value=d.proposed_date.clone().unwrap_or_else(|| d.date.clone())/></label>
                    }.into_any(),
                    A::Propose => view! {
                        <label>{move || i18n.t(Msg::InProposedDate)} <input type="date" name="date" required/></label>
                        <label>{move || i18n.t(Msg::InWhy)} <input type="text" name="note" maxlength="2000"/></label>
                    }.into_any(),
                    A::Report => view! {
                        <label class="wide">{move || i18n.t(Msg::InSummary)}
                            <textarea name="note" rows="6" required maxlength="10000">{d.summary.clone()}</textarea>
                        </label>
                    }.into_any(),
                    A::Ask => view! {
                        <label class="wide">{move || i18n.t(Msg::InQuestion)} <textarea name="note" rows="3" required maxlength="2000"></textarea></label>
                    }.into_any(),
                    A::SignOff => view! {
                        <label>{move || i18n.t(Msg::InSignOffNote)} <input type="text" name="note" maxlength="2000"/></label>
                    }.into_any(),
                    A::Cancel => view! {
                        <label>{move || i18n.t(Msg::InWhy)} <input type="text" name="note" required maxlength="2000"/></label>
                    }.into_any(),
                    _ => ().into_any(),
                };
                let class = if matches!(x, A::Cancel) { "secondary" } else { "" };
                view! {
                    <ActionForm action=a.step attr:class="row compact step-form" attr:data-step=name>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="version" value=version/>
                        <input type="hidden" name="action" value=name/>
                        {fields}
                        <button type="submit" class=class>{move || i18n.t(action_msg(x))}</button>
                    </ActionForm>
                }
            }).collect_view()}
            <FormStatus error=err done=done success=Msg::Updated/>
        </section>
    }
    .into_any()
}

/// The checklist: while the engineer is on site, a form per device made for one thumb (kept
/// on the phone until sent); otherwise the answers as read.
#[component]
fn Checklist(d: InspectionDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let bad = Memo::new(move |_| query.read().get("bad"));
    if d.groups.is_empty() || (d.status.before_visit() && !d.answering) {
        return ().into_any();
    }
    let lang = i18n.lang.get_untracked();
    let answering = d.answering;
    let id = d.id;
    let finding_err = Signal::derive(move || a.finding.value().get().and_then(|r| r.err()));
    let can_open = d.staff && !d.status.before_visit();
    let findings: Vec<i32> =
        d.groups.iter().flat_map(|g| &g.entries).filter(|e| can_open && e.finding && e.request.is_none()).filter_map(|e| e.answer_id).collect();
    let groups = d.groups.clone();
    view! {
        <section class="card checklist">
            <h2>{move || i18n.t(Msg::InChecklist)}</h2>
            {move || bad.get().map(|f| view! { <p class="error" role="alert">{i18n.t(Msg::InBadAnswer)} " (" {f} ")"</p> })}
            <FormStatus error=finding_err done=Signal::derive(|| false) success=Msg::Updated/>
            {if answering {
                view! {
                    // Kept on the phone until sent: components/checklist_sync.js.
                    <p class="sync-status" id="sync-status" role="status" aria-live="polite" data-testid="sync-status"></p>
                    <form
                        id="checklist-form"
                        method="post"
                        action=format!("/inspections/{id}/answers")
                        data-reload=""
                        data-offline=id
                        data-saved=Msg::InSyncSaved.text(lang)
                        data-waiting=Msg::InSyncWaiting.text(lang)
                        data-sending=Msg::InSyncSending.text(lang)
                        data-refused=Msg::InSyncRefused.text(lang)
                    >
                        {groups.iter().map(|g| view! { <Group g=g.clone() answering=true can_open=can_open/> }).collect_view()}
                        <button type="submit" class="big">{move || i18n.t(Msg::InActSave)}</button>
                    </form>
                    {photo_forms(id, &groups)}
                }.into_any()
            } else {
                groups.iter().map(|g| view! { <Group g=g.clone() answering=false can_open=can_open/> }).collect_view().into_any()
            }}
            // The "open a request" buttons of the findings submit these forms (forms cannot nest).
            {findings.into_iter().map(|answer_id| view! {
                <ActionForm action=a.finding attr:id=format!("finding-{answer_id}") attr:class="hidden-form">
                    <input type="hidden" name="answer_id" value=answer_id/>
                </ActionForm>
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// Upload forms for the items' photos (multipart: left to the browser, online only). Every
/// item may have one: a finding's photo goes with the request it opens.
fn photo_forms(id: i32, groups: &[ChecklistGroup]) -> impl IntoView {
    let i18n = use_i18n();
    let items: Vec<(i32, String, String)> =
        groups.iter().flat_map(|g| g.entries.iter().map(move |e| (g.device_id, e.item.key.clone(), e.field.clone()))).collect();
    items
        .into_iter()
        .map(|(device, key, field)| {
            view! {
                <form id=format!("photo-{field}") method="post" enctype="multipart/form-data" action=format!("/inspections/{id}/photos") class="hidden-form">
                    <input type="hidden" name="device_id" value=device/>
                    <input type="hidden" name="item_key" value=key/>
                    <span class="sr-only">{move || i18n.t(Msg::InPhoto)}</span>
                </form>
            }
        })
        .collect_view()
}

#[component]
fn Group(g: ChecklistGroup, answering: bool, can_open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = g.title.clone();
    view! {
        <fieldset class="check-group" data-device=g.device_id>
            <legend>{move || if title.is_empty() { i18n.t(Msg::InWholeSite).to_string() } else { title.clone() }}</legend>
            <ul class="check-items">
                {g.entries.into_iter().map(|e| view! { <Entry e=e answering=answering can_open=can_open/> }).collect_view()}
            </ul>
        </fieldset>
    }
}

#[component]
fn Entry(e: ChecklistEntry, answering: bool, can_open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let range = e.item.kind.range_text();
    let field = e.field.clone();
    let note_field = format!("n:{}", &field[2..]);
    let raw = e.answer.as_ref().map(Answer::raw).unwrap_or_default();
    let section = e.item.section;
    let control = if !answering {
        let shown = match &e.answer {
            Some(Answer::Pass) => i18n.t(Msg::InPass).to_string(),
            Some(Answer::Fail) => i18n.t(Msg::InFail).to_string(),
            Some(Answer::Photo) | None if !e.photos.is_empty() => String::new(),
            Some(a) => a.raw(),
            None => "—".into(),
        };
        view! { <span class="check-answer" data-testid=format!("answer-{field}")>{shown}</span> }.into_any()
    } else {
        match &e.item.kind {
            ItemKind::PassFail => view! {
                <span class="choice-row">
                    <label class="big-choice"><input type="radio" name=field.clone() value="pass" checked=raw == "pass"/> {move || i18n.t(Msg::InPass)}</label>
                    <label class="big-choice"><input type="radio" name=field.clone() value="fail" checked=raw == "fail"/> {move || i18n.t(Msg::InFail)}</label>
                </span>
            }
            .into_any(),
            ItemKind::Reading { unit, .. } => view! {
                <label class="reading">
                    <input type="text" inputmode="decimal" name=field.clone() value=raw.clone() aria-label=e.item.label.clone() size="6"/>
                    " " {unit.clone()}
                </label>
            }
            .into_any(),
            ItemKind::Choice { options, .. } => view! {
                <span class="choice-row">
                    {options.iter().map(|o| view! {
                        <label class="big-choice"><input type="radio" name=field.clone() value=o.clone() checked=raw == *o/> {o.clone()}</label>
                    }).collect_view()}
                </span>
            }
            .into_any(),
            ItemKind::Text => {
                view! { <textarea name=field.clone() rows="2" maxlength="2000" aria-label=e.item.label.clone()>{raw.clone()}</textarea> }.into_any()
            }
            ItemKind::Photo => view! {
                <span class="photo-row">
                    <input type="file" name="file" accept="image/*" capture="environment" form=format!("photo-{field}") aria-label=e.item.label.clone()/>
                    <button type="submit" form=format!("photo-{field}")>{move || i18n.t(Msg::InUploadPhoto)}</button>
                </span>
            }
            .into_any(),
        }
    };
    let has_note = !matches!(e.item.kind, ItemKind::Photo);
    // A photo of any other item (a finding's goes with its request).
    let photo_of_item = (answering && has_note).then(|| {
        let form = format!("photo-{field}");
        view! {
            <details class="add-photo">
                <summary>{move || i18n.t(Msg::InAddPhoto)}</summary>
                <span class="photo-row">
                    <input type="file" name="file" accept="image/*" capture="environment" form=form.clone() aria-label=move || i18n.t(Msg::InAddPhoto)/>
                    <button type="submit" form=form>{move || i18n.t(Msg::InUploadPhoto)}</button>
                </span>
            </details>
        }
    });
    view! {
        <li class="check-item" class:finding=e.finding data-field=field.clone()>
            <p class="check-label">
                <span class="muted small">{move || i18n.t(section_msg(section))} " · "</span>
                {e.item.label.clone()}
                {range.map(|r| view! { <span class="muted small">" (" {r} ")"</span> })}
            </p>
            {control}
            {(answering && has_note).then(|| view! {
                <input type="text" class="check-note" name=note_field.clone() value=e.note.clone() maxlength="2000" placeholder=move || i18n.t(Msg::InNote)/>
            })}
            {photo_of_item}
            {(!answering && !e.note.is_empty()).then(|| view! { <p class="small">{e.note.clone()}</p> })}
            {(!e.photos.is_empty()).then(|| view! {
                <span class="photos">{e.photos.iter().map(|p| view! { <a href=format!("/inspections/photos/{p}") target="_blank"><img src=format!("/inspections/photos/{p}") alt=move || i18n.t(Msg::InPhoto) loading="lazy" width="96"/></a> }).collect_view()}</span>
            })}
            {e.finding.then(|| view! { <span class="badge finding" data-testid="finding">{move || i18n.t(Msg::InFinding)}</span> })}
            {match (e.request.clone(), e.answer_id) {
                (Some(n), _) => view! { " " <a href=domain::href::request(&n) data-testid="finding-request">{n.clone()}</a> }.into_any(),
                (None, Some(aid)) if e.finding && can_open => view! {
                    " " <button type="submit" form=format!("finding-{aid}") class="secondary no-print" data-testid="open-request">{move || i18n.t(Msg::InOpenRequest)}</button>
                }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}
