//! Words and small pieces of the equipment pages: a category's, a status's and a warranty
//! state's text in the reader's language.
use domain::equipment::{DeviceCategory, DeviceStatus, Warranty};
use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

pub fn category_msg(c: DeviceCategory) -> Msg {
    match c {
        DeviceCategory::Server => Msg::EqCatServer,
        DeviceCategory::Storage => Msg::EqCatStorage,
        DeviceCategory::Network => Msg::EqCatNetwork,
        DeviceCategory::Security => Msg::EqCatSecurity,
        DeviceCategory::Terminal => Msg::EqCatTerminal,
        DeviceCategory::Power => Msg::EqCatPower,
        DeviceCategory::Other => Msg::EqCatOther,
    }
}

pub fn status_msg(s: DeviceStatus) -> Msg {
    match s {
        DeviceStatus::InService => Msg::EqStInService,
        DeviceStatus::Spare => Msg::EqStSpare,
        DeviceStatus::Faulty => Msg::EqStFaulty,
        DeviceStatus::Retired => Msg::EqStRetired,
    }
}

/// The warranty state as a badge: its class says how urgent it is, its text what it is.
#[component]
pub fn WarrantyBadge(w: Warranty) -> impl IntoView {
    let i18n = use_i18n();
    let (class, msg, n) = match w {
        Warranty::Unknown => ("badge muted", Msg::EqWUnknown, 0),
        Warranty::Expired { since_days } => ("badge warn", Msg::EqWExpired, since_days),
        Warranty::EndingSoon { days_left } => ("badge soon", Msg::EqWEndingSoon, days_left),
        Warranty::Covered { days_left } => ("badge ok", Msg::EqWCovered, days_left),
    };
    view! { <span class=class>{move || i18n.t(msg).replace("{n}", &n.to_string())}</span> }
}

/// A device (or an uploaded list) of another organization: "not found", with a 404 while
/// the server renders, as its server function answers.
pub fn refused(e: crate::error::AppError) -> AnyView {
    crate::error::not_found_status(&e);
    let i18n = use_i18n();
    view! { <p class="error">{crate::i18n::error_text(i18n.lang.get(), &e)}</p> }.into_any()
}
