"""Hostile quiz files against the real server (issue 8 A): no quiz can stop,
crash or slow the server, at cold start, on hot reload, or when learners
start and submit; `lentera check` and the server agree on what is served.

Fixtures: tests/fixtures/courses-sandbox (served; hostile only at run time)
and tests/fixtures/courses-sandbox-load (rejected at load; see README.txt).
"""
import os, re, shutil, subprocess, sys, time
sys.path.insert(0, os.path.dirname(__file__))
from lib import Server, BIN, ROOT, FIXTURES, PW, test, run, check, copy_tree

SERVED = os.path.join(FIXTURES, 'courses-sandbox')
LOAD = os.path.join(FIXTURES, 'courses-sandbox-load')
HOSTILE = sorted(d for d in os.listdir(LOAD) if d.startswith('jahat-'))
WRAP = bool(os.environ.get('LENTERA_WRAP'))
SLOW = 20 if WRAP else 1
TREE = copy_tree(*[os.path.join(SERVED, d) for d in sorted(os.listdir(SERVED))
                   if os.path.isdir(os.path.join(SERVED, d))])
_nips = iter(range(100, 1000))

def learner(s):
    nip = '199001012015012%03d' % next(_nips)
    p = s.cli('user', 'add', '--nip', nip, '--name', 'Peserta ' + nip[-3:],
              '--role', 'learner', '--db', s.db, stdin=PW + '\n')
    check(p.returncode == 0, 'user add: ' + p.stderr)
    c = s.client()
    c.login(nip, PW)
    return c

def cpu_seconds(pid):
    """utime + stime of the whole process (every thread), in seconds."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

def rss_mb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return 0

def idle(s, what, window=1.5):
    """No thread left spinning: the process uses little CPU while idle."""
    check(s.proc.poll() is None, '%s: server died (%s)' % (what, s.proc.returncode))
    a = cpu_seconds(s.proc.pid)
    time.sleep(window)
    used = cpu_seconds(s.proc.pid) - a
    check(used < 0.4 * window, '%s: %.2f s of CPU in %.1f s idle (a thread spins)' %
          (what, used, window))

def healthy(s, what):
    t0 = time.time()
    r = s.client().get('/healthz')
    check(r.status == 200 and time.time() - t0 < 2 * SLOW, '%s: /healthz %d in %.2fs' %
          (what, r.status, time.time() - t0))

_viewers = {}
def status_of(s, path):
    """Status of path for a logged-in learner of server s."""
    if s.port not in _viewers:
        _viewers[s.port] = learner(s)
    return _viewers[s.port].get(path).status

def wait_for(fn, secs):
    t0 = time.time()
    while time.time() - t0 < secs:
        if fn():
            return True
        time.sleep(0.1)
    return fn()

def lentera_check(tree):
    p = subprocess.run([BIN, 'check', tree], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    return p.returncode, p.stdout

# ------------------------------------------------------------- run time

@test
def generate_xpcall_handler_start_fails_and_frees_the_core(s):
    quiz = '/quiz/kuis-xpcall/quiz-final.lua'
    for i in range(3):
        c = learner(s)
        t0 = time.time()
        r = c.post(quiz + '/start', {'csrf': c.csrf(quiz)})
        check(r.status >= 500 and r.status != 504, 'start %d: %d' % (i, r.status))
        check(time.time() - t0 < 5 * SLOW, 'start %d took %.1fs' % (i, time.time() - t0))
    check(s.sql("SELECT count(*) FROM attempts WHERE course = 'kuis-xpcall'"
                " AND quiz = 'quiz-final.lua'")[0][0] == 0, 'no attempt stored')
    check("question 'g-xpcall' (seed " in s.logtext(), 'log names question and seed')
    healthy(s, 'after starts')
    idle(s, 'after three starts')

@test
def score_xpcall_handler_submit_fails_and_frees_the_core(s):
    quiz = '/quiz/kuis-xpcall/quiz-modul.lua'
    c = learner(s)
    r = c.post(quiz + '/start', {'csrf': c.csrf(quiz)})
    check(r.status == 303, 'start %d %s' % (r.status, r.text[:200]))
    aid = int(re.fullmatch(r'/attempt/(\d+)', r.header('location')).group(1))
    page = c.get('/attempt/%d' % aid).text
    # The third choice (C): the one check never sends.
    vals = re.findall(r'name="q_s" value="(\d+)"[^>]*> <span>(.*?)</span>', page)
    pick = [v for v, lab in vals if lab == 'C']
    check(pick, 'choice C on the paper: %s' % vals)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    t0 = time.time()
    r = c.post('/attempt/%d/submit' % aid, [('q_s', pick[0]), ('csrf', csrf)])
    check(r.status >= 500 and r.status != 504, 'submit: %d' % r.status)
    check(time.time() - t0 < 5 * SLOW, 'submit took %.1fs' % (time.time() - t0))
    check(s.sql('SELECT submitted_at FROM attempts WHERE id = ?', (aid,))[0][0] is None,
          'not graded')
    check("question 's' (seed " in s.logtext() and 'score() failed' in s.logtext(),
          'log names question, seed and score()')
    healthy(s, 'after submit')
    idle(s, 'after the hostile submit')

@test
def clean_course_serves_next_to_hostile_ones(s):
    c = learner(s)
    check(c.get('/courses/kuis-aman').status == 200, 'kuis-aman served')
    quiz = '/quiz/kuis-aman/quiz-final.lua'
    r = c.post(quiz + '/start', {'csrf': c.csrf(quiz)})
    check(r.status == 303, 'start kuis-aman: %d' % r.status)
    page = c.get(r.header('location')).text
    check(re.search(r'Uang harian Rp 430\.000 selama [2-5] hari', page), 'rupiah() in text')
    check('Tulis 2,5 sebagai angka' in page, 'desimal() in text')
    snap = s.sql("SELECT length(snapshot) FROM attempts WHERE course = 'kuis-aman'")[0][0]
    check(0 < snap <= 1 << 20, 'snapshot row %d bytes (limit 1 MiB)' % snap)

# ------------------------------------------------------------- hot reload

@test
def hot_reload_of_each_hostile_quiz(s):
    """Each hostile course copied into the live tree: the server keeps
    serving, skips it (dalam-if190 is legal and is served), and comes back
    to idle; memory stays bounded."""
    base_rss = rss_mb(s.proc.pid)
    for name in ['dalam-if190'] + HOSTILE:
        tmp = os.path.join(TREE, '.tmp-' + name)
        shutil.copytree(os.path.join(LOAD, name), tmp)
        os.rename(tmp, os.path.join(TREE, name))
        want = 200 if name == 'dalam-if190' else 404
        # The reload starts on a request at most 1 s after the change.
        time.sleep(1.1)
        skipped = r'course skipped: %s: \S+/%s/' % (name, name)
        if want == 200:
            ok = wait_for(lambda: status_of(s, '/courses/' + name) == 200, 8 * SLOW)
        else:
            # Not served before either: wait for the reload's verdict.
            ok = wait_for(lambda: status_of(s, '/courses') and re.search(skipped, s.logtext()),
                          8 * SLOW)
        check(s.proc.poll() is None, '%s: server died (exit %s): %s' %
              (name, s.proc.returncode, s.logtext()[-400:]))
        check(ok, '%s: not %s' % (name, 'served' if want == 200 else 'skipped with its path'))
        check(status_of(s, '/courses/' + name) == want, '%s: /courses/%s is not %d' %
              (name, name, want))
        healthy(s, name)
        check(status_of(s, '/courses/kuis-aman') == 200, '%s: kuis-aman still served' % name)
    idle(s, 'after every reload')
    grown = rss_mb(s.proc.pid) - base_rss
    check(grown < 150, 'RSS grew %.0f MB over the reloads' % grown)
    # An edit elsewhere does not load the unchanged hostile files again
    # (jahat-lambat alone costs about 1 s of CPU to reject).
    a = cpu_seconds(s.proc.pid)
    cm = os.path.join(TREE, 'kuis-aman', 'course.md')
    with open(cm) as f:
        text = f.read()
    with open(cm, 'w') as f:
        f.write(text.replace('title: Kuis Aman', 'title: Kuis Aman Disunting', 1))
    time.sleep(1.1)
    ok = wait_for(lambda: 'Kuis Aman Disunting' in _viewers[s.port].get('/courses').text, 8 * SLOW)
    used = cpu_seconds(s.proc.pid) - a
    check(ok, 'the edit of kuis-aman is not served')
    check(used < 0.6, 'a reload after an unrelated edit cost %.2f s of CPU' % used)

# ------------------------------------------------------------- cold start, check

@test
def cold_start_with_every_hostile_quiz(s):
    other = Server(courses=LOAD)
    try:
        t0 = time.time()
        other.start()                     # raises when it never listens
        check(time.time() - t0 < 15, 'started in %.1fs' % (time.time() - t0))
        for name in HOSTILE:
            check(status_of(other, '/courses/' + name) == 404, name + ' served')
        check(status_of(other, '/courses/dalam-if190') == 200, 'dalam-if190 not served')
        idle(other, 'cold start')
    finally:
        other.stop()
        other.cleanup()

@test
def check_rejects_exactly_what_the_server_skips(s):
    rc, out = lentera_check(LOAD)
    check(rc == 1, 'check rc %d' % rc)
    for name in HOSTILE:
        check(re.search(r'^%s/%s/quiz-final\.lua(:\d+)?: ' % (re.escape(LOAD), name), out, re.M),
              'check does not report %s: %s' % (name, out[-600:]))
    check('dalam-if190' not in out, 'dalam-if190 reported: ' + out)
    # Line numbers and seeds where Lua gives them.
    for name, want in (('jahat-xpcall', 'quiz-final.lua:3: script ran too long'),
                       ('jahat-skor-galat', "quiz-final.lua:3: question 'a' (seed 1): score() failed: boom"),
                       ('jahat-generate-xpcall', "question 'g' (seed 1): generate() failed"),
                       ('jahat-amplifikasi', "quiz-final.lua:4: question 'q1': the question's texts "
                                            "together are longer than 64 KiB"),
                       ('jahat-tujuh', "question 'g' (seed 1) cannot be answered correctly: "
                                       "the answer 1.5714285714285714 cannot be typed")):
        check(want in out, '%s: %r not in check output' % (name, want))
    rc, out = lentera_check(SERVED)
    check(rc == 0, 'served fixtures fail check: ' + out)

if __name__ == "__main__":
    run(lambda: Server(courses=TREE))
