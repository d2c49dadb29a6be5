#!/bin/sh
# Fuzzes the template parser and executor with libFuzzer (clang -fsanitize=fuzzer) under
# ASan/UBSan for FUZZ_SECONDS (default 600).  New inputs go to build/fuzz/corpus; crashes to
# build/fuzz/.  Installs nothing: needs clang with its fuzzer runtime.
set -eu
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-600}
CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "t/fuzz/run.sh: clang not found (install clang, or set CLANG=...)" >&2
	exit 1
fi
out=build/fuzz
mkdir -p "$out/corpus"
srcs="lib/template/*.c lib/gofmt.c lib/strconv.c lib/buf.c lib/util.c lib/value.c lib/json.c
	lib/sprig/unicode.c lib/sprig/unicode_tables.c lib/base64.c"
# shellcheck disable=SC2086
"$CLANG" -std=gnu11 -g -O1 -Ilib -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-o "$out/template_fuzz" t/fuzz/template_fuzz.c $srcs -lm -lpthread
exec "$out/template_fuzz" -max_total_time="$secs" -max_len=1024 -timeout=30 -rss_limit_mb=4096 \
	-artifact_prefix="$out/" "$out/corpus" t/fuzz/corpus
