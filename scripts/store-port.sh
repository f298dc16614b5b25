#!/bin/sh
# store-port.sh [--in-place] FILE...
#
# Ports a store file written against the sqlite3 API and hand-numbered
# statement slots (store_stmt(st, SLOT_X + n, "...")) to the
# backend-neutral form (server/store/db.h):
#   - sqlite3_* calls, sqlite3_stmt, SQLITE_ROW/DONE/OK/NULL become the
#     db_* calls, struct db_stmt, DB_ROW/DB_DONE/0, db_column_is_null();
#     SQLITE_STATIC/TRANSIENT arguments are dropped (db.h: parameters
#     are never copied; TRANSIENT ones are reported for a look);
#     sqlite3_exec(db, sql, 0, 0, 0) becomes db_exec(db, sql);
#     macros such as ITERATE are text and are ported like any code;
#   - every distinct "SLOT_X + n" (or bare SLOT_X) becomes a member of
#     one enum per file, named after the function it first appears in
#     (S_<FUNCTION>), numbered from SLOT_X by the compiler, with
#     STORE_IDS_FIT(...) proving at compile time that the file stays in
#     its range (store_int.h): a collision can no longer happen;
#   - a file under server/store/sqlite/ named store_*.c moves to
#     server/store/ (git mv when tracked) unless --in-place is given.
# It then lists what it could not port (anything still saying sqlite3
# or SQLITE_, SQL taking the clock or randomness, LIMIT -1, INSERT OR
# ...) as FILE:LINE: message on stderr and exits 1 if there is any.
# Running it on a ported file changes nothing.
set -eu
inplace=0
if [ "${1:-}" = "--in-place" ]; then
	inplace=1
	shift
fi
[ $# -ge 1 ] || { echo "usage: $0 [--in-place] FILE..." >&2; exit 2; }
status=0
for f in "$@"; do
	[ -f "$f" ] || { echo "$f: no such file" >&2; status=1; continue; }
	tmp="$f.port$$"
	rc=0
	perl -0777 -e '
		my $f = $ARGV[0];
		local $_ = <>;
		my $lineof = sub { my $p = shift; 1 + (substr($_, 0, $p) =~ tr/\n//) };
		# Balanced argument text (nested parentheses allowed).
		my $arg = qr/(?:[^(),]++|(\((?:[^()]++|(?-1))*\)))+/;
		# TRANSIENT binds: report, then port like STATIC.
		while (/sqlite3_bind_(?:text|blob)\s*\((?:$arg,\s*){4}SQLITE_TRANSIENT\s*\)/g) {
			printf STDERR "%s:%d: SQLITE_TRANSIENT bind: db.h never copies, check the buffer outlives the step\n",
			    $f, $lineof->($-[0]);
		}
		s/sqlite3_bind_(text|blob)\s*\(((?:$arg,\s*){3}$arg),\s*SQLITE_(?:STATIC|TRANSIENT)\s*\)/db_bind_$1($2)/g;
		s/\(\s*const\s+char\s*\*\s*\)\s*sqlite3_column_text\b/db_column_text/g;
		s/const\s+unsigned\s+char(\s*\*\s*\w+\s*=\s*)sqlite3_column_text\b/const char$1db_column_text/g;
		s/sqlite3_column_type\s*\(($arg,\s*$arg)\)\s*==\s*SQLITE_NULL/db_column_is_null($1)/g;
		s/sqlite3_column_type\s*\(($arg,\s*$arg)\)\s*!=\s*SQLITE_NULL/!db_column_is_null($1)/g;
		s/sqlite3_exec\s*\(($arg),\s*($arg),\s*(?:0|NULL)\s*,\s*(?:0|NULL)\s*,\s*(?:0|NULL)\s*\)/db_exec($1, $3)/g;
		s/\bsqlite3_stmt\b/struct db_stmt/g;
		s/\bsqlite3\s*\*/struct db */g;
		s/\bsqlite3_last_insert_rowid\b/db_last_id/g;
		s/\bsqlite3_(bind_int64|bind_int|bind_double|bind_null|step|reset|clear_bindings|finalize|column_int64|column_int|column_double|column_text|column_blob|column_bytes|changes|errmsg)\b/db_$1/g;
		s/\bSQLITE_ROW\b/DB_ROW/g;
		s/\bSQLITE_DONE\b/DB_DONE/g;
		s/\bSQLITE_OK\b/0/g;
		s/\bSQLITE_CONSTRAINT\w*/DB_CONFLICT/g;
		s/^#include <sqlite3\.h>\n//mg;

		# Statement ids: one enum member per distinct slot expression.
		my (%name, @order, %used, $range);
		my @funcs;
		while (/^([a-z_][a-z0-9_]*)\(/mg) { push @funcs, [$-[0], $1]; }
		my $slot = qr/\bSLOT_([A-Z]+)\b(?:\s*\+\s*(\d+))?(?=\s*[,)+])/;
		while (/$slot/g) {
			my ($x, $n, $p) = ($1, $2 // 0, $-[0]);
			my $ls = rindex($_, "\n", $p) + 1;
			my $line = substr($_, $ls, index($_, "\n", $p) - $ls);
			next if $line =~ /STORE_IDS_FIT|=\s*SLOT_/;
			if (defined $range && $range ne $x) {
				printf STDERR "%s:%d: slots of two ranges (SLOT_%s, SLOT_%s): split the file\n",
				    $f, $lineof->($p), $range, $x;
				exit 1;
			}
			$range = $x;
			if (substr($_, $+[0]) =~ /^\s*\+/) {
				printf STDERR "%s:%d: computed statement id: reserve its span in the enum (S_X, S_X_LAST_ = S_X + k - 1,)\n",
				    $f, $lineof->($p);
				$::left = 1;
			}
			next if exists $name{$n};
			my $fn = "FILE";
			for my $g (@funcs) { $fn = $g->[1] if $g->[0] < $p; }
			$fn =~ s/^store_//;
			my $id = "S_" . uc $fn;
			my $k = 2;
			$id = "S_" . uc($fn) . "_" . $k++ while $used{$id};
			$used{$id} = 1;
			$name{$n} = $id;
			push @order, $n;
		}
		if (@order) {
			s{$slot}{
				my ($x, $n) = ($1, $2 // 0);
				my $ls = rindex($_, "\n", $-[0]) + 1;
				my $line = substr($_, $ls, index($_, "\n", $-[0]) - $ls);
				$line =~ /STORE_IDS_FIT|=\s*SLOT_/ ? $& : $name{$n};
			}ge;
			my @ids = map { $name{$_} } sort { $a <=> $b } @order;
			my $enum = "\n/* Statement ids: one per statement, numbered by the compiler from\n"
			    . "   this file\x27s range (store_int.h), which STORE_IDS_FIT checks. */\n"
			    . "enum {\n\t$ids[0] = SLOT_$range,\n"
			    . join("", map { "\t$_,\n" } @ids[1..$#ids])
			    . "\tS_${range}_END_\n};\nSTORE_IDS_FIT(S_${range}_END_, SLOT_$range);\n";
			# After the last #include line.
			my $at = 0;
			while (/^#include[^\n]*\n/mg) { $at = $+[0]; }
			substr($_, $at, 0) = $enum;
		}
		print;
		exit 2 if $::left;
	' "$f" >"$tmp" || rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
		rm -f "$tmp"
		status=1
		continue
	fi
	[ $rc -eq 2 ] && status=1
	cat "$tmp" >"$f"
	rm -f "$tmp"
	# What is left for a person to do.
	if grep -n 'sqlite3\|SQLITE_\|unixepoch\|strftime(.%s.\|randomblob\|random()\|LIMIT -1\|INSERT OR \(REPLACE\|IGNORE\)\|REPLACE INTO' "$f" |
	    sed "s|^|$f:|; s|\$|  <- not portable: see server/store/db.h|" >&2; then
		status=1
	fi
	case "$f" in
	*server/store/sqlite/store_*.c)
		if [ $inplace -eq 0 ]; then
			to=$(dirname "$(dirname "$f")")/$(basename "$f")
			if git ls-files --error-unmatch "$f" >/dev/null 2>&1; then
				git mv "$f" "$to"
			else
				mv "$f" "$to"
			fi
			echo "$f -> $to" >&2
		fi ;;
	esac
done
exit $status
