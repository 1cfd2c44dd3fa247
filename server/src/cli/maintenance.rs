//! Commands that look after the database, the index and the media: migrate, demo, verify,
//! reindex, media gc.

use super::CliResult;
use crate::config::Settings;

pub async fn migrate(settings: &Settings) -> CliResult {
    crate::open(settings).await?;
    println!("migrations applied to {}", redact(&settings.database_url()));
    Ok(())
}

pub async fn demo(settings: &Settings) -> CliResult {
    let k = crate::open(settings).await?;
    // Demo things are filed under seeded categories, which a first start would make.
    k.seed_taxonomy().await?;
    let r = crate::demo::load(&k).await?;
    println!(
        "demo data: {} created, {} already present",
        r.created, r.existing
    );
    Ok(())
}

pub async fn reindex(settings: &Settings) -> CliResult {
    let documents = crate::reindex(settings).await?;
    println!("search index rebuilt: {documents} entries");
    Ok(())
}

pub async fn verify(settings: &Settings) -> CliResult {
    let k = crate::open(settings).await?;
    let r = k.verify().await?;
    for p in &r.problems {
        println!("{p}");
    }
    println!(
        "verified {} revisions, {} entities and {} audit entries: {} problem(s)",
        r.revisions,
        r.entities,
        r.audit_entries,
        r.problems.len()
    );
    if !r.problems.is_empty() {
        return Err(format!("{} problem(s) found", r.problems.len()).into());
    }
    Ok(())
}

pub async fn media_gc(settings: &Settings, dry_run: bool, grace_hours: Option<u64>) -> CliResult {
    let media = crate::media_service(settings, crate::open_store(settings).await?)?;
    let hours = grace_hours.unwrap_or(settings.limits.media_gc_grace_hours);
    let files = media
        .collect_garbage(std::time::Duration::from_secs(hours * 3600), dry_run)
        .await?;
    let bytes: u64 = files.iter().map(|m| m.stored_bytes()).sum();
    for m in &files {
        println!(
            "{}  {}  {} bytes  uploaded {}",
            m.hash,
            m.mime,
            m.stored_bytes(),
            m.created_at
        );
    }
    let verb = if dry_run { "would remove" } else { "removed" };
    println!(
        "{verb} {} unused file(s), {bytes} bytes (unused for over {hours} h)",
        files.len()
    );
    Ok(())
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}
