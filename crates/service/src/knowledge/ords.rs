//! Open Repair Data Standard files: reading an ORDS v0.3 CSV into repair records (every
//! bad cell reported by row and column, nothing written until all are good), writing
//! records back out, and importing a file in resumable batches.

use super::{Knowledge, Result, ServiceError};
use domain::repair::Repair;
use domain::revision::{Op, Revision};
use domain::validate::{is_entity_id, validate};
use domain::vocab::Vocabularies;
use domain::{Body, EntityKind, Problem};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use storage::StorageError;

/// ORDS v0.3's columns, in the standard's order.
pub const ORDS_COLUMNS: [&str; 14] = [
    "id",
    "data_provider",
    "country",
    "partner_product_category",
    "product_category",
    "product_category_id",
    "brand",
    "year_of_manufacture",
    "product_age",
    "repair_status",
    "repair_barrier_if_end_of_life",
    "group_identifier",
    "event_date",
    "problem",
];

/// ThingData's extension columns, after ORDS' own.
pub const X_COLUMNS: [&str; 8] = [
    "x_thing_id",
    "x_story_id",
    "x_guide_id",
    "x_event_id",
    "x_fault_type",
    "x_part_replaced",
    "x_weight_kg",
    "x_powered",
];

/// Records per transaction when importing: a failure loses at most one batch, and
/// importing the file again skips what is already in.
pub const IMPORT_BATCH: usize = 10_000;

/// Fixed namespace for the ids of imported records: the same ORDS id gives the same
/// entry on every instance, so a file imported twice, or on two instances that then
/// federate, is one set of records.
const ID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f72_6473_2d72_6563_6f72_6473_0000_0001);

/// One bad cell (or a bad header: row 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellProblem {
    pub row: usize,
    pub column: String,
    pub code: String,
    pub message: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub imported: usize,
    /// Rows whose record is already here (an earlier import, or a peer's).
    pub already_present: usize,
    pub batches: usize,
}

/// The entry id of a record with ORDS id `record_id`.
pub fn entry_id(record_id: &str) -> String {
    if is_entity_id(record_id) {
        return record_id.to_string();
    }
    uuid::Uuid::new_v5(&ID_NAMESPACE, record_id.as_bytes())
        .hyphenated()
        .to_string()
}

fn problem(row: usize, column: &str, code: &str, message: String) -> CellProblem {
    CellProblem {
        row,
        column: column.to_string(),
        code: code.to_string(),
        message,
    }
}

/// The record a row describes, as entry input: empty cells are left out, numbers and
/// yes/no become JSON ones (a cell that is neither stays text, for validation to name).
fn row_input(headers: &[String], record: &csv::StringRecord) -> (Option<String>, Value) {
    let mut m = Map::new();
    let mut record_id = None;
    for (column, cell) in headers.iter().zip(record.iter()) {
        if cell.is_empty() {
            continue;
        }
        let value = match column.as_str() {
            "id" => {
                record_id = Some(cell.to_string());
                if is_entity_id(cell) {
                    continue;
                }
                m.insert("record_id".into(), Value::String(cell.into()));
                continue;
            }
            "product_category_id" | "product_age" | "x_weight_kg" => cell
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(cell.into())),
            "x_powered" => match cell.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Value::Bool(true),
                "false" | "no" | "0" => Value::Bool(false),
                _ => Value::String(cell.into()),
            },
            _ => Value::String(cell.into()),
        };
        m.insert(column.clone(), value);
    }
    (record_id, Value::Object(m))
}

/// Reads an ORDS CSV: (row, entry id, validated body) per row, in file order; or every
/// problem found, each with its row (the header is row 1) and column.
pub fn read(
    text: &[u8],
    vocab: &Vocabularies,
) -> std::result::Result<Vec<(usize, String, Value)>, Vec<CellProblem>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => return Err(vec![problem(1, "", "not_csv", e.to_string())]),
    };
    let mut problems = Vec::new();
    for column in &headers {
        if !ORDS_COLUMNS.contains(&column.as_str()) && !X_COLUMNS.contains(&column.as_str()) {
            problems.push(problem(
                1,
                column,
                "unknown_column",
                format!(
                    "{column:?} is neither an ORDS v0.3 column nor one of ThingData's x_ columns"
                ),
            ));
        }
    }
    for needed in [
        "id",
        "data_provider",
        "product_category_id",
        "repair_status",
        "event_date",
    ] {
        if !headers.iter().any(|h| h == needed) {
            problems.push(problem(
                1,
                needed,
                "missing_column",
                format!("the file has no {needed} column"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(row, "", "not_csv", e.to_string()));
                continue;
            }
        };
        let (record_id, input) = row_input(&headers, &record);
        let Some(record_id) = record_id else {
            problems.push(problem(
                row,
                "id",
                "required",
                "every record needs an id".into(),
            ));
            continue;
        };
        let id = entry_id(&record_id);
        if !seen.insert(id.clone()) {
            problems.push(problem(
                row,
                "id",
                "duplicate_id",
                format!("{record_id} appears twice in the file"),
            ));
            continue;
        }
        inputs.push((row, id, input));
    }
    // Rows are checked on every core: for a large file this is most of the wait
    // before the first record is written.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = inputs.len().div_ceil(threads).max(1);
    let checked: Vec<Vec<Checked>> = std::thread::scope(|scope| {
        let workers: Vec<_> = inputs
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().map(|r| check(r, vocab)).collect()))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut rows = Vec::with_capacity(inputs.len());
    for (row, id, result) in checked.into_iter().flatten() {
        match result {
            Ok(body) => rows.push((row, id, body)),
            Err(found) => problems.extend(found),
        }
    }
    problems.sort_by_key(|p| p.row);
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// A row of a file after checking: its body, or what is wrong with its cells.
type Checked = (usize, String, std::result::Result<Value, Vec<CellProblem>>);

fn check((row, id, input): &(usize, String, Value), vocab: &Vocabularies) -> Checked {
    let result = validate(EntityKind::Repair, input, vocab)
        .map(|body| body.to_value())
        .map_err(|found| {
            found
                .into_iter()
                .map(|p: Problem| {
                    let column = match p.path.split('.').next().unwrap_or_default() {
                        "record_id" => "id".to_string(),
                        other => other.to_string(),
                    };
                    problem(*row, &column, &p.code, p.message)
                })
                .collect()
        });
    (*row, id.clone(), result)
}

/// A number as ORDS files write it: `11`, `2.5`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The cells of one record, in the order of [`ORDS_COLUMNS`] then [`X_COLUMNS`].
pub fn cells(id: &str, r: &Repair) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        r.record_id.clone().unwrap_or_else(|| id.to_string()),
        r.data_provider.clone(),
        text(&r.country),
        text(&r.partner_product_category),
        r.product_category.clone(),
        r.product_category_id.to_string(),
        text(&r.brand),
        text(&r.year_of_manufacture),
        r.product_age.map(number).unwrap_or_default(),
        r.repair_status.clone(),
        text(&r.repair_barrier_if_end_of_life),
        text(&r.group_identifier),
        r.event_date.clone(),
        text(&r.problem),
        text(&r.x_thing_id),
        text(&r.x_story_id),
        text(&r.x_guide_id),
        text(&r.x_event_id),
        text(&r.x_fault_type),
        text(&r.x_part_replaced),
        r.x_weight_kg.map(number).unwrap_or_default(),
        r.x_powered.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

/// The header line and the rows of records as ORDS CSV (empty cells written `""`, as
/// the Open Repair Alliance's files write them).
pub fn write<'a>(records: impl IntoIterator<Item = (&'a str, &'a Repair)>) -> Vec<u8> {
    let mut out = Vec::new();
    let header: Vec<&str> = ORDS_COLUMNS
        .iter()
        .chain(X_COLUMNS.iter())
        .copied()
        .collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.push(b'\n');
    for (id, r) in records {
        let line: Vec<String> = cells(id, r).iter().map(|c| quoted(c)).collect();
        out.extend_from_slice(line.join(",").as_bytes());
        out.push(b'\n');
    }
    out
}

/// RFC 4180 quoting where needed; an empty cell as `""`.
fn quoted(cell: &str) -> String {
    if cell.is_empty() {
        return "\"\"".into();
    }
    if cell.contains([',', '"', '\n', '\r']) {
        return format!("\"{}\"", cell.replace('"', "\"\""));
    }
    cell.to_string()
}

/// A batch of an import, signed and ready to write.
struct Signed {
    /// Rows of the file it covers, including those already here.
    rows: usize,
    records: Vec<(Revision, Repair)>,
}

/// What signing an import's records needs, apart from the service, so that it can run
/// on a thread of its own.
struct Signer {
    key: domain::revision::InstanceKey,
    public_url: String,
    author: String,
}

impl Signer {
    fn sign(&self, batch: Vec<(String, Value)>) -> Vec<(Revision, Repair)> {
        batch
            .into_iter()
            .filter_map(|(id, body)| {
                let repair = Repair::deserialize(&body).ok()?;
                let uri = format!("{}/{}/{}", self.public_url, EntityKind::Repair.plural(), id);
                let rev = super::signed_revision(
                    (&self.key, &self.public_url),
                    (&uri, EntityKind::Repair, &id),
                    Vec::new(),
                    body,
                    &self.author,
                    Op::Create,
                );
                Some((rev, repair))
            })
            .collect()
    }
}

impl Knowledge {
    /// Imports an ORDS CSV by `author`: every row is checked first and nothing is
    /// written if any is bad; then the records not already here are written in batches
    /// of [`IMPORT_BATCH`], one transaction each. `progress` hears (rows done, rows).
    pub async fn import_ords(
        &self,
        text: &[u8],
        author: &str,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<std::result::Result<ImportReport, Vec<CellProblem>>> {
        let vocab = self.vocabularies().await?;
        let rows = match read(text, &vocab) {
            Ok(rows) => rows,
            Err(problems) => return Ok(Err(problems)),
        };
        let problems = self.missing_references(&rows).await?;
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let mut report = ImportReport {
            rows: rows.len(),
            ..ImportReport::default()
        };
        let total = rows.len();
        let mut done = 0;
        let mut writer = self.store.bulk_writer().await?;
        let mut rows = rows.into_iter().map(|(_, id, body)| (id, body)).peekable();
        // Each batch is signed on another thread while the one before it is written.
        let mut signed: Option<Signed> = None;
        while rows.peek().is_some() || signed.is_some() {
            let next = match rows.peek() {
                Some(_) => {
                    let batch: Vec<(String, Value)> = rows.by_ref().take(IMPORT_BATCH).collect();
                    let rows = batch.len();
                    let fresh = self.not_here(batch).await?;
                    let signer = self.signer(author);
                    Some((
                        rows,
                        tokio::task::spawn_blocking(move || signer.sign(fresh)),
                    ))
                }
                None => None,
            };
            if let Some(batch) = signed.take() {
                report.imported += self.write_batch(&mut writer, &batch, author).await?;
                report.batches += 1;
                done += batch.rows;
                report.already_present = done - report.imported;
                progress(done, total);
            }
            if let Some((rows, signing)) = next {
                let records = signing
                    .await
                    .map_err(|e| ServiceError::Internal(format!("signing a batch: {e}")))?;
                signed = Some(Signed { rows, records });
            }
        }
        Ok(Ok(report))
    }

    /// The records of a batch that are not here yet (an earlier import, or a peer's).
    async fn not_here(&self, mut batch: Vec<(String, Value)>) -> Result<Vec<(String, Value)>> {
        let ids: Vec<String> = batch.iter().map(|(id, _)| id.clone()).collect();
        let present: HashSet<String> = self
            .store
            .get_many(EntityKind::Repair, &ids)
            .await?
            .into_iter()
            .map(|e| e.meta.id)
            .collect();
        batch.retain(|(id, _)| !present.contains(id));
        // In id order, each statement's rows fall in one narrow range of every index
        // keyed by the id, so SQLite's statement journal copies a few pages per
        // statement rather than one per row.
        batch.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(batch)
    }

    fn signer(&self, author: &str) -> Signer {
        Signer {
            key: domain::revision::InstanceKey::from_seed(&self.key.seed()),
            public_url: self.public_url.clone(),
            author: author.to_string(),
        }
    }

    /// Writes a signed batch; returns how many records it wrote.
    async fn write_batch(
        &self,
        writer: &mut storage::BulkWriter,
        batch: &Signed,
        author: &str,
    ) -> Result<usize> {
        match writer.write_new_repairs(&batch.records).await {
            Ok(written) => return Ok(written),
            Err(StorageError::AlreadyExists) => {}
            Err(e) => return Err(e.into()),
        }
        // A record arrived from a peer while the batch was signed: look again.
        for _ in 0..3 {
            let bodies: Vec<(String, Value)> = batch
                .records
                .iter()
                .map(|(rev, _)| (rev.entity_id.clone(), rev.body.clone()))
                .collect();
            let fresh = self.not_here(bodies).await?;
            match writer
                .write_new_repairs(&self.signer(author).sign(fresh))
                .await
            {
                Ok(written) => return Ok(written),
                Err(StorageError::AlreadyExists) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(0)
    }

    /// The rows whose model, story or guide names no entry of that kind, each by row and
    /// column; looked up together rather than row by row.
    async fn missing_references(
        &self,
        rows: &[(usize, String, Value)],
    ) -> Result<Vec<CellProblem>> {
        let mut problems = Vec::new();
        for (column, kind) in [
            ("x_thing_id", EntityKind::Thing),
            ("x_story_id", EntityKind::Story),
            ("x_guide_id", EntityKind::Guide),
            ("x_event_id", EntityKind::Event),
        ] {
            let named: Vec<String> = rows
                .iter()
                .filter_map(|(_, _, body)| body.get(column).and_then(Value::as_str))
                .map(String::from)
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            if named.is_empty() {
                continue;
            }
            let found: HashMap<String, Option<Body>> = self
                .store
                .get_many(kind, &named)
                .await?
                .into_iter()
                .map(|e| (e.meta.id, domain::parse_body(kind, &e.body)))
                .collect();
            for (row, _, body) in rows {
                let Some(id) = body.get(column).and_then(Value::as_str) else {
                    continue;
                };
                let Some(named) = found.get(id) else {
                    problems.push(problem(
                        *row,
                        column,
                        "not_found",
                        format!("no {kind} with id {id}"),
                    ));
                    continue;
                };
                // As on the form and the API: the record names its event's group and day.
                if let (Some(Body::Event(e)), Ok(r)) =
                    (named, serde_json::from_value::<Repair>(body.clone()))
                {
                    if let Some(p) = super::checks::event_mismatch(&r, e) {
                        problems.push(problem(*row, column, &p.code, p.message));
                    }
                }
            }
        }
        problems.sort_by_key(|p| p.row);
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_ords_id_is_the_same_entry_everywhere() {
        assert_eq!(entry_id("rctoronto_6912"), entry_id("rctoronto_6912"));
        assert_ne!(entry_id("rctoronto_6912"), entry_id("rctoronto_6911"));
        let own = "0193a000-0000-7000-8000-000000000001";
        assert_eq!(entry_id(own), own);
    }

    #[test]
    fn bad_cells_are_named_by_row_and_column() {
        let text = "id,data_provider,product_category_id,repair_status,event_date,colour\n";
        let problems = read(text.as_bytes(), &Vocabularies::default())
            .err()
            .unwrap_or_default();
        assert_eq!(problems[0].column, "colour");
        let text = "id,data_provider,product_category_id,repair_status,event_date\n\
                    a_1,X,14,Fixed,2025-01-01\n\
                    a_2,X,fourteen,Mended,2025-02-30\n\
                    a_1,X,14,Fixed,2025-01-01\n";
        let problems = read(text.as_bytes(), &Vocabularies::default())
            .err()
            .unwrap_or_default();
        let cells: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert!(cells.contains(&(3, "product_category_id")), "{problems:?}");
        assert!(cells.contains(&(3, "repair_status")), "{problems:?}");
        assert!(cells.contains(&(3, "event_date")), "{problems:?}");
        assert!(cells.contains(&(4, "id")), "{problems:?}");
    }
}
