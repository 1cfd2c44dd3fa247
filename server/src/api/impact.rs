//! `/api/v1/impact`: waste and CO2e prevented, items by status and who contributed;
//! `/api/v1/impact/success-rates`: fixed of n with a 95 % interval per value.

use super::ApiError;
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::impact::RateBy;
use serde_json::{json, Value};
use service::impact::ImpactQuery;
use service::ServiceError;

/// The filter parameters both operations take.
pub const FILTERS: [&str; 10] = [
    "group", "category", "country", "from", "to", "thing", "story", "guide", "event", "scope",
];
const MAX_PARAM: usize = 200;

/// Reads the filters, and `by` when `with_by`; anything else is a 400.
pub fn parse(
    query: Option<String>,
    with_by: bool,
) -> Result<(ImpactQuery, Option<String>), ApiError> {
    let mut q = ImpactQuery::default();
    let mut by = None;
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if v.chars().count() > MAX_PARAM {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("{k} is at most {MAX_PARAM} characters"),
            ));
        }
        // Only a group may be empty (no group given); any other value must say something.
        if v.trim().is_empty() && k != "group" {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("{k} is empty; leave it out instead"),
            ));
        }
        let v = Some(v.into_owned());
        match k.as_ref() {
            "group" => q.group = v,
            "category" => q.category = v,
            "country" => q.country = v,
            "from" => q.from = v,
            "to" => q.to = v,
            "thing" => q.thing = v,
            "story" => q.story = v,
            "guide" => q.guide = v,
            "event" => q.event = v,
            "scope" => {
                q.this_instance =
                    match v.as_deref() {
                        Some("instance") => true,
                        Some("network") => false,
                        _ => return Err(ApiError::bad_request(
                            "bad_parameter",
                            "scope is instance (records made here) or network (all, the default)",
                        )),
                    }
            }
            "by" if with_by => by = v,
            other => {
                let known = if with_by { "by, " } else { "" };
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!(
                        "unknown parameter {other:?}; use {known}{}",
                        FILTERS.join(", ")
                    ),
                ));
            }
        }
    }
    Ok((q, by))
}

/// A filter value the service refused is a bad parameter, not a bad entity.
pub fn refused(e: ServiceError) -> ApiError {
    match e {
        ServiceError::Invalid(problems) => ApiError::bad_request(
            "bad_parameter",
            format!("{} bad parameter(s)", problems.len()),
        )
        .with_details(json!(problems)),
        e => e.into(),
    }
}

pub async fn report(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (q, _) = parse(query, false)?;
    let report = s.impact.report(&s.knowledge, &q).await.map_err(refused)?;
    Ok(Json(report).into_response())
}

pub async fn success_rates(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let (q, by) = parse(query, true)?;
    let names: Vec<&str> = RateBy::ALL.iter().map(|b| b.as_str()).collect();
    let by = by.as_deref().and_then(RateBy::parse).ok_or_else(|| {
        ApiError::bad_request(
            "bad_parameter",
            format!("by must be one of {}", names.join(", ")),
        )
    })?;
    let items = s
        .impact
        .success_rates(&s.knowledge, by, &q)
        .await
        .map_err(refused)?;
    let mut answer = json!({"by": by.as_str(), "items": items});
    if let Some(own) = s
        .impact
        .self_reported_rates(&s.knowledge, by, &q)
        .await
        .map_err(refused)?
    {
        answer["self_reported"] = json!(own);
    }
    Ok(Json(answer).into_response())
}

/// The OpenAPI paths of both operations.
pub fn paths(paths: &mut serde_json::Map<String, Value>, err_doc: &dyn Fn(&str) -> Value) {
    let day = json!({"type": "string", "format": "date", "maxLength": 10});
    let id = json!({"type": "string", "format": "uuid"});
    let schemas = [
        json!({"type": "string", "maxLength": MAX_PARAM, "description": "The group's name or id as records give it (case and spacing ignored)"}),
        json!({"type": "string", "pattern": "^([1-9][0-9]?|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", "description": "An ORDS product_category_id (1–99), or a taxonomy category's id: it and every category below it"}),
        json!({"type": "string", "pattern": "^[A-Za-z]{3}$", "description": "ISO 3166 alpha-3"}),
        json!({"description": "First event day, inclusive", "allOf": [day.clone()]}),
        json!({"description": "Last event day, inclusive", "allOf": [day]}),
        json!({"description": "Records of this model", "allOf": [id.clone()]}),
        json!({"description": "Records that followed this story", "allOf": [id.clone()]}),
        json!({"description": "Records that followed this guide", "allOf": [id.clone()]}),
        json!({"description": "Records made at this recorded event", "allOf": [id]}),
        json!({"type": "string", "enum": ["network", "instance"], "description": "network (default): every record here, this instance's and those its peers shared; instance: only those made here"}),
    ];
    let params: Vec<Value> = FILTERS
        .iter()
        .zip(schemas)
        .map(|(name, schema)| json!({"name": name, "in": "query", "required": false, "schema": schema}))
        .collect();
    let range = json!({"type": "object", "properties": {"low": {"type": "number"}, "high": {"type": "number"}}});
    paths.insert("/api/v1/impact".into(), json!({"get": {
        "summary": "Impact of the repair records the filters keep, by the Restart Project's method: items by status, waste and CO2e prevented by Fixed items (with the factor table's name and version), and the groups, events and instances behind them",
        "parameters": params,
        "responses": {"200": {"description": "The figures", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "items": {"type": "integer"}, "items_by_status": {"type": "object", "additionalProperties": {"type": "integer"}},
            "waste_prevented_kg": {"type": "number"}, "co2e_prevented_kg": {"type": "number"},
            "co2e_range_kg": {"description": "Present when the factors give the footprint's bounds", "allOf": [range.clone()]},
            "fixed_without_factor": {"type": "integer", "description": "Fixed items left out: a category the table lacks, or a Misc item without a weight estimate"},
            "factor_table": {"type": "object", "properties": {"name": {"type": "string"}, "version": {"type": "string"}}},
            "social": {"type": "object", "properties": {"groups": {"type": "integer"}, "events": {"type": "integer", "description": "A group's day of repairs"},
                "instances": {"type": "integer"}, "items_per_event": {"type": "number"},
                "participants": {"type": "integer", "description": "Summed over the recorded events that give it"},
                "volunteers": {"type": "integer", "description": "Summed over the recorded events that give it"},
                "hours_volunteered": {"type": "number", "description": "Restarters' formula per recorded event: 9 host hours plus volunteers × event hours (3 when not given; 12 when volunteers were not counted)"}}}}}}}},
            "400": err_doc("An unknown parameter, or a value that is not a day, a country code, an id or a category"),
            "404": err_doc("No such category")}}}));
    let mut rate_params = vec![json!({"name": "by", "in": "query", "required": true,
        "schema": {"type": "string", "enum": RateBy::ALL.iter().map(|b| b.as_str()).collect::<Vec<_>>()}})];
    rate_params.extend(
        paths["/api/v1/impact"]["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    paths.insert("/api/v1/impact/success-rates".into(), json!({"get": {
        "summary": "Success rates: of the records with a known outcome (Fixed, Repairable or End of life), how many were Fixed, per category (ORDS id), brand, thing, fault type, barrier, story or guide, with a 95 % Wilson interval; most records first, at most 500 values",
        "parameters": rate_params,
        "responses": {"200": {"description": "The rates", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "by": {"type": "string"}, "items": {"type": "array", "items": {"type": "object", "properties": {
                "value": {"type": "string"}, "n": {"type": "integer"}, "fixed": {"type": "integer"}, "rate": {"type": "number"}, "interval": range.clone()}}},
            "self_reported": {"description": "With by=story or by=guide: readers' own \"this worked for me\" answers per entry, apart from repair records. Empty when a filter other than thing, story, guide or scope is given", "type": "array", "items": {"type": "object", "properties": {
                "value": {"type": "string"}, "n": {"type": "integer"}, "worked": {"type": "integer"}, "partly": {"type": "integer"}, "rate": {"type": "number", "description": "worked of n"}, "interval": range}}}}}}}},
            "400": err_doc("No or an unknown by, an unknown parameter, or a bad value"),
            "404": err_doc("No such category")}}}));
}
