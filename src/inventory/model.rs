//! The typed inventory (format 1, spec §2). Plain data: the decoder fills it,
//! checks and the ladder read it, renderers print it.

use crate::diagnostic::Pos;
use crate::ladder::Step;
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
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize $(, $extra)*)]
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

vocabulary!(
    /// What kind of body the inventory belongs to.
    OrganisationKind { Municipality = "municipality", Region = "region", Agency = "agency", Company = "company" }
);
vocabulary!(
    /// Only live services enter the indicators.
    Status { Live = "live", Planned = "planned", Retired = "retired" }
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inventory {
    pub organisation: Organisation,
    pub year: i32,
    /// None when the file has no `departments` section (then any department name is accepted).
    pub departments: Option<Vec<Department>>,
    pub services: Vec<Service>,
    #[serde(skip)]
    pub spans: Spans,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Organisation {
    pub name: String,
    pub code: Option<String>,
    pub kind: OrganisationKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub status: Status,
    pub audience: Vec<Audience>,
    pub platform: Option<String>,
    pub languages: Vec<String>,
    pub declared_step: Option<Step>,
    pub target_step: Option<Step>,
    pub evidence: Evidence,
    pub access: Access,
    pub volumes: Volumes,
    pub cost_per_case_sek: Option<f64>,
    pub satisfaction_pct: Option<f64>,
    /// Where the service and each of its keys stand in the file.
    #[serde(skip)]
    pub spans: Spans,
    /// True when a value of this service could not be decoded: checks that
    /// compare evidence skip it rather than report a knock-on error.
    #[serde(skip)]
    pub incomplete: bool,
}

impl Service {
    pub fn is_live(&self) -> bool {
        self.status == Status::Live
    }
}

/// Observable facts. Every key is optional; absent means "not present".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    pub download_form: bool,
    pub interactive: Vec<Interactive>,
    pub submission: Submission,
    pub login: Login,
    pub foreign_eid: bool,
    pub signing: Signing,
    pub signatures: Option<u32>,
    pub attachments: bool,
    pub save_resume: bool,
    pub case_tracking: CaseTracking,
    pub messaging: bool,
    pub decision: Option<Decision>,
    pub payment: Payment,
    pub prefill: Prefill,
    pub exchange: Vec<String>,
    pub shared_with: Vec<String>,
    pub anonymous: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Access {
    pub hours: Option<Hours>,
    pub mobile: Option<Mobile>,
    pub accessibility_statement: Option<String>,
    pub conformance: Option<Conformance>,
    /// ISO date (YYYY-MM-DD) of the last accessibility review.
    pub reviewed: Option<String>,
    pub protected_identity: Option<ProtectedIdentity>,
}

/// Figures for the inventory's year; all optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Volumes {
    pub cases: Option<u64>,
    pub digital: Option<u64>,
    pub started: Option<u64>,
    pub completed: Option<u64>,
}

/// Positions of an item and its keys, by dotted path (`evidence.signing`).
/// `""` is the item itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans(BTreeMap<String, Pos>);

impl Spans {
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
}
