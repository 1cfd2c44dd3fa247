use axum::serve::Listener;
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
        /// Serve HTTPS with this PEM certificate chain [env: THINGDATA_TLS_CERT].
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's PEM private key [env: THINGDATA_TLS_KEY].
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the multilingual demo data set (idempotent).
    Demo,
    /// Check the whole revision log and every entity against it; exits 1 on any problem.
    Verify,
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Manage user accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Manage the key that encrypts the instance's secrets at rest.
    #[command(subcommand)]
    Keys(KeysCommand),
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Re-encrypt the instance's secrets under a new key: a new secret.key file, or the
    /// secret read from standard input (then set THINGDATA_SECRET_KEY to it).
    Rotate {
        /// Read the new secret (at least 32 characters) from standard input.
        #[arg(long)]
        new_secret_stdin: bool,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Create a user; the password is read from standard input.
    Create {
        name: String,
        /// member, expert, moderator or admin.
        #[arg(long, default_value = "member")]
        role: String,
        #[arg(long)]
        email: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List users with their roles.
    List,
    /// Change a user's role.
    SetRole { name: String, role: String },
    /// Disable a user: they can no longer sign in or use their tokens.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
}

#[derive(Subcommand)]
enum TokensCommand {
    /// Create a personal API token for a user and print it once (only its hash is stored).
    Create {
        /// The user the token acts as.
        user: String,
        /// A label to recognise the token by.
        #[arg(long, default_value = "api")]
        name: String,
    },
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
        Command::Serve {
            bind,
            tls_cert,
            tls_key,
        } => {
            if let Some(b) = bind {
                settings.bind = b;
            }
            if let Some(pair) = Settings::tls_pair(tls_cert, tls_key)? {
                settings.tls = Some(pair);
            }
            let state = server::app_state(&settings).await?;
            server::spawn_background(&state);
            let search = state.search.clone();
            let worker = state.federation_worker.clone();
            let app = server::router::build(state)
                .into_make_service_with_connect_info::<server::guard::PeerAddr>();
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            match &settings.tls {
                Some((cert, key)) => {
                    let listener = server::tls::bind(&settings.bind, cert, key).await?;
                    tracing::info!(
                        "ThingData listening on https://{} (public URL {})",
                        listener.local_addr()?,
                        settings.public_url()
                    );
                    axum::serve(listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await?;
                }
                None => {
                    let listener = tokio::net::TcpListener::bind(&settings.bind).await?;
                    tracing::info!(
                        "ThingData listening on http://{} (public URL {})",
                        listener.local_addr()?,
                        settings.public_url()
                    );
                    axum::serve(listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await?;
                }
            }
            worker.shutdown().await;
            search.shutdown().await;
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
        Command::Users(cmd) => {
            let accounts = server::accounts(&settings).await?;
            match cmd {
                UsersCommand::Create {
                    name, role, email, ..
                } => {
                    let mut password = String::new();
                    std::io::stdin().read_line(&mut password)?;
                    let password = password.trim_end_matches(['\n', '\r']);
                    let email = email.unwrap_or_else(|| format!("{name}@localhost.invalid"));
                    let u = accounts
                        .create_user(&name, &email, password, &role)
                        .await
                        .map_err(describe)?;
                    println!("created {} ({})", u.username, u.role);
                }
                UsersCommand::List => {
                    for u in accounts.users().await? {
                        let state = if u.disabled { "disabled" } else { "active" };
                        println!("{}\t{}\t{}\t{}", u.username, u.role, state, u.email);
                    }
                }
                UsersCommand::SetRole { name, role } => {
                    accounts
                        .set_role(&name, &role, "cli")
                        .await
                        .map_err(describe)?;
                    println!("{name} is now {role}");
                }
                UsersCommand::Disable { name } => {
                    accounts
                        .set_disabled(&name, true, "cli")
                        .await
                        .map_err(describe)?;
                    println!("{name} is disabled");
                }
                UsersCommand::Enable { name } => {
                    accounts
                        .set_disabled(&name, false, "cli")
                        .await
                        .map_err(describe)?;
                    println!("{name} is enabled");
                }
            }
        }
        Command::Tokens(TokensCommand::Create { user, name }) => {
            let token = server::accounts(&settings)
                .await?
                .create_token(&user, &name)
                .await
                .map_err(describe)?;
            println!("{token}");
        }
        Command::Keys(KeysCommand::Rotate { new_secret_stdin }) => {
            let new_secret = if new_secret_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                Some(line.trim_end_matches(['\n', '\r']).to_string())
            } else {
                None
            };
            let advice = server::rotate_secret(&settings, new_secret.as_deref()).await?;
            println!("secrets re-encrypted; {advice}");
        }
        Command::Reindex => {
            let documents = server::reindex(&settings).await?;
            println!("search index rebuilt: {documents} entries");
        }
        Command::Verify => {
            let k = server::open(&settings).await?;
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
        }
    }
    Ok(())
}

/// Spells out every validation problem instead of just "invalid".
fn describe(e: app::accounts::AccountError) -> Box<dyn std::error::Error> {
    match e {
        app::accounts::AccountError::Invalid(problems) => problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>()
            .join("; ")
            .into(),
        other => other.into(),
    }
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
