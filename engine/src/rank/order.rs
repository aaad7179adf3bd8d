//! The honest order and wording of the fix plan, applied after the P/cost plan (`model::plan`):
//!
//! 1. a fix whose cause is not confirmed by evidence is shown with its check first
//!    (`check_title` of the fix data: "Check whether …; if …, …");
//! 2. a cheap `check` fix that confirms or rules out an unconfirmed cause comes before any
//!    `change` fix that assumes that cause;
//! 3. a high-risk fix (a workaround such as CredSSP `AllowEncryptionOracle = 2`) never comes
//!    before a lower-risk fix that properly resolves the same cause (patching).
//!
//! Pure functions over indexes of the knowledge base; the plan's conditional probabilities are
//! recomputed for the final order.

use super::model::fix_cost;
use crate::kb::KnowledgeBase;
use crate::schema::Shared;

/// A cause counts as confirmed when one observed item of evidence multiplied its odds by at
/// least this much (hard evidence such as `cert:expired` ×25 or `neg:0x5` ×50; soft hints are
/// tempered before they get here, so a reporter's guess never confirms).
pub const CONFIRM_RATIO: f64 = 10.0;
/// A lower-risk fix is the proper fix of a cause when it resolves it with at least this chance.
const PROPER_P: f64 = 0.5;

/// Why a fix was moved from its P/cost place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// Rule 2: a check moved before the change that assumes its cause.
    CheckFirst,
    /// Rule 3: a high-risk workaround moved after the proper fix of the same cause.
    AfterProperFix,
}

/// The cause a fix is mainly for: its largest `p` (the first listed on a tie).
pub fn main_cause(kb: &KnowledgeBase, f: usize) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for &(c, p) in kb.fix_sparse(f) {
        if best.is_none_or(|(_, bp)| p > bp) {
            best = Some((c, p));
        }
    }
    best.map(|(c, _)| c)
}

fn p_for(kb: &KnowledgeBase, f: usize, cause: usize) -> f64 {
    kb.fix_sparse(f)
        .iter()
        .find(|&&(c, _)| c == cause)
        .map_or(0.0, |&(_, p)| p)
}

fn risk_level(kb: &KnowledgeBase, f: usize) -> u8 {
    match kb.fixes[f].risk.as_str() {
        "low" => 0,
        "medium" => 1,
        _ => 2,
    }
}

/// Reorders a P/cost plan (fix indexes, best first) by rules 2 and 3; `confirmed[c]` says
/// whether cause `c` is confirmed. Returns each fix with the rule that moved it, if any.
/// Everything else keeps its relative order.
pub fn honest_order(
    kb: &KnowledgeBase,
    plan: &[usize],
    confirmed: &[bool],
) -> Vec<(usize, Option<Moved>)> {
    let mut out: Vec<(usize, Option<Moved>)> = plan.iter().map(|&f| (f, None)).collect();
    let is_confirmed = |c: usize| confirmed.get(c).copied().unwrap_or(false);
    // Rule 2: each check, in plan order, goes before the first change that assumes its
    // unconfirmed main cause, when it costs no more than that change.
    let checks: Vec<usize> = plan
        .iter()
        .copied()
        .filter(|&f| kb.fixes[f].is_check())
        .collect();
    for k in checks {
        let Some(c) = main_cause(kb, k) else { continue };
        if is_confirmed(c) {
            continue;
        }
        let Some(j) = out.iter().position(|&(f, _)| f == k) else {
            continue;
        };
        let first_change = out[..j].iter().position(|&(f, _)| {
            !kb.fixes[f].is_check()
                && main_cause(kb, f) == Some(c)
                && fix_cost(&kb.fixes[k]) <= fix_cost(&kb.fixes[f])
        });
        if let Some(i) = first_change {
            out.remove(j);
            out.insert(i, (k, Some(Moved::CheckFirst)));
        }
    }
    // Rule 3: each high-risk fix goes right after the last lower-risk fix in the plan that
    // resolves its main cause with at least `PROPER_P`.
    let risky: Vec<usize> = plan
        .iter()
        .copied()
        .filter(|&f| risk_level(kb, f) == 2)
        .collect();
    for w in risky {
        let Some(c) = main_cause(kb, w) else { continue };
        let Some(i) = out.iter().position(|&(f, _)| f == w) else {
            continue;
        };
        let last_proper = out
            .iter()
            .rposition(|&(f, _)| risk_level(kb, f) < 2 && p_for(kb, f, c) >= PROPER_P);
        if let Some(j) = last_proper.filter(|&j| j > i) {
            out.remove(i);
            // Everything after `i` shifted left by one: the proper fix is now at `j - 1`.
            out.insert(j, (w, Some(Moved::AfterProperFix)));
        }
    }
    out
}

/// P(each fix resolves the problem | the fixes before it did not), along `order`.
pub fn conditional_chances(kb: &KnowledgeBase, p: &[f64], order: &[usize]) -> Vec<f64> {
    let mut r = p.to_vec();
    order
        .iter()
        .map(|&f| {
            let broken: f64 = r.iter().sum();
            let resolves: f64 = kb.fix_sparse(f).iter().map(|&(c, pc)| r[c] * pc).sum();
            for &(c, pc) in kb.fix_sparse(f) {
                r[c] *= 1.0 - pc;
            }
            if broken > 1e-12 {
                resolves / broken
            } else {
                0.0
            }
        })
        .collect()
}

/// The title the plan shows: the fix's check first (`check_title`) while its main cause is
/// not confirmed, else its title.
pub fn shown_title(kb: &KnowledgeBase, f: usize, confirmed: &[bool]) -> Shared {
    let fix = &kb.fixes[f];
    let confirmed = main_cause(kb, f).is_some_and(|c| confirmed.get(c).copied().unwrap_or(false));
    match &fix.check_title {
        Some(t) if !confirmed => t.clone(),
        _ => fix.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{FixOutcome, Request};

    fn kb() -> &'static KnowledgeBase {
        crate::kb::builtin()
    }
    fn fix(id: &str) -> usize {
        kb().fix(id).unwrap_or_else(|| panic!("fix {id}"))
    }
    fn cause(id: &str) -> usize {
        kb().cause(id).unwrap_or_else(|| panic!("cause {id}"))
    }
    fn ids(order: &[(usize, Option<Moved>)]) -> Vec<&'static str> {
        order
            .iter()
            .map(|&(f, _)| kb().fixes[f].id.as_str())
            .collect()
    }

    #[test]
    fn unconfirmed_fix_starts_with_its_check_and_confirmed_one_does_not() {
        let f = fix("renew-rdp-self-signed-cert");
        let mut confirmed = vec![false; kb().causes.len()];
        let t = shown_title(kb(), f, &confirmed);
        assert!(t.starts_with("Check whether"), "{t}");
        confirmed[cause("cert-expired")] = true;
        assert_eq!(shown_title(kb(), f, &confirmed), kb().fixes[f].title);
    }

    #[test]
    fn report_titles_follow_the_evidence() {
        // The title the report gives the certificate renewal for this paste.
        let renewal_title = |text: &str| {
            crate::rank::diagnose(&Request {
                texts: vec![text.into()],
                ..Request::default()
            })
            .fixes
            .into_iter()
            .find(|f| f.id == "renew-rdp-self-signed-cert")
            .unwrap_or_else(|| panic!("renewal offered for {text:?}"))
            .title
        };
        // 0x904 alone says nothing about the certificate's dates: the renewal is a check.
        let title = renewal_title("Error code: 0x904\nExtended error code: 0x7");
        assert!(title.starts_with("Check whether"), "{title}");
        // SEC_E_CERT_EXPIRED is hard evidence of an expired certificate: the plain title.
        assert_eq!(
            renewal_title("Error code: 0x904\nExtended error code: 0x7\nHRESULT 0x80090328"),
            kb().fixes[fix("renew-rdp-self-signed-cert")].title
        );
    }

    #[test]
    fn cheap_check_moves_before_the_change_that_assumes_its_cause() {
        // fix-dns-record assumes a wrong DNS record; connect-by-ip checks the name cheaply.
        let (change, check) = (fix("fix-dns-record"), fix("connect-by-ip"));
        assert!(kb().fixes[check].is_check() && !kb().fixes[change].is_check());
        let other = fix("enable-remote-desktop");
        let plan = [other, change, check];
        let confirmed = vec![false; kb().causes.len()];
        let out = honest_order(kb(), &plan, &confirmed);
        assert_eq!(
            ids(&out),
            ["enable-remote-desktop", "connect-by-ip", "fix-dns-record"]
        );
        assert_eq!(out[1].1, Some(Moved::CheckFirst));
        // Once the cause is confirmed, the change may go first.
        let mut confirmed = confirmed;
        confirmed[cause("dns-resolution")] = true;
        assert_eq!(
            ids(&honest_order(kb(), &plan, &confirmed)),
            ["enable-remote-desktop", "fix-dns-record", "connect-by-ip"]
        );
    }

    #[test]
    fn expensive_check_does_not_jump_a_cheaper_change() {
        // check-web-gateway-daemon (admin, 15 min) costs more than fix-guacd-service-user.
        let plan = [
            fix("fix-guacd-service-user"),
            fix("check-web-gateway-daemon"),
        ];
        let out = honest_order(kb(), &plan, &vec![false; kb().causes.len()]);
        assert_eq!(
            ids(&out),
            ["fix-guacd-service-user", "check-web-gateway-daemon"]
        );
    }

    #[test]
    fn risky_workaround_goes_after_the_proper_fix_of_its_cause() {
        let (workaround, proper) = (
            fix("credssp-allow-vulnerable-temporarily"),
            fix("patch-credssp-both-sides"),
        );
        let plan = [
            workaround,
            fix("update-rdp-client"),
            proper,
            fix("try-other-client"),
        ];
        let out = honest_order(kb(), &plan, &vec![true; kb().causes.len()]);
        assert_eq!(
            ids(&out),
            [
                "update-rdp-client",
                "patch-credssp-both-sides",
                "credssp-allow-vulnerable-temporarily",
                "try-other-client"
            ]
        );
        assert_eq!(out[2].1, Some(Moved::AfterProperFix));
        // Without the proper fix in the plan (e.g. it could not be done), the workaround stays.
        let plan = [workaround, fix("update-rdp-client")];
        assert_eq!(
            ids(&honest_order(kb(), &plan, &vec![true; kb().causes.len()])),
            ["credssp-allow-vulnerable-temporarily", "update-rdp-client"]
        );
    }

    #[test]
    fn credssp_report_puts_patching_before_the_oracle_workaround() {
        let req = Request {
            texts: vec!["An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation.".into()],
            ..Request::default()
        };
        let r = crate::rank::diagnose(&req);
        let at = |id: &str| r.fixes.iter().position(|f| f.id == id);
        let patch = at("patch-credssp-both-sides").expect("patching offered");
        let w = at("credssp-allow-vulnerable-temporarily").expect("workaround offered");
        assert!(patch < w, "patch {patch} before workaround {w}");
        // When patching cannot be done, the workaround is offered.
        let mut req = req;
        req.feedback
            .insert("patch-credssp-both-sides".into(), FixOutcome::Skipped);
        let r = crate::rank::diagnose(&req);
        assert!(r
            .fixes
            .iter()
            .any(|f| f.id == "credssp-allow-vulnerable-temporarily" && f.feedback.is_none()));
    }

    #[test]
    fn chances_follow_the_final_order() {
        let n = kb().causes.len();
        let p = vec![1.0 / n as f64; n];
        let (a, b) = (
            fix("patch-credssp-both-sides"),
            fix("credssp-allow-vulnerable-temporarily"),
        );
        let marginal =
            |f: usize| -> f64 { kb().fix_sparse(f).iter().map(|&(c, pc)| p[c] * pc).sum() };
        let ab = conditional_chances(kb(), &p, &[a, b]);
        // The first step's chance is its marginal; the second is lower, because both resolve
        // the same cause and the first did not help.
        assert!((ab[0] - marginal(a)).abs() < 1e-12);
        assert!(ab[1] < marginal(b) - 1e-6, "{ab:?}");
    }
}
