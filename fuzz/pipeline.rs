//! The whole of trappa on arbitrary bytes: read → load → check → classify →
//! indicators → every renderer (report, compare, trend, export), in both
//! languages. Shared by the cargo-fuzz target (`fuzz/fuzz_targets/pipeline.rs`)
//! and the regression test that replays every crash found
//! (`tests/suite/hostile.rs`), so a fixed crash stays fixed in `cargo test`
//! without a fuzzer.
//!
//! The input is split at 0xFF bytes (never part of UTF-8 text, so a real
//! inventory never contains one): the first part is the inventory, the
//! second a `--previous` inventory, the third a targets file. That lets the
//! fuzzer reach the year-over-year and target code of the report too.
//!
//! Besides "no panic", it asserts what must hold for every input: the JSON
//! outputs parse as JSON, and every share is in [0, 1] or "no data".
//!
//! `import` gets the whole input as a CSV file, an xlsx and an ods workbook
//! (it must never panic, and what it accepts must be written as YAML that
//! reads back as the same inventory); and a valid inventory is exported as
//! CSV in both dialects and as xlsx and imported back, which must give the
//! same inventory (the lossless round trip).

use trappa::classified::classify_inventory;
use trappa::compare;
use trappa::emit::{self, FileFindings};
use trappa::export::cpsv;
use trappa::i18n::Lang;
use trappa::import::{
    self, Given,
    assemble::assemble,
    read::{self, FileKind},
};
use trappa::indicators::compute;
use trappa::inventory::source;
use trappa::inventory::{Indicator, Unit};
use trappa::pipeline::{self, Checked};
use trappa::render::csv::Dialect;
use trappa::render::export::{Exporter, Format, Subject};
use trappa::render::text::Layout;
use trappa::render::{self, Color, classification};
use trappa::report;
use trappa::trend;

pub fn run(bytes: &[u8]) {
    import_bytes(bytes);
    let mut parts = bytes.split(|&b| b == 0xFF);
    let current = check(parts.next().unwrap_or_default(), "current.yaml");
    let previous = parts.next().map(|b| check(b, "previous.yaml"));
    let targets = parts.next().map(|b| check(b, "targets.yaml"));

    let all: Vec<&Checked> = [Some(&current), previous.as_ref(), targets.as_ref()]
        .into_iter()
        .flatten()
        .collect();
    let files: Vec<FileFindings> = all
        .iter()
        .map(|c| FileFindings {
            name: &c.source.name,
            text: &c.source.text,
            diagnostics: &c.diagnostics,
        })
        .collect();
    for lang in [Lang::Sv, Lang::En] {
        for color in [Color(false), Color(true)] {
            for quiet in [false, true] {
                let _ = emit::human::human(&files, color, quiet, lang);
            }
        }
        for quiet in [false, true] {
            let _ = emit::github::github(&files, quiet, lang);
            assert_json(&emit::json::json(&files, quiet, lang));
        }
    }

    let Some(inventory) = current.valid_inventory() else {
        return;
    };
    let services = classify_inventory(inventory);
    for value in compute::compute(&services) {
        assert_share(value.id, value.value);
    }
    for lang in [Lang::Sv, Lang::En] {
        for layout in [Layout::Plain, Layout::Terminal { width: 60 }] {
            let _ = classification::table(&services, lang, layout);
        }
        let _ = classification::markdown(&services, lang);
        for dialect in [Dialect::Standard, Dialect::Excel] {
            let _ = classification::csv(&services, lang, dialect);
        }
        assert_json(&classification::json(inventory, &services, lang));
    }

    let previous_inventory = previous.as_ref().and_then(Checked::valid_inventory);
    let targets_file = targets.as_ref().and_then(Checked::valid_targets);
    // Each combination the command line allows: alone, with --previous,
    // with --targets, with both.
    let combinations = [
        (None, None),
        (previous_inventory, None),
        (None, targets_file),
        (previous_inventory, targets_file),
    ];
    for (previous, targets) in combinations {
        let Ok(built) = report::build(inventory, previous, targets) else {
            continue;
        };
        for row in &built.indicators {
            assert_share(row.id, row.value);
            assert_share(row.id, row.previous);
        }
        for department in &built.departments {
            for value in &department.indicators {
                assert_share(value.id, value.value);
            }
        }
        for lang in [Lang::Sv, Lang::En] {
            let _ = render::report::table(&built, lang, Layout::Plain, Color(false));
            let _ =
                render::report::table(&built, lang, Layout::Terminal { width: 60 }, Color(true));
            let _ = render::report::markdown(&built, lang);
            let _ = render::report::html::render(&built, lang);
        }
        assert_json(&render::report::json::render(&built));
    }

    // compare: the row of this inventory, and of it beside the previous one.
    let rows: Vec<compare::Row> = [Some(inventory), previous_inventory]
        .into_iter()
        .flatten()
        .map(|i| compare::Row::of("fuzz.yaml", i))
        .collect();
    let rows = compare::finish(rows);
    for row in &rows {
        for id in [
            Indicator::TransactionShare,
            Indicator::EidShare,
            Indicator::DigitalUptake,
        ] {
            assert_share(id, row.value(id));
        }
    }
    for lang in [Lang::Sv, Lang::En] {
        let _ = render::compare::table(&rows, lang, Layout::Plain);
        let _ = render::compare::markdown(&rows, lang);
    }
    for dialect in [Dialect::Standard, Dialect::Excel] {
        let _ = render::compare::csv(&rows, dialect);
    }
    assert_json(&render::compare::json(&rows));

    // trend: the inventory alone, and with the previous one as a second year
    // when the command line would take the pair (one organisation, two
    // years), with and without the targets; every format.
    let pair = previous_inventory
        .filter(|p| p.organisation.same_as(&inventory.organisation) && p.year != inventory.year);
    for (with_previous, targets) in [
        (false, None),
        (false, targets_file),
        (true, None),
        (true, targets_file),
    ] {
        if with_previous && pair.is_none() {
            continue;
        }
        let mut builder = trend::Builder::new();
        for i in [Some(inventory), pair.filter(|_| with_previous)]
            .into_iter()
            .flatten()
        {
            if let Ok(summary) = trend::YearSummary::of("fuzz.yaml", i) {
                builder.push(summary);
            }
        }
        let Ok(Some(built)) = builder.finish(targets) else {
            continue;
        };
        for series in &built.indicators {
            for value in series.values.iter().flatten() {
                assert_share(series.id, value.value);
            }
        }
        for lang in [Lang::Sv, Lang::En] {
            let _ = render::trend::table(&built, lang, Layout::Plain, Color(false));
            let _ = render::trend::table(&built, lang, Layout::Terminal { width: 60 }, Color(true));
            let _ = render::trend::markdown(&built, lang);
            let _ = render::trend::html::render(&built, lang);
        }
        for dialect in [Dialect::Standard, Dialect::Excel] {
            let _ = render::trend::csv::render(&built, dialect);
        }
        assert_json(&render::trend::json::render(&built));
    }

    // export: every format of services and of indicators, and CPSV-AP.
    let formats = [
        Format::Csv(Dialect::Standard),
        Format::Csv(Dialect::Excel),
        Format::Json,
        Format::Xlsx,
    ];
    for subject in [Subject::Services, Subject::Indicators] {
        for format in formats {
            let bytes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let out = Box::new(Shared(bytes.clone()));
            let Ok(mut exporter) = Exporter::new(subject, format, Lang::Sv, out) else {
                continue;
            };
            let rows = exporter.rows().of(inventory);
            if exporter.push(rows).is_ok() && exporter.finish().is_ok() && format == Format::Json {
                assert_json(&String::from_utf8_lossy(&bytes.lock().unwrap()));
            }
        }
    }
    let mut writer = cpsv::Writer::new(cpsv::DEFAULT_BASE);
    writer.add("fuzz.yaml", inventory);
    if let Ok(text) = writer.finish() {
        assert_json(&text);
    }
    round_trip(inventory);
}

/// Arbitrary bytes as each kind of spreadsheet `import` reads.
fn import_bytes(bytes: &[u8]) {
    for kind in [FileKind::Csv, FileKind::Xlsx, FileKind::Ods] {
        let Ok(table) = read::table("fuzz", kind, bytes.to_vec()) else {
            continue;
        };
        let assembled = assemble(&[table], &Given::default());
        if let Some(inventory) = assembled.inventory {
            let again = pipeline::check_source(source::Source {
                name: "imported.yaml".into(),
                text: import::yaml::write(&inventory),
            });
            assert_eq!(
                again.valid_inventory().map(values),
                Some(values(&inventory)),
                "the imported inventory's YAML does not read back as itself"
            );
        }
    }
}

/// Export → import gives the inventory back, in every spreadsheet format.
fn round_trip(inventory: &trappa::inventory::model::Inventory) {
    for (kind, format) in [
        (FileKind::Csv, Format::Csv(Dialect::Standard)),
        (FileKind::Csv, Format::Csv(Dialect::Excel)),
        (FileKind::Xlsx, Format::Xlsx),
    ] {
        let bytes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let Ok(mut exporter) = Exporter::new(
            Subject::Services,
            format,
            Lang::En,
            Box::new(Shared(bytes.clone())),
        ) else {
            continue;
        };
        let rows = exporter.rows().of(inventory);
        if exporter.push(rows).is_err() || exporter.finish().is_err() {
            continue;
        }
        // What a spreadsheet of services cannot carry (README, "Collecting
        // the inventory"): without services, the organisation and year; a
        // list item holding `|`, the separator of items in a cell.
        let split_items = inventory.services.iter().any(|s| {
            let e = &s.evidence;
            s.languages
                .iter()
                .chain(&e.exchange)
                .chain(&e.shared_with)
                .any(|i| i.contains('|'))
        });
        if inventory.services.is_empty() || split_items {
            continue;
        }
        let written = bytes.lock().unwrap().clone();
        let table = read::table("fuzz", kind, written).expect("export's own file reads");
        let assembled = assemble(&[table], &Given::default());
        let Some(back) = assembled.inventory else {
            panic!(
                "{format:?}: export's own file is refused: {:#?}",
                assembled.diagnostics
            );
        };
        assert_eq!(
            values(&back),
            values(&carried(inventory)),
            "{format:?} round trip"
        );
    }
}

/// The inventory as a spreadsheet of services carries it: `departments`
/// are those the services name, in the order they first name them, and
/// none when no service names one.
fn carried(inventory: &trappa::inventory::model::Inventory) -> trappa::inventory::model::Inventory {
    let mut carried = inventory.clone();
    carried.departments = inventory.departments.as_ref().and_then(|listed| {
        let mut used: Vec<trappa::inventory::model::Department> = Vec::new();
        for id in inventory
            .services
            .iter()
            .filter_map(|s| s.department.as_deref())
        {
            if !used.iter().any(|d| d.id == id)
                && let Some(d) = listed.iter().find(|d| d.id == id)
            {
                used.push(d.clone());
            }
        }
        (!used.is_empty()).then_some(used)
    });
    carried
}

/// An inventory's keys and values, without positions.
fn values(inventory: &trappa::inventory::model::Inventory) -> serde_json::Value {
    serde_json::to_value(inventory).unwrap_or_default()
}

/// An in-memory output the exporter can own while the caller reads it after.
/// A writer the test keeps a handle on; `Send` because the xlsx writer
/// streams its zip through a `Send` writer.
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn check(bytes: &[u8], name: &str) -> Checked {
    match source::decode_text(name, bytes.to_vec()) {
        Ok(text) => pipeline::check_source(text),
        Err(refusal) => Checked {
            source: source::Source {
                name: name.to_string(),
                text: String::new(),
            },
            document: None,
            diagnostics: vec![refusal],
        },
    }
}

fn assert_json(text: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("output is not valid JSON ({e}):\n{text}");
    }
}

fn assert_share(id: Indicator, value: Option<f64>) {
    if id.unit() == Unit::Share
        && let Some(v) = value
    {
        assert!((0.0..=1.0).contains(&v), "{id} = {v} is not a share");
    }
}
