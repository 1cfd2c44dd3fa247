//! Factor tables: the one shipped with ThingData, those admins add (checked, stored as
//! given), which one is in use (the latest change the store logged), and reading one
//! from its CSV.

use crate::knowledge::{Result, ServiceError};
use domain::impact::{Factor, FactorTable, FactorTableInfo};
use domain::repair::MAX_CATEGORY_ID;
use domain::Problem;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use storage::{FactorTableRow, Store};

const SHIPPED_CSV: &str = include_str!("../data/factors/ords_category_lca_reference.csv");
/// The id of the shipped table, which the store does not hold.
pub const SHIPPED: &str = "shipped";
/// The largest CSV of an added table.
pub const MAX_TABLE_BYTES: usize = 1_000_000;
const MAX_FIELD: usize = 200;

#[derive(Clone)]
pub struct FactorTables {
    store: Store,
    shipped: Arc<FactorTable>,
    /// Added tables already read, by id: a stored table never changes.
    parsed: Arc<Mutex<HashMap<String, Arc<FactorTable>>>>,
    /// The id of the table in use and when it was read: every dashboard asks, and a
    /// change made on another app node may take [`IN_USE_KEPT`] to be seen here.
    in_use: Arc<Mutex<Option<(Instant, String)>>>,
}

/// How long the id of the table in use is trusted before the store is asked again.
const IN_USE_KEPT: Duration = Duration::from_secs(5);

impl FactorTables {
    pub fn new(store: Store) -> Self {
        // The shipped table is fixed data, checked by a test: a failure here is a bug.
        let shipped = parse_factor_table(
            "ORDS category LCA reference",
            "openrepair-tools-ccd642f",
            "openrepair/tools dat/ords_category_lca_reference.csv",
            "CC BY-SA 4.0",
            SHIPPED_CSV,
        )
        .unwrap_or_else(|problems| panic!("the shipped factor table is invalid: {problems:?}"));
        Self {
            store,
            shipped: Arc::new(shipped),
            parsed: Arc::default(),
            in_use: Arc::default(),
        }
    }

    /// The table in use and its id.
    pub async fn in_use(&self) -> Result<(String, Arc<FactorTable>)> {
        let kept = self
            .in_use
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .filter(|(at, _)| at.elapsed() < IN_USE_KEPT);
        let id = match kept {
            Some((_, id)) => id,
            None => {
                let id = self
                    .store
                    .factor_table_in_use()
                    .await?
                    .unwrap_or_else(|| SHIPPED.to_string());
                *self.in_use.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((Instant::now(), id.clone()));
                id
            }
        };
        Ok((id.clone(), self.get(&id).await?))
    }

    /// Forgets which table is in use, after this node changed it.
    pub fn changed(&self) {
        *self.in_use.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// A table by id; `NotFound` for an unknown one.
    async fn get(&self, id: &str) -> Result<Arc<FactorTable>> {
        if id == SHIPPED {
            return Ok(self.shipped.clone());
        }
        if let Some(t) = self
            .parsed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
        {
            return Ok(t.clone());
        }
        let row = self
            .store
            .factor_table(id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let table = Arc::new(read_row(&row)?);
        self.parsed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_string(), table.clone());
        Ok(table)
    }

    /// The shipped table and every added one, oldest first.
    pub async fn list(&self) -> Result<Vec<FactorTableInfo>> {
        let (in_use, _) = self.in_use().await?;
        let info = |id: &str, t: &FactorTable, by: &str, at: &str| FactorTableInfo {
            id: id.to_string(),
            name: t.name.clone(),
            version: t.version.clone(),
            source: t.source.clone(),
            licence: t.licence.clone(),
            categories: t.factors.len(),
            ranged: t
                .factors
                .values()
                .any(|f| f.footprint_low_kg.is_some() || f.footprint_high_kg.is_some()),
            in_use: in_use == id,
            added_by: by.to_string(),
            added_at: at.to_string(),
        };
        let mut out = vec![info(SHIPPED, &self.shipped, "", "")];
        for row in self.store.factor_tables().await? {
            let table = self.get(&row.id).await?;
            out.push(info(&row.id, &table, &row.added_by, &row.added_at));
        }
        Ok(out)
    }

    /// Checks and stores a table; returns its id. Every problem is named: a missing
    /// name, version or source, and each bad cell by row and column.
    pub async fn add(
        &self,
        name: &str,
        version: &str,
        source: &str,
        licence: &str,
        csv: &str,
        actor: &str,
    ) -> Result<String> {
        let mut problems = Vec::new();
        for (field, value) in [("name", name), ("version", version), ("source", source)] {
            if value.trim().is_empty() {
                problems.push(Problem::new(field, "empty", &[]));
            } else if value.chars().count() > MAX_FIELD {
                problems.push(Problem::new(
                    field,
                    "too_long",
                    &[("max", MAX_FIELD.to_string())],
                ));
            }
        }
        if licence.chars().count() > MAX_FIELD {
            problems.push(Problem::new(
                "licence",
                "too_long",
                &[("max", MAX_FIELD.to_string())],
            ));
        }
        if csv.len() > MAX_TABLE_BYTES {
            problems.push(Problem::new(
                "file",
                "too_long",
                &[("max", MAX_TABLE_BYTES.to_string())],
            ));
        } else if let Err(p) = parse_factor_table(name, version, source, licence, csv) {
            problems.extend(p);
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let row = FactorTableRow {
            id: crate::knowledge::new_id(),
            name: name.trim().to_string(),
            version: version.trim().to_string(),
            source: source.trim().to_string(),
            licence: licence.trim().to_string(),
            body: csv.to_string(),
            added_by: actor.to_string(),
            added_at: domain::revision::now_rfc3339(),
        };
        match self.store.add_factor_table(&row).await {
            Ok(()) => Ok(row.id),
            Err(storage::StorageError::AlreadyExists) => {
                Err(ServiceError::Invalid(vec![Problem::new(
                    "version",
                    "duplicate_table",
                    &[],
                )]))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The table `id`, or `NotFound`.
    pub async fn table(&self, id: &str) -> Result<Arc<FactorTable>> {
        self.get(id).await
    }
}

fn not_found(id: &str) -> ServiceError {
    ServiceError::NotFound {
        kind: domain::EntityKind::Category,
        id: format!("factor table {id}"),
    }
}

fn read_row(row: &FactorTableRow) -> Result<FactorTable> {
    parse_factor_table(
        &row.name,
        &row.version,
        &row.source,
        &row.licence,
        &row.body,
    )
    .map_err(|_| ServiceError::Internal(format!("stored factor table {} is unreadable", row.id)))
}

/// Reads a factor table: `product_category_id`, `weight` and `footprint` columns, and
/// optionally the footprint's bounds (`footprint_low`, `footprint_high`) or its
/// reliability as a relative uncertainty (`uncertainty_pct`: 30 means ±30 %), either of
/// which gives figures a low–high range. Problems name the row and column.
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
    let uncertainty_col = column("uncertainty_pct");
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
        let uncertainty = uncertainty_col
            .filter(|c| !record.get(*c).unwrap_or("").is_empty())
            .and_then(|c| number(c, "uncertainty_pct"));
        if uncertainty.is_some_and(|u| u > 100.0) {
            problems.push(Problem::new(
                format!("row {row}.uncertainty_pct"),
                "out_of_range",
                &[("min", "0".into()), ("max", "100".into())],
            ));
            continue;
        }
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
                    // Explicit bounds win over a bound the uncertainty implies.
                    footprint_low_kg: low.or(uncertainty.map(|u| footprint_kg * (1.0 - u / 100.0))),
                    footprint_high_kg: high
                        .or(uncertainty.map(|u| footprint_kg * (1.0 + u / 100.0))),
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
            parse_factor_table("t", "1", "", "", SHIPPED_CSV).unwrap_or_else(|p| panic!("{p:?}"));
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

    #[test]
    fn an_uncertainty_gives_a_range_and_bounds_win() {
        let text = "product_category_id,weight,footprint,uncertainty_pct,footprint_low\n\
                    1,2,100,30,\n2,2,100,30,50\n3,2,100,,\n";
        let t = parse_factor_table("t", "1", "", "", text).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(t.factors[&1].footprint_low_kg, Some(70.0));
        assert_eq!(t.factors[&1].footprint_high_kg, Some(130.0));
        assert_eq!(t.factors[&2].footprint_low_kg, Some(50.0));
        assert_eq!(t.factors[&3].footprint_high_kg, None);
        let bad = "product_category_id,weight,footprint,uncertainty_pct\n1,2,100,300\n";
        let problems = parse_factor_table("t", "1", "", "", bad)
            .err()
            .unwrap_or_default();
        assert_eq!(problems[0].path, "row 2.uncertainty_pct");
    }
}
