//! Checklist templates and the answers an engineer gives on site.
//!
//! Managers write a template as lines of text, one item a line, five fields split by `;`
//! (or the full-width `；` a Chinese keyboard types):
//!
//! ```text
//! section; kind; label; details; applies to
//! environment; reading; 机房温度 Machine room temperature; °C 18..27; site; temp_min_c temp_max_c
//! power; pass_fail; UPS 自检 UPS self-test; ; power
//! hardware; choice; 风扇 Fans; normal, noisy*, stopped*; server storage
//! ```
//!
//! - `section`: software, hardware, power, alarms, environment.
//! - `kind`: `pass_fail`, `reading` (details: the unit, then the acceptable range `min..max`,
//!   either end may be left open), `choice` (details: the options, those marked `*` are
//!   findings), `text`, `photo`.
//! - `applies to`: device categories (server, storage, network, security, terminal, power,
//!   other), or `site` for an item answered once for the whole site.
//! - an optional sixth field names the site profile's environment fields the item verifies.
//!
//! A template is stored as its items (JSON) with a version; an inspection keeps the version it
//! was planned with, so editing a template never changes the meaning of a past answer.
use serde::{Deserialize, Serialize};

use crate::{
    equipment::{site_profile::EnvField, DeviceCategory},
    error_code::ErrorCode,
};

pub const ITEMS_MAX: usize = 200;
pub const LABEL_MAX: usize = 200;
pub const OPTIONS_MAX: usize = 20;
pub const NAME_MAX: usize = 100;
/// What an engineer types as a text answer or a note.
pub const ANSWER_MAX: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Software,
    Hardware,
    Power,
    Alarms,
    Environment,
}

impl Section {
    pub const ALL: [Section; 5] = [Section::Software, Section::Hardware, Section::Power, Section::Alarms, Section::Environment];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Software => "software",
            Section::Hardware => "hardware",
            Section::Power => "power",
            Section::Alarms => "alarms",
            Section::Environment => "environment",
        }
    }

    /// The English name or the Chinese one.
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.trim().to_lowercase();
        Section::ALL.into_iter().find(|x| x.as_str() == s).or(match s.as_str() {
            "软件" => Some(Section::Software),
            "硬件" => Some(Section::Hardware),
            "电源" | "供电" => Some(Section::Power),
            "告警" => Some(Section::Alarms),
            "环境" => Some(Section::Environment),
            _ => None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemKind {
    PassFail,
    /// A number with its unit; outside `[min, max]` it is a finding.
    Reading {
        unit: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// One of `options`; those in `findings` are findings.
    Choice {
        options: Vec<String>,
        findings: Vec<String>,
    },
    Text,
    Photo,
}

impl ItemKind {
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::PassFail => "pass_fail",
            ItemKind::Reading { .. } => "reading",
            ItemKind::Choice { .. } => "choice",
            ItemKind::Text => "text",
            ItemKind::Photo => "photo",
        }
    }

    /// The acceptable range as shown beside a reading, e.g. "18–27 °C", "≤ 60 %".
    pub fn range_text(&self) -> Option<String> {
        let ItemKind::Reading { unit, min, max } = self else { return None };
        let n = |v: f64| format!("{v}");
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("{}–{}", n(*a), n(*b)),
            (Some(a), None) => format!("≥ {}", n(*a)),
            (None, Some(b)) => format!("≤ {}", n(*b)),
            (None, None) => return Some(unit.clone()),
        };
        Some(if unit.is_empty() { range } else { format!("{range} {unit}") })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique within its template version ("1", "2", ...): answers refer to it.
    pub key: String,
    pub section: Section,
    pub label: String,
    #[serde(flatten)]
    pub kind: ItemKind,
    /// The device categories it is asked for; empty: once for the whole site.
    pub categories: Vec<DeviceCategory>,
    /// Environment fields of the site profile an answer verifies.
    #[serde(default)]
    pub env: Vec<EnvField>,
}

impl Item {
    pub fn per_site(&self) -> bool {
        self.categories.is_empty()
    }

    pub fn applies_to(&self, category: DeviceCategory) -> bool {
        self.categories.contains(&category)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub items: Vec<Item>,
}

/// A line of the template text that cannot be read: its number (from 1) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: usize,
    pub code: ErrorCode,
    /// The field of the line (1-based) that is wrong.
    pub field: usize,
}

impl LineProblem {
    /// The code a form shows: the line and field, or the whole template's problem.
    pub fn code(&self) -> ErrorCode {
        if self.line == 0 {
            self.code.clone()
        } else {
            ErrorCode::BadLine { line: self.line, field: self.field }
        }
    }
}

fn fields(line: &str) -> Vec<String> {
    line.replace('；', ";").split(';').map(|f| f.trim().to_string()).collect()
}

/// Full-width digits and signs typed on a Chinese keyboard, and a decimal comma, read as
/// ASCII so "２３．５" and "23,5" are 23.5.
pub fn parse_number(raw: &str) -> Option<f64> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | ',' | '，' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            c => c,
        })
        .collect();
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_details(kind: &str, details: &str) -> Result<ItemKind, (usize, ErrorCode)> {
    match kind {
        "pass_fail" => Ok(ItemKind::PassFail),
        "text" => Ok(ItemKind::Text),
        "photo" => Ok(ItemKind::Photo),
        "reading" => {
            // "°C 18..27": the unit is whatever is not the range.
            let (unit, range) = match details.rsplit_once(char::is_whitespace) {
                Some((u, r)) if r.contains("..") => (u.trim().to_string(), r),
                _ if details.contains("..") => (String::new(), details),
                _ => (details.trim().to_string(), ""),
            };
            let (min, max) = if range.is_empty() {
                (None, None)
            } else {
                let (a, b) = range.split_once("..").ok_or((4, ErrorCode::InvalidNumber))?;
                let end = |s: &str| if s.trim().is_empty() { Ok(None) } else { parse_number(s).map(Some).ok_or((4, ErrorCode::InvalidNumber)) };
                (end(a)?, end(b)?)
            };
            if let (Some(a), Some(b)) = (min, max) {
                if b < a {
                    return Err((4, ErrorCode::InvalidNumber));
                }
            }
            if unit.chars().count() > 20 {
                return Err((4, ErrorCode::TooLong { max: 20 }));
            }
            Ok(ItemKind::Reading { unit, min, max })
        }
        "choice" => {
            let mut options = vec![];
            let mut findings = vec![];
            for o in details.replace('，', ",").split(',').map(str::trim).filter(|o| !o.is_empty()) {
                let (name, bad) = match o.strip_suffix('*') {
                    Some(n) => (n.trim().to_string(), true),
                    None => (o.to_string(), false),
                };
                if name.is_empty() || options.contains(&name) {
                    return Err((4, ErrorCode::InvalidNumber));
                }
                if bad {
                    findings.push(name.clone());
                }
                options.push(name);
            }
            if options.len() < 2 || options.len() > OPTIONS_MAX {
                return Err((4, ErrorCode::InvalidNumber));
            }
            Ok(ItemKind::Choice { options, findings })
        }
        _ => Err((2, ErrorCode::InvalidChoice)),
    }
}

/// Reads a template's text; every line that cannot be read is reported (blank lines and lines
/// starting with `#` are skipped).
pub fn parse_template(text: &str) -> Result<Template, Vec<LineProblem>> {
    let mut items = vec![];
    let mut problems = vec![];
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let bad = |field: usize, code: ErrorCode| LineProblem { line: i + 1, code, field };
        let f = fields(t);
        if f.len() < 5 || f.len() > 6 {
            problems.push(bad(0, ErrorCode::InvalidNumber));
            continue;
        }
        let Some(section) = Section::parse(&f[0]) else {
            problems.push(bad(1, ErrorCode::InvalidChoice));
            continue;
        };
        let label = f[2].clone();
        if label.is_empty() {
            problems.push(bad(3, ErrorCode::Required));
            continue;
        }
        if label.chars().count() > LABEL_MAX {
            problems.push(bad(3, ErrorCode::TooLong { max: LABEL_MAX }));
            continue;
        }
        let kind = match parse_details(&f[1].to_lowercase(), &f[3]) {
            Ok(k) => k,
            Err((field, code)) => {
                problems.push(bad(field, code));
                continue;
            }
        };
        let applies = f[4].to_lowercase();
        let mut categories = vec![];
        let mut ok = true;
        for c in applies.split([',', ' ', '，']).filter(|c| !c.is_empty()) {
            match (c, DeviceCategory::parse(c)) {
                ("site", _) => {}
                (_, Some(cat)) if !categories.contains(&cat) => categories.push(cat),
                (_, Some(_)) => {}
                (_, None) => ok = false,
            }
        }
        if !ok {
            problems.push(bad(5, ErrorCode::InvalidChoice));
            continue;
        }
        let mut env = vec![];
        if let Some(e) = f.get(5) {
            for name in e.split([',', ' ']).filter(|n| !n.is_empty()) {
                match EnvField::parse(name) {
                    Some(field) => env.push(field),
                    None => ok = false,
                }
            }
        }
        if !ok {
            problems.push(bad(6, ErrorCode::InvalidChoice));
            continue;
        }
        items.push(Item { key: (items.len() + 1).to_string(), section, label, kind, categories, env });
    }
    if items.is_empty() && problems.is_empty() {
        problems.push(LineProblem { line: 0, code: ErrorCode::Required, field: 0 });
    }
    if items.len() > ITEMS_MAX {
        problems.push(LineProblem { line: 0, code: ErrorCode::TooMany { max: ITEMS_MAX }, field: 0 });
    }
    if problems.is_empty() {
        Ok(Template { items })
    } else {
        Err(problems)
    }
}

/// The template as the editor shows it: [`parse_template`] reads it back to the same items.
pub fn template_text(t: &Template) -> String {
    let mut out = String::new();
    for i in &t.items {
        let details = match &i.kind {
            ItemKind::Reading { unit, min, max } => {
                let range = match (min, max) {
                    (None, None) => String::new(),
                    _ => format!("{}..{}", min.map(|v| v.to_string()).unwrap_or_default(), max.map(|v| v.to_string()).unwrap_or_default()),
                };
                [unit.as_str(), range.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
            }
            ItemKind::Choice { options, findings } => {
                options.iter().map(|o| if findings.contains(o) { format!("{o}*") } else { o.clone() }).collect::<Vec<_>>().join(", ")
            }
            _ => String::new(),
        };
        let applies = if i.categories.is_empty() { "site".to_string() } else { i.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ") };
        out.push_str(&format!("{}; {}; {}; {}; {}", i.section.as_str(), i.kind.name(), i.label, details, applies));
        if !i.env.is_empty() {
            out.push_str(&format!("; {}", i.env.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(" ")));
        }
        out.push('\n');
    }
    out
}

/// The template a new installation starts with: the checklist the service plans describe
/// (software, hardware, power, alarms, environment), labels in both languages.
pub const DEFAULT_TEMPLATE: &str = "\
software; pass_fail; 系统版本与补丁符合基线 Versions and patches match the baseline; ; server storage network security
software; pass_fail; 日志无严重错误 No critical errors in the logs; ; server storage network security
software; pass_fail; 配置已备份 Configuration backed up; ; network security
hardware; choice; 指示灯 Status lights; normal, amber*, red*; server storage network security
hardware; choice; 风扇 Fans; normal, noisy*, stopped*; server storage
hardware; reading; 磁盘使用率 Disk usage; % ..85; server storage
power; pass_fail; UPS 自检通过 UPS self-test passed; ; power
power; reading; UPS 负载 UPS load; % ..80; power; ups_model ups_capacity_kva
power; reading; 电池后备时间 Battery runtime; min 15..; power; ups_battery_date
alarms; pass_fail; 无未处理告警 No open alarms; ; site
environment; reading; 机房温度 Machine room temperature; °C 18..27; site; temp_min_c temp_max_c air_conditioning
environment; reading; 机房湿度 Machine room humidity; % 40..60; site; humidity_min_pct humidity_max_pct
environment; choice; 接地与防雷 Grounding and lightning protection; in_place, needs_work*, none*; site; grounding lightning_protection
environment; choice; 灰尘 Dust; low, medium, high*; site; dust
environment; photo; 机房照片 Photo of the machine room; ; site
";

/// An answer as stored: what the engineer gave for one item (of one device, or the site).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Pass,
    Fail,
    Reading(f64),
    Choice(String),
    Text(String),
    /// A photo was taken (the file is stored beside the answer).
    Photo,
}

impl Answer {
    /// The value as a form field holds it.
    pub fn raw(&self) -> String {
        match self {
            Answer::Pass => "pass".into(),
            Answer::Fail => "fail".into(),
            Answer::Reading(v) => v.to_string(),
            Answer::Choice(s) | Answer::Text(s) => s.clone(),
            Answer::Photo => String::new(),
        }
    }
}

/// What a form field holds for `kind`, checked: `Ok(None)` when left empty (not answered yet).
pub fn check_answer(kind: &ItemKind, raw: &str) -> Result<Option<Answer>, ErrorCode> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match kind {
        ItemKind::PassFail => match v {
            "pass" => Ok(Some(Answer::Pass)),
            "fail" => Ok(Some(Answer::Fail)),
            _ => Err(ErrorCode::InvalidChoice),
        },
        ItemKind::Reading { .. } => parse_number(v).map(|n| Some(Answer::Reading(n))).ok_or(ErrorCode::InvalidNumber),
        ItemKind::Choice { options, .. } => options.iter().find(|o| o.as_str() == v).map(|o| Some(Answer::Choice(o.clone()))).ok_or(ErrorCode::InvalidChoice),
        ItemKind::Text => {
            if v.chars().count() > ANSWER_MAX {
                Err(ErrorCode::TooLong { max: ANSWER_MAX })
            } else {
                Ok(Some(Answer::Text(v.to_string())))
            }
        }
        // A photo is a file, sent on its own.
        ItemKind::Photo => Err(ErrorCode::InvalidChoice),
    }
}

/// Whether an answer is a finding: a failed check, a reading outside its range (the ends are
/// acceptable), a choice marked as one.
pub fn is_finding(kind: &ItemKind, answer: &Answer) -> bool {
    match (kind, answer) {
        (_, Answer::Fail) => true,
        (ItemKind::Reading { min, max, .. }, Answer::Reading(v)) => min.is_some_and(|m| *v < m) || max.is_some_and(|m| *v > m),
        (ItemKind::Choice { findings, .. }, Answer::Choice(c)) => findings.contains(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
