//! Charts drawn on the server as SVG: bars of requests opened per day, week or month, and the
//! resolution clock's compliance as a line over them. A `viewBox` and no fixed size, so the
//! chart scales to a phone's width; the same numbers are in a table beside it for screen
//! readers, so the drawing itself is `aria-hidden`-free but titled.

/// One bar: its label under the axis, its height, and the line's point above it (per mille).
pub struct Point<'a> {
    pub label: &'a str,
    pub value: u32,
    pub line_permille: Option<u32>,
}

const W: u32 = 640;
const H: u32 = 240;
const LEFT: u32 = 40;
const RIGHT: u32 = 40;
const TOP: u32 = 16;
const BOTTOM: u32 = 40;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A round axis top at or above `max` (1, 2, 5 × 10ⁿ), never 0.
pub fn axis_top(max: u32) -> u32 {
    let mut step = 1u32;
    loop {
        for m in [1, 2, 5] {
            let top = step.saturating_mul(m);
            if top >= max.max(1) {
                return top;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The SVG for `points`; `title` names it for assistive technology.
pub fn bars_svg(title: &str, points: &[Point], line_name: &str) -> String {
    let n = points.len().max(1) as u32;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let top = axis_top(points.iter().map(|p| p.value).max().unwrap_or(0));
    let slot = plot_w / n;
    let bar_w = (slot * 7 / 10).max(2);
    let mut s = format!(r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#, escape(title));
    // Axes with the top value and 100 % marked.
    s += &format!(r#"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}"/>"#, TOP + plot_h);
    s += &format!(r#"<line class="axis" x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}"/>"#, TOP + plot_h, W - RIGHT);
    s += &format!(r#"<text class="tick" x="{}" y="{}" text-anchor="end">{top}</text>"#, LEFT - 4, TOP + 10);
    s += &format!(r#"<text class="tick" x="{}" y="{}" text-anchor="end">0</text>"#, LEFT - 4, TOP + plot_h);
    s += &format!(r#"<text class="tick line-tick" x="{}" y="{}">100%</text>"#, W - RIGHT + 4, TOP + 10);
    // Label every bar when they fit, else every few so they never overlap.
    let every = (n / 14).max(1) as usize;
    let mut line = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let x = LEFT + slot * i as u32 + (slot - bar_w) / 2;
        let h = (u64::from(p.value) * u64::from(plot_h) / u64::from(top)) as u32;
        s += &format!(
            r#"<rect class="bar" x="{x}" y="{}" width="{bar_w}" height="{h}"><title>{}: {}</title></rect>"#,
            TOP + plot_h - h,
            escape(p.label),
            p.value
        );
        if i % every == 0 {
            s += &format!(r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>"#, x + bar_w / 2, TOP + plot_h + 16, escape(p.label));
        }
        if let Some(pm) = p.line_permille {
            let y = TOP + plot_h - (u64::from(pm.min(1000)) * u64::from(plot_h) / 1000) as u32;
            line.push((x + bar_w / 2, y, pm));
        }
    }
    if line.len() > 1 {
        let pts: Vec<String> = line.iter().map(|(x, y, _)| format!("{x},{y}")).collect();
        s += &format!(r#"<polyline class="line" fill="none" points="{}"><title>{}</title></polyline>"#, pts.join(" "), escape(line_name));
    }
    for (x, y, pm) in &line {
        s += &format!(r#"<circle class="dot" cx="{x}" cy="{y}" r="3"><title>{}: {}.{}%</title></circle>"#, escape(line_name), pm / 10, pm % 10);
    }
    s += "</svg>";
    s
}
