"""Summarises a JFR recording of the fake under wrk: top methods on CPU and top allocated classes.

usage: jfr_top.py RECORDING.jfr REQUESTS SECONDS
REQUESTS is how many requests wrk counted over SECONDS; allocation is given per request.
"""
import collections
import json
import subprocess
import sys

recording, requests, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
per_second = requests / seconds


def events(kind, depth=3):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", kind, recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame(f):
    m = f["method"]
    name = m["type"]["name"].replace("dev/ofauthqueue/fake/shaded/", "").replace("dev.ofauthqueue.fake.shaded.", "")
    return name + "." + m["name"]


cpu = collections.Counter()
own = collections.Counter()
inner = collections.Counter()
samples = events("jdk.ExecutionSample", 64)
for e in samples:
    frames = e["values"]["stackTrace"]["frames"] if e["values"]["stackTrace"] else []
    cpu[frame(frames[0]) if frames else "?"] += 1
    names = [frame(f) for f in frames]
    mine = [n.replace("dev/ofauthqueue/fake/", "") for n in names if n.startswith("dev/ofauthqueue/fake/")]
    for name in set(mine):
        own[name] += 1
    inner[mine[0] if mine else "(no frame of the fake: Netty, Vert.x, JDK)"] += 1
print(f"  CPU samples: {len(samples)}; top methods (share of samples):")
for name, n in cpu.most_common(12):
    print(f"    {100 * n / max(1, len(samples)):5.1f}%  {name}")
print("  the fake's own methods anywhere on the stack (share of samples; lambdas and handlers nest):")
for name, n in own.most_common(12):
    print(f"    {100 * n / max(1, len(samples)):5.1f}%  {name}")
print("  each sample charged to the innermost method of the fake on its stack (it, and the libraries it called):")
for name, n in inner.most_common(12):
    print(f"    {100 * n / max(1, len(samples)):5.1f}%  {name}")

alloc = collections.Counter()
for e in events("jdk.ObjectAllocationSample"):
    cls = e["values"]["objectClass"]["name"].replace("dev/ofauthqueue/fake/shaded/", "")
    alloc[cls] += e["values"]["weight"]
total = sum(alloc.values())
seconds_recorded = seconds - 1
print(f"  allocated: {total / max(1, per_second * seconds_recorded):,.0f} bytes per request (JFR's sampled weight);"
      " top classes:")
for name, w in alloc.most_common(10):
    print(f"    {100 * w / max(1, total):5.1f}%  {name}")
