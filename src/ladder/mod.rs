//! Statskontoret's four-step e-service ladder (2000:41) and the rules that
//! place a service on it from observable evidence (spec §1). Everything else
//! in trappa asks this module; no other code decides a step.

pub mod reasons;

use crate::inventory::Step;
use crate::inventory::model::{Evidence, Login, Prefill, Signing, Submission};
use serde::Serialize;

/// A piece of evidence that counts on the ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    DownloadForm,
    Interactive(Vec<String>),
    SubmittedOffline,
    SubmittedOnline,
    PasswordLogin,
    EidLogin,
    EidSigning,
    PrefillRegistry,
    Exchange(Vec<String>),
    SharedWith(Vec<String>),
}

impl Fact {
    /// Every id a fact can have, for the tests that hold the catalogues'
    /// `fact.<id>` keys to the facts there are.
    pub const IDS: [&'static str; 10] = [
        "download_form",
        "interactive",
        "offline_submission",
        "online_submission",
        "password_login",
        "eid_login",
        "eid_signing",
        "registry_prefill",
        "exchange",
        "shared_with",
    ];

    /// A stable id for machine-readable output (classify JSON); the words
    /// are `fact.<id>` in the language catalogues.
    pub fn id(&self) -> &'static str {
        match self {
            Fact::DownloadForm => "download_form",
            Fact::Interactive(_) => "interactive",
            Fact::SubmittedOffline => "offline_submission",
            Fact::SubmittedOnline => "online_submission",
            Fact::PasswordLogin => "password_login",
            Fact::EidLogin => "eid_login",
            Fact::EidSigning => "eid_signing",
            Fact::PrefillRegistry => "registry_prefill",
            Fact::Exchange(_) => "exchange",
            Fact::SharedWith(_) => "shared_with",
        }
    }
}

/// What a service lacks for a step it does not reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// Step 2: a form, a submission channel, an interactive tool or a login.
    AnyInteraction,
    /// Step 3 needs `submission: online`.
    OnlineSubmission,
    /// Step 3 needs `login: eid` or `signing: eid`.
    EidLoginOrSigning,
    /// Step 3 is impossible while a paper signature is required.
    NoPaperSigning,
    /// Step 4 needs `prefill: registry`, `exchange` or `shared_with`.
    IntegrationEvidence,
}

impl Missing {
    pub const ALL: [Missing; 5] = [
        Missing::AnyInteraction,
        Missing::OnlineSubmission,
        Missing::EidLoginOrSigning,
        Missing::NoPaperSigning,
        Missing::IntegrationEvidence,
    ];

    /// The stable id (`eid_login_or_signing`) that every machine-readable
    /// output uses (classify and report JSON, the export's
    /// `next_step_missing`); the words are `missing.<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Missing::AnyInteraction => "any_interaction",
            Missing::OnlineSubmission => "online_submission",
            Missing::EidLoginOrSigning => "eid_login_or_signing",
            Missing::NoPaperSigning => "no_paper_signing",
            Missing::IntegrationEvidence => "integration_evidence",
        }
    }

    /// The catalogue key of its words: `missing.<id>`.
    pub fn key(self) -> &'static str {
        match self {
            Missing::AnyInteraction => "missing.any_interaction",
            Missing::OnlineSubmission => "missing.online_submission",
            Missing::EidLoginOrSigning => "missing.eid_login_or_signing",
            Missing::NoPaperSigning => "missing.no_paper_signing",
            Missing::IntegrationEvidence => "missing.integration_evidence",
        }
    }
}

impl Serialize for Missing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// The derived step of one service and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub step: Step,
    /// The evidence that decided the step (empty at step 1).
    pub decided_by: Vec<Fact>,
    /// What the next step up needs (empty at step 4).
    pub missing: Vec<Missing>,
    /// Evidence of a higher step that does not count yet, because a step
    /// below it is not reached (integration evidence without step 3).
    pub not_counted: Vec<Fact>,
}

/// Derives the step from evidence: spec §1, evaluated top-down, first match wins.
pub fn classify(evidence: &Evidence) -> Classification {
    let interaction = interaction_facts(evidence);
    let transaction = transaction_facts(evidence);
    let integration = integration_facts(evidence);
    let step3_missing = step3_missing(evidence);

    if step3_missing.is_empty() {
        let mut decided_by = transaction;
        if integration.is_empty() {
            return Classification {
                step: Step::Transaction,
                decided_by,
                missing: vec![Missing::IntegrationEvidence],
                not_counted: vec![],
            };
        }
        decided_by.extend(integration);
        return Classification {
            step: Step::Integration,
            decided_by,
            missing: vec![],
            not_counted: vec![],
        };
    }

    // Below step 3, e-ID signing and integration evidence may be present
    // without counting: say so, because that is what the owner must fix.
    let mut not_counted: Vec<Fact> = transaction
        .into_iter()
        .filter(|f| *f == Fact::EidSigning)
        .collect();
    not_counted.extend(integration);

    if interaction.is_empty() {
        Classification {
            step: Step::Information,
            decided_by: vec![],
            missing: vec![Missing::AnyInteraction],
            not_counted,
        }
    } else {
        Classification {
            step: Step::Interaction,
            decided_by: interaction,
            missing: step3_missing,
            not_counted,
        }
    }
}

/// Everything a service lacks to reach `target`, from its current step up.
pub fn missing_for(evidence: &Evidence, target: Step) -> Vec<Missing> {
    let current = classify(evidence).step;
    let mut missing = Vec::new();
    if current < Step::Interaction && target >= Step::Interaction {
        missing.push(Missing::AnyInteraction);
    }
    if current < Step::Transaction && target >= Step::Transaction {
        missing.extend(step3_missing(evidence));
    }
    if current < Step::Integration
        && target >= Step::Integration
        && integration_facts(evidence).is_empty()
    {
        missing.push(Missing::IntegrationEvidence);
    }
    // Step 1 → 3 needs online submission, which is itself step-2 evidence.
    if missing.contains(&Missing::OnlineSubmission) {
        missing.retain(|m| *m != Missing::AnyInteraction);
    }
    missing
}

fn interaction_facts(e: &Evidence) -> Vec<Fact> {
    let mut facts = Vec::new();
    if e.download_form {
        facts.push(Fact::DownloadForm);
    }
    match e.submission {
        Submission::Online => facts.push(Fact::SubmittedOnline),
        Submission::Offline => facts.push(Fact::SubmittedOffline),
        Submission::None => {}
    }
    if !e.interactive.is_empty() {
        let tools = e.interactive.iter().map(|i| i.to_string()).collect();
        facts.push(Fact::Interactive(tools));
    }
    // The spec lists `login: password`; an e-ID login is at least as much
    // interaction. Without it, upgrading a password login to e-ID on a
    // service with no online submission would drop it from step 2 to 1, and
    // adding evidence must never lower a step (tests/properties.rs).
    match e.login {
        Login::Password => facts.push(Fact::PasswordLogin),
        Login::Eid => facts.push(Fact::EidLogin),
        Login::None => {}
    }
    facts
}

/// The facts that make step 3 when all its conditions hold.
fn transaction_facts(e: &Evidence) -> Vec<Fact> {
    let mut facts = Vec::new();
    if e.submission == Submission::Online {
        facts.push(Fact::SubmittedOnline);
    }
    if e.login == Login::Eid {
        facts.push(Fact::EidLogin);
    }
    if e.signing == Signing::Eid {
        facts.push(Fact::EidSigning);
    }
    facts
}

fn step3_missing(e: &Evidence) -> Vec<Missing> {
    let mut missing = Vec::new();
    if e.submission != Submission::Online {
        missing.push(Missing::OnlineSubmission);
    }
    if e.login != Login::Eid && e.signing != Signing::Eid {
        missing.push(Missing::EidLoginOrSigning);
    }
    if e.signing == Signing::Paper {
        missing.push(Missing::NoPaperSigning);
    }
    missing
}

fn integration_facts(e: &Evidence) -> Vec<Fact> {
    let mut facts = Vec::new();
    if e.prefill == Prefill::Registry {
        facts.push(Fact::PrefillRegistry);
    }
    if !e.exchange.is_empty() {
        facts.push(Fact::Exchange(e.exchange.clone()));
    }
    if !e.shared_with.is_empty() {
        facts.push(Fact::SharedWith(e.shared_with.clone()));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::model::Interactive;

    /// One change to a service's evidence.
    type Trigger = Box<dyn Fn(&mut Evidence)>;

    fn evidence() -> Evidence {
        Evidence::default()
    }

    #[test]
    fn no_evidence_is_information() {
        let c = classify(&evidence());
        assert_eq!(c.step, Step::Information);
        assert_eq!(c.missing, vec![Missing::AnyInteraction]);
    }

    #[test]
    fn each_step_2_trigger_alone_is_interaction() {
        let triggers: Vec<Trigger> = vec![
            Box::new(|e| e.download_form = true),
            Box::new(|e| e.submission = Submission::Offline),
            Box::new(|e| e.submission = Submission::Online),
            Box::new(|e| e.interactive = vec![Interactive::Map]),
            Box::new(|e| e.login = Login::Password),
            Box::new(|e| e.login = Login::Eid),
        ];
        for trigger in triggers {
            let mut e = evidence();
            trigger(&mut e);
            assert_eq!(classify(&e).step, Step::Interaction, "{e:?}");
        }
    }

    #[test]
    fn password_login_is_step_2_and_asks_for_eid() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.login = Login::Password;
        let c = classify(&e);
        assert_eq!(c.step, Step::Interaction);
        assert_eq!(c.missing, vec![Missing::EidLoginOrSigning]);
    }

    #[test]
    fn online_form_with_paper_signature_is_step_2() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.login = Login::Eid;
        e.signing = Signing::Paper;
        let c = classify(&e);
        assert_eq!(c.step, Step::Interaction);
        assert_eq!(c.missing, vec![Missing::NoPaperSigning]);
        assert_eq!(c.decided_by, vec![Fact::SubmittedOnline, Fact::EidLogin]);
    }

    #[test]
    fn anonymous_fault_report_is_step_2() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.anonymous = true;
        assert_eq!(classify(&e).step, Step::Interaction);
    }

    #[test]
    fn eid_signing_without_eid_login_is_step_3() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.signing = Signing::Eid;
        let c = classify(&e);
        assert_eq!(c.step, Step::Transaction);
        assert_eq!(c.decided_by, vec![Fact::SubmittedOnline, Fact::EidSigning]);
        assert_eq!(c.missing, vec![Missing::IntegrationEvidence]);
    }

    #[test]
    fn eid_login_without_online_submission_is_not_step_3() {
        let mut e = evidence();
        e.submission = Submission::Offline;
        e.login = Login::Eid;
        let c = classify(&e);
        assert_eq!(c.step, Step::Interaction);
        assert_eq!(c.missing, vec![Missing::OnlineSubmission]);
    }

    #[test]
    fn integration_evidence_without_step_3_stays_below_and_says_why() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.prefill = Prefill::Registry;
        e.exchange = vec!["Skatteverket".into()];
        let c = classify(&e);
        assert_eq!(c.step, Step::Interaction);
        assert_eq!(c.missing, vec![Missing::EidLoginOrSigning]);
        assert_eq!(
            c.not_counted,
            vec![
                Fact::PrefillRegistry,
                Fact::Exchange(vec!["Skatteverket".into()])
            ]
        );
    }

    #[test]
    fn each_integration_trigger_with_step_3_is_step_4() {
        let triggers: Vec<Trigger> = vec![
            Box::new(|e| e.prefill = Prefill::Registry),
            Box::new(|e| e.exchange = vec!["Polismyndigheten".into()]),
            Box::new(|e| e.shared_with = vec!["Vellinge kommun".into()]),
        ];
        for trigger in triggers {
            let mut e = evidence();
            e.submission = Submission::Online;
            e.login = Login::Eid;
            trigger(&mut e);
            let c = classify(&e);
            assert_eq!(c.step, Step::Integration, "{e:?}");
            assert!(c.missing.is_empty());
        }
    }

    #[test]
    fn prefill_identity_is_not_integration() {
        let mut e = evidence();
        e.submission = Submission::Online;
        e.login = Login::Eid;
        e.prefill = Prefill::Identity;
        assert_eq!(classify(&e).step, Step::Transaction);
    }

    #[test]
    fn missing_for_a_target_two_steps_up_lists_both_steps() {
        let mut e = evidence();
        e.download_form = true;
        assert_eq!(
            missing_for(&e, Step::Integration),
            vec![
                Missing::OnlineSubmission,
                Missing::EidLoginOrSigning,
                Missing::IntegrationEvidence
            ]
        );
        assert_eq!(
            missing_for(&evidence(), Step::Interaction),
            vec![Missing::AnyInteraction]
        );
    }

    /// One definition of the ids of what a step lacks: every JSON output
    /// (serde) and the export's `next_step_missing` (`Missing::id`) agree.
    #[test]
    fn missing_serialises_as_its_id() {
        let ids: std::collections::BTreeSet<&str> = Missing::ALL.iter().map(|m| m.id()).collect();
        assert_eq!(ids.len(), Missing::ALL.len());
        for missing in Missing::ALL {
            assert_eq!(
                serde_json::to_value(missing).unwrap(),
                serde_json::Value::from(missing.id())
            );
        }
    }

    #[test]
    fn the_words_of_a_missing_item_are_missing_dot_its_id() {
        for missing in Missing::ALL {
            assert_eq!(missing.key(), format!("missing.{}", missing.id()));
        }
    }

    #[test]
    fn every_fact_has_its_id_listed() {
        let with = || vec!["x".to_string()];
        let facts = [
            Fact::DownloadForm,
            Fact::Interactive(with()),
            Fact::SubmittedOffline,
            Fact::SubmittedOnline,
            Fact::PasswordLogin,
            Fact::EidLogin,
            Fact::EidSigning,
            Fact::PrefillRegistry,
            Fact::Exchange(with()),
            Fact::SharedWith(with()),
        ];
        let ids: Vec<&str> = facts.iter().map(Fact::id).collect();
        assert_eq!(ids, Fact::IDS);
    }

    #[test]
    fn every_fact_has_its_own_id() {
        let facts = [
            Fact::DownloadForm,
            Fact::Interactive(vec![]),
            Fact::SubmittedOffline,
            Fact::SubmittedOnline,
            Fact::PasswordLogin,
            Fact::EidLogin,
            Fact::EidSigning,
            Fact::PrefillRegistry,
            Fact::Exchange(vec![]),
            Fact::SharedWith(vec![]),
        ];
        let ids: std::collections::BTreeSet<&str> = facts.iter().map(Fact::id).collect();
        assert_eq!(ids.len(), facts.len());
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
    }
}
