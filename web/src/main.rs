//! Entry point of the RDP Triage web app: mounts the root component.
fn main() {
    yew::Renderer::<web::App>::new().render();
}
