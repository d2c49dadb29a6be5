#!/bin/bash
# kube-sim at scale: 10,000 ConfigMaps of 10 KB in one namespace, then
#   - 1,000 single GETs (one keep-alive client),
#   - 200 label-selector lists matching 20 objects each,
#   - 5 full lists,
#   - 1,000 creates from 8 concurrent clients,
# with latency percentiles (curl's time_total per request) and the server's memory.
# Targets: p99 < 5 ms for a single get, < 50 ms for the selector list.
set -eu
command -v curl >/dev/null || { echo "kube-sim-bench: curl is needed" >&2; exit 1; }
N=${KS_BENCH_OBJECTS:-10000}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

kube-sim --listen 127.0.0.1:0 --kubeconfig "$tmp/kc" >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/kc" ] && break; sleep 0.05; done
url=$(sed -n 's/^ *server: //p' "$tmp/kc")
cms="$url/api/v1/namespaces/default/configmaps"
pad=$(head -c 10240 /dev/zero | tr '\0' x)

# create_config FILE FIRST LAST PREFIX: a curl config that POSTs ConfigMaps FIRST..LAST.
create_config() {
	local i
	for i in $(seq "$2" "$3"); do
		printf 'url = "%s"\nrequest = "POST"\nheader = "Content-Type: application/json"\n' "$cms"
		printf 'data = "{\\"metadata\\":{\\"name\\":\\"%s-%d\\",\\"labels\\":{\\"group\\":\\"g%d\\"}},\\"data\\":{\\"v\\":\\"%s\\"}}"\n' \
			"$4" "$i" $((i % (N / 20))) "$pad"
		printf 'output = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\nnext\n'
	done | sed '$d' >"$1"
}

# gets FILE COUNT SEED QUERY: a curl config of COUNT GETs of random objects (QUERY: "name"
# for single objects, "selector" for label-selector lists of 20).
gets() {
	awk -v n="$N" -v u="$cms" -v count="$2" -v seed="$3" -v q="$4" 'BEGIN {
		srand(seed)
		for (i = 0; i < count; i++) {
			if (i) print "next"
			if (q == "name") printf "url = \"%s/cm-%d\"\n", u, int(rand() * n)
			else printf "url = \"%s?labelSelector=group%%3Dg%d\"\n", u, int(rand() * n / 20)
			print "output = \"/dev/null\""
			print "write-out = \"%{http_code} %{time_total}\\n\""
		}
	}' >"$1"
}

# percentiles FILE: "p50 p90 p99 max" in milliseconds of the second column (seconds).
percentiles() {
	awk '{print $2 * 1000}' "$1" | sort -n | awk '{v[NR] = $1} END {
		printf "p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%d)\n",
			v[int(NR * 0.50) + (NR * 0.50 > int(NR * 0.50))], v[int(NR * 0.90) + (NR * 0.90 > int(NR * 0.90))],
			v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))], v[NR], NR }'
}

check_codes() {
	local bad
	bad=$(awk -v want="$2" '$1 != want' "$1" | wc -l)
	[ "$bad" -eq 0 ] || { echo "kube-sim-bench: $bad requests did not answer $2" >&2; exit 1; }
}

memory() { awk '/^VmRSS|^VmHWM/ {printf "%s %.0f MiB  ", $1, $2 / 1024}' "/proc/$pid/status"; echo; }

echo "populating $N ConfigMaps of 10 KB (8 clients) ..."
per=$((N / 8))
start=$(date +%s.%N)
for c in $(seq 0 7); do
	create_config "$tmp/fill$c" $((c * per)) $(((c + 1) * per - 1)) cm
	curl -s -K "$tmp/fill$c" >"$tmp/fill$c.out" &
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
end=$(date +%s.%N)
cat "$tmp"/fill?.out >"$tmp/fill.all"
check_codes "$tmp/fill.all" 201
echo "  $(wc -l <"$tmp/fill.all") creates in $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') s"
echo "  memory: $(memory)"

gets "$tmp/get" 1000 7 name
curl -s -K "$tmp/get" >"$tmp/get.out"
check_codes "$tmp/get.out" 200
echo "single GET:            $(percentiles "$tmp/get.out")"

gets "$tmp/sel" 200 11 selector
curl -s -K "$tmp/sel" >"$tmp/sel.out"
check_codes "$tmp/sel.out" 200
got=$(curl -s "$cms?labelSelector=group%3Dg3" | grep -o '"name":"cm-[0-9]*"' | wc -l)
echo "selector list (20 of $N): $(percentiles "$tmp/sel.out")  [items: $got]"

for i in 1 2 3 4 5; do
	curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' "$cms"
done >"$tmp/full.out"
check_codes "$tmp/full.out" 200
echo "full list:             $(percentiles "$tmp/full.out")  [$(awk '{printf "%.0f MiB", $3 / 1048576; exit}' "$tmp/full.out")]"

start=$(date +%s.%N)
for c in $(seq 0 7); do
	create_config "$tmp/new$c" $((c * 125)) $(((c + 1) * 125 - 1)) new
done
for c in $(seq 0 7); do curl -s -K "$tmp/new$c" >"$tmp/new$c.out" & done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
end=$(date +%s.%N)
cat "$tmp"/new?.out >"$tmp/new.all"
check_codes "$tmp/new.all" 201
echo "1000 creates, 8 clients: $(percentiles "$tmp/new.all")  [$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", 1000 / (b - a)}') creates/s]"
echo "memory at the end:     $(memory)"
