//! "This worked for me" on pages: what readers said of a story or guide, per step, and
//! the form a signed-in reader answers (or changes their answer) with.

use super::entity_href;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{OutcomesExtras, RecordOutcome};
use crate::ui::numbers::{number_text, percent_text};
use crate::ui::picker::{PickKind, Picker};
use crate::ui::widgets::{SelectField, TextField};
use domain::outcome::{Outcome, OutcomeCounts, RESULTS};
use domain::EntityKind;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

fn result_text(i: &I18n, result: &str) -> String {
    i.t(&format!("outcome-result-{result}"))
}

/// The generic form's fields, for editing an outcome at its own address.
#[component]
pub fn OutcomeFields() -> impl IntoView {
    let i = use_i18n();
    let kinds = domain::outcome::ENTRY_KINDS.map(String::from).to_vec();
    let results: Vec<(String, String)> = RESULTS
        .iter()
        .map(|r| (r.to_string(), result_text(&i, r)))
        .collect();
    view! {
        <SelectField name="entry_type" label=i.t("field-entry-type") options=kinds required=true/>
        <Picker name="entry_id" label=i.t("field-entry-id") required=true kind=PickKind::ChosenIn("entry_type")/>
        <SelectField name="result" label=i.t("field-outcome-result") labelled=results required=true/>
        <TextField name="failed_step" label=i.t("field-failed-step") input_type="text"/>
        <TextField name="note" label=i.t("field-outcome-note") multiline=true/>
        <Picker name="thing_id" label=i.t("field-x-thing-id") kind=PickKind::Fixed(EntityKind::Thing)/>
    }
}

#[component]
pub fn OutcomeView(outcome: Outcome, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    let o = outcome;
    let kind = o.entry_type.parse().unwrap_or(EntityKind::Guide);
    let entry = labels
        .get(&o.entry_id)
        .cloned()
        .unwrap_or(o.entry_id.clone());
    view! {
        <dl class="props">
            <dt>{i.t("field-entry-id")}</dt><dd><a href=entity_href(kind, &o.entry_id)>{entry}</a></dd>
            <dt>{i.t("field-outcome-result")}</dt><dd>{result_text(&i, &o.result)}</dd>
            {o.failed_step.map(|s| view! { <dt>{i.t("field-failed-step")}</dt><dd>{s}</dd> })}
            {o.note.clone().map(|n| view! { <dt>{i.t("field-outcome-note")}</dt><dd>{n}</dd> })}
            {o.thing_id.clone().map(|t| {
                let text = labels.get(&t).cloned().unwrap_or(t.clone());
                view! { <dt>{i.t("field-x-thing-id")}</dt><dd><a href=entity_href(EntityKind::Thing, &t)>{text}</a></dd> }
            })}
        </dl>
    }
}

/// The counts: "Worked for 14 of 17 people", the interval, and failures per step.
#[component]
fn OutcomeSummary(counts: OutcomeCounts) -> impl IntoView {
    let i = use_i18n();
    let pct = |x: f64| percent_text(&i, (x * 100.0).round() as u64);
    let interval = counts.rate.clone().map(|r| {
        i.ta(
            "outcomes-interval",
            &[("low", pct(r.interval.low)), ("high", pct(r.interval.high))],
        )
    });
    view! {
        <p>
            <strong>{i.ta("outcomes-worked-for", &[("worked", number_text(&i, counts.worked)), ("n", number_text(&i, counts.n))])}</strong>
            " "{i.ta("outcomes-partly-failed", &[("partly", number_text(&i, counts.partly)), ("failed", number_text(&i, counts.failed))])}
            {interval.map(|t| format!(" {t}"))}
        </p>
        {(!counts.failed_steps.is_empty()).then(|| view! {
            <ul class="step-failures">
                {counts.failed_steps.iter().map(|s| view! {
                    <li>{i.ta("outcomes-step-failed", &[("step", s.step.to_string()), ("count", number_text(&i, s.failures))])}</li>
                }).collect_view()}
            </ul>
        })}
        <p class="hint">{i.t("outcomes-self-reported")}</p>
    }
}

/// The section on a story's or guide's page. `steps`: how many steps it has.
#[component]
pub fn OutcomesSection(
    kind: EntityKind,
    id: String,
    steps: u32,
    extras: OutcomesExtras,
) -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<RecordOutcome>::new();
    let saved = query.read().get("outcome").is_some();
    let error = query.read().get("outcome_error").map(|code| {
        let key = format!("outcome-error-{}", code.rsplit('.').next().unwrap_or(""));
        if crate::i18n::has_message(i.lang, &key) {
            i.t(&key)
        } else {
            i.t("outcome-error-invalid")
        }
    });
    let own = extras.own.clone();
    let has_own = own.is_some();
    let current = own.as_ref().map(|o| o.result.clone()).unwrap_or_default();
    let own_step = own.as_ref().and_then(|o| o.failed_step);
    let own_note = own
        .as_ref()
        .and_then(|o| o.note.clone())
        .unwrap_or_default();
    let back = format!("{}#outcomes", entity_href(kind, &id));
    let login: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
    let form = if extras.signed_in {
        view! {
            <ActionForm action=action attr:class="outcome-form">
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id.clone()/>
                <fieldset class="field status-choice">
                    <legend>{i.t("outcomes-question")}</legend>
                    {RESULTS.iter().map(|r| view! {
                        <label class="choice">
                            <input type="radio" name="result" value=*r checked=current == *r required=true/>
                            " "{result_text(&i, r)}
                        </label>
                    }).collect_view()}
                </fieldset>
                {(steps > 0).then(|| view! {
                    <div class="field">
                        <label for="outcome-step">{i.t("field-failed-step")}</label>
                        <select id="outcome-step" name="failed_step">
                            <option value="">{i.t("outcomes-no-step")}</option>
                            {(1..=steps).map(|n| view! {
                                <option value=n.to_string() selected=own_step == Some(n)>{i.ta("outcomes-step", &[("step", n.to_string())])}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="outcome-note">{i.t("field-outcome-note")}</label>
                    <textarea id="outcome-note" name="note" maxlength=domain::outcome::MAX_NOTE>{own_note}</textarea>
                </div>
                <button type="submit" class="primary">{if has_own { i.t("outcomes-change") } else { i.t("outcomes-save") }}</button>
            </ActionForm>
        }.into_any()
    } else {
        view! { <p><a href=format!("/login?next={login}")>{i.t("outcomes-sign-in")}</a></p> }
            .into_any()
    };
    view! {
        <section id="outcomes" class="outcomes" aria-labelledby="outcomes-title">
            <h2 id="outcomes-title">{i.t("outcomes-title")}</h2>
            {saved.then(|| view! { <p class="notice success" role="status">{i.t("outcomes-saved")}</p> })}
            {error.map(|e| view! { <p class="notice warning" role="alert">{e}</p> })}
            {match extras.counts.clone() {
                Some(c) => view! { <OutcomeSummary counts=c/> }.into_any(),
                None => view! { <p>{i.t("outcomes-none")}</p> }.into_any(),
            }}
            {own.map(|o| view! { <p>{i.ta("outcomes-yours", &[("result", result_text(&i, &o.result))])}</p> })}
            {form}
        </section>
    }
}
