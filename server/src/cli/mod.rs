//! The command line: what `thingdata` accepts, and one function per command.

mod accounts;
mod impact;
mod maintenance;
mod serve;

use crate::config::Settings;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub type CliResult = Result<(), Box<dyn std::error::Error>>;

/// ThingData: a federated, multilingual knowledge base of how to keep things working.
#[derive(Parser)]
#[command(name = "thingdata", version)]
pub struct Cli {
    /// TOML configuration file; environment variables override it.
    #[arg(long, global = true, env = "THINGDATA_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Look after stored media files.
    #[command(subcommand)]
    Media(MediaCommand),
    /// Repair records and their impact.
    #[command(subcommand)]
    Impact(ImpactCommand),
}

#[derive(Subcommand)]
pub enum ImpactCommand {
    /// Import an Open Repair Data Standard v0.3 CSV as repair records. Every row is
    /// checked first and nothing is written if any is bad; records already here are
    /// skipped, so an interrupted import is resumed by running it again.
    Import {
        file: PathBuf,
        /// The name the records' revisions give as their author.
        #[arg(long, default_value = "ords-import")]
        author: String,
    },
}

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Remove media files no revision names, uploaded longer ago than the grace period
    /// (the server also does this every hour).
    Gc {
        /// Only list what would be removed.
        #[arg(long)]
        dry_run: bool,
        /// Hours an unused upload is kept [default: limits.media_gc_grace_hours].
        #[arg(long)]
        grace_hours: Option<u64>,
    },
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Re-encrypt the instance's secrets under a new key: a new secret.key file, or the
    /// secret read from standard input (then set THINGDATA_SECRET_KEY to it).
    Rotate {
        /// Read the new secret (at least 32 characters) from standard input.
        #[arg(long)]
        new_secret_stdin: bool,
    },
}

#[derive(Subcommand)]
pub enum UsersCommand {
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
pub enum TokensCommand {
    /// Create a personal API token for a user and print it once (only its hash is stored).
    Create {
        /// The user the token acts as.
        user: String,
        /// A label to recognise the token by.
        #[arg(long, default_value = "api")]
        name: String,
    },
}

/// Runs one command with the settings from the configuration file and the environment.
pub async fn run(cli: Cli) -> CliResult {
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
            serve::serve(&settings).await
        }
        Command::Migrate => maintenance::migrate(&settings).await,
        Command::Demo => maintenance::demo(&settings).await,
        Command::Verify => maintenance::verify(&settings).await,
        Command::Reindex => maintenance::reindex(&settings).await,
        Command::Users(cmd) => accounts::users(&settings, cmd).await,
        Command::Tokens(TokensCommand::Create { user, name }) => {
            accounts::create_token(&settings, &user, &name).await
        }
        Command::Keys(KeysCommand::Rotate { new_secret_stdin }) => {
            accounts::rotate_keys(&settings, new_secret_stdin).await
        }
        Command::Impact(ImpactCommand::Import { file, author }) => {
            impact::import(&settings, &file, &author).await
        }
        Command::Media(MediaCommand::Gc {
            dry_run,
            grace_hours,
        }) => maintenance::media_gc(&settings, dry_run, grace_hours).await,
    }
}
