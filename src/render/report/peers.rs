//! The report's peers (`report --peers`) in every format: the words
//! decided once here — "2 of 7", "step 2 here; 64 % of the 11 peers with
//! it at step 3 or higher" — and laid out as document blocks (terminal,
//! Markdown), an HTML section and the JSON field `peers`.

use crate::diagnostic::Message;
use crate::i18n::{self, Lang};
use crate::inventory::Step;
use crate::render::document::{Block, Table};
use crate::render::html::markup::{Html, Row, Table as HtmlTable, escape};
use crate::render::html::{Section, section, w};
use crate::render::json;
use crate::render::markdown::Align;
use crate::render::numbers::{self, NO_DATA};
use crate::render::text::Fit;
use crate::report::Report;
use crate::report::peers::{PeerIndicator, PeerService, Peers};
use serde_json::{Value, json};

/// "2 of 7", or "–" without a rank.
pub fn rank(p: &PeerIndicator, lang: Lang) -> String {
    match p.rank {
        Some(rank) => i18n::format(
            lang,
            "peers.rank_of",
            &[("rank", &rank.to_string()), ("of", &p.ranked.to_string())],
        ),
        None => NO_DATA.to_string(),
    }
}

/// "Compared with 5 other organisations …" and what was left out.
pub fn intro(peers: &Peers, lang: Lang) -> String {
    let mut text = i18n::plural(lang, "peers.intro", peers.organisations as u64);
    if peers.left_out > 0 {
        text.push(' ');
        text.push_str(&i18n::plural(lang, "peers.left_out", peers.left_out as u64));
    }
    text
}

/// "Ansökan om bygglov (Building permit application): step 2 here; 64 %
/// of the 11 peers with it at step 3 or higher".
pub fn service_line(s: &PeerService, lang: Lang) -> String {
    let type_name = crate::inventory::service_type::by_id(&s.service_type)
        .map_or(s.service_type.as_str(), |t| t.name(lang.code()));
    let step = s.step.number().to_string();
    // The type's name only where it says more than the service's own.
    let head = if type_name.to_lowercase() == s.name.trim().to_lowercase() {
        i18n::format(
            lang,
            "peers.service_here_plain",
            &[("service", &s.name), ("step", &step)],
        )
    } else {
        i18n::format(
            lang,
            "peers.service_here",
            &[("service", &s.name), ("type", type_name), ("step", &step)],
        )
    };
    let share = (s.peers_with_type > 0).then(|| s.peers_further as f64 / s.peers_with_type as f64);
    let share = numbers::value(share, crate::inventory::Unit::Share, lang);
    let count = s.peers_with_type as u64;
    let tail = if s.peers_with_type == 0 {
        i18n::text(lang, "peers.service_none").to_string()
    } else if s.step == Step::Integration {
        i18n::message(
            lang,
            &Message::counted("peers.service_also_top", count).text("share", share),
        )
    } else {
        i18n::message(
            lang,
            &Message::counted("peers.service_further", count)
                .text("share", share)
                .number("next", s.step.number() + 1),
        )
    };
    format!("{head}; {tail}")
}

fn rows(report: &Report, peers: &Peers, lang: Lang) -> Vec<[String; 4]> {
    peers
        .indicators
        .iter()
        .map(|p| {
            let unit = p.id.unit();
            let own = report.indicator(p.id).and_then(|r| r.value);
            [
                i18n::indicator_label(p.id, lang).to_string(),
                numbers::value(own, unit, lang),
                numbers::value(p.median, unit, lang),
                rank(p, lang),
            ]
        })
        .collect()
}

fn header(lang: Lang) -> Vec<String> {
    [
        "column.indicator",
        "column.value",
        "peers.median",
        "peers.rank",
    ]
    .iter()
    .map(|k| i18n::text(lang, k).to_string())
    .collect()
}

fn service_lines(peers: &Peers, lang: Lang) -> Vec<String> {
    peers
        .services
        .iter()
        .map(|s| service_line(s, lang))
        .collect()
}

/// The peers' blocks of the terminal and Markdown report.
pub fn blocks(report: &Report, lang: Lang) -> Vec<Block> {
    let Some(peers) = &report.peers else {
        return Vec::new();
    };
    let mut out = vec![
        Block::Heading(i18n::text(lang, "peers.heading").to_string()),
        Block::Text(intro(peers, lang)),
        Block::Table(Table {
            header: header(lang),
            rows: rows(report, peers, lang)
                .into_iter()
                .map(Vec::from)
                .collect(),
            fits: vec![Fit::Words, Fit::Whole, Fit::Whole, Fit::Whole],
            align: vec![Align::Left, Align::Right, Align::Right, Align::Right],
        }),
        Block::Text(i18n::text(lang, "peers.rank_note").to_string()),
        Block::Subheading(i18n::text(lang, "peers.services").to_string()),
    ];
    if peers.services.is_empty() {
        out.push(Block::Text(i18n::text(lang, "peers.no_typed").to_string()));
    } else {
        out.push(Block::Bullets(service_lines(peers, lang)));
    }
    out
}

/// The peers' section of the HTML report.
pub fn section_html(report: &Report, lang: Lang) -> Option<Section> {
    let peers = report.peers.as_ref()?;
    let table = HtmlTable {
        id: "peers-table",
        caption: Html::text(w(lang, "peers.heading")),
        columns: header(lang),
        numeric: vec![true, true, true],
        rows: rows(report, peers, lang)
            .into_iter()
            .map(|[label, value, median, rank]| Row {
                header: Html::text(&label),
                cells: vec![Html::text(&value), Html::text(&median), Html::text(&rank)],
            })
            .collect(),
        class: "indicators",
    };
    let mut content = format!(
        "<p class=\"intro\">{}</p>\n{}<p>{}</p>\n<h3>{}</h3>\n",
        escape(&intro(peers, lang)),
        table.render(),
        escape(w(lang, "peers.rank_note")),
        escape(w(lang, "peers.services")),
    );
    if peers.services.is_empty() {
        content.push_str(&format!("<p>{}</p>\n", escape(w(lang, "peers.no_typed"))));
    } else {
        content.push_str("<ul>");
        for line in service_lines(peers, lang) {
            content.push_str(&format!("<li>{}</li>", escape(&line)));
        }
        content.push_str("</ul>\n");
    }
    Some(section("peers", w(lang, "peers.heading"), &content))
}

/// The JSON field `peers`: numbers by the one rule, ranks as integers.
pub fn json_value(peers: &Peers) -> Value {
    json!({
        "organisations": peers.organisations,
        "left_out": peers.left_out,
        "indicators": peers.indicators.iter().map(|p| json!({
            "id": p.id.id(),
            "median": json::number(p.median, p.id.unit()),
            "peers_with_data": p.peers_with_data,
            "rank": p.rank,
            "ranked": p.ranked,
        })).collect::<Vec<_>>(),
        "services": peers.services.iter().map(|s| json!({
            "id": s.id,
            "type": s.service_type,
            "step": s.step.number(),
            "peers_with_type": s.peers_with_type,
            "peers_at_step": s.peers_at_step,
            "peers_further": s.peers_further,
        })).collect::<Vec<_>>(),
    })
}
