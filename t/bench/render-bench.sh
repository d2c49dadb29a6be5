#!/bin/bash
# render-bench: wall time and peak memory of `helm template` on the largest corpus charts and
# on the generated workloads of $SHARED/bench (umbrella charts of N grafana copies, charts with
# K tpl calls), for our helm and, when it is installed, real Helm 3.17.3 in the same run.
#
# Wall time: the median over RUNS runs (default 10) timed by hyperfine, ours and Helm's in turns
# (see timing); CPU: the mean user + system time, children included (the figure that stays
# meaningful on a loaded machine).
# Memory: peak resident set from /usr/bin/time, median over 5 runs.  Our helm is a pipeline of
# processes running at once (the dispatcher, helm-merge-values, helm-render): "peak" is what
# /usr/bin/time reports for `helm template` (the largest process, as for Helm's one process),
# "sum" adds the three peaks, an upper bound on what the pipeline holds at any moment (the
# dispatcher's is read from `helm version -c`, which does all it does but spawn; pages shared
# between the processes, libc's among them, are counted in each).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$top/../shared}
runs=${RUNS:-10}
our_helm=$(command -v helm) || { echo "render-bench: our helm is not on PATH (make first)" >&2; exit 1; }
ref=/root/.cache/reference-helm/v3/layer/helm/helm
[ -x "$ref" ] || ref=$(sh "$shared/tools/reference-helm.sh" 2>/dev/null) || ref=
[ -n "$ref" ] && [ -x "$ref" ] || ref=
for t in /usr/bin/time hyperfine; do
	command -v $t >/dev/null || { echo "render-bench: $t is needed (make bench installs it)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# peak KIB CMD...: the median peak resident set (KiB) of CMD over 5 runs; fails if CMD fails.
peak() {
	local i
	for ((i = 0; i < 5; i++)); do
		/usr/bin/time -f '%M' -o "$work/time" "$@" >/dev/null 2>"$work/err" </dev/null || {
			echo "FAILED: $*" >&2
			head -3 "$work/err" >&2
			return 1
		}
		cat "$work/time"
	done | median
}

# timing CMD [CMD2]: "WALL CPU" in seconds for each command (median wall of its runs, mean
# user+system).  Two commands are timed in turns, ROUNDS rounds (default 5) of RUNS/ROUNDS runs
# each after a warm-up, so that a slow spell of the machine falls on both rather than on one.
timing() {
	local rounds=${ROUNDS:-5} r c i=0
	local per=$(((runs + rounds - 1) / rounds))
	rm -f "$work"/t.*
	for ((r = 0; r < rounds; r++)); do
		i=0
		for c in "$@"; do
			hyperfine -N -w 1 -r "$per" --export-json "$work/h.json" "$c" >/dev/null 2>"$work/err" || {
				echo "FAILED: $c" >&2
				head -3 "$work/err" >&2
				return 1
			}
			jq -r '.results[0] | .times[]' "$work/h.json" >>"$work/t.$i.wall"
			jq -r '.results[0] | "\(.user + .system)"' "$work/h.json" >>"$work/t.$i.cpu"
			i=$((i + 1))
		done
	done
	for ((c = 0; c < i; c++)); do
		printf '%s %s ' "$(median <"$work/t.$c.wall")" "$(awk '{ s += $1 } END { print s / NR }' "$work/t.$c.cpu")"
	done
	echo
}

# measure_ours DIR: "PEAK-KIB SUM-KIB" for our `helm template r DIR`.
measure_ours() {
	local dir=$1 all vm rm hm
	helm-merge-values "$dir" >"$work/values.json" || return 1
	all=$(peak "$our_helm" template r "$dir") || return 1
	vm=$(peak helm-merge-values "$dir") || return 1
	rm=$(peak sh -c 'exec helm-render --name r "$1" <"$2"' sh "$dir" "$work/values.json") || return 1
	hm=$(peak "$our_helm" version -c) || return 1
	echo "$all $((vm + rm + hm))"
}

row() { # LABEL DIR
	local label=$1 dir=$2 mem t ours theirs=
	mem=$(measure_ours "$dir") || { printf '%-15s ours: failed\n' "$label"; return 1; }
	if [ -n "$ref" ]; then
		t=$(timing "$our_helm template r $dir" "$ref template r $dir") || return 1
		set -- $t
		ours="$1 $2 $mem"
		theirs="$3 $4 $(peak "$ref" template r "$dir")" || theirs=
	else
		t=$(timing "$our_helm template r $dir") || return 1
		ours="$t $mem"
	fi
	echo "$label $ours $theirs" | awk '{
		printf "%-15s ours %7.4fs cpu %7.4fs peak %6.1f sum %6.1f MiB", $1, $2, $3, $4 / 1024, $5 / 1024
		if (NF == 8)
			printf " | helm %7.4fs cpu %7.4fs %6.1f MiB | %5.1fx faster, cpu x%.3f, mem x%.3f (sum x%.3f)",
				$6, $7, $8 / 1024, $6 / $2, $3 / $7, $4 / $8, $5 / $8
		printf "\n" }'
}

echo "wall: median of $runs runs; cpu: mean user+system; memory: peak resident (ours: largest process, and sum of the 3); ratios ours/helm"
[ -n "$ref" ] && echo "reference: $ref" || echo "reference Helm not found: ours only"
status=0
# the largest corpus charts by number of template files
for c in $(for d in "$shared"/charts/*/chart; do
		echo "$(find "$d" -path '*/templates/*' -type f | wc -l) $d"
	done | sort -rn | head -3 | cut -d' ' -f2); do
	row "$(basename "$(dirname "$c")")" "$c" || status=1
done
# every corpus chart, in one summary line: the smallest speed-up is the one the target is about
if [ -n "$ref" ]; then
	: >"$work/all"
	for d in "$shared"/charts/*/chart; do
		t=$(timing "$our_helm template r $d" "$ref template r $d") || { status=1; continue; }
		om=$(peak "$our_helm" template r "$d") && hm=$(peak "$ref" template r "$d") || { status=1; continue; }
		set -- $t
		echo "$(basename "$(dirname "$d")") $1 $3 $om $hm" >>"$work/all"
	done
	sort -k1,1 "$work/all" | awk '{ s = $3 / $2; m = $4 / $5
		printf "  %-28s ours %7.4fs helm %7.4fs  %5.1fx faster  mem x%.3f\n", $1, $2, $3, s, m }'
	awk '{ s = $3 / $2; m = $4 / $5; n++; if (!n0 || s < smin) { smin = s; cmin = $1 } if (m > mmax) mmax = m; n0 = 1
		if (s >= 10) ten++ }
		END { printf "corpus (%d charts): slowest %.1fx faster (%s), %d of %d at 10x or more; largest memory ratio x%.3f\n",
			n, smin, cmin, ten, n, mmax }' "$work/all"
fi
for n in 1 10 50 100; do
	sh "$shared/bench/gen-umbrella.sh" "$n" "$work/umbrella-$n" >/dev/null
	row "umbrella-N=$n" "$work/umbrella-$n" || status=1
done
for k in 100 1000 5000; do
	sh "$shared/bench/gen-tpl.sh" "$k" "$work/tpl-$k" >/dev/null
	row "tpl-K=$k" "$work/tpl-$k" || status=1
done
exit $status
