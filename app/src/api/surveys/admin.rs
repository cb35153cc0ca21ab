//! Survey settings and questions (being written).
