//! The client entry: makes the islands of the server-rendered pages interactive (the
//! pickers' and the search box's live matches); everything else is plain HTML.

use leptos::prelude::{document, request_animation_frame};

// Links the islands, which the app crate exports to the page's loader script.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The loader hydrates the islands right after this returns; a frame later they
    // are live, which people and browser tests can tell by this mark.
    request_animation_frame(|| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
