#!/bin/sh
# Benchmark (figures, not pass/fail): at three data-set sizes (10k, 100k,
# 1M learners with proportional progress and completions) generates the
# data into a temp database, runs lentera, measures with wrk and a C load
# client (herd.c) on loopback, beside two ceilings serving the same module
# page bytes (a minimal CivetWeb program and nginx), and writes everything
# to bench/results/<date>-<shortsha>.txt, ending with a summary: every
# figure beside its target and the ceiling of the same run, one column
# per size.
#   BENCH_QUICK=1    a tenth of each size, 1 s runs (under two minutes)
#   BENCH_SIZES="N…" learner counts to run (default: the three sizes)
#   BENCH_SECS=N     seconds per wrk run (default 10, quick 1)
#   BENCH_PLAN_MAX=N the planning pages only up to N learners (quick 10000)
#   BENCH_PAGE_BUDGET_MS=N  sequential page samples stop after N ms (quick 1000)
# Needs: wrk, nginx, sqlite3, python3, gcc (scripts/install-deps.sh + wrk nginx).
# The tools, the data-set generator and the quiz figures are
# scripts/bench-lib.sh's, shared with scripts/bench-pg.sh.
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	NCOURSES=10 SIZES=${BENCH_SIZES:-"1000 10000 100000"} SECS=${BENCH_SECS:-1}
	# The planning pages (issue 12) rebuild their summaries in tens of
	# seconds at 100k: quick mode measures them up to 10k only.
	PLAN_MAX=${BENCH_PLAN_MAX:-10000}
	BENCH_PAGE_BUDGET_MS=${BENCH_PAGE_BUDGET_MS:-1000}
else
	NCOURSES=100 SIZES=${BENCH_SIZES:-"10000 100000 1000000"} SECS=${BENCH_SECS:-10}
	PLAN_MAX=${BENCH_PLAN_MAX:-1000000000}
	BENCH_PAGE_BUDGET_MS=${BENCH_PAGE_BUDGET_MS:-30000}
fi
# The synchronized start is the exam morning of issue 15: 5,000 learners
# (half the learners at the smallest size).
NSESS_MAX=5000
. "$(dirname "$0")/bench-lib.sh"
bench_init ""
say "sizes: $SIZES learners (10 progress rows and 2 completions each); $NCOURSES courses x 5 modules"
bench_courses $NCOURSES
civet=0 nginx_rps=0
# One figure per size for the summary: rec KEY VALUE.
rec() { echo "$2" >> "$tmp/sum.$1"; }
# samples TOKEN PATH N: N sequential GETs over one connection (one curl:
# a process per sample cost more than the pages under load), "ms status"
# lines; fewer when the first shows that N would take more than
# BENCH_PAGE_BUDGET_MS (a page far past its target needs no twentieth
# sample to show it; the quick mode's budget).
samples() {
	first=$(curl -s -o /dev/null -w '%{time_total} %{http_code}' \
	    -H "Cookie: lentera_sid=$1" "$base$2")
	echo "$first" | awk '{ printf "%.1f %s\n", $1 * 1000, $2 }'
	n=$(echo "$first" | awk -v n="$3" -v b="${BENCH_PAGE_BUDGET_MS:-1500}" '{
		k = $1 > 0 ? int(b / ($1 * 1000)) : n; if (k > n) k = n;
		print k - 1 }')
	[ "$n" -ge 1 ] || return 0
	ck="Cookie: lentera_sid=$1" u="$base$2"
	set -f	# the URL's "?" is no glob
	curl -s -H "$ck" $(for i in $(seq "$n"); do printf '%s -o /dev/null ' "$u"; done) \
	    -w '%{time_total} %{http_code}\n' | awk '{ printf "%.1f %s\n", $1 * 1000, $2 }'
	set +f
}
page_ms() {	# TOKEN PATH: median of up to 5 GETs in ms ("(403)" when not 200)
	samples "$1" "$2" 5 | sort -n | awk '{ v[NR] = $1; st = $2 } END {
		printf "%.1f", v[int((NR + 1) / 2)]; if (st != 200) printf "(%s)", st }'
}

# 5c. Plan pages (issue 12 part B): survey rates, agency plan, realisation,
# assignments for HR; the plan, team and home pages for an ASN. Median and
# worst of sequential GETs (one at a time: a page's own latency).
plan_page_ms() {	# TOKEN PATH N: sets MED MAX
	set -- $(samples "$1" "$2" "$3" | sort -n | awk '{ v[NR] = $1 } END {
		printf "%.1f %.1f", v[int((NR + 1) / 2)], v[NR] }')
	MED=$1 MAX=$2
}
plan_pages() {
	say ""
	say "== plan pages (planb_seed.py: 1 survey round, 25% of ASN with an approved plan)"
	python3 tests/bench/planb_seed.py "$tmp/db/lentera.db" | tee -a "$out" || return
	hrnip=$(awk 'NR == 1 { print $1 }' "$tmp/sessions")
	ltok=$(awk 'NR == 5 { print $2 }' "$tmp/sessions")
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='hr' WHERE nip='$hrnip'"
	plan_worst=0
	for p in /hr/plan /hr/survey/1 /hr/plan/realisation \
	    "/hr/plan/realisation?unit=BKPSDM" /hr/assign; do
		plan_page_ms "$tok" "$p" 20
		say "$(printf '%-40s p50 %7s ms  max %7s ms' "HR $p" "$MED" "$MAX")"
		plan_worst=$(calc %g "($plan_worst > $MED ? $plan_worst : $MED)")
	done
	for p in /plan /plan/team /survey/1 /; do
		plan_page_ms "$ltok" "$p" 20
		say "$(printf '%-40s p50 %7s ms  max %7s ms' "ASN $p" "$MED" "$MAX")"
		plan_worst=$(calc %g "($plan_worst > $MED ? $plan_worst : $MED)")
	done
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='learner' WHERE nip='$hrnip'"
}

# 7. Planning: the gap heatmap at NUSERS ASN (docs/planning-needs.md).
# Positions, standards, assessments and SKP as the imports write them;
# the first page view rebuilds the gap summary (gap.h), later views read
# it. Target: the heatmap page answers in < 200 ms.
heatmap_bench() {
	say ""
	say "== planning: gap heatmap (/hr/kesenjangan)"
	python3 tests/bench/gen_plan.py "$tmp/db/lentera.db" ${NUNITS_PLAN:-80} | tee -a "$out"
	hrnip=$(awk 'NR == 1 { print $1 }' "$tmp/sessions")
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='hr' WHERE nip='$hrnip'"
	t=$(curl -s -o "$tmp/heat.html" -w '%{http_code} %{time_total}' \
	    -H "Cookie: lentera_sid=$tok" "$base/hr/kesenjangan")
	set -- $t
	if [ "$1" != 200 ]; then
		say "heatmap: HTTP $1"
		return
	fi
	say "heatmap first view (rebuilds the summary of $NUSERS ASN): $(calc %.0f "$2 * 1000") ms, $(wc -c < "$tmp/heat.html") bytes"
	say "gap rows: $(sqlite3 "$tmp/db/lentera.db" 'SELECT count(*) FROM plan_gap'), heatmap cells: $(sqlite3 "$tmp/db/lentera.db" 'SELECT count(*) FROM plan_gap_cell')"
	echo "$hrnip $tok $(awk 'NR == 1 { print $3 }' "$tmp/sessions")" > "$tmp/hrsess"
	WRK_CONNS=4 bench_wrk "heatmap page (summary current)" "$base/hr/kesenjangan" \
	    BENCH_SESSIONS="$tmp/hrsess"
	heat_rps=$RPS heat_p50=$P50 heat_p99=$P99
	WRK_CONNS=4 bench_wrk "gap list by gap, one unit" \
	    "$base/hr/kesenjangan?urut=kesenjangan&unit=Unit%20Kerja%207" BENCH_SESSIONS="$tmp/hrsess"
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='learner' WHERE nip='$hrnip'"
}


# proxied_rss: the same peak with --threads 64, the production setting
# behind nginx (docs/deploy.md): the direct port's 1,024 default workers
# cost ~19.5 KB resident each (CivetWeb touches three pages of each
# stack and keeps a 2.4 KB record and buffers per worker). A second
# server on the same database, the same wrk runs. Sets rss_proxied.
proxied_rss() {
	pport=$(free_port)
	"$BIN" serve --no-demo --quiet --threads 64 --proxy 127.0.0.1 --port "$pport" \
	    --db "$tmp/db/lentera.db" --courses "$tmp/courses" --web web >> "$tmp/server.log" 2>&1 &
	ppid=$!; pids="$pids $ppid"
	wait_http "$pport"
	rss_proxied0=$(rss_mb $ppid)
	env BENCH_SESSIONS="$tmp/wrksess" wrk -t$THREADS -c$CONNS -d${SECS}s \
	    -s tests/bench/wrk.lua "http://127.0.0.1:$pport$mod" > /dev/null 2>&1
	wrk -t$THREADS -c$CONNS -d${SECS}s "http://127.0.0.1:$pport/healthz" > /dev/null 2>&1
	rss_proxied=$(hms $ppid)
	say "  with --threads 64 (behind nginx, docs/deploy.md): RSS after start $rss_proxied0 MB, peak before any login $rss_proxied MB   target <= 32 MB"
	say "  $(sh tests/bench/smaps.sh $ppid)"
	kill "$ppid"; wait "$ppid" 2>/dev/null
}

run_size() {
	NUSERS=$1 NPROG=$(($1 * 10)) NCOMP=$(($1 * 2))
	NSESS=$(($1 / 2)); [ $NSESS -gt $NSESS_MAX ] && NSESS=$NSESS_MAX
	say ""
	size_t0=$(date +%s)
	say "==== $NUSERS learners, $NPROG progress rows, $NCOMP completions (load average $(load))"
	bench_data $NUSERS $NPROG $NCOMP $NSESS
	# The last session's user is an admin: HR and trainer pages, exports.
	adm=$(awk 'END { print $1 }' "$tmp/sessions")
	admtok=$(awk 'END { print $2 }' "$tmp/sessions")
	sqlite3 "$tmp/db/lentera.db" "UPDATE users SET role='admin' WHERE nip='$adm'"

	port=$(free_port)
	"$BIN" serve --no-demo --quiet --port "$port" --db "$tmp/db/lentera.db" \
	    --courses "$tmp/courses" --web web >> "$tmp/server.log" 2>&1 &
	spid=$!; pids="$pids $spid"
	wait_http "$port"
	base=http://127.0.0.1:$port
	tok=$(awk 'NR == 1 { print $2 }' "$tmp/sessions")
	curl -fs -H "Cookie: lentera_sid=$tok" "$base$mod" > "$tmp/page.html" ||
	    { echo "bench: module page failed" >&2; exit 1; }
	rss_start=$(rss_mb $spid)
	say "module page $mod: $(wc -c < "$tmp/page.html") bytes; server RSS after start $rss_start MB"
	bench_wrk "lentera module page (logged in)" "$base$mod" BENCH_SESSIONS="$tmp/wrksess"
	ours=$RPS ours99=$P99
	bench_wrk "lentera /healthz (no session, no page)" "$base/healthz"
	[ "$civet" = 0 ] && bench_ceilings
	say "module page / CivetWeb ceiling $(ratio "$ours" "$civet"), / nginx $(ratio "$ours" "$nginx_rps")   target >= 0.85 CivetWeb"

	# Before any login and before the pages that grow (the HR dashboard
	# holds its aggregates in memory while it answers).
	rss_pre=$(hms $spid)
	say "server peak RSS before any login: $rss_pre MB   target <= 32 MB"
	say "  $(sh tests/bench/smaps.sh $spid)"
	proxied_rss
	hr_ms=$(page_ms "$admtok" /hr)
	rec_ms=$(page_ms "$tok" /record)
	st_ms=$(page_ms "$admtok" /trainer)
	say "pages that grow (median of 5): HR dashboard $hr_ms ms, Rekam Jejak $rec_ms ms, trainer statistics $st_ms ms   target <= 50 ms"
	say "server peak RSS after them: $(hms $spid) MB"
	WRK_CONNS=4 bench_wrk "login POST (Argon2id)" "$base/login" BENCH_SESSIONS="$tmp/wrksess" \
	    BENCH_NOCOOKIE=1 BENCH_METHOD=POST BENCH_BODY="nip=%nip&password=$PW"
	logins=$RPS
	rss_login=$(hms $spid)
	say "server peak RSS with logins in flight: $rss_login MB"

	# HR CSV export of every completion; the export's own peak (clear_refs 5).
	# Logins queued in the server outlive wrk's run: let them finish, or
	# their hashes count as the export's memory.
	settle $spid
	before=$(rss_kb $spid)
	echo 5 > "/proc/$spid/clear_refs" 2>/dev/null
	s0=$(date +%s.%N)
	rows=$(curl -s -H "Cookie: lentera_sid=$admtok" "$base/api/v1/completions?format=csv" | wc -l)
	s1=$(date +%s.%N)
	after=$(awk '/VmHWM/ { print $2 }' "/proc/$spid/status")
	csv_rps=$(calc %.0f "($rows - 1) / ($s1 - $s0)")
	csv_grow=$(calc %.1f "($after - $before) / 1024")
	say "csv export: $((rows - 1)) rows in $(calc %.2f "$s1 - $s0") s = $csv_rps rows/s; peak RSS growth $csv_grow MB   target >= 500k rows/s, growth <= 10 MB"
	s0=$(date +%s.%N)
	xst=$(curl -s -o "$tmp/export.xlsx" -w '%{http_code}' -H "Cookie: lentera_sid=$admtok" \
	    "$base/api/v1/completions?format=xlsx")
	s1=$(date +%s.%N)
	xb=$(wc -c < "$tmp/export.xlsx")
	if [ "$xst" = 200 ]; then
		xlsx_rps=$(calc %.0f "($rows - 1) / ($s1 - $s0)")
		say "xlsx export: $((rows - 1)) rows, $xb bytes in $(calc %.2f "$s1 - $s0") s = $xlsx_rps rows/s (libxlsxwriter constant-memory mode)"
		# The reference: libxlsxwriter alone writing rows of the same
		# shape in the same mode (tests/bench/xlsx_ceiling.c).
		set -- $("$tmp/xlsxref" "$((rows - 1))" "$tmp/ref.xlsx" | grep '^XLSXREF')
		rm -f "$tmp/ref.xlsx"
		xlsx_ref=${4:-0}
		say "  libxlsxwriter alone, same rows and mode: $xlsx_ref rows/s; export / library $(ratio "$xlsx_rps" "$xlsx_ref")"
	else
		# A sheet holds 1,048,576 rows: larger exports are refused.
		xlsx_rps="($xst)" xlsx_ref=0
		say "xlsx export: refused with $xst: $(head -c 200 "$tmp/export.xlsx")"
	fi
	rm -f "$tmp/export.xlsx"

	WRK_CONNS=4 bench_wrk "certificate PDF (no logo)" "$base/certificate/kursus-050/pdf" \
	    BENCH_SESSIONS="$tmp/wrksess"
	pdf_rps=$RPS pdf_p99=$P99

	# The quiz: synchronized start, submit (with the group commit's
	# batches), beside the disk's own sync rate.
	bench_fsync "$tmp/db/lentera.db"
	quiz_bench $NSESS
	# The planning pages (issue 12): at each size, after the figures above
	# (their data sets are added to this database).
	plan_worst= heat_p50= heat_p99=
	if [ "$NUSERS" -le "$PLAN_MAX" ]; then
		plan_pages
		say "plan pages (slowest p50): ${plan_worst:-n/a} ms   target < 200 ms"
		heatmap_bench
		say "gap heatmap page: p50 ${heat_p50:-n/a} ms, p99 ${heat_p99:-n/a} ms at $NUSERS ASN   target < 200 ms"
	else
		say "planning pages: not at this size in quick mode (BENCH_PLAN_MAX=$PLAN_MAX learners)"
	fi
	say "server peak RSS of the whole run: $(hms $spid) MB"
	kill "$spid"; wait "$spid" 2>/dev/null
	say "($NUSERS learners took $(( $(date +%s) - size_t0 )) s)"
	rec learners "$NUSERS"
	rec page "$ours"; rec page99 "$ours99"; rec ratio "$(ratio "$ours" "$civet")"
	rec csv "$csv_rps"; rec csvgrow "$csv_grow"; rec xlsx "$xlsx_rps"; rec xlsxref "$xlsx_ref"
	rec submit "$qs_rps"; rec sub99 "$qs_p99"; rec suberr "$qs_err"
	rec subcpu "$qs_cpu"; rec fsync "$fsync_rate"
	rec subceil "$(calc %.0f "2e6 / ($qs_cpu > 1 ? $qs_cpu : 1)")"
	rec startceil "$(calc %.0f "2e6 / ($sync_cpu > 1 ? $sync_cpu : 1)")"
	rec start99 "$sync_p99"; rec starterr "$sync_err"; rec startn "$sync_n"
	rec startcpu "$sync_cpu"; rec herd "$herd_share"
	rec hr "$hr_ms"; rec rec "$rec_ms"; rec st "$st_ms"
	rec plan "${plan_worst:-n/a}"; rec heat "${heat_p50:-n/a}"
	rec pdf "$pdf_rps"; rec pdf99 "$pdf_p99"
	rec rss0 "$rss_start"; rec rsspre "$rss_pre"; rec rsslog "$rss_login"
	rec rssprox "$rss_proxied"
	rec login "$logins"; rec load "$(cut -d' ' -f1 /proc/loadavg)"
}

for n in $SIZES; do
	run_size "$n"
done
make -s "$BUILD/unit/test_quiz" >/dev/null 2>&1 &&
    "$BUILD/unit/test_quiz" 2>/dev/null | grep '^# quiz cost' | while read -r l; do
	say "Lua cost per attempt (build+grade, unit measurement): ${l#\# quiz cost: }"
    done

# The summary: every figure beside its target and this run's ceiling,
# one column per size.
row() {	# KEY LABEL TARGET CEILING
	printf '%-34s %-22s %-26s' "$2" "$3" "$4"
	while read -r v; do printf ' %10s' "$v"; done < "$tmp/sum.$1"
	printf '\n'
}
say ""
say "== summary ($(( $(date +%s) - bench_t0 )) s; ceilings of this run: CivetWeb $civet req/s, nginx $nginx_rps req/s, disk $(paste -sd/ "$tmp/sum.fsync") fdatasyncs/s)"
{
	row learners "figure" "target" "ceiling (same run)"
	row page "module page req/s" "" "CivetWeb $civet"
	row ratio "  / CivetWeb ceiling" ">= 0.85" "nginx $nginx_rps"
	row page99 "  p99 ms" "" ""
	row submit "quiz submit /s (graded, fsynced)" ">= 3000" "rows: disk, CPU"
	row fsync "  disk fdatasync/s" "" "= commits/s w/o grouping"
	row sub99 "  p99 ms" "<= 20" ""
	row suberr "  errors" "0" ""
	row subcpu "  server CPU us a submit" "" ""
	row subceil "  CPU-bound ceiling /s" "" "2 cores / CPU a submit"
	row startn "synchronized start: learners" "5000 in 1 s" ""
	row start99 "  p99 ms" "<= 300" ""
	row starterr "  errors" "0" ""
	row startcpu "  server CPU us a start" "" ""
	row startceil "  CPU-bound starts /s" "" "2 cores / CPU a start"
	row herd "  herd.c share of a core" "" ""
	row csv "HR CSV export rows/s" ">= 500000" ""
	row csvgrow "  peak RSS growth MB" "<= 10" ""
	row xlsx "HR XLSX export rows/s" "constant-memory mode" "library alone (next row)"
	row xlsxref "  libxlsxwriter alone rows/s" "" "same rows, same mode"
	row hr "HR dashboard ms" "<= 50" ""
	row rec "Rekam Jejak ms" "<= 50" ""
	row st "trainer statistics ms" "<= 50" ""
	row plan "plan pages, slowest p50 ms" "< 200" ""
	row heat "gap heatmap p50 ms" "< 200" ""
	row pdf "certificate PDF /s" ">= 150" ""
	row pdf99 "  p99 ms" "<= 50" ""
	row rss0 "RSS after start MB" "" ""
	row rsspre "peak RSS before any login MB" "<= 32" "1,024 workers (direct)"
	row rssprox "  with --threads 64 (proxied)" "<= 32" "64 workers (nginx)"
	row rsslog "peak RSS with logins MB" "" "Argon2id m=19 MiB each"
	row login "logins/s (Argon2id)" "" "2 hashes at a time"
	row load "load average (1 min)" "" "other work lowers all"
} > "$tmp/summary"
while IFS= read -r l; do say "$l"; done < "$tmp/summary"
say "(latencies in ms; RSS in MB)"
say "load average at the end: $(load) (other work on these cores lowers every figure)"
say "written to $out"
