//! The starter inventory of `trappa init`: every section, one example service
//! per step of the ladder, comments in Swedish and English. It passes
//! `trappa check` with no findings at all, so the first finding a user sees
//! is about their own change (a test keeps it so).

use crate::municipalities::Municipality;

/// What the starter is filled in with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Starter {
    /// The organisation's name; None writes a placeholder to replace.
    pub name: Option<String>,
    /// A municipality's SCB code (already checked against the list).
    pub code: Option<String>,
    pub year: i32,
}

/// The name a municipality goes by in an inventory: "Trelleborgs kommun".
/// Swedish adds a genitive -s, except after a vowel or s/x/z; the few
/// municipalities whose official name breaks the rule are listed.
pub fn organisation_name(municipality: &Municipality) -> String {
    let name = municipality.name;
    match name {
        "Falun" => return "Falu kommun".into(),
        "Kalmar" => return "Kalmar kommun".into(),
        "Gotland" => return "Region Gotland".into(),
        _ => {}
    }
    let last = name.chars().last().unwrap_or(' ').to_lowercase().next();
    let no_s = matches!(
        last,
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 's' | 'x' | 'z')
    );
    if no_s {
        format!("{name} kommun")
    } else {
        format!("{name}s kommun")
    }
}

/// The current calendar year (UTC) from the system clock, kept within the
/// years an inventory accepts. `init` uses it only when `--year` is not given.
pub fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_day((seconds / 86_400) as i64).clamp(2000, 2100)
}

/// The Gregorian year of a day counted from 1970-01-01 (day 0).
fn year_of_day(days: i64) -> i32 {
    // Howard Hinnant's civil_from_days, reduced to the year: eras of
    // 400 years (146 097 days) starting on 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March … 11 = February
    let year = year_of_era + era * 400 + i64::from(month_index >= 10);
    year as i32
}

/// A YAML double-quoted scalar: safe for any name a user types (`:`, `#`,
/// quotes, a leading `-`, words YAML would read as booleans or numbers).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The starter inventory as text.
pub fn inventory(starter: &Starter) -> String {
    let name_line = match &starter.name {
        Some(name) => format!("  name: {}", quoted(name)),
        None => "  name: Exempelby kommun                # byt ut / replace".to_string(),
    };
    let code_line = match &starter.code {
        Some(code) => format!(
            "  code: {:<32}# SCB:s kommunkod, inom citattecken / SCB municipality code, quoted",
            quoted(code)
        ),
        None => "  # code: \"1287\"                        # SCB:s kommunkod (data/municipalities.csv), inom citattecken / SCB municipality code, quoted".to_string(),
    };
    TEMPLATE
        .replace("{name_line}", &name_line)
        .replace("{code_line}", &code_line)
        .replace("{year}", &starter.year.to_string())
}

const TEMPLATE: &str = r#"# yaml-language-server: $schema=trappa.schema.json
#
# E-tjänstförteckning enligt trappa format 1. Skapad med `trappa init`.
# E-service inventory in trappa format 1. Made by `trappa init`.
#
# Byt ut exempeltjänsterna och exempelsiffrorna mot era egna och kör
# `trappa check FIL` efter varje ändring: den visar varje fel med rad och kolumn.
# Replace the example services and figures with your own and run
# `trappa check FILE` after every change: it shows each problem with its line and column.
#
# Redigeringsstöd: `trappa schema -o trappa.schema.json` i samma mapp ger komplettering
# och kontroll i VS Code (YAML-tillägget från Red Hat) och andra editorer.
# Editor support: `trappa schema -o trappa.schema.json` in the same folder gives completion
# and validation in VS Code (Red Hat's YAML extension) and other editors.

trappa: 1                               # formatversion / format version

organisation:
{name_line}
{code_line}
  kind: municipality                    # municipality | region | agency | company

year: {year}                              # uppföljningsår / follow-up year

# Förvaltningar (valfritt). Finns listan måste varje tjänsts `department` vara ett av id:na.
# Departments (optional). When present, every service's `department` must be one of the ids.
departments:
  - id: kommunledning
    name: Kommunledningsförvaltningen
  - id: samhallsbyggnad
    name: Samhällsbyggnadsförvaltningen
  - id: barn-och-utbildning
    name: Barn- och utbildningsförvaltningen
  - id: socialforvaltning
    name: Socialförvaltningen

# En post per e-tjänst. trappa härleder tjänstens steg på e-trappan ur `evidence`
# (`trappa ladder` visar reglerna); `declared_step` är bara en kontroll.
# One item per e-service. trappa derives the service's step on the ladder from `evidence`
# (`trappa ladder` shows the rules); `declared_step` is only checked against it.
services:

  # Steg 1 information: information på webben, inget att skicka in.
  # Step 1 information: information on the web, nothing to submit.
  - id: avfallshamtning                 # unikt, a–z 0–9 - _, samma år efter år / unique, stable across years
    name: Information om avfallshämtning
    department: samhallsbyggnad
    url: https://www.example.se/avfall  # byt ut / replace
    status: live                        # live | planned | retired (bara live räknas / only live counts)
    audience: [citizens, businesses]    # citizens | businesses | associations | staff
    evidence:
      submission: none                  # none | offline | online
    access:
      hours: always                     # always | limited
      mobile: responsive                # responsive | app | desktop_only

  # Steg 2 interaktion: ett formulär utan e-legitimation.
  # Step 2 interaction: a form without e-ID.
  - id: felanmalan
    name: Felanmälan gata och park
    department: samhallsbyggnad
    type: felanmalan                    # valfri tjänstetyp ur data/service-types.yaml / optional service type
    url: https://www.example.se/felanmalan
    audience: [citizens]
    evidence:
      submission: online
      interactive: [map]                # calculator | map | booking | search | chat | email
      anonymous: true                   # anonym med avsikt / anonymous by design
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://www.example.se/tillganglighet   # tillgänglighetsredogörelse
    volumes:                            # exempelsiffror, byt ut / example figures, replace
      cases: 1200                       # ärenden i alla kanaler / cases through all channels
      digital: 900                      # varav digitalt / of which digital

  # Steg 3 transaktion: inskickat på webben med e-legitimation och e-underskrift.
  # Här visas alla nycklar en tjänst kan ha; alla utom `id` och `name` är valfria.
  # Step 3 transaction: submitted online with e-ID login and e-ID signing.
  # Every key a service can have is shown here; all but `id` and `name` are optional.
  - id: forskoleplats
    name: Ansökan om förskoleplats
    department: barn-och-utbildning
    type: forskoleansokan
    description: Vårdnadshavare ansöker om plats i förskola.
    url: https://www.example.se/forskola
    status: live
    audience: [citizens]
    platform: E-tjänsteplattform        # fritext / free text
    languages: [sv, en]                 # ISO 639-1
    declared_step: transaction          # vad ägaren anger / what the owner claims
    target_step: transaction            # målsteg / the step the service should reach
    evidence:
      download_form: false              # blankett att skriva ut / a form to print
      interactive: []
      submission: online
      login: eid                        # none | password | eid
      foreign_eid: false                # utländsk e-legitimation (eIDAS) / foreign e-ID
      signing: eid                      # none | paper | eid
      signatures: 2                     # två vårdnadshavare / two guardians
      attachments: true
      save_resume: true                 # spara och fortsätt senare / save and resume
      case_tracking: portal             # none | portal (Mina sidor) | external
      messaging: true                   # meddelanden med handläggaren / messages with the case officer
      decision: portal                  # post | email | portal | digital_mailbox
      payment: none                     # none | invoice | online
      prefill: identity                 # none | identity | registry
      exchange: []                      # organisationer ärendet utbyts med / organisations exchanged with
      shared_with: []                   # organisationer som driver tjänsten gemensamt / run jointly with
      anonymous: false
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://www.example.se/tillganglighet
      conformance: partial              # full | partial | none
      reviewed: {year}-01-15              # senaste granskning / last review (YYYY-MM-DD)
      protected_identity: alternative   # supported | alternative | unsupported (skyddad identitet)
    volumes:                            # exempelsiffror, byt ut / example figures, replace
      cases: 400
      digital: 360
      started: 380                      # påbörjade digitala ansökningar / digital applications started
      completed: 360                    # slutförda / completed
    cost_per_case_sek: 150              # kostnad per ärende i kronor / cost per case in SEK
    satisfaction_pct: 80                # nöjda användare i procent / satisfied users, percent

  # Steg 4 integration: som steg 3, och uppgifter hämtas från eller utbyts med andra myndigheter.
  # Step 4 integration: as step 3, and data is fetched from or exchanged with other authorities.
  - id: ekonomiskt-bistand
    name: Ansökan om ekonomiskt bistånd
    department: socialforvaltning
    type: ekonomiskt-bistand
    url: https://www.example.se/ekonomiskt-bistand
    audience: [citizens]
    declared_step: integration
    target_step: integration
    evidence:
      submission: online
      login: eid
      signing: eid
      attachments: true
      case_tracking: portal
      decision: digital_mailbox
      prefill: registry                 # uppgifter ur en annan myndighets register / from another authority's register
      exchange: [Försäkringskassan, Skatteverket]
    access:
      hours: always
      mobile: responsive
      accessibility_statement: https://www.example.se/tillganglighet
    volumes:                            # exempelsiffror, byt ut / example figures, replace
      cases: 300
      digital: 240
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::municipalities;

    #[test]
    fn years_turn_on_new_years_day() {
        // Day numbers from 1970-01-01, worked out by hand (and with Python's datetime).
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(10_956), 1999); // 1999-12-31
        assert_eq!(year_of_day(10_957), 2000); // 2000-01-01
        assert_eq!(year_of_day(20_088), 2024); // 2024-12-31, a leap year's last day
        assert_eq!(year_of_day(20_089), 2025); // 2025-01-01
        assert_eq!(year_of_day(47_846), 2100); // 2100-12-31
        assert!((2000..=2100).contains(&current_year()));
    }

    #[test]
    fn municipality_names_take_the_genitive() {
        let name = |code: &str| organisation_name(municipalities::by_code(code).unwrap());
        assert_eq!(name("1287"), "Trelleborgs kommun");
        assert_eq!(name("1280"), "Malmö kommun");
        assert_eq!(name("1490"), "Borås kommun");
        assert_eq!(name("0114"), "Upplands Väsby kommun");
        assert_eq!(name("2080"), "Falu kommun");
        assert_eq!(name("0880"), "Kalmar kommun");
        assert_eq!(name("0980"), "Region Gotland");
    }

    #[test]
    fn names_are_quoted_whatever_they_contain() {
        assert_eq!(quoted("Trelleborgs kommun"), "\"Trelleborgs kommun\"");
        assert_eq!(quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(quoted("rad\nny"), "\"rad\\u000Any\"");
    }
}
