//! Throughput of the text parser on a 10 MB mixed paste (FreeRDP/xrdp logs, event log
//! exports, dialogs in several languages, network-tool output, ordinary log noise), built in
//! memory from the fixtures plus generated noise lines. Prints the median of several runs in
//! MB/s. Run with `scripts/bench-text` (or `cargo bench -p engine --bench text`).
//!
//! A paste this long is matched on two threads (`engine::analyze_text`; see
//! `text::matcher::scan_shared`), so the mixed paste is measured both ways: as the engine
//! reads it, and on one thread alone (`engine::analyze_text_on_one_thread`).
//!
//! Besides wall-clock time it prints CPU time, because on a shared, overloaded machine the
//! wall clock mostly measures waiting for a core: for one thread its on-CPU time (Linux
//! `/proc/thread-self/schedstat`, nanoseconds, median), for two the whole process's user and
//! system time over all runs (`/proc/self/stat`, clock ticks) divided by the runs.
//!
//! `ONLY_MIXED=1` skips the adversarial run (for profiling the mixed paste alone).

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
    let fixtures: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
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
        if i.is_multiple_of(12) {
            s.push_str(&fixtures[(i / 12) % fixtures.len()]);
            s.push('\n');
        }
        i += 1;
    }
    s
}

/// Nanoseconds this thread has spent on a CPU (Linux), if available.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// CPU seconds the whole process has used, all threads (Linux, clock ticks of 10 ms).
fn process_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses; utime and stime
    // are the 14th and 15th fields of the line.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Runs `f` `runs` times; returns sorted wall seconds and sorted on-CPU seconds.
fn timed(runs: usize, mut f: impl FnMut()) -> (Vec<f64>, Vec<f64>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let c0 = cpu_ns();
        let t = Instant::now();
        f();
        wall.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_ns()) {
            cpu.push((b - a) as f64 / 1e9);
        }
    }
    wall.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    (wall, cpu)
}

fn report(label: &str, mb: f64, wall: &[f64], cpu: &[f64], findings: usize) {
    let med = |v: &[f64]| v[v.len() / 2];
    let cpu_part = if cpu.is_empty() {
        String::new()
    } else {
        format!(
            ", on-CPU median of this thread {:.1} ms = {:.0} MB/s",
            med(cpu) * 1000.0,
            mb / med(cpu)
        )
    };
    println!(
        "text parser, {label}: {mb:.1} MB, wall median {:.1} ms = {:.0} MB/s (best {:.0} MB/s){cpu_part}; {findings} findings, {} runs",
        med(wall) * 1000.0,
        mb / med(wall),
        mb / wall[0],
        wall.len()
    );
}

/// One 10 MB line packed with trigger words: every handler must stay bounded (linear time).
fn adversarial(target: usize) -> String {
    let unit = "LISTENING id : name address 0x1 0x80090327 loss 5% loss active event id,x Pinging [ vpn not ";
    unit.repeat(target / unit.len())
}

fn measure(label: &str, text: &str, analyze: fn(&str, usize) -> engine::TextAnalysis) {
    let mb = text.len() as f64 / (1024.0 * 1024.0);
    // Warm-up (also builds the catalog and pattern index once).
    let warm = analyze(text, 0);
    let p0 = process_cpu_s();
    let (wall, cpu) = timed(9, || {
        let a = analyze(text, 0);
        assert_eq!(a.findings.len(), warm.findings.len());
    });
    report(label, mb, &wall, &cpu, warm.findings.len());
    if let (Some(a), Some(b)) = (p0, process_cpu_s()) {
        let per_run = (b - a) / wall.len() as f64;
        println!(
            "  CPU time of the whole process, all threads: {:.1} ms per run = {:.0} MB/s of CPU",
            per_run * 1000.0,
            mb / per_run
        );
    }
}

fn main() {
    let mixed = mixed_paste(10 * 1024 * 1024);
    measure(
        "mixed paste (as the engine reads it: two threads)",
        &mixed,
        engine::analyze_text,
    );
    measure(
        "mixed paste, one thread alone",
        &mixed,
        engine::analyze_text_on_one_thread,
    );
    if std::env::var_os("ONLY_MIXED").is_none() {
        measure(
            "adversarial single line",
            &adversarial(10 * 1024 * 1024),
            engine::analyze_text,
        );
    }
}
