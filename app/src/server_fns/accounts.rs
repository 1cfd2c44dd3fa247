//! Signing in and out, signing up, first-run setup and the user's own profile.

#[cfg(feature = "ssr")]
use super::backend;
use super::RecentChange;
use domain::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in user as the pages see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub role: String,
    pub email: String,
    /// Preferred UI language, "" for "as the browser asks".
    pub language: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub me: Me,
    pub contributions: Vec<RecentChange>,
    /// Problems of a password change that just failed.
    pub problems: Vec<Problem>,
}

/// A sign-up (or setup) attempt kept across the redirect (never the password), and the
/// registration policy the page explains.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterForm {
    pub username: String,
    pub email: String,
    pub invite: String,
    pub problems: Vec<Problem>,
    pub registration: String,
}

#[cfg(feature = "ssr")]
pub mod session {
    use super::Me;
    use leptos::prelude::*;
    use service::accounts::User;
    use tower_sessions::Session;

    pub use service::sessions::USER_KEY;

    /// The active user of this request's session, if any.
    pub async fn current() -> Result<Option<User>, ServerFnError> {
        let session = leptos_axum::extract::<Session>().await.ok();
        let state = super::backend::app_state()?;
        Ok(service::sessions::user_of(session.as_ref(), &state.accounts).await)
    }

    /// The client address the router recorded, for limits and the audit log.
    pub async fn client_ip() -> String {
        leptos_axum::extract::<axum::Extension<service::limits::ClientIp>>()
            .await
            .map(|e| e.0 .0)
            .unwrap_or_default()
    }

    /// The signed-in user if the policy allows `action`, else why not.
    pub async fn authorize_user(
        action: domain::policy::Action,
    ) -> Result<Result<User, domain::policy::Denied>, ServerFnError> {
        let user = current().await?;
        Ok(
            domain::policy::authorize(user.as_ref().map(|u| u.role.as_str()), action)
                .and_then(|()| user.ok_or(domain::policy::Denied::SignInRequired)),
        )
    }

    /// The signed-in user's name if the policy allows `action`, else why not.
    pub async fn authorize(
        action: domain::policy::Action,
    ) -> Result<Result<String, domain::policy::Denied>, ServerFnError> {
        Ok(authorize_user(action).await?.map(|u| u.username))
    }

    /// The name to record a page action under, or `None` after redirecting a refused
    /// visitor (to sign in and back to `back`, or to `back` with an error).
    pub async fn author_or_redirect(
        action: domain::policy::Action,
        back: &str,
    ) -> Result<Option<String>, ServerFnError> {
        Ok(match authorize(action).await? {
            Ok(name) => Some(name),
            Err(denied) => {
                super::backend::redirect(&refused(denied, back));
                None
            }
        })
    }

    /// Where a refused page action sends the user: sign-in (then back), or back with an error.
    pub fn refused(denied: domain::policy::Denied, back: &str) -> String {
        match denied {
            domain::policy::Denied::SignInRequired => {
                let next: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
                format!("/login?next={next}")
            }
            domain::policy::Denied::Forbidden => {
                let sep = if back.contains('?') { '&' } else { '?' };
                format!("{back}{sep}error=forbidden")
            }
        }
    }

    pub fn me(u: User) -> Me {
        Me {
            username: u.username,
            role: u.role,
            email: u.email,
            language: u.language,
        }
    }

    /// Sets the UI language cookie, as the language chooser does.
    pub fn set_language_cookie(lang: &str) {
        let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
            return;
        };
        let cookie = format!(
            "{}={lang}; Path=/; Max-Age=31536000; SameSite=Lax",
            domain::lang::LANG_COOKIE
        );
        if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
            res.append_header(axum::http::header::SET_COOKIE, v);
        }
    }

    /// Signs the session in as `user`, with a fresh session id (no fixation), in the
    /// user's preferred language.
    pub async fn sign_in(user: &User) -> Result<(), ServerFnError> {
        let session: Session = leptos_axum::extract()
            .await
            .map_err(super::backend::internal)?;
        session.cycle_id().await.map_err(super::backend::internal)?;
        session
            .insert(USER_KEY, &user.id)
            .await
            .map_err(super::backend::internal)?;
        if !user.language.is_empty() {
            set_language_cookie(&user.language);
        }
        Ok(())
    }
}

#[cfg(feature = "ssr")]
fn query_value(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[server(prefix = "/sfn", endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, ServerFnError> {
    Ok(session::current().await?.map(session::me))
}

#[server(prefix = "/sfn", endpoint = "login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::accounts::SignIn;
    let state = backend::app_state()?;
    let next = domain::redirect::local_or_home(next.as_deref());
    let ip = session::client_ip().await;
    let username = username.trim();
    let again = |error: &str| {
        format!(
            "/login?error={error}&username={}&next={}",
            query_value(username),
            query_value(&next)
        )
    };
    match state
        .accounts
        .authenticate(username, &password, &ip)
        .await
        .map_err(internal)?
    {
        SignIn::Welcome(user) => {
            session::sign_in(&user).await?;
            super::backend::redirect(&next);
        }
        SignIn::Refused => super::backend::redirect(&again("1")),
        SignIn::Pending => super::backend::redirect(&again("pending")),
        SignIn::Locked(wait) => {
            super::backend::redirect(&format!("{}&retry={}", again("locked"), wait.0))
        }
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "logout")]
pub async fn logout() -> Result<(), ServerFnError> {
    if let Ok(session) = leptos_axum::extract::<tower_sessions::Session>().await {
        session.flush().await.map_err(backend::internal)?;
    }
    super::backend::redirect("/");
    Ok(())
}

/// Keeps a failed sign-up or setup form behind a redirect back to `page`.
#[cfg(feature = "ssr")]
async fn back_with(form: &RegisterForm, page: &str) -> Result<(), ServerFnError> {
    let token = backend::store_draft(&*backend::knowledge()?, form).await?;
    super::backend::redirect(&format!("{page}?draft={token}"));
    Ok(())
}

/// The problems an account error shows on a form, or the error itself if it is not the
/// user's to fix.
#[cfg(feature = "ssr")]
fn form_problems(e: service::accounts::AccountError) -> Result<Vec<Problem>, ServerFnError> {
    use service::accounts::AccountError;
    match e {
        AccountError::Invalid(p) => Ok(p),
        AccountError::Taken => Ok(vec![Problem::new("username", "username_taken", &[])]),
        other => Err(backend::internal(other)),
    }
}

/// Finishes a sign-up or setup: signed in and on to `welcome` (or told to wait for
/// approval), or back to `page` with the form and its problems.
#[cfg(feature = "ssr")]
async fn sign_up(
    mut form: RegisterForm,
    (password, again): (&str, &str),
    (page, welcome): (&str, &str),
    create: impl AsyncFnOnce(&str, &str, &str) -> service::accounts::Result<service::accounts::User>,
) -> Result<(), ServerFnError> {
    use service::accounts::AccountError;
    if password != again {
        form.problems
            .push(Problem::new("password_again", "passwords_differ", &[]));
        return back_with(&form, page).await;
    }
    match create(&form.username, &form.email, password).await {
        Ok(user) if user.pending => super::backend::redirect("/login?notice=pending"),
        Ok(user) => {
            session::sign_in(&user).await?;
            super::backend::redirect(welcome);
        }
        Err(AccountError::SetupClosed) => super::backend::redirect("/login"),
        Err(e) => {
            form.problems = form_problems(e)?;
            return back_with(&form, page).await;
        }
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "register")]
pub async fn register(
    username: String,
    email: String,
    password: String,
    password_again: String,
    invite: Option<String>,
) -> Result<(), ServerFnError> {
    let state = backend::app_state()?;
    let settings = state.instance.get();
    let form = RegisterForm {
        username: username.trim().to_string(),
        email: email.trim().to_string(),
        invite: invite.unwrap_or_default().trim().to_string(),
        problems: Vec::new(),
        registration: settings.registration.clone(),
    };
    let invite = form.invite.clone();
    let ip = session::client_ip().await;
    let pages = ("/register", "/account?welcome=1");
    sign_up(
        form,
        (&password, &password_again),
        pages,
        async |u, e, p| {
            state
                .accounts
                .register((u, e, p), &settings, &invite, &ip)
                .await
        },
    )
    .await
}

/// The sign-up or setup form: empty, or as it was when it failed.
#[server(prefix = "/sfn", endpoint = "register_form")]
pub async fn load_register_form(draft: Option<String>) -> Result<RegisterForm, ServerFnError> {
    use backend::*;
    let state = app_state()?;
    let kept = kept_draft(&state.knowledge, draft).await?;
    Ok(RegisterForm {
        registration: state.instance.get().registration,
        ..kept.unwrap_or_default()
    })
}

/// Whether the first-run setup page is open (no admin exists yet).
#[server(prefix = "/sfn", endpoint = "setup_open")]
pub async fn setup_open() -> Result<bool, ServerFnError> {
    let state = backend::app_state()?;
    Ok(!state
        .accounts
        .has_admin()
        .await
        .map_err(backend::internal)?)
}

/// Creates the first admin and signs them in; refused once an admin exists.
#[server(prefix = "/sfn", endpoint = "setup")]
pub async fn setup(
    username: String,
    email: String,
    password: String,
    password_again: String,
) -> Result<(), ServerFnError> {
    let state = backend::app_state()?;
    let form = RegisterForm {
        username: username.trim().to_string(),
        email: email.trim().to_string(),
        ..Default::default()
    };
    let ip = session::client_ip().await;
    let pages = ("/setup", "/admin/settings?welcome=1");
    sign_up(
        form,
        (&password, &password_again),
        pages,
        async |u, e, p| state.accounts.setup_admin((u, e, p), &ip).await,
    )
    .await
}

#[server(prefix = "/sfn", endpoint = "account")]
pub async fn load_account(
    lang: String,
    draft: Option<String>,
) -> Result<Option<AccountPage>, ServerFnError> {
    use backend::*;
    let Some(user) = session::current().await? else {
        return Ok(None);
    };
    let k = knowledge()?;
    let contributions = k
        .contributions(&user.username, 50, reader().await?, &lang)
        .await
        .map_err(internal)?;
    let problems = kept_draft(&k, draft).await?.unwrap_or_default();
    Ok(Some(AccountPage {
        me: session::me(user),
        contributions,
        problems,
    }))
}

#[server(prefix = "/sfn", endpoint = "password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_again: String,
) -> Result<(), ServerFnError> {
    use backend::*;
    let Some(user) = session::current().await? else {
        super::backend::redirect("/login?next=/account");
        return Ok(());
    };
    let state = app_state()?;
    let problems = if new_password != new_password_again {
        vec![Problem::new("new_password_again", "passwords_differ", &[])]
    } else {
        let ip = session::client_ip().await;
        match state
            .accounts
            .change_password(&user.id, &current_password, &new_password, &ip)
            .await
        {
            Ok(()) => {
                super::backend::redirect("/account?saved=password");
                return Ok(());
            }
            Err(e) => form_problems(e)?,
        }
    };
    let token = store_draft(&state.knowledge, &problems).await?;
    super::backend::redirect(&format!("/account?draft={token}#password"));
    Ok(())
}

/// Stores the preferred UI language and switches to it.
#[server(prefix = "/sfn", endpoint = "preferred_language")]
pub async fn set_preferred_language(language: String) -> Result<(), ServerFnError> {
    use backend::*;
    let Some(user) = session::current().await? else {
        super::backend::redirect("/login?next=/account");
        return Ok(());
    };
    let state = app_state()?;
    match state.accounts.set_language(&user.id, language.trim()).await {
        Ok(()) => {
            if !language.trim().is_empty() {
                session::set_language_cookie(language.trim());
            }
            super::backend::redirect("/account?saved=language");
        }
        Err(service::accounts::AccountError::Invalid(_)) => {
            super::backend::redirect("/account?error=language")
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

/// Someone's contributions on this instance, as anyone may see them; `None` when they
/// have made none that the visitor may see.
#[server(prefix = "/sfn", endpoint = "person")]
pub async fn load_person(
    name: String,
    lang: String,
) -> Result<Option<Vec<RecentChange>>, ServerFnError> {
    use backend::*;
    let changes = knowledge()?
        .contributions(&name, 100, reader().await?, &lang)
        .await
        .map_err(internal)?;
    Ok((!changes.is_empty()).then_some(changes))
}
