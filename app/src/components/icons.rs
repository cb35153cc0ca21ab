//! Small inline SVG icons for the header and the phone's bottom bar: drawn with strokes in
//! the text colour (`currentColor`), so they follow the link they sit in, and never font
//! glyphs or emoji (a phone without the glyph shows an empty box). Decorative: the svg is
//! `aria-hidden`; the accessible name comes from the link's visible label or its
//! `aria-label`. Plain server-rendered components, not islands: nothing here goes into the
//! WebAssembly bundle. The drawings follow Feather's icons (MIT), on its 24 × 24 grid, circles
//! and rectangles written as paths.
use leptos::prelude::*;

/// Which drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Home,
    /// A clipboard with lines: the request list.
    Requests,
    /// A plus in a circle: a new request.
    NewRequest,
    /// An open book: the knowledge base.
    Knowledge,
    /// Two stacked server units: the equipment archive.
    Equipment,
    /// A wrench: an engineer's own work.
    MyWork,
    /// A ticked box: inspections.
    Inspections,
    /// An inbox tray: the dispatcher's queue.
    Triage,
    /// Three bars: reports.
    Reports,
    /// A speech bubble with an exclamation mark: complaints.
    Complaints,
    /// A briefcase: organizations.
    Organizations,
    /// A page with lines: contracts.
    Contracts,
    /// Three lines: the full menu.
    More,
    /// The notification bell.
    Bell,
    /// A person: the account.
    Account,
}

impl Icon {
    /// The drawing's paths (`d`), in the 24 × 24 grid.
    pub const fn paths(self) -> &'static [&'static str] {
        match self {
            Icon::Home => &["M3 9l9-7 9 7v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z", "M9 22V12h6v10"],
            Icon::Requests => &[
                "M16 4h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2",
                "M9 2h6a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z",
                "M9 12h6",
                "M9 16h6",
            ],
            Icon::NewRequest => &["M2 12a10 10 0 1 0 20 0a10 10 0 1 0-20 0z", "M12 8v8", "M8 12h8"],
            Icon::Knowledge => &["M2 3h6a4 4 0 0 1 4 4v14a3 3 0 0 0-3-3H2z", "M22 3h-6a4 4 0 0 0-4 4v14a3 3 0 0 1 3-3h7z"],
            Icon::Equipment => &[
                "M4 2h16a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z",
                "M4 14h16a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2z",
                "M6 6h.01",
                "M6 18h.01",
            ],
            Icon::MyWork => &[
                "M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.77-3.77a6 6 0 0 1-7.94 7.94l-6.91 6.91a2.12 2.12 0 0 1-3-3l6.91-6.91a6 6 0 0 1 7.94-7.94l-3.76 3.76z",
            ],
            Icon::Inspections => &["M9 11l3 3L22 4", "M21 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11"],
            Icon::Triage => &[
                "M22 12h-6l-2 3h-4l-2-3H2",
                "M5.45 5.11L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z",
            ],
            Icon::Reports => &["M18 20V10", "M12 20V4", "M6 20v-6"],
            Icon::Complaints => &["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z", "M12 7v4", "M12 14h.01"],
            Icon::Organizations => &[
                "M4 7h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z",
                "M16 21V5a2 2 0 0 0-2-2h-4a2 2 0 0 0-2 2v16",
            ],
            Icon::Contracts => &[
                "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z",
                "M14 2v6h6",
                "M16 13H8",
                "M16 17H8",
                "M10 9H8",
            ],
            Icon::More => &["M3 6h18", "M3 12h18", "M3 18h18"],
            Icon::Bell => &["M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9", "M13.73 21a2 2 0 0 1-3.46 0"],
            Icon::Account => &["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", "M8 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0z"],
        }
    }
}

/// One icon, 24 × 24 CSS pixels unless the stylesheet sizes `.icon` otherwise.
#[component]
pub fn SvgIcon(icon: Icon) -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            {icon.paths().iter().map(|d| view! { <path d=*d></path> }).collect_view()}
        </svg>
    }
}
