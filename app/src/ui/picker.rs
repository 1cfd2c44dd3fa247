//! Choosing another entry for a reference field by its name: type part of a name in any
//! language and choose among the matches. Without JavaScript, Find sends the form and
//! it comes back with the matches; with it, they appear as one types. Either way a
//! match is a button that sends the form with the choice, so both work alike.

use crate::i18n::use_i18n;
use crate::server_fns::find_for_picker;
use crate::ui::widgets::{field_id, field_name, form_ctx, problem_text};
use domain::form::picker_query;
use domain::EntityKind;
use leptos::prelude::*;

/// The kind of entry a picker offers: fixed, or what the kind select of this name in
/// the same form says.
#[derive(Clone, Copy)]
pub enum PickKind {
    Fixed(EntityKind),
    ChosenIn(&'static str),
}

#[component]
pub fn Picker(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    kind: PickKind,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let id = field_id(&name);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-problems");
    let chosen = ctx.value(&name).trim().to_string();
    let chosen_label = ctx
        .labels
        .get(&chosen)
        .cloned()
        .unwrap_or_else(|| chosen.clone());
    let found_before = ctx
        .picks
        .get(&name)
        .map(|found| choices(i.lang, found))
        .unwrap_or_default();
    let problems: Vec<String> = ctx.at(&name).iter().map(|p| problem_text(&i, p)).collect();
    let invalid = !problems.is_empty();
    let (kind, follow) = match kind {
        PickKind::Fixed(k) => (k.as_str().to_string(), None),
        PickKind::ChosenIn(select) => (ctx.value(select), Some(field_name(select))),
    };
    let describedby = if invalid {
        format!("{hint_id} {err_id}")
    } else {
        hint_id.clone()
    };
    view! {
        <div class="field picker" class:invalid=invalid>
            <label for=format!("{id}-find")>{label}{required.then_some(" *")}</label>
            <input type="hidden" name=field_name(&name) value=chosen.clone()/>
            {(!chosen.is_empty()).then(|| view! {
                <p class="chosen" id=id.clone()>
                    {i.t("picker-chosen")}" "<strong>{chosen_label}</strong>" "
                    <button type="submit" name=field_name("intent") value=format!("unpick:{name}") class="link-button">
                        {i.t("picker-remove")}
                    </button>
                </p>
            })}
            <PickerFind
                name=name.clone()
                typed=ctx.value(&picker_query(&name))
                find=i.t("picker-find")
                describedby
                invalid
                kind
                follow
                lang=i.lang.to_string()
                found=found_before/>
            <small class="hint" id=hint_id>{i.t("picker-hint")}</small>
            {invalid.then(|| view! {
                <div id=err_id role="alert">
                    <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
        </div>
    }
}

/// Matches as (entry id, the label of the button that chooses it).
pub fn choices(lang: &'static str, found: &[(String, String)]) -> Vec<(String, String)> {
    let i = crate::i18n::I18n { lang };
    found
        .iter()
        .map(|(id, name)| (id.clone(), i.ta("picker-choose", &[("name", name.clone())])))
        .collect()
}

/// The query box and the matches: the one part of a form the client bundle runs, so it
/// gets every word it shows from the server (as props, or from `find_for_picker`).
#[island]
fn PickerFind(
    name: String,
    typed: String,
    find: String,
    describedby: String,
    invalid: bool,
    /// The kind offered when the page was made.
    kind: String,
    /// The form field of a kind select whose changes this picker follows.
    follow: Option<String>,
    lang: String,
    found: Vec<(String, String)>,
) -> impl IntoView {
    let id = field_id(&name);
    let results_id = format!("{id}-matches");
    let query = RwSignal::new(String::new());
    let kind = RwSignal::new(kind);
    if let Some(follow) = follow {
        let handle = window_event_listener(leptos::ev::change, move |ev| {
            let from = event_target::<leptos::web_sys::HtmlSelectElement>(&ev);
            if from.name() == follow {
                kind.set(from.value());
            }
        });
        on_cleanup(move || handle.remove());
    }
    let live = Resource::new(
        move || (query.get(), kind.get()),
        move |(q, k)| {
            let lang = lang.clone();
            async move {
                match k.trim().parse::<EntityKind>() {
                    Ok(k) if q.trim().chars().count() >= 2 => {
                        find_for_picker(k, q, lang).await.ok()
                    }
                    _ => None,
                }
            }
        },
    );
    let intent = field_name("intent");
    view! {
        <div class="picker-find">
            <input id=format!("{id}-find") type="search" name=field_name(&picker_query(&name)) value=typed
                autocomplete="off" aria-describedby=describedby aria-invalid=invalid.then_some("true")
                aria-controls=results_id.clone() on:input=move |ev| query.set(event_target_value(&ev))/>
            <button type="submit" name=intent.clone() value=format!("find:{name}") class="secondary">{find}</button>
        </div>
        <ul class="picker-matches" id=results_id aria-live="polite">
            <Transition fallback=|| ()>
                {move || {
                    let (found, intent, name) = (found.clone(), intent.clone(), name.clone());
                    Suspend::new(async move {
                        // What was found as one typed, else what the last Find found.
                        live.await.unwrap_or(found).into_iter().map(|(pid, label)| view! {
                            <li>
                                <button type="submit" name=intent.clone() value=format!("pick:{name}:{pid}") class="secondary pick">
                                    {label}
                                </button>
                            </li>
                        }).collect_view()
                    })
                }}
            </Transition>
        </ul>
    }
}
