#!/usr/bin/env python3
"""Reads the RESULT/SKIP lines of the contender programs (bench/compare.sh runs
them) on stdin and prints the side-by-side table: median ns per call, and each
contender's time over this library's (2.00x = twice as slow as jwt-ffi), then
the issue's targets with their measured ratios. --markdown prints the table as
the README keeps it.
"""

import datetime
import os
import platform
import subprocess
import sys

OPS = ["P1 encode", "P1 verify", "P2 encode", "P2 verify"]
# (group title, reference contender, contenders in display order by prefix)
GROUPS = [
    ("C ABI and native peers", "jwt-ffi",
     ["jwt-ffi", "jwt-ffi (jwt_encode_into)", "jwt-ffi (raw secret per call)",
      "jsonwebtoken", "jwt-simple", "libjwt"]),
    ("Python", "jwt_ffi (Python package)",
     ["jwt_ffi (Python package)", "jwt_ffi (Python package), Key", "PyJWT"]),
]
# The targets: peer prefix, operation kind, minimum ratio peer/ours.
TARGETS = [
    ("libjwt", "encode", 15.0), ("libjwt", "verify", 10.0),
    ("jsonwebtoken", "encode", 2.5), ("jsonwebtoken", "verify", 4.0),
    ("PyJWT", "encode", 3.0), ("PyJWT", "verify", 8.0),
]


def machine() -> str:
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"{version(['rustc', '-V'])}; {version(['cc', '--version'])}; "
            f"Python {platform.python_version()}; {datetime.date.today().isoformat()}")


def fmt_ns(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def main() -> int:
    markdown = "--markdown" in sys.argv
    results, skipped = {}, []
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "RESULT" and len(parts) == 4:
            ops = results.setdefault(parts[1], {})
            ops[parts[2]] = min(float(parts[3]), ops.get(parts[2], float("inf")))
        elif parts[0] == "SKIP":
            skipped.append(" ".join(parts[1:]))

    def members(prefixes):
        """The contenders of a group: exact names first, then by prefix, in order."""
        def rank(name):
            exact = [i for i, p in enumerate(prefixes) if name == p]
            if exact:
                return exact[0]
            loose = [i for i, p in enumerate(prefixes) if name.startswith(p)]
            return loose[0] if loose else None
        ranked = [(rank(n), n) for n in results if rank(n) is not None]
        return [n for _, n in sorted(ranked)]

    print(f"Machine: {machine()}")
    rounds = sys.argv[sys.argv.index("--rounds") + 1] if "--rounds" in sys.argv else "1"
    print(f"Median time per call (best of {rounds} rounds); in brackets, time relative to "
          "this library (jwt-ffi, or jwt_ffi for Python): higher means slower than it.\n")
    for title, ref, prefixes in GROUPS:
        rows = members(prefixes)
        if ref not in results:
            continue
        base = results[ref]
        if markdown:
            print(f"**{title}**\n")
            print("| contender | " + " | ".join(OPS) + " |")
            print("|---|" + "---:|" * len(OPS))
        else:
            print(title)
            print(f"{'':40}" + "".join(f"{op:>22}" for op in OPS))
        for name in rows:
            cells = []
            for op in OPS:
                ns = results[name].get(op)
                cells.append("" if ns is None else
                             f"{fmt_ns(ns)} ({ns / base[op]:.2f}x)" if op in base else fmt_ns(ns))
            if markdown:
                print(f"| {name} | " + " | ".join(cells) + " |")
            else:
                print(f"{name:40}" + "".join(f"{c:>22}" for c in cells))
        print()
    for s in skipped:
        print(f"skipped: {s}")

    def ours_for(peer):
        return "jwt_ffi (Python package)" if peer == "PyJWT" else "jwt-ffi"

    print("Targets of the issue (peer time / our time, per payload):")
    failed = 0
    for peer, kind, goal in TARGETS:
        names = [n for n in results if n.startswith(peer)]
        ours = results.get(ours_for(peer))
        if not names or not ours:
            print(f"  {peer} {kind} >= {goal:g}x: not measured")
            continue
        for p in ("P1", "P2"):
            op = f"{p} {kind}"
            r = results[names[0]][op] / ours[op]
            ok = r >= goal
            failed += not ok
            print(f"  {peer} {op}: {r:6.2f}x (target >= {goal:g}x) {'pass' if ok else 'FAIL'}")
    peers = [n for n in results if not n.startswith(("jwt-ffi", "jwt_ffi"))]
    behind = [(n, op) for n in peers for op in OPS
              if results[ours_for('PyJWT' if n.startswith('PyJWT') else n)].get(op, 0) >= results[n][op]]
    print(f"  ahead of every peer on every operation: {'pass' if not behind else 'FAIL ' + str(behind)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
