//! Property tests of the ladder engine.

use proptest::prelude::*;
use trappa::inventory::model::*;
use trappa::ladder::classify;

fn submission() -> impl Strategy<Value = Submission> {
    prop::sample::select(Submission::ALL.to_vec())
}
fn login() -> impl Strategy<Value = Login> {
    prop::sample::select(Login::ALL.to_vec())
}
fn signing() -> impl Strategy<Value = Signing> {
    prop::sample::select(Signing::ALL.to_vec())
}
fn prefill() -> impl Strategy<Value = Prefill> {
    prop::sample::select(Prefill::ALL.to_vec())
}
fn interactive() -> impl Strategy<Value = Vec<Interactive>> {
    prop::collection::vec(prop::sample::select(Interactive::ALL.to_vec()), 0..3)
}
fn organisations() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Z][a-z]{2,8}", 0..2)
}

prop_compose! {
    fn evidence()(
        download_form in any::<bool>(),
        interactive in interactive(),
        submission in submission(),
        login in login(),
        signing in signing(),
        prefill in prefill(),
        exchange in organisations(),
        shared_with in organisations(),
        anonymous in any::<bool>(),
        foreign_eid in any::<bool>(),
    ) -> Evidence {
        Evidence {
            download_form, interactive, submission, login, signing, prefill,
            exchange, shared_with, anonymous, foreign_eid,
            ..Evidence::default()
        }
    }
}

/// One piece of evidence added. A paper signature is not among them: it is a
/// requirement put on the user, not a capability of the service, and the
/// ladder rightly holds such a service below step 3.
#[derive(Clone, Debug)]
enum Addition {
    DownloadForm,
    Interactive(Interactive),
    SubmissionAtLeast(Submission),
    LoginAtLeast(Login),
    EidSigning,
    PrefillAtLeast(Prefill),
    Exchange(String),
    SharedWith(String),
}

fn addition() -> impl Strategy<Value = Addition> {
    prop_oneof![
        Just(Addition::DownloadForm),
        prop::sample::select(Interactive::ALL.to_vec()).prop_map(Addition::Interactive),
        submission().prop_map(Addition::SubmissionAtLeast),
        login().prop_map(Addition::LoginAtLeast),
        Just(Addition::EidSigning),
        prefill().prop_map(Addition::PrefillAtLeast),
        "[A-Z][a-z]{3}".prop_map(Addition::Exchange),
        "[A-Z][a-z]{3}".prop_map(Addition::SharedWith),
    ]
}

/// Each vocabulary in order of capability: `none < offline < online`, and so on.
fn rank<T: Vocabulary + PartialEq>(value: T) -> usize {
    T::ALL.iter().position(|v| *v == value).unwrap_or(0)
}

fn add(evidence: &mut Evidence, addition: Addition) {
    match addition {
        Addition::DownloadForm => evidence.download_form = true,
        Addition::Interactive(tool) => evidence.interactive.push(tool),
        Addition::SubmissionAtLeast(s) if rank(s) > rank(evidence.submission) => {
            evidence.submission = s
        }
        Addition::LoginAtLeast(l) if rank(l) > rank(evidence.login) => evidence.login = l,
        Addition::EidSigning => evidence.signing = Signing::Eid,
        Addition::PrefillAtLeast(p) if rank(p) > rank(evidence.prefill) => evidence.prefill = p,
        Addition::Exchange(with) => evidence.exchange.push(with),
        Addition::SharedWith(with) => evidence.shared_with.push(with),
        _ => {}
    }
}

proptest! {
    #[test]
    fn adding_evidence_never_lowers_the_step(mut e in evidence(), additions in prop::collection::vec(addition(), 1..5)) {
        let before = classify(&e).step;
        for a in additions {
            add(&mut e, a);
        }
        prop_assert!(classify(&e).step >= before);
    }

    #[test]
    fn every_step_below_4_names_what_is_missing(e in evidence()) {
        let c = classify(&e);
        prop_assert_eq!(c.missing.is_empty(), c.step.number() == 4);
    }
}
