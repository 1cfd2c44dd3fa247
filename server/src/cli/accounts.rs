//! Commands for accounts, API tokens and the key that seals the instance's secrets.

use super::{CliResult, UsersCommand};
use crate::config::Settings;

pub async fn users(settings: &Settings, cmd: UsersCommand) -> CliResult {
    let accounts = crate::accounts(settings).await?;
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
    Ok(())
}

pub async fn create_token(settings: &Settings, user: &str, name: &str) -> CliResult {
    let token = crate::accounts(settings)
        .await?
        .create_token(user, name)
        .await
        .map_err(describe)?;
    println!("{token}");
    Ok(())
}

pub async fn rotate_keys(settings: &Settings, new_secret_stdin: bool) -> CliResult {
    let new_secret = if new_secret_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Some(line.trim_end_matches(['\n', '\r']).to_string())
    } else {
        None
    };
    let advice = crate::rotate_secret(settings, new_secret.as_deref()).await?;
    println!("secrets re-encrypted; {advice}");
    Ok(())
}

/// Spells out every validation problem instead of just "invalid".
fn describe(e: service::accounts::AccountError) -> Box<dyn std::error::Error> {
    match e {
        service::accounts::AccountError::Invalid(problems) => problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>()
            .join("; ")
            .into(),
        other => other.into(),
    }
}
