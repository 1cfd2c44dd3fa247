//! "This worked for me": one reader's outcome of following a story or a guide, and the
//! counts a page shows. One outcome per person per entry (see the service's id).

use crate::fields::{choice, formatted, opt, req, text, Field, Format, Shape, Vocab, HIDDEN};
use crate::model::Hidden;
use serde::{Deserialize, Serialize};

/// The three answers, best first.
pub const RESULTS: [&str; 3] = [WORKED, PARTLY, "failed"];
pub const WORKED: &str = "worked";
pub const PARTLY: &str = "partly";
/// The kinds an outcome may be about.
pub const ENTRY_KINDS: [&str; 2] = ["story", "guide"];
pub const MAX_NOTE: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// `story` or `guide`.
    pub entry_type: String,
    pub entry_id: String,
    /// `worked`, `partly` or `failed`.
    pub result: String,
    /// The step (its position, from 1) that did not work for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_step: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The model they repaired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

impl Outcome {
    pub fn label(&self) -> String {
        match self.failed_step {
            Some(step) => format!("{} · step {step}", self.result),
            None => self.result.clone(),
        }
    }
}

pub(crate) const FIELDS: &[Field] = &[
    req("entry_type", choice(Vocab::OutcomeEntryKinds, 10)),
    req("entry_id", formatted(64, Format::EntityId)),
    req("result", choice(Vocab::OutcomeResults, 10)),
    opt(
        "failed_step",
        Shape::Number {
            min: 1.0,
            max: crate::fields::MAX_ORDER as f64,
            whole: true,
        },
    ),
    opt("note", text(MAX_NOTE)),
    opt("thing_id", formatted(64, Format::EntityId)),
    HIDDEN,
];

/// How the readers who followed one entry said it went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    /// People who answered.
    pub n: u64,
    pub worked: u64,
    pub partly: u64,
    pub failed: u64,
    /// Step position → how many said that step did not work, by step.
    pub failed_steps: Vec<StepFailures>,
    /// The share that worked, with its 95 % Wilson interval; `None` when nobody answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<crate::impact::SuccessRate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepFailures {
    pub step: u32,
    pub failures: u64,
}

impl OutcomeCounts {
    /// From (result, people) and (step, failures) counts.
    pub fn new(results: &[(String, u64)], steps: Vec<(u32, u64)>) -> Self {
        let count = |r: &str| {
            results
                .iter()
                .filter(|(k, _)| k == r)
                .map(|(_, n)| n)
                .sum::<u64>()
        };
        let (worked, partly) = (count(WORKED), count(PARTLY));
        let n: u64 = results.iter().map(|(_, n)| n).sum();
        Self {
            n,
            worked,
            partly,
            failed: n.saturating_sub(worked + partly),
            failed_steps: steps
                .into_iter()
                .map(|(step, failures)| StepFailures { step, failures })
                .collect(),
            rate: crate::impact::SuccessRate::new(String::new(), worked, n),
        }
    }
}

/// What readers said of one story or guide, for success-rate lists: labelled
/// self-reported, apart from repair records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfReported {
    pub value: String,
    pub n: u64,
    pub worked: u64,
    pub partly: u64,
    /// Worked of n.
    pub rate: f64,
    pub interval: crate::impact::Range,
}

impl SelfReported {
    pub fn new(value: String, worked: u64, partly: u64, n: u64) -> Option<Self> {
        Some(Self {
            interval: crate::impact::wilson(worked, n)?,
            rate: worked as f64 / n as f64,
            value,
            n,
            worked,
            partly,
        })
    }
}
