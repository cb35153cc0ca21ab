//! The matrix entries of surveys.
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        // --- Surveys.
        Entry {
            f: "get_request_survey",
            json: false,
            mutating: false,
            args: &[("number", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.0.closed.clone())])),
        },
        Entry {
            f: "answer_survey",
            json: true,
            mutating: true,
            args: &[("number", Kind::Req), ("answers", Kind::Req)],
            expect: "401 | 200 403 404 404 | 403 403 403 403 403",
            build: build!(|e, a| call_json(json!({ "number": e.closed_and_sent().await.0, "answers": happy() }))),
        },
        Entry {
            f: "waiting_surveys",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // Any token answers 200: an unknown one says the link is not valid (the page shows it).
        Entry {
            f: "get_link_survey",
            json: false,
            mutating: false,
            args: &[("token", Kind::Opt)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("token", e.0.token.clone())])),
        },
        Entry {
            f: "answer_link_survey",
            json: true,
            mutating: true,
            args: &[("token", Kind::Req), ("answers", Kind::Req)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call_json(json!({ "token": e.closed_and_sent().await.1, "answers": happy() }))),
        },
        Entry {
            f: "survey_results",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 200 403 200 | 200 200 403 200 200",
            build: build!(|e, a| call(&[
                ("filter[org]", "".into()),
                ("filter[site]", "".into()),
                ("filter[engineer]", "".into()),
                ("filter[from]", "".into()),
                ("filter[until]", "".into()),
                ("filter[period]", "".into())
            ])),
        },
        Entry {
            f: "get_survey_admin",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "save_survey_settings",
            json: false,
            mutating: true,
            args: &[
                ("delay_minutes", Kind::ZeroOk),
                ("expiry_days", Kind::Req),
                ("reminder_after_days", Kind::ZeroOk),
                ("low_score_threshold", Kind::Req),
                ("sample_percent", Kind::ZeroOk),
                ("final_after_days", Kind::ZeroOk),
            ],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("delay_minutes", "60".into()),
                ("expiry_days", "14".into()),
                ("reminder_after_days", "3".into()),
                ("low_score_threshold", "2".into()),
                ("sample_percent", "100".into()),
                ("final_after_days", "7".into())
            ])),
        },
        Entry {
            f: "set_survey_sampling",
            json: false,
            mutating: true,
            args: &[("organization_id", Kind::Req), ("sample_percent", Kind::EmptyZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("organization_id", e.new_org().await.to_string()), ("sample_percent", "50".into())])),
        },
        Entry {
            f: "add_survey_question",
            json: false,
            mutating: true,
            args: &[
                ("kind", Kind::Req),
                ("text_en", Kind::Text),
                ("text_zh", Kind::Text),
                ("required", Kind::Opt),
                ("shown_when", Kind::Opt),
                ("options_en", Kind::Text),
                ("options_zh", Kind::Text),
                ("max_selected", Kind::Req),
            ],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&question_form(e.next()))),
        },
        Entry {
            f: "reword_survey_question",
            json: false,
            mutating: true,
            args: &[("key", Kind::Req), ("text_en", Kind::Text), ("text_zh", Kind::Text)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("key", e.new_question().await),
                ("text_en", "What went wrong, in a word?".into()),
                ("text_zh", "哪里出了问题？".into())
            ])),
        },
        Entry {
            f: "retire_survey_question",
            json: false,
            mutating: true,
            args: &[("key", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("key", e.new_question().await)])),
        },
    ]
}
