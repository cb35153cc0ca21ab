//! Text to search terms, the same way for an article and for what a customer types, so that
//! both sides meet.
//!
//! Chinese has no spaces between words and a portal cannot ship a dictionary segmenter to the
//! browser, so a run of Chinese characters becomes its overlapping two-character pieces
//! (bigrams: 打印机 gives 打印 and 印机). Most Chinese words are two characters long, and a longer
//! word or phrase is found through its bigrams in a row. Other text is split into words by the
//! Unicode word-boundary rules (UAX #29, done by `unicode-segmentation`).
//!
//! Before that, [`normalize`] folds what customers type differently for the same thing: full-width
//! letters and digits of a Chinese keyboard (ＵＰＳ), upper case, and traditional characters
//! (印表機卡紙 finds 卡纸). It maps one char to one char, so a term's offsets in the normalised
//! text are offsets in the original and the original can be highlighted.
use unicode_segmentation::UnicodeSegmentation;

/// Longer words are cut: a pasted hash or URL must not make huge terms, and nobody types more.
pub const WORD_MAX_CHARS: usize = 40;
/// A pasted page as a query must not cost a search per term.
pub const QUERY_TERMS_MAX: usize = 64;
/// Each phrase costs a substring check per candidate article.
pub const QUERY_PHRASES_MAX: usize = 8;

/// Traditional characters and their simplified form, sorted by the traditional one (binary
/// search). Character by character only: 印表機 becomes 印表机, not the mainland word 打印机,
/// which would need a word table; the common case, the same word in the other script, is covered.
/// Only characters with one simplified form are listed (乾, 著, 瞭 also live in simplified text
/// with another meaning, so they are left alone).
const TRADITIONAL_TO_SIMPLIFIED: &[(char, char)] = &[
    ('亂', '乱'),
    ('來', '来'),
    ('個', '个'),
    ('們', '们'),
    ('偵', '侦'),
    ('備', '备'),
    ('傳', '传'),
    ('傷', '伤'),
    ('僅', '仅'),
    ('價', '价'),
    ('億', '亿'),
    ('優', '优'),
    ('儲', '储'),
    ('兩', '两'),
    ('冊', '册'),
    ('別', '别'),
    ('刪', '删'),
    ('劃', '划'),
    ('劇', '剧'),
    ('勁', '劲'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('勢', '势'),
    ('勵', '励'),
    ('勸', '劝'),
    ('匯', '汇'),
    ('區', '区'),
    ('協', '协'),
    ('卻', '却'),
    ('厭', '厌'),
    ('參', '参'),
    ('員', '员'),
    ('問', '问'),
    ('啓', '启'),
    ('啟', '启'),
    ('單', '单'),
    ('嗎', '吗'),
    ('嘆', '叹'),
    ('噴', '喷'),
    ('噸', '吨'),
    ('嚇', '吓'),
    ('嚴', '严'),
    ('國', '国'),
    ('圍', '围'),
    ('園', '园'),
    ('圓', '圆'),
    ('圖', '图'),
    ('團', '团'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('塊', '块'),
    ('塗', '涂'),
    ('塵', '尘'),
    ('墜', '坠'),
    ('壓', '压'),
    ('壘', '垒'),
    ('壞', '坏'),
    ('壯', '壮'),
    ('壺', '壶'),
    ('壽', '寿'),
    ('夠', '够'),
    ('夢', '梦'),
    ('夾', '夹'),
    ('奧', '奥'),
    ('奪', '夺'),
    ('奮', '奋'),
    ('婦', '妇'),
    ('媽', '妈'),
    ('嬰', '婴'),
    ('孫', '孙'),
    ('學', '学'),
    ('實', '实'),
    ('寧', '宁'),
    ('寫', '写'),
    ('寬', '宽'),
    ('寶', '宝'),
    ('將', '将'),
    ('專', '专'),
    ('尋', '寻'),
    ('對', '对'),
    ('導', '导'),
    ('屆', '届'),
    ('層', '层'),
    ('屬', '属'),
    ('岡', '冈'),
    ('島', '岛'),
    ('峽', '峡'),
    ('崗', '岗'),
    ('嶺', '岭'),
    ('巖', '岩'),
    ('帥', '帅'),
    ('師', '师'),
    ('帳', '帐'),
    ('帶', '带'),
    ('幣', '币'),
    ('幫', '帮'),
    ('幹', '干'),
    ('幾', '几'),
    ('庫', '库'),
    ('廁', '厕'),
    ('廈', '厦'),
    ('廚', '厨'),
    ('廠', '厂'),
    ('廢', '废'),
    ('廣', '广'),
    ('廳', '厅'),
    ('弳', '弪'),
    ('張', '张'),
    ('強', '强'),
    ('彈', '弹'),
    ('彥', '彦'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('徹', '彻'),
    ('恆', '恒'),
    ('恥', '耻'),
    ('悅', '悦'),
    ('惡', '恶'),
    ('惱', '恼'),
    ('惲', '恽'),
    ('愛', '爱'),
    ('愷', '恺'),
    ('態', '态'),
    ('慘', '惨'),
    ('慚', '惭'),
    ('慣', '惯'),
    ('慮', '虑'),
    ('慶', '庆'),
    ('憂', '忧'),
    ('憊', '惫'),
    ('憐', '怜'),
    ('憑', '凭'),
    ('憤', '愤'),
    ('憶', '忆'),
    ('懇', '恳'),
    ('應', '应'),
    ('懶', '懒'),
    ('懷', '怀'),
    ('懸', '悬'),
    ('懼', '惧'),
    ('戀', '恋'),
    ('戰', '战'),
    ('戲', '戏'),
    ('戶', '户'),
    ('拋', '抛'),
    ('挾', '挟'),
    ('捨', '舍'),
    ('掃', '扫'),
    ('掛', '挂'),
    ('揚', '扬'),
    ('換', '换'),
    ('損', '损'),
    ('搖', '摇'),
    ('搶', '抢'),
    ('摟', '搂'),
    ('撥', '拨'),
    ('擁', '拥'),
    ('擇', '择'),
    ('擊', '击'),
    ('擋', '挡'),
    ('據', '据'),
    ('擠', '挤'),
    ('擬', '拟'),
    ('擴', '扩'),
    ('擺', '摆'),
    ('擾', '扰'),
    ('攝', '摄'),
    ('攢', '攒'),
    ('攤', '摊'),
    ('攬', '揽'),
    ('敗', '败'),
    ('敘', '叙'),
    ('敵', '敌'),
    ('數', '数'),
    ('斂', '敛'),
    ('斃', '毙'),
    ('斷', '断'),
    ('時', '时'),
    ('晉', '晋'),
    ('晝', '昼'),
    ('暈', '晕'),
    ('暫', '暂'),
    ('曆', '历'),
    ('曉', '晓'),
    ('書', '书'),
    ('會', '会'),
    ('朧', '胧'),
    ('東', '东'),
    ('條', '条'),
    ('楊', '杨'),
    ('業', '业'),
    ('極', '极'),
    ('構', '构'),
    ('槍', '枪'),
    ('樂', '乐'),
    ('樓', '楼'),
    ('標', '标'),
    ('樞', '枢'),
    ('樣', '样'),
    ('樹', '树'),
    ('橋', '桥'),
    ('機', '机'),
    ('橫', '横'),
    ('檔', '档'),
    ('檢', '检'),
    ('櫃', '柜'),
    ('權', '权'),
    ('歐', '欧'),
    ('歡', '欢'),
    ('歲', '岁'),
    ('歷', '历'),
    ('歸', '归'),
    ('殘', '残'),
    ('殼', '壳'),
    ('毀', '毁'),
    ('氣', '气'),
    ('氫', '氢'),
    ('氬', '氩'),
    ('氾', '泛'),
    ('決', '决'),
    ('沒', '没'),
    ('沖', '冲'),
    ('況', '况'),
    ('洶', '汹'),
    ('淚', '泪'),
    ('淨', '净'),
    ('淪', '沦'),
    ('淺', '浅'),
    ('渦', '涡'),
    ('測', '测'),
    ('渾', '浑'),
    ('湊', '凑'),
    ('湯', '汤'),
    ('準', '准'),
    ('溝', '沟'),
    ('溫', '温'),
    ('滄', '沧'),
    ('滅', '灭'),
    ('滌', '涤'),
    ('滙', '汇'),
    ('滬', '沪'),
    ('滯', '滞'),
    ('滲', '渗'),
    ('滾', '滚'),
    ('滿', '满'),
    ('漁', '渔'),
    ('漢', '汉'),
    ('漲', '涨'),
    ('漸', '渐'),
    ('潑', '泼'),
    ('潔', '洁'),
    ('潛', '潜'),
    ('潤', '润'),
    ('澀', '涩'),
    ('澤', '泽'),
    ('濃', '浓'),
    ('濕', '湿'),
    ('濟', '济'),
    ('濤', '涛'),
    ('濫', '滥'),
    ('濾', '滤'),
    ('瀏', '浏'),
    ('灑', '洒'),
    ('灣', '湾'),
    ('為', '为'),
    ('烏', '乌'),
    ('無', '无'),
    ('煉', '炼'),
    ('煙', '烟'),
    ('煩', '烦'),
    ('熱', '热'),
    ('燈', '灯'),
    ('燒', '烧'),
    ('燙', '烫'),
    ('營', '营'),
    ('爐', '炉'),
    ('爛', '烂'),
    ('爭', '争'),
    ('爺', '爷'),
    ('牆', '墙'),
    ('牽', '牵'),
    ('犧', '牺'),
    ('狀', '状'),
    ('猶', '犹'),
    ('獄', '狱'),
    ('獎', '奖'),
    ('獨', '独'),
    ('獲', '获'),
    ('獵', '猎'),
    ('獻', '献'),
    ('現', '现'),
    ('瑣', '琐'),
    ('環', '环'),
    ('璽', '玺'),
    ('產', '产'),
    ('畢', '毕'),
    ('畫', '画'),
    ('異', '异'),
    ('當', '当'),
    ('瘋', '疯'),
    ('療', '疗'),
    ('癢', '痒'),
    ('發', '发'),
    ('皺', '皱'),
    ('盜', '盗'),
    ('盞', '盏'),
    ('監', '监'),
    ('盤', '盘'),
    ('盧', '卢'),
    ('眾', '众'),
    ('瞞', '瞒'),
    ('矯', '矫'),
    ('確', '确'),
    ('碼', '码'),
    ('礎', '础'),
    ('礦', '矿'),
    ('禍', '祸'),
    ('禪', '禅'),
    ('禮', '礼'),
    ('稅', '税'),
    ('種', '种'),
    ('稱', '称'),
    ('穀', '谷'),
    ('積', '积'),
    ('穩', '稳'),
    ('窩', '窝'),
    ('窮', '穷'),
    ('竄', '窜'),
    ('竅', '窍'),
    ('競', '竞'),
    ('筆', '笔'),
    ('節', '节'),
    ('範', '范'),
    ('築', '筑'),
    ('簡', '简'),
    ('簽', '签'),
    ('籃', '篮'),
    ('籌', '筹'),
    ('籠', '笼'),
    ('籤', '签'),
    ('糧', '粮'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('約', '约'),
    ('紅', '红'),
    ('紋', '纹'),
    ('納', '纳'),
    ('紐', '纽'),
    ('純', '纯'),
    ('紗', '纱'),
    ('紙', '纸'),
    ('級', '级'),
    ('紛', '纷'),
    ('紡', '纺'),
    ('細', '细'),
    ('紳', '绅'),
    ('終', '终'),
    ('組', '组'),
    ('結', '结'),
    ('絕', '绝'),
    ('絞', '绞'),
    ('絡', '络'),
    ('給', '给'),
    ('統', '统'),
    ('絲', '丝'),
    ('綁', '绑'),
    ('經', '经'),
    ('綜', '综'),
    ('綠', '绿'),
    ('維', '维'),
    ('綱', '纲'),
    ('網', '网'),
    ('緊', '紧'),
    ('緒', '绪'),
    ('線', '线'),
    ('締', '缔'),
    ('緣', '缘'),
    ('編', '编'),
    ('緩', '缓'),
    ('練', '练'),
    ('縣', '县'),
    ('縮', '缩'),
    ('縱', '纵'),
    ('總', '总'),
    ('績', '绩'),
    ('織', '织'),
    ('繞', '绕'),
    ('繩', '绳'),
    ('繪', '绘'),
    ('繫', '系'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('纏', '缠'),
    ('纜', '缆'),
    ('罰', '罚'),
    ('罷', '罢'),
    ('羅', '罗'),
    ('義', '义'),
    ('習', '习'),
    ('聖', '圣'),
    ('聞', '闻'),
    ('聯', '联'),
    ('聰', '聪'),
    ('聲', '声'),
    ('聳', '耸'),
    ('職', '职'),
    ('聽', '听'),
    ('肅', '肃'),
    ('脅', '胁'),
    ('脈', '脉'),
    ('脫', '脱'),
    ('腦', '脑'),
    ('腫', '肿'),
    ('膚', '肤'),
    ('膠', '胶'),
    ('膩', '腻'),
    ('臉', '脸'),
    ('臟', '脏'),
    ('臨', '临'),
    ('臺', '台'),
    ('與', '与'),
    ('興', '兴'),
    ('舉', '举'),
    ('舊', '旧'),
    ('艙', '舱'),
    ('艦', '舰'),
    ('艱', '艰'),
    ('華', '华'),
    ('萬', '万'),
    ('蓋', '盖'),
    ('薦', '荐'),
    ('薩', '萨'),
    ('藍', '蓝'),
    ('藝', '艺'),
    ('藥', '药'),
    ('蘇', '苏'),
    ('蘭', '兰'),
    ('處', '处'),
    ('號', '号'),
    ('虧', '亏'),
    ('螢', '萤'),
    ('蟲', '虫'),
    ('蠶', '蚕'),
    ('術', '术'),
    ('衛', '卫'),
    ('衝', '冲'),
    ('裏', '里'),
    ('補', '补'),
    ('裝', '装'),
    ('裡', '里'),
    ('製', '制'),
    ('複', '复'),
    ('襲', '袭'),
    ('見', '见'),
    ('規', '规'),
    ('視', '视'),
    ('親', '亲'),
    ('覺', '觉'),
    ('覽', '览'),
    ('觀', '观'),
    ('觸', '触'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('討', '讨'),
    ('訓', '训'),
    ('記', '记'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('診', '诊'),
    ('註', '注'),
    ('証', '证'),
    ('評', '评'),
    ('詞', '词'),
    ('試', '试'),
    ('話', '话'),
    ('該', '该'),
    ('詳', '详'),
    ('誌', '志'),
    ('認', '认'),
    ('語', '语'),
    ('誤', '误'),
    ('說', '说'),
    ('誰', '谁'),
    ('課', '课'),
    ('調', '调'),
    ('談', '谈'),
    ('請', '请'),
    ('論', '论'),
    ('諸', '诸'),
    ('謀', '谋'),
    ('謂', '谓'),
    ('講', '讲'),
    ('謝', '谢'),
    ('謠', '谣'),
    ('證', '证'),
    ('識', '识'),
    ('譯', '译'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('讓', '让'),
    ('豈', '岂'),
    ('豎', '竖'),
    ('豐', '丰'),
    ('貓', '猫'),
    ('貝', '贝'),
    ('負', '负'),
    ('財', '财'),
    ('貢', '贡'),
    ('貨', '货'),
    ('販', '贩'),
    ('貪', '贪'),
    ('貫', '贯'),
    ('責', '责'),
    ('貴', '贵'),
    ('買', '买'),
    ('貸', '贷'),
    ('費', '费'),
    ('貼', '贴'),
    ('貿', '贸'),
    ('賀', '贺'),
    ('資', '资'),
    ('賊', '贼'),
    ('賓', '宾'),
    ('賜', '赐'),
    ('賞', '赏'),
    ('賠', '赔'),
    ('賢', '贤'),
    ('賣', '卖'),
    ('賤', '贱'),
    ('質', '质'),
    ('賬', '账'),
    ('賭', '赌'),
    ('購', '购'),
    ('賽', '赛'),
    ('贈', '赠'),
    ('贊', '赞'),
    ('贏', '赢'),
    ('趕', '赶'),
    ('趙', '赵'),
    ('趨', '趋'),
    ('跡', '迹'),
    ('踐', '践'),
    ('蹤', '踪'),
    ('躍', '跃'),
    ('車', '车'),
    ('軌', '轨'),
    ('軍', '军'),
    ('軒', '轩'),
    ('軟', '软'),
    ('軸', '轴'),
    ('較', '较'),
    ('載', '载'),
    ('輔', '辅'),
    ('輕', '轻'),
    ('輛', '辆'),
    ('輝', '辉'),
    ('輩', '辈'),
    ('輪', '轮'),
    ('輯', '辑'),
    ('輸', '输'),
    ('轄', '辖'),
    ('轉', '转'),
    ('轟', '轰'),
    ('辦', '办'),
    ('辭', '辞'),
    ('農', '农'),
    ('迴', '回'),
    ('這', '这'),
    ('連', '连'),
    ('週', '周'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('違', '违'),
    ('遙', '遥'),
    ('遞', '递'),
    ('遠', '远'),
    ('適', '适'),
    ('遲', '迟'),
    ('遷', '迁'),
    ('選', '选'),
    ('遺', '遗'),
    ('遼', '辽'),
    ('邁', '迈'),
    ('還', '还'),
    ('邊', '边'),
    ('邏', '逻'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('鄭', '郑'),
    ('鄰', '邻'),
    ('醜', '丑'),
    ('醫', '医'),
    ('釋', '释'),
    ('針', '针'),
    ('鈍', '钝'),
    ('鈔', '钞'),
    ('鈕', '钮'),
    ('鈴', '铃'),
    ('鉛', '铅'),
    ('銀', '银'),
    ('銅', '铜'),
    ('銳', '锐'),
    ('銷', '销'),
    ('鋒', '锋'),
    ('鋪', '铺'),
    ('鋼', '钢'),
    ('錄', '录'),
    ('錢', '钱'),
    ('錦', '锦'),
    ('錯', '错'),
    ('錶', '表'),
    ('鍋', '锅'),
    ('鍵', '键'),
    ('鎖', '锁'),
    ('鎮', '镇'),
    ('鏈', '链'),
    ('鏡', '镜'),
    ('鐘', '钟'),
    ('鐵', '铁'),
    ('鑑', '鉴'),
    ('鑰', '钥'),
    ('長', '长'),
    ('門', '门'),
    ('閃', '闪'),
    ('閉', '闭'),
    ('開', '开'),
    ('閒', '闲'),
    ('間', '间'),
    ('閘', '闸'),
    ('閣', '阁'),
    ('閥', '阀'),
    ('閱', '阅'),
    ('闆', '板'),
    ('闊', '阔'),
    ('闖', '闯'),
    ('關', '关'),
    ('闡', '阐'),
    ('陣', '阵'),
    ('陰', '阴'),
    ('陳', '陈'),
    ('陸', '陆'),
    ('陽', '阳'),
    ('隊', '队'),
    ('階', '阶'),
    ('際', '际'),
    ('隨', '随'),
    ('險', '险'),
    ('隱', '隐'),
    ('隸', '隶'),
    ('隻', '只'),
    ('雖', '虽'),
    ('雙', '双'),
    ('雜', '杂'),
    ('雞', '鸡'),
    ('離', '离'),
    ('難', '难'),
    ('雲', '云'),
    ('電', '电'),
    ('霧', '雾'),
    ('靈', '灵'),
    ('靜', '静'),
    ('韌', '韧'),
    ('響', '响'),
    ('頁', '页'),
    ('頂', '顶'),
    ('項', '项'),
    ('順', '顺'),
    ('須', '须'),
    ('預', '预'),
    ('頑', '顽'),
    ('頒', '颁'),
    ('頓', '顿'),
    ('頗', '颇'),
    ('領', '领'),
    ('頭', '头'),
    ('頸', '颈'),
    ('頻', '频'),
    ('顆', '颗'),
    ('題', '题'),
    ('額', '额'),
    ('顏', '颜'),
    ('願', '愿'),
    ('類', '类'),
    ('顧', '顾'),
    ('顯', '显'),
    ('風', '风'),
    ('颱', '台'),
    ('飄', '飘'),
    ('飛', '飞'),
    ('飯', '饭'),
    ('飲', '饮'),
    ('飼', '饲'),
    ('飽', '饱'),
    ('飾', '饰'),
    ('餘', '余'),
    ('館', '馆'),
    ('饋', '馈'),
    ('饑', '饥'),
    ('馬', '马'),
    ('馮', '冯'),
    ('駁', '驳'),
    ('駐', '驻'),
    ('駕', '驾'),
    ('駛', '驶'),
    ('騰', '腾'),
    ('騷', '骚'),
    ('驅', '驱'),
    ('驗', '验'),
    ('驚', '惊'),
    ('驟', '骤'),
    ('髒', '脏'),
    ('體', '体'),
    ('髮', '发'),
    ('鬆', '松'),
    ('鬥', '斗'),
    ('鬧', '闹'),
    ('魚', '鱼'),
    ('魯', '鲁'),
    ('鮮', '鲜'),
    ('鳥', '鸟'),
    ('鳴', '鸣'),
    ('鴻', '鸿'),
    ('鵝', '鹅'),
    ('麗', '丽'),
    ('麥', '麦'),
    ('麵', '面'),
    ('黃', '黄'),
    ('點', '点'),
    ('黨', '党'),
    ('黴', '霉'),
    ('齊', '齐'),
    ('齒', '齿'),
    ('齡', '龄'),
    ('龍', '龙'),
    ('龜', '龟'),
];

/// Folds one char to the form it is indexed and searched in: full-width ASCII (U+FF01..=U+FF5E)
/// to ASCII, the ideographic space to a space, lower case (the first char of the lower-case form,
/// so that the mapping stays one char to one char), traditional Chinese to simplified.
pub fn normalize_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase()),
        '\u{3000}' => ' ',
        _ if is_cjk(c) => match TRADITIONAL_TO_SIMPLIFIED.binary_search_by_key(&c, |&(t, _)| t) {
            Ok(i) => TRADITIONAL_TO_SIMPLIFIED[i].1,
            Err(_) => c,
        },
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// `s` with every char folded by [`normalize_char`]: exactly as many chars as `s`, so the n-th
/// char of the result is the n-th char of `s` folded.
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// Chinese characters (CJK Unified Ideographs, Extension A, the compatibility ideographs and the
/// supplementary planes' extensions): the text that has no spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A word of non-Chinese text (letters, digits), lower case.
    Word,
    /// Two Chinese characters in a row.
    Bigram,
    /// One Chinese character: a run of one character, or every character of a title or tag.
    Unigram,
}

/// One search term of a text. `start` and `len` count chars of the text it came from (the same
/// in the original and the normalised text). `text` is normalised; a word cut to
/// [`WORD_MAX_CHARS`] keeps the whole word's span, so a highlight covers the whole word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    pub start: usize,
    pub len: usize,
}

/// Which terms [`scan`] produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scan {
    /// [`terms`]: bigrams, words, and a unigram for a run of one character.
    Terms,
    /// [`unigrams`]: every Chinese character, nothing else.
    Unigrams,
    /// Both at once, each unigram once (titles and tags are indexed so).
    TermsAndUnigrams,
}

/// Calls `f(text, kind, start, len)` for each term of `norm`, which must be normalised already,
/// in order of `start`. The texts are slices of `norm`: indexing does not allocate per term.
pub(crate) fn scan<'a>(norm: &'a str, what: Scan, f: &mut impl FnMut(&'a str, TermKind, usize, usize)) {
    let terms = what != Scan::Unigrams;
    let all_unigrams = what != Scan::Terms;
    let mut chars = norm.char_indices().peekable();
    // Chars before the current one.
    let mut pos = 0usize;
    while let Some(&(run_start, first)) = chars.peek() {
        if is_cjk(first) {
            let run_pos = pos;
            let mut prev: Option<usize> = None;
            let mut run_end = run_start;
            while let Some(&(b, c)) = chars.peek() {
                if !is_cjk(c) {
                    break;
                }
                chars.next();
                run_end = b + c.len_utf8();
                if all_unigrams {
                    f(&norm[b..run_end], TermKind::Unigram, pos, 1);
                }
                if let (true, Some(p)) = (terms, prev) {
                    f(&norm[p..run_end], TermKind::Bigram, pos - 1, 2);
                }
                prev = Some(b);
                pos += 1;
            }
            // A lone character is a term of its own (a one-character word, or a customer who has
            // typed one character so far); in longer runs the bigrams carry it.
            if terms && !all_unigrams && pos - run_pos == 1 {
                f(&norm[run_start..run_end], TermKind::Unigram, run_pos, 1);
            }
        } else {
            let mut run_end = norm.len();
            while let Some(&(b, c)) = chars.peek() {
                if is_cjk(c) {
                    run_end = b;
                    break;
                }
                chars.next();
            }
            let run = &norm[run_start..run_end];
            if !terms {
                pos += run.chars().count();
                continue;
            }
            for segment in run.split_word_bounds() {
                let n = segment.chars().count();
                if segment.chars().any(char::is_alphanumeric) {
                    let text = match segment.char_indices().nth(WORD_MAX_CHARS) {
                        Some((cut, _)) => &segment[..cut],
                        None => segment,
                    };
                    f(text, TermKind::Word, pos, n);
                }
                pos += n;
            }
        }
    }
}

fn collect(s: &str, what: Scan) -> Vec<Term> {
    let norm = normalize(s);
    let mut out = Vec::new();
    scan(&norm, what, &mut |text, kind, start, len| out.push(Term { text: text.to_owned(), kind, start, len }));
    out
}

/// The search terms of `s`: for each run of Chinese characters its overlapping bigrams (and the
/// character itself when the run is one character long), for other text its words. Punctuation,
/// symbols, emoji and whitespace make no terms and end a run of Chinese characters.
pub fn terms(s: &str) -> Vec<Term> {
    collect(s, Scan::Terms)
}

/// Every Chinese character of `s` as a unigram. Titles and tags are indexed with these too, so
/// that the first character a customer types already finds titles; bodies are not (memory).
pub fn unigrams(s: &str) -> Vec<Term> {
    collect(s, Scan::Unigrams)
}

/// What a search looks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The query's [`terms`], the first [`QUERY_TERMS_MAX`].
    pub terms: Vec<Term>,
    /// Normalised pieces of the query that rank higher when found as typed: each run of three or
    /// more Chinese characters (two are a single bigram already), and the whole query when it has
    /// two or more words (whitespace runs as one space, punctuation at the ends dropped).
    pub phrases: Vec<String>,
    /// The last word while the customer is still typing it (the query ends inside it, and it has
    /// two chars or more): every indexed word starting with it matches too, so "passw" finds
    /// "password".
    pub last_word_prefix: Option<String>,
}

/// Reads a query the way [`terms`] reads an article, plus its phrases and the word being typed.
pub fn query_terms(q: &str) -> Query {
    let norm = normalize(q);
    let mut terms = Vec::new();
    scan(&norm, Scan::Terms, &mut |text, kind, start, len| {
        if terms.len() < QUERY_TERMS_MAX {
            terms.push(Term { text: text.to_owned(), kind, start, len });
        }
    });
    let mut phrases: Vec<String> = Vec::new();
    let mut run = String::new();
    let mut run_chars = 0usize;
    // The space after the query ends its last run.
    for c in norm.chars().chain(std::iter::once(' ')) {
        if is_cjk(c) {
            run.push(c);
            run_chars += 1;
            continue;
        }
        if run_chars >= 3 && !phrases.contains(&run) && phrases.len() < QUERY_PHRASES_MAX {
            phrases.push(std::mem::take(&mut run));
        }
        run.clear();
        run_chars = 0;
    }
    if terms.iter().filter(|t| t.kind == TermKind::Word).count() >= 2 {
        let whole = norm.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = whole.trim_matches(|c: char| !c.is_alphanumeric());
        if !whole.is_empty() && !phrases.iter().any(|p| p == whole) && phrases.len() < QUERY_PHRASES_MAX {
            phrases.push(whole.to_owned());
        }
    }
    let last_word_prefix =
        terms.last().filter(|t| t.kind == TermKind::Word && t.start + t.len == norm.chars().count() && t.text.chars().count() >= 2).map(|t| t.text.clone());
    Query { terms, phrases, last_word_prefix }
}

#[cfg(test)]
mod tests;
