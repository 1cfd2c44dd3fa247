//! `thingdata impact import FILE.csv`: an ORDS file into repair records, with a
//! progress bar; a bad file is reported by row and column and nothing is written.

use super::CliResult;
use crate::config::Settings;
use std::path::Path;

pub async fn import(settings: &Settings, file: &Path, author: &str) -> CliResult {
    let text = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let k = crate::open(settings).await?;
    let started = std::time::Instant::now();
    let outcome = k
        .import_ords(&text, author, |done, total| {
            crate::progress_bar(done as u64, total as u64, "rows", started);
        })
        .await?;
    eprintln!();
    match outcome {
        Ok(r) => {
            println!(
                "{} rows: {} imported, {} already here ({:.1} s)",
                r.rows,
                r.imported,
                r.already_present,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                println!(
                    "row {}, column {}: {} ({})",
                    p.row, p.column, p.message, p.code
                );
            }
            Err(format!(
                "{} problem(s) in {}; nothing was imported",
                problems.len(),
                file.display()
            )
            .into())
        }
    }
}
