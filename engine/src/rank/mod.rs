//! Ranking: from findings, answers and fix feedback to cause probabilities, the next question
//! worth asking and the fixes in the order that reaches the working one cheapest.
//!
//! Model (decision-theoretic troubleshooting, Heckerman, Breese & Rommelse 1995): a single-fault
//! categorical over causes, updated naive-Bayes style from evidence likelihood ratios (soft hints
//! tempered, repeated keys counted once) and from answers (a categorical per question); fixes
//! ordered greedily by P(fix resolves | evidence) / cost; a question is asked only when its
//! myopic value of information (expected cost of repair saved minus the cost of asking) is
//! positive. Fix feedback conditions the beliefs: "failed" multiplies each cause by
//! 1 − P(fix resolves | cause); "worked" confirms the causes it addresses; "skipped" removes the
//! fix from the plan without changing beliefs.

mod model;
pub use model::{diagnose, diagnose_json, diagnose_with, fix_cost, SERVICE_COST};

use serde::{Deserialize, Serialize};

/// One evidence item that moved a cause, with its likelihood ratio (>1 raises, <1 lowers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Why {
    pub evidence: String,
    /// What the evidence is, in words ("Extended error code 0x7", "Answer: works by IP").
    pub label: String,
    pub ratio: f64,
}

/// A cause with its posterior probability and the evidence that moved it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RankedCause {
    /// Stable cause ID (public contract), e.g. `cert-expired`.
    pub id: String,
    pub title: String,
    pub probability: f64,
    pub description: String,
    /// How to confirm this is the cause.
    pub confirm: String,
    pub why: Vec<Why>,
}

/// A copyable command inside a fix step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Command {
    /// `powershell`, `cmd`, `reg`, `bash`, …
    pub shell: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub command: Option<Command>,
}

/// A fix in recommended order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RankedFix {
    pub id: String,
    pub title: String,
    /// Cause IDs this fix addresses.
    pub causes: Vec<String>,
    /// Who can do it: `end-user`, `admin`, `console` (Azure/Hyper-V console), `network-team`.
    #[schemars(extend("enum" = crate::kb::WHO))]
    pub who: String,
    pub minutes: u32,
    /// `low`, `medium`, `high`.
    #[schemars(extend("enum" = crate::kb::RISKS))]
    pub risk: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub risk_note: Option<String>,
    pub privileges: String,
    pub steps: Vec<Step>,
    pub verify: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub rollback: Option<String>,
    /// P(this fix resolves the problem | evidence).
    pub probability: f64,
    /// Why it is ranked here, in words.
    pub why: String,
    /// What the user said about it, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub feedback: Option<crate::schema::FixOutcome>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OptionView {
    pub id: String,
    pub label: String,
}

/// The question worth asking next (or an answered one, with `answer` set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub help: Option<String>,
    pub options: Vec<OptionView>,
    /// Set on answered questions: the chosen option ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub answer: Option<String>,
}
