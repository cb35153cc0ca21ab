//! The server actions of the staff workspace and of the customer's remote-access answer,
//! created once at the top of the request page (so the page's resource can refetch after
//! any of them) and handed to the panels.
use leptos::prelude::*;

use crate::{
    api::staff::{
        AddNote, CompleteRemote, DecideEmergency, DecideRemote, EscalateRequest, LogActivity, ProposeEmergency, RecordStage, ReplacePart, RequestRemote,
        ResolveWithReport, TriageRequest, WithdrawRemote,
    },
    error::AppError,
    i18n::{field_error_text, use_i18n},
};

#[derive(Clone, Copy)]
pub struct WorkActions {
    pub triage: ServerAction<TriageRequest>,
    pub stage: ServerAction<RecordStage>,
    pub activity: ServerAction<LogActivity>,
    pub note: ServerAction<AddNote>,
    pub resolve: ServerAction<ResolveWithReport>,
    pub replace_part: ServerAction<ReplacePart>,
    pub remote_ask: ServerAction<RequestRemote>,
    pub remote_decide: ServerAction<DecideRemote>,
    pub remote_withdraw: ServerAction<WithdrawRemote>,
    pub remote_complete: ServerAction<CompleteRemote>,
    pub escalate: ServerAction<EscalateRequest>,
    pub propose: ServerAction<ProposeEmergency>,
    pub decide_plan: ServerAction<DecideEmergency>,
}

impl WorkActions {
    pub fn new() -> Self {
        WorkActions {
            triage: ServerAction::new(),
            stage: ServerAction::new(),
            activity: ServerAction::new(),
            note: ServerAction::new(),
            resolve: ServerAction::new(),
            replace_part: ServerAction::new(),
            remote_ask: ServerAction::new(),
            remote_decide: ServerAction::new(),
            remote_withdraw: ServerAction::new(),
            remote_complete: ServerAction::new(),
            escalate: ServerAction::new(),
            propose: ServerAction::new(),
            decide_plan: ServerAction::new(),
        }
    }

    /// Changes whenever any of them completes (tracked).
    pub fn version(&self) -> usize {
        self.triage.version().get()
            + self.stage.version().get()
            + self.activity.version().get()
            + self.note.version().get()
            + self.resolve.version().get()
            + self.replace_part.version().get()
            + self.remote_ask.version().get()
            + self.remote_decide.version().get()
            + self.remote_withdraw.version().get()
            + self.remote_complete.version().get()
            + self.escalate.version().get()
            + self.propose.version().get()
            + self.decide_plan.version().get()
    }
}

impl Default for WorkActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The last result of a staff step: every one of them answers `Result<(), AppError>`.
type StepResult = MappedSignal<Option<Result<(), AppError>>>;

/// The error of an action's last run, if it failed.
pub fn error_of<S>(a: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    // The generic part only picks the value signal; the derived signal is built once for all
    // actions (one copy in the wasm instead of one per server function).
    step_error(a.value())
}

/// The query key a successful plain form post comes back with: `__done=<the server
/// function's path>` (added by the server's `form_done` middleware; Leptos itself only
/// reports failures in the address).
pub const DONE_KEY: &str = "__done";

/// Whether the action's last run succeeded: in the browser from its value, on the server
/// (a plain form post, islands mode) from the `__done` the redirect back carried.
pub fn succeeded<S>(a: ServerAction<S>) -> Signal<bool>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let value = a.value();
    let ran_here = Signal::derive(move || value.with(|v| matches!(v, Some(Ok(_)))));
    step_done(ran_here, S::PATH)
}

/// Not generic: built once for all actions.
fn step_done(ran_here: Signal<bool>, fn_path: &'static str) -> Signal<bool> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || ran_here.get() || query.with(|q| q.get_str(DONE_KEY) == Some(fn_path)))
}

fn step_error(value: StepResult) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// The messages for one field of a form whose last submit failed.
#[component]
pub fn FieldErrors(error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field-errors" aria-live="polite">
            {move || error.get().map(|e| e.for_field(field).iter().map(|fe| view! { <p class="error">{field_error_text(i18n.lang.get(), fe)}</p> }).collect_view())}
        </div>
    }
}
