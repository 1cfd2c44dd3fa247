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

/// The kind of entry a picker offers: fixed, or what a kind select in the same form
/// says now.
#[derive(Clone, Copy)]
pub enum PickKind {
    Fixed(EntityKind),
    Chosen(RwSignal<String>),
}

impl PickKind {
    fn now(self) -> Option<EntityKind> {
        match self {
            PickKind::Fixed(k) => Some(k),
            PickKind::Chosen(s) => s.get().trim().parse().ok(),
        }
    }
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
    let query_id = format!("{id}-find");
    let results_id = format!("{id}-matches");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-problems");
    let chosen = ctx.value(&name).trim().to_string();
    let chosen_label = ctx
        .labels
        .get(&chosen)
        .cloned()
        .unwrap_or_else(|| chosen.clone());
    let typed_before = ctx.value(&picker_query(&name));
    let found_before = ctx.picks.get(&name).cloned().unwrap_or_default();
    let problems: Vec<String> = ctx.at(&name).iter().map(|p| problem_text(&i, p)).collect();
    let invalid = !problems.is_empty();
    let typed = RwSignal::new(String::new());
    let live = Resource::new(
        move || (typed.get(), kind.now()),
        move |(q, k)| async move {
            match k {
                Some(k) if q.trim().chars().count() >= 2 => {
                    find_for_picker(k, q, i.lang.to_string()).await.ok()
                }
                _ => None,
            }
        },
    );
    let intent = field_name("intent");
    let choose = {
        let (name, intent) = (name.clone(), intent.clone());
        move |matches: Vec<(String, String)>| {
            let (name, intent) = (name.clone(), intent.clone());
            matches
                .into_iter()
                .map(move |(pid, plabel)| {
                    let value = format!("pick:{name}:{pid}");
                    view! {
                        <li>
                            <button type="submit" name=intent.clone() value=value class="secondary pick">
                                {i.ta("picker-choose", &[("name", plabel)])}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let describedby = if invalid {
        format!("{hint_id} {err_id}")
    } else {
        hint_id.clone()
    };
    view! {
        <div class="field picker" class:invalid=invalid>
            <label for=query_id.clone()>{label}{required.then_some(" *")}</label>
            <input type="hidden" name=field_name(&name) value=chosen.clone() prop:value=chosen.clone()/>
            {(!chosen.is_empty()).then(|| view! {
                <p class="chosen" id=id.clone()>
                    {i.t("picker-chosen")}" "<strong>{chosen_label}</strong>" "
                    <button type="submit" name=intent.clone() value=format!("unpick:{name}") class="link-button">
                        {i.t("picker-remove")}
                    </button>
                </p>
            })}
            <div class="picker-find">
                <input id=query_id type="search" name=field_name(&picker_query(&name)) value=typed_before.clone()
                    prop:value=typed_before autocomplete="off" aria-describedby=describedby aria-invalid=invalid.then_some("true")
                    aria-controls=results_id.clone() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="submit" name=intent value=format!("find:{name}") class="secondary">{i.t("picker-find")}</button>
            </div>
            <small class="hint" id=hint_id>{i.t("picker-hint")}</small>
            {invalid.then(|| view! {
                <div id=err_id role="alert">
                    <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            <ul class="picker-matches" id=results_id aria-live="polite">
                <Transition fallback=|| ()>
                    {move || {
                        let choose = choose.clone();
                        let before = found_before.clone();
                        Suspend::new(async move {
                            // What was found as one typed, else what the last Find found.
                            choose(live.await.unwrap_or(before))
                        })
                    }}
                </Transition>
            </ul>
        </div>
    }
}
