#!/bin/sh
# Build and run the libFuzzer drivers tests/fuzz/fuzz_<name>.c.
# Usage: fuzz.sh [--regress] [name...]
#   (default)  fuzz each driver for FUZZ_SECONDS (30) from a temp copy of
#              tests/fuzz/corpus_<name>/; the repository corpus is never
#              written to.
#   --regress  run each driver once over its corpus files (fast; for
#              make test): every stored crash input must stay fixed.
#   name...    only these drivers (e.g. "render form").
# Every server/**/*.c but cmd/main.c is linked in, so a new driver needs no edit
# here. A driver may carry a line "fuzz-max-len: N" to override -max_len
# (FUZZ_MAX_LEN, default 16384) and a dictionary tests/fuzz/fuzz_<name>.dict.
# A crash, leak, timeout or OOM leaves its reproducer in build/fuzz/ as
# <name>-crash-<sha1> (etc.) and the script exits 1 naming the drivers.
set -e
cd "$(dirname "$0")/.."

regress=0
names=""
for a in "$@"; do
	case "$a" in
	--regress) regress=1 ;;
	-*) echo "fuzz.sh: unknown flag $a" >&2; exit 2 ;;
	*) names="$names $a" ;;
	esac
done
seconds=${FUZZ_SECONDS:-30}
maxlen=${FUZZ_MAX_LEN:-16384}
out=build/fuzz
obj=$out/obj

# clang and its libFuzzer runtime, installed only when missing.
have_fuzzer() {
	command -v clang >/dev/null 2>&1 || return 1
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);
int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
	    > "$out/probe.c"
	clang -fsanitize=fuzzer,address,undefined -o "$out/probe" "$out/probe.c" \
	    >/dev/null 2>&1
}
mkdir -p "$obj"
if ! have_fuzzer; then
	echo "fuzz.sh: installing clang libclang-rt-14-dev"
	if [ "$(id -u)" != 0 ]; then
		echo "fuzz.sh: need root to apt-get install clang libclang-rt-14-dev" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
	have_fuzzer || { echo "fuzz.sh: clang cannot build a fuzzer" >&2; exit 1; }
fi

# The Makefile's package list: one list, so a new library cannot be missed.
pkgs=$(make -s --no-print-directory print-pkgs)
pcflags=$(pkg-config --cflags $pkgs)
libs="$(pkg-config --libs $pkgs) -lcivetweb -lpthread -lm"
san="address,undefined -fno-sanitize-recover=undefined"
# Every layer's headers: a driver may test any of them.
incs=""
for d in lib quiz content store store/internal store/sqlite store/pg core web cmd; do
	incs="$incs -Iserver/$d"
done
cflags="-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer $incs $pcflags"

# Server objects: rebuilt when their source or any header is newer.
objs=""
for c in $(find server -name '*.c' | sort); do
	[ "$c" = server/cmd/main.c ] && continue
	# store/store.c and store/sqlite/store.c: the path names the object
	o=$obj/$(echo "${c#server/}" | sed 's|/|_|g; s|\.c$||').o
	if [ ! -f "$o" ] || [ "$c" -nt "$o" ] ||
	    [ -n "$(find server -name '*.h' -newer "$o" 2>/dev/null)" ]; then
		# shellcheck disable=SC2086
		clang $cflags -fsanitize=fuzzer-no-link,$san -c -o "$o" "$c"
	fi
	objs="$objs $o"
done

if [ -z "$names" ]; then
	for d in tests/fuzz/fuzz_*.c; do
		[ -f "$d" ] || continue
		n=$(basename "$d" .c)
		names="$names ${n#fuzz_}"
	done
fi
[ -n "$names" ] || { echo "fuzz.sh: no tests/fuzz/fuzz_*.c" >&2; exit 1; }

failed=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for n in $names; do
	src=tests/fuzz/fuzz_$n.c
	bin=$out/fuzz_$n
	corpus=tests/fuzz/corpus_$n
	[ -f "$src" ] || { echo "fuzz.sh: no $src" >&2; failed="$failed $n"; continue; }
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer,$san -o "$bin" "$src" $objs $libs
	mkdir -p "$corpus"
	ml=$(sed -n 's/.*fuzz-max-len: *\([0-9][0-9]*\).*/\1/p' "$src" | head -n 1)
	ml=${ml:-$maxlen}
	dict=""
	[ -f "tests/fuzz/fuzz_$n.dict" ] && dict="-dict=tests/fuzz/fuzz_$n.dict"
	if [ $regress = 1 ]; then
		set -- "$corpus"/*
		if [ ! -e "$1" ]; then
			echo "fuzz.sh: $n: empty corpus" >&2
			continue
		fi
		if "$bin" -artifact_prefix="$out/$n-" -timeout=10 "$@" \
		    >"$out/$n.log" 2>&1; then
			echo "fuzz.sh: $n: $# corpus inputs ok"
			echo "PASS fuzz_regress.$n ($# corpus inputs)"
		else
			tail -n 30 "$out/$n.log" >&2
			echo "FAIL fuzz_regress.$n: a corpus input crashes (see $out/$n.log)"
			failed="$failed $n"
		fi
		continue
	fi
	rm -rf "$tmp/$n"
	cp -R "$corpus" "$tmp/$n"
	echo "fuzz.sh: $n: ${seconds}s, -max_len=$ml"
	# shellcheck disable=SC2086
	if "$bin" -max_total_time="$seconds" -max_len="$ml" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $dict \
	    -artifact_prefix="$out/$n-" "$tmp/$n" >"$out/$n.log" 2>&1; then
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)' \
		    "$out/$n.log" | sed "s/^/fuzz.sh: $n: /" || true
	else
		tail -n 40 "$out/$n.log" >&2
		ls "$out/$n-"* 2>/dev/null | sed "s/^/fuzz.sh: $n: reproducer /" >&2 || true
		failed="$failed $n"
	fi
done

if [ -n "$failed" ]; then
	echo "fuzz.sh: FAILED:$failed (logs and reproducers in $out/)" >&2
	exit 1
fi
echo "fuzz.sh: all drivers ok"
