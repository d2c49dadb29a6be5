#!/bin/sh
# Runs a libFuzzer target (clang -fsanitize=fuzzer) under ASan/UBSan for FUZZ_SECONDS (default
# 600): FUZZ_TARGET=template (the default) fuzzes the template parser and executor;
# FUZZ_TARGET=yaml_head checks the quick manifest-head reader against libyaml.  New inputs go to
# build/fuzz/<target>/corpus; crashes to build/fuzz/<target>/.  Installs nothing: needs clang
# with its fuzzer runtime.
set -eu
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-600}
target=${FUZZ_TARGET:-template}
CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "t/fuzz/run.sh: clang not found (install clang, or set CLANG=...)" >&2
	exit 1
fi
common="lib/gofmt.c lib/strconv.c lib/buf.c lib/util.c lib/value.c lib/json.c lib/base64.c
	lib/sprig/unicode.c lib/sprig/unicode_tables.c"
case $target in
template)
	srcs="lib/template/*.c $common"; libs=; seeds=t/fuzz/corpus; max_len=1024 ;;
yaml_head)
	srcs="lib/yaml.c lib/yaml_emit.c lib/yaml_quick.c lib/yaml_quirks.c lib/yaml_resolve.c $common"
	libs=-lyaml; seeds=t/fuzz/yaml_head_corpus; max_len=4096 ;;
*)
	echo "t/fuzz/run.sh: unknown FUZZ_TARGET '$target' (template, yaml_head)" >&2
	exit 2 ;;
esac
out=build/fuzz/$target
mkdir -p "$out/corpus"
# shellcheck disable=SC2086
"$CLANG" -std=gnu11 -g -O1 -Ilib -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-o "$out/fuzz" "t/fuzz/${target}_fuzz.c" $srcs $libs -lm -lpthread
exec "$out/fuzz" -max_total_time="$secs" -max_len="$max_len" -timeout=30 -rss_limit_mb=4096 \
	-artifact_prefix="$out/" "$out/corpus" "$seeds"
