//! One training session: when and where, seats left (live), booking a seat or joining the
//! waiting list, booking for a colleague (site managers), cancelling, adding it to a calendar,
//! the reminder before it starts, feedback after it; for staff the attendee list.
use domain::{
    training::{BookingStatus, SessionStatus},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::training::{get_training, training_attendees, AnswerTrainingFeedback, BookTraining, CancelBooking, CancelTraining, MarkAttendance},
    components::loaded::Loaded,
    components::{
        form::FormStatus,
        guard::Guard,
        live::use_live,
        survey_form::{sent_back, SentBack, SurveyForm},
        training_bits::{booking_msg, kind_msg, local, status_word, when, Seats},
        work_actions::{error_of, succeeded},
    },
    i18n::{error_text, use_i18n, Msg},
    model::SessionDetail,
};

type Attendees = Resource<Result<Vec<crate::model::BookingRow>, crate::error::AppError>>;

#[derive(Clone, Copy)]
struct Actions {
    book: ServerAction<BookTraining>,
    cancel: ServerAction<CancelBooking>,
    cancel_session: ServerAction<CancelTraining>,
    attendance: ServerAction<MarkAttendance>,
    feedback: ServerAction<AnswerTrainingFeedback>,
}

impl Actions {
    fn version(&self) -> usize {
        self.book.version().get()
            + self.cancel.version().get()
            + self.cancel_session.version().get()
            + self.attendance.version().get()
            + self.feedback.version().get()
    }
}

#[component]
pub fn TrainingDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let a = Actions {
        book: ServerAction::new(),
        cancel: ServerAction::new(),
        cancel_session: ServerAction::new(),
        attendance: ServerAction::new(),
        feedback: ServerAction::new(),
    };
    let changes = use_live().version_of(domain::live::LiveKind::Training);
    let detail = Resource::new(move || (id.get(), changes.get(), a.version()), |(id, ..)| get_training(id));
    // Created here, not in the staff part (hydration rules); customers get "not found", unread.
    let attendees = Resource::new(move || (id.get(), changes.get(), a.version()), |(id, ..)| training_attendees(id));
    view! {
        <Guard
            page=Page::TrainingDetail
            view=move |_| view! {
                <p><a href=Page::Training.pattern()>"← " {move || i18n.t(Msg::TrTitle)}</a></p>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || detail.get().map(|r| match r {
                        Err(e) => {
                            crate::error::not_found_status(&e);
                            view! { <section class="card narrow"><h1>{move || i18n.t(Msg::NotFoundTitle)}</h1><p class="error">{error_text(i18n.lang.get(), &e)}</p></section> }.into_any()
                        }
                        Ok(d) => view! { <Detail d=d a=a attendees=attendees/> }.into_any(),
                    })}
                </Transition>
            }
        />
    }
}

#[component]
fn Detail(d: SessionDetail, a: Actions, attendees: Attendees) -> impl IntoView {
    let i18n = use_i18n();
    let s = d.summary.clone();
    let id = s.id;
    let cancelled = s.status == SessionStatus::Cancelled;
    let mine = s.my_booking.filter(|b| *b != BookingStatus::Cancelled);
    let full = s.seats_left == 0;
    let kind = kind_msg(s.kind);
    let book_error = Signal::derive(move || a.book.value().get().and_then(|r| r.err()));
    let book_done = crate::components::work_actions::succeeded(a.book);
    let cancel_error = error_of(a.cancel);
    // Colleagues' bookings the site manager may cancel (their own is handled above).
    let colleagues: Vec<crate::model::BookingRow> = d.booked_by_me.iter().filter(|b| b.session_id == id && Some(b.id) != d.my_booking_id).cloned().collect();
    let my_booking_id = d.my_booking_id;
    // A plain post (islands mode, no JavaScript) comes back with `?feedback=thanks`, or with
    // the error and what was sent (`server::survey_form::training_feedback`).
    let SentBack { thanked, error: sent_error, given } = sent_back("feedback");
    let fb_error = Signal::derive(move || a.feedback.value().get().and_then(|r| r.err()).or_else(|| sent_error.clone()));
    let fb_done = move || thanked || matches!(a.feedback.value().get(), Some(Ok(())));
    let fb_action = domain::href::training_feedback(id);
    let on_feedback = Callback::new(move |answers: Vec<(String, String)>| {
        a.feedback.dispatch(AnswerTrainingFeedback { session_id: id, answers });
    });
    view! {
        <div class="page-head" data-live="training">
            <h1>{s.title.clone()}</h1>
            <div class="req-meta">
                <span class="badge">{move || i18n.t(kind)}</span>
                {cancelled.then(|| view! { <span class="badge sev-1" data-session-status="cancelled">{move || i18n.t(Msg::TrCancelled)}</span> })}
            </div>
        </div>
        {d.reminder.then(|| view! { <p class="notice" role="status" data-reminder="">{move || i18n.t(Msg::TrReminder)} " " {local(s.starts_at, &s.tz)}</p> })}
        <div class="columns">
            <section class="card">
                <dl class="facts">
                    <dt>{move || i18n.t(Msg::TrWhen)}</dt><dd>{when(&s)}</dd>
                    <dt>{move || i18n.t(Msg::TrWhere)}</dt>
                    <dd>{if s.delivery == "online" {
                        match d.link.clone() {
                            Some(l) => view! { <a href=l.clone() rel="noopener noreferrer" target="_blank">{move || i18n.t(Msg::TrOnline)} " · " {l.clone()}</a> }.into_any(),
                            None => view! { {move || i18n.t(Msg::TrOnlineLinkLater)} }.into_any(),
                        }
                    } else {
                        s.place.clone().into_any()
                    }}</dd>
                    <dt>{move || i18n.t(Msg::TrTrainer)}</dt><dd>{s.trainer.clone()}</dd>
                    <dt>{move || i18n.t(Msg::TrDeadline)}</dt><dd>{local(s.booking_deadline, &s.tz)}</dd>
                    <dt>{move || i18n.t(Msg::TrSeats)}</dt><dd><Seats s=s.clone()/></dd>
                    {(!d.invited.is_empty()).then(|| view! { <dt>{move || i18n.t(Msg::TrInvited)}</dt><dd>{d.invited.join(", ")}</dd> })}
                </dl>
                <p class="description">{d.description.clone()}</p>
            </section>
            <section class="card" id="booking">
                <h2>{move || i18n.t(Msg::TrYourSeat)}</h2>
                {match mine {
                    Some(b) => view! {
                        <p class="success" data-my-booking=format!("{b:?}").to_lowercase()>{move || i18n.t(booking_msg(b))}</p>
                        {(b == BookingStatus::Confirmed).then(|| view! {
                            <p><a class="button secondary" href=domain::href::training_ics(id) download=format!("training-{id}.ics")>{move || i18n.t(Msg::TrAddToCalendar)}</a></p>
                        })}
                    }.into_any(),
                    None => view! { <p class="muted">{move || i18n.t(Msg::TrNoSeat)}</p> }.into_any(),
                }}
                {d.may_book.then(|| view! {
                    <ActionForm action=a.book attr:class="stack">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="user_id" value=""/>
                        <button type="submit" class="big">{move || i18n.t(if full { Msg::TrJoinWaitlist } else { Msg::TrBook })}</button>
                    </ActionForm>
                })}
                {(d.may_cancel && my_booking_id.is_some()).then(|| view! {
                    <ActionForm action=a.cancel attr:class="stack">
                        <input type="hidden" name="booking_id" value=my_booking_id.unwrap_or(0)/>
                        <button type="submit" class="secondary">{move || i18n.t(Msg::TrCancelMine)}</button>
                    </ActionForm>
                })}
                {(!d.book_for.is_empty() && !cancelled).then(|| view! {
                    <h3>{move || i18n.t(Msg::TrBookFor)}</h3>
                    <ActionForm action=a.book attr:class="stack" attr:id="book-for">
                        <input type="hidden" name="id" value=id/>
                        <label for="book-for-user" class="visually-hidden">{move || i18n.t(Msg::TrPerson)}</label>
                        <select id="book-for-user" name="user_id">
                            {d.book_for.iter().map(|(uid, name)| view! { <option value=uid.to_string()>{name.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit">{move || i18n.t(Msg::TrBookThem)}</button>
                    </ActionForm>
                })}
                <FormStatus error=book_error done=book_done success=Msg::Updated/>
                <FormStatus error=cancel_error done=succeeded(a.cancel) success=Msg::Updated/>
                {(!colleagues.is_empty()).then(move || view! {
                    <h3>{move || i18n.t(Msg::TrBookedByMe)}</h3>
                    <ul class="plain">
                        {colleagues.into_iter().map(|b| view! {
                            <li>
                                {b.name.clone()} " · " {move || i18n.t(status_word(b.status))}
                                <ActionForm action=a.cancel attr:class="inline">
                                    <input type="hidden" name="booking_id" value=b.id/>
                                    <button type="submit" class="link">{move || i18n.t(Msg::TrCancelFor)}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </div>
        {d.feedback.clone().map(|v| view! {
            <section class="card survey highlight" id="feedback">
                <h2>{move || i18n.t(Msg::TrFeedback)}</h2>
                <Show when=fb_done fallback=move || view! { <SurveyForm view=v.clone() on_submit=on_feedback pending=a.feedback.pending() error=fb_error action=fb_action.clone() given=given.clone()/> }>
                    <p class="success" role="status">{move || i18n.t(Msg::SurveyThanks)}</p>
                </Show>
            </section>
        })}
        {d.may_manage.then(|| view! { <Manage id=id cancelled=cancelled a=a attendees=attendees/> })}
    }
}

/// Staff: edit, cancel the session, the attendee list with attendance, CSV.
#[component]
fn Manage(id: i32, cancelled: bool, a: Actions, attendees: Attendees) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" id="attendees">
            <div class="page-head">
                <h2>{move || i18n.t(Msg::TrAttendees)}</h2>
                <div class="actions">
                    <a href=domain::href::training_attendees_csv(id) download=format!("attendees-{id}.csv")>{move || i18n.t(Msg::DownloadCsv)}</a>
                    {(!cancelled).then(|| view! { <a class="button secondary" href=domain::href::training_edit(id)>{move || i18n.t(Msg::TrEdit)}</a> })}
                </div>
            </div>
            {(!cancelled).then(|| view! {
                <details>
                    <summary>{move || i18n.t(Msg::TrCancelSession)}</summary>
                    <ActionForm action=a.cancel_session attr:class="stack">
                        <input type="hidden" name="id" value=id/>
                        <label>{move || i18n.t(Msg::TrCancelReason)} <input type="text" name="reason" maxlength="500" required/></label>
                        <button type="submit" class="danger">{move || i18n.t(Msg::TrCancelSessionConfirm)}</button>
                    </ActionForm>
                    <FormStatus error=error_of(a.cancel_session) done=succeeded(a.cancel_session) success=Msg::Updated/>
                </details>
            })}
            <FormStatus error=error_of(a.attendance) done=Signal::derive(|| false) success=Msg::Updated/>
            <Loaded resource=attendees quiet=true let:data>
                {match data {
                    rows if rows.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::TrNoAttendees)}</p> }.into_any(),
                    rows => view! {
                        <div class="table-scroll">
                            <table>
                                <thead><tr>
                                    <th scope="col">{move || i18n.t(Msg::TrPerson)}</th>
                                    <th scope="col">{move || i18n.t(Msg::Organization)}</th>
                                    <th scope="col">{move || i18n.t(Msg::TrStatus)}</th>
                                    <th scope="col">{move || i18n.t(Msg::TrBookedAt)}</th>
                                    <th scope="col">{move || i18n.t(Msg::TrAttended)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|b| {
                                        let confirmed = b.status == BookingStatus::Confirmed;
                                        view! {
                                            <tr data-attendee=b.email.clone()>
                                                <td>{b.name.clone()}<br/><span class="muted small">{b.email.clone()}</span></td>
                                                <td>{b.organization.clone()}</td>
                                                <td>{move || i18n.t(status_word(b.status))} {b.position.map(|p| format!(" #{p}"))}</td>
                                                <td>{b.booked_at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                                <td>{confirmed.then(|| view! {
                                                    <ActionForm action=a.attendance attr:class="inline">
                                                        <input type="hidden" name="booking_id" value=b.id/>
                                                        <label class="visually-hidden" for=format!("att-{}", b.id)>{move || i18n.t(Msg::TrAttended)}</label>
                                                        <select id=format!("att-{}", b.id) name="attended">
                                                            <option value="" selected=b.attended.is_none()>"—"</option>
                                                            <option value="yes" selected=b.attended == Some(true)>{move || i18n.t(Msg::Yes)}</option>
                                                            <option value="no" selected=b.attended == Some(false)>{move || i18n.t(Msg::No)}</option>
                                                        </select>
                                                        <button type="submit" class="secondary">{move || i18n.t(Msg::Save)}</button>
                                                    </ActionForm>
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
            </Loaded>
        </section>
    }
}
