//! Integration tests: the real router on port 0 against a real database, SQLite and
//! PostgreSQL, one fresh database per test. One binary (see zero-to-production) so it links once.
// Tables of cases (caller, function, arguments, expected status) read best written out in place.
#![allow(clippy::type_complexity)]
mod helpers;

mod accounts;
mod admin;
mod assets;
mod assurance;
mod backup;
mod complaints;
mod configs;
mod consistency;
mod contracts;
mod disconnects;
mod equipment;
mod filters;
mod form_done;
mod hardening;
mod health;
mod home;
mod inspections;
mod knowledge;
mod lifecycle;
mod live_gaps;
mod mail_notifications;
mod mail_smtp;
mod matrix;
mod parts;
mod permissions;
mod reports;
mod requests;
mod requests_live;
mod routes;
mod sessions;
mod sites;
mod staff;
mod startup;
mod survey_admin;
mod survey_results;
mod surveys;
mod training;
mod upgrades;
