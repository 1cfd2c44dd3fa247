//! Admin pages: users, instance settings, invitations and the audit log.

// The settings form posts one flat field per setting, and its server function takes
// them as arguments (also in the client stub the macro writes).
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::backend;
use domain::instance::InstanceSettings;
use domain::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::session;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserListItem {
    pub username: String,
    pub email: String,
    pub role: String,
    pub disabled: bool,
    pub pending: bool,
    pub created_at: String,
}

/// The admin's name when the visitor may manage the instance; otherwise `None`.
#[cfg(feature = "ssr")]
async fn admin() -> Result<Option<String>, ServerFnError> {
    Ok(session::authorize(domain::policy::Action::ManageUsers)
        .await?
        .ok())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersPage {
    pub users: Vec<UserListItem>,
    /// Admins change roles and approve; moderators only disable and enable.
    pub manage: bool,
}

/// Users for the users page; `None` unless the visitor moderates users.
#[server(prefix = "/sfn", endpoint = "admin_users")]
pub async fn load_users() -> Result<Option<UsersPage>, ServerFnError> {
    use domain::policy::Action;
    if session::authorize(Action::ModerateUsers).await?.is_err() {
        return Ok(None);
    }
    let manage = admin().await?.is_some();
    let state = backend::app_state()?;
    let users = state.accounts.users().await.map_err(backend::internal)?;
    Ok(Some(UsersPage {
        users: users
            .into_iter()
            .map(|u| UserListItem {
                username: u.username,
                email: u.email,
                role: u.role,
                disabled: u.disabled,
                pending: u.pending,
                created_at: u.created_at,
            })
            .collect(),
        manage,
    }))
}

/// Moderators disable an account (it can no longer sign in or use its tokens) or
/// enable it again.
#[server(prefix = "/sfn", endpoint = "moderate_user")]
pub async fn set_user_disabled(
    username: String,
    disabled: Option<String>,
) -> Result<(), ServerFnError> {
    use service::accounts::AccountError;
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ModerateUsers, "/admin/users").await?
    else {
        return Ok(());
    };
    let accounts = backend::app_state()?.accounts;
    match accounts
        .set_disabled(&username, disabled.as_deref() == Some("yes"), &actor)
        .await
    {
        Ok(()) => super::backend::redirect("/admin/users?saved=1"),
        Err(AccountError::NoSuchUser(_)) => super::backend::redirect("/admin/users?error=invalid"),
        Err(e) => return Err(backend::internal(e)),
    }
    Ok(())
}

/// Sets a user's role and whether the account is disabled; approves a waiting sign-up
/// (admins only).
#[server(prefix = "/sfn", endpoint = "admin_user")]
pub async fn update_user(
    username: String,
    role: String,
    disabled: Option<String>,
    approve: Option<String>,
) -> Result<(), ServerFnError> {
    use service::accounts::AccountError;
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ManageUsers, "/admin/users").await?
    else {
        return Ok(());
    };
    let accounts = backend::app_state()?.accounts;
    let disabled = disabled.as_deref() == Some("yes");
    let mut result = accounts.set_role(&username, &role, &actor).await;
    if result.is_ok() {
        result = accounts.set_disabled(&username, disabled, &actor).await;
    }
    if result.is_ok() && approve.as_deref() == Some("yes") {
        result = accounts.approve(&username, &actor).await;
    }
    match result {
        Ok(()) => super::backend::redirect("/admin/users?saved=1"),
        Err(AccountError::Invalid(_)) | Err(AccountError::NoSuchUser(_)) => {
            super::backend::redirect("/admin/users?error=invalid")
        }
        Err(e) => return Err(backend::internal(e)),
    }
    Ok(())
}

/// Creates a single-use invitation code and shows it once on the users page.
#[server(prefix = "/sfn", endpoint = "admin_invite")]
pub async fn create_invite() -> Result<(), ServerFnError> {
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ManageUsers, "/admin/users").await?
    else {
        return Ok(());
    };
    let accounts = backend::app_state()?.accounts;
    let code = accounts
        .create_invite(&actor)
        .await
        .map_err(backend::internal)?;
    super::backend::redirect(&format!("/admin/users?invite={code}"));
    Ok(())
}

/// The settings form: current settings, or a failed attempt with its problems.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub settings: InstanceSettings,
    pub languages_text: String,
    pub problems: Vec<Problem>,
}

#[server(prefix = "/sfn", endpoint = "admin_settings")]
pub async fn load_settings(draft: Option<String>) -> Result<Option<SettingsForm>, ServerFnError> {
    use backend::*;
    if admin().await?.is_none() {
        return Ok(None);
    }
    let state = app_state()?;
    if let Some(form) = kept_draft::<SettingsForm>(&state.knowledge, draft).await? {
        return Ok(Some(form));
    }
    let settings = state.instance.get();
    Ok(Some(SettingsForm {
        languages_text: settings.languages.join(", "),
        settings,
        problems: Vec::new(),
    }))
}

#[server(prefix = "/sfn", endpoint = "admin_settings_save")]
pub async fn save_settings(
    name: String,
    description: Option<String>,
    contact: Option<String>,
    licence: Option<String>,
    languages: String,
    registration: String,
    private: Option<String>,
    allow_private_peers: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::instance::SettingsError;
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ManageUsers, "/admin/settings").await?
    else {
        return Ok(());
    };
    let state = app_state()?;
    // A form from before these fields existed leaves them as they are.
    let current = state.instance.get();
    let settings = InstanceSettings {
        name,
        description: description.unwrap_or_default(),
        contact: contact.map_or(current.contact, |c| c.trim().to_string()),
        licence: licence.unwrap_or(current.licence),
        languages: InstanceSettings::parse_languages(&languages),
        registration,
        private: private.as_deref() == Some("yes"),
        allow_private_peers: allow_private_peers.as_deref() == Some("yes"),
    };
    let ip = session::client_ip().await;
    match state.instance.save(settings.clone(), &actor, &ip).await {
        Ok(()) => super::backend::redirect("/admin/settings?saved=1"),
        Err(SettingsError::Invalid(problems)) => {
            let form = SettingsForm {
                settings,
                languages_text: languages,
                problems,
            };
            let token = store_draft(&state.knowledge, &form).await?;
            super::backend::redirect(&format!("/admin/settings?draft={token}"));
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub skip: i64,
    pub limit: i64,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

/// The audit log, newest first, filtered by action, actor and target.
#[server(prefix = "/sfn", endpoint = "admin_audit")]
pub async fn load_audit(
    action: Option<String>,
    actor: Option<String>,
    target: Option<String>,
    skip: Option<i64>,
) -> Result<Option<AuditPage>, ServerFnError> {
    if admin().await?.is_none() {
        return Ok(None);
    }
    let k = backend::knowledge()?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let filter = service::audit::AuditFilter {
        action: clean(action),
        actor: clean(actor),
        target: clean(target),
    };
    let skip = skip.unwrap_or(0).max(0);
    let (rows, total) = k
        .audit()
        .entries(&filter, skip, AUDIT_PAGE_SIZE)
        .await
        .map_err(backend::internal)?;
    Ok(Some(AuditPage {
        entries: rows
            .into_iter()
            .map(|a| AuditEntry {
                seq: a.seq,
                at: a.at,
                actor: a.actor,
                action: a.action,
                target: a.target,
                detail: a.detail,
                ip: a.ip,
            })
            .collect(),
        total,
        skip,
        limit: AUDIT_PAGE_SIZE,
    }))
}
