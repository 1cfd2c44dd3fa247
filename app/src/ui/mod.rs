//! The web UI: shell, routes, layout. Pages render on the server as plain HTML whose
//! forms post and links navigate without JavaScript; only the islands (`#[island]`:
//! the pickers' and the search box's live matches) run in the browser.

pub mod charts;
pub mod graph;
pub mod media;
pub mod numbers;
pub mod pages;
pub mod picker;
pub mod widgets;

use crate::i18n::{self, I18n};
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};
use pages::*;

/// The UI language of this request: a `lang` query parameter (the address each
/// language version of a page has), the chooser's cookie, Accept-Language, English.
#[cfg(feature = "ssr")]
pub fn request_lang() -> &'static str {
    use_context::<axum::http::request::Parts>()
        .map(|parts| {
            parts
                .uri
                .query()
                .and_then(|q| {
                    url::form_urlencoded::parse(q.as_bytes())
                        .find(|(k, _)| k == "lang")
                        .and_then(|(_, v)| domain::lang::supported(&v))
                })
                .unwrap_or_else(|| lang_from_headers(&parts.headers))
        })
        .unwrap_or(domain::lang::DEFAULT_LANG)
}

/// The language chooser's cookie, then Accept-Language, then English.
#[cfg(feature = "ssr")]
pub fn lang_from_headers(headers: &axum::http::HeaderMap) -> &'static str {
    domain::lang::negotiate(
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The instance's name as its admin set it, for the header.
#[cfg(feature = "ssr")]
pub fn instance_name() -> String {
    use_context::<crate::state::AppState>()
        .map(|s| s.instance.name())
        .unwrap_or_else(|| "ThingData".into())
}

/// In the browser: read back from `<meta name="application-name">`, which the server
/// wrote into the page head.
#[cfg(not(feature = "ssr"))]
pub fn instance_name() -> String {
    document()
        .query_selector("meta[name=application-name]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "ThingData".into())
}

/// The languages the instance's content is written in, most used first: the first is
/// taken as the language of texts that do not record theirs.
#[cfg(feature = "ssr")]
pub fn content_languages() -> Vec<String> {
    use_context::<crate::state::AppState>()
        .map(|s| s.instance.get().languages)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| vec![domain::lang::DEFAULT_LANG.to_string()])
}

/// In the browser nothing is rendered from content (the islands get their words from
/// the server), so the default stands in.
#[cfg(not(feature = "ssr"))]
pub fn content_languages() -> Vec<String> {
    vec![domain::lang::DEFAULT_LANG.to_string()]
}

/// The language taken for texts that do not record theirs.
pub fn first_content_language() -> String {
    content_languages()
        .into_iter()
        .next()
        .unwrap_or_else(|| domain::lang::DEFAULT_LANG.to_string())
}

/// The licence the instance publishes its content under.
#[cfg(feature = "ssr")]
pub fn content_licence() -> domain::instance::Licence {
    use_context::<crate::state::AppState>()
        .map(|s| domain::instance::Licence::of(&s.instance.get().licence))
        .unwrap_or(domain::instance::LICENCES[0])
}

/// In the browser: read back from `<link rel="license">` in the page head.
#[cfg(not(feature = "ssr"))]
pub fn content_licence() -> domain::instance::Licence {
    document()
        .query_selector("link[rel=license]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("href"))
        .and_then(|url| domain::instance::Licence::by_url(&url))
        .unwrap_or(domain::instance::LICENCES[0])
}

/// In the browser the server already chose: read it back from `<html lang>`.
#[cfg(not(feature = "ssr"))]
pub fn request_lang() -> &'static str {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| domain::lang::supported(&l))
        .unwrap_or(domain::lang::DEFAULT_LANG)
}

/// Pages allow only their own resources, plus the inline scripts Leptos marks with this
/// response's nonce; WebAssembly compilation for the client bundle; no framing.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&csp) {
        res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, v);
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang dir=domain::lang::direction(lang)>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="application-name" content=instance_name()/>
                <link rel="license" href=content_licence().url/>
                <link rel="stylesheet" href="/style.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i = I18n {
        lang: request_lang(),
    };
    provide_context(i);
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // Page titles end in the instance's name as its admin set it.
    let site = instance_name();
    view! {
        <Title formatter=move |t: String| widgets::rcdata_text(format!("{t} · {site}"))/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/api") view=ApiPage ssr=SsrMode::Async/>
                    <Route path=path!("/about") view=AboutPage ssr=SsrMode::Async/>
                    <Route path=path!("/help") view=HelpIndexPage/>
                    <Route path=path!("/help/:topic") view=HelpPage/>
                    <Route path=path!("/people/:name") view=PersonPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/explore") view=ExplorePage ssr=SsrMode::Async/>
                    <Route path=path!("/conflicts") view=ConflictsPage ssr=SsrMode::Async/>
                    <Route path=path!("/translations") view=TranslationQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/translations") view=CompletenessPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view=AdminSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/impact") view=AdminFactorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/usage") view=AdminUsagePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/federation") view=AdminFederationPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/conflicts/:id") view=ConflictPage ssr=SsrMode::Async/>
                    <Route path=path!("/things") view=|| view! { <ListPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/new") view=|| view! { <FormPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id") view=|| view! { <EntityPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id/edit") view=|| view! { <FormPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/things/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Thing/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories") view=|| view! { <ListPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/new") view=|| view! { <FormPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id") view=|| view! { <EntityPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id/edit") view=|| view! { <FormPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Story/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides") view=|| view! { <ListPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/new") view=|| view! { <FormPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id") view=|| view! { <EntityPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id/edit") view=|| view! { <FormPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Guide/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships") view=|| view! { <ListPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/new") view=|| view! { <FormPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id") view=|| view! { <EntityPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id/edit") view=|| view! { <FormPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/relationships/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Relationship/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories") view=CategoryTreePage ssr=SsrMode::Async/>
                    <Route path=path!("/tags") view=TagsPage ssr=SsrMode::Async/>
                    <Route path=path!("/tags/:tag") view=TagPageView ssr=SsrMode::Async/>
                    <Route path=path!("/categories/unfiled") view=UnfiledPage ssr=SsrMode::Async/>
                    <Route path=path!("/categories/new") view=|| view! { <FormPage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id") view=|| view! { <EntityPage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/split") view=CategorySplitPage ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/edit") view=|| view! { <FormPage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Category/> } ssr=SsrMode::Async/>
                    <Route path=path!("/vocabularies") view=VocabulariesPage ssr=SsrMode::Async/>
                    <Route path=path!("/vocabularies/:name") view=VocabularyPage ssr=SsrMode::Async/>
                    <Route path=path!("/suggested-terms") view=SuggestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/terms") view=|| view! { <ListPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/new") view=|| view! { <FormPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id") view=|| view! { <EntityPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id/edit") view=|| view! { <FormPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id/translate") view=|| view! { <TranslatePage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Term/> } ssr=SsrMode::Async/>
                    <Route path=path!("/impact") view=ImpactPage ssr=SsrMode::Async/>
                    <Route path=path!("/repairs") view=|| view! { <ListPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/new") view=|| view! { <FormPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/:id") view=|| view! { <EntityPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/:id/edit") view=|| view! { <FormPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/repairs/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Repair/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events") view=|| view! { <ListPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/new") view=|| view! { <FormPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id") view=|| view! { <EntityPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/edit") view=|| view! { <FormPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Event/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes") view=|| view! { <ListPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/new") view=|| view! { <FormPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id") view=|| view! { <EntityPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id/edit") view=|| view! { <FormPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id/history") view=|| view! { <HistoryPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id/diff") view=|| view! { <DiffPage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id/delete") view=|| view! { <DeletePage kind=EntityKind::Outcome/> } ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn Layout(children: Children) -> impl IntoView {
    let i = i18n::use_i18n();
    let location = use_location();
    // A page the router reaches without a new request is counted from here; the server
    // counts the first load.
    Effect::new(move |seen: Option<()>| {
        let path = location.pathname.get();
        if seen.is_some() {
            leptos::task::spawn_local(async move {
                // A lost count is not worth bothering the reader with.
                let _ = crate::server_fns::note_page_view(path).await;
            });
        }
    });
    let back = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    let licence = content_licence();
    view! {
        <a class="skip" href="#main">{i.t("skip-to-content")}</a>
        <header class="site">
            <a class="brand" href="/">{instance_name()}</a>
            <form class="site-search" method="get" action="/search" role="search" aria-label=i.t("search-site-label")>
                <label for="site-search-q" class="sr-only">{i.t("search-label")}</label>
                <input id="site-search-q" type="search" name="q" placeholder=i.t("search-placeholder")/>
                <button type="submit">{i.t("search-submit")}</button>
            </form>
            // On a phone the links fold into this menu; on wider screens it is always open
            // (style.css), so it works the same with and without JavaScript.
            <details class="site-menu">
                <summary>{i.t("nav-menu")}</summary>
                <div class="menu-body">
                    <nav aria-label=i.t("nav-label")>
                        <ul>
                            <li><a href="/things">{i.t("nav-things")}</a></li>
                            <li><a href="/stories">{i.t("nav-stories")}</a></li>
                            <li><a href="/guides">{i.t("nav-guides")}</a></li>
                            <li><a href="/relationships">{i.t("nav-relationships")}</a></li>
                            <li><a href="/categories">{i.t("nav-categories")}</a></li>
                            <li><a href="/explore">{i.t("nav-explore")}</a></li>
                            <li><a href="/repairs">{i.t("nav-repairs")}</a></li>
                            <li><a href="/events">{i.t("nav-events")}</a></li>
                            <li><a href="/impact">{i.t("nav-impact")}</a></li>
                            <li><a href="/conflicts">{i.t("nav-conflicts")}</a></li>
                            <li><a href="/translations">{i.t("nav-translate")}</a></li>
                            <li><a href="/help">{i.t("nav-help")}</a></li>
                        </ul>
                    </nav>
                    <UserMenu/>
                    <form class="lang" method="get" action="/lang">
                        <label for="lang-select">{i.t("language-label")}</label>
                        <select id="lang-select" name="to">
                            {domain::lang::LANGUAGES
                                .iter()
                                .map(|(tag, name)| {
                                    view! { <option value=*tag selected=*tag == i.lang lang=*tag dir=domain::lang::direction(tag)>{*name}</option> }
                                })
                                .collect_view()}
                        </select>
                        <input type="hidden" name="back" value=back/>
                        <button type="submit">{i.t("language-apply")}</button>
                    </form>
                </div>
            </details>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site">
            <p>{i.t("footer-text")}</p>
            <p>
                {i.t("footer-licence")}" "
                <a rel="license" href=licence.url>{licence.name}</a>
            </p>
            <nav aria-label=i.t("footer-nav-label")>
                <ul>
                    <li><a href="/about">{i.t("nav-about")}</a></li>
                    <li><a href="/help">{i.t("nav-help")}</a></li>
                    <li><a href="/api">{i.t("nav-api")}</a></li>
                </ul>
            </nav>
        </footer>
    }
}

/// Sign-in links, or who is signed in with a sign-out button.
#[component]
fn UserMenu() -> impl IntoView {
    let i = i18n::use_i18n();
    let location = use_location();
    // Re-read on every navigation, so signing in or out shows at once.
    let me = Resource::new(
        move || location.pathname.get(),
        |_| crate::server_fns::current_user(),
    );
    let logout = ServerAction::<crate::server_fns::Logout>::new();
    view! {
        <div class="user-menu">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        Some(m) => view! {
                            {match m.role.as_str() {
                                "admin" => Some(view! { <a href="/admin/settings">{i.t("nav-admin")}</a> }.into_any()),
                                "moderator" => Some(view! { <a href="/admin/users">{i.t("nav-users")}</a> }.into_any()),
                                _ => None,
                            }}
                            {matches!(m.role.as_str(), "expert" | "moderator" | "admin").then(|| view! {
                                <a href="/moderation">{i.t("nav-moderation")}</a>
                            })}
                            <a href="/account">{i.ta("nav-account", &[("name", m.username)])}</a>
                            <ActionForm action=logout attr:class="inline">
                                <button type="submit" class="link">{i.t("action-logout")}</button>
                            </ActionForm>
                        }.into_any(),
                        None => {
                            let next = location.pathname.get_untracked();
                            view! {
                                <a href=format!("/login?next={next}")>{i.t("nav-login")}</a>
                                " "
                                <a href="/register">{i.t("nav-register")}</a>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i = i18n::use_i18n();
    widgets::set_status(404);
    view! {
        <Title text=i.t("not-found-title")/>
        <h1>{i.t("not-found-title")}</h1>
        <p>{i.t("not-found-text")}</p>
        <p><a href="/">{i.t("back-home")}</a></p>
    }
}
