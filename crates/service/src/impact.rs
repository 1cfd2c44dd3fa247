//! Impact: waste and CO2e prevented by the stored repair records (the Restart
//! Project's method, with the factor table in use), who contributed, and success rates.

use crate::factors::FactorTables;
use crate::knowledge::{Knowledge, Result, ServiceError};
use domain::impact::{
    figures, timeline, Dashboard, EntryImpact, FactorChange, ImpactFilter, RateBy, Report, Social,
    SuccessRate, TableRef,
};
use domain::outcome::SelfReported;
use domain::repair::MAX_CATEGORY_ID;
use domain::{Body, EntityKind, Problem};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use storage::Store;

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
    tables: FactorTables,
    audit: crate::audit::Audit,
    kept: Arc<Mutex<HashMap<String, Kept>>>,
    /// Success rates by (by, filter): kept like the dashboards, but computed again in
    /// the request once older than [`FRESH_FOR`].
    rates_kept: Arc<Mutex<HashMap<String, KeptRates>>>,
}

/// When rates were computed, the store's write count then, and the rates.
type KeptRates = (Instant, u64, Arc<Vec<SuccessRate>>);

impl Impact {
    pub fn new(store: Store) -> Self {
        Self {
            tables: FactorTables::new(store.clone()),
            audit: crate::audit::Audit::new(store.clone()),
            store,
            kept: Arc::default(),
            rates_kept: Arc::default(),
        }
    }

    /// The factor tables: the shipped one and those admins added.
    pub fn tables(&self) -> &FactorTables {
        &self.tables
    }

    /// Adds a factor table (admins); returns its id.
    pub async fn add_factor_table(
        &self,
        fields: [&str; 4],
        csv: &str,
        actor: &str,
        ip: &str,
    ) -> Result<String> {
        let [name, version, source, licence] = fields;
        let id = self
            .tables
            .add(name, version, source, licence, csv, actor)
            .await?;
        self.audit
            .record(
                crate::audit::Event::new(actor, "factors.add", &id)
                    .detail(format!("{name} {version}"))
                    .ip(ip),
            )
            .await?;
        Ok(id)
    }

    /// Makes `id` the table every figure is computed with. The network's figures under
    /// the table it replaces are kept in the history first; every kept figure is then
    /// computed again.
    pub async fn use_factor_table(&self, id: &str, actor: &str, ip: &str) -> Result<()> {
        let chosen = self.tables.table(id).await?;
        let (current_id, current) = self.tables.in_use().await?;
        if current_id == id {
            return Ok(());
        }
        let before = self.compute(&ImpactFilter::default()).await?.report.figures;
        let change = storage::FactorChange {
            at: domain::revision::now_rfc3339(),
            actor: actor.to_string(),
            table_id: id.to_string(),
            previous_name: current.name.clone(),
            previous_version: current.version.clone(),
            figures: serde_json::to_string(&before).unwrap_or_default(),
        };
        self.store
            .record_factor_change(&crate::knowledge::new_id(), &change)
            .await?;
        self.tables.changed();
        self.kept.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.audit
            .record(
                crate::audit::Event::new(actor, "factors.use", id)
                    .detail(format!("{} {}", chosen.name, chosen.version))
                    .ip(ip),
            )
            .await?;
        Ok(())
    }

    /// Every change of the table in use, newest first, with the figures it replaced.
    pub async fn factor_history(&self) -> Result<Vec<FactorChange>> {
        let mut out = Vec::new();
        for c in self.store.factor_changes().await? {
            let chosen = match self.tables.table(&c.table_id).await {
                Ok(t) => t.reference(),
                Err(_) => TableRef {
                    name: c.table_id.clone(),
                    version: String::new(),
                },
            };
            out.push(FactorChange {
                at: c.at,
                actor: c.actor,
                chosen,
                previous: TableRef {
                    name: c.previous_name,
                    version: c.previous_version,
                },
                figures: serde_json::from_str(&c.figures).unwrap_or_default(),
            });
        }
        Ok(out)
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
        let (_, table) = self.tables.in_use().await?;
        Ok(EntryImpact::from_tallies(&tallies, &table))
    }

    /// Everything an impact page shows for the query, computed at most a minute ago.
    pub async fn dashboard(
        &self,
        knowledge: &Knowledge,
        query: &ImpactQuery,
    ) -> Result<Arc<Dashboard>> {
        let filter = self.filter(knowledge, query).await?;
        // Figures kept under another table than the one in use now are not reused.
        let (table_id, _) = self.tables.in_use().await?;
        let key = format!(
            "{table_id} {}",
            serde_json::to_string(&filter).unwrap_or_default()
        );
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
        let (_, table) = self.tables.in_use().await?;
        let figures = figures(&tallies, &table);
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
                factor_table: table.reference(),
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
            months: timeline(self.store.impact_monthly(filter).await?, &table),
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
        let key = format!(
            "{} {}",
            by.as_str(),
            serde_json::to_string(&filter).unwrap_or_default()
        );
        let writes = self.store.change_count();
        {
            let kept = self.rates_kept.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((at, w, rates)) = kept.get(&key) {
                if *w == writes && at.elapsed() < FRESH_FOR {
                    return Ok(rates.as_ref().clone());
                }
            }
        }
        let counts = self.store.success_counts(by, &filter, MAX_RATES).await?;
        let rates: Vec<SuccessRate> = counts
            .into_iter()
            .filter_map(|(value, fixed, n)| SuccessRate::new(value, fixed, n))
            .collect();
        let mut kept = self.rates_kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= KEPT_FILTERS {
            kept.clear();
        }
        kept.insert(key, (Instant::now(), writes, Arc::new(rates.clone())));
        Ok(rates)
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
