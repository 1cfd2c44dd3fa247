//! Impact: waste and CO2e prevented by the stored repair records (the Restart
//! Project's method, with the factor table in use), who contributed, and success rates.

use crate::knowledge::{Knowledge, Result, ServiceError};
use domain::impact::{
    figures, timeline, Dashboard, EntryImpact, Factor, FactorTable, ImpactFilter, RateBy, Report,
    Social, SuccessRate,
};
use domain::outcome::SelfReported;
use domain::repair::MAX_CATEGORY_ID;
use domain::{Body, EntityKind, Problem};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use storage::Store;

const DEFAULT_TABLE: &str = include_str!("../data/factors/ords_category_lca_reference.csv");
/// Success rates list at most this many values.
pub const MAX_RATES: i64 = 500;

/// A figure request as it arrives: `category` is an ORDS id (1–99) or a taxonomy
/// category's id, which stands for it and every category below it.
#[derive(Clone, Debug, Default)]
pub struct ImpactQuery {
    pub group: Option<String>,
    pub category: Option<String>,
    pub country: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub thing: Option<String>,
    pub story: Option<String>,
    pub guide: Option<String>,
    /// A recorded event's id.
    pub event: Option<String>,
    /// Only the records made on this instance, not those its peers shared.
    pub this_instance: bool,
}

/// Figures computed for one filter are reused while this process has written nothing
/// since and they are younger than this; older ones are served once more while they
/// are computed again in the background, so no figure is more than a minute old.
const FRESH_FOR: Duration = Duration::from_secs(30);
/// The most filters whose figures are kept.
const KEPT_FILTERS: usize = 1000;

struct Kept {
    at: Instant,
    writes: u64,
    dashboard: Arc<Dashboard>,
    refreshing: bool,
}

#[derive(Clone)]
pub struct Impact {
    store: Store,
    table: Arc<FactorTable>,
    kept: Arc<Mutex<HashMap<String, Kept>>>,
}

impl Impact {
    pub fn new(store: Store) -> Self {
        // The shipped table is fixed data, checked by a test: a failure here is a bug.
        let table = parse_factor_table(
            "ORDS category LCA reference",
            "openrepair-tools-ccd642f",
            "openrepair/tools dat/ords_category_lca_reference.csv",
            "CC BY-SA 4.0",
            DEFAULT_TABLE,
        )
        .unwrap_or_else(|problems| panic!("the shipped factor table is invalid: {problems:?}"));
        Self {
            store,
            table: Arc::new(table),
            kept: Arc::default(),
        }
    }

    /// Items by status, waste and CO2e prevented, and who contributed, for the records
    /// the query keeps.
    pub async fn report(&self, knowledge: &Knowledge, query: &ImpactQuery) -> Result<Report> {
        Ok(self.dashboard(knowledge, query).await?.report.clone())
    }

    /// What the records naming this thing, story or guide say about it.
    pub async fn entry_impact(&self, kind: EntityKind, id: &str) -> Result<Option<EntryImpact>> {
        let mut filter = ImpactFilter::default();
        match kind {
            EntityKind::Thing => filter.thing = Some(id.to_string()),
            EntityKind::Story => filter.story = Some(id.to_string()),
            EntityKind::Guide => filter.guide = Some(id.to_string()),
            _ => return Ok(None),
        }
        let tallies = self.store.impact_tallies(&filter).await?;
        Ok(EntryImpact::from_tallies(&tallies, &self.table))
    }

    /// Everything an impact page shows for the query, computed at most a minute ago.
    pub async fn dashboard(
        &self,
        knowledge: &Knowledge,
        query: &ImpactQuery,
    ) -> Result<Arc<Dashboard>> {
        let filter = self.filter(knowledge, query).await?;
        let key = serde_json::to_string(&filter).unwrap_or_default();
        let writes = self.store.change_count();
        let stale = {
            let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
            match kept.get_mut(&key) {
                Some(k) if k.writes == writes && k.at.elapsed() < FRESH_FOR => {
                    return Ok(k.dashboard.clone())
                }
                Some(k) if k.writes == writes && k.at.elapsed() < 2 * FRESH_FOR => {
                    if !k.refreshing {
                        k.refreshing = true;
                        let (this, key, filter) = (self.clone(), key.clone(), filter.clone());
                        tokio::spawn(async move {
                            if this.compute_and_keep(key, filter, writes).await.is_err() {
                                tracing::warn!("impact figures could not be computed again");
                            }
                        });
                    }
                    Some(k.dashboard.clone())
                }
                _ => None,
            }
        };
        match stale {
            Some(d) => Ok(d),
            None => self.compute_and_keep(key, filter, writes).await,
        }
    }

    async fn compute_and_keep(
        &self,
        key: String,
        filter: ImpactFilter,
        writes: u64,
    ) -> Result<Arc<Dashboard>> {
        let dashboard = Arc::new(self.compute(&filter).await?);
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= KEPT_FILTERS {
            kept.clear();
        }
        kept.insert(
            key,
            Kept {
                at: Instant::now(),
                writes,
                dashboard: dashboard.clone(),
                refreshing: false,
            },
        );
        Ok(dashboard)
    }

    async fn compute(&self, filter: &ImpactFilter) -> Result<Dashboard> {
        let tallies = self.store.impact_tallies(filter).await?;
        let reach = self.store.impact_reach(filter).await?;
        let figures = figures(&tallies, &self.table);
        let items_per_event =
            (reach.events > 0).then(|| round(figures.items as f64 / reach.events as f64, 2));
        let rates = |by| async move {
            let counts = self.store.success_counts(by, filter, MAX_RATES).await?;
            Ok::<_, ServiceError>(
                counts
                    .into_iter()
                    .filter_map(|(value, fixed, n)| SuccessRate::new(value, fixed, n))
                    .collect::<Vec<_>>(),
            )
        };
        Ok(Dashboard {
            report: Report {
                figures: figures.rounded(),
                factor_table: self.table.reference(),
                social: Social {
                    groups: reach.groups,
                    events: reach.events,
                    instances: reach.instances,
                    items_per_event,
                    participants: reach.participants,
                    volunteers: reach.volunteers,
                    hours_volunteered: reach.hours_volunteered.map(|h| round(h, 2)),
                },
            },
            months: timeline(self.store.impact_monthly(filter).await?, &self.table),
            by_category: rates(RateBy::Category).await?,
            barriers: rates(RateBy::Barrier).await?,
            countries: rates(RateBy::Country).await?,
        })
    }

    /// Success rates per value of `by`, most records first, each with its 95 % interval.
    pub async fn success_rates(
        &self,
        knowledge: &Knowledge,
        by: RateBy,
        query: &ImpactQuery,
    ) -> Result<Vec<SuccessRate>> {
        let filter = self.filter(knowledge, query).await?;
        let counts = self.store.success_counts(by, &filter, MAX_RATES).await?;
        Ok(counts
            .into_iter()
            .filter_map(|(value, fixed, n)| SuccessRate::new(value, fixed, n))
            .collect())
    }

    /// For stories and guides, what readers said when following them, per entry: only
    /// a filter on the model, the entry or the instance applies to these (they belong
    /// to no group, place or day), so any other filter gives none.
    pub async fn self_reported_rates(
        &self,
        knowledge: &Knowledge,
        by: RateBy,
        query: &ImpactQuery,
    ) -> Result<Option<Vec<SelfReported>>> {
        let filter = self.filter(knowledge, query).await?;
        let (entry_type, entry) = match by {
            RateBy::Story => ("story", filter.story.clone()),
            RateBy::Guide => ("guide", filter.guide.clone()),
            _ => return Ok(None),
        };
        let placed = filter.group.is_some()
            || filter.country.is_some()
            || filter.from.is_some()
            || filter.to.is_some()
            || filter.category_ids.is_some()
            || filter.event.is_some()
            || (by == RateBy::Story && filter.guide.is_some())
            || (by == RateBy::Guide && filter.story.is_some());
        if placed {
            return Ok(Some(Vec::new()));
        }
        let f = storage::OutcomeFilter {
            entry_type: entry_type.to_string(),
            entry,
            thing: filter.thing.clone(),
            origin: filter.origin.clone(),
        };
        let rows = self.store.outcome_rates(&f, MAX_RATES).await?;
        Ok(Some(
            rows.into_iter()
                .filter_map(|(value, worked, partly, n)| {
                    SelfReported::new(value, worked, partly, n)
                })
                .collect(),
        ))
    }

    /// The records the query keeps as an ORDS CSV, by event day.
    pub async fn export_ords(&self, knowledge: &Knowledge, query: &ImpactQuery) -> Result<Vec<u8>> {
        let filter = self.filter(knowledge, query).await?;
        let rows = self.store.repairs_for_export(&filter).await?;
        let parsed: Vec<(String, domain::repair::Repair)> = rows
            .into_iter()
            .filter_map(
                |(id, body)| match domain::parse_body(EntityKind::Repair, &body) {
                    Some(Body::Repair(r)) => Some((id, r)),
                    _ => None,
                },
            )
            .collect();
        Ok(crate::knowledge::ords::write(
            parsed.iter().map(|(id, r)| (id.as_str(), r)),
        ))
    }

    /// Checks the query's values and resolves its category to ORDS ids.
    async fn filter(&self, knowledge: &Knowledge, q: &ImpactQuery) -> Result<ImpactFilter> {
        let mut problems = Vec::new();
        let day = |field: &str, v: &Option<String>, problems: &mut Vec<Problem>| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            if domain::repair::is_day(v) {
                Some(v.to_string())
            } else {
                problems.push(Problem::new(field, "invalid_day", &[]));
                None
            }
        };
        let from = day("from", &q.from, &mut problems);
        let to = day("to", &q.to, &mut problems);
        let country = q
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if let Some(c) = country {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
                problems.push(Problem::new("country", "invalid_country", &[]));
            }
        }
        let id = |field: &str, v: &Option<String>, problems: &mut Vec<Problem>| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            if domain::validate::is_entity_id(v) {
                Some(v.to_string())
            } else {
                problems.push(Problem::new(field, "invalid_id", &[]));
                None
            }
        };
        let thing = id("thing", &q.thing, &mut problems);
        let story = id("story", &q.story, &mut problems);
        let guide = id("guide", &q.guide, &mut problems);
        let event = id("event", &q.event, &mut problems);
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let category_ids = match q
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => None,
            Some(c) => Some(ords_ids(knowledge, c).await?),
        };
        Ok(ImpactFilter {
            group: q.group.clone().filter(|g| !g.trim().is_empty()),
            country: country.map(str::to_uppercase),
            from,
            to,
            category_ids,
            thing,
            story,
            guide,
            origin: q.this_instance.then(|| knowledge.public_url().to_string()),
            event,
        })
    }
}

/// The ORDS ids a `category` parameter stands for.
async fn ords_ids(knowledge: &Knowledge, category: &str) -> Result<Vec<u32>> {
    if let Ok(n) = category.parse::<u32>() {
        if (1..=MAX_CATEGORY_ID).contains(&n) {
            return Ok(vec![n]);
        }
        return Err(ServiceError::Invalid(vec![Problem::new(
            "category",
            "out_of_range",
            &[("min", "1".into()), ("max", MAX_CATEGORY_ID.to_string())],
        )]));
    }
    if !domain::validate::is_entity_id(category) {
        return Err(ServiceError::Invalid(vec![Problem::new(
            "category",
            "invalid_id",
            &[],
        )]));
    }
    // An unknown category is an error, not a filter that keeps nothing.
    let own = knowledge.resolve_category(category).await?;
    knowledge.get(EntityKind::Category, &own).await?;
    let mut ids = Vec::new();
    for id in knowledge.category_and_below(&own).await? {
        let Ok(stored) = knowledge.get(EntityKind::Category, &id).await else {
            continue;
        };
        if let Some(Body::Category(c)) = domain::parse_body(EntityKind::Category, &stored.body) {
            ids.extend(c.ords_id.and_then(|o| o.trim().parse::<u32>().ok()));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Reads a factor table: `product_category_id`, `weight` and `footprint` columns, and
/// optionally `footprint_low` and `footprint_high`. Problems name the row and column.
pub fn parse_factor_table(
    name: &str,
    version: &str,
    source: &str,
    licence: &str,
    text: &str,
) -> std::result::Result<FactorTable, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Problem::new(
                "file",
                "wrong_type",
                &[("expected", e.to_string())],
            )])
        }
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let mut problems = Vec::new();
    let (Some(id_col), Some(weight_col), Some(footprint_col)) = (
        column("product_category_id"),
        column("weight"),
        column("footprint"),
    ) else {
        return Err(vec![Problem::new(
            "file",
            "required",
            &[("columns", "product_category_id, weight, footprint".into())],
        )]);
    };
    let (low_col, high_col) = (column("footprint_low"), column("footprint_high"));
    let mut factors = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::new(
                    format!("row {row}"),
                    "wrong_type",
                    &[("expected", e.to_string())],
                ));
                continue;
            }
        };
        let mut number = |col: usize, field: &str| -> Option<f64> {
            let v = record.get(col).unwrap_or("").trim();
            match v.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
                _ => {
                    problems.push(Problem::new(
                        format!("row {row}.{field}"),
                        "wrong_type",
                        &[("expected", "a number of at least 0".into())],
                    ));
                    None
                }
            }
        };
        let id = number(id_col, "product_category_id");
        let weight = number(weight_col, "weight");
        let footprint = number(footprint_col, "footprint");
        let low = low_col
            .filter(|c| !record.get(*c).unwrap_or("").is_empty())
            .and_then(|c| number(c, "footprint_low"));
        let high = high_col
            .filter(|c| !record.get(*c).unwrap_or("").is_empty())
            .and_then(|c| number(c, "footprint_high"));
        if id.is_some_and(|id| id.fract() != 0.0 || id > f64::from(MAX_CATEGORY_ID)) {
            problems.push(Problem::new(
                format!("row {row}.product_category_id"),
                "out_of_range",
                &[("min", "1".into()), ("max", MAX_CATEGORY_ID.to_string())],
            ));
            continue;
        }
        if let (Some(id), Some(weight_kg), Some(footprint_kg)) = (id, weight, footprint) {
            factors.insert(
                id as u32,
                Factor {
                    weight_kg,
                    footprint_kg,
                    footprint_low_kg: low,
                    footprint_high_kg: high,
                },
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FactorTable {
        name: name.to_string(),
        version: version.to_string(),
        source: source.to_string(),
        licence: licence.to_string(),
        factors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_has_the_forty_ords_categories() {
        let t =
            parse_factor_table("t", "1", "", "", DEFAULT_TABLE).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(t.factors.len(), 40);
        assert_eq!(t.factors[&14].weight_kg, 1.25);
        assert_eq!(t.factors[&14].footprint_kg, 44.32);
        assert_eq!(t.factors[&18].footprint_kg, 0.0);
    }

    #[test]
    fn bad_rows_are_named() {
        let text = "product_category_id,weight,footprint\n1,2,3\n2,heavy,3\n";
        let problems = parse_factor_table("t", "1", "", "", text)
            .err()
            .unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "row 3.weight");
    }
}
