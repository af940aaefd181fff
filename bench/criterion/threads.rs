//! Encode and decode throughput with 1 and 2 threads sharing one key and one
//! validation. Nothing on the hot path is shared mutably (no lock, no counter),
//! so on 2 cores, 2 threads should do about twice the work of one.
//!
//!   cargo bench --bench threads             (or `make bench`)

mod support;

use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant, SystemTime};

use criterion::{BenchmarkId, Throughput};
use support::*;

/// Runs `op` `iters` times on each of `threads` threads started together and
/// returns the wall time of the slowest, which is the time of the whole batch.
fn run_parallel(threads: usize, iters: u64, op: &(dyn Fn() + Sync)) -> Duration {
    let start = Barrier::new(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    start.wait();
                    let t = Instant::now();
                    for _ in 0..iters {
                        op();
                    }
                    t.elapsed()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("bench thread"))
            .max()
            .unwrap()
    })
}

fn main() {
    let since = SystemTime::now();
    let mut c = criterion();
    let key = Key::hs256(SECRET);
    let v = Validation::access_token();
    let json = CString::new(P2).unwrap();
    let token = token_for(&key, &json);
    check_calls(&key, &json, &token, &v);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let encode_op = || encode_with_key(&key, black_box(&json));
    let decode_op = || decode_with_key(&key, black_box(&token as &CStr), &v);
    let ops: [(&str, &(dyn Fn() + Sync)); 2] = [
        ("jwt_encode_with_key", &encode_op),
        ("jwt_decode_with_key", &decode_op),
    ];
    let mut g = c.benchmark_group("threads_P2");
    for (name, op) in ops {
        for threads in [1usize, 2] {
            // One iteration = one call on each thread: criterion's rate is then calls/s.
            g.throughput(Throughput::Elements(threads as u64));
            g.bench_with_input(BenchmarkId::new(name, threads), &threads, |b, &n| {
                b.iter_custom(|iters| run_parallel(n, iters, op))
            });
        }
    }
    g.finish();
    c.final_summary();
    if !timing_requested() {
        return;
    }
    println!("\nCalls per second on P2, one key and one validation shared ({cores} cores):");
    println!(
        "{:<22} {:>12} {:>12} {:>8}",
        "operation", "1 thread", "2 threads", "speedup"
    );
    for (name, _) in ops {
        let rate = |n: usize| {
            median_ns(since, &format!("threads_P2/{name}/{n}")).map(|ns| n as f64 * 1e9 / ns)
        };
        if let (Some(one), Some(two)) = (rate(1), rate(2)) {
            println!("{name:<22} {one:>12.0} {two:>12.0} {:>7.2}x", two / one);
        }
    }
}
