//! Impact figures by the Restart Project's published method (as Restarters computes
//! them), the factor tables they read, and success rates with Wilson intervals.

use crate::repair::{FIXED, MISC_CATEGORY};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A repaired item displaces half a new one's manufacture (Restarters' `displacement`).
pub const DISPLACEMENT: f64 = 0.5;
/// kg CO2e per kg of a powered Misc item (Restarters' `EMISSION_RATIO_POWERED`).
pub const MISC_POWERED_CO2E_PER_KG: f64 = 32.06679233;
/// kg CO2e per kg of an unpowered Misc item (Restarters' `EMISSION_RATIO_UNPOWERED`).
pub const MISC_UNPOWERED_CO2E_PER_KG: f64 = 17.70147059;
/// The normal quantile of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// What one product category weighs and what making a new one emits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub weight_kg: f64,
    /// kg CO2e to manufacture one new item.
    pub footprint_kg: f64,
    /// Where the table gives the footprint's bounds, a low–high range is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footprint_low_kg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footprint_high_kg: Option<f64>,
}

/// Factors per ORDS `product_category_id`, with the name and version every figure cites.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorTable {
    pub name: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    pub factors: BTreeMap<u32, Factor>,
}

/// The table a figure was computed with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableRef {
    pub name: String,
    pub version: String,
}

impl FactorTable {
    pub fn reference(&self) -> TableRef {
        TableRef {
            name: self.name.clone(),
            version: self.version.clone(),
        }
    }
}

/// A factor table an admin can choose, as the admin page lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorTableInfo {
    /// `shipped` for the table that comes with ThingData.
    pub id: String,
    pub name: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    /// How many categories it gives factors for.
    pub categories: usize,
    /// Whether some factor gives a footprint range (bounds or an uncertainty).
    pub ranged: bool,
    pub in_use: bool,
    pub added_by: String,
    pub added_at: String,
}

/// One change of the table in use, with the network's figures the replaced table gave.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorChange {
    pub at: String,
    pub actor: String,
    pub chosen: TableRef,
    pub previous: TableRef,
    pub figures: Figures,
}

/// Records sharing a status, a category and whether they are powered: what the
/// method needs, counted by the database rather than read one by one.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub status: String,
    pub category_id: u32,
    pub powered: bool,
    pub items: u64,
    /// Of `items`, how many carry a weight estimate, and those estimates' sum.
    pub estimated: u64,
    pub estimate_kg: f64,
}

/// Impact of a set of repair records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub items: u64,
    /// ORDS status → items.
    pub items_by_status: BTreeMap<String, u64>,
    pub waste_prevented_kg: f64,
    pub co2e_prevented_kg: f64,
    /// Present when some factor gives the footprint's bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co2e_range_kg: Option<Range>,
    /// Fixed items the figures leave out: a category the table lacks, or a Misc item
    /// without a weight estimate.
    pub fixed_without_factor: u64,
}

impl Figures {
    /// The figures to the gram: sums of factors carry float noise no reader wants.
    pub fn rounded(mut self) -> Self {
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        self.waste_prevented_kg = r(self.waste_prevented_kg);
        self.co2e_prevented_kg = r(self.co2e_prevented_kg);
        self.co2e_range_kg = self.co2e_range_kg.map(|x| Range {
            low: r(x.low),
            high: r(x.high),
        });
        self
    }
}

/// Who stands behind a set of records. An event is a group's day of repairs, recorded
/// as an event entry or not; participants, volunteers and hours come from the recorded
/// ones, and are absent when none gives them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Social {
    pub groups: u64,
    pub events: u64,
    pub instances: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_per_event: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volunteers: Option<u64>,
    /// Restarters' formula: 9 host hours plus volunteers × event hours, per event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_volunteered: Option<f64>,
}

/// What `GET /api/v1/impact` answers and impact pages show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    #[serde(flatten)]
    pub figures: Figures,
    pub factor_table: TableRef,
    pub social: Social,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

/// Waste and CO2e prevented, counting Fixed items only:
/// - a categorized item prevents its category's weight, and half its footprint;
/// - a Misc item prevents its weight estimate, and half of that estimate times the
///   powered or unpowered emission ratio.
pub fn figures(tallies: &[Tally], table: &FactorTable) -> Figures {
    let mut f = Figures::default();
    let (mut low, mut high, mut ranged) = (0.0, 0.0, false);
    for t in tallies {
        f.items += t.items;
        *f.items_by_status.entry(t.status.clone()).or_default() += t.items;
        if t.status != FIXED {
            continue;
        }
        if t.category_id == MISC_CATEGORY {
            let ratio = if t.powered {
                MISC_POWERED_CO2E_PER_KG
            } else {
                MISC_UNPOWERED_CO2E_PER_KG
            };
            let co2e = t.estimate_kg * ratio * DISPLACEMENT;
            f.waste_prevented_kg += t.estimate_kg;
            f.co2e_prevented_kg += co2e;
            (low, high) = (low + co2e, high + co2e);
            f.fixed_without_factor += t.items - t.estimated;
            continue;
        }
        let Some(factor) = table.factors.get(&t.category_id) else {
            f.fixed_without_factor += t.items;
            continue;
        };
        let n = t.items as f64;
        f.waste_prevented_kg += n * factor.weight_kg;
        f.co2e_prevented_kg += n * factor.footprint_kg * DISPLACEMENT;
        let lo = factor.footprint_low_kg.unwrap_or(factor.footprint_kg);
        let hi = factor.footprint_high_kg.unwrap_or(factor.footprint_kg);
        ranged |= factor.footprint_low_kg.is_some() || factor.footprint_high_kg.is_some();
        low += n * lo * DISPLACEMENT;
        high += n * hi * DISPLACEMENT;
    }
    f.co2e_range_kg = ranged.then_some(Range { low, high });
    f
}

/// The 95 % Wilson score interval of `successes` out of `n`; `None` when `n` is 0.
pub fn wilson(successes: u64, n: u64) -> Option<Range> {
    if n == 0 {
        return None;
    }
    let (s, n) = (successes.min(n) as f64, n as f64);
    let p = s / n;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(Range {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// The success rate of one value (a category, a brand, a guide…): of the records with
/// a known outcome (Fixed, Repairable or End of life), how many were Fixed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuccessRate {
    pub value: String,
    pub n: u64,
    pub fixed: u64,
    pub rate: f64,
    pub interval: Range,
}

impl SuccessRate {
    pub fn new(value: String, fixed: u64, n: u64) -> Option<Self> {
        let interval = wilson(fixed, n)?;
        Some(Self {
            value,
            n,
            fixed,
            rate: fixed as f64 / n as f64,
            interval,
        })
    }
}

/// Which records a figure counts. Every part is optional; `category_ids` are ORDS ids
/// (a taxonomy category and those below it, resolved by the service).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First and last event day, inclusive (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_ids: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// Only records made on this instance (its public URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Only records made at this recorded event (its id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// What success rates are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateBy {
    Category,
    Brand,
    Thing,
    Fault,
    Barrier,
    Story,
    Guide,
    Country,
}

impl RateBy {
    pub const ALL: [RateBy; 8] = [
        RateBy::Category,
        RateBy::Brand,
        RateBy::Thing,
        RateBy::Fault,
        RateBy::Barrier,
        RateBy::Story,
        RateBy::Guide,
        RateBy::Country,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RateBy::Category => "category",
            RateBy::Brand => "brand",
            RateBy::Thing => "thing",
            RateBy::Fault => "fault",
            RateBy::Barrier => "barrier",
            RateBy::Story => "story",
            RateBy::Guide => "guide",
            RateBy::Country => "country",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// Everything an impact page shows for one filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub report: Report,
    pub months: Vec<Month>,
    /// Success rate per ORDS category id, most records first.
    pub by_category: Vec<SuccessRate>,
    /// End-of-life records per barrier (`n`), most first.
    pub barriers: Vec<SuccessRate>,
    pub countries: Vec<SuccessRate>,
}

/// What the repair records that name one thing, story or guide say about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryImpact {
    /// Records naming it.
    pub records: u64,
    /// Its success rate over the records with a known outcome; `None` when none has one.
    pub success: Option<SuccessRate>,
    pub figures: Figures,
    pub factor_table: TableRef,
}

impl EntryImpact {
    /// `None` when no record names the entry.
    pub fn from_tallies(tallies: &[Tally], table: &FactorTable) -> Option<Self> {
        let figures = figures(tallies, table).rounded();
        if figures.items == 0 {
            return None;
        }
        let status = |s: &str| figures.items_by_status.get(s).copied().unwrap_or(0);
        let known = figures.items - status("Unknown");
        Some(Self {
            records: figures.items,
            success: SuccessRate::new(String::new(), status(FIXED), known),
            figures,
            factor_table: table.reference(),
        })
    }
}

/// Figures of one month (`2025-06`) of event days.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Month {
    pub month: String,
    pub figures: Figures,
}

/// Tallies per month, as the database counts them, into figures per month in order.
pub fn timeline(tallies: Vec<(String, Tally)>, table: &FactorTable) -> Vec<Month> {
    let mut by_month: BTreeMap<String, Vec<Tally>> = BTreeMap::new();
    for (month, t) in tallies {
        by_month.entry(month).or_default().push(t);
    }
    by_month
        .into_iter()
        .map(|(month, ts)| Month {
            month,
            figures: figures(&ts, table).rounded(),
        })
        .collect()
}

/// A group as counted: "Repair Café Toronto" and "repair café toronto " are one group.
pub fn group_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A brand as counted; ORDS writes an unknown brand as "Unknown", which is no brand.
pub fn brand_key(name: &str) -> Option<String> {
    let key = group_key(name);
    (!key.is_empty() && key != "unknown").then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> FactorTable {
        let mut factors = BTreeMap::new();
        factors.insert(
            14,
            Factor {
                weight_kg: 1.25,
                footprint_kg: 44.32,
                footprint_low_kg: None,
                footprint_high_kg: None,
            },
        );
        FactorTable {
            name: "t".into(),
            version: "1".into(),
            source: String::new(),
            licence: String::new(),
            factors,
        }
    }

    fn tally(status: &str, category_id: u32, powered: bool, items: u64, est: (u64, f64)) -> Tally {
        Tally {
            status: status.into(),
            category_id,
            powered,
            items,
            estimated: est.0,
            estimate_kg: est.1,
        }
    }

    #[test]
    fn each_branch_of_the_method() {
        let f = figures(
            &[
                tally("Fixed", 14, true, 2, (0, 0.0)),
                tally("Fixed", MISC_CATEGORY, true, 2, (1, 3.0)),
                tally("Fixed", MISC_CATEGORY, false, 1, (1, 2.0)),
                tally("End of life", 14, true, 5, (0, 0.0)),
                tally("Fixed", 41, true, 1, (0, 0.0)),
            ],
            &table(),
        );
        assert_eq!(f.items, 11);
        assert_eq!(f.items_by_status["Fixed"], 6);
        assert!((f.waste_prevented_kg - (2.5 + 3.0 + 2.0)).abs() < 1e-9);
        let co2e = 2.0 * 44.32 * 0.5 + 3.0 * 32.06679233 * 0.5 + 2.0 * 17.70147059 * 0.5;
        assert!((f.co2e_prevented_kg - co2e).abs() < 1e-9);
        // The Misc item without an estimate and the category the table lacks.
        assert_eq!(f.fixed_without_factor, 2);
        assert_eq!(f.co2e_range_kg, None);
    }

    #[test]
    fn bounds_give_a_range() {
        let mut t = table();
        if let Some(f) = t.factors.get_mut(&14) {
            f.footprint_low_kg = Some(40.0);
            f.footprint_high_kg = Some(50.0);
        }
        let f = figures(&[tally("Fixed", 14, true, 2, (0, 0.0))], &t);
        assert_eq!(
            f.co2e_range_kg,
            Some(Range {
                low: 40.0,
                high: 50.0
            })
        );
    }

    #[test]
    fn wilson_matches_published_values() {
        // Newcombe (1998), example: 81 of 263 → 0.2553 to 0.3662.
        let r = wilson(81, 263).unwrap_or_default();
        assert!((r.low - 0.2553).abs() < 5e-4 && (r.high - 0.3662).abs() < 5e-4);
        let none = wilson(0, 10).unwrap_or_default();
        assert_eq!(none.low, 0.0);
        assert!((none.high - 0.2775).abs() < 5e-4);
        assert_eq!(wilson(0, 0), None);
    }
}
