//! Everything that touches the database, and nothing that renders. Only the server links this
//! crate (through `app`'s `ssr` feature and the `server` binary), so none of it, nor sea-orm,
//! can reach the WebAssembly bundle.
pub mod connect;
pub mod entity;
pub mod migration;
pub mod password;
pub mod repo;
pub mod seed;
pub mod seed_knowledge;

pub use connect::{connect, Db, DbKind, WriteTx};
pub use sea_orm;
pub use sea_orm::{DatabaseConnection, DbErr};
