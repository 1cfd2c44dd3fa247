//! Administration pages: users and roles, instance settings, the audit log.

use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{
    load_audit, load_settings, load_users, CreateInvite, SaveSettings, SetUserDisabled, UpdateUser,
    UsersPage, AUDIT_PAGE_SIZE,
};
use crate::ui::widgets::{problem_text, rcdata_text, vocab, Pagination, Timestamp};
use domain::instance::{LICENCES, REGISTRATION_MODES};
use domain::policy::ROLES;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Links between the admin pages.
#[component]
pub(super) fn AdminNav() -> impl IntoView {
    let i = use_i18n();
    view! {
        <nav class="tabs" aria-label=i.t("admin-nav")>
            <a href="/admin/users">{i.t("admin-users-title")}</a>
            <a href="/admin/settings">{i.t("admin-settings-title")}</a>
            <a href="/admin/federation">{i.t("federation-title")}</a>
            <a href="/admin/audit">{i.t("admin-audit-title")}</a>
            <a href="/admin/impact">{i.t("factors-title")}</a>
            <a href="/admin/usage">{i.t("usage-title")}</a>
            <a href="/admin/translations">{i.t("completeness-title")}</a>
        </nav>
    }
}

#[component]
pub(super) fn AdminOnly(#[prop(into)] back: String) -> impl IntoView {
    let i = use_i18n();
    view! { <p class="notice warning">{i.t("admin-only")}" "<a href=format!("/login?next={back}")>{i.t("nav-login")}</a></p> }
}

/// Admins change roles, approve sign-ups, disable accounts and invite people here.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("saved"), |_| load_users());
    let update = ServerAction::<UpdateUser>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let invite = ServerAction::<CreateInvite>::new();
    view! {
        <Title text=i.t("admin-users-title")/>
        <h1>{i.t("admin-users-title")}</h1>
        <AdminNav/>
        {move || query.read().get("saved").map(|_| view! { <p class="notice success" role="status">{i.t("notice-saved")}</p> })}
        {move || query.read().get("error").map(|_| view! { <p class="notice warning" role="alert">{i.t("admin-users-error")}</p> })}
        {move || query.read().get("invite").map(|code| view! {
            <p class="notice success" role="status">{i.t("admin-invite-created")}" "<code class="invite-code">{code}</code></p>
        })}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(UsersPage { users, manage: false })) => view! {
                        <table class="diff">
                            <thead><tr>
                                <th scope="col">{i.t("login-username")}</th>
                                <th scope="col">{i.t("account-role")}</th>
                                <th scope="col">{i.t("admin-users-disabled")}</th>
                            </tr></thead>
                            <tbody>
                                {users.into_iter().map(|u| {
                                    let off_id = format!("disabled-{}", u.username);
                                    view! {
                                        <tr>
                                            <td>{u.username.clone()}</td>
                                            <td>{vocab(&i, &u.role)}</td>
                                            <td>
                                                <ActionForm action=disable attr:class="inline">
                                                    <input type="hidden" name="username" value=u.username.clone()/>
                                                    <input type="checkbox" id=off_id.clone() name="disabled" value="yes" checked=u.disabled/>
                                                    <label for=off_id>{i.t("admin-users-disabled")}</label>
                                                    " "
                                                    <button type="submit" class="secondary">{i.t("action-save")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Ok(Some(UsersPage { users, .. })) => view! {
                        <table class="diff">
                            <thead><tr>
                                <th scope="col">{i.t("login-username")}</th>
                                <th scope="col">{i.t("register-email")}</th>
                                <th scope="col">{i.t("admin-users-since")}</th>
                                <th scope="col">{i.t("account-role")}</th>
                            </tr></thead>
                            <tbody>
                                {users.into_iter().map(|u| {
                                    let role_id = format!("role-{}", u.username);
                                    let off_id = format!("disabled-{}", u.username);
                                    let approve_id = format!("approve-{}", u.username);
                                    view! {
                                        <tr>
                                            <td>{u.username.clone()}{u.pending.then(|| view! { " " <span class="badge">{i.t("admin-users-pending")}</span> })}</td>
                                            <td>{u.email.clone()}</td>
                                            <td><Timestamp value=u.created_at.clone()/></td>
                                            <td>
                                                <ActionForm action=update attr:class="inline">
                                                    <input type="hidden" name="username" value=u.username.clone()/>
                                                    <label class="sr-only" for=role_id.clone()>{i.t("account-role")}</label>
                                                    <select id=role_id name="role">
                                                        {ROLES.iter().map(|r| view! { <option value=*r selected=*r == u.role>{vocab(&i, r)}</option> }).collect_view()}
                                                    </select>
                                                    " "
                                                    {u.pending.then(|| view! {
                                                        <input type="checkbox" id=approve_id.clone() name="approve" value="yes"/>
                                                        <label for=approve_id.clone()>{i.t("admin-users-approve")}</label>
                                                        " "
                                                    })}
                                                    <input type="checkbox" id=off_id.clone() name="disabled" value="yes" checked=u.disabled/>
                                                    <label for=off_id>{i.t("admin-users-disabled")}</label>
                                                    " "
                                                    <button type="submit" class="secondary">{i.t("action-save")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <h2>{i.t("admin-invite-title")}</h2>
                        <p>{i.t("admin-invite-text")}</p>
                        <ActionForm action=invite>
                            <button type="submit" class="secondary">{i.t("admin-invite-submit")}</button>
                        </ActionForm>
                    }.into_any(),
                    Ok(None) => view! { <AdminOnly back="/admin/users"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Name, description, languages, registration policy and privacy of the instance.
#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("draft"), load_settings);
    let save = ServerAction::<SaveSettings>::new();
    view! {
        <Title text=i.t("admin-settings-title")/>
        <h1>{i.t("admin-settings-title")}</h1>
        <AdminNav/>
        {move || query.read().get("welcome").map(|_| view! { <p class="notice success" role="status">{i.t("setup-done")}</p> })}
        {move || query.read().get("saved").map(|_| view! { <p class="notice success" role="status">{i.t("notice-saved")}</p> })}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(form)) => {
                        let problems = form.problems.clone();
                        let errs = move |field: &str| {
                            let list: Vec<String> = problems.iter().filter(|p| p.path == field).map(|p| problem_text(&i, p)).collect();
                            (!list.is_empty()).then(|| view! {
                                <ul class="problems" id=format!("settings-{field}-problems") role="alert">
                                    {list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                                </ul>
                            })
                        };
                        let s = form.settings.clone();
                        view! {
                            <ActionForm action=save attr:class="entity-form">
                                <div class="field">
                                    <label for="settings-name">{i.t("admin-settings-name")}</label>
                                    <input id="settings-name" name="name" value=s.name.clone() required=true/>
                                    {errs("name")}
                                </div>
                                <div class="field">
                                    <label for="settings-description">{i.t("admin-settings-description")}</label>
                                    <textarea id="settings-description" name="description" rows="4">{rcdata_text(s.description.clone())}</textarea>
                                    {errs("description")}
                                </div>
                                <div class="field">
                                    <label for="settings-contact">{i.t("admin-settings-contact")}</label>
                                    <small class="hint" id="settings-contact-hint">{i.t("admin-settings-contact-hint")}</small>
                                    <input id="settings-contact" name="contact" value=s.contact.clone() aria-describedby="settings-contact-hint"/>
                                    {errs("contact")}
                                </div>
                                <div class="field">
                                    <label for="settings-licence">{i.t("admin-settings-licence")}</label>
                                    <small class="hint" id="settings-licence-hint">{i.t("admin-settings-licence-hint")}</small>
                                    <select id="settings-licence" name="licence" aria-describedby="settings-licence-hint">
                                        {LICENCES.iter().map(|l| view! {
                                            <option value=l.id selected=s.licence == l.id>{l.name}</option>
                                        }).collect_view()}
                                    </select>
                                    {errs("licence")}
                                </div>
                                <div class="field">
                                    <label for="settings-languages">{i.t("admin-settings-languages")}</label>
                                    <small class="hint">{i.t("admin-settings-languages-hint")}</small>
                                    <input id="settings-languages" name="languages" value=form.languages_text.clone()/>
                                    {errs("languages")}
                                </div>
                                <fieldset class="field">
                                    <legend>{i.t("admin-settings-registration")}</legend>
                                    {REGISTRATION_MODES.iter().map(|m| {
                                        let id = format!("registration-{m}");
                                        view! {
                                            <div>
                                                <input type="radio" id=id.clone() name="registration" value=*m checked=s.registration == *m/>
                                                <label for=id>{i.t(&format!("registration-{m}"))}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                    {errs("registration")}
                                </fieldset>
                                <div class="field">
                                    <input type="checkbox" id="settings-private" name="private" value="yes" checked=s.private/>
                                    <label for="settings-private">{i.t("admin-settings-private")}</label>
                                </div>
                                <div class="field">
                                    <input type="checkbox" id="settings-private-peers" name="allow_private_peers" value="yes" checked=s.allow_private_peers/>
                                    <label for="settings-private-peers">{i.t("admin-settings-private-peers")}</label>
                                </div>
                                <div class="form-actions">
                                    <button type="submit" class="primary">{i.t("action-save")}</button>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    Ok(None) => view! { <AdminOnly back="/admin/settings"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The audit log, filterable by action, actor and target.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    let page = move || q("page").parse::<i64>().unwrap_or(1).max(1);
    let data = Resource::new(
        move || (q("action"), q("actor"), q("target"), page()),
        |(action, actor, target, page)| {
            load_audit(
                Some(action),
                Some(actor),
                Some(target),
                Some((page - 1) * AUDIT_PAGE_SIZE),
            )
        },
    );
    view! {
        <Title text=i.t("admin-audit-title")/>
        <h1>{i.t("admin-audit-title")}</h1>
        <AdminNav/>
        <form method="get" action="/admin/audit" class="filters">
            <label for="audit-action">{i.t("admin-audit-action")}</label>
            <select id="audit-action" name="action">
                <option value="">{i.t("select-none")}</option>
                {domain::audit::ACTIONS.iter().map(|a| view! { <option value=*a selected=move || q("action") == *a>{*a}</option> }).collect_view()}
            </select>
            <label for="audit-actor">{i.t("admin-audit-actor")}</label>
            <input id="audit-actor" name="actor" value=move || q("actor")/>
            <label for="audit-target">{i.t("admin-audit-target")}</label>
            <input id="audit-target" name="target" value=move || q("target")/>
            <button type="submit" class="secondary">{i.t("filter-apply")}</button>
        </form>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(a)) => {
                        let base = format!(
                            "/admin/audit?action={}&actor={}&target={}",
                            enc(&q("action")), enc(&q("actor")), enc(&q("target"))
                        );
                        view! {
                            <table class="diff audit">
                                <thead><tr>
                                    <th scope="col">"#"</th>
                                    <th scope="col">{i.t("admin-audit-when")}</th>
                                    <th scope="col">{i.t("admin-audit-actor")}</th>
                                    <th scope="col">{i.t("admin-audit-action")}</th>
                                    <th scope="col">{i.t("admin-audit-target")}</th>
                                    <th scope="col">{i.t("admin-audit-detail")}</th>
                                    <th scope="col">{i.t("admin-audit-ip")}</th>
                                </tr></thead>
                                <tbody>
                                    {a.entries.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{e.seq}</td>
                                            <td><Timestamp value=e.at/></td>
                                            <td>{e.actor}</td>
                                            <td>{audit_event(&i, &e.action)}<br/><small><code>{e.action.clone()}</code></small></td>
                                            <td>{e.target}</td>
                                            <td>{e.detail}</td>
                                            <td>{e.ip}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pagination base page=page() total=a.total page_size=a.limit/>
                        }.into_any()
                    }
                    Ok(None) => view! { <AdminOnly back="/admin/audit"/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// An audit event in words, with its code kept beside it for filtering (`?action=`).
fn audit_event(i: &crate::i18n::I18n, code: &str) -> String {
    let key = format!("audit-{}", code.replace(['.', '_'], "-"));
    if crate::i18n::has_message(domain::lang::DEFAULT_LANG, &key) {
        i.t(&key)
    } else {
        code.to_string()
    }
}
