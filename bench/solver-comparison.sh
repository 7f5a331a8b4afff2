#!/usr/bin/env bash
# The planner's solver choice, measured: vmotion's own search against Timefold Solver 1.17 (construction
# heuristic, then its default local search for a fixed time) on the plan benchmark's two instances,
# with the same pair verdicts from the rules. Prints VMs left behind, moves and search time for each.
# Timefold lives only in bench/solver-comparison/ (its own Maven project), never in vmotion's jar.
#
#   bench/solver-comparison.sh [SEED] [TIMEFOLD_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1} seconds=${2:-30}
[[ -f target/vmotion.jar ]] || mvn -q -B -DskipTests package
(cd bench/solver-comparison && mvn -q -B compile && mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
cp="bench/solver-comparison/target/classes:$(cat bench/solver-comparison/target/classpath.txt)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
compare() { # label hosts vms clusters every [reserve-all]
  java -jar target/vmotion.jar generate --hosts "$2" --vms "$3" --clusters "$4" --seed "$seed" -o "$work/$1.json" 2>/dev/null
  if [[ ${6:-} == reserve-all ]]; then
    python3 - "$work/$1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for v in d["vms"]:
    v["reservation"] = {"cpuMhz": 500, "memoryMb": v["memoryMb"]}
json.dump(d, open(sys.argv[1], "w"))
PY
  fi
  local evacuate
  evacuate=$(seq 1 "$5" "$2" | awk '{printf "%sesx%04d", (NR > 1 ? "," : ""), $1}')
  echo
  echo "$1: generate --hosts $2 --vms $3 --clusters $4 --seed $seed${6:+ ($6)}, evacuate every ${5}th host"
  java -Xmx2g -XX:+UseParallelGC -cp "$cp" bench.Compare "$work/$1.json" "$evacuate" "$seconds" 2>/dev/null | sed 's/^/  /'
}
compare one-host 32 500 1 32
compare ten-percent 2500 40000 40 10
compare reserve-all 2500 40000 40 10 reserve-all
