#!/usr/bin/env python3
# pg: the build and the sources; no database in its subject (the same run twice)
"""The layers of server/ (docs/ARCHITECTURE.md) hold: an upward #include is
a build error, the CLI binary links no web code, and the grep rules of the
architecture issue stay true. Runs the real build (make) on probe files."""
import os, re, shutil, subprocess, tempfile

from lib import *

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
LAYERS = ["lib", "quiz", "content", "store", "core", "web", "cmd"]
# One public header per layer, used to probe.
HEADER = {"lib": "buf.h", "quiz": "quiz.h", "content": "course.h",
          "store": "store.h", "core": "ledger.h", "web": "http.h",
          "cmd": "cmds.h"}


def probe(layer, header, tmp):
    name = "zz_layer_probe"
    src = os.path.join(ROOT, "server", layer, name + ".c")
    with open(src, "w") as f:
        f.write('#include "%s"\nint zz_layer_probe(void);\n'
                'int zz_layer_probe(void) { return 0; }\n' % header)
    try:
        p = subprocess.run(["make", "-s", "--no-print-directory",
                            "BUILD=" + tmp,
                            "%s/obj/%s/%s.o" % (tmp, layer, name)],
                           cwd=ROOT, capture_output=True, text=True)
    finally:
        os.unlink(src)
    return p.returncode, p.stdout + p.stderr


@test
def upward_includes_fail(s):
    tmp = tempfile.mkdtemp(prefix="lentera-layers-")
    try:
        for i, low in enumerate(LAYERS):
            # Its own and every lower layer's header compile ...
            for ok in LAYERS[:i + 1]:
                if low == "cmd" and ok == "web":
                    continue
                rc, out = probe(low, HEADER[ok], tmp)
                check(rc == 0, "%s may include %s: %s" % (low, HEADER[ok],
                                                          out[-300:]))
            # ... every higher one is a compile error.
            for up in LAYERS[i + 1:]:
                rc, out = probe(low, HEADER[up], tmp)
                check(rc != 0 and "No such file" in out,
                      "%s including %s must fail the build, got rc %d" %
                      (low, HEADER[up], rc))
        # The command layer never sees the web layer either.
        rc, out = probe("cmd", HEADER["web"], tmp)
        check(rc != 0 and "No such file" in out,
              "cmd including http.h must fail the build")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def cli_links_no_web(s):
    cli = os.path.join(ROOT, BUILD, "lentera-cli")
    check(os.path.exists(cli), "make builds %s" % cli)
    syms = subprocess.run(["nm", "--defined-only", "--extern-only", cli], capture_output=True,
                          text=True).stdout
    for s in ["http_start", "record_page", "route_match", "learn_home",
              "mg_start", "auth_login"]:
        check(re.search(r"\b%s\b" % s, syms) is None,
              "lentera-cli must not contain %s" % s)
    libs = subprocess.run(["ldd", cli], capture_output=True, text=True).stdout
    check("civetweb" not in libs, "lentera-cli must not link libcivetweb")
    # And it works: the token job on a fresh database.
    d = tempfile.mkdtemp(prefix="lentera-cli-")
    try:
        db = os.path.join(d, "x.db")
        p = subprocess.run([cli, "token", "create", "--name", "reporting", "--db", db],
                           capture_output=True, text=True)
        check(p.returncode == 0, "lentera-cli token create: " + p.stderr)
        p = subprocess.run([cli, "token", "list", "--db", db],
                           capture_output=True, text=True)
        check(p.returncode == 0 and "reporting" in p.stdout,
              "lentera-cli token list shows the token: " + p.stdout + p.stderr)
        p = subprocess.run([cli, "serve"], capture_output=True, text=True)
        check(p.returncode == 2 and "no web server" in p.stderr,
              "lentera-cli serve refuses: " + p.stderr)
    finally:
        shutil.rmtree(d, ignore_errors=True)


@test
def grep_rules(s):
    def files(sub):
        for dp, _, fs in os.walk(os.path.join(ROOT, "server", sub)):
            for f in fs:
                if f.endswith((".c", ".h")):
                    yield os.path.join(dp, f)
    bad = []
    for f in files(""):
        rel = os.path.relpath(f, os.path.join(ROOT, "server"))
        text = open(f, encoding="utf-8").read()
        if re.search(r"lang\s*==\s*LANG_EN", text) and not rel.startswith("lib/i18n"):
            bad.append(rel + ": inline language choice")
        if "sqlite3" in re.sub(r"/\*.*?\*/", "", text, flags=re.S) and \
                not rel.startswith("store/sqlite/"):
            bad.append(rel + ": sqlite3 outside the SQLite backend")
        if "civetweb.h" in text and not rel.startswith("web/"):
            bad.append(rel + ": civetweb.h outside the web layer")
        # Within web/, only http.c sees CivetWeb; pages use its accessors.
        if rel.startswith("web/") and rel != "web/http.c" and (
                re.search(r"#\s*include\s*<civetweb\.h>", text) or
                re.search(r"\br->(ri|conn)\b", text)):
            bad.append(rel + ": CivetWeb (civetweb.h, r->ri, r->conn) outside http.c")
        # One way to read a number or a date in the web layer: param.h.
        if rel.startswith("web/") and re.search(r"\b(strto[u]?l+|atoi|atol|sscanf)\s*\(",
                                                 re.sub(r"/\*.*?\*/", "", text, flags=re.S)):
            bad.append(rel + ": strtol/atoi/sscanf in the web layer (use param.h)")
    check(not bad, "layer grep rules: " + "; ".join(bad))
    flat = [f for f in os.listdir(os.path.join(ROOT, "server"))
            if f.endswith((".c", ".h"))]
    check(not flat, "every source lives in a layer folder: %s" % flat)


run()
