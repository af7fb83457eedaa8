//! The survey as CSV: one row per surveyed organisation with what the
//! survey's figures are made from (counts, the features as true/false, the
//! headline indicators unrounded, the index), for a spreadsheet or a
//! program to take further. Both dialects of [`Dialect`].

use crate::diagnostic::Message;
use crate::inventory::model::Vocabulary;
use crate::render::csv::Dialect;
use crate::survey::{Feature, HEADLINE, Survey};

/// The header: stable English identifiers, whatever `--lang`.
pub fn header() -> Vec<String> {
    let mut header: Vec<String> = [
        "organisation",
        "code",
        "kind",
        "county",
        "year",
        "services",
        "e_services",
        "step_1",
        "step_2",
        "step_3",
        "step_4",
    ]
    .map(String::from)
    .to_vec();
    header.extend(Feature::ALL.iter().map(|f| f.id().to_string()));
    header.extend(HEADLINE.iter().map(|i| i.id().to_string()));
    header.extend(["score", "file"].map(String::from));
    header
}

pub fn render(survey: &Survey, dialect: Dialect) -> Result<Vec<u8>, Message> {
    let mut writer = dialect.writer();
    let write_err = |e: csv::Error| crate::render::csv_failure(&e);
    writer.write_record(header()).map_err(write_err)?;
    let flag = |b: bool| if b { "true" } else { "false" }.to_string();
    for o in &survey.organisations {
        let mut record = vec![
            dialect.text(&o.name).into_owned(),
            dialect.text(o.code.as_deref().unwrap_or("")).into_owned(),
            o.kind.as_str().to_string(),
            o.county
                .as_ref()
                .map(|c| c.code.clone())
                .unwrap_or_default(),
            o.year.to_string(),
            o.services.to_string(),
            o.e_services.to_string(),
        ];
        record.extend(o.at_step.iter().map(|b| flag(*b)));
        record.extend(Feature::ALL.iter().map(|f| flag(o.has(*f))));
        record.extend(o.headline.iter().map(|r| dialect.maybe_number(r.value)));
        record.push(o.score().to_string());
        record.push(dialect.text(&o.file).into_owned());
        writer.write_record(&record).map_err(write_err)?;
    }
    dialect.finish(writer)
}
