"""The gap summary is rebuilt off the request (gapjob.h): `lentera serve`
runs a worker; a view never rebuilds itself. Nodes sharing a database
rebuild one at a time through the lease row "gap" (agg_lease):

- while another holder has the lease (another node rebuilding), a view
  after a planning change answers at once with the last summary, its age
  and a note that a new one is being computed, and writes nothing;
- when the lease is given back, the worker rebuilds by itself (its poll,
  no view needed), and the next view is current without the note;
- a change made by another process (a CLI roster import) is picked up by
  the worker's poll, with no view at all;
- a small agency's view after a change waits for its rebuild and is
  current at once (the existing behaviour, test_plana_stale.py)."""
import os, tempfile, time
from lib import *

NOTE = 'ringkasan baru sedang dihitung'

def hr(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c

def meta(s):
    return s.sql('SELECT version, built_at, gen FROM plan_gap_meta WHERE id = 1')

def version(s):
    r = s.sql("SELECT (SELECT value FROM counters WHERE name = 'plan_inputs'),"
              " (SELECT value FROM counters WHERE name = 'plan_ledger')")[0]
    return '%d.%d' % r

def gap_log(s):
    # What the server said about the summary: for a failure's message.
    return [l for l in s.logtext().splitlines() if 'gap' in l][-5:]

def wait_current(s, secs=60):
    # Polls: returns as soon as the summary is current. The bound only has to
    # outlast a stalled shared disk (make test runs the PostgreSQL suite's
    # million-row fixture beside this file; one fsync then waits for it).
    t0 = time.time()
    while time.time() - t0 < secs:
        m = meta(s)
        if m and m[0][0] == version(s):
            return time.time() - t0
        time.sleep(0.2)
    return None

def roster(s, position):
    d = tempfile.mkdtemp(prefix='lentera-gapjob-')
    p = os.path.join(d, 'r.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan\n%s,Peserta Gap,Dinas Gap,%s,III/a\n'
                % (DEMO['learner'][0], position))
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode == 0, r.stdout + r.stderr)

@test
def first_view_builds_and_is_current(s):
    c = hr(s)
    r = c.get('/hr/kesenjangan')
    check(r.status == 200 and NOTE not in r.text, 'first view: built for it, no note')
    check(meta(s) and meta(s)[0][0] == version(s), 'summary current after the first view')
    check(s.sql("SELECT holder, until FROM agg_lease WHERE name = 'gap'")[0][1] == 0,
          'the lease was given back')

@test
def another_holder_means_no_rebuild_on_the_request(s):
    c = hr(s)
    c.get('/hr/kesenjangan')
    before = meta(s)
    # Another node holds the lease (it is rebuilding): this node must not.
    s.sql("UPDATE agg_lease SET holder = 'node-b', until = ? WHERE name = 'gap'",
          (int(time.time()) + 10 ** 7,))
    s.sql("UPDATE users SET position = 'Analis Data' WHERE nip = ?", (DEMO['learner'][0],))
    check(version(s) != before[0][0], 'the change bumped the summary inputs')
    t0 = time.time()
    r = c.get('/hr/kesenjangan')
    took = time.time() - t0
    check(r.status == 200 and NOTE in r.text, 'the page says a new summary is coming')
    check('Dihitung ' in r.text, 'and shows the age of the one it shows')
    check(took < 5, 'answered within the wait bound, not a rebuild: %.2f s' % took)
    check(meta(s) == before, 'nothing rebuilt while another node holds the lease')
    # The other node is gone: its lease ends; the worker's poll rebuilds.
    s.sql("UPDATE agg_lease SET until = 0 WHERE name = 'gap'")
    w = wait_current(s)
    check(w is not None, 'the worker rebuilt by itself after the lease ended (lease %r, '
          'meta %r, inputs %s, log %r)' % (s.sql("SELECT holder, until FROM agg_lease"
          " WHERE name = 'gap'"), meta(s), version(s), gap_log(s)))
    check(meta(s)[0][2] > before[0][2], 'a new generation')
    r = c.get('/hr/kesenjangan')
    check(NOTE not in r.text, 'current again: no note')

@test
def another_process_change_is_picked_up_without_a_view(s):
    hr(s).get('/hr/kesenjangan')
    before = meta(s)
    roster(s, 'Pengelola Gap %d' % int(time.time()))
    check(version(s) != before[0][0], 'the CLI import bumped the inputs')
    w = wait_current(s)
    check(w is not None, 'rebuilt by the worker with no view (%s; meta %r, inputs %s, log %r)'
          % (w, meta(s), version(s), gap_log(s)))

run(lambda: Server(args=use_test_clock()))
