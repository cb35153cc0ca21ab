//! Types that cross between server and browser. Each is made for the wire: no ORM model,
//! password hash or session token is ever one of these.
use domain::{OrgKind, Role};
use serde::{Deserialize, Serialize};

mod complaints;
mod equipment;
mod home;
mod inspections;
mod knowledge;
mod mail;
mod parts;
mod reports;
mod requests;
mod staff;
mod surveys;
mod training;
mod upgrades;
pub use complaints::*;
pub use equipment::*;
pub use home::*;
pub use inspections::*;
pub use knowledge::*;
pub use mail::*;
pub use parts::*;
pub use reports::*;
pub use requests::*;
pub use staff::*;
pub use surveys::*;
pub use training::*;
pub use upgrades::*;

/// The signed-in user, as the UI needs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub org_id: i32,
    pub org_name: String,
    /// The newest live-event id when this was read: the live feed resumes from here, so
    /// nothing between the page's render and the stream's opening is missed.
    pub live_id: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub id: i32,
    pub name: String,
    pub kind: OrgKind,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSummary {
    pub id: i32,
    pub name: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub role: Role,
    pub active: bool,
    pub site_id: Option<i32>,
}

/// An organization with its sites and users (admin detail page, site manager's user page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgDetail {
    pub org: OrgSummary,
    pub sites: Vec<SiteSummary>,
    pub users: Vec<UserSummary>,
}
