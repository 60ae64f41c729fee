#!/usr/bin/env bash
# The CPU a running node uses, from /proc/<pid>/stat (utime + stime) over an interval, and its busiest
# threads. Usage: benchmarks/idle-cpu.sh <pid> [seconds, default 60]
set -euo pipefail
pid=${1:?usage: idle-cpu.sh <pid of the node> [seconds]}
secs=${2:-60}
hz=$(getconf CLK_TCK)
[ -r "/proc/$pid/stat" ] || { echo "idle-cpu.sh: no process $pid; give the pid of a running node (bin/nodebus --daemon prints it)" >&2; exit 1; }
# fields after the command name (which may hold spaces): utime is the 12th, stime the 13th
ticks() { sed 's/^.*) //' "$1" | awk '{print $12 + $13}'; }
threads() { for t in /proc/"$pid"/task/*; do
    n=$(sed 's/^[^(]*(\(.*\)).*$/\1/' "$t/stat" 2>/dev/null | tr ' ' '_') || continue
    echo "$(basename "$t") $(ticks "$t/stat" 2>/dev/null || echo 0) $n"; done; }
before=$(ticks /proc/"$pid"/stat); threads > /tmp/idle-cpu.$$.a
start=$(date +%s.%N); sleep "$secs"; end=$(date +%s.%N)
after=$(ticks /proc/"$pid"/stat); threads > /tmp/idle-cpu.$$.b
awk -v t=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" \
    'BEGIN { el = e - s; printf "process: %d ticks in %.1f s = %.2f%% of one core\n", t, el, 100 * t / hz / el }'
join <(sort /tmp/idle-cpu.$$.a) <(sort /tmp/idle-cpu.$$.b) | awk '{ d = $4 - $2; if (d > 0) print d " ticks " $3 }' \
    | sort -rn | head -6 | sed 's/^/  /'
rm -f /tmp/idle-cpu.$$.a /tmp/idle-cpu.$$.b
