//! Repair records on pages: what the fast entry form starts with, where saving one and
//! starting the next leads, and the impact page's figures.

use domain::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    const KEPT: [&str; 5] = [
        "group_identifier",
        "event_date",
        "data_provider",
        "country",
        "x_event_id",
    ];

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

/// The filters of an impact page, as its address gives them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactParams {
    pub group: Option<String>,
    pub category: Option<String>,
    pub country: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `instance`: only records made here.
    pub scope: Option<String>,
    /// Records of this model, or that followed this story or guide.
    pub thing: Option<String>,
    pub story: Option<String>,
    pub guide: Option<String>,
    /// Records made at this recorded event.
    pub event: Option<String>,
}

impl ImpactParams {
    /// The filters as a query string (without `?`), for links to the page's CSV files
    /// and widget.
    pub fn query(&self) -> String {
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("group", &self.group),
            ("category", &self.category),
            ("country", &self.country),
            ("from", &self.from),
            ("to", &self.to),
            ("scope", &self.scope),
            ("thing", &self.thing),
            ("story", &self.story),
            ("guide", &self.guide),
            ("event", &self.event),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                url.append_pair(k, v);
            }
        }
        url.finish()
    }
}

/// What an impact page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactPage {
    pub dashboard: domain::impact::Dashboard,
    /// The ORDS categories' names in the page's language.
    pub category_names: BTreeMap<u32, String>,
    /// Filter values the page could not use, each at its parameter.
    pub problems: Vec<Problem>,
    /// Where the embed code points.
    pub public_url: String,
}

/// Impact figures and charts' data for the filters.
#[server(prefix = "/sfn", endpoint = "impact")]
pub async fn load_impact(params: ImpactParams, lang: String) -> Result<ImpactPage, ServerFnError> {
    use super::backend::*;
    use service::knowledge::ServiceError;
    let state = app_state()?;
    let k = state.knowledge.clone();
    let mut page = ImpactPage {
        category_names: k.ords_category_names(&lang).await.map_err(internal)?,
        public_url: k.public_url().to_string(),
        ..ImpactPage::default()
    };
    let query = service::impact::ImpactQuery {
        group: params.group,
        category: params.category,
        country: params.country,
        from: params.from,
        to: params.to,
        this_instance: params.scope.as_deref() == Some("instance"),
        thing: params.thing,
        story: params.story,
        guide: params.guide,
        event: params.event,
    };
    match state.impact.dashboard(&k, &query).await {
        Ok(d) => page.dashboard = (*d).clone(),
        Err(ServiceError::Invalid(problems)) => page.problems = problems,
        Err(ServiceError::NotFound { .. }) => {
            page.problems = vec![Problem::new("category", "not_found", &[])]
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(page)
}
