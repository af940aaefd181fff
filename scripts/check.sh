#!/usr/bin/env bash
# make check: runs each step (a make target) in turn, printing when it starts and its
# wall time when it ends, then a summary: per step its verdict, its time and what it
# counted (tests passed/failed/ignored, checks, fuzz runs). A failed step does not stop
# the others (except deps, which they need); the exit status is 1 when any failed.
#
#   scripts/check.sh STEP...        (the Makefile passes CHECK_STEPS)
#
# Each step's output is shown as it runs and kept in target/check/STEP.log.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/check
mkdir -p "$logs"

now() { date +%s.%N; }
duration() { # SECONDS (fractional) -> "1m 23.4s" / "4.2s"
  awk -v t="$1" 'BEGIN { m = int(t / 60); s = t - 60 * m;
    if (m > 0) printf "%dm %04.1fs", m, s; else printf "%.1fs", s }'
}

# What a step's log says it did, in one line (empty when it counted nothing).
counts() { # LOG
  local log=$1
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed/) rp += $i; if ($(i + 1) ~ /^failed/) rf += $i
        if ($(i + 1) ~ /^ignored/) ri += $i
      }
      rust = 1
    }
    /^tests\/c: [0-9]+ passed, [0-9]+ failed/ { cp += $2; cf += $4; c = 1 }
    /^test-jwt-tool: [0-9]+ checks passed/ { tp += $2; t = 1 }
    /^test-jwt-tool: [0-9]+ of [0-9]+ checks failed/ { tf += $2; t = 1 }
    /^(install-test|coexist): ok: / { ip++; i_ = 1 }
    /^(install-test|coexist): FAIL: / { if_++; i_ = 1 }
    /^[0-9]+ (passed|failed|skipped)/ {
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed/) pp = $i; if ($(i + 1) ~ /^failed/) pf = $i
        if ($(i + 1) ~ /^skipped/) ps = $i
      }
      py = 1
    }
    /^fuzz: [^ ]+: [0-9]+ runs/ { fr += $3; ft++; fz = 1 }
    /allocations per call .* ok/ { ap++; al = 1 }
    /allocations per call .* OVER/ { af++; al = 1 }
    END {
      sep = ""
      if (rust) { printf "%s%d Rust tests passed, %d failed, %d ignored", sep, rp, rf, ri; sep = "; " }
      if (c) { printf "%s%d C checks passed, %d failed", sep, cp, cf; sep = "; " }
      if (t) { printf "%s%d jwt-tool checks passed, %d failed", sep, tp, tf; sep = "; " }
      if (i_) { printf "%s%d install checks passed, %d failed", sep, ip, if_; sep = "; " }
      if (py) { printf "%s%d Python tests passed, %d failed, %d skipped", sep, pp, pf, ps; sep = "; " }
      if (fz) { printf "%s%d fuzz targets, %d runs", sep, ft, fr; sep = "; " }
      if (al) { printf "%s%d allocation counts within their limit, %d over", sep, ap, af; sep = "; " }
    }' "$log"
}

steps=("$@")
n=${#steps[@]}
total_start=$(now)
total_cpu=0
results=()
failed=0
i=0
for step in "${steps[@]}"; do
  i=$((i + 1))
  echo
  echo "==> make check [$i/$n] $step: started at $(date -u +%H:%M:%S) UTC"
  # Wall time, and the CPU time (user + system) of everything the step ran: on a
  # machine shared with other jobs the second says what the step itself cost.
  TIMEFORMAT='%R %U %S'
  { time { make --no-print-directory "$step" 2>&1; echo $? >"$logs/$step.rc"; } | tee "$logs/$step.log"; } 2>"$logs/$step.time"
  rc=$(cat "$logs/$step.rc")
  read -r t user sys <"$logs/$step.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  total_cpu=$(awk -v a="$total_cpu" -v c="$cpu" 'BEGIN { print a + c }')
  if [ "$rc" = 0 ]; then verdict=PASS; else verdict=FAIL; failed=$((failed + 1)); fi
  echo "<== make check [$i/$n] $step: $verdict in $(duration "$t") (CPU $(duration "$cpu"))"
  results+=("$(printf '%-4s  %-13s %10s  %10s  %s' "$verdict" "$step" "$(duration "$t")" "$(duration "$cpu")" "$(counts "$logs/$step.log")")")
  if [ "$rc" != 0 ] && [ "$step" = deps ]; then
    echo "make check: the dependencies could not be installed; stopping" >&2
    break
  fi
done

total=$(awk -v s="$total_start" -v e="$(now)" 'BEGIN { print e - s }')
echo
echo "make check: summary (logs in $logs/)"
printf '%-4s  %-13s %10s  %10s  %s\n' "" step wall CPU counts
printf '%s\n' "${results[@]}"
echo "make check: $((${#results[@]} - failed)) of $n steps passed, $failed failed, in $(duration "$total") (CPU $(duration "$total_cpu"), $(nproc) cores)"
[ "$failed" -eq 0 ] && [ ${#results[@]} -eq "$n" ]
