//! Throughput of the text parser on a 10 MB mixed paste (FreeRDP/xrdp logs, event log
//! exports, dialogs in several languages, network-tool output, ordinary log noise), built in
//! memory from the fixtures plus generated noise lines. Prints the median of several runs in
//! MB/s. Run with `scripts/bench-text` (or `cargo bench -p engine --bench text`).

use std::path::Path;
use std::time::Instant;

fn mixed_paste(target: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let fixtures: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let noise = [
        "[08:11:02:412] [40122:40123] [DEBUG][com.freerdp.core.nego] - RequestedProtocols: 0x0000000B, flags 0x00000000",
        "[08:11:02:413] [40122:40123] [INFO][com.freerdp.client.x11] - Loading Dynamic Virtual Channel rdpgfx, buffer at 0x7f3a5c001230",
        "2026-11-20 07:00:01.123 INFO  [main] c.e.portal.SessionService - user=alice session=7f3a5c session started in 231 ms",
        "Information,11/20/2026 6:58:40 AM,Service Control Manager,7036,None,\"The Windows Update service entered the running state.\"",
        "Nov 20 07:00:02 host kernel: [12345.678901] e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx",
        "  TCP    10.1.5.77:51544        10.1.2.30:443          ESTABLISHED     5120",
        "    at System.Net.Sockets.Socket.Connect(EndPoint remoteEP) in C:\\src\\net\\Socket.cs:line 1042",
        "Reply from 10.1.2.30: bytes=32 time=3ms TTL=127",
        "Der Vorgang wurde erfolgreich abgeschlossen. Die Sitzung 2 wurde wiederhergestellt.",
        "连接已建立。会话正在初始化，请稍候……",
    ];
    let mut s = String::with_capacity(target + 4096);
    let mut i = 0usize;
    while s.len() < target {
        s.push_str(noise[i % noise.len()]);
        s.push('\n');
        if i % 12 == 0 {
            s.push_str(&fixtures[(i / 12) % fixtures.len()]);
            s.push('\n');
        }
        i += 1;
    }
    s
}

fn main() {
    let text = mixed_paste(10 * 1024 * 1024);
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    // Warm-up (also builds the catalog and pattern index once).
    let warm = engine::analyze_text(&text, 0);
    let mut times = Vec::new();
    for _ in 0..9 {
        let t = Instant::now();
        let a = engine::analyze_text(&text, 0);
        times.push(t.elapsed().as_secs_f64());
        assert_eq!(a.findings.len(), warm.findings.len());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!(
        "text parser: {:.1} MB mixed paste, median {:.1} ms over {} runs = {:.0} MB/s (best {:.0} MB/s); {} findings",
        mb,
        median * 1000.0,
        times.len(),
        mb / median,
        mb / times[0],
        warm.findings.len()
    );
}
