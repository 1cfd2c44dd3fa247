//! Federation pages: peers and trust for admins, held revisions for experts.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::use_i18n;
use crate::server_fns::{
    load_federation, load_held, AnswerPeer, ConnectPeer, ReviewHeld, SetPeerTrust, HELD_PAGE_SIZE,
};
use crate::ui::widgets::{author_name, ChangesTable, Pagination, Timestamp};
use domain::peer::{PeerState, TRUST_LEVELS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The outcome of the last action, from the redirect's query.
#[component]
fn ActionNotice() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    move || {
        let q = query.read();
        if q.get("done").is_some() {
            return Some(
                view! { <p class="notice success" role="status">{i.t("notice-saved")}</p> }
                    .into_any(),
            );
        }
        let key = q.get("error")?;
        if key == "forbidden" {
            return Some(
                view! { <p class="notice warning" role="alert">{i.t("admin-only")}</p> }.into_any(),
            );
        }
        let known = key.starts_with("federation-error-");
        let detail = q.get("detail").unwrap_or_default();
        Some(
            view! {
                <p class="notice error" role="alert">
                    {if known { i.t(&key) } else { i.t("load-error") }}
                    {(!detail.is_empty()).then(|| view! { <br/><small>{detail}</small> })}
                </p>
            }
            .into_any(),
        )
    }
}

/// Admins connect to other instances, answer their requests and set their trust.
#[component]
pub fn AdminFederationPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || (query.read().get("done"), query.read().get("error")),
        |_| load_federation(),
    );
    let connect = ServerAction::<ConnectPeer>::new();
    let answer = ServerAction::<AnswerPeer>::new();
    let trust = ServerAction::<SetPeerTrust>::new();
    view! {
        <Title text=i.t("federation-title")/>
        <h1>{i.t("federation-title")}</h1>
        <super::admin::AdminNav/>
        <ActionNotice/>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => {
                        let typed = query.read().get("url").unwrap_or_default();
                        view! {
                            <section aria-labelledby="federation-connect">
                                <h2 id="federation-connect">{i.t("federation-connect")}</h2>
                                <p>{i.t("federation-connect-text")}</p>
                                <ActionForm action=connect attr:class="inline">
                                    <label for="peer-url">{i.t("federation-url")}</label>
                                    " "
                                    <input id="peer-url" name="url" type="text" inputmode="url" required placeholder="https://repair.example" value=typed/>
                                    " "
                                    <button type="submit" class="primary">{i.t("federation-connect-submit")}</button>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="federation-peers">
                                <h2 id="federation-peers">{i.t("federation-peers")}</h2>
                                {if page.peers.is_empty() {
                                    view! { <p class="empty">{i.t("federation-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="diff peers">
                                            <thead><tr>
                                                <th scope="col">{i.t("federation-peer")}</th>
                                                <th scope="col">{i.t("federation-state")}</th>
                                                <th scope="col">{i.t("federation-trust")}</th>
                                                <th scope="col">{i.t("federation-last-contact")}</th>
                                                <th scope="col">{i.t("federation-exchanged")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {page.peers.into_iter().map(|p| {
                                                    let trust_id = format!("trust-{}", p.id);
                                                    let state_key = format!("federation-state-{}", p.state);
                                                    let pending = p.state == PeerState::Pending;
                                                    let ends = matches!(p.state, PeerState::Connected | PeerState::Requested);
                                                    // A request the other side did not take is said so, with a way to send it again.
                                                    let undelivered = p.state == PeerState::Requested && p.last_error.is_some();
                                                    let state_key = if undelivered { "federation-state-undelivered".to_string() } else { state_key };
                                                    let retry_url = p.info.url.clone();
                                                    let (id1, id2, id3) = (p.id.clone(), p.id.clone(), p.id.clone());
                                                    view! {
                                                        <tr>
                                                            <td>
                                                                <a href=p.info.url.clone() rel="noopener">{p.info.name.clone()}</a>
                                                                <br/><small>{p.info.url.clone()}</small>
                                                                {(!p.info.description.is_empty()).then(|| view! { <br/><small>{p.info.description.clone()}</small> })}
                                                                <br/><small>{p.info.languages.join(", ")}" · "{p.info.software.clone()}</small>
                                                                {(!p.info.capabilities.is_empty()).then(|| view! { <br/><small class="capabilities">{i.t("federation-capabilities")}" "{p.info.capabilities.join(", ")}</small> })}
                                                                <br/><small class="key">{i.t("federation-key")}" "<code>{p.info.public_key.chars().take(16).collect::<String>()}"…"</code></small>
                                                            </td>
                                                            <td>
                                                                <span class=format!("badge state-{}", if undelivered { "undelivered" } else { p.state.as_str() })>{i.t(&state_key)}</span>
                                                                {undelivered.then(|| view! {
                                                                    <ActionForm action=connect attr:class="inline">
                                                                        <input type="hidden" name="url" value=retry_url/>
                                                                        <button type="submit" class="primary">{i.t("federation-retry")}</button>
                                                                    </ActionForm>
                                                                })}
                                                                {pending.then(|| view! {
                                                                    <ActionForm action=answer attr:class="inline">
                                                                        <input type="hidden" name="id" value=id1/>
                                                                        <button type="submit" name="answer" value="accept" class="primary">{i.t("federation-accept")}</button>
                                                                        " "
                                                                        <button type="submit" name="answer" value="refuse" class="secondary">{i.t("federation-refuse")}</button>
                                                                    </ActionForm>
                                                                })}
                                                                {ends.then(|| view! {
                                                                    <ActionForm action=answer attr:class="inline">
                                                                        <input type="hidden" name="id" value=id2/>
                                                                        <button type="submit" name="answer" value="refuse" class="secondary">{i.t("federation-disconnect")}</button>
                                                                    </ActionForm>
                                                                })}
                                                                {p.last_error.clone().map(|e| view! { <p class="error-text" role=undelivered.then_some("alert")>{e}</p> })}
                                                            </td>
                                                            <td>
                                                                <ActionForm action=trust attr:class="inline">
                                                                    <input type="hidden" name="id" value=id3/>
                                                                    <label class="sr-only" for=trust_id.clone()>{i.t("federation-trust")}</label>
                                                                    <select id=trust_id name="trust">
                                                                        {TRUST_LEVELS.iter().map(|t| view! {
                                                                            <option value=t.as_str() selected=*t == p.trust>{i.t(&format!("federation-trust-{t}"))}</option>
                                                                        }).collect_view()}
                                                                    </select>
                                                                    " "
                                                                    <button type="submit" class="secondary">{i.t("action-save")}</button>
                                                                </ActionForm>
                                                            </td>
                                                            <td>{p.last_contact.clone().map(|t| view! { <Timestamp value=t/> })}</td>
                                                            <td>{i.t("federation-in")}" "{p.revisions_in}<br/>{i.t("federation-out")}" "{p.revisions_out}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                            <section aria-labelledby="federation-me">
                                <h2 id="federation-me">{i.t("federation-me")}</h2>
                                <p>{i.t("federation-me-text")}</p>
                                <dl class="properties">
                                    <dt>{i.t("federation-url")}</dt><dd><code>{page.me.url.clone()}</code></dd>
                                    <dt>{i.t("federation-actor")}</dt><dd><a href=page.me.actor_url.clone()><code>{page.me.actor_url.clone()}</code></a></dd>
                                    <dt>{i.t("federation-key")}</dt><dd><code class="wrap">{page.me.public_key.clone()}</code></dd>
                                </dl>
                            </section>
                        }.into_any()
                    }
                    Ok(None) => view! { <super::admin::AdminOnly back="/admin/federation"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Experts review revisions from untrusted peers before they are published.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let data = Resource::new(
        move || (page(), query.read().get("done"), query.read().get("error")),
        move |(page, _, _)| load_held(i.lang.to_string(), Some((page - 1) * HELD_PAGE_SIZE)),
    );
    let review = ServerAction::<ReviewHeld>::new();
    view! {
        <Title text=i.t("moderation-title")/>
        <h1>{i.t("moderation-title")}</h1>
        <p>{i.t("moderation-intro")}</p>
        <ActionNotice/>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(held)) if held.items.is_empty() => view! { <p class="empty">{i.t("moderation-none")}</p> }.into_any(),
                    Ok(Some(held)) => view! {
                        <ol class="held">
                            {held.items.into_iter().map(|h| {
                                let title = if h.title.is_empty() { h.entity_id.clone() } else { h.title.clone() };
                                let op_key = format!("moderation-op-{}", h.op);
                                let heading_id = format!("held-{}", h.revision_id);
                                let labelled_by = heading_id.clone();
                                let caption = if h.known_entity { i.t("moderation-changes-known") } else { i.t("moderation-changes-new") };
                                view! {
                                    <li class="held-item">
                                        <article aria-labelledby=labelled_by>
                                            <h2 id=heading_id class="held-title">
                                                <span class="badge">{i.t(&kind_singular(h.kind))}</span>" "
                                                {if h.known_entity {
                                                    view! { <a href=entity_href(h.kind, &h.entity_id)>{title}</a> }.into_any()
                                                } else {
                                                    view! { <span>{title}</span> }.into_any()
                                                }}
                                                " "<span class="badge">{i.t(&op_key)}</span>
                                            </h2>
                                            <p class="small">
                                                {i.t("moderation-author")}" "{author_name(&i, &h.author)}" · "{h.origin.clone()}<br/>
                                                {i.t("moderation-from")}": "{h.peer.clone()}" · "
                                                {i.t("moderation-received")}" "<Timestamp value=h.received_at.clone()/>
                                            </p>
                                            {if h.changes.is_empty() {
                                                view! { <p>{i.t("moderation-no-changes")}</p> }.into_any()
                                            } else {
                                                view! {
                                                    <ChangesTable changes=h.changes caption=caption sides=(i.t("moderation-here"), i.t("moderation-theirs"))/>
                                                }.into_any()
                                            }}
                                            <ActionForm action=review attr:class="form-actions">
                                                <input type="hidden" name="revision_id" value=h.revision_id.clone()/>
                                                <button type="submit" name="decision" value="accept" class="primary">{i.t("moderation-accept")}</button>
                                                <button type="submit" name="decision" value="reject" class="secondary">{i.t("moderation-reject")}</button>
                                            </ActionForm>
                                        </article>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <Pagination base="/moderation".to_string() page=page() total=held.total page_size=HELD_PAGE_SIZE/>
                    }.into_any(),
                    Ok(None) => view! {
                        <p class="notice warning">{i.t("moderation-experts-only")}" "<a href="/login?next=/moderation">{i.t("nav-login")}</a></p>
                    }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
