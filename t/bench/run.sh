#!/bin/bash
# make bench: runs every t/bench/*-bench.sh in turn; each prints its own figures.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH="$top/bin:$PATH"
status=0
for b in "$top"/t/bench/*-bench.sh; do
	[ -e "$b" ] || continue
	echo "== $(basename "$b" -bench.sh)"
	bash "$b" || status=1
done
exit $status
