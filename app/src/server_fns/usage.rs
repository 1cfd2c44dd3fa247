//! Usage on pages: a page the router reached without a new request is counted here (the
//! server counts full page loads), and the admin page reads the counts.

#[cfg(feature = "ssr")]
use super::session;
use domain::usage::UsageReport;
use leptos::prelude::*;

/// Periods the usage page offers, in days.
pub const USAGE_PERIODS: [u32; 3] = [7, 30, 90];

#[server(prefix = "/sfn", endpoint = "view")]
pub async fn note_page_view(path: String) -> Result<(), ServerFnError> {
    if service::usage::is_page(&path) {
        super::backend::app_state()?.usage.page_view(&path);
    }
    Ok(())
}

/// The last `days` days (7, 30 or 90; 30 otherwise); `None` for anyone but an admin.
#[server(prefix = "/sfn", endpoint = "admin_usage")]
pub async fn load_usage(days: Option<u32>) -> Result<Option<UsageReport>, ServerFnError> {
    use super::backend::*;
    if session::authorize(domain::policy::Action::ManageUsers)
        .await?
        .is_err()
    {
        return Ok(None);
    }
    let days = days.filter(|d| USAGE_PERIODS.contains(d)).unwrap_or(30);
    let state = app_state()?;
    Ok(Some(
        state
            .usage
            .report(days, state.knowledge.public_url())
            .await
            .map_err(internal)?,
    ))
}
