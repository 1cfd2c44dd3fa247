//! Small shared pieces: localized text with fallback notice, form fields with inline
//! problems, pagination.

use crate::i18n::{use_i18n, I18n};
use domain::form::{indices, Fields};
use domain::{LocalizedText, Problem};
use leptos::prelude::*;
use std::sync::Arc;

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(code) {
            res.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Names of the instance's own vocabulary values (extension terms) in the page's
/// language, by key, where a page loaded them.
#[derive(Clone, Debug, Default)]
pub struct TermNames(pub Arc<std::collections::BTreeMap<String, String>>);

/// A vocabulary value in the UI language (`vocab-device` → "Gerät"); an extension
/// term's value by the term's name.
pub fn vocab(i: &I18n, value: &str) -> String {
    let key = format!("vocab-{value}");
    if crate::i18n::has_message(i.lang, &key) {
        return i.t(&key);
    }
    if let Some(text) = crate::ui::pages::repairs::ords_text(i, value) {
        return text;
    }
    use_context::<TermNames>()
        .and_then(|names| names.0.get(value).cloned())
        .unwrap_or_else(|| value.replace('_', " "))
}

/// The name a relationship type reads by from its target's side ("has part" for
/// `part_of`): from the translations, else from the type's term; `None` where it has none.
pub fn inverse_name(i: &I18n, rel: &str) -> Option<String> {
    let key = format!("vocab-inverse-{rel}");
    if crate::i18n::has_message(i.lang, &key) {
        return Some(i.t(&key));
    }
    use_context::<TermNames>().and_then(|names| names.0.get(&format!("inverse-{rel}")).cloned())
}

pub fn problem_text(i: &I18n, p: &Problem) -> String {
    let key = format!("problem-{}", p.code);
    if crate::i18n::has_message(i.lang, &key) {
        let args: Vec<(&str, String)> = p
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        i.ta(&key, &args)
    } else {
        p.message.clone()
    }
}

/// A date-time in the page's language ("4 Dec 2026, 05:29 UTC"), with the exact value
/// in `<time>`.
#[component]
pub fn Timestamp(#[prop(into)] value: String) -> impl IntoView {
    let shown = date_time_text(&use_i18n(), &value);
    view! { <time datetime=value>{shown}</time> }
}

/// An RFC 3339 date-time in words of `i`'s language; anything else as it is.
pub fn date_time_text(i: &I18n, value: &str) -> String {
    let parts = (|| {
        let (year, month, day) = (value.get(0..4)?, value.get(5..7)?, value.get(8..10)?);
        let time = value.get(11..16)?;
        let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day: u8 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
        year.parse::<u16>().ok()?;
        Some((year.to_string(), month, day, time.to_string()))
    })();
    match parts {
        Some((year, month, day, time)) => i.ta(
            "date-time",
            &[
                ("day", day.to_string()),
                ("month", i.t(&format!("month-{month}"))),
                ("year", year),
                ("time", time),
            ],
        ),
        None => value.to_string(),
    }
}

/// Localized content in the page language, marked with its own language and direction
/// (a German title may sit on an Arabic page); says so when it is not in the page's
/// language because no one has translated it yet.
///
/// An outdated translation is shown, marked as such; inside an entry's page the mark
/// links to the side-by-side form, which shows what changed in the original.
#[component]
pub fn Localized(text: LocalizedText) -> impl IntoView {
    let i = use_i18n();
    let assumed = crate::ui::first_content_language();
    let r = text.resolve(i.lang, &assumed);
    let (shown, lang) = (r.text.to_string(), r.lang.to_string());
    let dir = domain::lang::direction(&lang);
    let outdated = r.outdated.then(|| {
        let note = i.t("outdated-note");
        let mark = match use_context::<TranslateLink>() {
            Some(TranslateLink(href)) => {
                view! { <a href=format!("{href}?lang={}", i.lang)>{note}</a> }.into_any()
            }
            None => view! { <span>{note}</span> }.into_any(),
        };
        view! { " " <small class="outdated">{mark}</small> }
    });
    view! {
        <span lang=lang dir=dir>{shown}</span>
        {r.fell_back.then(|| view! { " " <small class="fallback">{i.t("fallback-note")}</small> })}
        {outdated}
    }
}

/// Provided by an entry's page: where its translation form is.
#[derive(Clone)]
pub struct TranslateLink(pub String);

/// Form contents and problems, shared by the field components of one form.
#[derive(Clone)]
pub struct FormCtx {
    pub fields: Arc<Fields>,
    pub problems: Arc<Vec<Problem>>,
    /// What each picker found for the name typed into it: field → (id, label).
    pub picks: Arc<std::collections::BTreeMap<String, Vec<(String, String)>>>,
    /// Labels of the entries reference fields name now.
    pub labels: Arc<std::collections::BTreeMap<String, String>>,
}

impl FormCtx {
    pub fn value(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// Problems located exactly at `name`.
    pub fn at(&self, name: &str) -> Vec<Problem> {
        self.problems
            .iter()
            .filter(|p| p.path == name)
            .cloned()
            .collect()
    }

    /// Problems at `name` or anywhere below it.
    pub fn under(&self, name: &str) -> Vec<Problem> {
        let prefix = format!("{name}.");
        self.problems
            .iter()
            .filter(|p| p.path == name || p.path.starts_with(&prefix))
            .cloned()
            .collect()
    }
}

pub fn form_ctx() -> FormCtx {
    use_context::<FormCtx>().unwrap_or(FormCtx {
        fields: Arc::new(Fields::new()),
        problems: Arc::new(Vec::new()),
        picks: Arc::default(),
        labels: Arc::default(),
    })
}

pub fn field_id(name: &str) -> String {
    format!("f-{}", name.replace(['.', ' '], "-"))
}

#[component]
pub fn Problems(problems: Vec<Problem>, #[prop(into)] id: String) -> impl IntoView {
    let i = use_i18n();
    (!problems.is_empty()).then(|| {
        view! {
            // The alert role on a wrapper: on the list itself it would hide the list's items.
            <div id=id role="alert">
                <ul class="problems">
                    {problems.iter().map(|p| view! { <li>{problem_text(&i, p)}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// Who made a revision, in words: edits made without an account (demo data, the
/// anonymous API of an open instance) have no name of their own.
pub fn author_name(i: &I18n, author: &str) -> String {
    if author == domain::ANONYMOUS {
        i.t("author-anonymous")
    } else {
        author.to_string()
    }
}

/// Lines of recent changes or of someone's contributions: kind, entry, what was done,
/// when. A deleted entry links to its history, which stays readable.
#[component]
pub fn ChangeList(changes: Vec<domain::view::RecentChange>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <ul class="recent">
            {changes.into_iter().map(|r| {
                let href = if r.op == "delete" {
                    format!("/{}/{}/history", r.kind.plural(), r.entity_id)
                } else {
                    format!("/{}/{}", r.kind.plural(), r.entity_id)
                };
                view! {
                    <li>
                        <span class="badge">{i.t(&format!("kind-{}", r.kind.as_str()))}</span>" "
                        <a href=href>{r.label}</a>" · "
                        {vocab(&i, &format!("op-{}", r.op))}" · "
                        <Timestamp value=r.created_at/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Who wrote a version and when; people on this instance link to their contributions.
#[component]
pub fn AuthorLink(byline: domain::view::Byline) -> impl IntoView {
    let i = use_i18n();
    let name = author_name(&i, &byline.author);
    let person = (byline.local && byline.author != domain::ANONYMOUS).then(|| {
        let path: String = url_path_segment(&byline.author);
        format!("/people/{path}")
    });
    let host = (!byline.local).then(|| {
        let host = byline
            .instance
            .split("://")
            .nth(1)
            .unwrap_or(&byline.instance)
            .trim_end_matches('/')
            .to_string();
        view! { " "<small>"("{i.ta("byline-at", &[("instance", host)])}")"</small> }
    });
    view! {
        {match person {
            Some(href) => view! { <a href=href rel="author">{name}</a> }.into_any(),
            None => view! { <span>{name}</span> }.into_any(),
        }}
        {host}
    }
}

/// Percent-encodes one path segment (a user name may hold characters a path may not).
pub fn url_path_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A field path (`procedure.1.description.default`) in the page's words: "Procedure ›
/// Step 2 › Description › Original text". Segments without a label of
/// their own (a map key, a language tag) are shown as they are.
pub fn field_path_label(i: &I18n, path: &str) -> String {
    if path.is_empty() {
        return i.t("history-whole");
    }
    let segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    for (n, seg) in segments.iter().enumerate() {
        let parent = n.checked_sub(1).map(|p| segments[p]).unwrap_or("");
        let word = if let Ok(index) = seg.parse::<usize>() {
            let number = (index + 1).to_string();
            if parent == "procedure" {
                i.ta("step-heading", &[("number", number)])
            } else {
                format!("#{number}")
            }
        } else if parent == "translations" {
            seg.to_string()
        } else if *seg == "default" {
            i.t("localized-default")
        } else if *seg == "translations" {
            i.t("localized-text")
        } else {
            let own = format!("field-{}-{}", parent, seg).replace('_', "-");
            let plain = format!("field-{seg}").replace('_', "-");
            if crate::i18n::has_message(domain::lang::DEFAULT_LANG, &own) {
                i.t(&own)
            } else if crate::i18n::has_message(domain::lang::DEFAULT_LANG, &plain) {
                i.t(&plain)
            } else {
                seg.to_string()
            }
        };
        out.push(word);
    }
    out.join(" › ")
}

/// A stored value in words, for diffs and reviews: text as it is, localized text as
/// its original with each translation by language, lists one item per line, records as
/// "Field: value" lines. Never raw JSON.
pub fn value_text(i: &I18n, v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => i.t(if *b { "value-yes" } else { "value-no" }),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|x| value_text(i, x))
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Object(o)
            if o.contains_key("default")
                && o.keys().all(|k| k == "default" || k == "translations") =>
        {
            let mut lines = vec![value_text(i, &o["default"])];
            if let Some(Value::Object(t)) = o.get("translations") {
                lines.extend(
                    t.iter()
                        .map(|(lang, text)| format!("{lang}: {}", value_text(i, text))),
                );
            }
            lines.join("\n")
        }
        Value::Object(o) => o
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{}: {}", field_path_label(i, k), value_text(i, v)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Field-level changes as a table: the field and the kind of change in words, the
/// values on both sides as text. `sides` are the headings of the two value columns.
#[component]
pub fn ChangesTable(
    changes: Vec<domain::diff::Change>,
    sides: (String, String),
    #[prop(optional, into)] caption: Option<String>,
) -> impl IntoView {
    use domain::diff::ChangeKind;
    let i = use_i18n();
    let (before, after) = sides;
    view! {
        <table class="diff">
            {caption.map(|c| view! { <caption>{c}</caption> })}
            <thead><tr>
                <th scope="col">{i.t("diff-field")}</th>
                <th scope="col">{i.t("diff-change")}</th>
                <th scope="col">{before.clone()}</th>
                <th scope="col">{after.clone()}</th>
            </tr></thead>
            <tbody>
                {changes.into_iter().map(|c| {
                    let label = match c.change {
                        ChangeKind::Added => i.t("diff-added"),
                        ChangeKind::Removed => i.t("diff-removed"),
                        ChangeKind::Changed => i.t("diff-changed"),
                        ChangeKind::Moved => i.t("diff-moved"),
                    };
                    view! {
                        <tr class=format!("change-{label}")>
                            <td data-label=i.t("diff-field")>{field_path_label(&i, &c.path)}</td>
                            <td data-label=i.t("diff-change")>{label.clone()}</td>
                            <td data-label=before.clone()><del>{c.before.as_ref().map(|v| value_text(&i, v))}</del></td>
                            <td data-label=after.clone()><ins>{c.after.as_ref().map(|v| value_text(&i, v))}</ins></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Every problem of the form in one list at the top, linking to its field.
#[component]
pub fn ProblemSummary() -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    (!ctx.problems.is_empty()).then(|| {
        let count = ctx.problems.len();
        view! {
            <div class="problem-summary" role="alert" tabindex="-1">
                <h2>{i.ta("form-problems", &[("count", count.to_string())])}</h2>
                <ul>
                    {ctx
                        .problems
                        .iter()
                        .map(|p| {
                            let target = format!("#{}", field_id(&p.path));
                            view! {
                                <li>
                                    <a href=target>{field_path_label(&i, &p.path)}</a>
                                    ": "
                                    {problem_text(&i, p)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Text for inside `<textarea>` and `<title>`. Leptos does not escape their children on
/// the server (it treats them like script text), so `</textarea>` in user text would
/// end the element early: the server escapes it here. The browser decodes the
/// entities, so hydration and client-side rendering see the same plain text.
pub fn rcdata_text(value: String) -> String {
    #[cfg(feature = "ssr")]
    {
        value
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        value
    }
}

pub fn field_name(name: &str) -> String {
    format!("f[{name}]")
}

/// A labelled text input (or textarea) bound to one form field.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] input_type: Option<String>,
    #[prop(optional, into)] list: Option<String>,
    #[prop(optional, into)] lang: Option<String>,
) -> impl IntoView {
    let ctx = form_ctx();
    // Text in a known language carries it, so spelling and direction follow the text.
    let lang = lang.filter(|l| domain::validate::is_language_tag(l));
    let id = field_id(&name);
    let err_id = format!("{id}-problems");
    let hint_id = format!("{id}-hint");
    let problems = if multiline {
        ctx.under(&name)
    } else {
        ctx.at(&name)
    };
    let invalid = !problems.is_empty();
    let describedby = match (&hint, invalid) {
        (Some(_), true) => Some(format!("{hint_id} {err_id}")),
        (Some(_), false) => Some(hint_id.clone()),
        (None, true) => Some(err_id.clone()),
        (None, false) => None,
    };
    let value = ctx.value(&name);
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=field_name(&name) rows="3" required=required
                aria-invalid=invalid.then_some("true") aria-describedby=describedby lang=lang.clone()
                dir=lang.as_deref().map(domain::lang::direction)>
                {rcdata_text(value)}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=field_name(&name) type=input_type.unwrap_or_else(|| "text".into())
                value=value required=required list=list lang=lang.clone()
                dir=lang.as_deref().map(domain::lang::direction)
                aria-invalid=invalid.then_some("true") aria-describedby=describedby/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <small id=hint_id class="hint">{h}</small> })}
            {control}
            <Problems problems id=err_id/>
        </div>
    }
}

/// A labelled select over vocabulary values, or over (value, label) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] options: Vec<String>,
    #[prop(optional)] labelled: Option<Vec<(String, String)>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let id = field_id(&name);
    let err_id = format!("{id}-problems");
    let problems = ctx.at(&name);
    let invalid = !problems.is_empty();
    let current = ctx.value(&name);
    let options = labelled.unwrap_or_else(|| {
        options
            .into_iter()
            .map(|o| {
                let text = vocab(&i, &o);
                (o, text)
            })
            .collect()
    });
    let known = current.is_empty() || options.iter().any(|(o, _)| *o == current);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <select id=id name=field_name(&name) required=required
                aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some(err_id.clone())>
                <option value="" selected=current.is_empty()>{i.t("select-none")}</option>
                {(!known).then(|| view! { <option value=current.clone() selected=true>{current.clone()}</option> })}
                {options
                    .into_iter()
                    .map(|(o, text)| {
                        let selected = o == current;
                        view! { <option value=o selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <Problems problems id=err_id/>
        </div>
    }
}

/// "Written in": the language of the originals this form writes. Changing it relabels
/// the texts that were in the language it said before (`domain::form::WRITTEN_IN`).
#[component]
pub fn WrittenIn() -> impl IntoView {
    use domain::form::{WRITTEN_IN, WRITTEN_IN_BEFORE};
    let i = use_i18n();
    let ctx = form_ctx();
    let current = ctx.value(WRITTEN_IN);
    let before = Some(ctx.value(WRITTEN_IN_BEFORE))
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| current.clone());
    let mut tags = crate::ui::content_languages();
    tags.extend(domain::lang::LANGUAGES.iter().map(|(t, _)| t.to_string()));
    tags.push(current.clone());
    let mut seen = std::collections::BTreeSet::new();
    tags.retain(|t| !t.is_empty() && seen.insert(t.to_ascii_lowercase()));
    let id = field_id(WRITTEN_IN);
    let (hint_id, err_id) = (format!("{id}-hint"), format!("{id}-problems"));
    let problems = ctx.at(WRITTEN_IN);
    let invalid = !problems.is_empty();
    view! {
        <input type="hidden" name=field_name(WRITTEN_IN_BEFORE) value=before/>
        <div class="field written-in" class:invalid=invalid>
            <label for=id.clone()>{i.t("form-written-in")}</label>
            <small class="hint" id=hint_id.clone()>{i.t("form-written-in-hint")}</small>
            <select id=id name=field_name(WRITTEN_IN) aria-describedby=hint_id
                aria-invalid=invalid.then_some("true")>
                {tags.into_iter().map(|tag| {
                    let name = domain::lang::LANGUAGES
                        .iter()
                        .find(|(t, _)| *t == tag)
                        .map(|(_, n)| n.to_string())
                        .unwrap_or_else(|| tag.clone());
                    let selected = tag == current;
                    let dir = domain::lang::direction(&tag);
                    view! { <option value=tag.clone() lang=tag selected=selected dir=dir>{name}</option> }
                }).collect_view()}
            </select>
            <Problems problems id=err_id/>
        </div>
    }
}

/// The original text plus a row per translation, with a button to add a language.
#[component]
pub fn LocalizedEditor(
    #[prop(into)] prefix: String,
    #[prop(into)] label: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let rows = indices(&ctx.fields, &format!("{prefix}.tr"));
    let tr_problems = ctx.under(&format!("{prefix}.translations"));
    let mut own = ctx.at(&prefix);
    own.extend(tr_problems);
    let legend_id = field_id(&prefix);
    let own_lang = ctx.value(&format!("{prefix}.lang"));
    let original_lang = if own_lang.is_empty() {
        ctx.value(domain::form::WRITTEN_IN)
    } else {
        own_lang.clone()
    };
    view! {
        <fieldset class="localized" id=legend_id.clone()>
            <legend>{label.clone()}{required.then_some(" *")}</legend>
            {(!own_lang.is_empty()).then(|| view! {
                <input type="hidden" name=field_name(&format!("{prefix}.lang")) value=own_lang.clone()/>
            })}
            <TextField name=format!("{prefix}.default") label=i.t("localized-default") required multiline
                lang=original_lang/>
            {rows
                .into_iter()
                .map(|r| {
                    let row = format!("{prefix}.tr.{r}");
                    view! {
                        <div class="translation">
                            <TextField name=format!("{row}.lang") label=i.t("localized-language")
                                hint=i.t("localized-language-hint")/>
                            <TextField name=format!("{row}.text") label=i.t("localized-text") multiline
                                lang=ctx.value(&format!("{row}.lang"))/>
                        </div>
                    }
                })
                .collect_view()}
            <Problems problems=own id=format!("{legend_id}-problems")/>
            <button type="submit" class="secondary" name="f[intent]" value=format!("add:{prefix}.tr")
                formnovalidate=true>
                {i.ta("localized-add", &[("field", label)])}
            </button>
        </fieldset>
    }
}

/// Procedure steps: each with description, warnings, tools and media; add, remove, reorder.
#[component]
pub fn StepsEditor(#[prop(into)] list: String, #[prop(into)] label: String) -> impl IntoView {
    let i = use_i18n();
    let ctx = form_ctx();
    let steps = indices(&ctx.fields, &list);
    let n = steps.len();
    let list_problems = ctx.at(&list);
    view! {
        <fieldset class="steps" id=field_id(&list)>
            <legend>{label}</legend>
            <Problems problems=list_problems id=format!("{}-problems", field_id(&list))/>
            <ol>
                {steps
                    .into_iter()
                    .enumerate()
                    .map(|(pos, s)| {
                        let p = format!("{list}.{s}");
                        let warnings = indices(&ctx.fields, &format!("{p}.warnings"));
                        let order_problems = ctx.under(&format!("{p}.order"));
                        let step_no = (pos + 1).to_string();
                        view! {
                            <li class="step">
                                // h2: the page has an h1 and no other level between.
                                <h2 class="step-heading">{i.ta("step-heading", &[("number", step_no.clone())])}</h2>
                                <input type="hidden" name=field_name(&format!("{p}.id")) value=ctx.value(&format!("{p}.id"))
                                    prop:value=ctx.value(&format!("{p}.id"))/>
                                <Problems problems=order_problems id=format!("{}-order", field_id(&p))/>
                                <LocalizedEditor prefix=format!("{p}.description") label=i.t("step-description") required=true multiline=true/>
                                {warnings
                                    .into_iter()
                                    .map(|w| {
                                        let wp = format!("{p}.warnings.{w}");
                                        view! {
                                            <div class="warning-edit">
                                                <LocalizedEditor prefix=wp.clone() label=i.t("step-warning")/>
                                                <button type="submit" class="secondary" name="f[intent]"
                                                    value=format!("remove:{wp}") formnovalidate=true>
                                                    {i.t("step-warning-remove")}
                                                </button>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                                <button type="submit" class="secondary" name="f[intent]"
                                    value=format!("add:{p}.warnings") formnovalidate=true>
                                    {i.t("step-warning-add")}
                                </button>
                                <TextField name=format!("{p}.tools") label=i.t("step-tools") multiline=true hint=i.t("one-per-line")/>
                                <crate::ui::media::MediaRowsEditor list=format!("{p}.media")/>
                                <div class="step-actions">
                                    <button type="submit" class="secondary" name="f[intent]" value=format!("up:{p}")
                                        disabled=pos == 0 formnovalidate=true
                                        aria-label=i.ta("step-up-label", &[("number", step_no.clone())])>
                                        {i.t("step-up")}
                                    </button>
                                    <button type="submit" class="secondary" name="f[intent]" value=format!("down:{p}")
                                        disabled=pos + 1 == n formnovalidate=true
                                        aria-label=i.ta("step-down-label", &[("number", step_no.clone())])>
                                        {i.t("step-down")}
                                    </button>
                                    <button type="submit" class="secondary danger" name="f[intent]" value=format!("remove:{p}")
                                        formnovalidate=true aria-label=i.ta("step-remove-label", &[("number", step_no.clone())])>
                                        {i.t("step-remove")}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <button type="submit" class="secondary" name="f[intent]" value=format!("add:{list}") formnovalidate=true>
                {i.t("step-add")}
            </button>
        </fieldset>
    }
}

/// Previous / next links that keep the current filters.
#[component]
pub fn Pagination(base: String, page: i64, total: i64, page_size: i64) -> impl IntoView {
    let i = use_i18n();
    let pages = ((total + page_size - 1) / page_size).max(1);
    let link = move |p: i64| {
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}page={p}")
    };
    view! {
        <nav class="pagination" aria-label=i.t("pagination-label")>
            {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{i.t("pagination-prev")}</a> })}
            <span>{i.ta("pagination-status", &[("page", page.to_string()), ("pages", pages.to_string()), ("total", total.to_string())])}</span>
            {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{i.t("pagination-next")}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_the_page_language() {
        let at = "2026-12-04T05:29:13.123Z";
        let text = |lang| date_time_text(&I18n { lang }, at);
        assert_eq!(text("en"), "4 Dec 2026, 05:29 UTC");
        assert_eq!(text("de"), "4. Dez. 2026, 05:29 UTC");
        assert_eq!(text("fr"), "4 déc. 2026, 05:29 UTC");
        assert_eq!(text("ar"), "4 ديسمبر 2026، 05:29 UTC");
        assert_eq!(
            date_time_text(&I18n { lang: "en" }, "yesterday"),
            "yesterday"
        );
        assert_eq!(
            date_time_text(&I18n { lang: "en" }, "2026-13-04T05:29"),
            "2026-13-04T05:29"
        );
    }

    #[test]
    fn field_paths_read_as_words_in_the_page_language() {
        let en = I18n { lang: "en" };
        assert_eq!(
            field_path_label(&en, "name.default"),
            "Name › Original text"
        );
        assert_eq!(
            field_path_label(&en, "procedure.1.description.default"),
            "Procedure › Step 2 › Description › Original text"
        );
        assert_eq!(
            field_path_label(&en, "properties.serial_number"),
            "Properties › Serial number"
        );
        // A map key is the user's own word.
        assert_eq!(field_path_label(&en, "metadata.note"), "Metadata › note");
        let de = I18n { lang: "de" };
        assert_eq!(
            field_path_label(&de, "manufacturer.website"),
            "Hersteller › Website"
        );
        assert_eq!(
            field_path_label(&de, "name.translations.fr"),
            "Name › Übersetzung › fr"
        );
    }
}
