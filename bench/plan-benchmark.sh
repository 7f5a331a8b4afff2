#!/usr/bin/env bash
# Evacuation plans at two scales, through the launcher with a 2 GiB heap (-Xms2g -Xmx2g):
#   1. one host of a 32-host cluster with about 500 VMs (target: at most 5 s);
#   2. 10% of the hosts (every tenth) at vCenter's configuration maximum, 2,500 hosts and 40,000
#      powered-on VMs in 40 clusters (target: at most 60 s);
#   3. the same with every VM reserving all its memory and 500 MHz: every move then counts for
#      capacity, and ordering the moves is the most work.
# Prints moves, waves, the estimated hours, wall time and peak memory (RSS), and the phase times.
# Figures, not assertions: run it on a quiet machine and copy them into the README.
#
#   bench/plan-benchmark.sh [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1}
[[ -f target/vmotion.jar ]] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "java:    $(java -version 2>&1 | head -1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"

run() { # label hosts vms clusters evacuate-every [reserve-all]
  local label=$1 hosts=$2 vms=$3 clusters=$4 every=$5 inventory="$work/$1.json" log="$work/$1.log"
  java -jar target/vmotion.jar generate --hosts "$hosts" --vms "$vms" --clusters "$clusters" --seed "$seed" -o "$inventory" 2>/dev/null
  if [[ ${6:-} == reserve-all ]]; then
    python3 - "$inventory" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for v in d["vms"]:
    v["reservation"] = {"cpuMhz": 500, "memoryMb": v["memoryMb"]}
json.dump(d, open(sys.argv[1], "w"))
PY
  fi
  local evacuate
  evacuate=$(seq 1 "$every" "$hosts" | awk '{printf "%sesx%04d", (NR > 1 ? "," : ""), $1}')
  local count=$(( (hosts + every - 1) / every ))
  /usr/bin/time -f "%e %M" -o "$work/time" env VMOTION_JAVA_OPTS="-Xms2g -Xmx2g -Dvmotion.timing=true" ./vmotion plan "$inventory" \
    --evacuate "$evacuate" --format json -o "$work/$label.plan.json" 2> "$log" || true
  read -r wall rss < <(tail -1 "$work/time")
  echo
  echo "$label: generate --hosts $hosts --vms $vms --clusters $clusters --seed $seed${6:+ ($6)}, evacuate $count hosts"
  grep '^timing: [a-z]' "$log" | sed 's/^timing: /  /'
  python3 - "$work/$label.plan.json" "$wall" "$rss" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
s = plan["summary"]
print(f"  {s['moves']} moves, {s['waves']} waves, {len(plan['unplaced'])} VMs left behind, estimated {s['estimatedSeconds'] / 3600:.2f} h;"
      f" wall {float(sys.argv[2]):.1f} s, peak RSS {int(sys.argv[3]) // 1024} MiB")
PY
  # The certificate, as a user would run it: validate the plan file.
  /usr/bin/time -f "%e" -o "$work/vtime" ./vmotion validate "$inventory" --plan "$work/$label.plan.json" --format summary -o "$work/v.txt" \
    && echo "  validate --plan: exit 0 (no error) in $(cat "$work/vtime") s" || echo "  validate --plan: exit $? in $(cat "$work/vtime") s"
}
run one-host 32 500 1 32
run ten-percent 2500 40000 40 10
run reserve-all 2500 40000 40 10 reserve-all
