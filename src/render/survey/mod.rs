//! The survey in each format: the terminal and Markdown forms from one
//! document of blocks ([`blocks`]), the versioned JSON ([`json`]), one CSV
//! row per organisation ([`csv`]) and the HTML page ([`html`]). Labels
//! that every format shares are decided here.

pub mod csv;
pub mod html;
pub mod json;

use super::Color;
use super::document::{Block, Table};
use super::markdown::Align;
use super::numbers;
use super::text::{Fit, Layout};
use crate::i18n::{self, Lang};
use crate::inventory::model::Vocabulary;
use crate::inventory::service_type;
use crate::inventory::{Step, Unit};
use crate::survey::index::Criterion;
use crate::survey::{Feature, Share, Survey};

pub fn table(survey: &Survey, lang: Lang, layout: Layout, color: Color) -> String {
    super::document::to_text(&blocks(survey, lang), layout, color)
}

pub fn markdown(survey: &Survey, lang: Lang) -> String {
    super::document::to_markdown(&blocks(survey, lang))
}

/// The words of a feature.
pub fn feature_label(feature: Feature, lang: Lang) -> &'static str {
    i18n::text(
        lang,
        match feature {
            Feature::DownloadForm => "survey.feature_download_form",
            Feature::OnlineSubmission => "survey.feature_online_submission",
            Feature::Eid => "survey.feature_eid",
            Feature::CaseTracking => "survey.feature_case_tracking",
            Feature::DigitalDecision => "survey.feature_digital_decision",
            Feature::App => "survey.feature_app",
        },
    )
}

/// The words of a criterion of the index.
pub fn criterion_label(criterion: Criterion, lang: Lang) -> &'static str {
    i18n::text(
        lang,
        match criterion {
            Criterion::EServices1 => "survey.criterion_e_services_1",
            Criterion::EServices10 => "survey.criterion_e_services_10",
            Criterion::EServices25 => "survey.criterion_e_services_25",
            Criterion::EServices50 => "survey.criterion_e_services_50",
            Criterion::Transaction25 => "survey.criterion_transaction_25",
            Criterion::Transaction50 => "survey.criterion_transaction_50",
            Criterion::Integration => "survey.criterion_integration",
            Criterion::Eid => "survey.criterion_eid",
            Criterion::CaseTracking => "survey.criterion_case_tracking",
            Criterion::DigitalDecision => "survey.criterion_digital_decision",
            Criterion::PrefillRegistry => "survey.criterion_prefill_registry",
            Criterion::App => "survey.criterion_app",
            Criterion::AccessibilityStatements => "survey.criterion_accessibility_statements",
            Criterion::NoPdfForms => "survey.criterion_no_pdf_forms",
        },
    )
}

/// "E-services of 6 organisations" (", 2024" with --year).
pub fn title(survey: &Survey, lang: Lang) -> String {
    let count = survey.len().to_string();
    match survey.year {
        Some(year) => i18n::format(
            lang,
            "survey.title_year",
            &[("count", &count), ("year", &year.to_string())],
        ),
        None => i18n::format(lang, "survey.title", &[("count", &count)]),
    }
}

/// What the title leaves to say: whose inventories, and what was left out.
pub fn subtitle(survey: &Survey, lang: Lang) -> String {
    let mut out = String::new();
    if survey.year.is_none() {
        out.push_str(i18n::text(lang, "survey.latest_year"));
    }
    if survey.left_out > 0 {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&i18n::plural(
            lang,
            "survey.left_out",
            survey.left_out as u64,
        ));
    }
    out
}

pub fn count(value: f64, lang: Lang) -> String {
    numbers::value(Some(value), Unit::Count, lang)
}

pub fn share(share: Share, lang: Lang) -> String {
    numbers::value(share.value(), Unit::Share, lang)
}

/// "3 of 6" beside its share: the denominator shown.
pub fn part_of(share: Share, lang: Lang) -> String {
    format!("{}/{}", count(share.part, lang), count(share.whole, lang))
}

/// A quartile: a whole number as one, else two decimals.
pub fn spread_value(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 {
        count(value, lang)
    } else {
        numbers::value(Some(value), Unit::Step, lang)
    }
}

fn words(lang: Lang, key: &str) -> String {
    i18n::text(lang, key).to_string()
}

fn right(columns: usize) -> Vec<Align> {
    let mut align = vec![Align::Left];
    align.resize(columns, Align::Right);
    align
}

fn fits(columns: usize) -> Vec<Fit> {
    let mut fits = vec![Fit::Words];
    fits.resize(columns, Fit::Whole);
    fits
}

fn table_of(header: Vec<String>, rows: Vec<Vec<String>>) -> Block {
    let columns = header.len();
    Block::Table(Table {
        header,
        rows,
        fits: fits(columns),
        align: right(columns),
    })
}

/// The rows of "at least one service with …": label, n/N, share.
pub fn offer_rows(survey: &Survey, lang: Lang) -> Vec<(String, Share)> {
    let mut rows = vec![(
        words(lang, "survey.with_e_services"),
        survey.with_e_services(),
    )];
    for (step, share) in Step::ALL.iter().zip(survey.at_step()) {
        rows.push((
            i18n::format(
                lang,
                "survey.at_step",
                &[("step", &i18n::step_label(*step, lang))],
            ),
            share,
        ));
    }
    for feature in Feature::ALL {
        rows.push((
            feature_label(feature, lang).to_string(),
            survey.feature(feature),
        ));
    }
    rows
}

/// A type's name in the language, or its id when the catalogue has none.
pub fn type_name(id: &str, lang: Lang) -> String {
    service_type::by_id(id)
        .map(|t| t.name(lang.code()).to_string())
        .unwrap_or_else(|| id.to_string())
}

pub fn blocks(survey: &Survey, lang: Lang) -> Vec<Block> {
    let mut out = vec![Block::Title(title(survey, lang))];
    let subtitle = subtitle(survey, lang);
    if !subtitle.is_empty() {
        out.push(Block::Text(subtitle));
    }

    out.push(Block::Heading(words(lang, "survey.kinds")));
    out.push(table_of(
        vec![
            words(lang, "column.kind"),
            words(lang, "survey.organisations"),
        ],
        survey
            .kinds()
            .into_iter()
            .map(|(kind, n)| {
                vec![
                    words(lang, &format!("kind.{}", kind.as_str())),
                    count(n as f64, lang),
                ]
            })
            .collect(),
    ));

    out.push(Block::Heading(words(lang, "survey.offer")));
    out.push(table_of(
        vec![
            words(lang, "survey.measure"),
            words(lang, "survey.organisations"),
            words(lang, "survey.share"),
        ],
        offer_rows(survey, lang)
            .into_iter()
            .map(|(label, s)| vec![label, part_of(s, lang), share(s, lang)])
            .collect(),
    ));

    out.push(Block::Heading(words(lang, "survey.e_services")));
    if let Some(spread) = survey.e_services() {
        out.push(table_of(
            vec![
                words(lang, "survey.minimum"),
                words(lang, "survey.lower_quartile"),
                words(lang, "survey.median"),
                words(lang, "survey.upper_quartile"),
                words(lang, "survey.maximum"),
            ],
            vec![
                [spread.min, spread.q1, spread.median, spread.q3, spread.max]
                    .iter()
                    .map(|v| spread_value(*v, lang))
                    .collect(),
            ],
        ));
    }
    let without: Vec<String> = survey
        .without_e_services()
        .iter()
        .map(|o| o.name.clone())
        .collect();
    out.push(Block::Text(if without.is_empty() {
        words(lang, "survey.without_none")
    } else {
        i18n::format(
            lang,
            "survey.without",
            &[("names", &i18n::and_list(&without, lang))],
        )
    }));
    out.push(Block::Text(words(lang, "survey.quartile_note")));

    out.push(Block::Heading(words(lang, "survey.headline")));
    out.push(table_of(
        vec![
            words(lang, "column.indicator"),
            words(lang, "survey.pooled"),
            words(lang, "survey.median_of_organisations"),
            words(lang, "survey.with_data"),
        ],
        survey
            .headlines()
            .iter()
            .map(|h| {
                vec![
                    i18n::indicator_label(h.id, lang).to_string(),
                    numbers::value(h.pooled.value(), h.id.unit(), lang),
                    numbers::value(h.median, h.id.unit(), lang),
                    count(h.with_data as f64, lang),
                ]
            })
            .collect(),
    ));
    out.push(Block::Text(words(lang, "survey.pooled_note")));

    out.push(Block::Heading(words(lang, "survey.counties")));
    let counties = survey.counties();
    if counties.is_empty() {
        out.push(Block::Text(words(lang, "survey.counties_none")));
    } else {
        out.push(table_of(
            vec![
                words(lang, "survey.county"),
                words(lang, "survey.organisations"),
                words(lang, "survey.with_e_services"),
                words(lang, "survey.median_e_services"),
                words(lang, "survey.transaction_pooled"),
                words(lang, "survey.median_index"),
            ],
            counties
                .iter()
                .map(|c| {
                    vec![
                        c.county.name.clone(),
                        count(c.organisations as f64, lang),
                        share(c.with_e_services, lang),
                        c.median_e_services
                            .map_or(numbers::NO_DATA.to_string(), |v| spread_value(v, lang)),
                        share(c.transaction_share, lang),
                        c.median_score
                            .map_or(numbers::NO_DATA.to_string(), |v| spread_value(v, lang)),
                    ]
                })
                .collect(),
        ));
    }

    out.push(Block::Heading(words(lang, "survey.types")));
    let types = survey.types();
    if types.is_empty() {
        out.push(Block::Text(words(lang, "survey.types_none")));
    } else {
        let mut header = vec![
            words(lang, "survey.type"),
            words(lang, "survey.organisations"),
        ];
        header.extend(Step::ALL.iter().map(|s| i18n::step_label(*s, lang)));
        out.push(table_of(
            header,
            types
                .iter()
                .map(|t| {
                    let mut row = vec![type_name(&t.id, lang), count(t.organisations as f64, lang)];
                    row.extend(Step::ALL.iter().map(|s| share(t.share_at(*s), lang)));
                    row
                })
                .collect(),
        ));
        out.push(Block::Text(words(lang, "survey.types_note")));
    }

    out.push(Block::Heading(words(lang, "survey.index")));
    out.push(Block::Text(words(lang, "survey.index_note")));
    out.push(Block::Table(Table {
        header: vec![
            words(lang, "survey.group"),
            words(lang, "survey.organisations"),
            words(lang, "column.organisation"),
        ],
        rows: survey
            .groups()
            .iter()
            .enumerate()
            .rev()
            .map(|(group, members)| {
                let names: Vec<String> = members.iter().map(|o| o.name.clone()).collect();
                vec![
                    group.to_string(),
                    count(members.len() as f64, lang),
                    names.join(", "),
                ]
            })
            .collect(),
        fits: vec![Fit::Whole, Fit::Whole, Fit::Words],
        align: vec![Align::Right, Align::Right, Align::Left],
    }));
    out.push(Block::Subheading(words(lang, "survey.criteria")));
    out.push(Block::Bullets(
        Criterion::ALL
            .iter()
            .map(|c| criterion_label(*c, lang).to_string())
            .collect(),
    ));

    out.push(Block::Heading(words(lang, "survey.per_organisation")));
    let mut align = vec![Align::Left, Align::Left];
    align.resize(6, Align::Right);
    out.push(Block::Table(Table {
        fits: fits(6),
        align,
        header: vec![
            words(lang, "column.organisation"),
            words(lang, "column.kind"),
            words(lang, "column.year"),
            i18n::indicator_label(crate::inventory::Indicator::Services, lang).to_string(),
            i18n::indicator_label(crate::inventory::Indicator::EServices, lang).to_string(),
            words(lang, "survey.points"),
        ],
        rows: survey
            .organisations
            .iter()
            .map(|o| {
                vec![
                    o.name.clone(),
                    words(lang, &format!("kind.{}", o.kind.as_str())),
                    o.year.to_string(),
                    count(o.services as f64, lang),
                    count(o.e_services as f64, lang),
                    o.score().to_string(),
                ]
            })
            .collect(),
    }));
    out
}
