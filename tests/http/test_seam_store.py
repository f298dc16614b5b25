#!/usr/bin/env python3
# pg: scripts, gcc and the store sources; no database in its subject (the same run twice)
"""The storage seam (docs/store.md) holds: scripts/store-port.sh ports an
old-style store file (sqlite3 API, hand-numbered slots) into one that
compiles against db.h and names what is left; statement ids cannot collide
(overflowing a range does not compile, two files on one range do not link);
no store file numbers slots by hand; every public store function has a
check in the conformance test. Runs the real script, gcc and make."""
import os, re, shutil, subprocess, tempfile

from lib import *

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "store-port", "store_example.c")
SCRIPT = os.path.join(ROOT, "scripts", "store-port.sh")
INC = ["-Iserver/lib", "-Iserver/quiz", "-Iserver/content", "-Iserver/store",
       "-Iserver/store/internal"]
WARN = ["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Wshadow",
        "-Wstrict-prototypes", "-Wmissing-prototypes", "-Werror",
        "-Wno-format-truncation"]


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def port(src_text, name="store_example.c", args=()):
    """Runs the script on a copy under <tmp>/server/store/sqlite/."""
    tmp = tempfile.mkdtemp(prefix="lentera-port-")
    d = os.path.join(tmp, "server", "store", "sqlite")
    os.makedirs(d)
    with open(os.path.join(d, name), "w") as f:
        f.write(src_text)
    p = subprocess.run(["sh", SCRIPT] + list(args) +
                       ["server/store/sqlite/" + name], cwd=tmp,
                       capture_output=True, text=True)
    return tmp, p


def compiles(path):
    p = subprocess.run(["gcc"] + WARN + INC + ["-fsyntax-only", path],
                       cwd=ROOT, capture_output=True, text=True)
    return p.returncode == 0, p.stderr


@test
def port_script_ports_old_style_file(s):
    src = open(FIXTURE).read()
    tmp, p = port(src)
    try:
        out = os.path.join(tmp, "server", "store", "store_example.c")
        check(os.path.exists(out) and not os.path.exists(
            os.path.join(tmp, "server", "store", "sqlite", "store_example.c")),
            "the ported file moves to server/store/: " + p.stderr)
        text = open(out).read()
        code = strip_comments(text)
        check("sqlite3" not in code and "SQLITE_" not in code,
              "no sqlite3 API left in code")
        check(re.search(r"enum \{\n\tS_EXAMPLE_GET = SLOT_LEDGER,\n"
                        r"\tS_EXAMPLE_EACH,\n\tS_EXAMPLE_PUT,\n"
                        r"\tS_EXAMPLE_BUMP,\n\tS_LEDGER_END_\n\};\n"
                        r"STORE_IDS_FIT\(S_LEDGER_END_, SLOT_LEDGER\);", text),
              "one enum member per distinct slot, ordered, with the range "
              "check:\n" + text[:900])
        check(text.count("store_stmt(st, S_EXAMPLE_PUT,") == 2,
              "a slot used twice maps to one member")
        check("db_bind_text(s, 1, key, -1);" in text and
              "db_bind_blob(s, 2, h, sizeof(*h) * 32);" in text,
              "binds lose SQLITE_STATIC, multi-line and nested ones too")
        check("!db_column_is_null(s, 2)" in text and
              "if (db_column_is_null(s, 1))" in text,
              "column type tests become db_column_is_null")
        check('db_exec(st->db, "SAVEPOINT bump") != 0' in text and
              'db_exec(st->db, "RELEASE bump") != 0' in text,
              "sqlite3_exec becomes db_exec")
        check("while ((rc_ = db_step(s)) == DB_ROW)" in text,
              "macros such as ITERATE are ported")
        check(p.returncode == 1, "exit 1 while something is left to do")
        check(re.search(r"store_example\.c:110: SQLITE_TRANSIENT", p.stderr),
              "a TRANSIENT bind is reported with its line: " + p.stderr)
        check(re.search(r"server/store/store_example\.c:127: not portable.*"
                        r"unixepoch", p.stderr),
              "SQL taking the clock is reported as FILE:LINE: " + p.stderr)
        check(re.search(r"store_example\.c:36: t: db_column_text never "
                        r"returns NULL", p.stderr),
              "a variable holding column text gets a word on NULL: " + p.stderr)
        check("const char *t = db_column_text(s, 1);" in text,
              "and becomes const char *")
        check(":1: not portable" not in p.stderr,
              "a comment that says sqlite3 is not reported")
        ok, err = compiles(out)
        check(ok, "the ported file compiles against db.h: " + err)
        # Idempotent.
        before = open(out).read()
        p2 = subprocess.run(["sh", SCRIPT, "server/store/store_example.c"],
                            cwd=tmp, capture_output=True, text=True)
        check(open(out).read() == before, "a second run changes nothing")
        check(p2.returncode == 1, "and still reports what is left")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def port_script_clean_file_exits_0(s):
    src = open(FIXTURE).read()
    src = src.replace("unixepoch()", "?2").replace("SQLITE_TRANSIENT",
                                                   "SQLITE_STATIC")
    src = src.replace("\tconst unsigned char *t = sqlite3_column_text(s, 1);\n\n", "")
    src = src.replace('t ? (const char *)t : ""',
                      "(const char *)sqlite3_column_text(s, 1)")
    tmp, p = port(src, args=["--in-place"])
    try:
        out = os.path.join(tmp, "server", "store", "sqlite", "store_example.c")
        check(p.returncode == 0, "nothing left: exit 0: " + p.stderr)
        check(os.path.exists(out), "--in-place keeps the file where it is")
        ok, err = compiles(out)
        check(ok, "it compiles: " + err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def port_script_reports_computed_ids(s):
    src = open(FIXTURE).read().replace(
        "store_stmt(st, SLOT_LEDGER + 1,", "store_stmt(st, SLOT_LEDGER + 1 + 0,")
    tmp, p = port(src, args=["--in-place"])
    try:
        check(p.returncode == 1 and "computed statement id" in p.stderr,
              "SLOT_X + n + i is reported: " + p.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_pair(a, b):
    tmp = tempfile.mkdtemp(prefix="lentera-ids-")
    try:
        objs = []
        for i, body in enumerate((a, b)):
            c = os.path.join(tmp, "f%d.c" % i)
            with open(c, "w") as f:
                f.write('#include "store_int.h"\n' + body)
            o = c[:-2] + ".o"
            p = subprocess.run(["gcc"] + WARN + INC + ["-c", "-o", o, c],
                               cwd=ROOT, capture_output=True, text=True)
            if p.returncode != 0:
                return "compile", p.stderr
            objs.append(o)
        main = os.path.join(tmp, "m.c")
        with open(main, "w") as f:
            f.write("int main(void) { return 0; }\n")
        p = subprocess.run(["gcc", "-o", os.path.join(tmp, "x"), main] + objs,
                           capture_output=True, text=True)
        return ("link" if p.returncode else "ok"), p.stderr
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def port_script_joins_an_existing_enum(s):
    """A file ported before that gained old-style statements (a merge)."""
    src = open(os.path.join(ROOT, "server", "store", "store_throttle.c")).read()
    src += (
        "\nint\tstore_throttle_count(struct store *, int64_t *);\n\n"
        "int\nstore_throttle_count(struct store *st, int64_t *n)\n{\n"
        "\tsqlite3_stmt\t*s = store_stmt(st, SLOT_CORE + 30,\n"
        "\t    \"SELECT count(*) FROM throttle\");\n\n"
        "\tif (s == NULL || sqlite3_step(s) != SQLITE_ROW)\n\t\treturn -1;\n"
        "\t*n = sqlite3_column_int64(s, 0);\n\tsqlite3_reset(s);\n"
        "\treturn 0;\n}\n")
    tmp, p = port(src, name="store_throttle.c")
    try:
        out = os.path.join(tmp, "server", "store", "store_throttle.c")
        text = open(out).read()
        check(p.returncode == 0, "ported: " + p.stderr)
        check(text.count("STORE_IDS_FIT(") == 1 and
              "\tS_THROTTLE_COUNT,\n\tS_THROTTLE_END_\n};" in text and
              "store_stmt(st, S_THROTTLE_COUNT," in text,
              "the new statement joins the file's one enum: " + text[:700])
        check("joins this file's enum" in p.stderr, "and says so: " + p.stderr)
        ok, err = compiles(out)
        check(ok, "it compiles: " + err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def statement_ids_cannot_collide(s):
    one = "enum { S_A = SLOT_EVAL, S_EVAL_END_ };\nSTORE_IDS_FIT(S_EVAL_END_, SLOT_EVAL);\n"
    other = "enum { S_B = SLOT_PLANA, S_PLANA_END_ };\nSTORE_IDS_FIT(S_PLANA_END_, SLOT_PLANA);\n"
    what, err = build_pair(one, other)
    check(what == "ok", "two files on two ranges link: " + err)
    what, err = build_pair(one, one.replace("S_A", "S_C"))
    check(what == "link" and "store_range_SLOT_EVAL" in err,
          "two files claiming one range do not link: %s %s" % (what, err))
    big = ("enum { S_A = SLOT_EVAL, S_LAST_ = S_A + 64, S_EVAL_END_ };\n"
           "STORE_IDS_FIT(S_EVAL_END_, SLOT_EVAL);\n")
    what, err = build_pair(big, other)
    check(what == "compile" and "more statements than its id range" in err,
          "a file outgrowing its range does not compile: %s %s" % (what, err))


@test
def store_files_use_enums(s):
    d = os.path.join(ROOT, "server", "store")
    files = [f for f in os.listdir(d) if f.startswith("store") and f.endswith(".c")]
    check(len(files) >= 9, "the store files live in server/store/: %s" % files)
    for f in files:
        text = strip_comments(open(os.path.join(d, f)).read())
        check(re.search(r"\bSLOT_[A-Z]+\s*\+\s*\d", text) is None,
              "%s numbers no slot by hand" % f)
        if re.search(r"store_stmt\(st, S_", text):
            check("STORE_IDS_FIT(" in text, "%s checks its id range" % f)
        check("sqlite3" not in text, "%s is backend-neutral" % f)
    for f in os.listdir(os.path.join(d, "sqlite")):
        check(not f.startswith("store_"),
              "no store file left in the SQLite driver folder: %s" % f)


@test
def every_store_function_is_conformance_tested(s):
    api = set()
    for h in ("store.h", "store_settings.h", "store_siasn.h"):
        api |= set(re.findall(r"\b(store_[a-z0-9_]+)\(",
                              strip_comments(open(os.path.join(
                                  ROOT, "server", "store", h)).read())))
    tested = set()
    for t in ("test_store.c", "test_store_reports.c"):
        tested |= set(re.findall(r"\b(store_[a-z0-9_]+)\(", open(os.path.join(
            ROOT, "tests", "unit", t)).read()))
    missing = sorted(api - tested)
    check(len(api) > 80, "the store API is read (%d functions)" % len(api))
    check(not missing, "store functions without a conformance check: %s" %
          ", ".join(missing))


run()
