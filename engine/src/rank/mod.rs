//! Ranking: from findings, answers and fix feedback to cause probabilities, the next question
//! worth asking and the fixes in the order that reaches the working one cheapest.
//!
//! Model (decision-theoretic troubleshooting, Heckerman, Breese & Rommelse 1995): a single-fault
//! categorical over causes, updated naive-Bayes style from evidence likelihood ratios (soft hints
//! counted like hard ones, repeated keys counted once) and from answers (a categorical per question),
//! then temperature-scaled ([`TEMPERATURE`], fitted on the real-report dev split: the raw
//! product is underconfident on real tickets); fixes
//! ordered greedily by P(fix resolves | evidence) / cost; a question is asked only when its
//! myopic value of information (expected cost of repair saved minus the cost of asking) is
//! positive. Fix feedback conditions the beliefs: "failed" multiplies each cause by
//! 1 − P(fix resolves | cause); "worked" confirms the causes it addresses; "skipped" removes the
//! fix from the plan without changing beliefs.

mod model;
pub mod order;
pub use model::{diagnose, diagnose_json, diagnose_with, fix_cost, SERVICE_COST, TEMPERATURE};

// The report types live in `schema` (the request/report contract); re-exported here where
// callers found them before.
pub use crate::schema::{Command, OptionView, QuestionView, RankedCause, RankedFix, Step, Why};
