//! Name resolution: every A/AAAA address with the time taken, whether the name points at this
//! machine, and the reverse (PTR) names. Lookups run on the blocking pool and are bounded by a
//! timeout; a literal IP address skips the forward lookup.

use engine::probe::DnsStep;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// Reverse lookups still running; [`Reverse::finish`] collects them.
pub struct Reverse(tokio::task::JoinHandle<Vec<String>>);

impl Reverse {
    /// Waits at most `wait` for the PTR names.
    pub async fn finish(self, wait: Duration) -> Option<Vec<String>> {
        match tokio::time::timeout(wait, self.0).await {
            Ok(Ok(v)) => Some(v),
            _ => None,
        }
    }
}

/// Resolves `host`; returns the step record, the socket addresses to try and the reverse
/// lookups, which run in the background while the other steps proceed.
pub async fn resolve(
    host: &str,
    port: u16,
    timeout: Duration,
) -> (DnsStep, Vec<SocketAddr>, Reverse) {
    let t0 = Instant::now();
    let mut step = DnsStep::default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        step.literal = true;
        step.addresses.push(ip.to_string());
        step.duration_ms = t0.elapsed().as_secs_f64() * 1000.0;
        return (step, vec![SocketAddr::new(ip, port)], reverse(vec![ip]));
    }
    let res =
        tokio::time::timeout(timeout, tokio::net::lookup_host((bare.to_string(), port))).await;
    step.duration_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let mut addrs: Vec<SocketAddr> = Vec::new();
    match res {
        Err(_) => {
            step.error = Some(format!(
                "no answer from the resolver within {} ms",
                timeout.as_millis()
            ))
        }
        Ok(Err(e)) => step.error = Some(e.to_string()),
        Ok(Ok(it)) => {
            for a in it {
                if !addrs.contains(&a) {
                    addrs.push(a);
                }
            }
            if addrs.is_empty() {
                step.error = Some("the name has no A/AAAA records".into());
            }
        }
    }
    step.addresses = addrs.iter().map(|a| a.ip().to_string()).collect();
    step.resolves_to_self = addrs.iter().any(|a| is_own_address(a.ip()));
    let ips: Vec<IpAddr> = addrs.iter().map(|a| a.ip()).collect();
    (step, addrs, reverse(ips))
}

/// True for loopback or an address bound to a local interface (a UDP bind to it succeeds).
pub fn is_own_address(ip: IpAddr) -> bool {
    ip.is_loopback()
        || ip.is_unspecified()
        || std::net::UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
}

fn reverse(ips: Vec<IpAddr>) -> Reverse {
    Reverse(tokio::task::spawn_blocking(move || {
        let mut names: Vec<String> = Vec::new();
        for ip in ips.iter().take(8) {
            if let Ok(n) = dns_lookup::lookup_addr(ip) {
                let n = n.trim_end_matches('.').to_string();
                if n.parse::<IpAddr>().is_err() && !names.iter().any(|x| x.eq_ignore_ascii_case(&n))
                {
                    names.push(n);
                }
            }
        }
        names
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn literal_and_localhost() {
        let (s, a, rev) = resolve("127.0.0.1", 3389, Duration::from_secs(2)).await;
        assert!(s.literal && s.error.is_none());
        assert!(rev.finish(Duration::from_secs(2)).await.is_some());
        assert_eq!(a, vec!["127.0.0.1:3389".parse().unwrap()]);
        let (s, a, _) = resolve("localhost", 1, Duration::from_secs(2)).await;
        assert!(!a.is_empty(), "{s:?}");
        assert!(s.resolves_to_self);
    }

    #[tokio::test]
    async fn bad_name_reports_error() {
        let (s, a, _) = resolve("no-such-host.invalid", 3389, Duration::from_secs(3)).await;
        assert!(a.is_empty());
        assert!(s.error.is_some());
    }
}
