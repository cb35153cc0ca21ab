//! The provider's spare parts (`/parts`, staff only): every part model with its stock per
//! location and its minimum, parts below their minimum first to the eye; receiving and moving
//! stock (any staff member); part models, locations and minimums (managers and admins); and
//! the latest moves. Plain forms: each works without JavaScript.
use domain::{equipment::stock::MoveKind, Page};
use leptos::prelude::*;

use crate::{
    api::parts::{get_parts, AddPart, AddStockLocation, MoveStock, ReceiveStock, SetPartMinimum},
    components::{
        form::{Field, FormStatus, TextField},
        guard::Guard,
        loaded::Loaded,
        training_bits::local,
    },
    i18n::{use_i18n, Msg},
    model::PartsPage as Data,
};

#[derive(Clone, Copy)]
struct Actions {
    receive: ServerAction<ReceiveStock>,
    move_stock: ServerAction<MoveStock>,
    add_part: ServerAction<AddPart>,
    minimum: ServerAction<SetPartMinimum>,
    location: ServerAction<AddStockLocation>,
}

#[component]
pub fn PartsPage() -> impl IntoView {
    let i18n = use_i18n();
    let a = Actions {
        receive: ServerAction::new(),
        move_stock: ServerAction::new(),
        add_part: ServerAction::new(),
        minimum: ServerAction::new(),
        location: ServerAction::new(),
    };
    let versions = (a.receive.version(), a.move_stock.version(), a.add_part.version(), a.minimum.version(), a.location.version());
    let data = Resource::new(
        move || {
            let (r, m, p, n, l) = versions;
            [r, m, p, n, l].map(|v| v.try_get().unwrap_or(0))
        },
        |_| get_parts(),
    );
    view! {
        <Guard
            page=Page::Parts
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::PartsTitle)}</h1>
                <Loaded resource=data suspense=true let:d>
                    <Stock d=d.clone()/>
                    <div class="columns">
                        <ReceiveForm d=d.clone() a=a/>
                        <MoveForm d=d.clone() a=a/>
                    </div>
                    {d.can_manage.then(|| view! {
                        <div class="columns">
                            <AddPartForm a=a/>
                            <MinimumForm d=d.clone() a=a/>
                            <LocationForm d=d.clone() a=a/>
                        </div>
                    })}
                    <Moves d=d/>
                </Loaded>
            }
        />
    }
}

fn options(items: &[(i32, String)]) -> impl IntoView {
    items.iter().map(|(id, label)| view! { <option value=id.to_string()>{label.clone()}</option> }).collect_view()
}

fn part_options(d: &Data) -> Vec<(i32, String)> {
    d.parts.iter().map(|p| (p.id, format!("{} {}", p.code, p.name))).collect()
}

#[component]
fn Stock(d: Data) -> impl IntoView {
    let i18n = use_i18n();
    if d.parts.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::PartsNone)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap card">
            <table class="parts-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::PartCode)}</th>
                        <th scope="col">{move || i18n.t(Msg::PartName)}</th>
                        <th scope="col">{move || i18n.t(Msg::PartTotal)}</th>
                        <th scope="col">{move || i18n.t(Msg::PartMinimum)}</th>
                        <th scope="col">{move || i18n.t(Msg::PartWhere)}</th>
                    </tr>
                </thead>
                <tbody>
                    {d.parts.into_iter().map(|p| view! {
                        <tr id=format!("part-{}", p.id) class:below-minimum=p.below_minimum data-part=p.code.clone()>
                            <td>{p.code.clone()}</td>
                            <td>{p.name.clone()}</td>
                            <td class="num">
                                <span class="part-total">{p.total}</span>
                                {p.below_minimum.then(|| view! { " " <span class="badge warn">{move || i18n.t(Msg::PartBelowMinimum)}</span> })}
                            </td>
                            <td class="num">{p.minimum}</td>
                            <td>{p.at.iter().map(|(at, n)| format!("{at}: {n}")).collect::<Vec<_>>().join(" · ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ReceiveForm(d: Data, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || a.receive.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(a.receive.value().get(), Some(Ok(()))));
    if d.parts.is_empty() || d.locations.is_empty() {
        return ().into_any();
    }
    let (parts, locations) = (part_options(&d), d.locations.clone());
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsReceive)}</h2>
            <ActionForm action=a.receive attr:class="stack compact" attr:id="receive-form">
                <Field label=Msg::PartName name="part_id" id="rcv-part" error=error>
                    <select id="rcv-part" name="part_id">{options(&parts)}</select>
                </Field>
                <Field label=Msg::PartLocation name="location_id" id="rcv-location" error=error>
                    <select id="rcv-location" name="location_id">{options(&locations)}</select>
                </Field>
                <TextField label=Msg::PartQuantity name="quantity" id="rcv-quantity" input_type="number" required=true error=error value="1".to_string()/>
                <FormStatus error=error done=done success=Msg::Updated/>
                <button type="submit">{move || i18n.t(Msg::PartsReceive)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn MoveForm(d: Data, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || a.move_stock.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(a.move_stock.value().get(), Some(Ok(()))));
    if d.parts.is_empty() || d.locations.len() < 2 {
        return ().into_any();
    }
    let (parts, from, to) = (part_options(&d), d.locations.clone(), d.locations.clone());
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsMove)}</h2>
            <ActionForm action=a.move_stock attr:class="stack compact" attr:id="move-form">
                <Field label=Msg::PartName name="part_id" id="mv-part" error=error>
                    <select id="mv-part" name="part_id">{options(&parts)}</select>
                </Field>
                <Field label=Msg::PartFrom name="from_id" id="mv-from" error=error>
                    <select id="mv-from" name="from_id">{options(&from)}</select>
                </Field>
                <Field label=Msg::PartTo name="to_id" id="mv-to" error=error>
                    <select id="mv-to" name="to_id">{options(&to)}</select>
                </Field>
                <TextField label=Msg::PartQuantity name="quantity" id="mv-quantity" input_type="number" required=true error=error value="1".to_string()/>
                <FormStatus error=error done=done success=Msg::Updated/>
                <button type="submit">{move || i18n.t(Msg::PartsMove)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn AddPartForm(a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || a.add_part.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(a.add_part.value().get(), Some(Ok(_))));
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsAdd)}</h2>
            <ActionForm action=a.add_part attr:class="stack compact" attr:id="add-part-form">
                <TextField label=Msg::PartCode name="code" id="part-code" required=true error=error/>
                <TextField label=Msg::PartName name="name" id="part-name" required=true error=error/>
                <TextField label=Msg::PartMinimum name="minimum" id="part-minimum" input_type="number" required=true error=error value="0".to_string()/>
                <FormStatus error=error done=done success=Msg::Updated/>
                <button type="submit">{move || i18n.t(Msg::PartsAdd)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn MinimumForm(d: Data, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || a.minimum.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(a.minimum.value().get(), Some(Ok(()))));
    if d.parts.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsSetMinimum)}</h2>
            <ActionForm action=a.minimum attr:class="stack compact" attr:id="minimum-form">
                <Field label=Msg::PartName name="part_id" id="min-part" error=error>
                    <select id="min-part" name="part_id">{options(&part_options(&d))}</select>
                </Field>
                <TextField label=Msg::PartMinimum name="minimum" id="min-value" input_type="number" required=true error=error/>
                <FormStatus error=error done=done success=Msg::Updated/>
                <button type="submit">{move || i18n.t(Msg::Save)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn LocationForm(d: Data, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || a.location.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(a.location.value().get(), Some(Ok(_))));
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsAddLocation)}</h2>
            <ActionForm action=a.location attr:class="stack compact" attr:id="location-form">
                <TextField label=Msg::PartLocation name="name" id="loc-name" required=true error=error/>
                <Field label=Msg::PartKitOf name="engineer_id" id="loc-engineer" error=error>
                    <select id="loc-engineer" name="engineer_id">
                        <option value="">{move || i18n.t(Msg::PartWarehouse)}</option>
                        {options(&d.engineers)}
                    </select>
                </Field>
                <FormStatus error=error done=done success=Msg::Updated/>
                <button type="submit">{move || i18n.t(Msg::PartsAddLocation)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Moves(d: Data) -> impl IntoView {
    let i18n = use_i18n();
    if d.moves.is_empty() {
        return ().into_any();
    }
    let kind = |k: MoveKind| match k {
        MoveKind::Receive => Msg::PartsReceived,
        MoveKind::Move => Msg::PartsMoved,
        MoveKind::Use => Msg::PartsUsed,
    };
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::PartsHistory)}</h2>
            <ul class="stock-moves">
                {d.moves.into_iter().map(|m| {
                    let when = chrono::DateTime::from_timestamp(m.at, 0).map(|t| local(t, domain::equipment::WARRANTY_TZ.name())).unwrap_or_default();
                    let route = match (m.from, m.to) {
                        (Some(f), Some(t)) => format!("{f} → {t}"),
                        (Some(f), None) => f,
                        (None, Some(t)) => t,
                        (None, None) => String::new(),
                    };
                    let k = kind(m.kind);
                    view! {
                        <li>
                            <strong>{move || i18n.t(k)}</strong> " " {m.quantity} " × " {m.part} " · " {route}
                            {m.request.map(|n| view! { " · " <a href=domain::href::request(&n)>{n.clone()}</a> })}
                            " " <span class="muted small">{m.by} " · " {when}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
