//! Pages for sign-in, registration, first-admin setup and the user's own account.

use super::LoadError;
use crate::i18n::use_i18n;
use crate::server_fns::{
    load_account, load_register_form, setup_open, ChangePassword, Login, Register,
    SetPreferredLanguage, Setup,
};
use crate::ui::widgets::{field_id, problem_text, vocab, ChangeList};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let login = ServerAction::<Login>::new();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();
    view! {
        <Title text=i.t("login-title")/>
        <h1>{i.t("login-title")}</h1>
        {move || (q("notice") == "pending").then(|| view! { <p class="notice success" role="status">{i.t("login-pending-notice")}</p> })}
        // A form save refused for want of an account comes here with its kept draft.
        {move || q("next").contains("draft=").then(|| view! { <p class="notice" role="status">{i.t("login-draft-kept")}</p> })}
        {move || {
            let text = match q("error").as_str() {
                "" => return None,
                "pending" => i.t("login-pending"),
                "locked" => i.ta("login-locked", &[("seconds", q("retry"))]),
                _ => i.t("login-error"),
            };
            Some(view! { <p class="notice warning" role="alert">{text}</p> })
        }}
        <ActionForm action=login attr:class="entity-form narrow">
            <input type="hidden" name="next" value=move || q("next")/>
            <div class="field">
                <label for="login-username">{i.t("login-username")}</label>
                <input id="login-username" name="username" autocomplete="username" required=true value=move || q("username")/>
            </div>
            <div class="field">
                <label for="login-password">{i.t("login-password")}</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" required=true/>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">{i.t("login-submit")}</button>
            </div>
        </ActionForm>
        <p>{i.t("login-no-account")}" "<a href="/register">{i.t("nav-register")}</a></p>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let register = ServerAction::<Register>::new();
    let data = Resource::new(move || query.read().get("draft"), load_register_form);
    view! {
        <Title text=i.t("register-title")/>
        <h1>{i.t("register-title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let form = data.await.unwrap_or_default();
                let p = form.problems.clone();
                let invite_only = form.registration == "invite";
                view! {
                    {(form.registration == "approval").then(|| view! { <p class="notice">{i.t("register-approval")}</p> })}
                    {invite_only.then(|| view! { <p class="notice">{i.t("register-invite-only")}</p> })}
                    <ActionForm action=register attr:class="entity-form narrow">
                        {account_field(&i, &p, ("username", "text", "username"), i.t("login-username"), form.username.clone(), None)}
                        {account_field(&i, &p, ("email", "email", "email"), i.t("register-email"), form.email.clone(), None)}
                        {account_field(&i, &p, ("password", "password", "new-password"), i.t("login-password"), String::new(), Some(i.t("register-password-hint")))}
                        {account_field(&i, &p, ("password_again", "password", "new-password"), i.t("register-password-again"), String::new(), None)}
                        {invite_only.then(|| account_field(&i, &p, ("invite", "text", "off"), i.t("register-invite"), form.invite.clone(), None))}
                        <div class="form-actions">
                            <button type="submit" class="primary">{i.t("register-submit")}</button>
                        </div>
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}

/// First-run setup: creates the first admin; exists only while no admin does.
#[component]
pub fn SetupPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let setup = ServerAction::<Setup>::new();
    let open = Resource::new(|| (), |_| setup_open());
    let data = Resource::new(move || query.read().get("draft"), load_register_form);
    view! {
        <Title text=i.t("setup-title")/>
        <h1>{i.t("setup-title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match (open.await, data.await) {
                    (Ok(true), Ok(form)) => {
                        let p = form.problems.clone();
                        view! {
                            <p>{i.t("setup-intro")}</p>
                            <ActionForm action=setup attr:class="entity-form narrow">
                                {account_field(&i, &p, ("username", "text", "username"), i.t("login-username"), form.username.clone(), None)}
                                {account_field(&i, &p, ("email", "email", "email"), i.t("register-email"), form.email.clone(), None)}
                                {account_field(&i, &p, ("password", "password", "new-password"), i.t("login-password"), String::new(), Some(i.t("register-password-hint")))}
                                {account_field(&i, &p, ("password_again", "password", "new-password"), i.t("register-password-again"), String::new(), None)}
                                <div class="form-actions">
                                    <button type="submit" class="primary">{i.t("setup-submit")}</button>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    (Ok(false), _) => {
                        super::super::widgets::set_status(404);
                        view! { <p>{i.t("setup-closed")}" "<a href="/login">{i.t("nav-login")}</a></p> }.into_any()
                    }
                    _ => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One labelled input of the sign-up form with its problems: (name, type, autocomplete).
fn account_field(
    i: &crate::i18n::I18n,
    problems: &[domain::Problem],
    (name, kind, auto): (&'static str, &'static str, &'static str),
    label: String,
    value: String,
    hint: Option<String>,
) -> impl IntoView {
    let id = field_id(name);
    let errs: Vec<String> = problems
        .iter()
        .filter(|p| p.path == name)
        .map(|p| problem_text(i, p))
        .collect();
    let invalid = !errs.is_empty();
    let err_id = format!("{id}-problems");
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <small class="hint">{h}</small> })}
            <input id=id name=name type=kind value=value autocomplete=auto required=true
                aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some(err_id.clone())/>
            {invalid.then(|| view! {
                <ul class="problems" id=err_id role="alert">{errs.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("draft"),
        move |draft| load_account(i.lang.to_string(), draft),
    );
    let change_password = ServerAction::<ChangePassword>::new();
    let set_language = ServerAction::<SetPreferredLanguage>::new();
    view! {
        <Title text=i.t("account-title")/>
        <h1>{i.t("account-title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let q = |k: &str| query.read().get(k).unwrap_or_default();
                let saved = match q("saved").as_str() {
                    "password" => Some(i.t("account-password-saved")),
                    "language" => Some(i.t("notice-saved")),
                    _ => None,
                };
                match data.await {
                    Ok(Some(a)) => {
                        let p = a.problems.clone();
                        let current_lang = a.me.language.clone();
                        view! {
                        {(!q("welcome").is_empty()).then(|| view! { <p class="notice success" role="status">{i.t("account-welcome")}</p> })}
                        {saved.map(|t| view! { <p class="notice success" role="status">{t}</p> })}
                        {(!q("error").is_empty()).then(|| view! { <p class="notice warning" role="alert">{i.t("account-language-error")}</p> })}
                        <dl class="props">
                            <dt>{i.t("login-username")}</dt><dd>{a.me.username.clone()}</dd>
                            <dt>{i.t("register-email")}</dt><dd>{a.me.email.clone()}</dd>
                            <dt>{i.t("account-role")}</dt><dd>{vocab(&i, &a.me.role)}</dd>
                        </dl>
                        <h2 id="language">{i.t("account-language")}</h2>
                        <ActionForm action=set_language attr:class="entity-form narrow">
                            <div class="field">
                                <label for="preferred-language">{i.t("account-language")}</label>
                                <select id="preferred-language" name="language">
                                    <option value="" selected=current_lang.is_empty()>{i.t("account-language-browser")}</option>
                                    {domain::lang::LANGUAGES.iter().map(|(tag, name)| view! {
                                        <option value=*tag lang=*tag dir=domain::lang::direction(tag) selected=current_lang == *tag>{*name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="form-actions">
                                <button type="submit" class="secondary">{i.t("action-save")}</button>
                            </div>
                        </ActionForm>
                        <h2 id="password">{i.t("account-password")}</h2>
                        <ActionForm action=change_password attr:class="entity-form narrow">
                            {account_field(&i, &p, ("current_password", "password", "current-password"), i.t("account-password-current"), String::new(), None)}
                            {account_field(&i, &p, ("new_password", "password", "new-password"), i.t("account-password-new"), String::new(), Some(i.t("register-password-hint")))}
                            {account_field(&i, &p, ("new_password_again", "password", "new-password"), i.t("register-password-again"), String::new(), None)}
                            <div class="form-actions">
                                <button type="submit" class="secondary">{i.t("account-password-submit")}</button>
                            </div>
                        </ActionForm>
                        <h2>{i.t("account-contributions")}</h2>
                        {if a.contributions.is_empty() {
                            view! { <p>{i.t("account-none")}</p> }.into_any()
                        } else {
                            view! { <ChangeList changes=a.contributions/> }.into_any()
                        }}
                    }.into_any()
                    }
                    Ok(None) => view! { <p>{i.t("account-signed-out")}" "<a href="/login?next=/account">{i.t("nav-login")}</a></p> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
