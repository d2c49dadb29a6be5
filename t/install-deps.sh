#!/bin/sh
# Installs everything the build, the demo and the tests need on Debian (run as root).
# Usage: t/install-deps.sh [bench] [fuzz]   (bench adds GNU time and hyperfine, fuzz adds clang for libFuzzer)
set -eu
pkgs="build-essential pkg-config libyaml-dev libcurl4-openssl-dev libarchive-dev libpcre2-dev
libssl-dev libcrypt-dev zlib1g-dev libmicrohttpd-dev bats jq unzip ca-certificates
curl tzdata"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
for extra in "$@"; do
	case $extra in
	bench) pkgs="$pkgs time hyperfine" ;;
	fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
	*) echo "install-deps.sh: unknown extra: $extra" >&2; exit 2 ;;
	esac
done
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi
