//! Photos and documents on pages: a gallery with a lightbox that works without JavaScript
//! (each photo is a link to its own `:target` view), markers drawn over the image as
//! SVG, and PDFs as links that open in the browser's viewer.

use crate::i18n::use_i18n;
use crate::ui::widgets::Localized;
use domain::media::{media_path, Cover, Marker, MediaInfo, MediaItem, MediaKind, ORIGINAL};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a page knows about the files its entry names: each file's facts and its
/// placeholder as a data URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaFiles {
    pub files: BTreeMap<String, MediaInfo>,
    pub placeholders: BTreeMap<String, String>,
}

/// Provided by an entry's page for its galleries.
#[derive(Clone, Default)]
pub struct MediaContext(pub Arc<MediaFiles>);

/// `srcset` of a file's variants, smallest first.
fn srcset(info: &MediaInfo) -> String {
    info.variants
        .iter()
        .map(|v| format!("{} {}w", media_path(&info.hash, &v.name), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

fn size_text(bytes: u64) -> String {
    let (value, unit) = match bytes {
        1_000_000_000.. => (bytes as f64 / 1e9, "GB"),
        1_000_000.. => (bytes as f64 / 1e6, "MB"),
        _ => return format!("{} KB", bytes.div_ceil(1000)),
    };
    if value >= 10.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

/// The photos and documents of an entry or a step. `scope` keeps the anchors of
/// several galleries on one page apart (`media`, `step-3`).
#[component]
pub fn Gallery(items: Vec<MediaItem>, #[prop(into)] scope: String) -> impl IntoView {
    let i = use_i18n();
    let files = use_context::<MediaContext>().unwrap_or_default().0;
    let count = items.len();
    let anchor = move |n: usize| format!("{scope}-{}", n + 1);
    let figures = items
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let Some(info) = files.files.get(&item.id).cloned() else {
                // Named by a revision from a peer whose file has not arrived yet.
                return view! { <li class="media-missing">{i.t("media-missing")}</li> }.into_any();
            };
            let placeholder = files.placeholders.get(&item.id).cloned();
            let original = media_path(&info.hash, ORIGINAL);
            if info.kind == MediaKind::Pdf {
                return view! {
                    <li class="media-doc">
                        <a href=original.clone() type="application/pdf">
                            <span class="badge">"PDF"</span>" "
                            {item.caption.clone().map(|c| view! { <Localized text=c/> }.into_any())
                                .unwrap_or_else(|| i.t("media-document").into_any())}
                            " · "{size_text(info.bytes)}
                        </a>
                    </li>
                }
                .into_any();
            }
            let id = anchor(n);
            let prev = (n > 0).then(|| anchor(n - 1));
            let next = (n + 1 < count).then(|| anchor(n + 1));
            view! {
                <li>
                    <figure>
                        <a class="media-thumb" href=format!("#{id}")>
                            <Picture info=info.clone() item=item.clone() placeholder=placeholder.clone() sizes="(max-width: 40rem) 45vw, 240px"/>
                        </a>
                        {item.caption.clone().map(|c| view! { <figcaption><Localized text=c/></figcaption> })}
                    </figure>
                    <div class="lightbox" id=id.clone() role="dialog" aria-modal="true" aria-label=i.t("media-view")>
                        <figure>
                            <Picture info=info.clone() item=item.clone() placeholder=placeholder sizes="100vw"/>
                            <figcaption>
                                {item.caption.clone().map(|c| view! { <Localized text=c/> " " })}
                                <Legend markers=item.markers.clone()/>
                                <a href=original>{i.t("media-original")}" ("{info.width}" × "{info.height}", "{size_text(info.bytes)}")"</a>
                            </figcaption>
                        </figure>
                        <nav class="lightbox-nav">
                            {prev.map(|p| view! { <a href=format!("#{p}") rel="prev">{i.t("media-previous")}</a> })}
                            <a class="lightbox-close" href=format!("#{id}-thumb")>{i.t("media-close")}</a>
                            {next.map(|p| view! { <a href=format!("#{p}") rel="next">{i.t("media-next")}</a> })}
                        </nav>
                    </div>
                    <span id=format!("{id}-thumb")></span>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! { <ul class="gallery">{figures}</ul> }
}

/// An entry's cover in a list, a search result or a card, inside the link to the entry
/// beside its title: so it is decorative (empty alt), and its box keeps its place
/// before it arrives.
#[component]
pub fn CoverImage(cover: Option<Cover>) -> impl IntoView {
    cover.map(|c| {
        view! {
            <img class="cover" src=c.src width=c.width.to_string() height=c.height.to_string()
                alt="" loading="lazy" decoding="async"/>
        }
    })
}

/// An image at the size the page needs, its placeholder painted underneath, its markers
/// drawn over it.
#[component]
fn Picture(
    info: MediaInfo,
    item: MediaItem,
    placeholder: Option<String>,
    sizes: &'static str,
) -> impl IntoView {
    let alt = item.alt.clone();
    let i = use_i18n();
    let assumed = crate::ui::first_content_language();
    let alt_text = alt
        .as_ref()
        .map(|a| a.resolve(i.lang, &assumed).text.to_string())
        .unwrap_or_default();
    let small = info
        .variant_for(320)
        .map(|v| media_path(&info.hash, &v.name))
        .unwrap_or_else(|| media_path(&info.hash, ORIGINAL));
    view! {
        <span class="picture">
            {placeholder.map(|p| view! { <img class="placeholder" src=p alt="" aria-hidden="true"/> })}
            <img src=small srcset=srcset(&info) sizes=sizes width=info.width.to_string() height=info.height.to_string()
                alt=alt_text loading="lazy" decoding="async"/>
            <Markers markers=item.markers/>
        </span>
    }
}

/// Markers over the image: coordinates are fractions of its size, so one SVG whose
/// view box is the unit square stretches over it at any size.
#[component]
fn Markers(markers: Vec<Marker>) -> impl IntoView {
    (!markers.is_empty()).then(|| {
        let mut point = 0;
        let shapes = markers
            .into_iter()
            .map(|m| match m.shape.as_str() {
                "arrow" => {
                    let (x2, y2) = (m.x2.unwrap_or(m.x), m.y2.unwrap_or(m.y));
                    view! {
                        <line x1=m.x.to_string() y1=m.y.to_string() x2=x2.to_string() y2=y2.to_string()/>
                        <circle class="head" cx=x2.to_string() cy=y2.to_string() r="0.012"/>
                    }
                    .into_any()
                }
                "circle" => view! {
                    <ellipse cx=m.x.to_string() cy=m.y.to_string() rx=m.r.unwrap_or(0.05).to_string() ry=m.r.unwrap_or(0.05).to_string()/>
                }
                .into_any(),
                _ => {
                    point += 1;
                    view! {
                        <circle class="point" cx=m.x.to_string() cy=m.y.to_string() r="0.025"/>
                        <text x=m.x.to_string() y=m.y.to_string()>{point.to_string()}</text>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <svg class="markers" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">{shapes}</svg>
        }
    })
}

/// The markers' labels as text, numbered like the points, for every reader.
#[component]
fn Legend(markers: Vec<Marker>) -> impl IntoView {
    let mut point = 0;
    let labelled: Vec<(Option<usize>, domain::LocalizedText)> = markers
        .into_iter()
        .filter_map(|m| {
            let number = (m.shape == "point").then(|| {
                point += 1;
                point
            });
            m.label.map(|l| (number, l))
        })
        .collect();
    (!labelled.is_empty()).then(|| {
        view! {
            <ol class="marker-legend">
                {labelled.into_iter().map(|(n, l)| view! {
                    <li>{n.map(|n| view! { <b>{n.to_string()}</b>" " })}<Localized text=l/></li>
                }).collect_view()}
            </ol>
        }
    })
}

/// The photos of an entry or a step in its edit form: alt text and caption in every
/// language, markers to add, place and label, move and remove. The file itself travels
/// along as a hidden field, so saving the form never drops it.
#[component]
pub fn MediaRowsEditor(#[prop(into)] list: String) -> impl IntoView {
    use crate::ui::widgets::{field_name, form_ctx, LocalizedEditor};
    let i = use_i18n();
    let ctx = form_ctx();
    let rows = domain::form::indices(&ctx.fields, &list);
    let n = rows.len();
    (n > 0).then(|| {
        let items = rows
            .into_iter()
            .enumerate()
            .map(|(pos, r)| {
                let p = format!("{list}.{r}");
                let id = ctx.value(&format!("{p}.id"));
                let number = (pos + 1).to_string();
                view! {
                    <li class="media-row">
                        <MarkerPlacer src=media_path(&id, "w320") alt=i.ta("media-number", &[("number", number.clone())])
                            markers=form_markers(&ctx, &format!("{p}.markers")) hint=i.t("media-marker-place")
                            first=i.t("media-marker-place-first")/>
                        <a href=media_path(&id, ORIGINAL)>{i.t("media-original")}</a>
                        <input type="hidden" name=field_name(&format!("{p}.id")) value=id.clone()/>
                        <LocalizedEditor prefix=format!("{p}.alt") label=i.t("media-alt")/>
                        <LocalizedEditor prefix=format!("{p}.caption") label=i.t("media-caption")/>
                        <MarkersEditor list=format!("{p}.markers")/>
                        <div class="step-actions">
                            <button type="submit" class="secondary" name="f[intent]" value=format!("up:{p}")
                                disabled=pos == 0 formnovalidate=true>{i.t("step-up")}</button>
                            <button type="submit" class="secondary" name="f[intent]" value=format!("down:{p}")
                                disabled=pos + 1 == n formnovalidate=true>{i.t("step-down")}</button>
                            <button type="submit" class="secondary danger" name="f[intent]" value=format!("remove:{p}")
                                formnovalidate=true>{i.t("media-remove")}</button>
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! {
            <fieldset class="media-edit" id=crate::ui::widgets::field_id(&list)>
                <legend>{i.t("media-heading")}</legend>
                <ol>{items}</ol>
            </fieldset>
        }
    })
}

/// A photo's markers in the form: shape, where (fractions of the width and height),
/// an arrow's end or a circle's radius, and a label in every language.
#[component]
fn MarkersEditor(list: String) -> impl IntoView {
    use crate::ui::widgets::{form_ctx, LocalizedEditor, SelectField, TextField};
    let i = use_i18n();
    let ctx = form_ctx();
    let shapes: Vec<String> = domain::media::MARKER_SHAPES.map(String::from).to_vec();
    let rows = domain::form::indices(&ctx.fields, &list)
        .into_iter()
        .map(|m| {
            let mp = format!("{list}.{m}");
            view! {
                <div class="marker-edit" data-marker=mp.clone()>
                    <SelectField name=format!("{mp}.shape") label=i.t("media-marker-shape") options=shapes.clone() required=true/>
                    <div class="dims">
                        <TextField name=format!("{mp}.x") label=i.t("media-marker-x") required=true/>
                        <TextField name=format!("{mp}.y") label=i.t("media-marker-y") required=true/>
                        <TextField name=format!("{mp}.x2") label=i.t("media-marker-x2")/>
                        <TextField name=format!("{mp}.y2") label=i.t("media-marker-y2")/>
                        <TextField name=format!("{mp}.r") label=i.t("media-marker-r")/>
                    </div>
                    <LocalizedEditor prefix=format!("{mp}.label") label=i.t("media-marker-label")/>
                    <button type="submit" class="secondary" name="f[intent]" value=format!("remove:{mp}") formnovalidate=true>
                        {i.t("media-marker-remove")}
                    </button>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="markers-edit">
            <p class="hint">{i.t("media-marker-hint")}</p>
            {rows}
            <button type="submit" class="secondary" name="f[intent]" value=format!("add:{list}") formnovalidate=true>
                {i.t("media-marker-add")}
            </button>
        </div>
    }
}

/// The marker whose fields are under `mp`, read with `value`, when it has a place.
fn marker_of(mp: &str, value: impl Fn(&str) -> String) -> Option<Marker> {
    let number = |k: &str| value(&format!("{mp}.{k}")).trim().parse::<f64>().ok();
    Some(Marker {
        shape: value(&format!("{mp}.shape")),
        x: number("x")?,
        y: number("y")?,
        x2: number("x2"),
        y2: number("y2"),
        r: number("r"),
        label: None,
    })
}

/// The markers as the form holds them, those with a place.
fn form_markers(ctx: &crate::ui::widgets::FormCtx, list: &str) -> Vec<Marker> {
    domain::form::indices(&ctx.fields, list)
        .into_iter()
        .filter_map(|m| marker_of(&format!("{list}.{m}"), |path| ctx.value(path)))
        .collect()
}

/// A photo in the edit form with its markers drawn over it. The marker fields are
/// what is saved; in the browser a click on the photo fills the place of the marker
/// being edited (the one last focused, else the last one; an arrow takes two clicks,
/// its tail and then its head), and typing in the fields redraws the markers.
#[island]
fn MarkerPlacer(
    src: String,
    alt: String,
    markers: Vec<Marker>,
    hint: String,
    first: String,
) -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, EventTarget, HtmlInputElement, HtmlSelectElement};
    let drawn = RwSignal::new(markers);
    let surface = NodeRef::<leptos::html::Span>::new();
    let active = RwSignal::new(None::<String>);
    let head_next = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    Effect::new(move || note.set(Some(hint.clone())));
    let row = move || {
        surface
            .get_untracked()
            .and_then(|s| s.closest("li.media-row").ok().flatten())
    };
    let in_row = move |target: Option<EventTarget>| -> Option<Element> {
        let el = target?.dyn_into::<Element>().ok()?;
        row()?.contains(Some(&el)).then_some(el)
    };
    let field = |row: &Element, name: &str| {
        row.query_selector(&format!("[name=\"f[{name}]\"]"))
            .ok()
            .flatten()
    };
    let text = move |row: &Element, name: &str| {
        field(row, name)
            .map(|f| match f.dyn_ref::<HtmlSelectElement>() {
                Some(select) => select.value(),
                None => f
                    .dyn_ref::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default(),
            })
            .unwrap_or_default()
    };
    let editors = |row: &Element| -> Vec<String> {
        let Ok(list) = row.query_selector_all(".marker-edit[data-marker]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|n| {
                list.item(n)?
                    .dyn_into::<Element>()
                    .ok()?
                    .get_attribute("data-marker")
            })
            .collect()
    };
    let redraw = move || {
        let Some(r) = row() else {
            return;
        };
        drawn.set(
            editors(&r)
                .into_iter()
                .filter_map(|mp| marker_of(&mp, |path| text(&r, path)))
                .collect(),
        );
    };
    let focus = window_event_listener(leptos::ev::focusin, move |ev| {
        let chosen = in_row(ev.target())
            .and_then(|el| el.closest(".marker-edit[data-marker]").ok().flatten())
            .and_then(|m| m.get_attribute("data-marker"));
        if chosen.is_some() && chosen != active.get_untracked() {
            active.set(chosen);
            head_next.set(false);
        }
    });
    let typed = window_event_listener(leptos::ev::input, move |ev| {
        if in_row(ev.target()).is_some() {
            redraw();
        }
    });
    let changed = window_event_listener(leptos::ev::change, move |ev| {
        if in_row(ev.target()).is_some() {
            redraw();
        }
    });
    on_cleanup(move || {
        focus.remove();
        typed.remove();
        changed.remove();
    });
    let place = move |ev: leptos::ev::MouseEvent| {
        let (Some(r), Some(s)) = (row(), surface.get_untracked()) else {
            return;
        };
        let rect = s.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let Some(mp) = active.get_untracked().or_else(|| editors(&r).pop()) else {
            note.set(Some(first.clone()));
            return;
        };
        let fraction = |at: i32, start: f64, size: f64| {
            (((f64::from(at) - start) / size).clamp(0.0, 1.0) * 1000.0).round() / 1000.0
        };
        let (x, y) = (
            fraction(ev.client_x(), rect.left(), rect.width()),
            fraction(ev.client_y(), rect.top(), rect.height()),
        );
        let arrow = text(&r, &format!("{mp}.shape")) == "arrow";
        let (kx, ky) = if arrow && head_next.get_untracked() {
            ("x2", "y2")
        } else {
            ("x", "y")
        };
        for (k, v) in [(kx, x), (ky, y)] {
            if let Some(input) =
                field(&r, &format!("{mp}.{k}")).and_then(|f| f.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_value(&v.to_string());
            }
        }
        if arrow {
            head_next.update(|h| *h = !*h);
        }
        redraw();
    };
    view! {
        <span class="picture place-surface" node_ref=surface on:click=place>
            <img src=src alt=alt loading="lazy"/>
            {move || view! { <Markers markers=drawn.get()/> }}
        </span>
        <p class="hint" aria-live="polite">{move || note.get()}</p>
    }
}

/// "Add photos": a plain multipart form, so it works without JavaScript. Files are
/// stored, then attached to the entry or the chosen step in one new revision.
#[component]
pub fn AddMedia(
    #[prop(into)] action: String,
    steps: Vec<(String, u32)>,
    /// The largest file taken, and what the visitor's quota still leaves (shown before
    /// they choose files).
    max_file: u64,
    left: Option<u64>,
) -> impl IntoView {
    let i = use_i18n();
    let room = left.map(|left| {
        if left == 0 {
            view! { <p class="problem">{i.t("media-add-room-none")}</p> }.into_any()
        } else {
            view! { <p class="hint">{i.ta("media-add-room", &[("left", size_text(left))])}</p> }
                .into_any()
        }
    });
    view! {
        <section class="media-add" id="media-add" aria-labelledby="media-add-h">
            <h2 id="media-add-h">{i.t("media-add-heading")}</h2>
            <form class="entity-form media-add-form" method="post" action=action enctype="multipart/form-data">
                {(!steps.is_empty()).then(|| view! {
                    <label for="media-step">{i.t("media-add-target")}</label>
                    <select id="media-step" name="step">
                        <option value="">{i.t("media-add-entry")}</option>
                        {steps.into_iter().map(|(id, n)| view! {
                            <option value=id>{i.ta("step-heading", &[("number", n.to_string())])}</option>
                        }).collect_view()}
                    </select>
                })}
                <label for="media-alt">{i.t("media-alt")}</label>
                <input id="media-alt" name="alt" maxlength="500"/>
                <label for="media-caption">{i.t("media-caption")}</label>
                <input id="media-caption" name="caption" maxlength="1000"/>
                <label class="check">
                    <input type="checkbox" name="keep_capture_time" value="1"/>" "{i.t("media-add-keep-time")}
                </label>
                <label for="media-files">{i.t("media-add-files")}</label>
                <input id="media-files" type="file" name="file" multiple=true required=true
                    accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" aria-describedby="media-files-hint"/>
                <p class="hint" id="media-files-hint">{i.ta("media-add-hint", &[("max", size_text(max_file))])}</p>
                {room}
                <UploadProgress sending=i.t("media-add-sending") failed=i.t("media-add-failed")/>
                <button type="submit">{i.t("media-add-submit")}</button>
            </form>
        </section>
    }
}

/// The upload form in the browser: a progress bar while the files travel (the form is
/// sent with XMLHttpRequest, whose upload reports progress), and files dropped on the
/// form go into its file input. Without JavaScript the same form posts plainly, so this
/// island only listens: to `submit`, `dragover` and `drop` on the window.
#[island]
pub fn UploadProgress(sending: String, failed: String) -> impl IntoView {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{self, FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<String>);
    let upload_form = |target: Option<web_sys::EventTarget>| {
        target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(".media-add-form").ok().flatten())
    };
    let submit = window_event_listener(leptos::ev::submit, move |ev| {
        let Some(form) =
            upload_form(ev.target()).and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        // Anything that fails here leaves the plain post to the browser.
        let (Ok(data), Ok(xhr)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else {
            return;
        };
        if xhr.open("POST", &form.action()).is_err() {
            return;
        }
        ev.prevent_default();
        error.set(None);
        progress.set(Some(0.0));
        if let Ok(upload) = xhr.upload() {
            let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    progress.set(Some(100.0 * e.loaded() / e.total()));
                }
            });
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            on_progress.forget();
        }
        let sent = xhr.clone();
        // The server answers with a redirect to the entry page, which the request
        // followed: go where it ended, as the plain post would have.
        let on_load = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(&sent.response_url());
            }
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        let failed = failed.clone();
        let on_error = Closure::once_into_js(move || {
            progress.set(None);
            error.set(Some(failed));
        });
        xhr.set_onerror(Some(on_error.unchecked_ref()));
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            progress.set(None);
        }
    });
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if upload_form(ev.target()).is_some() {
            ev.prevent_default();
        }
    });
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        let Some(form) = upload_form(ev.target()) else {
            return;
        };
        ev.prevent_default();
        let files = ev.data_transfer().and_then(|d| d.files());
        let input = form
            .query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let (Some(input), Some(files)) = (input, files) {
            input.set_files(Some(&files));
        }
    });
    on_cleanup(move || {
        submit.remove();
        over.remove();
        dropped.remove();
    });
    view! {
        <div class="upload-progress" aria-live="polite">
            <progress max="100" hidden=move || progress.get().is_none()
                value=move || progress.get().map(|p| format!("{p:.0}")).unwrap_or_default()></progress>
            <span>{move || progress.get().map(|p| format!("{sending} {p:.0} %"))}</span>
            <span class="problem" role="alert">{move || error.get()}</span>
        </div>
    }
}
