//! Writes a deterministic, realistic national corpus of inventories: one file
//! per municipality and follow-up year, for the benchmark (`scripts/bench.sh`)
//! and for trying trappa at scale.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --orgs 290 --services 140 --years 2 --seed 1 --out corpus/
//! ```
//!
//! Realistic means: SCB's real municipality codes and names
//! (data/municipalities.csv), the usual municipal departments, services named
//! as Swedish municipalities name them, every step of the ladder (most
//! services at steps 1–3, a few at 4), services that climb the ladder from one
//! year to the next under stable ids, a few planned and retired ones, and
//! case volumes spread over three orders of magnitude. Every file passes
//! `trappa check` (exit 0); a few percent of services carry the warnings real
//! inventories have (no accessibility statement, no volumes).
//!
//! Deterministic means: the same arguments write byte-identical files. The
//! random numbers come from a small seeded generator (SplitMix64), keyed by
//! seed, organisation and service, so a service's history does not depend on
//! how many other services or organisations are generated.

use clap::Parser;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use trappa::inventory::Step;
use trappa::inventory::model::{
    CaseTracking, Decision, Evidence, Interactive, Login, Prefill, Signing, Submission, Vocabulary,
};
use trappa::ladder::classify;
use trappa::municipalities::{self, Municipality};

#[derive(Parser)]
#[command(about = "Writes a deterministic national corpus of trappa inventories")]
struct Args {
    /// Municipalities, in SCB code order (at most 290: there are 290)
    #[arg(long, default_value_t = 290)]
    orgs: usize,
    /// Services per inventory
    #[arg(long, default_value_t = 140)]
    services: usize,
    /// Follow-up years per municipality, ending with --last-year
    #[arg(long, default_value_t = 2)]
    years: usize,
    /// The last follow-up year written
    #[arg(long, default_value_t = 2025)]
    last_year: i32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory to write (created; existing files of the same names are replaced)
    #[arg(long)]
    out: PathBuf,
}

fn main() {
    let args = Args::parse();
    if let Err(message) = run(&args) {
        eprintln!("gen_corpus: error: {message}");
        std::process::exit(2);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let all = municipalities::all();
    if args.orgs == 0 || args.orgs > all.len() {
        return Err(format!(
            "--orgs must be 1–{} (Sweden has {} municipalities)",
            all.len(),
            all.len()
        ));
    }
    if args.years == 0 || args.years > 50 {
        return Err("--years must be 1–50".into());
    }
    let first_year = args.last_year - args.years as i32 + 1;
    if first_year < 2000 || args.last_year > 2100 {
        return Err("the years must lie within 2000–2100".into());
    }
    let (mut files, mut services, mut bytes) = (0usize, 0usize, 0usize);
    for municipality in &all[..args.orgs] {
        let dir = args
            .out
            .join(format!("{}-{}", municipality.code, slug(municipality.name)));
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let histories: Vec<History> = (0..args.services)
            .map(|i| History::new(args.seed, municipality, i, args.years))
            .collect();
        for (year_index, year) in (first_year..=args.last_year).enumerate() {
            let text = inventory(args.seed, municipality, year, year_index, &histories);
            write(&dir.join(format!("{year}.yaml")), &text)?;
            files += 1;
            services += histories.len();
            bytes += text.len();
        }
    }
    println!(
        "wrote {files} files, {services} services, {:.1} MB to {}",
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// Randomness: SplitMix64, keyed so that each service has its own stream.

struct Rng(u64);

impl Rng {
    fn keyed(parts: &[u64]) -> Rng {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for &part in parts {
            rng.0 ^= part;
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Spread over orders of magnitude, as case volumes are: 10 to ~20 000.
    fn volume(&mut self) -> u64 {
        let exponent = 1.0 + self.below(1000) as f64 / 1000.0 * 3.3;
        10f64.powf(exponent).round() as u64
    }
}

fn code_number(m: &Municipality) -> u64 {
    m.code.parse().unwrap_or(0)
}

// ---------------------------------------------------------------------------
// What municipalities do.

const DEPARTMENTS: &[(&str, &str)] = &[
    ("kommunledning", "Kommunledningsförvaltningen"),
    ("samhallsbyggnad", "Samhällsbyggnadsförvaltningen"),
    ("barn-och-utbildning", "Barn- och utbildningsförvaltningen"),
    ("socialforvaltning", "Socialförvaltningen"),
    ("kultur-och-fritid", "Kultur- och fritidsförvaltningen"),
    ("miljo", "Miljöförvaltningen"),
    ("vatten-och-avfall", "Vatten och avfall"),
];

/// Kinds of service: id, name, department, and the step it typically
/// starts at (a maximum is reached only by climbing).
const KINDS: &[(&str, &str, usize, u8)] = &[
    ("protokoll", "Sammanträden, handlingar och protokoll", 0, 1),
    ("medborgarforslag", "Lämna medborgarförslag", 0, 2),
    ("lediga-jobb", "Söka jobb i kommunen", 0, 2),
    ("allman-handling", "Begära ut allmän handling", 0, 2),
    ("synpunkter", "Lämna synpunkter och klagomål", 0, 2),
    ("bygglov", "Ansöka om bygglov", 1, 2),
    ("attefall", "Anmäla attefallsåtgärd", 1, 2),
    ("nybyggnadskarta", "Beställa nybyggnadskarta", 1, 2),
    ("felanmalan", "Felanmälan gata, park och belysning", 1, 2),
    (
        "parkeringstillstand",
        "Ansöka om parkeringstillstånd för rörelsehindrade",
        1,
        2,
    ),
    ("tomtko", "Ställa sig i tomtkö", 1, 3),
    (
        "markupplatelse",
        "Ansöka om att använda offentlig plats",
        1,
        2,
    ),
    ("karttjanst", "Kartor och flygfoton", 1, 1),
    ("forskola-ansokan", "Ansöka om plats i förskola", 2, 3),
    (
        "barnomsorg-uppsagning",
        "Säga upp plats i förskola och fritidshem",
        2,
        3,
    ),
    ("skolskjuts", "Ansöka om skolskjuts", 2, 2),
    ("gymnasieval", "Söka till gymnasieskolan", 2, 3),
    ("modersmal", "Ansöka om modersmålsundervisning", 2, 2),
    (
        "maxtaxa",
        "Lämna inkomstuppgift för barnomsorgsavgift",
        2,
        3,
    ),
    ("ekonomiskt-bistand", "Ansöka om ekonomiskt bistånd", 3, 3),
    ("lss", "Ansöka om insatser enligt LSS", 3, 2),
    ("fardtjanst", "Ansöka om färdtjänst", 3, 2),
    (
        "bostadsanpassning",
        "Ansöka om bostadsanpassningsbidrag",
        3,
        2,
    ),
    ("hemtjanst", "Ansöka om hemtjänst", 3, 2),
    ("orosanmalan", "Göra en orosanmälan", 3, 2),
    ("bibliotek-lan", "Låna och reservera böcker", 4, 3),
    ("e-bocker", "Låna e-böcker", 4, 2),
    ("lokalbokning", "Boka lokal och idrottshall", 4, 2),
    ("foreningsbidrag", "Ansöka om föreningsbidrag", 4, 2),
    ("kulturskola", "Anmälan till kulturskolan", 4, 2),
    ("varmepump", "Anmäla installation av värmepump", 5, 2),
    (
        "enskilt-avlopp",
        "Ansöka om tillstånd för enskilt avlopp",
        5,
        2,
    ),
    ("livsmedel", "Registrera livsmedelsanläggning", 5, 2),
    ("serveringstillstand", "Ansöka om serveringstillstånd", 5, 3),
    ("miljofarlig", "Anmäla miljöfarlig verksamhet", 5, 2),
    ("slamtomning", "Beställa slamtömning", 6, 2),
    ("sophamtning", "Ändra abonnemang för sophämtning", 6, 2),
    ("vattenavbrott", "Driftstörningar i vatten och avlopp", 6, 1),
    ("vattenmatare", "Anmäla avläsning av vattenmätare", 6, 2),
    ("flytt-va", "Anmäla flytt inom vatten och avfall", 6, 2),
];

/// The service type (`data/service-types.yaml`) of each kind that has one,
/// so that `survey` and the benchmark see typed services; the rest stay
/// untyped, as in real inventories.
const TYPES: &[(&str, &str)] = &[
    ("medborgarforslag", "medborgarforslag"),
    ("lediga-jobb", "lediga-jobb"),
    ("allman-handling", "allmanna-handlingar"),
    ("synpunkter", "synpunkter"),
    ("bygglov", "bygglov"),
    ("attefall", "bygganmalan"),
    ("nybyggnadskarta", "nybyggnadskarta"),
    ("felanmalan", "felanmalan"),
    ("parkeringstillstand", "parkeringstillstand-rorelsehindrade"),
    ("tomtko", "tomtko"),
    ("markupplatelse", "upplatelse-offentlig-plats"),
    ("forskola-ansokan", "forskoleansokan"),
    ("barnomsorg-uppsagning", "uppsagning-barnomsorg"),
    ("skolskjuts", "skolskjuts"),
    ("gymnasieval", "gymnasieansokan"),
    ("modersmal", "modersmal"),
    ("maxtaxa", "inkomstuppgift-barnomsorg"),
    ("ekonomiskt-bistand", "ekonomiskt-bistand"),
    ("lss", "lss"),
    ("fardtjanst", "fardtjanst"),
    ("bostadsanpassning", "bostadsanpassningsbidrag"),
    ("hemtjanst", "hemtjanst"),
    ("orosanmalan", "orosanmalan"),
    ("bibliotek-lan", "bibliotekslan"),
    ("e-bocker", "e-bocker"),
    ("lokalbokning", "lokalbokning"),
    ("foreningsbidrag", "foreningsbidrag"),
    ("kulturskola", "kulturskola"),
    ("varmepump", "varmepump"),
    ("enskilt-avlopp", "avlopp"),
    ("livsmedel", "livsmedelsregistrering"),
    ("serveringstillstand", "serveringstillstand"),
    ("slamtomning", "avfallsabonnemang"),
    ("sophamtning", "avfallsabonnemang"),
    ("vattenmatare", "matarstallning"),
    ("flytt-va", "vatten-avlopp"),
];

/// When a municipality has more services than kinds, the same kind recurs
/// for another district or target group (each with its own id and name).
const VARIANTS: &[(&str, &str)] = &[
    ("", ""),
    ("-norr", " – område norr"),
    ("-soder", " – område söder"),
    ("-vaster", " – område väster"),
    ("-oster", " – område öster"),
    ("-foretag", " för företag"),
    ("-forening", " för föreningar"),
];

const PLATFORMS: &[&str] = &[
    "Open ePlatform",
    "Sitevision",
    "Netcompany",
    "Abou",
    "Artvise",
    "Evolution",
    "Viva",
    "Combine",
];

const AUTHORITIES: &[&str] = &[
    "Skatteverket",
    "Försäkringskassan",
    "CSN",
    "Lantmäteriet",
    "Bolagsverket",
    "Transportstyrelsen",
];

/// One service of one municipality over the years: what it is, and the step
/// it stands at each year (never down: a municipality does not dismantle
/// e-services, and a retired one leaves the indicators anyway).
struct History {
    index: usize,
    id: String,
    name: String,
    department: &'static str,
    service_type: Option<&'static str>,
    platform: &'static str,
    steps: Vec<Step>,
    /// Planned until this year index, retired from this one.
    planned_until: usize,
    retired_from: usize,
    target: Option<Step>,
}

impl History {
    fn new(seed: u64, m: &Municipality, index: usize, years: usize) -> History {
        let mut rng = Rng::keyed(&[seed, code_number(m), index as u64]);
        let (kind_id, kind_name, department, start) = KINDS[index % KINDS.len()];
        let round = index / KINDS.len();
        let (id, name) = match VARIANTS.get(round) {
            Some((id_suffix, name_suffix)) => (
                format!("{kind_id}{id_suffix}"),
                format!("{kind_name}{name_suffix}"),
            ),
            None => (
                format!("{kind_id}-{}", round + 1),
                format!("{kind_name} ({})", round + 1),
            ),
        };
        let mut step = match rng.below(10) {
            0 => start.saturating_sub(1).max(1),
            1..=6 => start,
            _ => (start + 1).min(4),
        };
        let mut steps = Vec::with_capacity(years);
        for _ in 0..years {
            steps.push(Step::from_number(step.into()).unwrap_or(Step::Information));
            // A service climbs one step in about one year of six.
            if step < 4 && rng.percent(16) {
                step += 1;
            }
        }
        let planned_until = if rng.percent(4) {
            rng.below(years as u64 + 1) as usize
        } else {
            0
        };
        let retired_from = if rng.percent(3) {
            (planned_until + 1 + rng.below(years as u64) as usize).min(years)
        } else {
            usize::MAX
        };
        let last = steps.last().copied().unwrap_or(Step::Information);
        let target = rng
            .percent(45)
            .then(|| Step::from_number((last.number() + rng.below(2) as u8).min(4).into()))
            .flatten();
        History {
            index,
            id,
            name,
            department: DEPARTMENTS[department].0,
            service_type: TYPES.iter().find(|(k, _)| *k == kind_id).map(|(_, t)| *t),
            platform: rng.pick(PLATFORMS),
            steps,
            planned_until,
            retired_from,
            target,
        }
    }
}

/// Evidence that puts a service at exactly `step`, varied within the step.
fn evidence_for(step: Step, rng: &mut Rng) -> Evidence {
    let mut e = Evidence::default();
    match step {
        // Ready-packaged information: no evidence at all.
        Step::Information => {}
        Step::Interaction => match rng.below(4) {
            0 => {
                e.download_form = true;
                e.submission = Submission::Offline;
                e.signing = Signing::Paper;
            }
            1 => {
                e.submission = Submission::Online;
                e.attachments = rng.percent(50);
                e.decision = Some(Decision::Email);
            }
            2 => {
                e.interactive = vec![rng.pick(&[
                    Interactive::Map,
                    Interactive::Booking,
                    Interactive::Calculator,
                    Interactive::Search,
                ])];
            }
            _ => {
                e.login = Login::Password;
                e.submission = Submission::Online;
                e.case_tracking = CaseTracking::External;
            }
        },
        Step::Transaction | Step::Integration => {
            e.submission = Submission::Online;
            e.login = Login::Eid;
            e.signing = if rng.percent(70) {
                Signing::Eid
            } else {
                Signing::None
            };
            if e.signing == Signing::Eid {
                e.signatures = Some(if rng.percent(10) { 2 } else { 1 });
            }
            e.foreign_eid = rng.percent(20);
            e.attachments = rng.percent(60);
            e.save_resume = rng.percent(40);
            e.case_tracking = if rng.percent(60) {
                CaseTracking::Portal
            } else {
                CaseTracking::None
            };
            e.messaging = rng.percent(30);
            e.decision = Some(rng.pick(&[
                Decision::Portal,
                Decision::DigitalMailbox,
                Decision::Email,
                Decision::Post,
            ]));
            e.prefill = if rng.percent(50) {
                Prefill::Identity
            } else {
                Prefill::None
            };
            if step == Step::Integration {
                match rng.below(3) {
                    0 => e.prefill = Prefill::Registry,
                    1 => e.exchange = vec![rng.pick(AUTHORITIES).to_string()],
                    _ => e.shared_with = vec!["Grannkommunen".to_string()],
                }
            }
        }
    }
    e
}

fn inventory(
    seed: u64,
    m: &Municipality,
    year: i32,
    year_index: usize,
    histories: &[History],
) -> String {
    let mut out = String::with_capacity(histories.len() * 1600);
    let _ = writeln!(
        out,
        "# Generated by `cargo run --example gen_corpus` (seed {seed}): invented services and figures."
    );
    let _ = writeln!(out, "trappa: 1\norganisation:");
    let _ = writeln!(out, "  name: {}", organisation_name(m.name));
    let _ = writeln!(out, "  code: \"{}\"\n  kind: municipality", m.code);
    let _ = writeln!(out, "year: {year}\ndepartments:");
    for (id, name) in DEPARTMENTS {
        let _ = writeln!(out, "  - id: {id}\n    name: {name}");
    }
    out.push_str("services:\n");
    let site = format!("https://www.{}.se", slug(m.name));
    for history in histories {
        let mut rng = Rng::keyed(&[seed, code_number(m), history.index as u64, year as u64]);
        service(&mut out, history, year, year_index, &site, &mut rng);
    }
    out
}

fn service(
    out: &mut String,
    history: &History,
    year: i32,
    year_index: usize,
    site: &str,
    rng: &mut Rng,
) {
    let step = history.steps[year_index];
    let evidence = evidence_for(step, rng);
    let derived = classify(&evidence).step;
    let status = if year_index >= history.retired_from {
        "retired"
    } else if year_index < history.planned_until {
        "planned"
    } else {
        "live"
    };
    let _ = writeln!(out, "  - id: {}", history.id);
    let _ = writeln!(out, "    name: {}", history.name);
    let _ = writeln!(out, "    department: {}", history.department);
    if let Some(service_type) = history.service_type {
        let _ = writeln!(out, "    type: {service_type}");
    }
    let _ = writeln!(
        out,
        "    description: \"{} – kommunens e-tjänst, uppgifter för {year}.\"",
        history.name
    );
    let _ = writeln!(out, "    url: {site}/e-tjanster/{}/", history.id);
    if status != "live" {
        let _ = writeln!(out, "    status: {status}");
    }
    let _ = writeln!(out, "    audience: [citizens]");
    let _ = writeln!(out, "    platform: {}", history.platform);
    let languages = if rng.percent(30) { "[sv, en]" } else { "[sv]" };
    let _ = writeln!(out, "    languages: {languages}");
    // Owners mostly declare the step the evidence gives; some declare one
    // below it (W101, as real inventories do), never above (that is E005).
    if rng.percent(60) {
        let declared = if derived.number() > 1 && rng.percent(2) {
            Step::from_number((derived.number() - 1).into()).unwrap_or(derived)
        } else {
            derived
        };
        let _ = writeln!(out, "    declared_step: {}", declared.id());
    }
    if let Some(target) = history.target.filter(|t| *t >= derived) {
        let _ = writeln!(out, "    target_step: {}", target.id());
    }
    write_evidence(out, &evidence);
    out.push_str("    access:\n");
    let hours = if evidence.submission == Submission::Offline {
        "limited"
    } else {
        "always"
    };
    let _ = writeln!(out, "      hours: {hours}");
    let mobile = rng.pick(&[
        "responsive",
        "responsive",
        "responsive",
        "app",
        "desktop_only",
    ]);
    let _ = writeln!(out, "      mobile: {mobile}");
    if derived == Step::Information || rng.percent(97) {
        let _ = writeln!(
            out,
            "      accessibility_statement: {site}/om-webbplatsen/tillganglighet/"
        );
        let conformance = rng.pick(&["full", "partial", "partial", "none"]);
        let _ = writeln!(out, "      conformance: {conformance}");
        let _ = writeln!(
            out,
            "      reviewed: {year}-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        );
    }
    if derived >= Step::Transaction {
        let protected = rng.pick(&["supported", "alternative", "alternative", "unsupported"]);
        let _ = writeln!(out, "      protected_identity: {protected}");
    }
    let takes_cases = matches!(
        evidence.submission,
        Submission::Offline | Submission::Online
    );
    if takes_cases && rng.percent(97) {
        let cases = rng.volume();
        out.push_str("    volumes:\n");
        let _ = writeln!(out, "      cases: {cases}");
        if evidence.submission == Submission::Online {
            let digital = cases * (30 + rng.below(69)) / 100;
            let started = digital + digital * rng.below(25) / 100;
            let _ = writeln!(out, "      digital: {digital}");
            let _ = writeln!(out, "      started: {started}");
            let _ = writeln!(out, "      completed: {digital}");
        } else {
            let _ = writeln!(out, "      digital: 0");
        }
        let _ = writeln!(
            out,
            "    cost_per_case_sek: {}.{}",
            20 + rng.below(880),
            rng.below(10)
        );
        let _ = writeln!(out, "    satisfaction_pct: {}", 50 + rng.below(49));
    }
    out.push('\n');
}

fn write_evidence(out: &mut String, e: &Evidence) {
    let mut lines = String::new();
    if e.download_form {
        lines.push_str("      download_form: true\n");
    }
    if !e.interactive.is_empty() {
        let tools: Vec<&str> = e.interactive.iter().map(|t| t.as_str()).collect();
        let _ = writeln!(lines, "      interactive: [{}]", tools.join(", "));
    }
    let _ = writeln!(lines, "      submission: {}", e.submission.as_str());
    if e.login != Login::None {
        let _ = writeln!(lines, "      login: {}", e.login.as_str());
    }
    if e.foreign_eid {
        lines.push_str("      foreign_eid: true\n");
    }
    if e.signing != Signing::None {
        let _ = writeln!(lines, "      signing: {}", e.signing.as_str());
    }
    if let Some(n) = e.signatures {
        let _ = writeln!(lines, "      signatures: {n}");
    }
    if e.attachments {
        lines.push_str("      attachments: true\n");
    }
    if e.save_resume {
        lines.push_str("      save_resume: true\n");
    }
    if e.case_tracking != CaseTracking::None {
        let _ = writeln!(lines, "      case_tracking: {}", e.case_tracking.as_str());
    }
    if e.messaging {
        lines.push_str("      messaging: true\n");
    }
    if let Some(d) = e.decision {
        let _ = writeln!(lines, "      decision: {}", d.as_str());
    }
    if e.prefill != Prefill::None {
        let _ = writeln!(lines, "      prefill: {}", e.prefill.as_str());
    }
    if !e.exchange.is_empty() {
        let _ = writeln!(lines, "      exchange: [{}]", e.exchange.join(", "));
    }
    if !e.shared_with.is_empty() {
        let _ = writeln!(lines, "      shared_with: [{}]", e.shared_with.join(", "));
    }
    out.push_str("    evidence:\n");
    out.push_str(&lines);
}

/// "Trelleborg" → "Trelleborgs kommun"; names ending in s, x or z take no
/// genitive s ("Borås kommun").
fn organisation_name(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        format!("{name} kommun")
    } else {
        format!("{name}s kommun")
    }
}

/// "Upplands Väsby" → "upplands-vasby": for directory names and URLs.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'ö' | 'ó' => out.push('o'),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_string()
}
