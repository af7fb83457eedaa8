//! The HTML page's structure and numbers, from the shipped example and the
//! hostile fixture. The whole text is also snapshot-tested by the CLI cases
//! (tests/cmd/report-html-*.toml) and loaded in Chromium by tests/browser.rs.

use super::render;
use crate::i18n::Lang;
use crate::pipeline::{Checked, check_path};
use crate::report::{Report, build};
use std::path::Path;

fn checked(path: &str) -> Checked {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    check_path(&full).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

fn report(file: &str, previous: Option<&str>, targets: Option<&str>) -> Report {
    let now = checked(file);
    let before = previous.map(checked);
    let goals = targets.map(checked);
    build(
        now.valid_inventory().expect("valid inventory"),
        before.as_ref().and_then(Checked::valid_inventory),
        goals.as_ref().and_then(Checked::valid_targets),
    )
    .unwrap_or_else(|_| panic!("{file}: report refused"))
}

fn trelleborg() -> Report {
    report(
        "examples/trelleborg-2014.yaml",
        Some("examples/trelleborg-2013.yaml"),
        Some("examples/targets-trelleborg.yaml"),
    )
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"))
}

#[test]
fn the_page_is_self_contained() {
    let html = render(&trelleborg(), Lang::Sv);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">\n"));
    assert!(html.ends_with("</html>\n"));
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        " src=",
        "@import",
        "url(http",
        "@font-face",
    ] {
        assert!(!html.contains(forbidden), "the page contains `{forbidden}`");
    }
    // Links go to the service pages of the inventory (http(s)) or within the page.
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"),
            "unexpected link {}",
            &href[..href.len().min(40)]
        );
    }
    assert_eq!(
        html,
        render(&trelleborg(), Lang::Sv),
        "the same input gives the same page"
    );
}

#[test]
fn sections_come_in_reading_order() {
    let html = render(&trelleborg(), Lang::Sv);
    let order = [
        "<h1>Trelleborgs kommun 2014</h1>",
        "id=\"headline\"",
        "id=\"ladder\"",
        "id=\"departments\"",
        "id=\"indicators\"",
        "id=\"targets\"",
        "id=\"changes\"",
        "id=\"to-develop\"",
        "id=\"pdf-forms\"",
        "id=\"appendix\"",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(&html, n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {positions:?}"
    );
}

#[test]
fn headline_figures_carry_last_year_and_the_change() {
    let html = render(&trelleborg(), Lang::Sv);
    let headline = &html[position(&html, "id=\"headline\"")..position(&html, "id=\"ladder\"")];
    // Steps 3 and 4: 9 + 4 of 30 live services = 43,3 %; 2013: 3 + 1 of 29 = 13,8 %.
    assert!(headline.contains(
        "<p class=\"value\">43,3\u{a0}%</p><p class=\"then\">2013: 13,8\u{a0}%</p><p class=\"trend\"><span class=\"trend good\">▲\u{a0}+29,5\u{a0}p.e. <span class=\"trend-word\">(bättre)</span></span></p>"
    ));
    // Mean step (3·1 + 14·2 + 9·3 + 4·4) / 30 = 74 / 30 = 2,47.
    assert!(headline.contains("<p class=\"value\">2,47</p><p class=\"then\">2013: 2,07</p>"));
    assert!(headline.contains("<p class=\"value\">27</p><p class=\"then\">2013: 26</p>"));
    assert!(headline.contains("Mål ≥\u{a0}50,0\u{a0}% (2015)"));
    assert!(headline.contains("Tjänster i drift: 30 (2013: 29)."));
}

#[test]
fn charts_have_title_description_and_a_table_of_the_same_numbers() {
    let html = render(&trelleborg(), Lang::Sv);
    assert!(html.contains("<title id=\"ladder-chart-title\">Fördelning på trappans steg</title>"));
    assert!(html.contains("2 Interaktion 14 (46,7\u{a0}%), 2013: 22;"));
    // The table beside it: 14 services, 46,7 %, 22 last year.
    assert!(html.contains(
        "<tr><th scope=\"row\">2 Interaktion</th><td class=\"num\">14</td><td class=\"num\">46,7\u{a0}%</td><td class=\"num\">22</td></tr>"
    ));
    // Miljöförvaltningen: steps 2, 3, 4, 4 → 0, 1, 1, 2 of 4.
    assert!(html.contains(
        "Miljöförvaltningen: 1 Information 0, 2 Interaktion 1, 3 Transaktion 1, 4 Integration 2"
    ));
    assert!(html.contains(
        "<tr><th scope=\"row\">Miljöförvaltningen</th><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">4</td></tr>"
    ));
}

#[test]
fn indicator_rows_show_value_previous_trend_target_and_status() {
    let html = render(&trelleborg(), Lang::Sv);
    assert!(html.contains(
        "<a href=\"#def-case_tracking_share\">Andel där ärendet kan följas digitalt</a></th><td class=\"num\">68,0\u{a0}%</td><td class=\"num\">34,8\u{a0}%</td><td><span class=\"trend good\">▲\u{a0}+33,2\u{a0}p.e. <span class=\"trend-word\">(bättre)</span></span></td><td>≥\u{a0}60,0\u{a0}% (2015)</td><td><span class=\"status status-met\"><span aria-hidden=\"true\">✓</span> uppnått</span></td>"
    ));
    // Fewer PDF forms is better: 9 → 4.
    assert!(html.contains("▼\u{a0}−5 <span class=\"trend-word\">(bättre)</span>"));
    // Every indicator has its definition in the appendix.
    assert!(html.contains("<dt id=\"def-digital_uptake\">Digital andel av inkomna ärenden"));
}

#[test]
fn english_without_previous_has_no_comparison() {
    let r = report("examples/trelleborg-2014.yaml", None, None);
    let html = render(&r, Lang::En);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    assert!(html.contains("No comparison with last year (no --previous)."));
    assert!(!html.contains("id=\"changes\""));
    assert!(!html.contains("id=\"targets\""));
    assert!(!html.contains("ladder-hatch"));
    assert!(html.contains("<p class=\"value\">43.3%</p></li>"));
    assert!(html.contains(
        "<th scope=\"col\">Indicator</th><th scope=\"col\" class=\"num\">Value 2014</th></tr>"
    ));
}

#[test]
fn hostile_text_stays_text() {
    let r = report(
        "tests/fixtures/hostile-names.yaml",
        None,
        Some("tests/fixtures/hostile-targets.yaml"),
    );
    let html = render(&r, Lang::En);
    for forbidden in [
        "<script>alert",
        "<i>&amp;",
        "<b>Miljö",
        "<h1>Drift",
        "<img",
        "<svg/onload",
        "<style>body",
        "href=\"javascript:",
    ] {
        assert!(!html.contains(forbidden), "`{forbidden}` reached the page");
    }
    assert!(html.contains("<h1>Kommun &lt;i&gt;&amp;amp;&lt;/i&gt; &quot;Bolag&quot; 2015</h1>"));
    assert!(html.contains(
        "<a href=\"https://example.se/?q=&quot;&gt;&lt;svg/onload=alert(1)&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</a>"
    ));
    // A name that looks like a URL is text, not a link.
    assert!(
        html.contains("<th scope=\"row\">javascript:alert(document.cookie) <span class=\"id\">")
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;mål&quot;"));
    assert!(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;Drift&lt;/h1&gt;"));
}
