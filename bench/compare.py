#!/usr/bin/env python3
"""Reads the RESULT/SKIP lines of the contender programs (bench/compare.sh runs
them) on stdin and prints the side-by-side table: median ns per call, and each
contender's time over this library's (2.00x = twice as slow as jwt-ffi), then
the issue's targets with their measured ratios. --markdown prints the table as
the README keeps it.

The asymmetric cells (operations "RS256 P1 encode" etc., timed when compare.sh
has made keys) get a table of their own: aws-lc-rs's raw operation on the same
signing input (the lower bound) and this library's time over it, then each
peer's time over this library's (PyJWT's over the Python package's, both given
the PEM text per call), and issue 10's targets. The "within 1.10x of the raw
operation" target is taken from the ASYM lines of bench/interleaved.rs --asym
when compare.sh ran it: our call and the raw operation timed in the same
process and the same shuffled rounds, the ratio per round, its median over the
rounds, then over the runs (in brackets the runs' spread); the separate-process
figures stay in the table for the peers' ratios. RATIO lines (rust-peers
--asym-same: jsonwebtoken and this library's .so in one process, the same
rounds) give jsonwebtoken's ratio to jwt-ffi the same way (median [quartiles]
of the per-round ratios), and the "ahead of every peer" target takes them.
PYRATIO lines (bench/python/contenders.py: PyJWT and the Python package timed in
the same rounds) give issue 10's Python targets likewise: the median over the
runs of each run's per-round median (the lower of two), in brackets the runs'
spread; the table's separately timed figures are shown beside them.
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


ASYM_ALGS = ["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"]
ASYM_OPS = [f"{a} {p} {k}" for a in ASYM_ALGS for p in ("P1", "P2") for k in ("encode", "verify")]
RAW = "aws-lc-rs"  # prefix of the lower bound's contender
# (column title, contender prefix, the contender its ratio is taken against)
ASYM_COLUMNS = [
    ("aws-lc-rs raw op", RAW, None),
    ("jwt-ffi (C ABI)", "jwt-ffi", RAW),
    ("jsonwebtoken 12 (aws_lc_rs)", "jsonwebtoken 12 (aws_lc_rs)", "jwt-ffi"),
    ("libjwt", "libjwt", "jwt-ffi"),
    ("PyJWT (PEM text)", "PyJWT", "jwt_ffi (Python package)"),
    ("jwt_ffi Python (PEM text)", "jwt_ffi (Python package)", None),
    ("jwt_ffi Python, Key", "jwt_ffi (Python package), Key", None),
]
# Issue 10's Python targets: PyJWT's time over the package's with a PEM string.
ASYM_PY_TARGETS = [("RS256", "verify", 4.0), ("ES256", "verify", 2.0),
                   ("EdDSA", "verify", 3.0), ("RS256", "encode", 20.0)]
ASYM_RAW_GOAL = 1.10


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
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def main() -> int:
    markdown = "--markdown" in sys.argv
    results, skipped, same, peer_same, py_same = {}, [], {}, {}, {}
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "ASYM" and len(parts) == 10:
            # alg, payload, sign|verify, unit, ns, raw ns, ratio, run min, run max
            kind = "encode" if parts[3] == "sign" else "verify"
            same[f"{parts[1]} {parts[2]} {kind}"] = tuple(float(x) for x in parts[5:])
        elif parts[0] == "RATIO" and len(parts) == 6:
            # peer, op, median, quartiles of peer / jwt-ffi per round
            peer_same[(parts[1], parts[2])] = tuple(float(x) for x in parts[3:])
        elif parts[0] == "PYRATIO" and len(parts) == 5:
            # op, median, quartiles of PyJWT / jwt_ffi per round, one line per run
            py_same.setdefault(parts[1], []).append(float(parts[2]))
        elif parts[0] == "RESULT" and len(parts) == 4:
            ops = results.setdefault(parts[1], {})
            ops[parts[2]] = min(float(parts[3]), ops.get(parts[2], float("inf")))
        elif parts[0] == "SKIP":
            if " ".join(parts[1:]) not in skipped:  # once, not once per round
                skipped.append(" ".join(parts[1:]))

    def members(prefixes):
        """The contenders of a group: exact names first, then by prefix, in order."""
        def rank(name):
            exact = [i for i, p in enumerate(prefixes) if name == p]
            if exact:
                return exact[0]
            loose = [i for i, p in enumerate(prefixes) if name.startswith(p)]
            return loose[0] if loose else None
        ranked = [(rank(n), n) for n in results
                  if rank(n) is not None and any(op in results[n] for op in OPS)]
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
        names = [n for n in results if n.startswith(peer) and f"P1 {kind}" in results[n]]
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
    peers = [n for n in results if not n.startswith(("jwt-ffi", "jwt_ffi", RAW))]
    behind = [(n, op) for n in peers for op in OPS if op in results[n]
              if results[ours_for('PyJWT' if n.startswith('PyJWT') else n)].get(op, 0) >= results[n][op]]
    print(f"  ahead of every peer on every operation: {'pass' if not behind else 'FAIL ' + str(behind)}")
    asym(results, same, peer_same, py_same, markdown)
    return 0


def asym(results, same, peer_same, py_same, markdown: bool) -> None:
    """The asymmetric table and issue 10's targets, if any cell was timed."""
    if not same and not any(op in r for r in results.values() for op in ASYM_OPS):
        return

    def who(prefix):
        return next((n for n in results if n == prefix), None) or next(
            (n for n in results if n.startswith(prefix)
             and any(op in results[n] for op in ASYM_OPS)), None)

    cols = [(title, who(prefix), who(ref) if ref else None) for title, prefix, ref in ASYM_COLUMNS]
    cols = [c for c in cols if c[1] is not None]
    print()
    print("Asymmetric algorithms (issue 10): median per call; in brackets, the jwt-ffi column's "
          "time over the raw operation's, a peer's over jwt-ffi's (PyJWT's over jwt_ffi "
          "Python's, both given the PEM text per call); empty: the contender lacks the algorithm."
          + (" Same process: jwt-ffi's and the raw operation's medians from "
             "bench/interleaved.rs --asym (the same rounds), their ratio per round, median "
             "[spread of the runs]." if same else "") + "\n")
    same_peers = sorted({p for p, _ in peer_same})
    head = ([n for _, n, _ in cols] + (["same process: jwt-ffi", "raw", "ratio"] if same else [])
            + [f"{p} / jwt-ffi, same process" for p in same_peers])
    if markdown:
        print("| operation | " + " | ".join(head) + " |")
        print("|---|" + "---:|" * len(head))
    else:
        print(f"{'':20}" + "".join(f"{n:>32}" for n in head))
    for op in ASYM_OPS:
        if not any(op in results[n] for _, n, _ in cols) and op not in same:
            continue
        cells = []
        for _, name, ref in cols:
            ns = results[name].get(op)
            base = results[ref].get(op) if ref else None
            cells.append("" if ns is None else
                         f"{fmt_ns(ns)} ({ns / base:.2f}x)" if base else fmt_ns(ns))
        if same:
            ns, raw_ns, r, lo, hi = same.get(op, (None,) * 5)
            cells += ["", "", ""] if ns is None else [
                fmt_ns(ns), fmt_ns(raw_ns), f"{r:.3f}x [{lo:.3f}-{hi:.3f}]"]
        for p in same_peers:
            r = peer_same.get((p, op))
            cells.append("" if r is None else f"{r[0]:.2f}x [{r[1]:.2f}-{r[2]:.2f}]")
        if markdown:
            print(f"| {op} | " + " | ".join(cells) + " |")
        else:
            print(f"{op:20}" + "".join(f"{c:>32}" for c in cells))

    ours, raw = results.get("jwt-ffi", {}), results.get(who(RAW) or "", {})
    print("\nTargets of issue 10:")
    if same:
        pairs = [(op, same[op][2]) for op in ASYM_OPS if op in same]
        how = "same process, bench/interleaved.rs --asym"
    else:
        pairs = [(op, ours[op] / raw[op]) for op in ASYM_OPS if op in ours and op in raw]
        how = "separate processes"
    if pairs:
        over = [f"{op} {r:.2f}x" for op, r in pairs if r > ASYM_RAW_GOAL]
        worst = max(pairs, key=lambda p: p[1])
        print(f"  jwt-ffi within {ASYM_RAW_GOAL:.2f}x of the raw operation ({how}): "
              f"{len(pairs) - len(over)} of {len(pairs)} cells (worst {worst[0]} {worst[1]:.2f}x)"
              + (f"; over: {', '.join(over)}" if over else "") + f" {'pass' if not over else 'FAIL'}")
    else:
        print("  jwt-ffi within 1.10x of the raw operation: not measured")
    behind, cells = [], 0
    for _, name, ref in cols[2:]:
        if ref is None:
            continue
        for op in ASYM_OPS:
            if (name, op) in peer_same:  # same process: the per-round ratio's median
                cells += 1
                r = peer_same[(name, op)][0]
                if r <= 1.0:
                    behind.append(f"{name} {op} {r:.2f}x (same process)")
            elif op in results[name] and op in results[ref]:
                cells += 1
                if results[name][op] <= results[ref][op]:
                    behind.append(f"{name} {op} {results[name][op] / results[ref][op]:.2f}x")
    print(f"  ahead of every peer in every cell: {cells - len(behind)} of {cells} "
          + ("pass" if not behind else "FAIL: " + ", ".join(behind)))
    py, ffi = who("PyJWT"), results.get("jwt_ffi (Python package)")
    for alg, kind, goal in ASYM_PY_TARGETS:
        for p in ("P1", "P2"):
            op = f"{alg} {p} {kind}"
            separate = None
            if py is not None and ffi is not None and op in results[py] and op in ffi:
                separate = results[py][op] / ffi[op]
            if op in py_same:  # same rounds: the median over the runs of their medians
                runs = sorted(py_same[op])
                r = runs[(len(runs) - 1) // 2]  # the lower median of an even count
                how = (f"same rounds [{runs[0]:.2f}-{runs[-1]:.2f}]"
                       + (f"; separately timed {separate:.2f}x" if separate else ""))
            elif separate is not None:
                r, how = separate, "separately timed"
            else:
                print(f"  Python {op} >= {goal:g}x PyJWT: not measured")
                continue
            print(f"  Python {op}: {r:6.2f}x PyJWT (target >= {goal:g}x) "
                  f"{'pass' if r >= goal else 'FAIL'} ({how})")


if __name__ == "__main__":
    sys.exit(main())
