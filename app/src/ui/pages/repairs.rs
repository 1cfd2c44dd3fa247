//! Repair records on pages: the fast entry form's fields and a record's own view.

use super::entity_href;
use crate::i18n::{use_i18n, I18n};
use crate::ui::picker::{PickKind, Picker};
use crate::ui::widgets::{field_id, field_name, form_ctx, vocab, Problems, SelectField, TextField};
use domain::impact::EntryImpact;
use domain::repair::{Repair, BARRIERS, ORDS_CATEGORIES, STATUSES};
use domain::vocab::Vocabularies;
use domain::EntityKind;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// An ORDS value as a message id's end: `No way to open product` →
/// `no-way-to-open-product`.
fn slug(value: &str) -> String {
    let words: Vec<String> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// An ORDS status or barrier in the reader's language, `None` for any other value.
pub fn ords_text(i: &I18n, value: &str) -> Option<String> {
    if STATUSES.contains(&value) {
        Some(i.t(&format!("repair-status-{}", slug(value))))
    } else if BARRIERS.contains(&value) {
        Some(i.t(&format!("repair-barrier-{}", slug(value))))
    } else {
        None
    }
}

/// An ORDS status or barrier in the reader's language; any other value as written.
pub fn ords_value_text(i: &I18n, value: &str) -> String {
    ords_text(i, value).unwrap_or_else(|| value.to_string())
}

/// The ORDS categories with their names as the taxonomy gives them in the reader's
/// language (`names`: ORDS id → name), else the standard's English name.
pub fn category_options(names: &BTreeMap<u32, String>) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = ORDS_CATEGORIES
        .iter()
        .map(|(id, name)| {
            let label = names
                .get(id)
                .cloned()
                .unwrap_or_else(|| (*name).to_string());
            (id.to_string(), label)
        })
        .collect();
    options.sort_by_key(|(_, label)| label.to_lowercase());
    options
}

/// The outcome as four radio buttons: one tap on a phone, arrow keys on a keyboard.
#[component]
fn StatusChoice() -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let name = "repair_status";
    let err_id = format!("{}-problems", field_id(name));
    let problems = ctx.at(name);
    let invalid = !problems.is_empty();
    let current = ctx.value(name);
    let described = invalid.then(|| err_id.clone());
    view! {
        <fieldset id=field_id(name) class="field status-choice" class:invalid=invalid
            aria-describedby=described>
            <legend>{i.t("field-repair-status")}" *"</legend>
            {STATUSES.iter().map(|s| {
                let checked = current == *s;
                view! {
                    <label class="choice">
                        <input type="radio" name=field_name(name) value=*s checked=checked required=true/>
                        " "{ords_value_text(&i, s)}
                    </label>
                }
            }).collect_view()}
            <Problems problems id=err_id/>
        </fieldset>
    }
}

/// The repair record form: when and where first (kept from one item to the next),
/// then the item and its outcome, then what it links to.
#[component]
pub fn RepairFields(ords_names: BTreeMap<u32, String>) -> impl IntoView {
    let i = use_i18n();
    let v = use_context::<Vocabularies>().unwrap_or_default();
    let barriers = BARRIERS.map(String::from).to_vec();
    let powered = vec![
        ("true".to_string(), i.t("repair-powered-yes")),
        ("false".to_string(), i.t("repair-powered-no")),
    ];
    view! {
        <fieldset>
            <legend>{i.t("repair-legend-event")}</legend>
            <TextField name="group_identifier" label=i.t("field-group-identifier") hint=i.t("hint-group")/>
            <TextField name="event_date" label=i.t("field-event-date") input_type="date" required=true/>
            <TextField name="data_provider" label=i.t("field-data-provider") required=true hint=i.t("hint-data-provider")/>
            <TextField name="country" label=i.t("field-country") hint=i.t("hint-country")/>
        </fieldset>
        <fieldset>
            <legend>{i.t("repair-legend-item")}</legend>
            <SelectField name="product_category_id" label=i.t("field-product-category-id")
                labelled=category_options(&ords_names) required=true/>
            <TextField name="partner_product_category" label=i.t("field-partner-product-category") hint=i.t("hint-partner-product-category")/>
            <TextField name="brand" label=i.t("field-brand")/>
            <div class="dims">
                <TextField name="year_of_manufacture" label=i.t("field-year-of-manufacture") input_type="text"/>
                <TextField name="product_age" label=i.t("field-product-age") input_type="text"/>
                <TextField name="x_weight_kg" label=i.t("field-x-weight-kg") input_type="text" hint=i.t("hint-weight-kg")/>
            </div>
            <SelectField name="x_powered" label=i.t("field-x-powered") labelled=powered/>
        </fieldset>
        <fieldset>
            <legend>{i.t("repair-legend-outcome")}</legend>
            <StatusChoice/>
            <SelectField name="repair_barrier_if_end_of_life" label=i.t("field-repair-barrier-if-end-of-life") options=barriers/>
            <SelectField name="x_fault_type" label=i.t("field-x-fault-type") options=v.fault_types/>
            <TextField name="x_part_replaced" label=i.t("field-x-part-replaced")/>
            <TextField name="problem" label=i.t("field-problem") multiline=true hint=i.t("hint-problem")/>
        </fieldset>
        <fieldset>
            <legend>{i.t("repair-legend-links")}</legend>
            <Picker name="x_thing_id" label=i.t("field-x-thing-id") kind=PickKind::Fixed(EntityKind::Thing)/>
            <Picker name="x_story_id" label=i.t("field-x-story-id") kind=PickKind::Fixed(EntityKind::Story)/>
            <Picker name="x_guide_id" label=i.t("field-x-guide-id") kind=PickKind::Fixed(EntityKind::Guide)/>
            <Picker name="x_event_id" label=i.t("field-x-event-id") kind=PickKind::Fixed(EntityKind::Event)/>
            <TextField name="record_id" label=i.t("field-record-id") hint=i.t("hint-record-id")/>
        </fieldset>
    }
}

/// On a thing, story or guide: how the repairs that name it went, and what they
/// prevented, with the interval that keeps a small n honest.
#[component]
pub fn RepairsNote(kind: EntityKind, id: String, impact: EntryImpact) -> impl IntoView {
    let i = use_i18n();
    let link = format!("/impact?{}={id}", kind.as_str());
    let success = impact.success.clone().map(|s| {
        let pct = |x: f64| crate::ui::numbers::percent_text(&i, (x * 100.0).round() as u64);
        i.ta(
            "repairs-note-success",
            &[
                ("rate", pct(s.rate)),
                ("low", pct(s.interval.low)),
                ("high", pct(s.interval.high)),
                ("fixed", s.fixed.to_string()),
                ("n", s.n.to_string()),
            ],
        )
    });
    let co2e = i.ta(
        "repairs-note-co2e",
        &[
            (
                "co2e",
                crate::ui::numbers::number_text(
                    &i,
                    impact.figures.co2e_prevented_kg.round() as u64,
                ),
            ),
            ("table", impact.factor_table.name.clone()),
            ("version", impact.factor_table.version.clone()),
        ],
    );
    view! {
        <aside class="notice repairs-note" aria-label=i.t("repairs-note-label")>
            <p>
                {i.ta("repairs-note-used", &[("n", impact.records.to_string())])}
                {success.map(|s| format!(" {s}"))}
                " "{co2e}" "
                <a href=link>{i.t("repairs-note-more")}</a>
            </p>
        </aside>
    }
}

/// A repair record's page: what was brought, what happened, and what it links to.
#[component]
pub fn RepairView(repair: Repair, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    let r = repair;
    let opt = |label: &str, value: Option<String>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| view! { <dt>{i.t(label)}</dt><dd>{v}</dd> })
    };
    let link = |label: &str, kind: EntityKind, id: Option<String>| {
        id.map(|id| {
            let text = labels.get(&id).cloned().unwrap_or_else(|| id.clone());
            view! { <dt>{i.t(label)}</dt><dd><a href=entity_href(kind, &id)>{text}</a></dd> }
        })
    };
    let category = format!("/impact?category={}", r.product_category_id);
    let powered = r.x_powered.map(|p| {
        i.t(if p {
            "repair-powered-yes"
        } else {
            "repair-powered-no"
        })
    });
    view! {
        {r.problem.clone().filter(|p| !p.trim().is_empty()).map(|p| view! { <p class="summary">{p}</p> })}
        <dl class="props">
            <dt>{i.t("field-repair-status")}</dt>
            <dd><span class=format!("badge status-{}", slug(&r.repair_status))>{ords_value_text(&i, &r.repair_status)}</span></dd>
            {opt("field-repair-barrier-if-end-of-life", r.repair_barrier_if_end_of_life.as_deref().map(|b| ords_value_text(&i, b)))}
            <dt>{i.t("field-product-category")}</dt>
            <dd><a href=category>{r.product_category.clone()}</a>" (ORDS "{r.product_category_id}")"</dd>
            {opt("field-partner-product-category", r.partner_product_category.clone())}
            {opt("field-brand", r.brand.clone())}
            {opt("field-year-of-manufacture", r.year_of_manufacture.clone())}
            {opt("field-product-age", r.product_age.map(|a| a.to_string()))}
            {opt("field-x-weight-kg", r.x_weight_kg.map(|w| w.to_string()))}
            {opt("field-x-powered", powered)}
            {opt("field-x-fault-type", r.x_fault_type.as_deref().map(|f| vocab(&i, f)))}
            {opt("field-x-part-replaced", r.x_part_replaced.clone())}
            {opt("field-group-identifier", r.group_identifier.clone())}
            <dt>{i.t("field-event-date")}</dt><dd>{r.event_date.clone()}</dd>
            <dt>{i.t("field-data-provider")}</dt><dd>{r.data_provider.clone()}</dd>
            {opt("field-country", r.country.clone())}
            {opt("field-record-id", r.record_id.clone())}
            {link("field-x-thing-id", EntityKind::Thing, r.x_thing_id.clone())}
            {link("field-x-story-id", EntityKind::Story, r.x_story_id.clone())}
            {link("field-x-guide-id", EntityKind::Guide, r.x_guide_id.clone())}
            {link("field-x-event-id", EntityKind::Event, r.x_event_id.clone())}
        </dl>
    }
}
