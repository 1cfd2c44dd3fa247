//! Repair records on pages: what the fast entry form starts with, and where saving
//! one and starting the next leads.

#[cfg(feature = "ssr")]
pub(super) use backend_repairs::*;

#[cfg(feature = "ssr")]
mod backend_repairs {
    use super::super::backend::app_state;
    use super::super::FormPage;
    use domain::EntityKind;
    use leptos::prelude::ServerFnError;
    use service::knowledge::{Knowledge, StoredEntity};
    use std::collections::BTreeMap;

    /// The event's details a next record keeps from the one before.
    const KEPT: [&str; 4] = ["group_identifier", "event_date", "data_provider", "country"];

    /// A new record starts on today's date with this instance as its data provider,
    /// unless the link that opened the form (the record before) says otherwise.
    pub async fn repair_prefill(
        k: &Knowledge,
        page: &mut FormPage,
        prefill: &BTreeMap<String, String>,
    ) -> Result<(), ServerFnError> {
        for key in KEPT {
            if let Some(v) = prefill.get(key).filter(|v| !v.trim().is_empty()) {
                page.fields.insert(key.to_string(), v.clone());
            }
        }
        if !page.fields.contains_key("event_date") {
            let today = domain::revision::now_rfc3339();
            page.fields
                .insert("event_date".into(), today.chars().take(10).collect());
        }
        if !page.fields.contains_key("data_provider") {
            page.fields
                .insert("data_provider".into(), app_state()?.instance.name());
        }
        if let Some(id) = prefill.get("recorded") {
            if let Ok(saved) = k.get(EntityKind::Repair, id).await {
                let label = domain::parse_body(EntityKind::Repair, &saved.body)
                    .map(|b| b.label("en"))
                    .unwrap_or_else(|| id.clone());
                page.recorded = Some((id.clone(), label));
            }
        }
        Ok(())
    }

    /// The form for the next item, keeping the saved record's event details.
    pub fn next_repair_url(saved: &StoredEntity) -> String {
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        for key in KEPT {
            if let Some(v) = saved.body.get(key).and_then(|v| v.as_str()) {
                url.append_pair(key, v);
            }
        }
        url.append_pair("recorded", &saved.meta.id);
        format!("/repairs/new?{}", url.finish())
    }
}
