//! The create and edit forms of every kind, with inline problems and the step editor.

use super::categories::{CategoryChecks, Taxonomy};
use super::events::EventFields;
use super::outcomes::OutcomeFields;
use super::repairs::RepairFields;
use super::tags::{KnownTags, TagsEditor};
use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_form, FormPage as Data, SaveEntity};
use crate::ui::media::MediaRowsEditor;
use crate::ui::picker::{PickKind, Picker};
use crate::ui::widgets::{
    FormCtx, LocalizedEditor, ProblemSummary, SelectField, StepsEditor, TermNames, TextField,
    WrittenIn,
};
use crate::ui::NotFound;
use domain::vocab::Vocabularies;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Create (`/{kind}/new`) and edit (`/{kind}/{id}/edit`) form for every kind.
#[component]
pub fn FormPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let source = move || {
        let q = query.read();
        let prefill: BTreeMap<String, String> = q
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        (params.read().get("id"), q.get("draft"), prefill)
    };
    let data = Resource::new(source, move |(id, draft, prefill)| {
        load_form(kind, id, draft, Some(prefill), i.lang.to_string())
    });
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let id = params.read().get("id");
                let forbidden = query.read().get("error").is_some_and(|e| e == "forbidden");
                match data.await {
                    Ok(Some(page)) => view! {
                        {forbidden.then(|| view! { <p class="notice warning" role="alert">{i.t("notice-forbidden")}</p> })}
                        <EntityForm kind id page/>
                    }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntityForm(kind: EntityKind, id: Option<String>, page: Data) -> impl IntoView {
    let i = use_i18n();
    let save = ServerAction::<SaveEntity>::new();
    provide_context(FormCtx {
        fields: Arc::new(page.fields.clone()),
        problems: Arc::new(page.problems.clone()),
        picks: Arc::new(page.picks.clone()),
        labels: Arc::new(page.labels.clone()),
    });
    provide_context(Taxonomy(Arc::new(page.taxonomy.clone())));
    provide_context(KnownTags(Arc::new(page.known_tags.clone())));
    provide_context(page.vocab.clone());
    provide_context(TermNames(Arc::new(page.term_names.clone())));
    let title = match &id {
        Some(_) => i.ta("form-edit-title", &[("kind", i.t(&kind_singular(kind)))]),
        None => i.ta("form-new-title", &[("kind", i.t(&kind_singular(kind)))]),
    };
    let cancel = id
        .as_ref()
        .map(|id| entity_href(kind, id))
        .unwrap_or_else(|| format!("/{}", kind.plural()));
    let fields = match kind {
        EntityKind::Thing => view! { <ThingFields/> }.into_any(),
        EntityKind::Story => view! { <StoryFields/> }.into_any(),
        EntityKind::Guide => view! { <GuideFields/> }.into_any(),
        EntityKind::Relationship => view! { <RelationshipFields/> }.into_any(),
        EntityKind::Category => view! { <CategoryFields/> }.into_any(),
        EntityKind::Term => view! { <TermFields/> }.into_any(),
        EntityKind::Repair => {
            view! { <RepairFields ords_names=page.ords_names.clone()/> }.into_any()
        }
        EntityKind::Event => view! { <EventFields/> }.into_any(),
        EntityKind::Outcome => view! { <OutcomeFields/> }.into_any(),
    };
    // At a repair café's desk one item follows another: save, and start the next with
    // the event's details kept.
    let save_next = (kind == EntityKind::Repair && id.is_none()).then(|| view! {
        <button type="submit" name="f[intent]" value="save-next">{i.t("action-save-next")}</button>
    });
    let recorded = page.recorded.clone().map(|(rid, label)| view! {
        <p class="notice" role="status">{i.t("notice-recorded")}" "<a href=entity_href(EntityKind::Repair, &rid)>{label}</a></p>
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {page.notice.clone().map(|n| view! { <p class="notice warning" role="alert">{i.t(&n)}</p> })}
        {recorded}
        <ProblemSummary/>
        <ActionForm action=save attr:class="entity-form" attr:novalidate=true>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="f[id]" value=id.clone().unwrap_or_default()/>
            <input type="hidden" name="f[base_revision]" value=page.base_revision.clone().unwrap_or_default()/>
            {(kind != EntityKind::Relationship).then(|| view! { <WrittenIn/> })}
            {fields}
            <div class="form-actions">
                <button type="submit" name="f[intent]" value="save" class="primary">{i.t("action-save")}</button>
                {save_next}
                <a href=cancel>{i.t("action-cancel")}</a>
            </div>
        </ActionForm>
    }
}

#[component]
fn ThingFields() -> impl IntoView {
    let i = use_i18n();
    let v = use_context::<Vocabularies>().unwrap_or_default();
    view! {
        <SelectField name="type" label=i.t("field-type") options=v.thing_types required=true/>
        <LocalizedEditor prefix="name" label=i.t("field-name") required=true/>
        <LocalizedEditor prefix="description" label=i.t("field-description") multiline=true/>
        <MediaRowsEditor list="media"/>
        <CategoryChecks list="categories" label=i.t("field-categories")/>
        <TagsEditor/>
        <TextField name="identifier" label=i.t("field-identifier") hint=i.t("hint-identifier")/>
        <fieldset>
            <legend>{i.t("field-manufacturer")}</legend>
            <TextField name="manufacturer.name" label=i.t("field-manufacturer-name") required=true/>
            <TextField name="manufacturer.website" label=i.t("field-website") input_type="url"/>
            <TextField name="manufacturer.contact" label=i.t("field-contact") input_type="email"/>
        </fieldset>
        <fieldset>
            <legend>{i.t("field-properties")}</legend>
            <TextField name="properties.materials" label=i.t("field-materials") multiline=true hint=i.t("one-per-line")/>
            <TextField name="properties.manufacturing_date" label=i.t("field-manufacturing-date") hint=i.t("hint-date")/>
            <TextField name="properties.serial_number" label=i.t("field-serial-number")/>
            <div class="dims">
                <TextField name="properties.dimensions.width" label=i.t("field-width") input_type="text"/>
                <TextField name="properties.dimensions.height" label=i.t("field-height") input_type="text"/>
                <TextField name="properties.dimensions.depth" label=i.t("field-depth") input_type="text"/>
                <SelectField name="properties.dimensions.unit" label=i.t("field-unit") options=v.dimension_units/>
            </div>
        </fieldset>
    }
}

#[component]
fn CategoryFields() -> impl IntoView {
    let i = use_i18n();
    view! {
        <LocalizedEditor prefix="name" label=i.t("field-name") required=true/>
        <LocalizedEditor prefix="description" label=i.t("field-description") multiline=true/>
        <LocalizedEditor prefix="synonyms" label=i.t("field-synonyms") multiline=true/>
        <CategoryChecks list="parents" label=i.t("field-parents")/>
        <TextField name="ords_id" label=i.t("field-ords-id")/>
        <TextField name="wikidata" label=i.t("field-wikidata") hint=i.t("hint-wikidata")/>
    }
}

#[component]
fn TermFields() -> impl IntoView {
    let i = use_i18n();
    let vocabularies = domain::vocab::VOCABULARIES.map(String::from).to_vec();
    view! {
        <SelectField name="vocabulary" label=i.t("field-vocabulary") options=vocabularies required=true/>
        <TextField name="key" label=i.t("field-key") hint=i.t("hint-term-key") required=true/>
        <LocalizedEditor prefix="name" label=i.t("field-name") required=true/>
        <LocalizedEditor prefix="synonyms" label=i.t("field-synonyms") multiline=true/>
        <LocalizedEditor prefix="description" label=i.t("field-description") multiline=true/>
        <fieldset>
            <legend>{i.t("term-for-tools")}</legend>
            <Picker name="thing_id" label=i.t("field-tool-thing") kind=PickKind::Fixed(EntityKind::Thing)/>
        </fieldset>
        <fieldset>
            <legend>{i.t("term-for-relationships")}</legend>
            <LocalizedEditor prefix="inverse_name" label=i.t("field-inverse-name")/>
            <TextField name="source_kinds" label=i.t("field-source-kinds") multiline=true hint=i.t("hint-graph-kinds")/>
            <TextField name="target_kinds" label=i.t("field-target-kinds") multiline=true hint=i.t("hint-graph-kinds")/>
        </fieldset>
    }
}

#[component]
fn AppliesToFields() -> impl IntoView {
    let i = use_i18n();
    view! {
        <fieldset>
            <legend>{i.t("field-applies-to")}</legend>
            <p class="hint">{i.t("hint-applies-to")}</p>
            <Picker name="thing_id" label=i.t("field-thing-id") kind=PickKind::Fixed(EntityKind::Thing)/>
            <CategoryChecks list="categories" label=i.t("field-categories")/>
            <TextField name="thing_category.category" label=i.t("field-category")/>
            <TextField name="thing_category.subcategory" label=i.t("field-subcategory")/>
            <TextField name="thing_category.attributes" label=i.t("field-attributes") multiline=true hint=i.t("hint-key-value")/>
        </fieldset>
    }
}

#[component]
fn StoryFields() -> impl IntoView {
    let i = use_i18n();
    let v = use_context::<Vocabularies>().unwrap_or_default();
    view! {
        <LocalizedEditor prefix="title" label=i.t("field-title") required=true/>
        <SelectField name="type" label=i.t("field-type") options=v.story_types required=true/>
        <LocalizedEditor prefix="summary" label=i.t("field-summary") multiline=true/>
        <AppliesToFields/>
        <TagsEditor/>
        <MediaRowsEditor list="media"/>
        <StepsEditor list="procedure" label=i.t("field-procedure")/>
    }
}

#[component]
fn GuideFields() -> impl IntoView {
    let i = use_i18n();
    let v = use_context::<Vocabularies>().unwrap_or_default();
    let ctx = crate::ui::widgets::form_ctx();
    let warnings = domain::form::indices(&ctx.fields, "content.warnings");
    view! {
        <LocalizedEditor prefix="content.title" label=i.t("field-title") required=true/>
        <SelectField name="type.primary" label=i.t("field-guide-primary") options=v.guide_primary required=true/>
        <SelectField name="type.secondary" label=i.t("field-guide-secondary") options=v.guide_secondary.clone()/>
        <LocalizedEditor prefix="content.summary" label=i.t("field-summary") multiline=true/>
        <AppliesToFields/>
        <TagsEditor/>
        <fieldset>
            <legend>{i.t("field-requirements")}</legend>
            <TextField name="content.requirements.skills" label=i.t("field-skills") multiline=true hint=i.t("one-per-line")/>
            <TextField name="content.requirements.tools" label=i.t("field-tools") multiline=true hint=i.t("one-per-line")/>
            <TextField name="content.requirements.materials" label=i.t("field-materials") multiline=true hint=i.t("one-per-line")/>
            <TextField name="content.requirements.certifications" label=i.t("field-certifications") multiline=true hint=i.t("one-per-line")/>
        </fieldset>
        <fieldset id="f-content-warnings">
            <legend>{i.t("field-warnings")}</legend>
            {warnings.into_iter().map(|w| {
                let p = format!("content.warnings.{w}");
                view! {
                    <div class="warning-edit">
                        <SelectField name=format!("{p}.severity") label=i.t("field-severity") options=v.warning_severities.clone()/>
                        <LocalizedEditor prefix=format!("{p}.message") label=i.t("field-message")/>
                        <button type="submit" class="secondary" name="f[intent]" value=format!("remove:{p}") formnovalidate=true>
                            {i.t("step-warning-remove")}
                        </button>
                    </div>
                }
            }).collect_view()}
            <button type="submit" class="secondary" name="f[intent]" value="add:content.warnings" formnovalidate=true>
                {i.t("step-warning-add")}
            </button>
        </fieldset>
        <MediaRowsEditor list="media"/>
        <StepsEditor list="content.procedure" label=i.t("field-procedure")/>
    }
}

#[component]
fn RelationshipFields() -> impl IntoView {
    let i = use_i18n();
    let v = use_context::<Vocabularies>().unwrap_or_default();
    let kinds = vec!["thing".to_string(), "story".into(), "guide".into()];
    view! {
        <fieldset>
            <legend>{i.t("field-source")}</legend>
            <SelectField name="source_type" label=i.t("field-source-type") options=kinds.clone() required=true/>
            // Offers entries of the kind chosen just above, as it changes.
            <Picker name="source_id" label=i.t("field-source-id") required=true kind=PickKind::ChosenIn("source_type")/>
        </fieldset>
        <SelectField name="relationship_type" label=i.t("field-relationship-type") options=v.relationship_types required=true/>
        <fieldset>
            <legend>{i.t("field-target")}</legend>
            <SelectField name="target_type" label=i.t("field-target-type") options=kinds required=true/>
            <Picker name="target_id" label=i.t("field-target-id") required=true kind=PickKind::ChosenIn("target_type")/>
        </fieldset>
        <SelectField name="direction" label=i.t("field-direction") options=v.directions required=true/>
        <TextField name="metadata" label=i.t("field-metadata") multiline=true hint=i.t("hint-key-value")/>
    }
}
