use super::LoadError;
use crate::i18n::use_i18n;
use crate::policy::ROLES;
use crate::server_fns::{load_users, UpdateUser};
use crate::ui::widgets::{vocab, Timestamp};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Admins change roles and disable accounts here.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("saved"), |_| load_users());
    let update = ServerAction::<UpdateUser>::new();
    view! {
        <Title text=i.t("admin-users-title")/>
        <h1>{i.t("admin-users-title")}</h1>
        {move || query.read().get("saved").map(|_| view! { <p class="notice success" role="status">{i.t("notice-saved")}</p> })}
        {move || query.read().get("error").map(|_| view! { <p class="notice warning" role="alert">{i.t("admin-users-error")}</p> })}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(users)) => view! {
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
                                    view! {
                                        <tr>
                                            <td>{u.username.clone()}</td>
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
                    Ok(None) => view! { <p class="notice warning">{i.t("admin-only")}" "<a href="/login?next=/admin/users">{i.t("nav-login")}</a></p> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
