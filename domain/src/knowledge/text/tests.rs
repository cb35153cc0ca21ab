use super::*;

fn t(text: &str, kind: TermKind, start: usize, len: usize) -> Term {
    Term { text: text.to_owned(), kind, start, len }
}

fn texts(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(|t| t.text.as_str()).collect()
}

use TermKind::{Bigram, Unigram, Word};

#[test]
fn the_traditional_table_is_sorted_unique_and_has_no_identity_pairs() {
    assert!(TRADITIONAL_TO_SIMPLIFIED.len() >= 300, "{}", TRADITIONAL_TO_SIMPLIFIED.len());
    for w in TRADITIONAL_TO_SIMPLIFIED.windows(2) {
        assert!(w[0].0 < w[1].0, "sorted, no duplicate key: {:?} {:?}", w[0], w[1]);
    }
    for &(trad, simp) in TRADITIONAL_TO_SIMPLIFIED {
        assert_ne!(trad, simp);
        assert!(is_cjk(trad) && is_cjk(simp), "{trad} {simp}");
        // No chains: a simplified char is never folded again, so folding is idempotent.
        assert!(TRADITIONAL_TO_SIMPLIFIED.binary_search_by_key(&simp, |&(t, _)| t).is_err(), "{simp} is also a key");
    }
}

#[test]
fn the_traditional_table_covers_it_support_vocabulary() {
    let pairs = "機机 紙纸 網网 絡络 電电 腦脑 碼码 體体 備备 線线 統统 與与 開开 關关 設设 錯错 誤误 連连 斷断 報报 據据 數数 庫库 務务 時时 間间 \
                 檔档 這这 個个 們们 來来 對对 會会 過过 還还 點点 變变 確确 認认 證证 題题 檢检 測测 試试 驗验 應应 該该 說说 請请 讓让 換换 從从 \
                 發发 現现 實实 際际 處处 問问 單单 儲储 憶忆 陣阵 鍵键 盤盘 顯显 螢萤 韌韧 驅驱 動动 遠远 訪访 權权 帳帐 號号 錄录 輸输 鎖锁 啟启 \
                 溫温 濕湿 異异 維维 護护 資资 郵邮 掃扫 傳传 憑凭 為为 無无 復复 際际 紀纪 櫃柜 壓压 響响 態态 層层";
    for pair in pairs.split_whitespace() {
        let mut cs = pair.chars();
        let (trad, simp) = (cs.next().unwrap(), cs.next().unwrap());
        assert_eq!(normalize_char(trad), simp, "{trad}");
    }
    // Simplified characters and characters both scripts share are left alone.
    for c in "机纸网打印碟鼠房蓄池乾著".chars() {
        assert_eq!(normalize_char(c), c);
    }
}

#[test]
fn traditional_folding_is_character_level_only() {
    assert_eq!(normalize("印表機卡紙"), "印表机卡纸");
    assert_eq!(normalize("伺服器當機"), "伺服器当机");
}

#[test]
fn full_width_ascii_and_the_ideographic_space_fold_to_ascii() {
    assert_eq!(normalize("ＵＰＳ　ｐａｓｓｗｏｒｄ！１２３"), "ups password!123");
    assert_eq!(normalize_char('\u{FF01}'), '!');
    assert_eq!(normalize_char('\u{FF5E}'), '~');
    assert_eq!(normalize_char('\u{3000}'), ' ');
    // Just outside the block: left alone.
    assert_eq!(normalize_char('\u{FF00}'), '\u{FF00}');
    assert_eq!(normalize_char('\u{FF5F}'), '\u{FF5F}');
}

#[test]
fn case_folds_one_char_to_one_char() {
    assert_eq!(normalize("Password RESET"), "password reset");
    assert_eq!(normalize("ÉCRAN Ökonomie ΣΊΣΥΦΟΣ"), "écran ökonomie σίσυφοσ");
    // İ lower-cases to two chars (i and a combining dot): the first one is kept.
    assert_eq!(normalize("İ"), "i");
    assert_eq!(normalize_char('ẞ'), 'ß');
}

#[test]
fn normalize_keeps_the_number_of_chars() {
    let samples = ["", "İİİ", "ＵＰＳ告警，E01！", "印表機卡紙\u{3000}密碼", "e\u{301}\u{301}\u{200D}👨‍👩‍👧\u{0}\u{7}\r\n\t", "\u{10FFFF}\u{E000}\u{FFFD}"];
    for s in samples {
        assert_eq!(normalize(s).chars().count(), s.chars().count(), "{s:?}");
    }
}

#[test]
fn normalize_char_is_idempotent_for_every_char() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let n = normalize_char(c);
        assert_eq!(normalize_char(n), n, "U+{:04X}", c as u32);
    }
}

#[test]
fn is_cjk_covers_the_ideograph_blocks_only() {
    for c in ['一', '鿿', '㐀', '䶿', '豈', '\u{FAFF}', '\u{20000}', '\u{2FA1F}', '机', '機'] {
        assert!(is_cjk(c), "{c}");
    }
    for c in ['a', '1', '，', '。', 'あ', 'ア', '한', '\u{3000}', '\u{4DC0}', '\u{2FA20}', '〇', '😀'] {
        assert!(!is_cjk(c), "{c}");
    }
}

#[test]
fn a_chinese_run_gives_overlapping_bigrams() {
    assert_eq!(terms("打印机"), vec![t("打印", Bigram, 0, 2), t("印机", Bigram, 1, 2)]);
    assert_eq!(texts(&terms("服务器机房温度告警")), ["服务", "务器", "器机", "机房", "房温", "温度", "度告", "告警"]);
}

#[test]
fn a_run_of_one_chinese_char_is_a_unigram() {
    assert_eq!(terms("机"), vec![t("机", Unigram, 0, 1)]);
    assert_eq!(terms("a 机 b"), vec![t("a", Word, 0, 1), t("机", Unigram, 2, 1), t("b", Word, 4, 1)]);
    assert!(terms("打印机").iter().all(|t| t.kind != Unigram));
}

#[test]
fn mixed_chinese_and_english_split_at_the_script_change() {
    assert_eq!(terms("UPS告警E01"), vec![t("ups", Word, 0, 3), t("告警", Bigram, 3, 2), t("e01", Word, 5, 3)]);
    assert_eq!(
        terms("打印机HP M404卡纸"),
        vec![t("打印", Bigram, 0, 2), t("印机", Bigram, 1, 2), t("hp", Word, 3, 2), t("m404", Word, 6, 4), t("卡纸", Bigram, 10, 2)]
    );
}

#[test]
fn punctuation_breaks_chinese_runs_and_makes_no_terms() {
    assert_eq!(texts(&terms("打印，卡纸")), ["打印", "卡纸"]);
    let punctuation = "，。；：！？、（）【】《》“”‘’…—·「」『』〈〉〔〕～";
    let mut s = String::new();
    for p in punctuation.chars() {
        s.push('机');
        s.push(p);
    }
    assert!(terms(&s).iter().all(|t| t.text == "机" && t.kind == Unigram), "{:?}", terms(&s));
    assert!(terms(punctuation).is_empty());
    assert!(terms(" \t\r\n\u{3000} !?.,;:'\"()[]{}<>/\\|-_=+*&^%$#@~`").is_empty());
}

#[test]
fn emoji_and_symbols_make_no_terms() {
    assert!(terms("😀👍🏽👨‍👩‍👧 ©®™ ← ★ ♥").is_empty());
    assert_eq!(texts(&terms("打印😀机")), ["打印", "机"]);
}

#[test]
fn english_words_follow_the_unicode_word_rules() {
    assert_eq!(texts(&terms("Reset the user's password (v2.0) on 192.168.1.1")), ["reset", "the", "user's", "password", "v2.0", "on", "192.168.1.1"]);
    assert_eq!(texts(&terms("HP-M404, E01")), ["hp", "m404", "e01"]);
    assert_eq!(texts(&terms("Ａｄｍｉｎ１２３")), ["admin123"]);
}

#[test]
fn a_long_word_is_cut_to_forty_chars_and_keeps_its_span() {
    let word = "a".repeat(100);
    let got = terms(&format!("x {word} y"));
    assert_eq!(got, vec![t("x", Word, 0, 1), t(&"a".repeat(WORD_MAX_CHARS), Word, 2, 100), t("y", Word, 103, 1)]);
}

#[test]
fn term_offsets_are_char_offsets_in_the_original() {
    let s = "ＵＰＳ電源告警：E01，請檢查蓄電池。Ünïcödé 機房";
    let chars: Vec<char> = s.chars().collect();
    let got = terms(s);
    assert!(!got.is_empty());
    for term in got {
        let original: String = chars[term.start..term.start + term.len].iter().collect();
        assert_eq!(normalize(&original), term.text, "{term:?}");
    }
}

#[test]
fn unigrams_are_every_chinese_char() {
    assert_eq!(unigrams("UPS告警 E01，机"), vec![t("告", Unigram, 3, 1), t("警", Unigram, 4, 1), t("机", Unigram, 10, 1)]);
    assert_eq!(texts(&unigrams("機房")), ["机", "房"]);
    assert!(unigrams("password").is_empty());
}

#[test]
fn scan_of_titles_gives_each_unigram_once() {
    let mut got = Vec::new();
    scan("机 打印", Scan::TermsAndUnigrams, &mut |t, k, s, l| got.push((t.to_owned(), k, s, l)));
    let expected = [("机", Unigram, 0, 1), ("打", Unigram, 2, 1), ("印", Unigram, 3, 1), ("打印", Bigram, 2, 2)];
    let expected: Vec<_> = expected.iter().map(|&(t, k, s, l)| (t.to_owned(), k, s, l)).collect();
    assert_eq!(got, expected);
}

#[test]
fn query_terms_are_the_terms_of_the_query() {
    let q = query_terms("UPS 告警");
    assert_eq!(q.terms, terms("UPS 告警"));
    assert!(q.phrases.is_empty(), "{:?}", q.phrases);
    assert_eq!(q.last_word_prefix, None);
}

#[test]
fn the_word_being_typed_is_a_prefix() {
    assert_eq!(query_terms("passw").last_word_prefix.as_deref(), Some("passw"));
    assert_eq!(query_terms("Reset PASSW").last_word_prefix.as_deref(), Some("passw"));
    assert_eq!(query_terms("打印机hp").last_word_prefix.as_deref(), Some("hp"));
    // Finished with a space or punctuation, too short, or not a word: no prefix.
    for q in ["passw ", "passw,", "passw。", "p", "reset 密码", "打印", "", "   "] {
        assert_eq!(query_terms(q).last_word_prefix, None, "{q:?}");
    }
}

#[test]
fn phrases_are_long_chinese_runs_and_multi_word_queries() {
    assert_eq!(query_terms("打印机卡纸").phrases, ["打印机卡纸"]);
    assert_eq!(query_terms("印表機卡紙").phrases, ["印表机卡纸"]);
    assert!(query_terms("卡纸").phrases.is_empty());
    assert!(query_terms("卡纸 告警").phrases.is_empty());
    assert_eq!(query_terms("  Password   RESET? ").phrases, ["password reset"]);
    assert_eq!(query_terms("HP M404 打印机卡纸").phrases, ["打印机卡纸", "hp m404 打印机卡纸"]);
    assert_eq!(query_terms("打印机 打印机").phrases, ["打印机"]);
    assert!(query_terms("password").phrases.is_empty());
}

#[test]
fn a_query_is_capped() {
    let long = "word ".repeat(1000) + &"机房温度".repeat(1000);
    let q = query_terms(&long);
    assert_eq!(q.terms.len(), QUERY_TERMS_MAX);
    assert!(q.phrases.len() <= QUERY_PHRASES_MAX);
    let many: String = (0..100).map(|i| format!("打印机{i} ")).collect();
    // The run once (then the whole query, which has many words).
    assert_eq!(query_terms(&many).phrases[0], "打印机");
    assert_eq!(query_terms(&many).phrases.len(), 2);
    let distinct: String = "甲乙丙丁戊己庚辛壬癸子丑".chars().map(|c| format!("{c}{c}{c} ")).collect();
    assert_eq!(query_terms(&distinct).phrases.len(), QUERY_PHRASES_MAX);
}

#[test]
fn weird_input_never_panics() {
    let mut inputs = vec![
        "\u{301}".to_owned(),
        "\u{301}\u{301}机\u{301}a\u{301}".to_owned(),
        "\u{0}\u{1}\u{7F}\u{85}\u{2028}\u{2029}\u{FEFF}\u{200B}".to_owned(),
        "\u{10FFFF}\u{E000}\u{FFFD}\u{D7FF}".to_owned(),
        "🏳️‍🌈".repeat(500),
        "機".repeat(10_000),
        "ａ".repeat(10_000),
        "a\u{301}".repeat(5_000),
    ];
    inputs.push((0..10_000u32).filter_map(|i| char::from_u32(i * 111 % 0x11_0000)).collect());
    for s in inputs {
        let n = s.chars().count();
        for term in terms(&s).into_iter().chain(unigrams(&s)) {
            assert!(term.start + term.len <= n);
            assert!(!term.text.is_empty());
        }
        let q = query_terms(&s);
        assert!(q.terms.len() <= QUERY_TERMS_MAX);
    }
}
