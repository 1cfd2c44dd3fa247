//! Pages about the site rather than its knowledge: About (who runs it, its licence and
//! federation), the Help pages for members, experts and admins, and a person's
//! contributions.

use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{load_about, load_person};
use crate::ui::widgets::{author_name, ChangeList};
use crate::ui::NotFound;
use domain::instance::Licence;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn AboutPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| load_about());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => {
                        let title = i.ta("about-title", &[("name", a.name.clone())]);
                        let licence = Licence::of(&a.licence);
                        let contact = (!a.contact.is_empty()).then(|| {
                            let href = if a.contact.contains('@') && !a.contact.contains('/') {
                                Some(format!("mailto:{}", a.contact))
                            } else if a.contact.starts_with("https://") || a.contact.starts_with("http://") {
                                Some(a.contact.clone())
                            } else {
                                None
                            };
                            view! {
                                <dt>{i.t("about-contact")}</dt>
                                <dd>{match href {
                                    Some(h) => view! { <a href=h>{a.contact.clone()}</a> }.into_any(),
                                    None => view! { <span>{a.contact.clone()}</span> }.into_any(),
                                }}</dd>
                            }
                        });
                        view! {
                            <Title text=title.clone()/>
                            <h1>{title}</h1>
                            {(!a.description.trim().is_empty()).then(|| view! { <p class="lead">{a.description.clone()}</p> })}
                            <dl class="props">
                                {contact}
                                <dt>{i.t("about-address")}</dt><dd><code>{a.public_url.clone()}</code></dd>
                                <dt>{i.t("about-licence")}</dt>
                                <dd><a rel="license" href=licence.url>{licence.name}</a></dd>
                                <dt>{i.t("about-languages")}</dt><dd>{a.languages.join(", ")}</dd>
                                <dt>{i.t("about-registration")}</dt><dd>{i.t(&format!("registration-{}", a.registration))}</dd>
                            </dl>
                            <h2>{i.t("about-licence-heading")}</h2>
                            <p>{i.ta("about-licence-text", &[("licence", licence.name.to_string())])}</p>
                            <h2>{i.t("about-federation")}</h2>
                            <p>{i.t("about-federation-text")}</p>
                            {if a.peers.is_empty() {
                                view! { <p>{i.t("about-federation-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{i.ta("about-federation-peers", &[("count", a.peers.len().to_string())])}</p>
                                    <ul>
                                        {a.peers.into_iter().map(|(name, url)| view! {
                                            <li><a href=url.clone() rel="external">{name}</a>" "<small>{url}</small></li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p><a href="/help">{i.t("about-help-link")}</a>" · "<a href="/api">{i.t("about-api-link")}</a></p>
                        }.into_any()
                    }
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The help topics, each for the people it is written for.
const HELP_TOPICS: [(&str, &str); 4] = [
    ("contributing", "members"),
    ("conflicts", "members"),
    ("moderating", "experts"),
    ("administering", "admins"),
];

#[component]
pub fn HelpIndexPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("help-title")/>
        <h1>{i.t("help-title")}</h1>
        <p class="lead">{i.t("help-intro")}</p>
        <ul class="help-topics">
            {HELP_TOPICS.iter().map(|(topic, audience)| view! {
                <li>
                    <a href=format!("/help/{topic}")>{i.t(&format!("help-{topic}-title"))}</a>
                    " "<small>{i.t(&format!("help-for-{audience}"))}</small>
                    <br/>{i.t(&format!("help-{topic}-summary"))}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// One help topic: its paragraphs are the messages `help-<topic>-p1`, `-p2`, … of the
/// page's language, so a translation may use as many as it needs.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    move || {
        let topic = params.read().get("topic").unwrap_or_default();
        let Some((topic, audience)) = HELP_TOPICS.iter().find(|(t, _)| *t == topic) else {
            return view! { <NotFound/> }.into_any();
        };
        let title = i.t(&format!("help-{topic}-title"));
        let paragraphs: Vec<String> = (1..)
            .map(|n| format!("help-{topic}-p{n}"))
            .take_while(|key| crate::i18n::has_message(i.lang, key))
            .map(|key| i.t(&key))
            .collect();
        view! {
            <Title text=title.clone()/>
            <Meta name="description" content=i.t(&format!("help-{topic}-summary"))/>
            <p class="kind-label">{i.t(&format!("help-for-{audience}"))}</p>
            <h1>{title}</h1>
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            <p><a href="/help">{i.t("help-back")}</a></p>
        }
        .into_any()
    }
}

/// What someone on this instance has written, as anyone may see it.
#[component]
pub fn PersonPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("name").unwrap_or_default(),
        move |name| load_person(name, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let name = params.read().get("name").unwrap_or_default();
                match data.await {
                    Ok(Some(changes)) => {
                        let title = i.ta("person-title", &[("name", author_name(&i, &name))]);
                        view! {
                            <Title text=title.clone()/>
                            <h1>{title}</h1>
                            <p>{i.t("person-intro")}</p>
                            <ChangeList changes/>
                        }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
