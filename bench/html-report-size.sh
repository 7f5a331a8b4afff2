#!/usr/bin/env bash
# The HTML report at vCenter's configuration maximum (2,500 hosts, 40,000 powered-on VMs, 40
# clusters): generates the inventory, writes the page and prints its size per section, the time to
# write it, and how long headless Chromium takes to render it (when /usr/bin/chromium is there).
# Figures, not assertions: the README quotes them.
#
#   bench/html-report-size.sh [HOSTS VMS CLUSTERS SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-2500} vms=${2:-40000} clusters=${3:-40} seed=${4:-1}
[[ -f target/vmotion.jar ]] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar target/vmotion.jar generate --hosts "$hosts" --vms "$vms" --clusters "$clusters" --seed "$seed" -o "$work/max.json" 2>/dev/null
start=$(date +%s.%N)
VMOTION_JAVA_OPTS="-Xmx3g" ./vmotion validate "$work/max.json" --format html -o "$work/max.html" 2>/dev/null || true
echo "generate --hosts $hosts --vms $vms --clusters $clusters --seed $seed"
printf 'page: %d bytes (%.2f MiB), written in %.1f s\n' "$(stat -c %s "$work/max.html")" \
  "$(echo "$(stat -c %s "$work/max.html") / 1048576" | bc -l)" "$(echo "$(date +%s.%N) - $start" | bc)"
# Bytes per section: from each <section id="..."> to the next.
awk 'BEGIN { RS = "<section id=\"" } NR > 1 { split($0, a, "\""); printf "  %-12s %9d bytes\n", a[1], length($0) + 13 }' "$work/max.html"
if [[ -x /usr/bin/chromium ]]; then
  start=$(date +%s.%N)
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --dump-dom "file://$work/max.html" > "$work/dom.html" 2>/dev/null
  printf 'chromium: rendered and ran the script in %.1f s (DOM %d bytes)\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(stat -c %s "$work/dom.html")"
fi
