//! The side-by-side translation sheet of one entry: every text's original (with what
//! changed in it since an outdated translation) beside the translation into one
//! language, saved as one revision that touches only that language.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_sheet, SaveTranslations, SheetPage};
use crate::ui::numbers::language_label;
use crate::ui::widgets::{field_path_label, problem_text, rcdata_text, Problems};
use crate::ui::NotFound;
use domain::translation::State;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TranslatePage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("lang").unwrap_or_default(),
                q.get("draft"),
            )
        },
        move |(id, target, draft)| load_sheet(kind, id, target, draft, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let forbidden = query.read().get("error").is_some_and(|e| e == "forbidden");
                match data.await {
                    Ok(Some(page)) => view! {
                        {forbidden.then(|| view! { <p class="notice warning" role="alert">{i.t("notice-forbidden")}</p> })}
                        <Sheet page/>
                    }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sheet(page: SheetPage) -> impl IntoView {
    let i = use_i18n();
    let save = ServerAction::<SaveTranslations>::new();
    let target = page.lang.clone();
    let target_name = language_label(&target);
    let title = i.ta(
        "sheet-title",
        &[
            ("label", page.label.clone()),
            ("language", target_name.clone()),
        ],
    );
    let href = entity_href(page.kind, &page.id);
    let mut languages = page.languages.clone();
    for (tag, _) in domain::lang::LANGUAGES {
        if !languages.iter().any(|l| l == tag) {
            languages.push(tag.to_string());
        }
    }
    let dir = domain::lang::direction(&target);
    let lang_problem = page
        .problems
        .iter()
        .find(|p| p.path == "lang")
        .map(|p| problem_text(&i, p));
    let rows = page.texts.iter().enumerate().map(|(n, t)| {
        let path = t.path.clone();
        let field = format!("t.{path}");
        let typed = page.typed.get(&field).cloned();
        let area_id = format!("sheet-{n}");
        let prefix = format!("{path}.");
        let problems: Vec<_> = page.problems.iter().filter(|p| p.path.starts_with(&prefix)).cloned().collect();
        let state_key = format!("state-{}", t.state.as_str());
        let translation = if t.state == State::Original {
            view! { <p class="empty">{i.ta("sheet-written-in", &[("language", target_name.clone())])}</p> }.into_any()
        } else {
            let outdated = t.state == State::Outdated;
            let reviewed = t.state == State::Reviewed;
            view! {
                <label for=area_id.clone()>{i.ta("sheet-translation", &[("language", target_name.clone())])}</label>
                <textarea id=area_id.clone() name=format!("f[{field}]") rows="3" lang=target.clone() dir=dir
                    aria-describedby=format!("{area_id}-problems")>
                    {rcdata_text(typed.unwrap_or_else(|| t.translation.clone()))}
                </textarea>
                <Problems problems id=format!("{area_id}-problems")/>
                {outdated.then(|| view! {
                    <label class="check"><input type="checkbox" name=format!("f[keep.{path}]") value="1"/>" "{i.t("sheet-still-matches")}</label>
                })}
                {page.may_review.then(|| view! {
                    <label class="check"><input type="checkbox" name=format!("f[review.{path}]") value="1" checked=reviewed/>" "{i.t("sheet-reviewed")}</label>
                })}
            }.into_any()
        };
        let changes = (!t.changes.is_empty()).then(|| view! {
            <p class="changes">
                <strong>{i.t("sheet-changes")}</strong>" "
                {t.changes.iter().map(|p| match p.added {
                    Some(true) => view! { <ins>{p.text.clone()}</ins> }.into_any(),
                    Some(false) => view! { <del>{p.text.clone()}</del> }.into_any(),
                    None => view! { <span>{p.text.clone()}</span> }.into_any(),
                }).collect_view()}
            </p>
        });
        view! {
            <section class=format!("sheet-row state-{}", t.state.as_str())>
                <h2>{field_path_label(&i, &path)}" "<span class="badge">{i.t(&state_key)}</span></h2>
                <div class="sides">
                    <div class="original">
                        <p class="side-label">{i.ta("sheet-original", &[("language", language_label(&t.original_lang))])}</p>
                        <p lang=t.original_lang.clone() dir=domain::lang::direction(&t.original_lang)>{t.original.clone()}</p>
                        {changes}
                    </div>
                    <div class="translation">{translation}</div>
                </div>
            </section>
        }
    }).collect_view();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>
            <span class="badge">{i.t(&kind_singular(page.kind))}</span>" "
            <a href=href.clone()>{page.label.clone()}</a>" · "
            <a href=format!("/translations?lang={target}")>{i.t("queue-title")}</a>
        </p>
        <form method="get" class="filters">
            <label>{i.t("queue-language")}" "
                <select name="lang">
                    {languages.into_iter().map(|l| {
                        let selected = l == target;
                        view! { <option value=l.clone() selected=selected>{language_label(&l)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit">{i.t("queue-show")}</button>
        </form>
        {page.notice.clone().map(|n| view! { <p class="notice warning" role="alert">{i.t(&n)}</p> })}
        {lang_problem.map(|p| view! { <p class="notice warning" role="alert">{p}</p> })}
        {(!page.problems.is_empty()).then(|| view! { <p class="notice warning" role="alert">{i.t("sheet-problems")}</p> })}
        <p>{i.t("sheet-intro")}</p>
        <ActionForm action=save attr:class="entity-form sheet">
            <input type="hidden" name="kind" value=page.kind.as_str()/>
            <input type="hidden" name="f[id]" value=page.id.clone()/>
            <input type="hidden" name="f[base_revision]" value=page.revision.clone()/>
            <input type="hidden" name="f[lang]" value=page.lang.clone()/>
            {rows}
            <div class="form-actions">
                <button type="submit" class="primary">{i.t("sheet-save")}</button>
                <a href=href>{i.t("action-cancel")}</a>
            </div>
        </ActionForm>
    }
}
