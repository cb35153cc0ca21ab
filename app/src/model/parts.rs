//! Wire types of the spare parts (staff only: none of these reaches a customer's browser).
use domain::equipment::stock::MoveKind;
use serde::{Deserialize, Serialize};

/// A part model with its stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub minimum: i32,
    pub total: i64,
    pub below_minimum: bool,
    /// (location, quantity) where there are any.
    pub at: Vec<(String, i32)>,
}

/// A line of the stock history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMoveRow {
    /// Unix seconds.
    pub at: i64,
    pub part: String,
    pub kind: MoveKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub quantity: i32,
    /// The service number, for a part used in a request.
    pub request: Option<String>,
    pub by: String,
}

/// The spare-parts page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartsPage {
    pub parts: Vec<PartRow>,
    /// (id, name): where stock can be received or moved to.
    pub locations: Vec<(i32, String)>,
    /// The latest moves, newest first.
    pub moves: Vec<StockMoveRow>,
    /// Managers and admins add part models and locations and set minimums.
    pub can_manage: bool,
    /// (id, name) of the active engineers, whose kit a new location can be.
    pub engineers: Vec<(i32, String)>,
}

/// A part in stock somewhere, as the replace-a-part form offers it: (stock row id, "code name
/// — location (quantity)").
pub type StockChoice = (i32, String);
