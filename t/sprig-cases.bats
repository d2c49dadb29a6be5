#!/usr/bin/env bats
# More Sprig cases than the shared corpus holds: t/data/sprig-cases.jsonl, recorded from Helm
# 3.17.3 the way the corpus's README describes (edge cases of strings, lists, dicts, math,
# defaults/types/JSON, values from values.yaml, argument type errors, Go objects, case mapping
# across scripts), run through our `helm template` by t/template-conformance.sh.  Cases that
# render hold up to 20 expressions each ("N:" before each line), failing ones one each.  Every
# case must pass.
load test_helper

@test "sprig-cases.jsonl: every case passes" {
	run bash "$TOP/t/template-conformance.sh" -k /dev/null -c "$TOP/t/data/sprig-cases.jsonl"
	echo "$output" | tail -8 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}
