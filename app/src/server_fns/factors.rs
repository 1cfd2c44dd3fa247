//! The factor tables admin page: the tables, which one is in use, adding one and
//! choosing another, and the history of changes with the figures each replaced.

#[cfg(feature = "ssr")]
use super::backend;
#[cfg(feature = "ssr")]
use super::session;
use domain::impact::{FactorChange, FactorTableInfo};
use domain::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the add form held when it failed, kept so nothing typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorDraft {
    pub name: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    pub csv: String,
    pub problems: Vec<Problem>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorsPage {
    pub tables: Vec<FactorTableInfo>,
    pub history: Vec<FactorChange>,
    pub draft: FactorDraft,
}

/// `None` for anyone but an admin.
#[server(prefix = "/sfn", endpoint = "admin_factors")]
pub async fn load_factors(draft: Option<String>) -> Result<Option<FactorsPage>, ServerFnError> {
    use backend::*;
    if session::authorize(domain::policy::Action::ManageUsers)
        .await?
        .is_err()
    {
        return Ok(None);
    }
    let state = app_state()?;
    Ok(Some(FactorsPage {
        tables: state.impact.tables().list().await.map_err(internal)?,
        history: state.impact.factor_history().await.map_err(internal)?,
        draft: kept_draft(&state.knowledge, draft)
            .await?
            .unwrap_or_default(),
    }))
}

#[server(prefix = "/sfn", endpoint = "admin_factors_add")]
pub async fn add_factor_table(
    name: String,
    version: String,
    source: String,
    licence: Option<String>,
    csv: String,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    const BACK: &str = "/admin/impact";
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ManageUsers, BACK).await?
    else {
        return Ok(());
    };
    let state = app_state()?;
    let ip = session::client_ip().await;
    let licence = licence.unwrap_or_default();
    let fields = [
        name.as_str(),
        version.as_str(),
        source.as_str(),
        licence.as_str(),
    ];
    match state
        .impact
        .add_factor_table(fields, &csv, &actor, &ip)
        .await
    {
        Ok(_) => redirect(&format!("{BACK}?added=1")),
        Err(ServiceError::Invalid(problems)) => {
            let draft = FactorDraft {
                name,
                version,
                source,
                licence,
                csv,
                problems,
            };
            let token = store_draft(&state.knowledge, &draft).await?;
            redirect(&format!("{BACK}?draft={token}#add-table"));
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "admin_factors_use")]
pub async fn use_factor_table(id: String) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    const BACK: &str = "/admin/impact";
    let Some(actor) =
        session::author_or_redirect(domain::policy::Action::ManageUsers, BACK).await?
    else {
        return Ok(());
    };
    let state = app_state()?;
    let ip = session::client_ip().await;
    match state.impact.use_factor_table(&id, &actor, &ip).await {
        Ok(()) => redirect(&format!("{BACK}?used=1")),
        Err(ServiceError::NotFound { .. }) => redirect(&format!("{BACK}?error=unknown")),
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
