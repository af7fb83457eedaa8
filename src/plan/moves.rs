//! The catalogue of changes a plan may make (data/plan-moves.yaml) and the
//! rules of each: when it is a change at all (the key is not already as
//! good), and what it writes into the model.

use crate::inventory::load;
use crate::inventory::model::{
    CaseTracking, Decision, Hours, Login, Mobile, Prefill, Service, Signing, Submission,
};
use serde::Deserialize;
use std::sync::OnceLock;

/// One kind of change, in the catalogue's order (which is also the order a
/// plan lists one service's changes in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Move {
    OnlineSubmission,
    EidLogin,
    EidSigning,
    DownloadForm,
    PortalTracking,
    PortalDecision,
    RegistryPrefill,
    ForeignEid,
    AlwaysOpen,
    Responsive,
    AccessibilityStatement,
}

impl Move {
    pub const ALL: [Move; 11] = [
        Move::OnlineSubmission,
        Move::EidLogin,
        Move::EidSigning,
        Move::DownloadForm,
        Move::PortalTracking,
        Move::PortalDecision,
        Move::RegistryPrefill,
        Move::ForeignEid,
        Move::AlwaysOpen,
        Move::Responsive,
        Move::AccessibilityStatement,
    ];

    /// The stable id (`eid_login`): JSON, CSV and the words `plan.move.<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Move::OnlineSubmission => "online_submission",
            Move::EidLogin => "eid_login",
            Move::EidSigning => "eid_signing",
            Move::DownloadForm => "download_form",
            Move::PortalTracking => "portal_tracking",
            Move::PortalDecision => "portal_decision",
            Move::RegistryPrefill => "registry_prefill",
            Move::ForeignEid => "foreign_eid",
            Move::AlwaysOpen => "always_open",
            Move::Responsive => "responsive",
            Move::AccessibilityStatement => "accessibility_statement",
        }
    }

    /// The catalogue key of its words.
    pub fn key(self) -> &'static str {
        match self {
            Move::OnlineSubmission => "plan.move.online_submission",
            Move::EidLogin => "plan.move.eid_login",
            Move::EidSigning => "plan.move.eid_signing",
            Move::DownloadForm => "plan.move.download_form",
            Move::PortalTracking => "plan.move.portal_tracking",
            Move::PortalDecision => "plan.move.portal_decision",
            Move::RegistryPrefill => "plan.move.registry_prefill",
            Move::ForeignEid => "plan.move.foreign_eid",
            Move::AlwaysOpen => "plan.move.always_open",
            Move::Responsive => "plan.move.responsive",
            Move::AccessibilityStatement => "plan.move.accessibility_statement",
        }
    }

    /// The bit of this move in a set of moves.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The inventory's dotted key the move sets.
    pub fn path(self) -> &'static str {
        &entry(self).key
    }

    /// The value the move writes, as the file spells it (`url` for the
    /// statement: the address is chosen when the plan is applied).
    pub fn to(self) -> &'static str {
        &entry(self).to
    }

    /// The key's value now, as the file spells it ("–" for absent is the
    /// renderer's business: here `None`).
    pub fn from(self, s: &Service) -> Option<String> {
        use crate::inventory::model::Vocabulary;
        let e = &s.evidence;
        let a = &s.access;
        match self {
            Move::OnlineSubmission => Some(e.submission.as_str().into()),
            Move::EidLogin => Some(e.login.as_str().into()),
            Move::EidSigning => Some(e.signing.as_str().into()),
            Move::DownloadForm => Some(e.download_form.to_string()),
            Move::PortalTracking => Some(e.case_tracking.as_str().into()),
            Move::PortalDecision => e.decision.map(|d| d.as_str().into()),
            Move::RegistryPrefill => Some(e.prefill.as_str().into()),
            Move::ForeignEid => Some(e.foreign_eid.to_string()),
            Move::AlwaysOpen => a.hours.map(|h| h.as_str().into()),
            Move::Responsive => a.mobile.map(|m| m.as_str().into()),
            Move::AccessibilityStatement => a.accessibility_statement.clone(),
        }
    }

    /// Whether the move changes anything an indicator counts: the key is
    /// not already at this value or at one that counts the same (a case
    /// tracked in another system is tracked; a decision by e-mail is
    /// digital; an app works on a phone). An anonymous service is never
    /// given an e-ID login (E006).
    pub fn applies(self, s: &Service) -> bool {
        let e = &s.evidence;
        let a = &s.access;
        match self {
            Move::OnlineSubmission => e.submission != Submission::Online,
            Move::EidLogin => e.login != Login::Eid && !e.anonymous,
            Move::EidSigning => e.signing != Signing::Eid,
            Move::DownloadForm => !e.download_form,
            Move::PortalTracking => e.case_tracking == CaseTracking::None,
            Move::PortalDecision => !e.decides_digitally(),
            Move::RegistryPrefill => e.prefill != Prefill::Registry,
            Move::ForeignEid => !e.foreign_eid,
            Move::AlwaysOpen => a.hours != Some(Hours::Always),
            Move::Responsive => !matches!(a.mobile, Some(Mobile::Responsive | Mobile::App)),
            Move::AccessibilityStatement => a.accessibility_statement.is_none(),
        }
    }

    /// Makes the change in the model. The statement's address is a
    /// placeholder here: the indicators ask only whether there is one.
    pub fn make(self, s: &mut Service, statement_url: &str) {
        let e = &mut s.evidence;
        let a = &mut s.access;
        match self {
            Move::OnlineSubmission => e.submission = Submission::Online,
            Move::EidLogin => e.login = Login::Eid,
            Move::EidSigning => e.signing = Signing::Eid,
            Move::DownloadForm => e.download_form = true,
            Move::PortalTracking => e.case_tracking = CaseTracking::Portal,
            Move::PortalDecision => e.decision = Some(Decision::Portal),
            Move::RegistryPrefill => e.prefill = Prefill::Registry,
            Move::ForeignEid => e.foreign_eid = true,
            Move::AlwaysOpen => a.hours = Some(Hours::Always),
            Move::Responsive => a.mobile = Some(Mobile::Responsive),
            Move::AccessibilityStatement => {
                a.accessibility_statement = Some(statement_url.to_string())
            }
        }
    }

    /// The moves of a set, in catalogue order.
    pub fn of(set: u16) -> impl Iterator<Item = Move> {
        Move::ALL.into_iter().filter(move |m| set & m.bit() != 0)
    }
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    key: String,
    to: String,
}

#[derive(Deserialize)]
struct Catalogue {
    moves: Vec<Entry>,
}

fn catalogue() -> &'static [Entry] {
    static DATA: OnceLock<Catalogue> = OnceLock::new();
    &DATA
        .get_or_init(|| {
            load::bundled(
                "data/plan-moves.yaml",
                include_str!("../../data/plan-moves.yaml"),
            )
        })
        .moves
}

fn entry(m: Move) -> &'static Entry {
    // The unit test below holds the file to `Move::ALL`, in order.
    let e = &catalogue()[m as usize];
    debug_assert_eq!(e.id, m.id());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_lists_every_move_in_order() {
        let ids: Vec<&str> = catalogue().iter().map(|e| e.id.as_str()).collect();
        let code: Vec<&str> = Move::ALL.iter().map(|m| m.id()).collect();
        assert_eq!(ids, code);
        for m in Move::ALL {
            assert!(m.path().starts_with("evidence.") || m.path().starts_with("access."));
            assert_eq!(m.key(), format!("plan.move.{}", m.id()));
        }
    }
}
