//! Building blocks shared by pages.
pub mod form;
pub mod guard;
pub mod layout;
pub mod live;
pub mod pending_uploads;
pub mod queue_list;
pub mod request_bits;
pub mod sla_clock;
pub mod survey_form;
pub mod survey_panel;
pub mod trend_chart;
pub mod survey_question_form;
pub mod users;
pub mod waiting_surveys;
pub mod work_actions;
pub mod work_panel;
pub mod remote_card;
