//! Survey results (being written).
