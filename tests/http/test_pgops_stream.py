"""The db.h statement contract on PostgreSQL's streaming reads: runs the
unit test tests/unit/test_db_stream.c (interleaved statements, a write
between a read's rows, reads reset half-way in and out of a transaction,
an error after rows) against a fresh database of a throw-away cluster
(scripts/pg.sh); the unit suite runs it on SQLite. Its PASS/FAIL lines
are this file's, prefixed pg:.
"""
import os, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
from lib import ROOT, BUILD, PG_BASE, pg_fresh_db
from pglib import Cluster
import tempfile

def main():
    exe = os.path.join(ROOT, BUILD, 'unit', 'test_db_stream')
    if not os.path.exists(exe):
        print('FAIL test_pgops_stream: %s missing (make units)' % exe)
        return 1
    try:
        url = (pg_fresh_db(tempfile.mkdtemp(prefix='lentera-dbstream-')) if PG_BASE
               else Cluster.shared().fresh_db('dbstream'))
    except Exception as e:
        print('FAIL test_pgops_stream: cluster: %s' % str(e)[:500].replace('\n', ' '))
        return 1
    r = subprocess.run([exe], env=dict(os.environ, LENTERA_TEST_DB=url),
                       capture_output=True, text=True, timeout=300)
    lines = [l for l in r.stdout.splitlines() if l.startswith(('PASS ', 'FAIL '))]
    for l in lines:
        print(l[:5] + 'pg: ' + l[5:])
    if not lines or r.returncode != 0 and not any(l.startswith('FAIL') for l in lines):
        print('FAIL test_pgops_stream: exit %d: %s' % (r.returncode, r.stderr[-500:]))
        return 1
    return 0 if r.returncode == 0 else 1

if __name__ == '__main__':
    sys.exit(main())
