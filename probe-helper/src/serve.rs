//! `rdp-probe serve`: the local bridge for the web app (protocol v1). Placeholder.

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The web app URL whose origin may call the bridge.
    #[arg(long, default_value = crate::DEFAULT_APP_URL)]
    pub app: String,
}

pub async fn run(_a: ServeArgs) -> std::process::ExitCode {
    eprintln!("rdp-probe: serve is not implemented yet");
    std::process::ExitCode::from(2)
}
