//! `use_file_drop`: read files from a drop or a file picker as bytes (gloo-file), one callback
//! per file (name, bytes). Also tracks whether something is being dragged over the drop zone.
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub struct FileDrop {
    pub dragging: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
    /// For `<input type="file">` change events.
    pub onpick: Callback<Event>,
}

fn read_all(files: Option<web_sys::FileList>, on_file: Callback<(String, Vec<u8>)>) {
    let Some(files) = files else { return };
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        read_file(file, on_file.clone());
    }
}

/// Reads one file and hands its name and bytes to `on_file` (also used for the files dropped
/// on the page shell before the app mounted, `use_shell`).
pub fn read_file(file: web_sys::File, on_file: Callback<(String, Vec<u8>)>) {
    let file = gloo::file::File::from(file);
    spawn_local(async move {
        if let Ok(bytes) = gloo::file::futures::read_as_bytes(&file).await {
            on_file.emit((file.name(), bytes));
        }
    });
}

#[hook]
pub fn use_file_drop(on_file: Callback<(String, Vec<u8>)>) -> FileDrop {
    let dragging = use_state(bool::default);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        // Only on a change: the drag state lives in the page's root, so setting it re-renders
        // the whole page (dragleave also fires when moving between the drop zone's children).
        Callback::from(move |_e: DragEvent| {
            if *dragging {
                dragging.set(false)
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_file = on_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read_all(e.data_transfer().and_then(|d| d.files()), on_file.clone());
        })
    };
    let onpick = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        read_all(input.files(), on_file.clone());
        input.set_value("");
    });
    FileDrop {
        dragging: *dragging,
        ondragover,
        ondragleave,
        ondrop,
        onpick,
    }
}
