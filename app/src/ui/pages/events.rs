//! Repair events on pages: the event form, and an event's page with its figures, its
//! records, and a way to record the next one there.

use super::entity_href;
use crate::i18n::use_i18n;
use crate::server_fns::EventExtras;
use crate::ui::numbers::number_text;
use crate::ui::widgets::TextField;
use domain::event::Event;
use domain::EntityKind;
use leptos::prelude::*;

#[component]
pub fn EventFields() -> impl IntoView {
    let i = use_i18n();
    view! {
        <TextField name="group_identifier" label=i.t("field-group-identifier") required=true hint=i.t("hint-group")/>
        <TextField name="event_date" label=i.t("field-event-date") input_type="date" required=true/>
        <TextField name="title" label=i.t("field-event-title")/>
        <TextField name="place" label=i.t("field-place") hint=i.t("hint-place")/>
        <TextField name="country" label=i.t("field-country") hint=i.t("hint-country")/>
        <div class="dims">
            <TextField name="participants" label=i.t("field-participants") input_type="text"/>
            <TextField name="volunteers" label=i.t("field-volunteers") input_type="text" hint=i.t("hint-volunteers")/>
            <TextField name="hours" label=i.t("field-hours") input_type="text" hint=i.t("hint-hours")/>
        </div>
        <TextField name="notes" label=i.t("field-notes") multiline=true/>
    }
}

/// The form for a record made at this event, its group, day and country filled in.
fn record_here(id: &str, e: &Event) -> String {
    let mut url = url::form_urlencoded::Serializer::new(String::new());
    url.append_pair("x_event_id", id);
    url.append_pair("group_identifier", &e.group_identifier);
    url.append_pair("event_date", &e.event_date);
    if let Some(c) = &e.country {
        url.append_pair("country", c);
    }
    format!("/repairs/new?{}", url.finish())
}

#[component]
pub fn EventView(id: String, event: Event, extras: EventExtras) -> impl IntoView {
    let i = use_i18n();
    let e = event;
    let opt = |label: &str, value: Option<String>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| view! { <dt>{i.t(label)}</dt><dd>{v}</dd> })
    };
    let figures = &extras.report.figures;
    let fixed = figures
        .items_by_status
        .get(domain::repair::FIXED)
        .copied()
        .unwrap_or(0);
    let headline = i.ta(
        "event-headline",
        &[
            ("items", number_text(&i, figures.items)),
            ("fixed", number_text(&i, fixed)),
            (
                "co2e",
                number_text(&i, figures.co2e_prevented_kg.round() as u64),
            ),
            (
                "waste",
                number_text(&i, figures.waste_prevented_kg.round() as u64),
            ),
        ],
    );
    let group_impact = format!(
        "/impact?group={}",
        url::form_urlencoded::byte_serialize(e.group_identifier.as_bytes()).collect::<String>()
    );
    let more = (extras.total > extras.records.len() as i64).then(|| {
        view! {
            <p><a href=format!("/repairs?event={id}")>{i.ta("event-all-records", &[("count", extras.total.to_string())])}</a></p>
        }
    });
    view! {
        {e.notes.clone().filter(|n| !n.trim().is_empty()).map(|n| view! { <p class="summary">{n}</p> })}
        <dl class="props">
            <dt>{i.t("field-group-identifier")}</dt><dd><a href=group_impact>{e.group_identifier.clone()}</a></dd>
            <dt>{i.t("field-event-date")}</dt><dd>{e.event_date.clone()}</dd>
            {opt("field-place", e.place.clone())}
            {opt("field-country", e.country.clone())}
            {opt("field-participants", e.participants.map(|n| number_text(&i, u64::from(n))))}
            {opt("field-volunteers", e.volunteers.map(|n| number_text(&i, u64::from(n))))}
            {opt("field-hours", e.hours.map(|h| h.to_string()))}
            <dt>{i.t("impact-hours-volunteered")}</dt><dd>{e.hours_volunteered().to_string()}</dd>
        </dl>
        <section class="event-records" aria-labelledby="event-records">
            <h2 id="event-records">{i.t("event-records-title")}</h2>
            <p>{headline}" "<a href=format!("/impact?event={id}")>{i.t("repairs-note-more")}</a></p>
            <p><a class="button primary" href=record_here(&id, &e)>{i.t("event-record-here")}</a></p>
            {if extras.records.is_empty() {
                view! { <p>{i.t("event-no-records")}</p> }.into_any()
            } else {
                view! {
                    <ul class="entity-list">
                        {extras.records.iter().map(|r| view! {
                            <li><a href=entity_href(EntityKind::Repair, &r.id)>{r.label.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {more}
        </section>
    }
}
