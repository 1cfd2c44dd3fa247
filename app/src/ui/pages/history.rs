use super::{entity_href, kind_singular, LoadError};
use crate::domain::EntityKind;
use crate::i18n::use_i18n;
use crate::server_fns::load_history;
use crate::ui::widgets::{vocab, Timestamp};
use crate::ui::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HistoryPage(kind: EntityKind) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_history(kind, id, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(h)) => {
                        let title = i.ta("history-title", &[("label", h.label.clone())]);
                        view! {
                            <Title text=title.clone()/>
                            <p class="kind-label">{i.t(&kind_singular(kind))}</p>
                            <h1>{title}</h1>
                            {if h.exists {
                                view! { <p><a href=entity_href(kind, &h.id)>{i.t("history-back")}</a></p> }.into_any()
                            } else {
                                view! { <p class="notice">{i.t("history-deleted")}</p> }.into_any()
                            }}
                            <ol class="history" reversed=true>
                                {h.items.into_iter().map(|r| {
                                    let changed = if r.changed.is_empty() { i.t("none") } else { r.changed.join(", ") };
                                    view! {
                                        <li>
                                            <p class="rev-head">
                                                <strong>{vocab(&i, &format!("op-{}", r.op))}</strong>" · "
                                                <Timestamp value=r.created_at/>" · "
                                                {i.ta("history-by", &[("author", r.author.clone()), ("instance", r.origin_instance.clone())])}
                                            </p>
                                            <p>{i.t("history-changed")}": "<span class="changed">{changed}</span></p>
                                            <p class="small">{i.t("meta-revision")}" "<code>{r.id}</code></p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
