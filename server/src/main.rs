use app::state::AppState;
use clap::{Parser, Subcommand};
use server::config::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

/// ThingData: a federated, multilingual knowledge base of how to keep things working.
#[derive(Parser)]
#[command(name = "thingdata", version)]
struct Cli {
    /// TOML configuration file; environment variables override it.
    #[arg(long, global = true, env = "THINGDATA_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the API (runs migrations first).
    Serve {
        /// Address to listen on [env: THINGDATA_BIND, default 127.0.0.1:3000].
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the multilingual demo data set (idempotent).
    Demo,
    /// Check the whole revision log and every entity against it; exits 1 on any problem.
    Verify,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thingdata: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let mut settings = Settings::load(cli.config.as_deref(), |k| std::env::var(k).ok())?;
    match cli.command {
        Command::Serve { bind } => {
            if let Some(b) = bind {
                settings.bind = b;
            }
            let knowledge = server::open(&settings).await?;
            let state = AppState {
                knowledge,
                leptos_options: server::router::leptos_options(&settings.site_root),
                started: std::time::Instant::now(),
            };
            let listener = tokio::net::TcpListener::bind(&settings.bind).await?;
            tracing::info!(
                "ThingData listening on http://{} (public URL {})",
                listener.local_addr()?,
                settings.public_url()
            );
            axum::serve(listener, server::router::build(state))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
        Command::Migrate => {
            server::open(&settings).await?;
            println!("migrations applied to {}", redact(&settings.database_url()));
        }
        Command::Demo => {
            let k = server::open(&settings).await?;
            let r = server::demo::load(&k).await?;
            println!(
                "demo data: {} created, {} already present",
                r.created, r.existing
            );
        }
        Command::Verify => {
            let k = server::open(&settings).await?;
            let r = k.verify().await?;
            for p in &r.problems {
                println!("{p}");
            }
            println!(
                "verified {} revisions and {} entities: {} problem(s)",
                r.revisions,
                r.entities,
                r.problems.len()
            );
            if !r.problems.is_empty() {
                return Err(format!("{} problem(s) found", r.problems.len()).into());
            }
        }
    }
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
