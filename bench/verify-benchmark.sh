#!/usr/bin/env bash
# Benchmark of `vmotion verify`'s model checker on the correct protocol with every fault on.
#
# 1. Explores a reference bound fully and prints states, transitions, seconds and states/second.
# 2. Searches for the largest bound that finishes within a time limit (default 60 s): first the
#    largest n with pages = writes = rounds = n, then, from there, how far the guest-write bound
#    (the dimension that grows the state space fastest) can go.
#
# Usage: bench/verify-benchmark.sh [LIMIT_SECONDS]      (env: HEAP, default 4g)
# Runs from the repository root; compiles with Maven first. Needs only target/classes at run time:
# the checker and the protocol model use nothing but the JDK.
set -euo pipefail

cd "$(dirname "$0")/.."
LIMIT="${1:-60}"
HEAP="${HEAP:-4g}"

# Quiet unless the build fails: the report should hold figures only.
if ! build_log=$(mvn -q -B -Dstyle.color=never -DskipTests compile 2>&1); then
  echo "$build_log"
  exit 1
fi

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu:   $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "java:  $(java -version 2>&1 | head -1)"
echo "heap:  -Xmx$HEAP"
# Other processes on the machine slow the search down; the load average tells how much to trust the times.
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-minute load average at start)"
echo

# Runs one bound under the time limit; prints the figures line, or nothing if it did not finish.
run_bound() {
  local line
  # The JVM's own start-up is not part of the exploration, so allow it a few seconds on top.
  if line=$(timeout "$((LIMIT + 5))" java -Xmx"$HEAP" -cp target/classes io.vmotion.protocol.VerifyBenchmark "$@" 2>/dev/null); then
    local seconds
    seconds=$(sed -n 's/.* seconds=\([0-9.]*\) .*/\1/p' <<<"$line")
    if awk -v s="$seconds" -v l="$LIMIT" 'BEGIN { exit !(s <= l) }'; then
      echo "$line"
      return 0
    fi
  fi
  return 1
}

echo "== reference bound (the verify defaults: pages=3 writes=3 rounds=3)"
run_bound 3 3 3 || echo "reference bound did not finish within ${LIMIT}s"
echo

echo "== largest n with pages = writes = rounds = n within ${LIMIT}s"
best=""
n=3
while line=$(run_bound "$n" "$n" "$n"); do
  echo "$line"
  best="$n"
  n=$((n + 1))
done
echo "pages=$n writes=$n rounds=$n: did not finish within ${LIMIT}s"
echo "largest: n=${best:-none}"
echo

if [[ -n "$best" ]]; then
  echo "== from n=$best, the largest guest-write bound within ${LIMIT}s"
  w=$((best + 1))
  bestw="$best"
  while line=$(run_bound "$best" "$w" "$best"); do
    echo "$line"
    bestw="$w"
    w=$((w + 1))
  done
  echo "pages=$best writes=$w rounds=$best: did not finish within ${LIMIT}s"
  echo "largest: pages=$best writes=$bestw rounds=$best"
fi
