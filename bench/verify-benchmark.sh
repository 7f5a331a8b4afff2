#!/usr/bin/env bash
# Benchmark of `vmotion verify`'s model checker on the correct protocol with every fault on.
#
# Explores, each in its own JVM with a 2 GiB heap, the bounds of the protocol issue's targets:
#   1. the verify defaults (pages=3 writes=3 rounds=3, fault budget 2)   target: at most 5 s
#   2. pages=4 writes=4 rounds=3, fault budget 2                          target: within 60 s
#   3. pages=5 writes=5 rounds=3, fault budget 1                          target: at most 20 s and 2 GiB
# with every reduction on, then the defaults with every reduction off (what the reductions save).
# Each line gives states, transitions, depth, the search's wall and CPU seconds, states/second and the
# peak heap in use; /usr/bin/time adds the whole JVM's wall time and peak resident memory.
#
# Usage: bench/verify-benchmark.sh [LIMIT_SECONDS]      (env: HEAP, default 2g; LIMIT default 300)
# Runs from the repository root; compiles with Maven first. Needs only target/classes at run time:
# the checker and the protocol model use nothing but the JDK.
set -euo pipefail

cd "$(dirname "$0")/.."
LIMIT="${1:-300}"
HEAP="${HEAP:-2g}"

# Quiet unless the build fails: the report should hold figures only.
if ! build_log=$(mvn -q -B -Dstyle.color=never -DskipTests compile 2>&1); then
  echo "$build_log"
  exit 1
fi

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu:   $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "java:  $(java -version 2>&1 | head -1)"
echo "heap:  -Xmx$HEAP, single-threaded search"
# Other processes on the machine slow the search down; the load average tells how much to trust the
# wall times (the CPU seconds are the search thread's own).
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-minute load average at start)"
echo

# Runs one bound; prints the figures line with the JVM's wall time and peak resident memory.
run_bound() {
  local line timing
  timing=$(mktemp)
  if line=$(/usr/bin/time -o "$timing" -f "%e %M" \
      timeout "$LIMIT" java -Xmx"$HEAP" -cp target/classes io.vmotion.protocol.VerifyBenchmark "$@" 2>/dev/null); then
    read -r wall rss_kb <"$timing"
    echo "$line jvm-wall-seconds=$wall peak-rss-MiB=$((rss_kb / 1024))"
  else
    echo "$* did not finish within ${LIMIT}s, or ran out of heap"
  fi
  rm -f "$timing"
}

echo "== every reduction on (dead-variables, stale-attempts, version-ranks)"
run_bound 3 3 3 2
run_bound 4 4 3 2
run_bound 5 5 3 1
echo
echo "== every reduction off, for comparison"
run_bound 3 3 3 2 none
