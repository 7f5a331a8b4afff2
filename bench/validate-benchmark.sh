#!/usr/bin/env bash
# Validation at vCenter's configuration maximum (vSphere 8: 2,500 hosts, 40,000 powered-on VMs):
# generates the inventory, then validates it with a 2 GiB heap (-Xms2g -Xmx2g, through the launcher) in both scopes and prints wall time,
# peak memory (RSS), pairs per second, and the time to build the rule base and read the inventory.
# Figures, not assertions: run it on a quiet machine and copy them into the README.
#
#   bench/validate-benchmark.sh [HOSTS VMS CLUSTERS SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-2500} vms=${2:-40000} clusters=${3:-40} seed=${4:-1}
[[ -f target/vmotion.jar ]] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inventory="$work/max.json"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "java:    $(java -version 2>&1 | head -1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
start=$(date +%s.%N)
java -jar target/vmotion.jar generate --hosts "$hosts" --vms "$vms" --clusters "$clusters" --seed "$seed" -o "$inventory" 2>/dev/null
echo "generate: --hosts $hosts --vms $vms --clusters $clusters --seed $seed in $(echo "$(date +%s.%N) - $start" | bc) s, $(du -h "$inventory" | cut -f1)"

run() { # scope format
  local scope=$1 format=$2 log="$work/$1.log"
  /usr/bin/time -f "%e %M" -o "$work/time" env VMOTION_JAVA_OPTS="-Xms2g -Xmx2g -Dvmotion.timing=true" ./vmotion validate "$inventory" \
    --scope "$scope" --format "$format" -o "$work/report.$format" 2> "$log" || true
  read -r wall rss < <(tail -1 "$work/time")
  pairs=$(grep -o 'moves evaluated ([0-9]*' "$log" | grep -o '[0-9]*$')
  echo
  echo "validate --scope $scope --format $format"
  grep '^timing: [a-z]' "$log" | sed 's/^timing: /  /'
  printf '  wall %.1f s, peak RSS %d MiB, %s pairs, %.0f pairs/s\n' "$wall" $((rss / 1024)) "$pairs" "$(echo "$pairs / $wall" | bc -l)"
}
run cluster json
run all summary
