//! One certificate: the fields an admin checks (subject, names, validity, EKU, key,
//! thumbprint) and the RDP verdicts with severity badges. A plain view function (no state):
//! the meaning panel calls it for each certificate.
use crate::components::parts::{row, severity_badge, static_html};
use engine::cert::CertReport;
use yew::prelude::*;

pub fn cert_card(c: &CertReport) -> Html {
    // `days_left` is whole days rounded down: 0 is "under a day left", -1 "expired within
    // the last day".
    let days = match c.days_left {
        0 => "less than a day left".to_string(),
        -1 => "expired less than a day ago".to_string(),
        d if d < 0 => format!("expired {} days ago", -d),
        d => format!("{d} days left"),
    };
    let yes = |b: bool| if b { "yes".to_string() } else { String::new() };
    // The `static_html` string below is a static literal of this file (no user data).
    html! {
        <article class="card cert">
            <h4>{ if c.subject.is_empty() { "Certificate".to_string() } else { c.subject.clone() } }
                if c.leaf { { static_html(r#"<span class="badge">server certificate</span>"#) } }
            </h4>
            if !c.verdicts.is_empty() {
                <ul class="verdicts">
                    { for c.verdicts.iter().map(|v| { let sev = severity_badge(v.severity, [
                        r#"<span class="badge sev-error">Problem</span>"#,
                        r#"<span class="badge sev-warning">Warning</span>"#,
                        r#"<span class="badge sev-info">OK</span>"#,
                    ]); html! {
                        <li class="verdict" data-verdict={v.id.clone()}>
                            { sev }{" "}<strong>{ &v.title }</strong>
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
                { row("Self-signed", yes(c.self_signed)) }
                { row("CA certificate", yes(c.is_ca)) }
                { row("Serial", c.serial.clone()) }
                { row("SHA-1 thumbprint", c.thumbprint_sha1.clone()) }
                { row("SHA-256 thumbprint", c.thumbprint_sha256.clone()) }
            </dl>
        </article>
    }
}
