//! Building blocks shared by pages.
pub mod complaint_bits;
pub mod drafts;
pub mod duty_card;
pub mod equipment_bits;
pub mod form;
pub mod guard;
pub mod icons;
pub mod inspection_bits;
pub mod inspection_clock;
pub mod islands;
pub mod kb_bits;
pub mod kb_suggest;
pub mod layout;
pub mod live;
pub mod loaded;
pub mod mail_bits;
pub mod notice_text;
pub mod pending_uploads;
pub mod queue_list;
pub mod remote_card;
pub mod report_bits;
pub mod report_sections;
pub mod request_bits;
pub mod sla_clock;
pub mod survey_form;
pub mod survey_panel;
pub mod survey_question_form;
pub mod training_bits;
pub mod trend_chart;
pub mod upgrade_bits;
pub mod users;
pub mod waiting_surveys;
pub mod work_actions;
pub mod work_panel;

/// A count the server stops counting past `cap` (it reports `cap + 1` for "more"): exact up to
/// `cap`, then "`cap`+" (the bell's "99+", a home card's "10000+").
pub fn capped_count(n: u64, cap: u64) -> String {
    if n > cap {
        format!("{cap}+")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_past_the_cap_read_cap_plus() {
        assert_eq!(super::capped_count(0, 99), "0");
        assert_eq!(super::capped_count(99, 99), "99");
        assert_eq!(super::capped_count(100, 99), "99+");
        assert_eq!(super::capped_count(10_001, 10_000), "10000+");
    }
}
