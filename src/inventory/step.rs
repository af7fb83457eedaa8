//! The four steps of Statskontoret's e-service ladder as the inventory
//! format writes them (spec §1): a step is its English name, its Swedish
//! name or the number 1–4. Which evidence reaches which step is the
//! ladder's business (`crate::ladder`); this is only the vocabulary.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Information = 1,
    Interaction = 2,
    Transaction = 3,
    Integration = 4,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::Information,
        Step::Interaction,
        Step::Transaction,
        Step::Integration,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: i128) -> Option<Step> {
        match n {
            1 => Some(Step::Information),
            2 => Some(Step::Interaction),
            3 => Some(Step::Transaction),
            4 => Some(Step::Integration),
            _ => None,
        }
    }

    /// The English id, which is also the English name (`transaction`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Information => "information",
            Step::Interaction => "interaction",
            Step::Transaction => "transaction",
            Step::Integration => "integration",
        }
    }

    /// The Swedish name, which the format accepts as a spelling.
    pub fn swedish(self) -> &'static str {
        match self {
            Step::Information => "information",
            Step::Interaction => "interaktion",
            Step::Transaction => "transaktion",
            Step::Integration => "integration",
        }
    }

    /// Reads a step as YAML may write it: the English name, the Swedish name
    /// (any letter case), or the number 1–4 as text.
    pub fn parse_name(text: &str) -> Option<Step> {
        let lower = text.trim().to_lowercase();
        Step::ALL
            .into_iter()
            .find(|s| s.id() == lower || s.swedish() == lower)
            .or_else(|| lower.parse::<i128>().ok().and_then(Step::from_number))
    }

    pub fn next(self) -> Option<Step> {
        Step::from_number(self.number() as i128 + 1)
    }

    /// Every name the inventory accepts, English first, for "did you mean"
    /// hints.
    pub fn spellings() -> Vec<&'static str> {
        let mut all: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
        // "information" and "integration" are spelt the same in both languages.
        for swedish in Step::ALL.iter().map(|s| s.swedish()) {
            if !all.contains(&swedish) {
                all.push(swedish);
            }
        }
        all
    }
}

/// Machine-readable outputs carry the number.
impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

/// In the schema a step is any of its spellings, listed inline where an
/// editor shows them beside the key.
impl JsonSchema for Step {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Each step's two names side by side, then the numbers.
        let mut spellings: Vec<Value> = Vec::new();
        for name in Step::ALL.iter().flat_map(|s| [s.id(), s.swedish()]) {
            if !spellings.iter().any(|v| v == name) {
                spellings.push(name.into());
            }
        }
        spellings.extend(Step::ALL.iter().map(|s| Value::from(s.number())));
        json_schema!({ "enum": spellings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_in_english_swedish_and_numbers() {
        assert_eq!(Step::parse_name("transaktion"), Some(Step::Transaction));
        assert_eq!(Step::parse_name("Interaction"), Some(Step::Interaction));
        assert_eq!(Step::parse_name("4"), Some(Step::Integration));
        assert_eq!(Step::parse_name("5"), None);
        assert_eq!(Step::parse_name("transact"), None);
    }

    #[test]
    fn spellings_list_each_name_once() {
        assert_eq!(
            Step::spellings(),
            [
                "information",
                "interaction",
                "transaction",
                "integration",
                "interaktion",
                "transaktion"
            ]
        );
    }
}
