#!/usr/bin/env python3
"""Prints the benchmark table from the result files of benchmarks/run.sh (medians over rounds)."""
import csv, datetime, os, statistics, sys

out, cores, java = sys.argv[1], sys.argv[2], sys.argv[3]

def rows(name):
    path = os.path.join(out, name)
    return list(csv.reader(open(path))) if os.path.exists(path) else []

wrk = {}
for name, rps, p99, non2xx in rows("wrk.csv"):
    wrk.setdefault(name, []).append((float(rps), float(p99), int(non2xx)))
med = {k: (statistics.median(r for r, _, _ in v), statistics.median(p for _, p, _ in v), sum(n for _, _, n in v), len(v))
       for k, v in wrk.items()}
startup = {}
for name, ms in rows("startup.csv"):
    startup.setdefault(name, []).append(float(ms))

print(f"# ofauth-queue benchmarks — {datetime.date.today()} — {cores} cores — {java}")
print()
print("| wrk (32 connections, keep-alive, loopback) | req/s (median) | p99 ms (median) | non-2xx | rounds |")
print("|---|---:|---:|---:|---:|")
for k in ["get-one-fake", "get-one-fake-base", "get-one-wiremock", "get-one-bare", "get-page-fake", "delete-fake"]:
    if k in med:
        r, p, n, c = med[k]
        print(f"| {k} | {r:,.0f} | {p:.2f} | {n} | {c} |")
print()
if all(k in med for k in ["get-one-fake", "get-one-wiremock", "get-one-bare"]):
    f, w, b = med["get-one-fake"][0], med["get-one-wiremock"][0], med["get-one-bare"][0]
    print(f"- fake / WireMock, GET one: **{f / w:.2f}x** (target >= 6x)")
    print(f"- fake / bare Vert.x, GET one: **{f / b:.2f}x** (target >= 0.9x)")
if "get-one-fake" in med and "get-one-fake-base" in med:
    print(f"- fake / its build of 63992cd (before the hostile-input work), GET one:"
          f" **{med['get-one-fake'][0] / med['get-one-fake-base'][0]:.2f}x** (target >= 1.0x)")
if "startup-fake" in startup and "startup-wiremock" in startup:
    sf, sw = statistics.median(startup["startup-fake"]), statistics.median(startup["startup-wiremock"])
    print(f"- process start to first 200: fake (`java -jar`) {sf:.0f} ms, WireMock {sw:.0f} ms, ratio **{sf / sw:.2f}**")
if "startup-fake-archive" in startup and "startup-wiremock" in startup:
    sa, sw = statistics.median(startup["startup-fake-archive"]), statistics.median(startup["startup-wiremock"])
    print(f"- process start to first 200: fake (`bin/fake-ofauth`, class-data archive) {sa:.0f} ms, ratio to WireMock"
          f" **{sa / sw:.2f}** (targets <= 0.3, <= 500 ms)")
for _, first, median, p90 in rows("inprocess.csv"):
    print(f"- the JUnit extension's in-process start: first {float(first):.0f} ms, then median {float(median):.1f} ms,"
          f" p90 {float(p90):.1f} ms (target <= 50 ms after the first)")
print()
jmh = rows("jmh.csv")
if jmh:
    header, data = jmh[0], jmh[1:]
    idx = {h: i for i, h in enumerate(header)}
    score = {}
    for r in data:
        full = r[idx["Benchmark"]]                      # pkg.Class.method or pkg.Class.method:gc.alloc.rate.norm
        method, _, secondary = full.partition(":")
        short = method.split(".")[-1] + (":" + secondary.lstrip("·") if secondary else "")
        error = r[idx["Score Error (99.9%)"]]
        score[short] = (float(r[idx["Score"]]), float(error) if error not in ("", "NaN") else float("nan"), r[idx["Unit"]])
    print("| JMH | score | error (99.9%) | unit |")
    print("|---|---:|---:|---|")
    for k in ["adapterFetchIntoDomainRecord", "bareWebClientGetAndReadTree", "adapterFetchIntoDomainRecord:gc.alloc.rate.norm",
              "bareWebClientGetAndReadTree:gc.alloc.rate.norm", "decodeToDomainRecord", "jacksonReadTree",
              "decodeToDomainRecord:gc.alloc.rate.norm", "jacksonReadTree:gc.alloc.rate.norm"]:
        if k in score:
            s, e, u = score[k]
            print(f"| {k} | {s:,.1f} | {e:,.1f} | {u} |")
    if "adapterFetchIntoDomainRecord" in score and "bareWebClientGetAndReadTree" in score:
        print()
        print(f"- adapter / bare WebClient throughput: **{score['adapterFetchIntoDomainRecord'][0] / score['bareWebClientGetAndReadTree'][0]:.2f}x** (target >= 0.85x)")
    if "decodeToDomainRecord" in score and "jacksonReadTree" in score:
        print(f"- decoding into the domain record / readTree: **{score['decodeToDomainRecord'][0] / score['jacksonReadTree'][0]:.2f}x**")
print()
bulk = rows("bulk.csv")
if bulk:
    print("| bulk deletion, 300 messages, fake at 20/s burst 30 | client limiter | wall s | theoretical s | ratio | 429s seen | failed |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for _, path, lim, wall, theory, ratio, limited, failed in bulk:
        label = "port DELETE only" if path == "port" else "use case (plan, then one DELETE each)"
        print(f"| {label} | {lim} | {float(wall):.2f} | {float(theory):.2f} | {float(ratio):.3f} | {limited} | {failed} |")
print()
jobs = {r[1]: r[2:] for r in rows("jobs.csv")}
if jobs:
    print("| deletion jobs and plans (fake at 20/s burst 30 per connection, client limiter the same) | figure | target |")
    print("|---|---:|---|")
    if "plan" in jobs:
        n, req, pages, per, wall, floor, ratio, limited, failed = jobs["plan"]
        print(f"| executing a plan of {n}: requests per message ({req} requests, {pages} list pages) | {float(per):.3f} | <= 1 + pages/message = {1 + int(pages) / int(n):.3f} |")
        print(f"| executing a plan of {n}: wall {float(wall):.2f} s over the floor {float(floor):.2f} s ({limited} 429s seen, {failed} not deleted) | {float(ratio):.3f}x | <= 1.1x |")
    if "job3" in jobs:
        total, req, wall, floor, ratio, limited, failed = jobs["job3"]
        print(f"| a job over 3 connections (300 + 200 + 100): wall {float(wall):.2f} s over the slowest connection's floor {float(floor):.2f} s ({limited} 429s seen, {failed} not deleted) | {float(ratio):.3f}x | <= 1.1x |")
    if "store" in jobs:
        n, sqlite, memory, per_item, rounds = jobs["store"]
        print(f"| the job store's cost per item, forcing included: a {n}-message job with every limit off, SQLite {float(sqlite):.2f} s vs in-memory {float(memory):.2f} s (medians of {rounds}) | {float(per_item):.2f} ms | <= 2 ms |")
print()
shared = {}
for _, mode, rnd, wall, floor, ratio, req, limited, redis_calls, per_req, failed in rows("shared.csv"):
    shared.setdefault(mode, []).append((float(wall), float(floor), float(ratio), int(req), int(limited), float(per_req), int(failed)))
if shared:
    print("| 3 processes delete 300 messages of one connection (disjoint thirds, or one shared job), fake at 20/s burst 30 (medians of rounds) | wall s (floor) | wall / floor | 429s / requests | Redis round trips per request | not deleted |")
    print("|---|---:|---:|---:|---:|---:|")
    targets = {"local": "", "redis": " (targets: <= 1.1x, <= 1% 429s, <= 1.5 round trips)", "job": " (target: <= 1.1x)"}
    labels = {"local": "each with its own local bucket at 20/s burst 30", "redis": "the budget shared on Redis",
              "job": "one job of all 300 on Redis, started by one and joined by two, budget shared"}
    for mode in ("local", "redis", "job"):
        if mode not in shared:
            continue
        v = shared[mode]
        m = lambda i: statistics.median(x[i] for x in v)
        label = labels[mode]
        per = f"{m(5):.3f}" if mode != "local" else "-"
        print(f"| {label}{targets[mode]}, {len(v)} rounds | {m(0):.2f} ({m(1):.2f}) | {m(2):.3f}x | {100 * m(4) / m(3):.1f}% ({m(4):.0f} of {m(3):.0f}) | {per} | {sum(x[6] for x in v)} |")

contention = {}
for _, mode, rnd, grants, secs, p50, p99, trips, per in rows("contention.csv"):
    contention.setdefault(mode, []).append((int(grants), float(secs), float(p50), float(p99), float(per)))
if contention:
    print()
    print("| the budget under contention: 32 takers in each of 3 processes, one connection, 9,000 grants (medians of rounds) | grants/s | take p50 us | take p99 us | Redis round trips per grant |")
    print("|---|---:|---:|---:|---:|")
    labels = {"local": "each process its own local bucket", "redis": "the budget shared on Redis (target: <= 1.05 round trips per grant)"}
    for mode in ("local", "redis"):
        if mode in contention:
            v = contention[mode]
            m = lambda i: statistics.median(x[i] for x in v)
            per = f"{m(4):.3f}" if mode == "redis" else "-"
            print(f"| {labels[mode]}, {len(v)} rounds | {m(0) / m(1):,.0f} | {m(2):,.0f} | {m(3):,.0f} | {per} |")

sim = rows("sim.csv")
if sim:
    print()
    print("| the simulation of deletion jobs (JobSimulationTest, surefire's time) | seeds | seconds | target |")
    print("|---|---:|---:|---|")
    for _, seeds, secs in sim:
        print(f"| every history keeps the jobs' promises | {int(seeds):,} | {float(secs):.1f} | <= 60 s for 10,000 |")
