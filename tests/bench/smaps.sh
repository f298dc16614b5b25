#!/bin/sh
# smaps.sh PID: where a process's resident memory is, from
# /proc/PID/smaps, in one line (MB): the main heap, thread stacks
# (anonymous mappings up to 1 MiB right after a guard page: one per
# CivetWeb worker), other anonymous memory (glibc's second malloc arena,
# mallocs above M_MMAP_THRESHOLD such as CivetWeb's worker records, the
# program's bss), shared libraries, the program itself, other mapped files
# (SQLite's -shm).
awk -v bin="$(readlink "/proc/$1/exe")" '
function classify() {
	if (name == "[heap]") return "heap"
	if (name == bin) return "program"
	if (name ~ /\.so/) return "libraries"
	if (name ~ /^\//) return "files"
	if (name ~ /^\[/) return "kernel"
	if (perm == "---p") return "guard"
	if (size <= 1024 && prevguard) return "stacks"
	return "anon"
}
/^[0-9a-f]+-[0-9a-f]+ / {
	prevguard = (perm == "---p" && name == "" && size <= 64)
	perm = $2; name = $6; size = -1
	next
}
/^Size:/ {
	size = $2
	kind = classify()
	next
}
/^Rss:/ { rss[kind] += $2; if (kind == "stacks" && $2 > 0) nst++ }
END {
	n = split("heap stacks anon libraries program files kernel", o, " ")
	for (i = 1; i <= n; i++) {
		k = o[i]
		if (rss[k] == 0) continue
		printf "%s%s %.1f", sep, k, rss[k] / 1024
		if (k == "stacks") printf " (%d threads touched)", nst
		sep = ", "
		total += rss[k]
	}
	printf "; total %.1f MB\n", total / 1024
}' "/proc/$1/smaps"
