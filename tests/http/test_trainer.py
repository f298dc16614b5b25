"""The trainer's quiz results over HTTP (issue 9 item 8): questions by
their text, distractor analysis from what learners really picked, the pass
mark on the histogram, a warning when Cronbach's alpha rests on too few
items or people, and who attempted (HR, admin and the trainers a course
names; other trainers see aggregates only).
Fixture: a copy of tests/fixtures/courses-quiz whose kuis-uji names the
demo trainer in `trainers:`.
"""
import html, re, subprocess, tempfile
from lib import *

TREE = tempfile.mkdtemp(prefix='lentera-trainer-courses-')
shutil.copytree(os.path.join(FIXTURES, 'courses-quiz'), TREE, dirs_exist_ok=True)
_cm = os.path.join(TREE, 'kuis-uji', 'course.md')
with open(_cm, encoding='utf-8') as f:
    _text = f.read()
with open(_cm, 'w', encoding='utf-8') as f:
    f.write(_text.replace('final: quiz-final.lua\n',
                          'final: quiz-final.lua\ntrainers: %s\n' % DEMO['trainer'][0], 1))

FINAL = '/quiz/kuis-uji/quiz-final.lua'
STATS = '/trainer/kuis-uji/quiz-final.lua'
LEMBAGA_TEXT = 'Lembaga pengawas pelayanan publik adalah ...'
RIGHT, WRONG = 'Ombudsman RI', 'Badan Pemeriksa Keuangan'
_nips = iter(range(700, 999))
people = []

def account(s, role='learner'):
    nip = '199202022016021%03d' % next(_nips)
    p = s.cli('user', 'add', '--nip', nip, '--name', 'Uji ' + nip[-3:],
              '--role', role, '--db', s.db, stdin=PW + '\n')
    check(p.returncode == 0, 'user add: ' + p.stderr)
    c = s.client()
    c.login(nip, PW)
    c.nip = nip
    return c

def take(c, pick):
    """Start the final and submit with q-lembaga answered by its text
    (or left blank with None); every other question is left blank."""
    r = c.post(FINAL + '/start', {'csrf': c.csrf(FINAL)})
    check(r.status == 303, 'start: %d %s' % (r.status, r.text[:200]))
    aid = int(re.fullmatch(r'/attempt/(\d+)', r.header('location')).group(1))
    page = c.get('/attempt/%d' % aid).text
    form = [('csrf', c.csrf('/attempt/%d' % aid))]
    if pick is not None:
        choices = {html.unescape(lab): v for v, lab in re.findall(
            r'<input type="radio" name="q_q-lembaga" value="([^"]*)"[^>]*> <span>(.*?)</span>',
            page)}
        check(pick in choices, 'choice %r on the paper: %r' % (pick, choices))
        form.append(('q_q-lembaga', choices[pick]))
    r = c.post('/attempt/%d/submit' % aid, form)
    check(r.status == 303, 'submit: %d %s' % (r.status, r.text[:200]))

def staff(s, role):
    c = s.client()
    c.login(*DEMO[role])
    return c

def distractor_rows(text, qtext):
    """{choice label: picks} of the distractor card for a question."""
    cards = re.findall(r'<section class="card distractor">(.*?)</section>', text, re.S)
    for card in cards:
        if html.escape(qtext, quote=True) in card or qtext in html.unescape(card):
            rows = {}
            for cell, n in re.findall(r'<tr><td>(.*?)</td><td>(\d+)</td>', card, re.S):
                rows[html.unescape(re.sub(r'<[^>]+>', '', cell)).strip()] = (int(n), cell)
            return rows
    raise AssertionError('no distractor card for %r' % qtext)

@test
def learners_take_the_final(s):
    for pick in (RIGHT, RIGHT, WRONG, None):
        c = account(s)
        take(c, pick)
        people.append(c.nip)

@test
def hr_sees_statistics(s):
    r = staff(s, 'hr').get(STATS)
    check(r.status == 200, 'HR may read quiz statistics: %d' % r.status)

@test
def questions_by_text(s):
    r = staff(s, 'hr').get(STATS)
    check(LEMBAGA_TEXT.replace('...', '') in html.unescape(r.text),
          'the item table names the question by its text')
    check('q-lembaga' in r.text, 'and keeps its id')

@test
def distractor_counts_are_what_was_picked(s):
    r = staff(s, 'hr').get(STATS)
    rows = distractor_rows(r.text, LEMBAGA_TEXT)
    right = [k for k in rows if k.startswith(RIGHT)]
    check(right and rows[right[0]][0] == 2, 'right choice picked twice: %r' % rows)
    check('kunci' in rows[right[0]][1], 'the key is marked: %r' % rows[right[0]][1])
    wrong = [k for k in rows if k.startswith(WRONG)]
    check(wrong and rows[wrong[0]][0] == 1, 'wrong choice picked once: %r' % rows)
    check('kunci' not in rows[wrong[0]][1], 'a distractor is not the key')
    blank = [k for k in rows if k.startswith('Tidak dijawab')]
    check(blank and rows[blank[0]][0] == 1, 'one blank: %r' % rows)

@test
def pass_mark_on_histogram(s):
    r = staff(s, 'hr').get(STATS)
    svg = re.search(r'<svg class="chart".*?</svg>', r.text, re.S)
    check(svg, 'histogram present')
    m = re.search(r'<line class="passline" x1="(\d+)"', svg.group(0))
    check(m, 'pass-mark line on the histogram')
    check(int(m.group(1)) == 10 + 60 * 32 // 10, 'line at 60: x=%s' % m.group(1))
    check('Batas lulus 60' in svg.group(0), 'labelled with the pass mark')

@test
def alpha_warning_with_few_people(s):
    r = staff(s, 'hr').get(STATS)
    alpha = re.search(r'Cronbach α: <strong>([^<]*)</strong>', r.text)
    check(alpha and alpha.group(1) != '–', 'alpha computed on this data set')
    check('belum stabil' in r.text and 'bertumpu pada 8 soal dan 4 peserta' in r.text,
          'alpha on 4 people warns, with the numbers it rests on')

@test
def hr_and_named_trainer_see_people(s):
    for role in ('hr', 'admin', 'trainer'):
        r = staff(s, role).get(STATS)
        for nip in people[:3]:
            check(nip in r.text, '%s sees %s in the people list' % (role, nip))
        m = re.search(r'<table class="people">.*?</table>', r.text, re.S)
        check(m, '%s: people table' % role)
        row = re.search(r'<tr><td>Uji %s</td>.*?</tr>' % people[0][-3:], m.group(0), re.S)
        check(row and '>1<' in row.group(0), 'attempt count in the row')

@test
def other_trainer_sees_no_names(s):
    c = account(s, 'trainer')
    r = c.get(STATS)
    check(r.status == 200, 'any trainer sees aggregates: %d' % r.status)
    for nip in people:
        check(nip not in r.text, 'an unlisted trainer must not see %s' % nip)
    check('class="people"' not in r.text, 'no people table')
    check('hanya terlihat oleh pengajar' in r.text, 'says why')
    for path in (STATS + '/csv', STATS + '/distractors.csv'):
        r = c.get(path)
        check(r.status == 200, '%s %d' % (path, r.status))
        for nip in people:
            check(nip not in r.text, 'nor in %s' % path)

@test
def learner_cannot_read_statistics(s):
    c = account(s)
    check(c.get(STATS).status == 403, 'learner gets 403')

@test
def csv_carries_text_and_distractors(s):
    import csv, io
    hr = staff(s, 'hr')
    r = hr.get(STATS + '/csv')
    check(r.status == 200, 'csv %d' % r.status)
    rows = list(csv.reader(io.StringIO(r.text)))
    check(rows[0][:5] == ['soal', 'jumlah_peserta', 'indeks_kesukaran',
                          'indeks_daya_beda', 'teks_soal'],
          'header grows, never changes: %s' % rows[0])
    lem = [x for x in rows if x and x[0] == 'q-lembaga']
    check(lem and lem[0][4] == LEMBAGA_TEXT, 'question text in the item CSV: %s' % lem)
    check(('/distractors.csv"') in hr.get(STATS).text, 'page links the distractor CSV')
    r = hr.get(STATS + '/distractors.csv')
    check(r.status == 200 and r.header('content-type').startswith('text/csv'),
          'distractors csv %d' % r.status)
    rows = list(csv.reader(io.StringIO(r.text)))
    check(rows[0] == ['soal', 'pilihan', 'dipilih', 'dipilih_dan_benar',
                      'percobaan_dihitung'], 'header: %s' % rows[0])
    got = {(x[1]): x[2:] for x in rows[1:] if x[0] == 'q-lembaga'}
    check(got.get(RIGHT) == ['2', '2', '4'], 'key: 2 picks, 2 right of 4: %s' % got)
    check(got.get(WRONG) == ['1', '0', '4'], 'distractor: 1 pick: %s' % got)
    check(got.get('') == ['1', '0', '4'], 'one blank: %s' % got)

@test
def check_rejects_bad_trainers_field(s):
    tree = tempfile.mkdtemp(prefix='lentera-trainer-bad-')
    shutil.copytree(os.path.join(TREE, 'kuis-uji'), os.path.join(tree, 'kuis-uji'))
    cm = os.path.join(tree, 'kuis-uji', 'course.md')
    with open(cm, encoding='utf-8') as f:
        lines = f.read().split('\n')
    n = next(i for i, l in enumerate(lines) if l.startswith('trainers:'))
    lines[n] = 'trainers: 1985, budi'
    with open(cm, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    p = s.cli('check', tree)
    check(p.returncode != 0, 'check fails')
    check('course.md:%d:' % (n + 1) in p.stdout + p.stderr and 'trainers' in p.stdout + p.stderr,
          'file:line names trainers: %s' % (p.stdout + p.stderr)[-400:])
    shutil.rmtree(tree, ignore_errors=True)

run(lambda: Server(courses=TREE))
shutil.rmtree(TREE, ignore_errors=True)
