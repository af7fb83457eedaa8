//! The trend page's structure and numbers, from the shipped examples, the
//! Provby fixtures (a gap year) and the hostile fixture. The whole text is
//! also snapshot-tested (tests/cmd/trend-html-*.toml) and loaded in
//! Chromium by tests/suite/browser.rs.

use super::render;
use crate::i18n::Lang;
use crate::inventory::targets::TargetsFile;
use crate::pipeline::{Checked, check_path};
use crate::trend::{Builder, Trend, YearSummary};
use std::path::Path;

fn checked(path: &str) -> Checked {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    check_path(&full).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

fn trend(files: &[&str], targets: Option<&str>) -> Trend {
    let mut builder = Builder::new();
    for file in files {
        let c = checked(file);
        builder.push(YearSummary::of(file, c.valid_inventory().expect("valid")).unwrap());
    }
    let goals: Option<TargetsFile> =
        targets.map(|t| checked(t).valid_targets().cloned().expect("targets"));
    builder
        .finish(goals.as_ref())
        .ok()
        .flatten()
        .expect("a trend")
}

fn trelleborg() -> Trend {
    trend(
        &[
            "examples/trelleborg-2012.yaml",
            "examples/trelleborg-2013.yaml",
            "examples/trelleborg-2014.yaml",
            "examples/trelleborg-2015.yaml",
        ],
        Some("examples/targets-trelleborg.yaml"),
    )
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the page"))
}

#[test]
fn the_page_is_self_contained_and_deterministic() {
    let html = render(&trelleborg(), Lang::Sv);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">\n"));
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
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"),
            "unexpected link {}",
            &href[..href.len().min(40)]
        );
    }
    assert_eq!(html, render(&trelleborg(), Lang::Sv));
}

#[test]
fn sections_come_in_reading_order_with_a_chart_per_key_figure() {
    let html = render(&trelleborg(), Lang::Sv);
    let order = [
        "<h1>Trelleborgs kommun 2012–2015</h1>",
        "id=\"headline\"",
        "id=\"chart-transaction_share\"",
        "id=\"chart-mean_step\"",
        "id=\"chart-eid_share\"",
        "id=\"chart-digital_uptake\"",
        "id=\"ladder\"",
        "id=\"ladder-chart\"",
        "id=\"indicators\"",
        "id=\"departments\"",
        "id=\"changes\"",
        "id=\"services\"",
        "id=\"targets\"",
        "id=\"appendix\"",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(&html, n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {positions:?}"
    );
    assert_eq!(html.matches("role=\"img\"").count(), 5);
}

#[test]
fn a_chart_says_every_number_and_its_table_has_them() {
    // Numbers are joined to their units and arrows by no-break spaces;
    // they are written as spaces here, for reading.
    let html = render(&trelleborg(), Lang::Sv).replace('\u{a0}', " ");
    // 2 of 29, 4 of 29, 13 of 30, 17 of 31 at step 3 or higher.
    assert!(html.contains(
        "Linjediagram över Andel tjänster på steg 3 eller högre, 2012–2015: 2012 6,9 %; 2013 13,8 %; 2014 43,3 %; 2015 54,8 %. Mål ≥ 50,0 % senast 2015: uppnått, redan uppnått."
    ));
    assert!(html.contains(
        "<tr><th scope=\"row\">2014</th><td class=\"num\">43,3 %</td><td><span class=\"trend good\">▲ +29,5 p.e. <span class=\"trend-word\">(bättre)</span></span></td></tr>"
    ));
    // e-ID: missed, the line reaches 75 % in 2016, and its slope is said.
    assert!(html.contains(
        "Mål ≥ 75,0 % senast 2015: ej uppnått, nås 2016. Minsta kvadrat-linje: ▲ +23,0 p.e. per år."
    ));
    // The ladder per year: 2015 has 2, 12, 10 and 7 of 31.
    assert!(html.contains(
        "<tr><th scope=\"row\">2015</th><td class=\"num\">2</td><td class=\"num\">12</td><td class=\"num\">10</td><td class=\"num\">7</td><td class=\"num\">31</td></tr>"
    ));
}

#[test]
fn a_gap_year_is_shown_as_a_gap() {
    let t = trend(
        &[
            "tests/fixtures/trend/provby-2012.yaml",
            "tests/fixtures/trend/provby-2014.yaml",
            "tests/fixtures/trend/provby-2015.yaml",
        ],
        Some("tests/fixtures/trend/targets-provby.yaml"),
    );
    let html = render(&t, Lang::En).replace('\u{a0}', " ");
    assert!(html.contains("No inventory for 2013: shown as a gap (–), never filled in."));
    assert!(html.contains("2012 25.0%; 2013 no value; 2014 50.0%; 2015 75.0%."));
    assert!(html.contains(
        "<tr><th scope=\"row\">2013</th><td class=\"num\">– (no inventory)</td><td>–</td></tr>"
    ));
    assert!(html.contains("2014 is compared with 2012, the inventory before it."));
    // kopia: retired some year after 2012, by 2014.
    assert!(html.contains("<td>2013–2014 (retired)</td>"));
    assert!(html.contains("reached in 2017"));
}

#[test]
fn hostile_text_stays_text() {
    let t = trend(
        &["tests/fixtures/hostile-names.yaml"],
        Some("tests/fixtures/hostile-targets.yaml"),
    );
    let html = render(&t, Lang::En);
    for forbidden in [
        "<script>alert",
        "<i>&amp;",
        "<b>Miljö",
        "<h1>Drift",
        "<img",
        "<svg/onload",
        "href=\"javascript:",
    ] {
        assert!(!html.contains(forbidden), "`{forbidden}` reached the page");
    }
    assert!(html.contains("<h1>Kommun &lt;i&gt;&amp;amp;&lt;/i&gt; &quot;Bolag&quot; 2015</h1>"));
    assert!(html.contains("<h3>Bygg &amp; &lt;b&gt;Miljö&lt;/b&gt;</h3>"));
}
