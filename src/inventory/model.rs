//! The typed inventory (format 1, spec §2). Plain data: the decoder fills it,
//! checks and the ladder read it, renderers print it.

use super::step::Step;
use crate::characters;
use crate::diagnostic::Pos;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A closed set of words a key accepts. Each vocabulary knows its spellings so
/// the decoder can say "did you mean" and the README can list them.
pub trait Vocabulary: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }
}

macro_rules! vocabulary {
    (@derive [$($extra:ident)*] $(#[$meta:meta])* $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        // The schema lists the spellings (the serde renames) inline, where
        // an editor shows them beside the key's own description.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema $(, $extra)*)]
        #[schemars(inline)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }
        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    // `default` makes the variant marked `#[default]` what an absent key means.
    (default $($rest:tt)*) => { vocabulary!(@derive [Default] $($rest)*); };
    ($($rest:tt)*) => { vocabulary!(@derive [] $($rest)*); };
}

vocabulary!(default
    /// What kind of body the inventory belongs to.
    OrganisationKind { #[default] Municipality = "municipality", Region = "region", Agency = "agency", Company = "company" }
);
vocabulary!(default
    /// Only live services enter the indicators.
    Status { #[default] Live = "live", Planned = "planned", Retired = "retired" }
);
vocabulary!(Audience { Citizens = "citizens", Businesses = "businesses", Associations = "associations", Staff = "staff" });
vocabulary!(Interactive { Calculator = "calculator", Map = "map", Booking = "booking", Search = "search", Chat = "chat", Email = "email" });
vocabulary!(default
    /// How a case reaches the organisation. `offline` is e-mail, post or a visit.
    Submission { #[default] None = "none", Offline = "offline", Online = "online" }
);
vocabulary!(default Login { #[default] None = "none", Password = "password", Eid = "eid" });
vocabulary!(default Signing { #[default] None = "none", Paper = "paper", Eid = "eid" });
vocabulary!(default CaseTracking { #[default] None = "none", Portal = "portal", External = "external" });
vocabulary!(Decision { Post = "post", Email = "email", Portal = "portal", DigitalMailbox = "digital_mailbox" });
vocabulary!(default Payment { #[default] None = "none", Invoice = "invoice", Online = "online" });
vocabulary!(default
    /// `registry` means data fetched from another authority's register: step-4 evidence.
    Prefill { #[default] None = "none", Identity = "identity", Registry = "registry" }
);
vocabulary!(Hours { Always = "always", Limited = "limited" });
vocabulary!(Mobile { Responsive = "responsive", App = "app", DesktopOnly = "desktop_only" });
vocabulary!(Conformance { Full = "full", Partial = "partial", None = "none" });
vocabulary!(ProtectedIdentity { Supported = "supported", Alternative = "alternative", Unsupported = "unsupported" });

// The `JsonSchema` derives below describe the YAML keys of spec §2 (the
// model's field names are those keys). The decoder, not serde, fills the
// model, so only `#[schemars]` attributes are used here: they shape the
// schema without changing how the model serialises. Positions and
// `incomplete` are bookkeeping, not keys, and are skipped.

/// An inventory of one organisation's e-services for one follow-up year.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Inventory {
    /// The organisation the inventory belongs to.
    pub organisation: Organisation,
    /// The follow-up year the inventory describes (2000–2100).
    #[schemars(range(min = 2000, max = 2100))]
    pub year: i32,
    /// None when the file has no `departments` section (then any department name is accepted).
    #[schemars(
        description = "Optional. The organisation's departments (förvaltningar); when present, every service's `department` must be one of their ids."
    )]
    pub departments: Option<Vec<Department>>,
    /// The e-services, one item each. May be empty (warning W106).
    pub services: Vec<Service>,
    #[serde(skip)]
    #[schemars(skip)]
    pub spans: Spans,
    #[serde(skip)]
    #[schemars(skip)]
    pub undecoded: Undecoded,
}

/// What the file holds that could not be decoded (each already an error).
/// The cross-field rules read it so as not to judge what depends on it: a
/// finding that only follows from another hides the real mistake.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Undecoded {
    /// `services` holds something that is not a list of services, or items
    /// that could not be read as one.
    pub services: bool,
    /// The entries of `departments` that could not be read: the id as
    /// written, or None when not even that could be read.
    pub departments: Vec<Option<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Organisation {
    /// The organisation's name, e.g. "Trelleborgs kommun".
    #[schemars(length(min = 1))]
    pub name: String,
    /// A municipality's four-digit SCB code, quoted ("1287"), checked against data/municipalities.csv; a region's two-digit county code; absent for agencies and companies.
    pub code: Option<String>,
    /// What kind of body this is.
    #[schemars(default)]
    pub kind: OrganisationKind,
}

impl Organisation {
    /// Whether two inventories describe the same organisation: the same
    /// `code` when both have one, otherwise the same name as a reader
    /// reads it ([`name_key`]). `report --previous`, `compare`, `export`
    /// and every command that reads many files ask this, and only this.
    pub fn same_as(&self, other: &Organisation) -> bool {
        same_organisation(
            (self.code.as_deref(), &self.name),
            (other.code.as_deref(), &other.name),
        )
    }
}

/// [`Organisation::same_as`] for callers that keep only the code and name.
pub fn same_organisation(a: (Option<&str>, &str), b: (Option<&str>, &str)) -> bool {
    match (a.0.map(str::trim), b.0.map(str::trim)) {
        (Some(x), Some(y)) => x == y,
        _ => name_key(a.1) == name_key(b.1),
    }
}

/// [`same_organisation`] with the name's key made once: for the commands
/// that match thousands of organisations against each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationKey {
    code: Option<String>,
    name: String,
}

impl OrganisationKey {
    pub fn new(code: Option<&str>, name: &str) -> OrganisationKey {
        OrganisationKey {
            code: code.map(|c| c.trim().to_string()),
            name: name_key(name),
        }
    }

    /// The rule of [`same_organisation`]: the codes when both have one,
    /// otherwise the names as a reader reads them.
    pub fn same(&self, other: &OrganisationKey) -> bool {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => a == b,
            _ => self.name == other.name,
        }
    }
}

/// A name as a reader reads it: Unicode-normalised (NFC, so "å" typed as
/// one character or as "a" and a ring is the same letter), spaces trimmed
/// and collapsed, letter case ignored. Two names that print alike are the
/// same organisation.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let normal: String = name.nfc().collect();
    normal
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Department {
    /// A short stable id that services refer to in `department` (a–z, 0–9, `-`, `_`).
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The department's name, e.g. "Socialförvaltningen".
    #[schemars(length(min = 1))]
    pub name: String,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Pos,
}

/// `^[a-z0-9][a-z0-9_-]*$`: the rule of the decoder's `identifier`.
const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";

/// An id in the format's alphabet made from a name: lowercase ASCII,
/// accented letters as their base letter (å, ä → a; ö → o; é → e),
/// everything else a single `-`. "Ställa sig i tomtkö" → "stalla-sig-i-tomtko".
/// The id the decoder suggests for an invalid one, and the IRI segment of
/// an organisation without a code.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' | 'æ' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            c if c.is_ascii_alphanumeric() || c == '_' => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Service {
    /// A stable id, unique in the file and kept across years (a–z, 0–9, `-`, `_`; starts with a letter or digit).
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The service's name as users see it, e.g. "Ställa sig i tomtkö".
    #[schemars(length(min = 1))]
    pub name: String,
    /// The id of the department responsible; must be listed in `departments` when that section is present.
    pub department: Option<String>,
    /// Optional: which common e-service this is, an id from trappa's catalogue `data/service-types.yaml` (e.g. `bygglov`, `forskoleansokan`), so that surveys and peers can compare like with like.
    #[serde(rename = "type")]
    #[schemars(rename = "type", schema_with = "service_type_schema", default)]
    pub service_type: Option<String>,
    /// What the service does, in a sentence.
    pub description: Option<String>,
    /// Where the service starts: an http(s) address.
    #[schemars(pattern(HTTP_URL_PATTERN))]
    pub url: Option<String>,
    /// Only live services enter the indicators.
    #[schemars(default)]
    pub status: Status,
    /// Who the service is for.
    #[schemars(default)]
    pub audience: Vec<Audience>,
    /// The platform or product the service runs on (free text).
    pub platform: Option<String>,
    /// The languages the service is offered in, as ISO 639-1 codes (sv, en, fi …).
    #[schemars(default, inner(pattern("^[a-z]{2}$")))]
    pub languages: Vec<String>,
    /// The step the service owner claims; checked against the step derived from `evidence` (E005, W101).
    pub declared_step: Option<Step>,
    /// The step the service should reach (not every service should reach 4); below it, the service is listed "to develop".
    pub target_step: Option<Step>,
    /// Observable facts that place the service on the ladder. Every key is optional; absent means not present.
    #[schemars(default)]
    pub evidence: Evidence,
    /// Availability and accessibility.
    #[schemars(default)]
    pub access: Access,
    /// Figures for the inventory's year.
    #[schemars(default)]
    pub volumes: Volumes,
    /// Cost per case in Swedish kronor (>= 0).
    #[schemars(range(min = 0))]
    pub cost_per_case_sek: Option<f64>,
    /// Share of satisfied users, in percent (0–100).
    #[schemars(range(min = 0, max = 100))]
    pub satisfaction_pct: Option<f64>,
    /// Where the service and each of its keys stand in the file.
    #[serde(skip)]
    #[schemars(skip)]
    pub spans: Spans,
    /// True when a value of this service could not be decoded: checks that
    /// compare evidence skip it rather than report a knock-on error.
    #[serde(skip)]
    #[schemars(skip)]
    pub incomplete: bool,
}

/// The ids of the catalogue, for editors: a schema `enum`.
fn service_type_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let ids: Vec<&str> = super::service_type::all()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    schemars::json_schema!({ "type": "string", "enum": ids })
}

/// An http(s) address with a host and no spaces, as [`is_http_url`] accepts.
const HTTP_URL_PATTERN: &str = "^https?://[^/?#\\s]+\\S*$";

/// Whether the text is what the format calls a URL: `http://` or
/// `https://`, a host, and no spaces. The decoder refuses anything else
/// (E008), and only such a text becomes a link in the HTML report.
pub fn is_http_url(text: &str) -> bool {
    // The scheme is case-insensitive (RFC 3986 §3.1): `HTTPS://X.SE` is an
    // address. An invisible character (a zero-width or no-break space) or a
    // bidirectional override makes an address that is not what it shows.
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http"))
        && !host.is_empty()
        && !text
            .chars()
            .any(|c| characters::is_invisible(c) || characters::is_unsafe_to_show(c))
}

impl Service {
    pub fn is_live(&self) -> bool {
        self.status == Status::Live
    }

    /// The description, when there is one that says something: what
    /// CPSV-AP's `dct:description` needs (`check --profile cpsv-ap` and
    /// the export ask the same).
    pub fn stated_description(&self) -> Option<&str> {
        self.description
            .as_deref()
            .map(str::trim)
            .filter(|d| !crate::characters::is_blank(d))
    }
}

// The small facts about evidence that several parts of trappa ask (the
// checks, the indicators, the report): answered once, here, so that "a
// case service" or "a PDF form" means the same everywhere.
impl Evidence {
    /// A case can be submitted at all, online or offline: what makes a
    /// "case service", the denominator of the e-ID, tracking, decision and
    /// prefill shares (a page of information has no case to measure).
    pub fn takes_cases(&self) -> bool {
        matches!(self.submission, Submission::Online | Submission::Offline)
    }

    /// A form to download and no online submission: a PDF form still to
    /// replace with an e-service (I202, `pdf_forms`).
    pub fn is_pdf_form(&self) -> bool {
        self.download_form && self.submission != Submission::Online
    }

    /// Logs in or signs with e-ID (`eid_share`).
    pub fn uses_eid(&self) -> bool {
        self.login == Login::Eid || self.signing == Signing::Eid
    }

    /// The case can be followed online, in the organisation's portal or elsewhere.
    pub fn tracks_cases(&self) -> bool {
        self.case_tracking != CaseTracking::None
    }

    /// The decision reaches the applicant digitally.
    pub fn decides_digitally(&self) -> bool {
        matches!(
            self.decision,
            Some(Decision::Email | Decision::Portal | Decision::DigitalMailbox)
        )
    }
}

/// Observable facts. Every key is optional; absent means "not present".
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[schemars(default)]
pub struct Evidence {
    /// A printable or PDF form is offered for download (step 2).
    pub download_form: bool,
    /// Interactive tools the service offers (step 2).
    pub interactive: Vec<Interactive>,
    /// How a case reaches the organisation: `offline` is e-mail, post or a visit (step 2); `online` is needed for step 3.
    pub submission: Submission,
    /// How users log in: `password` counts for step 2; `eid` (e-legitimation) for step 3 with online submission.
    pub login: Login,
    /// Foreign e-ID (eIDAS) is accepted.
    pub foreign_eid: bool,
    /// How the application is signed: `eid` counts for step 3; `paper` rules step 3 out.
    pub signing: Signing,
    /// Number of signers required, e.g. 2 guardians (1–99).
    #[schemars(range(min = 1, max = 99))]
    pub signatures: Option<u32>,
    /// Attachments can be uploaded.
    pub attachments: bool,
    /// An application can be saved and resumed later.
    pub save_resume: bool,
    /// Where the applicant follows the case: `portal` is the organisation's own "Mina sidor", `external` another system.
    pub case_tracking: CaseTracking,
    /// Two-way messages with the case officer.
    pub messaging: bool,
    /// How the decision reaches the applicant.
    pub decision: Option<Decision>,
    /// How the service is paid for.
    pub payment: Payment,
    /// Data filled in for the applicant: `identity` from the e-ID, `registry` from another authority's register (step 4).
    pub prefill: Prefill,
    /// Organisations the case is exchanged with electronically (step 4 when not empty).
    pub exchange: Vec<String>,
    /// Organisations running the service jointly (step 4 when not empty).
    pub shared_with: Vec<String>,
    /// Anonymous by design, e.g. fault reports (contradicts `login: eid`).
    pub anonymous: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[schemars(default)]
pub struct Access {
    /// When the service is open: `always` around the clock, or `limited` hours.
    pub hours: Option<Hours>,
    /// How the service works on a phone.
    pub mobile: Option<Mobile>,
    /// The address of the accessibility statement (tillgänglighetsredogörelse, DOS-lagen 2018:1937).
    #[schemars(pattern(HTTP_URL_PATTERN))]
    pub accessibility_statement: Option<String>,
    /// Conformance with the accessibility requirements, as the accessibility statement states it.
    pub conformance: Option<Conformance>,
    /// ISO date (YYYY-MM-DD) of the last accessibility review.
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub reviewed: Option<String>,
    /// Whether people with protected identity (skyddad identitet) can use the service, or are offered an alternative.
    pub protected_identity: Option<ProtectedIdentity>,
}

/// Figures for the inventory's year; all optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[schemars(default)]
pub struct Volumes {
    /// Cases of this kind received through all channels.
    pub cases: Option<u64>,
    /// Of which received electronically (at most `cases`).
    pub digital: Option<u64>,
    /// Digital applications started.
    pub started: Option<u64>,
    /// Digital applications completed (at most `started`).
    pub completed: Option<u64>,
}

/// Positions of an item and its keys, by dotted path (`evidence.signing`).
/// `""` is the item itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans(BTreeMap<String, Pos>, BTreeMap<String, (Pos, String)>);

impl Spans {
    /// Records a value's place and how it was written, for a fix that
    /// rewrites it in the same form (`check --fix`).
    pub fn insert_value(&mut self, path: impl Into<String>, pos: Pos, written: impl Into<String>) {
        self.1.insert(path.into(), (pos, written.into()));
    }

    /// The first and the last line the item's keys are on.
    pub fn lines(&self) -> Option<(u32, u32)> {
        let first = self.0.values().map(|p| p.line).min()?;
        let last = self.0.values().map(|p| p.line).max()?;
        Some((first, last))
    }

    /// A value's place and its text as written, when recorded.
    pub fn value(&self, path: &str) -> Option<(Pos, &str)> {
        self.1.get(path).map(|(pos, text)| (*pos, text.as_str()))
    }

    pub fn insert(&mut self, path: impl Into<String>, pos: Pos) {
        self.0.insert(path.into(), pos);
    }

    /// The position of `path`, or of the item when the key is absent.
    pub fn at(&self, path: &str) -> Pos {
        self.0
            .get(path)
            .or_else(|| self.0.get(""))
            .copied()
            .unwrap_or(Pos::START)
    }

    pub fn get(&self, path: &str) -> Option<Pos> {
        self.0.get(path).copied()
    }

    /// Every recorded path and its position, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Pos)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http() {
        assert!(is_http_url("https://www.trelleborg.se/tomtko"));
        assert!(is_http_url("http://example.se"));
        assert!(!is_http_url("ftp://example.se"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("www.example.se"));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Ställa sig i tomtkö"), "stalla-sig-i-tomtko");
        assert_eq!(slug("  LSS / insatser "), "lss-insatser");
        assert_eq!(slug("Trelleborgs kommun"), "trelleborgs-kommun");
        assert_eq!(slug("  Bygg & miljö  "), "bygg-miljo");
        assert_eq!(slug("Åre"), "are");
        assert_eq!(slug("***"), "");
        assert_eq!(slug("gymnasie_antagning"), "gymnasie_antagning");
    }

    #[test]
    fn the_same_organisation_is_the_same_code_or_else_the_same_name() {
        let org = |name: &str, code: Option<&str>| Organisation {
            name: name.into(),
            code: code.map(String::from),
            kind: OrganisationKind::Municipality,
        };
        // Same code, other spelling: the code decides.
        assert!(org("Ale", Some("1440")).same_as(&org("Ale kommun", Some("1440"))));
        assert!(!org("Ale kommun", Some("1440")).same_as(&org("Ale kommun", Some("1441"))));
        // Without a code on either side, the name decides: trimmed, case
        // ignored, spaces collapsed, Unicode-normalised.
        assert!(org("ÅRE KOMMUN", None).same_as(&org("  Åre kommun", Some("2321"))));
        assert!(org("Åre  kommun", None).same_as(&org("Åre kommun", None)));
        assert!(org("A\u{30a}re kommun", None).same_as(&org("\u{c5}re kommun", None)));
        assert!(!org("Åre kommun", None).same_as(&org("Ale kommun", None)));
    }

    #[test]
    fn the_key_agrees_with_the_rule() {
        let cases = [
            ((Some("1440"), "Ale"), (Some("1440"), "Ale kommun")),
            ((Some("1440"), "Ale kommun"), (Some("1441"), "Ale kommun")),
            ((None, "ÅRE KOMMUN"), (Some(" 2321"), "  Åre kommun")),
            ((None, "A\u{30a}re kommun"), (None, "\u{c5}re kommun")),
            ((None, "Åre kommun"), (None, "Ale kommun")),
            ((Some("2321 "), "x"), (Some("2321"), "y")),
        ];
        for (a, b) in cases {
            assert_eq!(
                OrganisationKey::new(a.0, a.1).same(&OrganisationKey::new(b.0, b.1)),
                same_organisation(a, b),
                "{a:?} {b:?}"
            );
        }
    }
}
