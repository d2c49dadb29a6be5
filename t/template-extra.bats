#!/usr/bin/env bats
# Extra template vectors found by differential testing against Helm 3.17.3
# (t/data/extra-templates.jsonl, same format as the shared templates.jsonl, every expectation
# recorded from the real binary), run by t/template-conformance.sh.  Ids that fail today are
# listed in t/data/template-extra-known-failures.txt; any other failure fails.
load test_helper

@test "extra-templates.jsonl: every case passes except the listed known failures" {
	run bash "$TOP/t/template-conformance.sh" -c "$TOP/t/data/extra-templates.jsonl" \
		-k "$TOP/t/data/template-extra-known-failures.txt"
	echo "$output" | tail -8 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

# A chart whose manifests split oddly ("---" doubled, comment-only and empty documents, "..."),
# with hooks, a test and a CRD; goldens recorded from Helm 3.17.3 (`helm template r ./chart ARGS`).
@test "extra-charts/manifest-docs: helm template output equals Helm's, with and without flags" {
	cd "$TOP/t/data/extra-charts/manifest-docs"
	export HELM_RENDER_V3=1
	run helm template r ./chart
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden.txt)" ]
	run helm template r ./chart --include-crds --skip-tests
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden-crds-skip-tests.txt)" ]
	run helm template r ./chart --no-hooks
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden-no-hooks.txt)" ]
}
