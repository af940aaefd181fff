#!/usr/bin/env bash
# make check: runs each step (a make target), printing when it starts and its wall
# time when it ends, then a summary: per step its verdict, its time and what it
# counted (tests passed/failed/ignored, checks, fuzz runs). A failed step does not stop
# the others (except deps, which they need); the exit status is 1 when any failed.
#
#   scripts/check.sh STEP... [-- BESIDE...]      (the Makefile passes CHECK_STEPS and
#                                                 CHECK_BESIDE)
#
# The STEPs run in turn, their output shown as it runs. The BESIDE steps (those with a
# cargo target directory of their own: header-check, fuzz) run one after the other
# beside them, once deps has passed: much of the main steps' time leaves a core idle
# (fat-LTO links, valgrind, pytest), which they fill. Their output is shown as it
# comes, each line prefixed with the step's name. Every step's output is kept in
# target/check/STEP.log.
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
        if ($(i + 1) ~ /^passed/) pp += $i; if ($(i + 1) ~ /^failed/) pf += $i
        if ($(i + 1) ~ /^skipped/) ps += $i
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

main_steps=()
beside=()
seen_sep=0
for a in "$@"; do
  if [ "$a" = -- ]; then seen_sep=1; elif [ "$seen_sep" = 1 ]; then beside+=("$a"); else main_steps+=("$a"); fi
done
n=$((${#main_steps[@]} + ${#beside[@]}))
total_start=$(now)
i=0

# run_step STEP INDEX [PREFIX]: runs one step, printing its start and end lines; its
# verdict, times and counts go to $logs/STEP.result (the summary reads them).
run_step() {
  local step=$1 idx=$2 prefix=${3:-} rc t user sys cpu verdict
  echo
  echo "==> make check [$idx/$n] $step: started at $(date -u +%H:%M:%S) UTC${prefix:+ (beside the others)}"
  # Wall time, and the CPU time (user + system) of everything the step ran: on a
  # machine shared with other jobs the second says what the step itself cost. Timed
  # in a subshell of its own, so that the CPU of the other lane's processes (which
  # this shell reaps) is not counted here.
  if [ -n "$prefix" ]; then
    (TIMEFORMAT='%R %U %S'
     time { make --no-print-directory "$step" 2>&1; echo $? >"$logs/$step.rc"; } | tee "$logs/$step.log" | sed -u "s/^/$prefix/") 2>"$logs/$step.time"
  else
    (TIMEFORMAT='%R %U %S'
     time { make --no-print-directory "$step" 2>&1; echo $? >"$logs/$step.rc"; } | tee "$logs/$step.log") 2>"$logs/$step.time"
  fi
  rc=$(cat "$logs/$step.rc")
  read -r t user sys <"$logs/$step.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  if [ "$rc" = 0 ]; then verdict=PASS; else verdict=FAIL; fi
  echo "<== make check [$idx/$n] $step: $verdict in $(duration "$t") (CPU $(duration "$cpu"))"
  printf '%s %s %s\n' "$verdict" "$t" "$cpu" >"$logs/$step.result"
}

rm -f "$logs"/*.result
# The BESIDE lane is meant to fill one core: fuzz runs one target at a time there
# (alone, `make fuzz` runs one per core). Two at a time took both cores for a minute
# while the main lane waited.
export FUZZ_JOBS=${FUZZ_JOBS:-1}
beside_pid=
for step in "${main_steps[@]}"; do
  i=$((i + 1))
  run_step "$step" "$i"
  if [ "$step" = deps ]; then
    if [ "$(cat "$logs/deps.rc")" != 0 ]; then
      echo "make check: the dependencies could not be installed; stopping" >&2
      break
    fi
    if [ ${#beside[@]} -gt 0 ]; then
      (
        j=${#main_steps[@]}
        for b in "${beside[@]}"; do
          j=$((j + 1))
          run_step "$b" "$j" "  [$b] "
        done
      ) &
      beside_pid=$!
    fi
  fi
done
if [ -n "$beside_pid" ]; then
  echo
  echo "make check: waiting for ${beside[*]} (beside the others)"
  wait "$beside_pid"
fi

total=$(awk -v s="$total_start" -v e="$(now)" 'BEGIN { print e - s }')
total_cpu=0
failed=0
ran=0
echo
echo "make check: summary (logs in $logs/)"
printf '%-4s  %-13s %10s  %10s  %s\n' "" step wall CPU counts
for step in "${main_steps[@]}" "${beside[@]}"; do
  [ -f "$logs/$step.result" ] || continue
  read -r verdict t cpu <"$logs/$step.result"
  ran=$((ran + 1))
  [ "$verdict" = PASS ] || failed=$((failed + 1))
  total_cpu=$(awk -v a="$total_cpu" -v c="$cpu" 'BEGIN { print a + c }')
  printf '%-4s  %-13s %10s  %10s  %s\n' "$verdict" "$step" "$(duration "$t")" "$(duration "$cpu")" "$(counts "$logs/$step.log")"
done
echo "make check: $((ran - failed)) of $n steps passed, $failed failed, in $(duration "$total") (CPU $(duration "$total_cpu"), $(nproc) cores)"
[ "$failed" -eq 0 ] && [ "$ran" -eq "$n" ]
