//! `trappa import`: what `export` writes comes back as the same inventory
//! (every key, value and service order), and exporting that again gives
//! the same bytes; problems in a spreadsheet are findings at their cell.

use crate::helpers::{trappa, valid};
use proptest::prelude::*;
use std::path::Path;
use trappa::import::assemble::assemble;
use trappa::import::read::{self, FileKind};
use trappa::import::{Given, yaml};
use trappa::inventory::model::*;
use trappa::inventory::source::Source;
use trappa::pipeline;

/// The inventories that every export format must carry back whole.
const SHIPPED: &[&str] = &[
    "examples/trelleborg-2012.yaml",
    "examples/trelleborg-2013.yaml",
    "examples/trelleborg-2014.yaml",
    "examples/trelleborg-2015.yaml",
    "examples/norrkoping-2008.yaml",
    "tests/fixtures/export-hostile/hostile-2014.yaml",
    "tests/fixtures/export-hostile/stockholm-2015.yaml",
];

/// The three ways `export` writes services for spreadsheets.
const FORMATS: &[(&str, &[&str])] = &[
    ("csv", &["--format", "csv"]),
    ("csv", &["--format", "csv", "--excel"]),
    ("xlsx", &["--format", "xlsx"]),
];

/// An inventory's keys and values without positions: the model as JSON
/// (its serialisation skips spans).
fn values(inventory: &Inventory) -> serde_json::Value {
    serde_json::to_value(inventory).unwrap()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn run_ok(args: &[&str]) -> std::process::Output {
    let out = trappa(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "trappa {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_shipped_inventory_comes_back_whole_from_every_export() {
    let dir = temp();
    for (i, inventory) in SHIPPED.iter().enumerate() {
        let original = valid(inventory);
        let original = original.valid_inventory().unwrap();
        for (j, (extension, flags)) in FORMATS.iter().enumerate() {
            let exported = dir.path().join(format!("{i}-{j}.{extension}"));
            let mut args = vec!["export", inventory];
            args.extend_from_slice(flags);
            args.extend(["-o", path_str(&exported)]);
            run_ok(&args);
            let imported = dir.path().join(format!("{i}-{j}.yaml"));
            run_ok(&["import", path_str(&exported), "-o", path_str(&imported)]);
            let back = valid(path_str(&imported));
            assert_eq!(
                values(back.valid_inventory().unwrap()),
                values(original),
                "{inventory} through {flags:?}"
            );
            // No finding the import caused: the same as the original's.
            let codes =
                |c: &pipeline::Checked| c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
            assert_eq!(codes(&back), codes(&valid(inventory)), "{inventory}");
            // Exported again: the same bytes.
            let again = dir.path().join(format!("{i}-{j}-again.{extension}"));
            let mut args = vec!["export", path_str(&imported)];
            args.extend_from_slice(flags);
            args.extend(["-o", path_str(&again)]);
            run_ok(&args);
            assert!(
                std::fs::read(&exported).unwrap() == std::fs::read(&again).unwrap(),
                "{inventory} through {flags:?}: the second export differs"
            );
        }
    }
}

#[test]
fn the_yaml_is_canonical_and_the_same_bytes_every_time() {
    let dir = temp();
    let csv = dir.path().join("t.csv");
    run_ok(&[
        "export",
        "examples/trelleborg-2014.yaml",
        "-o",
        path_str(&csv),
    ]);
    let first = run_ok(&["import", path_str(&csv)]).stdout;
    let second = run_ok(&["import", path_str(&csv), "-j", "1"]).stdout;
    assert_eq!(first, second);
    let text = String::from_utf8(first).unwrap();
    assert!(text.starts_with(yaml::SCHEMA_LINE), "{text}");
    assert!(text.contains("  code: \"1287\"\n"), "codes are quoted");
    assert!(text.contains("    audience: [citizens, businesses, associations]\n"));
    // Only keys with a value: no `false`, no `none`, no empty list.
    assert!(!text.contains(": false"), "{text}");
    assert!(!text.contains("submission: none"), "{text}");
    assert!(!text.contains("status: live"), "{text}");
    assert!(!text.contains("[]"), "{text}");
    // The spec's order of a service's keys.
    let tomtko = &text[text.find("  - id: tomtko").unwrap()..];
    let at = |key: &str| tomtko.find(key).unwrap_or_else(|| panic!("{key}"));
    assert!(at("name:") < at("department:"));
    assert!(at("languages:") < at("declared_step:"));
    assert!(at("target_step:") < at("evidence:"));
    assert!(at("evidence:") < at("access:"));
    assert!(at("access:") < at("volumes:"));
    assert!(at("volumes:") < at("cost_per_case_sek:"));
}

/// The import of one CSV text; its findings on standard error.
fn import_csv(dir: &Path, name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["import", path_str(&path)];
    args.extend_from_slice(extra);
    trappa(&args)
}

const HEADER: &str = "organisation.name,organisation.code,year,id,name,department,department_name,evidence.submission,evidence.download_form,volumes.cases";

#[test]
fn a_bad_value_is_checks_finding_at_its_csv_line_and_column() {
    let dir = temp();
    let out = import_csv(
        dir.path(),
        "lista.csv",
        &format!(
            "{HEADER}\nAle kommun,1440,2024,a,A,bygg,Bygg,onlin,true,12\nAle kommun,1440,2024,b,B,bygg,Bygg,none,ja,x\n"
        ),
        &["-o", path_str(&dir.path().join("out.yaml"))],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `onlin`: E002 with the did-you-mean, at line 2, column 8.
    assert!(stderr.contains("error[E002]"), "{stderr}");
    assert!(stderr.contains(" --> "), "{stderr}");
    assert!(stderr.contains("lista.csv:2:8"), "{stderr}");
    assert!(stderr.contains("`online`"), "{stderr}");
    // `ja` in a true/false column, `x` in a number column: line 3.
    assert!(stderr.contains("lista.csv:3:9"), "{stderr}");
    assert!(stderr.contains("lista.csv:3:10"), "{stderr}");
    assert!(stderr.contains("nothing written: 3 errors"), "{stderr}");
    assert!(!dir.path().join("out.yaml").exists(), "nothing is written");
}

#[test]
fn an_unknown_column_is_an_error_with_a_did_you_mean_never_dropped() {
    let dir = temp();
    let out = import_csv(
        dir.path(),
        "lista.csv",
        "organisation.name,year,id,name,evidence.submision\nAle kommun,2024,a,A,online\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown column `evidence.submision`"),
        "{stderr}"
    );
    assert!(stderr.contains("lista.csv:1:5"), "{stderr}");
    assert!(
        stderr.contains("did you mean `evidence.submission`?"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_duplicate_id_across_files_points_at_both() {
    let dir = temp();
    let a = dir.path().join("social.csv");
    let b = dir.path().join("bygg.csv");
    std::fs::write(
        &a,
        "organisation.name,year,id,name\nAle kommun,2024,x,Första\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "organisation.name,year,id,name\nAle kommun,2024,y,Y\nAle kommun,2024,x,Andra\n",
    )
    .unwrap();
    let out = trappa(&["import", path_str(&a), path_str(&b)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E003]"), "{stderr}");
    assert!(stderr.contains("bygg.csv:3:3"), "{stderr}");
    assert!(stderr.contains("social.csv:2:3"), "{stderr}");
}

#[test]
fn files_merge_and_must_agree_on_the_organisation() {
    let dir = temp();
    let a = dir.path().join("social.csv");
    let b = dir.path().join("bygg.csv");
    std::fs::write(&a, "organisation.name,id,name,department,department_name\nAle kommun,x,X,social,Socialförvaltningen\n").unwrap();
    std::fs::write(
        &b,
        "id,name,department,department_name\ny,Y,bygg,Byggförvaltningen\n",
    )
    .unwrap();
    let out = run_ok(&["import", path_str(&a), path_str(&b), "--year", "2024"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let checked = pipeline::check_source(Source {
        name: "merged".into(),
        text,
    });
    let inventory = checked.valid_inventory().unwrap();
    assert_eq!(inventory.year, 2024);
    let ids: Vec<&str> = inventory.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["x", "y"], "in the order the files are named");
    let departments: Vec<&str> = inventory
        .departments
        .iter()
        .flatten()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(departments, ["social", "bygg"]);

    // Another name than --name gives: an error at the cell.
    let out = trappa(&[
        "import",
        path_str(&a),
        "--name",
        "Alingsås kommun",
        "--year",
        "2024",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("social.csv:2:1"), "{stderr}");
    assert!(stderr.contains("--name"), "{stderr}");
}

#[test]
fn a_workbook_finding_names_the_sheet_and_cell_in_every_format() {
    let dir = temp();
    let path = dir.path().join("lista.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("services").unwrap();
    for (col, title) in ["organisation.name", "year", "id", "name", "url"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *title).unwrap();
    }
    sheet.write_string(1, 0, "Ale kommun").unwrap();
    sheet.write_number(1, 1, 2024).unwrap();
    sheet.write_string(1, 2, "a").unwrap();
    sheet.write_string(1, 3, "A").unwrap();
    sheet.write_string(1, 4, "www.ale.se").unwrap();
    book.save(&path).unwrap();
    let out = trappa(&["import", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E008]"), "{stderr}");
    assert!(stderr.contains("lista.xlsx:services!E2"), "{stderr}");

    let out = trappa(&["import", path_str(&path), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E008");
    assert_eq!(d["sheet"], "services");
    assert_eq!(d["cell"], "E2");
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 5);

    let out = trappa(&["import", path_str(&path), "--format", "github"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("::error file="), "{stderr}");
    assert!(stderr.contains(",line=2,col=5,"), "{stderr}");
    assert!(stderr.contains("::services!E2: "), "{stderr}");
}

#[test]
fn import_never_writes_over_an_inventory() {
    let dir = temp();
    let csv = dir.path().join("t.csv");
    run_ok(&[
        "export",
        "examples/trelleborg-2014.yaml",
        "-o",
        path_str(&csv),
    ]);
    let target = dir.path().join("inventory.yaml");
    std::fs::copy("examples/trelleborg-2013.yaml", &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = trappa(&["import", path_str(&csv), "-o", path_str(&target)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&target).unwrap(), before);
    // Nor over its own input.
    let out = trappa(&["import", path_str(&csv), "-o", path_str(&csv)]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Generated inventories: the same round trip, in the library.

/// One line of text, including text YAML would read as something else.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-zÅÄÖåäö][a-zåäö0-9 ,.()/-]{0,20}",
        "[\"'=+@:#&*!>%`{}\\[\\],?-][a-zå ]{0,6}",
        "[a-z]{1,4}: [a-z]{1,4}",
        "(yes|no|true|null|0128|1e3|\\.5)",
    ]
}

/// A description may hold line breaks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![line(), "[a-z]{1,5}\n[a-z ]{0,5}[a-z]"]
}

fn list_item() -> impl Strategy<Value = String> {
    // An item cannot hold `|`, the list separator of CSV and xlsx cells.
    "[A-Za-zÅÄÖåäö][a-zåäö0-9 ,.-]{0,12}"
}

fn step() -> impl Strategy<Value = Option<trappa::inventory::Step>> {
    prop::option::of((1i128..=4).prop_map(|n| trappa::inventory::Step::from_number(n).unwrap()))
}

fn pick<T: Vocabulary + std::fmt::Debug>() -> impl Strategy<Value = T> {
    prop::sample::select(T::ALL.to_vec())
}

prop_compose! {
    fn service()(
        index in 0u32..100_000,
        name in line(),
        department in prop::option::of(prop::sample::select(vec!["bygg", "skola", "social"])),
        service_type in prop::option::of(prop::sample::select(
            trappa::inventory::service_type::all().iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        )),
        description in prop::option::of(text()),
        url in prop::option::of("https://[a-z]{1,8}\\.se/[a-z0-9?=&]{0,10}"),
        status in pick::<Status>(),
        audience in prop::collection::vec(pick::<Audience>(), 0..3),
        platform in prop::option::of(line()),
        languages in prop::collection::vec("(sv|en|no|fi|se)", 0..3),
        (declared_step, target_step) in (step(), step()),
        (download_form, interactive, submission) in (any::<bool>(), prop::collection::vec(pick::<Interactive>(), 0..3), pick::<Submission>()),
        (login, foreign_eid, signing, signatures) in (pick::<Login>(), any::<bool>(), pick::<Signing>(), prop::option::of(1u32..=1)),
        (attachments, save_resume, case_tracking, messaging) in (any::<bool>(), any::<bool>(), pick::<CaseTracking>(), any::<bool>()),
        (decision, payment, prefill) in (prop::option::of(pick::<Decision>()), pick::<Payment>(), pick::<Prefill>()),
        (exchange, shared_with) in (prop::collection::vec(list_item(), 0..3), prop::collection::vec(list_item(), 0..2)),
        (hours, mobile, statement, conformance) in (prop::option::of(pick::<Hours>()), prop::option::of(pick::<Mobile>()), any::<bool>(), prop::option::of(pick::<Conformance>())),
        (reviewed, protected_identity) in (prop::option::of((2000u32..2030, 1u32..=12, 1u32..=28)), prop::option::of(pick::<ProtectedIdentity>())),
        (cases, digital_part, started, completed_part) in (prop::option::of(0u64..1u64 << 54), 0.0f64..=1.0, prop::option::of(0u64..50_000), 0.0f64..=1.0),
        (cost, satisfaction) in (prop::option::of(0.0f64..10_000.0), prop::option::of(0.0f64..=100.0)),
    ) -> Service {
        Service {
            id: format!("s{index}"),
            name,
            department: department.map(String::from),
            service_type,
            description,
            url,
            status,
            audience,
            platform,
            languages,
            declared_step,
            target_step,
            evidence: Evidence {
                download_form, interactive, submission, login, foreign_eid, signing, signatures,
                attachments, save_resume, case_tracking, messaging, decision, payment, prefill,
                exchange, shared_with, anonymous: false,
            },
            access: Access {
                hours,
                mobile,
                accessibility_statement: statement.then(|| "https://example.se/tillganglighet".to_string()),
                conformance,
                reviewed: reviewed.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                protected_identity,
            },
            volumes: Volumes {
                cases,
                digital: cases.map(|c| (c as f64 * digital_part) as u64),
                started,
                completed: started.map(|s| (s as f64 * completed_part) as u64),
            },
            cost_per_case_sek: cost,
            satisfaction_pct: satisfaction,
            spans: Spans::default(),
            incomplete: false,
        }
    }
}

/// An inventory as `check` reads it, from its canonical YAML; `None` when
/// the generated values break a rule of `check` (then there is nothing to
/// carry back).
fn checked_inventory(mut services: Vec<Service>, named_departments: bool) -> Option<Inventory> {
    let mut seen = std::collections::HashSet::new();
    services.retain(|s| seen.insert(s.id.clone()));
    // The departments in the order services first use them: the order a
    // spreadsheet can carry (README: what a spreadsheet does not carry).
    let mut departments: Vec<Department> = Vec::new();
    for s in &services {
        if let Some(id) = &s.department
            && !departments.iter().any(|d| &d.id == id)
        {
            departments.push(Department {
                id: id.clone(),
                name: format!("{}förvaltningen", id.to_uppercase()),
                pos: Default::default(),
            });
        }
    }
    let inventory = Inventory {
        organisation: Organisation {
            name: "Testkommun".into(),
            code: Some("1440".into()),
            kind: OrganisationKind::Municipality,
        },
        year: 2024,
        departments: (named_departments && !departments.is_empty()).then_some(departments),
        services,
        spans: Spans::default(),
        undecoded: Default::default(),
    };
    let checked = pipeline::check_source(Source {
        name: "generated.yaml".into(),
        text: yaml::write(&inventory),
    });
    checked.valid_inventory().cloned()
}

fn export(inventory: &Inventory, format: trappa::render::export::Format) -> Vec<u8> {
    use trappa::render::export::{Exporter, Subject};
    let file = tempfile::NamedTempFile::new().unwrap();
    let out = Box::new(file.reopen().unwrap());
    let mut exporter =
        Exporter::new(Subject::Services, format, trappa::i18n::Lang::En, out).unwrap();
    let rows = exporter.rows().of(inventory);
    exporter.push(rows).unwrap();
    exporter.finish().unwrap();
    std::fs::read(file.path()).unwrap()
}

fn formats() -> Vec<(FileKind, trappa::render::export::Format)> {
    use trappa::render::csv::Dialect;
    use trappa::render::export::Format;
    vec![
        (FileKind::Csv, Format::Csv(Dialect::Standard)),
        (FileKind::Csv, Format::Csv(Dialect::Excel)),
        (FileKind::Xlsx, Format::Xlsx),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_inventories_come_back_whole(
        services in prop::collection::vec(service(), 1..8),
        named_departments in any::<bool>(),
    ) {
        let Some(original) = checked_inventory(services, named_departments) else {
            return Err(TestCaseError::reject("breaks a rule of check"));
        };
        for (kind, format) in formats() {
            let bytes = export(&original, format);
            let table = read::table("generated", kind, bytes.clone()).unwrap();
            let assembled = assemble(&[table], &Given::default());
            let back = assembled.inventory.unwrap_or_else(|| {
                panic!("{format:?}: {:#?}", assembled.diagnostics)
            });
            prop_assert_eq!(values(&back), values(&original), "{:?}", format);
            // The canonical YAML reads back as the same inventory.
            let text = yaml::write(&back);
            let again = pipeline::check_source(Source { name: "again".into(), text });
            prop_assert_eq!(values(again.valid_inventory().unwrap()), values(&original));
            prop_assert!(export(&back, format) == bytes, "{:?}: the second export differs", format);
        }
    }
}

#[test]
fn headers_are_read_by_id_or_by_their_heading_in_either_language() {
    let dir = temp();
    let out = import_csv(
        dir.path(),
        "svenska.csv",
        "Organisation;År;Tjänstens id;TJÄNSTENS  NAMN;Inlämning;Form to download\nAle kommun;2024;a;A;online;true\n",
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  - id: a\n    name: A\n"), "{text}");
    assert!(
        text.contains("      download_form: true\n      submission: online\n"),
        "{text}"
    );
    // The dialect read is said.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("as CSV for Swedish Excel"), "{stderr}");
}

// ---------------------------------------------------------------------------
// The template

fn template(inventory: Option<&str>, extra: &[&str], out: &Path) {
    let mut args = vec!["export", "--template", "--format", "xlsx"];
    args.extend(inventory);
    args.extend_from_slice(extra);
    args.extend(["-o", path_str(out)]);
    run_ok(&args);
}

/// One part of a workbook (a zip) as text.
fn part(workbook: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(workbook).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_template_of_every_shipped_inventory_reads_back_whole_in_both_languages() {
    let dir = temp();
    for (i, inventory) in SHIPPED.iter().enumerate() {
        let original = valid(inventory);
        for lang in ["en", "sv"] {
            let book = dir.path().join(format!("{i}-{lang}.xlsx"));
            template(Some(inventory), &["--lang", lang], &book);
            let again = dir.path().join(format!("{i}-{lang}-again.xlsx"));
            template(Some(inventory), &["--lang", lang], &again);
            assert!(
                std::fs::read(&book).unwrap() == std::fs::read(&again).unwrap(),
                "{inventory}: the template's bytes differ from run to run"
            );
            let imported = dir.path().join(format!("{i}-{lang}.yaml"));
            run_ok(&["import", path_str(&book), "-o", path_str(&imported)]);
            let back = valid(path_str(&imported));
            assert_eq!(
                values(back.valid_inventory().unwrap()),
                values(original.valid_inventory().unwrap()),
                "{inventory} through the {lang} template"
            );
        }
    }
}

#[test]
fn the_template_has_ids_headings_messages_and_drop_downs() {
    let dir = temp();
    let book = dir.path().join("mall.xlsx");
    template(
        Some("examples/trelleborg-2014.yaml"),
        &["--lang", "sv"],
        &book,
    );
    let workbook = part(&book, "xl/workbook.xml");
    for sheet in ["Tjänster", "Organisation", "Förvaltningar", "Instruktioner"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    let services = part(&book, "xl/worksheets/sheet1.xml");
    // The ids' row is hidden; the headings are in Swedish.
    assert!(services.contains("<row r=\"1\" ") && services.contains("hidden=\"1\""));
    // Texts are inline strings in the sheets (no shared-string table).
    let strings = services.clone() + &part(&book, "xl/worksheets/sheet2.xml");
    for text in [
        "evidence.submission",
        "Inlämning",
        "Tjänstens id",
        "Trelleborgs kommun",
    ] {
        assert!(strings.contains(text), "{text}");
    }
    // A drop-down of submission's words, with the column's message.
    assert!(services.contains("\"none,offline,online\""), "{services}");
    assert!(services.contains("promptTitle=\"Inlämning\""), "{services}");
    assert!(
        services.contains("Hur ett ärende når organisationen"),
        "{services}"
    );
    // The departments' ids as a drop-down too.
    assert!(
        services.contains("kommunledning,samhallsbyggnad"),
        "{services}"
    );
    // Only the chosen department's services.
    let miljo = dir.path().join("miljo.xlsx");
    template(
        Some("examples/trelleborg-2014.yaml"),
        &["--department", "miljo"],
        &miljo,
    );
    let out = run_ok(&["import", path_str(&miljo)]);
    let text = String::from_utf8(out.stdout).unwrap();
    let checked = pipeline::check_source(Source {
        name: "miljo".into(),
        text,
    });
    let inventory = checked.valid_inventory().unwrap();
    assert!(!inventory.services.is_empty());
    assert!(
        inventory
            .services
            .iter()
            .all(|s| s.department.as_deref() == Some("miljo"))
    );
}

#[test]
fn template_usage_errors() {
    let dir = temp();
    let out_path = dir.path().join("t.xlsx");
    let out = path_str(&out_path);
    for args in [
        vec!["export", "--template", "-o", out],
        vec![
            "export",
            "--template",
            "--format",
            "xlsx",
            "--department",
            "x",
            "-o",
            out,
        ],
        vec![
            "export",
            "--template",
            "--format",
            "xlsx",
            "examples/trelleborg-2014.yaml",
            "--department",
            "nope",
            "-o",
            out,
        ],
        vec![
            "export",
            "--template",
            "--format",
            "xlsx",
            "examples/trelleborg-2014.yaml",
            "examples/trelleborg-2013.yaml",
            "-o",
            out,
        ],
    ] {
        assert_eq!(trappa(&args).status.code(), Some(2), "{args:?}");
        assert!(!out_path.exists());
    }
    // Without an inventory: an empty workbook to fill in.
    template(None, &[], &out_path);
    assert!(part(&out_path, "xl/worksheets/sheet1.xml").contains("organisation.name"));
}

#[test]
fn the_english_help_of_every_column_is_the_schemas_description() {
    let schema = trappa::schema::inventory();
    let definitions = &schema["definitions"];
    for column in trappa::export::columns::services() {
        if column.derived {
            continue;
        }
        let node = match column.name.split_once('.') {
            Some(("organisation", key)) => &definitions["Organisation"]["properties"][key],
            Some((parent, key)) => {
                let definition = match parent {
                    "evidence" => "Evidence",
                    "access" => "Access",
                    _ => "Volumes",
                };
                &definitions[definition]["properties"][key]
            }
            None if column.name == "year" => &schema["properties"]["year"],
            None => &definitions["Service"]["properties"][column.name],
        };
        let help = trappa::i18n::text(
            trappa::i18n::Lang::En,
            &format!("import.column.{}.help", column.name),
        );
        assert_eq!(node["description"].as_str(), Some(help), "{}", column.name);
    }
}

// ---------------------------------------------------------------------------
// Hostile workbooks: bounded, located, never a panic

fn workbook(path: &Path, fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, title) in ["organisation.name", "year", "id", "name", "department"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *title).unwrap();
    }
    fill(sheet);
    book.save(path).unwrap();
}

#[test]
fn a_value_in_the_last_cell_of_a_sheet_is_refused_without_laying_out_the_range() {
    let dir = temp();
    let path = dir.path().join("far.xlsx");
    workbook(&path, |sheet| {
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let started = std::time::Instant::now();
    let out = trappa(&["import", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E001]"), "{stderr}");
    assert!(stderr.contains("beyond its first 1024 columns"), "{stderr}");
    // The one file could not be read: no finding follows from that alone
    // (no organisation, no year, no services).
    assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
    // Seventeen billion cells would take minutes and all the memory; one
    // cell takes no time (a generous bound: this is not a timing test).
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn merged_cells_are_a_finding_at_the_range() {
    let dir = temp();
    let path = dir.path().join("merged.xlsx");
    workbook(&path, |sheet| {
        for row in 1..=2 {
            sheet.write_string(row, 0, "Ale kommun").unwrap();
            sheet.write_number(row, 1, 2024).unwrap();
            sheet.write_string(row, 2, format!("s{row}")).unwrap();
            sheet.write_string(row, 3, "S").unwrap();
        }
        sheet
            .merge_range(1, 4, 2, 4, "bygg", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    let out = trappa(&["import", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the cells E2:E3 are merged"), "{stderr}");
    assert!(stderr.contains("merged.xlsx:Sheet1!E2"), "{stderr}");
}

#[test]
fn error_cells_and_dates_where_text_belongs_are_findings_at_the_cell() {
    use trappa::import::{Raw, Row, Table};
    let text = |s: &str| Raw::Text(s.into());
    let table = Table {
        file: "lista.xlsx".into(),
        sheet: Some("services".into()),
        dialect: None,
        rows: vec![
            Row {
                number: 1,
                cells: ["organisation.name", "year", "id", "name", "access.reviewed"]
                    .map(text)
                    .to_vec(),
            },
            Row {
                number: 2,
                cells: vec![
                    text("Ale kommun"),
                    Raw::Number(2024.0),
                    text("a"),
                    Raw::Date {
                        year: 2024,
                        month: 1,
                        day: 2,
                        time: false,
                    },
                    Raw::Error("#REF!".into()),
                ],
            },
            Row {
                number: 3,
                cells: vec![
                    text("Ale kommun"),
                    Raw::Number(2024.0),
                    text("b"),
                    text("B"),
                    Raw::Date {
                        year: 2024,
                        month: 5,
                        day: 1,
                        time: false,
                    },
                ],
            },
        ],
        merged: Vec::new(),
        organisation_sheet: None,
        organisation: Vec::new(),
    };
    let assembled = assemble(&[table], &Given::default());
    assert!(assembled.inventory.is_none());
    let found: Vec<(&str, Option<&str>)> = assembled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.message.key,
                d.cell.as_ref().and_then(|c| c.cell.as_deref()),
            )
        })
        .collect();
    assert!(
        found.contains(&("import.date_cell", Some("D2"))),
        "{found:?}"
    );
    assert!(
        found.contains(&("import.error_cell", Some("E2"))),
        "{found:?}"
    );
    // The date in the date column is a date: no finding on row 3.
    assert!(
        !found.iter().any(|(_, cell)| *cell == Some("E3")),
        "{found:?}"
    );
}

#[test]
fn a_sheet_of_many_bad_cells_gives_a_thousand_findings_and_a_count() {
    let dir = temp();
    let mut text = String::from("organisation.name,year,id,name\nAle kommun,2024,s0,S\n");
    for i in 1..=1500 {
        text.push_str(&format!("Ale kommun,2025,s{i},S{i}\n"));
    }
    let out = import_csv(dir.path(), "many.csv", &text, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let shown = json["diagnostics"].as_array().unwrap();
    assert_eq!(shown.len(), 1001, "a thousand and the count");
    assert_eq!(shown[1000]["key"], "diagnostic.more_findings");
    assert!(
        shown[1000]["message"].as_str().unwrap().contains("500"),
        "{}",
        shown[1000]
    );
}

#[test]
fn the_organisation_sheet_gives_the_organisation_and_year_and_must_agree() {
    let dir = temp();
    let book = |path: &Path, year: f64| {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let services = workbook.add_worksheet().set_name("Tjänster").unwrap();
        for (col, title) in ["id", "Tjänstens namn", "År"].iter().enumerate() {
            services.write_string(0, col as u16, *title).unwrap();
        }
        services.write_string(1, 0, "bygglov").unwrap();
        services.write_string(1, 1, "Bygglov").unwrap();
        services.write_number(1, 2, 2025).unwrap();
        let organisation = workbook.add_worksheet().set_name("Organisation").unwrap();
        organisation.write_string(0, 0, "Organisation").unwrap();
        organisation.write_string(0, 1, "Ale kommun").unwrap();
        organisation.write_string(1, 0, "SCB-kod").unwrap();
        organisation.write_string(1, 1, "1440").unwrap();
        organisation.write_string(3, 0, "År").unwrap();
        organisation.write_number(3, 1, year).unwrap();
        workbook.save(path).unwrap();
    };
    let path = dir.path().join("ale.xlsx");
    book(&path, 2025.0);
    let out = run_ok(&["import", path_str(&path)]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("organisation:\n  name: Ale kommun\n  code: \"1440\"\nyear: 2025\n"),
        "{text}"
    );
    // A row that says another year than the organisation sheet: at its cell.
    book(&path, 2024.0);
    let out = trappa(&["import", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ale.xlsx:Tjänster!C2"), "{stderr}");
    assert!(stderr.contains("ale.xlsx:Organisation!B4"), "{stderr}");
}
