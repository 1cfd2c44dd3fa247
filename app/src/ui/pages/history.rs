//! An entry's history with revert, and the diff between two revisions.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{load_diff, load_history, RevertEntity};
use crate::ui::widgets::{author_name, field_path_label, vocab, ChangesTable, Timestamp};
use crate::ui::NotFound;
use domain::merge::{MERGE_AUTHOR, PREFERRED_AUTHOR};
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HistoryPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_history(kind, id, i.lang.to_string()),
    );
    let revert = ServerAction::<RevertEntity>::new();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let error = query.read().get("error");
                match data.await {
                    Ok(Some(h)) => {
                        let title = i.ta("history-title", &[("label", h.label.clone())]);
                        let n = h.items.len();
                        let head = h.head.clone();
                        let id = h.id.clone();
                        view! {
                            <Title text=title.clone()/>
                            <p class="kind-label">{i.t(&kind_singular(kind))}</p>
                            <h1>{title}</h1>
                            {error.map(|e| view! { <p class="notice warning" role="alert">{i.t(&format!("revert-error-{e}"))}</p> })}
                            {if h.exists {
                                view! { <p><a href=entity_href(kind, &h.id)>{i.t("history-back")}</a></p> }.into_any()
                            } else {
                                view! { <p class="notice">{i.t("history-deleted")}</p> }.into_any()
                            }}
                            <form method="get" action=format!("/{}/{}/diff", kind.plural(), h.id) class="compare">
                                <table class="history">
                                    <caption>{i.t("history-caption")}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{i.t("history-from")}</th>
                                            <th scope="col">{i.t("history-to")}</th>
                                            <th scope="col">{i.t("history-revision")}</th>
                                            <th scope="col">{i.t("history-actions")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {h.items.into_iter().enumerate().map(|(pos, r)| {
                                            let changed = if r.changed.is_empty() { i.t("none") } else { r.changed.iter().map(|c| field_path_label(&i, c)).collect::<Vec<_>>().join(", ") };
                                            let is_head = head.as_deref() == Some(r.id.as_str());
                                            let (id, head) = (id.clone(), head.clone().unwrap_or_default());
                                            let can_revert = !is_head && r.op != "delete";
                                            let short = r.id.chars().take(12).collect::<String>();
                                            let from_label = i.ta("history-from-label", &[("revision", short.clone())]);
                                            let to_label = i.ta("history-to-label", &[("revision", short.clone())]);
                                            view! {
                                                <tr>
                                                    <td data-label=i.t("history-from")><input type="radio" name="from" value=r.id.clone() checked=pos == 1 || n == 1 aria-label=from_label/></td>
                                                    <td data-label=i.t("history-to")><input type="radio" name="to" value=r.id.clone() checked=pos == 0 aria-label=to_label/></td>
                                                    <td>
                                                        <p class="rev-head">
                                                            <strong>{vocab(&i, &format!("op-{}", r.op))}</strong>" · "
                                                            <Timestamp value=r.created_at.clone()/>" · "
                                                            {i.ta("history-by", &[("author", author_name(&i, &r.author)), ("instance", r.origin_instance.clone())])}
                                                            {is_head.then(|| view! { " · "<strong>{i.t("history-current")}</strong> })}
                                                        </p>
                                                        <p>{i.t("history-changed")}": "<span class="changed">{changed}</span></p>
                                                        {(!r.parents.is_empty()).then(|| {
                                                            let parents = r.parents.iter().map(|p| p.chars().take(12).collect::<String>()).collect::<Vec<_>>().join(", ");
                                                            let key = match (r.parents.len(), r.author.as_str()) {
                                                                (_, MERGE_AUTHOR) => "history-merge",
                                                                (n, PREFERRED_AUTHOR) if n > 1 => "history-preferred",
                                                                (n, _) if n > 1 => "history-resolution",
                                                                _ => "history-parents",
                                                            };
                                                            view! { <p class="small">{i.ta(key, &[("revisions", parents)])}</p> }
                                                        })}
                                                        <p class="small"><code title=r.id.clone()>{short}</code></p>
                                                    </td>
                                                    <td>
                                                        {can_revert.then(|| view! {
                                                            <ActionForm action=revert attr:class="inline">
                                                                <input type="hidden" name="kind" value=kind.as_str()/>
                                                                <input type="hidden" name="id" value=id/>
                                                                <input type="hidden" name="revision" value=r.id.clone()/>
                                                                <input type="hidden" name="base_revision" value=head/>
                                                                <button type="submit" class="secondary">{i.t("action-revert")}</button>
                                                            </ActionForm>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <button type="submit">{i.t("action-compare")}</button>
                            </form>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn DiffPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("from"),
                q.get("to"),
            )
        },
        move |(id, from, to)| load_diff(kind, id, from, to, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let id = params.read().get("id").unwrap_or_default();
                match data.await {
                    Ok(Some(d)) => {
                        let title = i.ta("diff-title", &[("label", d.label.clone())]);
                        view! {
                            <Title text=title.clone()/>
                            <h1>{title}</h1>
                            <p>
                                <a href=format!("/{}/{id}/history", kind.plural())>{i.t("diff-back")}</a>
                            </p>
                            <div class="diff-sides">
                                <p><strong>{i.t("history-from")}": "</strong><Timestamp value=d.from.created_at.clone()/>" · "<code>{d.from.id.chars().take(12).collect::<String>()}</code></p>
                                <p><strong>{i.t("history-to")}": "</strong><Timestamp value=d.to.created_at.clone()/>" · "<code>{d.to.id.chars().take(12).collect::<String>()}</code></p>
                            </div>
                            {if d.changes.is_empty() {
                                view! { <p>{i.t("diff-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ChangesTable changes=d.changes sides=(i.t("diff-before"), i.t("diff-after"))/>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
