//! An entry's page: its content by kind, relations, what applies to it, provenance and
//! moderation.

use super::categories::{CategoryView, FiledUnder};
use super::events::EventView;
use super::outcomes::{OutcomeView, OutcomesSection};
use super::repairs::{RepairView, RepairsNote};
use super::tags::TagLinks;
use super::vocabularies::TermView;
use super::{entity_href, kind_singular, LoadError};
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{load_entity, EntityPage as Data, ModerateEntity, RelationView};
use crate::ui::graph::GraphSection;
use crate::ui::media::{AddMedia, CoverImage, Gallery, MediaContext};
use crate::ui::widgets::{
    inverse_name, vocab, AuthorLink, Localized, TermNames, Timestamp, TranslateLink,
};
use crate::ui::NotFound;
use domain::{parse_body, Body, EntityKind, Guide, Step, Story, Thing, ThingCategory};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

#[component]
pub fn EntityPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // Hiding or showing again returns to this page with `?moderated=…`: read the entry
    // again then, or the page would still offer the form it just used.
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("moderated"),
            )
        },
        move |(id, _)| load_entity(kind, id, i.lang.to_string()),
    );
    let saved = move || query.read().get("saved").is_some();
    let reverted = move || query.read().get("reverted").is_some();
    let notice = move |key: &str| {
        query
            .read()
            .get(key)
            .is_some()
            .then(|| i.t(&format!("notice-{key}")))
    };
    let conflict_from_save = move || query.read().get("conflict");
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) if page.hidden.is_some() && !page.may_moderate => {
                        super::super::widgets::set_status(410);
                        let reason = page.hidden.map(|h| h.reason).unwrap_or_default();
                        view! {
                            <Title text=i.t("hidden-title")/>
                            <h1>{i.t("hidden-title")}</h1>
                            <p class="notice warning">{i.t("hidden-text")}</p>
                            <p>{i.t("hidden-reason")}" "{reason}</p>
                        }.into_any()
                    }
                    Ok(Some(page)) => view! {
                        {query.read().get("moderated").map(|m| view! { <p class="notice success" role="status">{if m == "hide" { i.t("notice-hidden") } else { i.t("notice-unhidden") }}</p> })}
                        {query.read().get("error").filter(|e| e != "forbidden").map(|e| view! {
                            <p class="notice warning" role="alert">{if e == "reason" { i.t("hide-error-reason") } else { i.t("hide-error-stale") }}</p>
                        })}
                        {saved().then(|| view! { <p class="notice success" role="status">{i.t("notice-saved")}</p> })}
                        {reverted().then(|| view! { <p class="notice success" role="status">{i.t("notice-reverted")}</p> })}
                        {notice("merged").map(|t| view! { <p class="notice success" role="status">{t}</p> })}
                        {notice("resolved").map(|t| view! { <p class="notice success" role="status">{t}</p> })}
                        {notice("translated").map(|t| view! { <p class="notice success" role="status">{t}</p> })}
                        {query.read().get("media_added").filter(|n| n != "0").map(|n| view! {
                            <p class="notice success" role="status">{i.ta("notice-media-added", &[("count", n)])}</p>
                        })}
                        {query.read().get("media_error").map(|code| {
                            let file = query.read().get("media_file").map(|f| format!("{f}: ")).unwrap_or_default();
                            let key = format!("media-error-{code}");
                            let known = crate::i18n::has_message(i.lang, &key);
                            view! {
                                <p class="notice warning" role="alert">
                                    {format!("{file}{}", if known { i.t(&key) } else { i.t("media-error-internal") })}
                                </p>
                            }
                        })}
                        {conflict_from_save().map(|c| view! {
                            <p class="notice warning" role="alert">
                                {i.t("notice-conflict")}" "<a href=format!("/conflicts/{c}")>{i.t("conflict-open-link")}</a>
                            </p>
                        })}
                        {page.open_conflict.clone().filter(|_| conflict_from_save().is_none()).map(|c| view! {
                            <p class="notice warning" role="status">
                                {i.t("notice-open-conflict")}" "<a href=format!("/conflicts/{c}")>{i.t("conflict-open-link")}</a>
                            </p>
                        })}
                        <EntityView page/>
                    }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntityView(page: Data) -> impl IntoView {
    let i = use_i18n();
    let kind = page.meta.kind;
    let Some(body) = parse_body(kind, &page.body) else {
        return view! { <LoadError/> }.into_any();
    };
    let label = match &body {
        Body::Relationship(r) => format!(
            "{} → {}",
            page.labels
                .get(&r.source_id)
                .cloned()
                .unwrap_or(r.source_id.clone()),
            page.labels
                .get(&r.target_id)
                .cloned()
                .unwrap_or(r.target_id.clone())
        ),
        other => other.label(i.lang),
    };
    let heading = match &body {
        Body::Thing(t) => view! { <Localized text=t.name.clone()/> }.into_any(),
        Body::Story(s) => view! { <Localized text=s.title.clone()/> }.into_any(),
        Body::Guide(g) => view! { <Localized text=g.content.title.clone()/> }.into_any(),
        Body::Category(c) => view! { <Localized text=c.name.clone()/> }.into_any(),
        Body::Term(t) => view! { <Localized text=t.name.clone()/> }.into_any(),
        Body::Repair(r) => view! { <span>{r.label()}</span> }.into_any(),
        Body::Event(e) => view! { <span>{e.label()}</span> }.into_any(),
        Body::Outcome(_) | Body::Relationship(_) => {
            view! { <span>{label.clone()}</span> }.into_any()
        }
    };
    let body_summary = body.summary_text(i.lang);
    let base = entity_href(kind, &page.meta.id);
    provide_context(TranslateLink(format!("{base}/translate")));
    provide_context(MediaContext(std::sync::Arc::new(page.media.clone())));
    provide_context(NamedTerms(std::sync::Arc::new(page.named_terms.clone())));
    provide_context(TermNames(std::sync::Arc::new(page.term_names.clone())));
    // The main photo: the entry's first image, as large as shared previews use.
    let og_image = match &body {
        Body::Thing(t) => t.media.first(),
        Body::Story(s) => s.media.first(),
        Body::Guide(g) => g.media.first(),
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => None,
    }
    .and_then(|m| page.media.files.get(&m.id))
    .filter(|f| f.kind == domain::media::MediaKind::Image)
    .and_then(|f| {
        let v = f.variant_for(1200)?;
        let origin = page
            .page_url
            .split("/")
            .take(3)
            .collect::<Vec<_>>()
            .join("/");
        Some(format!(
            "{origin}{}",
            domain::media::media_path(&f.hash, &v.name)
        ))
    });
    let licence = crate::ui::content_licence();
    // Steps a photo can be attached to, in their order, by id.
    let steps: Option<Vec<(String, u32)>> = match &body {
        Body::Thing(_) => Some(Vec::new()),
        Body::Story(s) => Some(step_choices(&s.procedure)),
        Body::Guide(g) => Some(step_choices(
            g.content.procedure.as_deref().unwrap_or_default(),
        )),
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => None,
    };
    let step_count = steps.as_ref().map_or(0, |s| s.len() as u32);
    // The categories a thing, story or guide is filed under.
    let filed_under: Vec<String> = match &body {
        Body::Thing(t) => t.categories.clone(),
        Body::Story(s) => s.categories.clone(),
        Body::Guide(g) => g.categories.clone(),
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => Vec::new(),
    };
    let tags: Vec<String> = match &body {
        Body::Thing(t) => t.tags.clone(),
        Body::Story(s) => s.tags.clone(),
        Body::Guide(g) => g.tags.clone(),
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => Vec::new(),
    };
    let content = match body {
        Body::Category(c) => view! {
            <CategoryView id=page.meta.id.clone() category=c labels=page.labels.clone() extras=page.category.clone().unwrap_or_default()/>
        }.into_any(),
        Body::Term(t) => view! { <TermView term=t labels=page.labels.clone()/> }.into_any(),
        Body::Repair(r) => view! { <RepairView repair=r labels=page.labels.clone()/> }.into_any(),
        Body::Event(e) => view! {
            <EventView id=page.meta.id.clone() event=e extras=page.event.clone().unwrap_or_default()/>
        }.into_any(),
        Body::Outcome(o) => view! { <OutcomeView outcome=o labels=page.labels.clone()/> }.into_any(),
        Body::Thing(t) => view! { <ThingView thing=t page=page.clone()/> }.into_any(),
        Body::Story(s) => view! { <StoryView story=s labels=page.labels.clone()/> }.into_any(),
        Body::Guide(g) => view! { <GuideView guide=g labels=page.labels.clone()/> }.into_any(),
        Body::Relationship(r) => {
            let src = page
                .labels
                .get(&r.source_id)
                .cloned()
                .unwrap_or(r.source_id.clone());
            let dst = page
                .labels
                .get(&r.target_id)
                .cloned()
                .unwrap_or(r.target_id.clone());
            view! {
                <dl class="props">
                    <dt>{i.t("field-source")}</dt>
                    <dd><span class="badge">{i.t(&kind_singular(r.source_type))}</span>" "<a href=entity_href(r.source_type, &r.source_id)>{src}</a></dd>
                    <dt>{i.t("field-relationship-type")}</dt><dd>{vocab(&i, &r.relationship_type)}</dd>
                    <dt>{i.t("field-target")}</dt>
                    <dd><span class="badge">{i.t(&kind_singular(r.target_type))}</span>" "<a href=entity_href(r.target_type, &r.target_id)>{dst}</a></dd>
                    <dt>{i.t("field-direction")}</dt><dd>{vocab(&i, &r.direction)}</dd>
                    {r.metadata.map(|md| md.into_iter().map(|(k, v)| {
                        let v = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
                        view! { <dt>{k}</dt><dd>{v}</dd> }
                    }).collect_view())}
                </dl>
            }.into_any()
        }
    };
    let description = body_summary.unwrap_or_default();
    let page_url = page.page_url.clone();
    // Each language version of the page has its own address, for search engines.
    let alternates = domain::lang::LANGUAGES
        .iter()
        .map(|(tag, _)| view! { <Link rel="alternate" hreflang=*tag href=format!("{page_url}?lang={tag}")/> })
        .collect_view();
    view! {
        <Title text=label.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=label/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=page.page_url.clone()/>
        {og_image.map(|u| view! { <Meta property="og:image" content=u/> })}
        <Meta property="og:site_name" content=crate::ui::instance_name()/>
        <Meta property="og:locale" content=i.lang/>
        <Link rel="canonical" href=page.page_url.clone()/>
        {alternates}
        <Link rel="alternate" hreflang="x-default" href=page.page_url.clone()/>
        <article class="entity">
            <p class="kind-label">{i.t(&kind_singular(kind))}</p>
            <h1>{heading}</h1>
            {page.created.clone().map(|c| {
                // The current version's author, when someone other than the first wrote it.
                let changed = page.updated.clone().filter(|u| u.at != c.at);
                view! {
                    <p class="byline">
                        {i.t("byline-written")}" "<AuthorLink byline=c.clone()/>" · "<Timestamp value=c.at.clone()/>
                        {changed.map(|u| view! {
                            " · "{i.t("byline-changed")}" "<AuthorLink byline=u.clone()/>" · "<Timestamp value=u.at.clone()/>
                        })}
                    </p>
                }
            })}
            <nav class="entity-actions" aria-label=i.t("entity-actions")>
                <a class="button" href=format!("{base}/edit")>{i.t("action-edit")}</a>
                <a href=format!("{base}/history")>{i.t("action-history")}</a>
                <a href=format!("{base}/translate?lang={}", i.lang)>{i.t("action-translate")}</a>
                // Deleting takes the moderator role, as hiding does: others are not offered it.
                {page.may_moderate.then(|| view! {
                    <a class="danger" href=format!("{base}/delete")>{i.t("action-delete")}</a>
                })}
            </nav>
            {page.may_moderate.then(|| view! { <Moderation kind id=page.meta.id.clone() hidden=page.hidden.clone()/> })}
            {page.provenance.clone().map(|p| view! { <ProvenanceNote provenance=p/> })}
            <FiledUnder ids=filed_under labels=page.labels.clone()/>
            <TagLinks tags/>
            {content}
            {page.repairs.clone().map(|r| view! { <RepairsNote kind id=page.meta.id.clone() impact=r/> })}
            {page.outcomes.clone().map(|o| view! {
                <OutcomesSection kind id=page.meta.id.clone() steps=step_count extras=o/>
            })}
            {steps.map(|steps| view! { <AddMedia action=format!("{base}/media") steps max_file=page.upload_max left=page.upload_left/> })}
            {page.meta.kind.in_graph().then(|| view! { <GraphSection id=page.meta.id.clone()/> })}
            <footer class="entity-meta">
                <p>
                    {i.t("meta-created")}" "<Timestamp value=page.meta.created_at.clone()/>" · "
                    {i.t("meta-updated")}" "<Timestamp value=page.meta.updated_at.clone()/>
                </p>
                <p class="licence-note">
                    {i.t("entry-licence")}" "<a rel="license" href=licence.url>{licence.name}</a>". "
                    <a href=format!("{base}/history")>{i.t("entry-licence-authors")}</a>
                </p>
                <p>{i.t("meta-uri")}" "<code>{page.meta.uri.clone()}</code></p>
                <p>{i.t("meta-revision")}" "<code>{page.meta.revision.clone()}</code></p>
            </footer>
        </article>
    }
    .into_any()
}

/// Where an entry made or last changed on another instance came from.
#[component]
fn ProvenanceNote(provenance: domain::peer::Provenance) -> impl IntoView {
    let i = use_i18n();
    view! {
        <aside class="notice provenance" aria-label=i.t("provenance-label")>
            {provenance.origin.map(|o| view! {
                <p>
                    {i.ta("provenance-origin", &[("instance", o.name.clone())])}" "
                    <a href=o.link.clone() rel="external">{i.ta("provenance-origin-link", &[("url", o.url.clone())])}</a>
                </p>
            })}
            {provenance.delivered_by.map(|(peer, trust)| view! {
                <p>
                    {i.ta("provenance-delivered", &[("instance", peer)])}" "
                    <span class=format!("badge trust-{trust}")>{i.t(&format!("provenance-trust-{trust}"))}</span>
                </p>
            })}
        </aside>
    }
}

/// Hide or show again, for moderators; a hidden entry says who hid it and why.
#[component]
fn Moderation(kind: EntityKind, id: String, hidden: Option<domain::Hidden>) -> impl IntoView {
    let i = use_i18n();
    let moderate = ServerAction::<ModerateEntity>::new();
    match hidden {
        Some(h) => view! {
            <div class="notice warning moderation">
                <p>{i.ta("hidden-by", &[("name", h.by.clone())])}" "<Timestamp value=h.at.clone()/></p>
                <p>{i.t("hidden-reason")}" "{h.reason.clone()}</p>
                <ActionForm action=moderate attr:class="inline">
                    <input type="hidden" name="kind" value=kind.as_str()/>
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="intent" value="unhide"/>
                    <button type="submit" class="secondary">{i.t("action-unhide")}</button>
                </ActionForm>
            </div>
        }.into_any(),
        None => view! {
            <details class="moderation">
                <summary>{i.t("action-hide")}</summary>
                <ActionForm action=moderate attr:class="entity-form narrow">
                    <input type="hidden" name="kind" value=kind.as_str()/>
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="intent" value="hide"/>
                    <div class="field">
                        <label for="hide-reason">{i.t("hide-reason")}</label>
                        <input id="hide-reason" name="reason" required=true/>
                    </div>
                    <button type="submit" class="danger">{i.t("action-hide")}</button>
                </ActionForm>
            </details>
        }.into_any(),
    }
}

fn list_or_none(i: &I18n, items: &[String]) -> AnyView {
    if items.is_empty() {
        view! { <span class="none">{i.t("none")}</span> }.into_any()
    } else {
        view! { <ul class="inline">{items.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul> }.into_any()
    }
}

/// The terms the entry's material and tool texts name (see `EntityPage::named_terms`).
#[derive(Clone, Default)]
struct NamedTerms(std::sync::Arc<BTreeMap<String, domain::vocab::NamedTerm>>);

/// Material or tool texts as written, each linked to what its term names: a tool's
/// thing, else the term's page (whose name, in the reader's language, is the title).
fn named_list(i: &I18n, vocabulary: &'static str, items: &[String]) -> AnyView {
    if items.is_empty() {
        return view! { <span class="none">{i.t("none")}</span> }.into_any();
    }
    let named = use_context::<NamedTerms>().unwrap_or_default();
    view! {
        <ul class="inline">
            {items.iter().map(|text| {
                let term = named.0.get(&domain::vocab::named_key(vocabulary, text)).cloned();
                view! { <li>{match term {
                    Some(t) => {
                        let href = match &t.thing_id {
                            Some(thing) => entity_href(EntityKind::Thing, thing),
                            None => entity_href(EntityKind::Term, &t.id),
                        };
                        view! { <a href=href title=t.name>{text.clone()}</a> }.into_any()
                    }
                    None => view! { <span>{text.clone()}</span> }.into_any(),
                }}</li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ThingView(thing: Thing, page: Data) -> impl IntoView {
    let i = use_i18n();
    let p = thing.properties.clone();
    let dims = p.dimensions.clone().map(|d| {
        let n = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
        format!(
            "{} × {} × {} {}",
            n(d.width),
            n(d.height),
            n(d.depth),
            d.unit
        )
    });
    let id = page.meta.id.clone();
    // Each end of a relationship reads it in its own direction: a thing another is
    // `part_of` lists it under "has part"; a two-way one reads the same from both.
    let heading_of = |r: &RelationView| {
        if r.outgoing || r.direction == "bidirectional" {
            i.ta("rel-outgoing", &[("type", vocab(&i, &r.relationship_type))])
        } else if let Some(inverse) = inverse_name(&i, &r.relationship_type) {
            i.ta("rel-outgoing", &[("type", inverse)])
        } else {
            i.ta("rel-incoming", &[("type", vocab(&i, &r.relationship_type))])
        }
    };
    let mut groups: BTreeMap<String, Vec<RelationView>> = BTreeMap::new();
    for r in page.relations.clone() {
        groups.entry(heading_of(&r)).or_default().push(r);
    }
    view! {
        {(!thing.media.is_empty()).then(|| view! { <Gallery items=thing.media.clone() scope="media"/> })}
        {thing.description.clone().map(|d| view! { <p class="description"><Localized text=d/></p> })}
        <dl class="props">
            <dt>{i.t("field-type")}</dt><dd>{vocab(&i, &thing.thing_type)}</dd>
            {thing.identifier.clone().map(|x| view! { <dt>{i.t("field-identifier")}</dt><dd><code>{x}</code></dd> })}
            <dt>{i.t("field-manufacturer")}</dt>
            <dd>
                {thing.manufacturer.name.clone()}
                {thing.manufacturer.website.clone().map(|w| view! { " · "<a href=w.clone() rel="nofollow noopener">{w.clone()}</a> })}
                {thing.manufacturer.contact.clone().map(|c| view! { " · "<a href=format!("mailto:{c}")>{c.clone()}</a> })}
            </dd>
            <dt>{i.t("field-materials")}</dt><dd>{named_list(&i, "materials", &p.materials)}</dd>
            {dims.map(|d| view! { <dt>{i.t("field-dimensions")}</dt><dd>{d}</dd> })}
            {p.manufacturing_date.clone().map(|d| view! { <dt>{i.t("field-manufacturing-date")}</dt><dd>{d}</dd> })}
            {p.serial_number.clone().map(|s| view! { <dt>{i.t("field-serial-number")}</dt><dd>{s}</dd> })}
        </dl>
        <section aria-labelledby="stories-h">
            <h2 id="stories-h">{i.t("kind-story-plural")}</h2>
            <SummaryList items=page.stories.clone() kind=EntityKind::Story/>
            <a href=format!("/stories/new?thing_id={id}")>{i.t("action-create-story")}</a>
        </section>
        <section aria-labelledby="guides-h">
            <h2 id="guides-h">{i.t("kind-guide-plural")}</h2>
            <SummaryList items=page.guides.clone() kind=EntityKind::Guide/>
            <a href=format!("/guides/new?thing_id={id}")>{i.t("action-create-guide")}</a>
            " · "
            <a href=format!("/search?applies_to={id}")>{i.t("search-applies-to")}</a>
        </section>
        <section aria-labelledby="related-h">
            <h2 id="related-h">{i.t("related-knowledge")}</h2>
            {if page.related.is_empty() {
                view! { <p class="none">{i.t("none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="entity-list">
                        {page.related.clone().into_iter().map(|s| view! {
                            <li>
                                <span><span class="badge">{i.t(&kind_singular(s.kind))}</span>" "<a href=entity_href(s.kind, &s.id)><CoverImage cover=s.cover/>{s.label}</a></span>
                                <span class="meta">{s.subtitle.split(" · ").map(|p| vocab(&i, p)).collect::<Vec<_>>().join(" · ")}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <a href=format!("/search?related_to={id}&hops=2")>{i.t("search-related")}</a>
        </section>
        <section aria-labelledby="rel-h">
            <h2 id="rel-h">{i.t("kind-relationship-plural")}</h2>
            {if groups.is_empty() {
                view! { <p class="none">{i.t("none")}</p> }.into_any()
            } else {
                groups.into_iter().map(|(heading, rels)| {
                    view! {
                        <h3>{heading}</h3>
                        <ul class="relations">
                            {rels.into_iter().map(|r| {
                                let text = r.other_label.clone().unwrap_or(r.other_id.clone());
                                view! {
                                    <li>
                                        <span class="badge">{i.t(&kind_singular(r.other_kind))}</span>" "
                                        <a href=entity_href(r.other_kind, &r.other_id)>{text}</a>" "
                                        <a class="small" href=entity_href(EntityKind::Relationship, &r.id)>{i.t("rel-details")}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                }).collect_view().into_any()
            }}
            <a href=format!("/relationships/new?source_type=thing&source_id={id}")>{i.t("action-create-relationship")}</a>
        </section>
    }
}

#[component]
fn SummaryList(items: Vec<domain::EntitySummary>, kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    if items.is_empty() {
        return view! { <p class="none">{i.t("none")}</p> }.into_any();
    }
    view! {
        <ul class="entity-list">
            {items.into_iter().map(|s| view! {
                <li><a href=entity_href(kind, &s.id)><CoverImage cover=s.cover/>{s.label}</a><span class="meta">{vocab(&i, &s.subtitle)}</span></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn AppliesTo(
    thing_id: Option<String>,
    category: Option<ThingCategory>,
    labels: BTreeMap<String, String>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <dt>{i.t("field-applies-to")}</dt>
        <dd>
            {thing_id.map(|t| {
                let text = labels.get(&t).cloned().unwrap_or_else(|| i.t("deleted-thing"));
                view! { <a href=entity_href(EntityKind::Thing, &t)>{text}</a> }
            })}
            {category.map(|c| {
                let attrs: Vec<String> = c.attributes.iter().flatten().map(|(k, v)| format!("{k}: {v}")).collect();
                view! {
                    {i.t("field-category")}": "{c.category}
                    {c.subcategory.map(|s| view! { " / "{s} })}
                    {(!attrs.is_empty()).then(|| view! { " (" {attrs.join(", ")} ")" })}
                }
            })}
        </dd>
    }
}

#[component]
fn Procedure(steps: Vec<Step>) -> impl IntoView {
    let i = use_i18n();
    let mut steps = steps;
    steps.sort_by_key(|s| s.order);
    view! {
        <section aria-labelledby="proc-h">
            <h2 id="proc-h">{i.t("field-procedure")}</h2>
            <ol class="procedure">
                {steps.into_iter().map(|s| view! {
                    <li value=s.order.to_string()>
                        <p><Localized text=s.description/></p>
                        {(!s.warnings.is_empty()).then(|| view! {
                            <ul class="warnings" aria-label=i.t("step-warnings")>
                                {s.warnings.into_iter().map(|w| view! { <li><strong>"⚠ "</strong><Localized text=w/></li> }).collect_view()}
                            </ul>
                        })}
                        {(!s.tools.is_empty()).then(|| view! { <div class="tools">{i.t("step-tools")}": "{named_list(&i, "tools", &s.tools)}</div> })}
                        {(!s.media.is_empty()).then(|| view! { <Gallery items=s.media scope=format!("step-{}", s.order)/> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn StoryView(story: Story, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    view! {
        {(!story.media.is_empty()).then(|| view! { <Gallery items=story.media.clone() scope="media"/> })}
        {story.summary.clone().map(|s| view! { <p class="description"><Localized text=s/></p> })}
        <dl class="props">
            <dt>{i.t("field-type")}</dt><dd>{vocab(&i, &story.story_type)}</dd>
            <AppliesTo thing_id=story.thing_id.clone() category=story.thing_category.clone() labels/>
        </dl>
        <Procedure steps=story.procedure/>
    }
}

#[component]
fn GuideView(guide: Guide, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    let c = guide.content;
    let t = guide.guide_type;
    view! {
        {(!guide.media.is_empty()).then(|| view! { <Gallery items=guide.media.clone() scope="media"/> })}
        {c.summary.clone().map(|s| view! { <p class="description"><Localized text=s/></p> })}
        <dl class="props">
            <dt>{i.t("field-type")}</dt>
            <dd>{vocab(&i, &t.primary)}{t.secondary.map(|s| view! { " · "{vocab(&i, &s)} })}</dd>
            <AppliesTo thing_id=guide.thing_id.clone() category=guide.thing_category.clone() labels/>
        </dl>
        {c.warnings.map(|ws| view! {
            <section aria-labelledby="warn-h">
                <h2 id="warn-h">{i.t("field-warnings")}</h2>
                <ul class="warnings">
                    {ws.into_iter().map(|w| view! {
                        <li class=format!("severity-{}", w.severity)><strong>{vocab(&i, &w.severity)}": "</strong><Localized text=w.message/></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {c.requirements.map(|r| view! {
            <section aria-labelledby="req-h">
                <h2 id="req-h">{i.t("field-requirements")}</h2>
                <dl class="props">
                    <dt>{i.t("field-skills")}</dt><dd>{list_or_none(&i, &r.skills)}</dd>
                    <dt>{i.t("field-tools")}</dt><dd>{named_list(&i, "tools", &r.tools)}</dd>
                    <dt>{i.t("field-materials")}</dt><dd>{named_list(&i, "materials", &r.materials)}</dd>
                    <dt>{i.t("field-certifications")}</dt><dd>{list_or_none(&i, &r.certifications)}</dd>
                </dl>
            </section>
        })}
        {c.procedure.map(|steps| view! { <Procedure steps/> })}
    }
}

fn step_choices(steps: &[Step]) -> Vec<(String, u32)> {
    let mut steps: Vec<&Step> = steps.iter().collect();
    steps.sort_by_key(|s| s.order);
    steps
        .into_iter()
        .enumerate()
        .filter_map(|(n, s)| Some((s.id.clone()?, n as u32 + 1)))
        .collect()
}
