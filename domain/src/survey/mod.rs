//! Satisfaction surveys that close the loop (issue 5): after a request closes, its requester
//! is asked how it went; an unhappy answer reopens the work until a later survey says the
//! customer is satisfied. The pure rules, shared by the server and the browser:
//!
//! - `settings`: delay, expiry, reminder, low-score threshold, sampling, finality;
//! - `question`: versioned questions (`edit`: what admins may change), the standard set;
//! - `answer`: checking a submitted survey, and its verdict;
//! - `lifecycle`: where a survey stands at a given time, the one reminder, sampling;
//! - `token`: the one-time link that works without signing in (GET shows, POST records);
//! - `followup`: when an answer reopens the work, and when a request counts as satisfied;
//! - `results`: response rate, average, share satisfied, trend, CSV export.
//!
//! Nothing here reads a clock, draws a random number or touches a database: times come in
//! as unix seconds, random bytes and hashes from the server.
pub mod answer;
pub mod followup;
pub mod lifecycle;
pub mod question;
pub mod results;
pub mod settings;
pub mod token;

pub use answer::{validate_answers, verdict, Answer, AnswerValue, ValidAnswers, Verdict};
pub use followup::{counts_as_satisfied, follow_up_needed};
pub use lifecycle::{can_answer, due_at, expires_at, final_at, reminder_at, reminder_due, sampled, status_at, SurveyError, SurveyFacts, SurveyStatus};
pub use question::edit::{add_question, retire, reword};
pub use question::{current_questions, default_questions, ChoiceOption, Condition, QuestionKind, QuestionVersion};
pub use results::csv::{csv_field, summary_cells, to_csv, SUMMARY_COLUMNS};
pub use results::trend::{trend, Period, TrendPoint};
pub use results::{summarize, summarize_by, Filter, GroupBy, Summary, Sums, SurveyRecord};
pub use settings::{validate_settings, SurveySettings};
pub use token::{constant_time_eq, parse_token, token_from_bytes, token_valid, TokenError};
