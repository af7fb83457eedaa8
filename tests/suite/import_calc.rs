//! The real client for `import`: LibreOffice Calc (headless) opens the
//! template `export --template` writes, saves it as xlsx, as ods and as a
//! CSV with Swedish settings (`;`, UTF-8, language sv-SE, so `145,5`), and
//! `trappa import` reads each back as the inventory the template was made
//! from. Calc rewrites the whole workbook its own way (its own shared
//! strings, styles, number formats; in ods, dates as ISO text), so this is
//! what a department's answer saved in a spreadsheet program looks like.
//!
//! Needs `soffice` (Debian package `libreoffice-calc`); without it the test
//! fails, unless TRAPPA_SKIP_REAL_CLIENTS=1, when it passes with "SKIPPED".

use crate::helpers::{real_client_missing, stdout_of_env, valid};
use crate::libreoffice::{find_soffice, soffice_convert};
use std::path::Path;

const PACKAGE: &str = "libreoffice-calc";
/// CSV export: `;` (59), `"` (34), UTF-8 (76), from line 1, default
/// formats, language sv-SE (1053): what Calc writes with Swedish settings.
const SWEDISH_CSV: &str = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1053";
const INVENTORY: &str = "examples/trelleborg-2014.yaml";

/// A profile whose locale is Swedish (sv-SE): numbers in the CSV then get
/// a decimal comma, as on a Swedish strategist's computer.
fn swedish_profile(work: &Path) {
    let user = work.join("profile").join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
}

#[test]
fn calc_saves_the_template_as_xlsx_ods_and_swedish_csv_and_import_reads_each() {
    let Some(program) = find_soffice() else {
        real_client_missing(&format!(
            "LibreOffice Calc (soffice) is not installed: install the Debian package {PACKAGE}"
        ));
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    swedish_profile(dir.path());
    let template = dir.path().join("mall.xlsx");
    let env = [("NO_COLOR", "1")];
    stdout_of_env(
        &[
            "export",
            "--template",
            INVENTORY,
            "--format",
            "xlsx",
            "--lang",
            "sv",
            "-o",
            template.to_str().unwrap(),
        ],
        &env,
    );
    let original = valid(INVENTORY);
    let original = serde_json::to_value(original.valid_inventory().unwrap()).unwrap();
    for (to, name) in [
        ("xlsx:Calc MS Excel 2007 XML", "mall.xlsx"),
        ("ods", "mall.ods"),
        (SWEDISH_CSV, "mall.csv"),
    ] {
        let out = dir.path().join(name.replace('.', "-"));
        soffice_convert(
            &program,
            dir.path(),
            to,
            &[&template.display().to_string()],
            &out,
        );
        let saved = out.join(name);
        assert!(saved.is_file(), "Calc did not write {name}");
        let imported = dir.path().join(format!("{name}.yaml"));
        let run = crate::helpers::trappa(&[
            "import",
            saved.to_str().unwrap(),
            "-o",
            imported.to_str().unwrap(),
        ]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "import of Calc's {name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        if name.ends_with(".csv") {
            // Calc wrote Swedish numbers: 38.5 kronor per case is `38,5`.
            let text = std::fs::read_to_string(&saved).unwrap();
            assert!(text.contains(";38,5;"), "{text}");
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(stderr.contains("as CSV for Swedish Excel"), "{stderr}");
        }
        let back = valid(imported.to_str().unwrap());
        assert_eq!(
            serde_json::to_value(back.valid_inventory().unwrap()).unwrap(),
            original,
            "Calc's {name} read back"
        );
    }
}
