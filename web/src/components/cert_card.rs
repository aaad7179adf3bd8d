//! One certificate: the fields an admin checks (subject, names, validity, EKU, key,
//! thumbprint) and the RDP verdicts with severity badges.
use engine::cert::CertReport;
use engine::finding::Severity;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cert: CertReport,
}

fn badge(sev: Severity) -> (&'static str, &'static str) {
    match sev {
        Severity::Error => ("sev-error", "Problem"),
        Severity::Warning => ("sev-warning", "Warning"),
        Severity::Info => ("sev-info", "OK"),
    }
}

#[function_component(CertCard)]
pub fn cert_card(props: &Props) -> Html {
    let c = &props.cert;
    let days = if c.days_left < 0 {
        format!("expired {} days ago", -c.days_left)
    } else {
        format!("{} days left", c.days_left)
    };
    let row = |k: &'static str, v: String| -> Html {
        if v.is_empty() {
            html! {}
        } else {
            html! { <><dt>{ k }</dt><dd>{ v }</dd></> }
        }
    };
    html! {
        <article class="card cert">
            <h4>{ if c.subject.is_empty() { "Certificate".to_string() } else { c.subject.clone() } }
                if c.leaf { <span class="badge">{"server certificate"}</span> }
            </h4>
            if !c.verdicts.is_empty() {
                <ul class="verdicts">
                    { for c.verdicts.iter().map(|v| { let (cls, word) = badge(v.severity); html! {
                        <li class="verdict" data-verdict={v.id.clone()}>
                            <span class={classes!("badge", cls)}>{ word }</span>{" "}<strong>{ &v.title }</strong>
                            <p>{ &v.explanation }</p>
                        </li>
                    }}) }
                </ul>
            }
            <dl class="fields">
                { row("Issuer", c.issuer.clone()) }
                { row("Valid from", c.not_before.clone()) }
                { row("Valid until", if c.not_after.is_empty() { String::new() } else { format!("{} ({days})", c.not_after) }) }
                { row("Names (SAN)", c.sans.join(", ")) }
                { row("Extended key usage", c.ekus.join(", ")) }
                { row("Key usage", c.key_usage.join(", ")) }
                { row("Key", c.key.clone()) }
                { row("Signature", c.signature_algorithm.clone()) }
                { row("Self-signed", if c.self_signed { "yes".into() } else { String::new() }) }
                { row("CA certificate", if c.is_ca { "yes".into() } else { String::new() }) }
                { row("Serial", c.serial.clone()) }
                { row("SHA-1 thumbprint", c.thumbprint_sha1.clone()) }
                { row("SHA-256 thumbprint", c.thumbprint_sha256.clone()) }
            </dl>
        </article>
    }
}
