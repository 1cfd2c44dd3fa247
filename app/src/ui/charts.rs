//! Server-rendered SVG charts: columns over time and rows of bars with intervals. Each
//! is an image with a title and a description, readable without JavaScript and in
//! print; pages put the same figures in a table beside it.

/// Text as XML character data or an attribute value.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A round upper end for an axis that reaches `max`: 1, 2 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * power)
}

/// The `<svg>` opening with its accessible name and description.
fn open(id: &str, width: u32, height: u32, title: &str, desc: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        xml_escape(title),
        xml_escape(desc)
    )
}

/// Columns, one per label (a month), with the axis' top value written at its top.
pub fn columns(id: &str, title: &str, desc: &str, points: &[(String, f64)], unit: &str) -> String {
    let (w, h, left, bottom, top) = (640.0, 240.0, 48.0, 40.0, 16.0);
    let max = nice_max(points.iter().map(|p| p.1).fold(0.0, f64::max));
    let mut svg = open(id, w as u32, h as u32, title, desc);
    let plot_h = h - bottom - top;
    svg.push_str(&format!(
        r#"<line x1="{left}" y1="{top}" x2="{left}" y2="{}" class="axis"/><line x1="{left}" y1="{y}" x2="{w}" y2="{y}" class="axis"/>"#,
        h - bottom,
        y = h - bottom
    ));
    svg.push_str(&format!(
        r#"<text x="{}" y="{}" class="tick" text-anchor="end">{}</text><text x="{}" y="{}" class="tick" text-anchor="end">0</text>"#,
        left - 4.0,
        top + 4.0,
        xml_escape(&format!("{} {unit}", trim_number(max))),
        left - 4.0,
        h - bottom
    ));
    let n = points.len().max(1) as f64;
    let slot = (w - left - 8.0) / n;
    let label_every = (points.len() / 12).max(1);
    for (i, (label, value)) in points.iter().enumerate() {
        let bar_h = (value / max * plot_h).max(0.0);
        let x = left + 4.0 + i as f64 * slot;
        svg.push_str(&format!(
            r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{bar_h:.1}" class="bar"><title>{}</title></rect>"#,
            h - bottom - bar_h,
            (slot - 2.0).max(1.0),
            xml_escape(&format!("{label}: {} {unit}", trim_number(*value)))
        ));
        if i % label_every == 0 {
            svg.push_str(&format!(
                r#"<text x="{:.1}" y="{}" class="tick" text-anchor="middle">{}</text>"#,
                x + slot / 2.0,
                h - bottom + 16.0,
                xml_escape(label)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One row of a bar chart: its label, value and, for a rate, its interval.
pub struct Row {
    pub label: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
    /// Written at the bar's end ("61 % (n = 132)").
    pub note: String,
}

/// Horizontal bars from 0 to `max` (1 for rates), each with its interval as a whisker.
pub fn bars(id: &str, title: &str, desc: &str, rows: &[Row], max: Option<f64>) -> String {
    let (w, label_w, row_h, top) = (640.0, 200.0, 26.0, 8.0);
    let h = top * 2.0 + row_h * rows.len().max(1) as f64;
    let max = max.unwrap_or_else(|| nice_max(rows.iter().map(|r| r.value).fold(0.0, f64::max)));
    let plot_w = w - label_w - 150.0;
    let mut svg = open(id, w as u32, h as u32, title, desc);
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let len = (r.value / max * plot_w).clamp(0.0, plot_w);
        svg.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" class="label" text-anchor="end">{}</text><rect x="{label_w}" y="{:.1}" width="{len:.1}" height="{:.1}" class="bar"/>"#,
            label_w - 6.0,
            y + row_h * 0.65,
            xml_escape(&r.label),
            y + 4.0,
            row_h - 8.0
        ));
        if let Some((lo, hi)) = r.interval {
            let (x1, x2) = (
                label_w + (lo / max * plot_w).clamp(0.0, plot_w),
                label_w + (hi / max * plot_w).clamp(0.0, plot_w),
            );
            let mid = y + row_h / 2.0;
            svg.push_str(&format!(
                r#"<line x1="{x1:.1}" y1="{mid:.1}" x2="{x2:.1}" y2="{mid:.1}" class="whisker"/><line x1="{x1:.1}" y1="{:.1}" x2="{x1:.1}" y2="{:.1}" class="whisker"/><line x1="{x2:.1}" y1="{:.1}" x2="{x2:.1}" y2="{:.1}" class="whisker"/>"#,
                mid - 5.0,
                mid + 5.0,
                mid - 5.0,
                mid + 5.0
            ));
        }
        svg.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" class="value">{}</text>"#,
            label_w + plot_w + 8.0,
            y + row_h * 0.65,
            xml_escape(&r.note)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// `12.5`, `12`, `0.25`: a figure without trailing zeros.
pub fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_values() {
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(120.0), 200.0);
        assert_eq!(nice_max(0.3), 0.5);
        assert_eq!(nice_max(0.0), 1.0);
    }

    #[test]
    fn text_is_escaped() {
        let svg = columns("c", "A <b> & \"c\"", "d", &[("2025-06".into(), 3.0)], "kg");
        assert!(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"), "{svg}");
        assert!(!svg.contains("<b>"));
    }
}
