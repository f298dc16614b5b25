#!/bin/sh
# Runs every suite and prints the totals: the last line is
# "N passed, N failed". Suites print one "PASS name" / "FAIL name: why"
# line per check. Usage:
#   tests/run.sh [unit|http|browser|browser@K/N|fuzz|pgstore|pg|A+B]...
# pgstore: the storage conformance test on PostgreSQL; pg: that and the
# HTTP suite on PostgreSQL (PG_TESTS: which HTTP test files, default all).
# BUILD (default build) names the build folder; LENTERA_WRAP prefixes the
# server command (valgrind). TIMING=1 prints each file's wall time after it
# ("== 12s tests/http/test_x.py") and the slowest files at the end.
BUILD=${BUILD:-build}
export BUILD
# Debian's python3: the test packages install-deps.sh adds (python3-openpyxl,
# python3-nacl) are its modules, not those of a python3 earlier on PATH.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
cd "$(dirname "$0")/.." || exit 2
# A+B runs lane B in the background while lane A runs; each lane may be a
# list, A1,A2: one suite after the other. B's lines are printed when both
# are done. The HTTP suites mostly wait (sleeps, timeouts, fsyncs), not
# compute: the default runs SQLite's beside PostgreSQL's, then half the
# browser files in each lane (browser@K/N) and the fuzz inputs, about
# 590 s instead of 830 s one after the other (docs/testing.md, the
# budget).
suites=${*:-unit http,browser@1/2+pg,browser@2/2,fuzz}
logdir=$(mktemp -d)
log=$logdir/log
trap 'rm -rf "$logdir"' EXIT

now() { date +%s%N; }
start=$(now)

run() {
	echo "== $*" | tee -a "$log"
	t0=$(now)
	"$@" > "$log.cur" 2>&1
	rc=$?
	cat "$log.cur"
	if [ -n "${TIMING:-}" ]; then
		ms=$((($(now) - t0) / 1000000))
		printf '%d.%01ds %s\n' $((ms / 1000)) $((ms % 1000 / 100)) "$*" >> "$log.time"
		printf '== %d.%01ds\n' $((ms / 1000)) $((ms % 1000 / 100))
	fi
	cat "$log.cur" >> "$log"
	# A suite that dies without printing counts as one failure, and so
	# does one that exits non-zero with no FAIL line (a crash at exit, a
	# LeakSanitizer report, valgrind's exit code).
	if ! grep -q '^\(PASS\|FAIL\) ' "$log.cur"; then
		echo "FAIL $*: suite printed no results" | tee -a "$log"
	elif [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$log.cur"; then
		echo "FAIL $*: exited $rc after its checks passed" | tee -a "$log"
	fi
	rm -f "$log.cur"
}

suite() {
	s=$1
	case $s in
	unit)
		for t in "$BUILD"/unit/test_*; do
			[ -x "$t" ] || continue
			run "$t"
		done ;;
	http)
		for t in tests/http/test_*.py; do
			[ -f "$t" ] || continue
			run "$PY" "$t"
		done ;;
	browser|browser@*)
		# browser@K/N: the K-th of N shares (every N-th file from the
		# K-th, in name order), so two lanes can each take one.
		k=1 n=1
		case $s in browser@*/*)
			k=${s#browser@}; n=${k#*/}; k=${k%/*} ;;
		esac
		if [ -f tests/browser/package.json ]; then
			i=0
			for t in tests/browser/*.test.mjs; do
				[ -f "$t" ] || continue
				i=$((i + 1))
				[ $(((i - 1) % n + 1)) -eq "$k" ] || continue
				run node "$t"
			done
		fi ;;
	valgrind)
		# make valgrind: the full flow, timings aside, under LENTERA_WRAP.
		for t in tests/http/test_smoke.py tests/http/test_flow.py; do
			run "$PY" "$t"
		done ;;
	pg|pgstore)
		# The storage conformance test (pgstore, in the default run) and
		# with pg the whole HTTP suite again, on a throw-away PostgreSQL
		# cluster (scripts/pg.sh): each server gets a fresh database of
		# it (tests/http/lib.py), and every check is named pg:... .
		if pgout=$(sh scripts/pg.sh start 2>&1); then
			pgdir=$(echo "$pgout" | sed -n 's/^PGDIR=//p')
			pgurl=$(echo "$pgout" | sed -n 's/^PGURL=//p')
			# Both conformance binaries, each on a fresh database.
			for u in test_store test_store_reports; do
				psql -X -q -d "$pgurl" -c "CREATE DATABASE c_$u" >/dev/null
				run env LENTERA_TEST_DB="${pgurl%/*}/c_$u" "$BUILD/unit/$u"
			done
			[ "$s" = pg ] && for t in ${PG_TESTS:-tests/http/test_*.py}; do
				[ -f "$t" ] || continue
				# test_pg_*: PostgreSQL tests that make their own
				# cluster and sites; the http suite runs them.
				# Named in PG_TESTS, they run as in the http suite:
				# their sites' SQLite side is the source they migrate.
				case $t in */test_pg_*)
					[ -z "${PG_TESTS:-}" ] && continue
					run "$PY" "$t"
					continue ;;
				esac
				# A test with no database in its subject (the
				# build, the sources) says so in a "# pg: why"
				# line: it would run the same twice.
				why=$(sed -n 's/^# pg: //p' "$t" | head -n 1)
				if [ -n "$why" ]; then
					echo "== $t: not on PostgreSQL: $why"
					continue
				fi
				run env LENTERA_TEST_PG="$pgurl" "$PY" "$t"
			done
			sh scripts/pg.sh stop "$pgdir"
		else
			echo "FAIL pg: cluster did not start: $pgout" | tee -a "$log"
		fi ;;
	fuzz)
		# Every stored fuzz input (past crashes included) stays fixed.
		run sh scripts/fuzz.sh --regress ;;
	*) echo "unknown suite $s" >&2; exit 2 ;;
	esac
}

for s in $suites; do
	case $s in
	*+*)
		fg=${s%%+*}
		bg=${s#*+}
		main=$log
		# The background suite: a log of its own, shown once it is done.
		(log=$logdir/bg
		 for f in $(echo "$bg" | tr , ' '); do
			suite "$f"
		 done > "$logdir/bg.out" 2>&1) &
		bgpid=$!
		for f in $(echo "$fg" | tr , ' '); do
			suite "$f"
		done
		wait "$bgpid"
		echo "== (ran beside $fg:) $bg"
		cat "$logdir/bg.out"
		cat "$logdir/bg" >> "$main" 2>/dev/null
		[ -f "$logdir/bg.time" ] && cat "$logdir/bg.time" >> "$log.time"
		rm -f "$logdir/bg" "$logdir/bg.out" "$logdir/bg.time" ;;
	*) suite "$s" ;;
	esac
done

if [ -n "${TIMING:-}" ] && [ -f "$log.time" ]; then
	echo
	echo "Slowest (wall time):"
	sort -rn "$log.time" | head -n "${TIMING_TOP:-25}"
	ms=$((($(now) - start) / 1000000))
	echo "total $((ms / 1000))s"
fi
passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
if [ "$failed" -gt 0 ]; then
	echo
	echo "Failures:"
	grep '^FAIL ' "$log"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
