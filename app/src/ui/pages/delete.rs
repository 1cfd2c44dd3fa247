//! The delete confirmation page.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_entity, DeleteEntity};
use crate::ui::NotFound;
use domain::{parse_body, EntityKind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn DeletePage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_entity(kind, id, i.lang.to_string()),
    );
    let delete = ServerAction::<DeleteEntity>::new();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let error = query.read().get("error");
                match data.await {
                    Ok(Some(page)) => {
                        let label = parse_body(kind, &page.body).map(|b| b.label(i.lang)).unwrap_or(page.meta.id.clone());
                        let title = i.ta("delete-title", &[("label", label.clone())]);
                        let rel_count = page.relations.len();
                        view! {
                            <Title text=title.clone()/>
                            <h1>{title}</h1>
                            {error.map(|e| view! { <p class="notice warning" role="alert">{i.t(&format!("delete-error-{e}"))}</p> })}
                            <p>{i.ta("delete-explain", &[("kind", i.t(&kind_singular(kind)))])}</p>
                            {(rel_count > 0).then(|| view! { <p>{i.ta("delete-relationships", &[("count", rel_count.to_string())])}</p> })}
                            <ActionForm action=delete attr:class="delete-form">
                                <input type="hidden" name="kind" value=kind.as_str()/>
                                <input type="hidden" name="id" value=page.meta.id.clone()/>
                                <input type="hidden" name="base_revision" value=page.meta.revision.clone()/>
                                <div class="field checkbox">
                                    <input type="checkbox" id="confirm" name="confirm" value="yes" required=true/>
                                    <label for="confirm">{i.t("delete-confirm")}</label>
                                </div>
                                <div class="form-actions">
                                    <button type="submit" class="danger">{i.t("action-delete")}</button>
                                    <a href=entity_href(kind, &page.meta.id)>{i.t("action-cancel")}</a>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
