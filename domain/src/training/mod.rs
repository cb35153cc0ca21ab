pub mod attendees;
pub mod booking;
pub mod calendar;
pub mod form;
pub mod ics;
pub mod kind;
pub mod reminder;
