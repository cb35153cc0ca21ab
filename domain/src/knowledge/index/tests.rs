use std::{collections::BTreeMap, sync::LazyLock, time::Instant};

use super::*;

#[derive(Clone, Debug, PartialEq)]
struct Meta {
    public: bool,
}

fn doc(id: i32, title: &str, tags: &[&str], body: &str) -> Doc<Meta> {
    Doc {
        id,
        title: title.to_owned(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body: body.to_owned(),
        related: Vec::new(),
        meta: Meta { public: true },
    }
}

/// A small knowledge base as a support team would write it, in both languages.
fn corpus() -> Vec<Doc<Meta>> {
    let mut docs = vec![
        doc(1, "打印机卡纸处理方法", &["打印机", "卡纸"], "HP M404 打印机卡纸时，先关闭电源，打开前盖，轻轻取出卡住的纸张。不要用力拉扯，以免损坏定影组件。"),
        doc(
            2,
            "Printer paper jam (HP LaserJet)",
            &["printer"],
            "When the printer reports a paper jam, turn it off, open the front door and pull the jammed sheet out slowly. 打印机提示卡纸时按此处理。",
        ),
        doc(3, "网络中断排查", &["网络"], "办公室网络中断时，先检查交换机指示灯和网线连接，再确认路由器是否正常。若多台电脑同时断网，请联系网络管理员。"),
        doc(4, "UPS 告警 E01 处理", &["UPS", "电源"], "UPS 面板显示告警 E01 表示蓄电池电压过低。请检查市电输入，并安排更换蓄电池。"),
        doc(5, "机房温度过高告警", &["机房", "环境"], "机房温度超过 27°C 时监控系统会发出告警。检查空调是否运行，清理出风口，必要时开启备用空调。"),
        doc(
            6,
            "How to reset your password",
            &["account"],
            "If you forgot your password, click \"Forgot password\" on the sign-in page. A password reset link is sent to your e-mail. The link expires after 30 minutes.",
        ),
        doc(7, "重置登录密码", &["账号"], "忘记密码时，在登录页点击“忘记密码”，系统会向绑定的邮箱发送重置链接。"),
        doc(8, "备份失败的常见原因", &["备份"], "备份任务失败通常是因为磁盘空间不足、网络中断或者数据库被锁定。请查看备份日志中的错误代码。"),
        doc(9, "Backup job failed: disk full", &["backup"], "The nightly backup failed because the target disk is full. Free up space or add storage, then rerun the job."),
        doc(10, "服务器硬盘故障更换", &["服务器", "硬盘"], "磁盘阵列报告硬盘故障时，确认故障盘位置，在线热插拔更换，并等待阵列重建完成。"),
        doc(11, "Network switch offline", &["network"], "If a switch goes offline, check the power supply and uplink cable. Users on that floor lose network access."),
        doc(12, "扫描仪无法连接电脑", &["扫描仪"], "扫描仪驱动未安装或USB线松动会导致电脑无法识别设备。重新安装驱动后重启电脑。"),
        doc(13, "邮件发送失败", &["邮件"], "Outlook 发送邮件失败时，检查发件服务器设置和密码是否正确。"),
    ];
    docs[0].related = vec!["printer".into()];
    docs[1].related = vec!["Printer".into()];
    docs[3].related = vec!["power".into(), "".into()];
    docs[4].related = vec!["environment".into()];
    docs
}

fn index_of(docs: Vec<Doc<Meta>>) -> Index<Meta> {
    let mut index = Index::new();
    for d in docs {
        index.upsert(d);
    }
    index
}

fn search(index: &Index<Meta>, q: &str) -> Vec<Hit> {
    index.search(q, &SearchOpts::default(), |_| true)
}

fn ids(hits: &[Hit]) -> Vec<i32> {
    hits.iter().map(|h| h.id).collect()
}

fn sorted_ids(hits: &[Hit]) -> Vec<i32> {
    let mut ids = ids(hits);
    ids.sort_unstable();
    ids
}

fn seg(text: &str, hit: bool) -> Segment {
    Segment { text: text.to_owned(), hit }
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn two_character_chinese_queries_find_exactly_the_articles_containing_them() {
    let index = index_of(corpus());
    assert_eq!(sorted_ids(&search(&index, "打印")), [1, 2]);
    assert_eq!(sorted_ids(&search(&index, "卡纸")), [1, 2]);
    assert_eq!(sorted_ids(&search(&index, "机房")), [5]);
    assert_eq!(sorted_ids(&search(&index, "告警")), [4, 5]);
    assert_eq!(sorted_ids(&search(&index, "密码")), [7, 13]);
    assert_eq!(sorted_ids(&search(&index, "中断")), [3, 8]);
    // Characters that are in articles but never next to each other.
    assert!(search(&index, "印卡").is_empty());
    assert!(search(&index, "空警").is_empty());
}

#[test]
fn the_whole_phrase_ranks_above_its_words_apart_above_scattered_characters() {
    let filler = "这是一段关于设备日常维护的说明文字，内容与问题本身关系不大，只用来让正文长度接近。";
    let mut docs = corpus();
    docs.push(doc(21, "常见问题一", &[], &format!("{filler}打印机卡纸了怎么办？{filler}")));
    docs.push(doc(22, "常见问题二", &[], &format!("打印机提示异常。{filler}{filler}纸盒里的纸卡纸了")));
    docs.push(doc(23, "常见问题三", &[], &format!("打印质量差，{filler}机器有异响，{filler}纸张发黄")));
    let index = index_of(docs);
    let hits = search(&index, "打印机卡纸");
    let order: Vec<i32> = ids(&hits).into_iter().filter(|id| [21, 22, 23].contains(id)).collect();
    assert_eq!(order, [21, 22, 23]);
    let score = |id: i32| hits.iter().find(|h| h.id == id).map(|h| h.score).unwrap();
    assert!(score(21) > score(22) && score(22) > score(23));
}

#[test]
fn title_matches_outrank_body_only_matches() {
    let index = index_of(corpus());
    let hits = search(&index, "网络中断");
    assert_eq!(ids(&hits)[..2], [3, 8]);
    let index = index_of(vec![
        doc(1, "General notes", &[], "Check the firmware version before anything else, then restart."),
        doc(2, "Firmware notes", &[], "Check the version before anything else, then restart the device."),
        doc(3, "Other notes", &["firmware"], "Check the version before anything else, then restart the device."),
    ]);
    assert_eq!(ids(&search(&index, "firmware")), [2, 3, 1]);
}

#[test]
fn mixed_chinese_and_english_queries_work() {
    let index = index_of(corpus());
    assert_eq!(ids(&search(&index, "UPS 告警"))[0], 4);
    assert_eq!(ids(&search(&index, "UPS告警"))[0], 4);
    let hits = search(&index, "HP打印机");
    assert_eq!(ids(&hits)[0], 1);
    assert_eq!(sorted_ids(&hits), [1, 2]);
    assert_eq!(ids(&search(&index, "USB线"))[0], 12);
}

#[test]
fn full_width_queries_equal_half_width_ones() {
    let index = index_of(corpus());
    assert_eq!(search(&index, "ＵＰＳ"), search(&index, "UPS"));
    assert!(!search(&index, "ＵＰＳ").is_empty());
    assert_eq!(search(&index, "ｐａｓｓｗｏｒｄ"), search(&index, "password"));
    assert_eq!(search(&index, "ＵＰＳ　告警"), search(&index, "UPS 告警"));
}

#[test]
fn traditional_queries_find_simplified_articles() {
    let index = index_of(corpus());
    let hits = search(&index, "印表機卡紙");
    assert_eq!(sorted_ids(&hits), [1, 2]);
    assert_eq!(sorted_ids(&search(&index, "密碼")), [7, 13]);
    assert_eq!(search(&index, "機房"), search(&index, "机房"));
    // And the other way round: a traditional article is found by a simplified query.
    let index = index_of(vec![doc(1, "伺服器當機", &[], "請檢查電源與網路連線。")]);
    assert_eq!(ids(&search(&index, "电源")), [1]);
    assert_eq!(ids(&search(&index, "当机")), [1]);
    assert_eq!(search(&index, "当机")[0].title, [seg("伺服器", false), seg("當機", true)]);
}

#[test]
fn english_is_case_insensitive() {
    let index = index_of(corpus());
    let hits = search(&index, "PASSWORD");
    assert_eq!(ids(&hits), [6]);
    assert_eq!(hits, search(&index, "password"));
    assert_eq!(search(&index, "Network"), search(&index, "nEtWoRk"));
}

#[test]
fn the_word_being_typed_finds_words_starting_with_it() {
    let index = index_of(corpus());
    assert_eq!(ids(&search(&index, "passw")), [6]);
    assert_eq!(ids(&search(&index, "reset passw")), [6]);
    // A finished word is not completed.
    assert!(search(&index, "passw ").is_empty());
    // Nor a single letter, which would match half the dictionary.
    assert!(search(&index, "p").is_empty());
    // The completion is highlighted in full.
    let hit = &search(&index, "passw")[0];
    assert_eq!(hit.title, [seg("How to reset your ", false), seg("password", true)]);
}

#[test]
fn a_word_typed_in_full_counts_once_not_also_as_its_own_prefix() {
    let index = index_of(vec![doc(1, "Reset", &[], "reset the device"), doc(2, "Other", &[], "nothing to see"), doc(3, "Resets", &[], "resets happen")]);
    let typing = search(&index, "reset");
    let finished = search(&index, "reset ");
    let score = |hits: &[Hit], id: i32| hits.iter().find(|h| h.id == id).map(|h| h.score);
    // Doc 1 has no longer word starting with "reset": same score either way.
    assert_eq!(score(&typing, 1), score(&finished, 1));
    // Doc 3 is found only while typing, through "resets", and below the exact match.
    assert_eq!(score(&finished, 3), None);
    assert_eq!(ids(&typing), [1, 3]);
}

#[test]
fn a_phrase_as_typed_ranks_above_its_words_apart() {
    let index = index_of(vec![
        doc(1, "Account help", &[], "Reset the router first. If the password is lost, call us."),
        doc(2, "Account help", &[], "Use the password reset page. If the router is lost, call us."),
    ]);
    assert_eq!(ids(&search(&index, "password reset")), [2, 1]);
    assert_eq!(ids(&search(&index, "Password Reset")), [2, 1]);
    // The corpus article with the phrase comes first.
    let index = index_of(corpus());
    assert_eq!(ids(&search(&index, "password reset"))[0], 6);
}

#[test]
fn a_single_typed_chinese_character_finds_titles_containing_it() {
    let index = index_of(corpus());
    assert_eq!(sorted_ids(&search(&index, "机")), [1, 5]);
    assert_eq!(sorted_ids(&search(&index, "扫")), [12]);
    // Through a tag as well (doc 7's tag 账号).
    assert_eq!(sorted_ids(&search(&index, "账")), [7]);
    let hit = &search(&index, "扫")[0];
    assert_eq!(hit.title, [seg("扫", true), seg("描仪无法连接电脑", false)]);
    // Bodies have no single characters indexed: 板 is only in doc 4's body.
    assert!(search(&index, "板").is_empty());
}

#[test]
fn highlighting_marks_exactly_the_matched_chars() {
    let index = index_of(corpus());
    let hits = search(&index, "ups告警");
    let hit = &hits[0];
    assert_eq!(hit.id, 4);
    assert_eq!(hit.title, [seg("UPS", true), seg(" ", false), seg("告警", true), seg(" E01 处理", false)]);
    assert_eq!(
        hit.snippet,
        [seg("UPS", true), seg(" 面板显示", false), seg("告警", true), seg(" E01 表示蓄电池电压过低。请检查市电输入，并安排更换蓄电池。", false)]
    );
    // The original text is shown, not the normalised one.
    let index = index_of(vec![doc(1, "印表機卡紙 FAQ", &[], "ＨＰ印表機卡紙時請關機。")]);
    let hit = &search(&index, "卡纸 hp")[0];
    assert_eq!(hit.title, [seg("印表機", false), seg("卡紙", true), seg(" FAQ", false)]);
    assert_eq!(hit.snippet, [seg("ＨＰ", true), seg("印表機", false), seg("卡紙", true), seg("時請關機。", false)]);
}

#[test]
fn the_snippet_is_a_window_around_the_densest_matches_with_ellipses() {
    let body = format!("{}卡纸{}", "前".repeat(100), "后".repeat(100));
    let index = index_of(vec![doc(1, "标题", &[], &body)]);
    let opts = SearchOpts { snippet_chars: 20, ..SearchOpts::default() };
    let hit = &index.search("卡纸", &opts, |_| true)[0];
    assert_eq!(hit.snippet, [seg("…", false), seg(&"前".repeat(9), false), seg("卡纸", true), seg(&"后".repeat(9), false), seg("…", false)]);

    // One match early, three close together later: the window goes to the three.
    let body = format!("告警{}告警一次告警两次告警{}", "。".repeat(100), "。".repeat(100));
    let index = index_of(vec![doc(1, "标题", &[], &body)]);
    let hit = &index.search("告警", &opts, |_| true)[0];
    let text = joined(&hit.snippet);
    assert_eq!(text.matches("告警").count(), 3, "{text}");
    assert_eq!(hit.snippet.first(), Some(&seg("…", false)));

    // Nothing in the body matches: its start.
    let index = index_of(vec![doc(1, "告警说明", &[], &"正文内容。".repeat(20))]);
    let hit = &index.search("告警", &opts, |_| true)[0];
    assert_eq!(hit.snippet, [seg(&"正文内容。".repeat(4), false), seg("…", false)]);
}

#[test]
fn the_snippet_collapses_whitespace_and_is_the_original_text() {
    let index = index_of(vec![doc(1, "Title", &[], "  第一行\n\n   第二行\t\tUPS  告警\r\n")]);
    let hit = &search(&index, "告警")[0];
    assert_eq!(hit.snippet, [seg("第一行 第二行 UPS ", false), seg("告警", true)]);

    // Every snippet of the corpus, for a few queries: without its ellipses it is a piece of the
    // body with whitespace collapsed, starting at the beginning when there is no leading one,
    // and its hits are query terms.
    let docs = corpus();
    let index = index_of(docs.clone());
    let opts = SearchOpts { snippet_chars: 30, ..SearchOpts::default() };
    for q in ["打印机卡纸", "password reset", "告警", "passw", "网络", "backup failed", "Ｕ盘"] {
        for hit in index.search(q, &opts, |_| true) {
            let body = &docs.iter().find(|d| d.id == hit.id).unwrap().body;
            let collapsed = body.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut segments = hit.snippet.as_slice();
            let leading = segments.first() == Some(&seg("…", false));
            if leading {
                segments = &segments[1..];
            }
            if segments.last() == Some(&seg("…", false)) {
                segments = &segments[..segments.len() - 1];
            }
            let text = joined(segments);
            assert!(collapsed.contains(&text), "{q}: {text:?} in {collapsed:?}");
            assert!(leading || collapsed.starts_with(&text), "{q}: {text:?}");
            assert!(text.chars().count() <= 30);
            assert!(segments.windows(2).all(|w| w[0].hit != w[1].hit), "merged: {segments:?}");
            for s in segments.iter().filter(|s| s.hit) {
                let n = normalize(&s.text);
                assert!(!text::query_terms(q).terms.iter().all(|t| !n.contains(&t.text) && !t.text.contains(&n)), "{q}: {n}");
            }
        }
    }
}

#[test]
fn related_hits_come_first() {
    let index = index_of(corpus());
    let plain = search(&index, "告警");
    assert!(plain.iter().all(|h| !h.related));
    let opts = SearchOpts { related: vec!["Environment".into()], ..SearchOpts::default() };
    let hits = index.search("告警", &opts, |_| true);
    assert_eq!(ids(&hits)[0], 5);
    assert!(hits[0].related && !hits[1].related);
    let opts = SearchOpts { related: vec![" ＰＯＷＥＲ ".into()], ..SearchOpts::default() };
    let hits = index.search("告警", &opts, |_| true);
    assert_eq!(ids(&hits), [4, 5]);
    assert!(hits[0].related);
    // A related article still has to match the query; an empty string relates nothing.
    let opts = SearchOpts { related: vec!["power".into(), "".into(), "  ".into()], ..SearchOpts::default() };
    assert_eq!(ids(&index.search("打印", &opts, |_| true)), ids(&search(&index, "打印")));
    let opts = SearchOpts { related: vec!["".into()], ..SearchOpts::default() };
    assert!(index.search("告警", &opts, |_| true).iter().all(|h| !h.related));
}

#[test]
fn articles_not_allowed_never_appear() {
    let mut docs = corpus();
    docs[4].meta.public = false;
    let index = index_of(docs);
    assert_eq!(ids(&index.search("告警", &SearchOpts::default(), |m| m.public)), [4]);
    assert!(index.search("机房", &SearchOpts::default(), |m| m.public).is_empty());
    assert!(index.search("告警", &SearchOpts::default(), |_| false).is_empty());
    // Asked once per candidate article, never for one without a match.
    let asked = std::cell::Cell::new(0);
    index.search("告警 机房 温度", &SearchOpts::default(), |_| {
        asked.set(asked.get() + 1);
        true
    });
    assert_eq!(asked.get(), 2);
}

#[test]
fn limit_caps_the_hits_and_keeps_the_best() {
    let index = index_of(corpus());
    let all = search(&index, "失败");
    assert!(all.len() >= 2);
    for limit in 0..=all.len() + 1 {
        let opts = SearchOpts { limit, ..SearchOpts::default() };
        let hits = index.search("失败", &opts, |_| true);
        assert_eq!(hits, all[..limit.min(all.len())]);
    }
    // And with a phrase bonus in play.
    let all = search(&index, "打印机卡纸");
    let opts = SearchOpts { limit: 1, ..SearchOpts::default() };
    assert_eq!(index.search("打印机卡纸", &opts, |_| true), all[..1]);
}

#[test]
fn equal_scores_are_ordered_by_id() {
    let mut index = Index::new();
    for id in [30, 10, 20, 5, 25] {
        index.upsert(doc(id, "UPS 告警", &[], "同样的正文"));
    }
    let hits = search(&index, "告警");
    assert_eq!(ids(&hits), [5, 10, 20, 25, 30]);
    assert!(hits.windows(2).all(|w| w[0].score == w[1].score));
    let opts = SearchOpts { limit: 2, ..SearchOpts::default() };
    assert_eq!(ids(&index.search("告警", &opts, |_| true)), [5, 10]);
    let opts = SearchOpts { limit: 2, ..SearchOpts::default() };
    assert_eq!(ids(&index.search("ups 告警", &opts, |_| true)), [5, 10]);
}

#[test]
fn empty_or_punctuation_only_queries_find_nothing() {
    let index = index_of(corpus());
    for q in ["", " ", "\u{3000}\t\n", "，。！？", "!!!", "😀", "…", "——"] {
        assert!(search(&index, q).is_empty(), "{q:?}");
    }
    let empty: Index<Meta> = Index::default();
    assert!(empty.is_empty());
    assert!(search(&empty, "告警").is_empty());
}

#[test]
fn extreme_or_weird_input_never_panics() {
    let weird = [
        "机".repeat(10_000),
        "a".repeat(10_000),
        "打印机卡纸 password ".repeat(600),
        "😀\u{0}\u{7}\u{1B}[31m\u{301}\u{200D}\u{FEFF}\u{10FFFF}".repeat(300),
        "\u{301}\u{302}\u{303}".to_owned(),
        (0..10_000u32).filter_map(|i| char::from_u32(i * 111 % 0x11_0000)).collect(),
    ];
    let mut index = index_of(corpus());
    for (i, w) in weird.iter().enumerate() {
        index.upsert(doc(100 + i as i32, w, &[w, "", " "], w));
    }
    index.upsert(doc(200, "", &[], ""));
    for w in &weird {
        for snippet_chars in [0, 1, 2, 120] {
            let opts = SearchOpts { snippet_chars, ..SearchOpts::default() };
            for hit in index.search(w, &opts, |_| true) {
                assert!(hit.score.is_finite());
                assert!(snippet_chars > 0 || hit.snippet.is_empty());
            }
        }
    }
    assert!(!search(&index, "告警").is_empty());
    for i in 0..weird.len() {
        index.remove(100 + i as i32);
    }
    index.remove(200);
    assert_eq!(index.len(), corpus().len());
}

#[test]
fn upsert_replaces_an_article() {
    let mut index = index_of(corpus());
    let n = index.len();
    index.upsert(doc(1, "激光打印机硒鼓更换", &[], "更换硒鼓前先关闭电源。"));
    assert_eq!(index.len(), n);
    assert_eq!(sorted_ids(&search(&index, "卡纸")), [2]);
    assert_eq!(ids(&search(&index, "硒鼓")), [1]);
    assert_eq!(ids(&search(&index, "m404")), Vec::<i32>::new());
    assert_eq!(search(&index, "硒鼓")[0].title[1], seg("硒鼓", true));
}

#[test]
fn remove_forgets_an_article_entirely() {
    let mut index = index_of(corpus());
    let n = index.len();
    assert!(index.meta(12).is_some());
    index.remove(12);
    index.remove(12);
    index.remove(999);
    assert_eq!(index.len(), n - 1);
    assert!(index.meta(12).is_none());
    assert!(search(&index, "扫描仪").is_empty());
    assert!(search(&index, "扫").is_empty());
    // Its words are forgotten too: nothing is completed from them.
    assert!(!index.words.contains_key("usb"));
    for d in corpus() {
        index.remove(d.id);
    }
    assert!(index.is_empty());
    assert!(index.term_ids.is_empty() && index.words.is_empty());
    assert!(index.postings.iter().all(Vec::is_empty));
    assert_eq!(index.total_lens, [0; 3]);
    assert!(search(&index, "告警").is_empty());
}

#[test]
fn meta_is_the_callers_metadata() {
    let mut docs = corpus();
    docs[2].meta.public = false;
    let index = index_of(docs);
    assert_eq!(index.meta(3), Some(&Meta { public: false }));
    assert_eq!(index.meta(4), Some(&Meta { public: true }));
    assert_eq!(index.meta(0), None);
}

/// A deterministic pseudo-random sequence (no `rand` in the domain crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ZH_WORDS: &str = "\
    打印机 卡纸 硒鼓 墨盒 网络 中断 交换机 路由器 网线 服务器 宕机 重启 机房 温度 湿度 空调 告警 蓄电池 电源 断电 备份 \
    还原 失败 数据库 磁盘 阵列 硬盘 故障 更换 密码 重置 登录 账号 锁定 邮件 发送 扫描仪 驱动 安装 显示器 键盘 鼠标 内存 \
    升级 固件 日志 检查 确认 联系 管理员 工程师 巡检 维护 异常 报错 无法 连接 设置 配置 权限 远程 访问 防火墙 病毒 系统 \
    软件 版本 补丁";
const EN_WORDS: &str = "\
    printer paper jam network switch router server restart backup restore \
    failed database disk raid password reset login account locked email \
    scanner driver install firmware upgrade log error ups battery alarm \
    temperature humidity vpn firewall virus windows linux outlook hp dell \
    e01 m404";
const PUNCT: &str = "， 。 、 ： ；";
static ZH: LazyLock<Vec<&str>> = LazyLock::new(|| ZH_WORDS.split_whitespace().collect());
static EN: LazyLock<Vec<&str>> = LazyLock::new(|| EN_WORDS.split_whitespace().collect());
static PUNCTUATION: LazyLock<Vec<&str>> = LazyLock::new(|| PUNCT.split_whitespace().collect());

fn synthetic(rng: &mut Lcg, id: i32, title_chars: usize, body_chars: usize) -> Doc<Meta> {
    let text = |target: usize, rng: &mut Lcg| {
        let mut s = String::new();
        let mut n = 0;
        while n < target {
            let w = if rng.below(4) == 0 { format!(" {} ", rng.pick(&EN)) } else { rng.pick(&ZH).to_owned() };
            n += w.chars().count();
            s.push_str(&w);
            if rng.below(5) == 0 {
                s.push_str(rng.pick(&PUNCTUATION));
                n += 1;
            }
        }
        s
    };
    let title = text(title_chars, rng);
    let body = text(body_chars, rng);
    let tags = vec![rng.pick(&ZH).to_owned(), rng.pick(&EN).to_owned()];
    let related = vec![["printer", "network", "power", "server"][rng.below(4)].to_owned()];
    Doc { id, title, tags, body, related, meta: Meta { public: rng.below(10) != 0 } }
}

const QUERIES: &[&str] = &[
    "打印",
    "卡纸",
    "告警",
    "机房",
    "打印机卡纸",
    "服务器宕机",
    "密码重置",
    "UPS 告警",
    "password",
    "passw",
    "backup failed",
    "网络中断",
    "Ｅ０１",
    "印表機",
    "机",
];

#[test]
fn random_updates_match_a_rebuild_from_scratch() {
    let mut rng = Lcg(42);
    let mut index = Index::new();
    let mut model: BTreeMap<i32, Doc<Meta>> = BTreeMap::new();
    let opts = SearchOpts { limit: 10, related: vec!["power".into()], snippet_chars: 40 };
    for step in 0..1000 {
        let id = rng.below(60) as i32;
        if rng.below(3) == 0 {
            index.remove(id);
            model.remove(&id);
        } else {
            let (t, b) = (5 + rng.below(20), rng.below(200));
            let d = synthetic(&mut rng, id, t, b);
            index.upsert(d.clone());
            model.insert(id, d);
        }
        if step % 100 == 99 || step == 999 {
            let rebuilt = index_of(model.values().cloned().collect());
            assert_eq!(index.len(), rebuilt.len());
            assert_eq!(index.term_ids.len(), rebuilt.term_ids.len());
            assert_eq!(index.words.keys().collect::<Vec<_>>(), rebuilt.words.keys().collect::<Vec<_>>());
            assert_eq!(index.total_lens, rebuilt.total_lens);
            let postings = |i: &Index<Meta>| i.postings.iter().map(Vec::len).sum::<usize>();
            assert_eq!(postings(&index), postings(&rebuilt));
            for q in QUERIES {
                assert_eq!(index.search(q, &opts, |m| m.public), rebuilt.search(q, &opts, |m| m.public), "step {step}, {q}");
            }
            for id in 0..60 {
                assert_eq!(index.meta(id), model.get(&id).map(|d| &d.meta));
            }
        }
    }
    // Postings stay sorted by slot (removal relies on it).
    assert!(index.postings.iter().all(|l| l.windows(2).all(|w| w[0].slot < w[1].slot)));
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Roughly what the index holds on the heap.
fn approx_bytes(index: &Index<Meta>) -> usize {
    let postings: usize = index.postings.iter().map(|l| l.capacity() * size_of::<Posting>() + size_of::<Vec<Posting>>()).sum();
    let terms: usize = index.term_ids.keys().map(|k| k.len() + size_of::<Box<str>>() + 4 + 8).sum();
    let words: usize = index.words.keys().map(|k| k.len() + size_of::<Box<str>>() + 4 + 16).sum();
    let docs: usize = index
        .docs
        .iter()
        .flatten()
        .map(|d| {
            size_of::<Stored<Meta>>()
                + d.title.norm.len()
                + d.body.norm.len()
                + (d.title.changed.len() + d.body.changed.len()) * size_of::<(u32, char)>()
                + d.tags.iter().map(|t| t.len() + 16).sum::<usize>()
                + d.related.iter().map(|t| t.len() + 16).sum::<usize>()
        })
        .sum();
    postings + terms + words + docs + index.lens.len() * 12 + index.slots.len() * 16
}

#[test]
#[ignore = "a benchmark: run in release with --ignored --nocapture"]
fn search_speed_at_20000_articles() {
    let mut rng = Lcg(7);
    let docs: Vec<Doc<Meta>> = (0..20_000).map(|id| synthetic(&mut rng, id, 20, 600)).collect();
    let text_bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();
    let started = Instant::now();
    let mut index = Index::new();
    for d in docs {
        index.upsert(d);
    }
    let build = started.elapsed();
    let postings: usize = index.postings.iter().map(Vec::len).sum();
    println!(
        "build: {:.2} s for {} articles ({:.1} MB of text), {} terms, {} postings, about {:.0} MB",
        build.as_secs_f64(),
        index.len(),
        text_bytes as f64 / 1e6,
        index.term_ids.len(),
        postings,
        approx_bytes(&index) as f64 / 1e6
    );

    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    for _ in 0..40 {
        let n = 1 + rng.below(3);
        queries.push((0..n).map(|_| rng.pick(&ZH)).collect());
        let w = rng.pick(&EN);
        queries.push(w.chars().take(2 + rng.below(4)).collect());
        queries.push(format!("{} {}", rng.pick(&EN), rng.pick(&ZH)));
    }
    let opts = SearchOpts { related: vec!["power".into()], ..SearchOpts::default() };
    let mut times = Vec::new();
    let mut hits = 0;
    for i in 0..2_000 {
        let q = &queries[i % queries.len()];
        let t = Instant::now();
        let found = index.search(q, &opts, |m| m.public);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        hits += found.len();
    }
    times.sort_by(f64::total_cmp);
    let (p50, p99, max) = (percentile(&times, 0.5), percentile(&times, 0.99), times[times.len() - 1]);
    println!("search: 2000 queries ({hits} hits), p50 {p50:.3} ms, p99 {p99:.3} ms, max {max:.3} ms");

    let mut updates = Vec::new();
    for i in 0..200 {
        let d = synthetic(&mut rng, (i * 97) % 20_000, 20, 600);
        let t = Instant::now();
        index.upsert(d);
        updates.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let t = Instant::now();
    index.remove(5);
    let removal = t.elapsed().as_secs_f64() * 1e3;
    updates.sort_by(f64::total_cmp);
    println!(
        "update (upsert of an existing article): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; remove {removal:.3} ms",
        percentile(&updates, 0.5),
        percentile(&updates, 0.99),
        updates[updates.len() - 1]
    );
    if !cfg!(debug_assertions) {
        assert!(p99 < 20.0, "p99 {p99} ms");
        assert!(updates[updates.len() - 1] < 50.0);
    }
}
