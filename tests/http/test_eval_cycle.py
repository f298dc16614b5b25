"""Issue 13: the evaluation cycle over HTTP with the test clock. Learners
complete a course and rate it (level 1, once, optional, anonymous in
batches of 5); a trainer sees nothing under 5 answers and never an answer
tied to a learner (pages, XLSX, the schema); three months later (clock
moved) the learner and their atasan answer the follow-up (level 3); the
course page shows gains (level 2), "belum ada data" for level 4 with its
caveat; a module changes and new ratings show per version; a trainer's
note is tied to a version; HR sees coverage and the overdue list."""
import io, os, re, shutil, time, zipfile
from lib import *

FIX = os.path.join(FIXTURES, 'courses-browser', 'kursus-kuis')
COURSE = 'kursus-kuis'
TRAINER = DEMO['trainer']
ATASAN = '197001012000011001'
UNIT = 'Dinas Uji Evaluasi'
LEARNERS = ['19910202201601%d%03d' % (1 + i % 2, i) for i in range(1, 13)]
NAMES = {nip: 'Peserta Eval %02d' % i for i, nip in enumerate(LEARNERS, 1)}

def tree():
    d = copy_tree(FIX)
    shutil.copy(os.path.join(COURSES, 'reaksi.survey'), d)
    p = os.path.join(d, COURSE, 'course.md')
    text = open(p).read().replace('final: quiz-final.lua\n',
        'final: quiz-final.lua\ntrainers: %s\n' % TRAINER[0])
    open(p, 'w').write(text)
    return d

CLOCK = use_test_clock()
T0 = 1767225600 + 30 * 86400     # 31 January 2026 00:00 UTC
set_clock(str(T0))

answers = kursus_kuis_answers

_setup = {}
def people(s):
    """Learners of UNIT whose atasan is ATASAN, with passwords."""
    if _setup:
        return
    people_of(s)
    _setup['ok'] = 1

def people_of(s):
    path = os.path.join(s.tmp, 'roster.csv')
    with open(path, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n')
        f.write('%s,Atasan Evaluasi,%s,Kepala Bidang,IV/a,\n' % (ATASAN, UNIT))
        for nip in LEARNERS:
            f.write('%s,%s,%s,Analis,III/a,%s\n' % (nip, NAMES[nip], UNIT, ATASAN))
    r = s.cli('import-roster', path, '--db', s.db)
    assert r.returncode == 0, r.stdout + r.stderr
    for nip in LEARNERS + [ATASAN]:
        r = s.cli('user', 'reset-password', '--nip', nip, '--db', s.db, stdin=PW + '\n')
        assert r.returncode == 0, r.stdout + r.stderr

def complete(s, nip, skip_pre=False):
    c = s.client()
    c.login(nip, PW)
    tok = c.csrf('/courses/' + COURSE)
    for m in ('01-standar-pelayanan', '02-pengaduan'):
        check(c.post('/courses/%s/%s/done' % (COURSE, m), {'csrf': tok}).status == 303, 'done')
    for quiz in ('quiz-pre.lua', 'quiz-final.lua'):
        if quiz == 'quiz-pre.lua' and skip_pre:
            continue
        r = c.post('/quiz/%s/%s/start' % (COURSE, quiz), {'csrf': tok})
        check(r.status == 303, 'start %s: %d' % (quiz, r.status))
        att = r.header('location')
        form = answers(c.get(att).text) if quiz == 'quiz-final.lua' else {}
        form['csrf'] = tok
        check(c.post(att + '/submit', form).status == 303, 'submit')
    return c, tok

def rate(c, tok, n, text=None):
    form = {'csrf': tok, 'q_materi-relevan': str(n), 'q_materi-jelas': str(n),
            'q_sarana-akses': '4', 'q_metode-bagian': '2'}
    if text:
        form['q_saran-perbaikan'] = text
    return c.post('/evaluasi/reaksi/' + COURSE, form)

def trainer(s):
    t = s.client()
    t.login(*TRAINER)
    return t

def l1_section(page):
    m = re.search(r'<section class="card" id="l1">(.*?)</section>', page, re.S)
    return m.group(1) if m else ''

@test
def instrument_checked_with_file_line(s):
    d = tree()
    r = s.cli('check', d)
    check(r.returncode == 0, 'tree with the default instrument: %s %s' % (r.stdout, r.stderr))
    bad = os.path.join(d, COURSE, 'reaksi.survey')
    with open(bad, 'w') as f:
        f.write('title: Uji\nscale: 1-4\nlabels: a | b | c\n[materi] Materi\n'
                'scale materi-a: Soal\nscale materi-a: Lagi\nchoice x: tanpa opsi\n')
    r = s.cli('check', d)
    out = r.stdout + r.stderr
    check(r.returncode != 0, 'broken override fails check')
    check('reaksi.survey:3: 3 labels for a scale of 1-4' in out, 'labels line: ' + out)
    check('reaksi.survey:6: id "materi-a" used twice' in out, 'duplicate id line: ' + out)
    check('reaksi.survey:7: choice needs' in out, 'choice line: ' + out)
    r = s.cli('check', bad)
    check(r.returncode != 0 and 'reaksi.survey:6:' in r.stdout + r.stderr, 'check one .survey file')
    # Instruments are course files: a link is refused, in a course and at the root.
    os.remove(bad)
    os.symlink(os.path.join(COURSES, 'reaksi.survey'), bad)
    r = s.cli('check', d)
    check(r.returncode != 0 and 'reaksi.survey:1: is a symbolic link' in r.stdout, 'linked course instrument: ' + r.stdout)
    os.remove(bad)
    root = os.path.join(d, 'reaksi.survey')
    os.remove(root)
    os.symlink(os.path.join(COURSES, 'reaksi.survey'), root)
    r = s.cli('check', d)
    check(r.returncode != 0 and 'is a symbolic link' in r.stdout, 'linked default instrument: ' + r.stdout)
    r = s.cli('check', os.path.join(COURSES, 'reaksi.survey'))
    check(r.returncode == 0 and 'instrument OK' in r.stdout, 'the shipped instrument: ' + r.stdout + r.stderr)
    shutil.rmtree(d)

@test
def rating_offered_once_at_completion(s):
    people(s)
    c, tok = complete(s, LEARNERS[0])
    page = c.get('/courses/' + COURSE).text
    check('/evaluasi/reaksi/' + COURSE in page, 'course page offers the rating')
    form = c.get('/evaluasi/reaksi/' + COURSE)
    check(form.status == 200 and 'name="q_materi-relevan"' in form.text, 'form shows the instrument')
    check('Sangat baik' in form.text and 'Sarana' in form.text, 'labels and blocks shown')
    r = c.post('/evaluasi/reaksi/' + COURSE, {'csrf': tok})
    check(r.status == 400, 'nothing answered is refused: %d' % r.status)
    r = c.post('/evaluasi/reaksi/' + COURSE, {'csrf': tok, 'q_materi-relevan': '5'})
    check(r.status == 400, 'a 5 on a 1-4 scale is refused')
    r = rate(c, tok, 3, 'Tambah contoh kasus daerah')
    check(r.status == 303 and r.header('location').endswith('?ok=1'), 'rated: %d' % r.status)
    r = rate(c, tok, 1)
    check(r.status == 303 and 'ok=1' not in r.header('location'), 'second rating refused')
    check(s.sql('SELECT count(*) FROM eval_reaction')[0][0] == 1, 'one answer stored')
    check('/evaluasi/reaksi/' not in c.get('/courses/' + COURSE).text, 'no second offer')
    # Not completed: no rating.
    o = s.client(); o.login(LEARNERS[11], PW)
    check(o.get('/evaluasi/reaksi/' + COURSE).status == 403, 'not completed: 403')

@test
def answers_are_not_tied_to_learners_in_the_schema(s):
    if s.pg:
        cols = [r[0] for r in s.sql("SELECT column_name FROM information_schema.columns"
                                    " WHERE table_schema = 'public' AND table_name IN"
                                    " ('eval_reaction', 'eval_answer')")]
        check('course' in cols and 'qid' in cols, 'columns read: %s' % cols)
    else:
        cols = [r[1] for r in s.sql('PRAGMA table_info(eval_reaction)')]
        cols += [r[1] for r in s.sql('PRAGMA table_info(eval_answer)')]
    # No user, time, unit or year: a small unit's rows would name their learner.
    for bad in ('user_id', 'at', 'created_at', 'responder_id', 'unit', 'year', 'nip'):
        check(bad not in cols, 'answer rows hold no %s: %s' % (bad, cols))

@test
def trainer_sees_nothing_under_five(s):
    t = trainer(s)
    for n, nip in enumerate(LEARNERS[1:4], 2):
        c, tok = complete(s, nip)
        check(rate(c, tok, 4 if n % 2 else 2, 'Saran nomor %d' % n).status == 303, 'rated')
    page = t.get('/evaluasi/kursus/' + COURSE)
    check(page.status == 200, 'evaluation page: %d' % page.status)
    sec = l1_section(page.text)
    check('kelompok 5 jawaban' in sec, 'says why nothing is shown')
    check('Saran nomor' not in page.text and 'Tambah contoh' not in page.text, 'no text under 5')
    check('class="versions"' not in sec, 'no figures under 5')
    x = t.get('/evaluasi/kursus/%s/xlsx' % COURSE)
    check(x.status == 200, 'xlsx: %d' % x.status)
    check(b'Saran nomor' not in xlsx_text(x.body), 'no text in the XLSX under 5')

def xlsx_text(body):
    z = zipfile.ZipFile(io.BytesIO(body))
    return b''.join(z.read(n) for n in z.namelist() if n.endswith('.xml'))

@test
def five_answers_released_together(s):
    t = trainer(s)
    c, tok = complete(s, LEARNERS[4])
    check(rate(c, tok, 4, 'Saran nomor 5').status == 303, 'fifth rating')
    page = t.get('/evaluasi/kursus/' + COURSE).text
    sec = l1_section(page)
    check('class="versions"' in sec, 'figures from 5 answers')
    check(re.search(r'<td class="num">5</td>', sec), 'five answers counted')
    check('Tambah contoh kasus daerah' in sec and 'Saran nomor 5' in sec, 'texts listed')
    for nip in LEARNERS[:5]:
        check(nip not in sec and NAMES[nip] not in sec, 'no learner named in level 1')
    # The texts are sorted, not in order of arrival.
    texts = re.findall(r'<ul class="texts">(.*?)</ul>', sec, re.S)[0]
    items = re.findall(r'<li>(.*?)</li>', texts)
    check(items == sorted(items), 'texts sorted: %s' % items)
    before = sec
    # A sixth answer waits for its batch: what the trainer sees is unchanged.
    c, tok = complete(s, LEARNERS[5])
    check(rate(c, tok, 1, 'Jawaban keenam').status == 303, 'sixth rating')
    sec = l1_section(t.get('/evaluasi/kursus/' + COURSE).text)
    check('Jawaban keenam' not in sec, 'the sixth answer is not shown alone')
    figures = lambda h: h[h.index('<h3>'):]
    check(figures(sec) == figures(before), 'level-1 figures change only by whole batches')
    x = xlsx_text(t.get('/evaluasi/kursus/%s/xlsx' % COURSE).body)
    for nip in LEARNERS[:6]:
        check(nip.encode() not in x and NAMES[nip].encode() not in x, 'no learner in the XLSX')

@test
def level2_gains_only_with_both_tests(s):
    c, tok = complete(s, LEARNERS[6], skip_pre=True)
    t = trainer(s)
    page = t.get('/evaluasi/kursus/' + COURSE).text
    m = re.search(r'<section class="card" id="l2">(.*?)</section>', page, re.S)
    check(m, 'level 2 section')
    l2 = m.group(1)
    check(re.search(r'6 / 7 peserta mengikuti tes awal dan tes akhir', l2), 'both-tests count: ' + l2[:400])
    check('hanya satu tes' in l2, 'a learner without pre-test has no gain')
    check('<svg' in l2, 'SVG distributions')
    check('Gain ternormalisasi' in l2, 'normalised gain')

@test
def followup_three_months_later(s):
    c = s.client(); c.login(LEARNERS[0], PW)
    tok = c.csrf('/evaluasi')
    r = c.get('/evaluasi/tindak-lanjut/' + COURSE)
    check(r.status == 200 and 'dibuka pada' in r.text and 'name="applied"' not in r.text, 'not yet open')
    a = s.client(); a.login(ATASAN, PW)
    r = a.get('/evaluasi/atasan/%s/%s' % (LEARNERS[0], COURSE))
    check('name="change"' not in r.text, 'atasan form not yet open')
    set_clock(str(T0 + 92 * 86400))
    # Three months on, sessions have long expired: everyone logs in again.
    c = s.client(); c.login(LEARNERS[0], PW)
    tok = c.csrf('/evaluasi')
    a = s.client(); a.login(ATASAN, PW)
    home = c.get('/').text
    check('/evaluasi' in home and 'menunggu jawaban' in home, 'reminder on the home page')
    lst = c.get('/evaluasi').text
    check('/evaluasi/tindak-lanjut/' + COURSE in lst, 'follow-up listed for the learner')
    r = c.post('/evaluasi/tindak-lanjut/' + COURSE, {'csrf': tok, 'applied': ''})
    check(r.status == 400, 'applied is required')
    r = c.post('/evaluasi/tindak-lanjut/' + COURSE, {'csrf': tok,
        'applied': 'Saya menata ulang alur pengaduan di loket', 'example': 'Waktu tunggu turun'})
    check(r.status == 303, 'learner follow-up saved: %d' % r.status)
    check('sudah dijawab' in c.get('/evaluasi/tindak-lanjut/' + COURSE).text, 'answered once')
    atok = a.csrf('/evaluasi')
    lst = a.get('/evaluasi').text
    check('/evaluasi/atasan/%s/%s' % (LEARNERS[0], COURSE) in lst, 'atasan sees the team follow-up')
    # Only the atasan on record may answer.
    o = s.client(); o.login(LEARNERS[1], PW)
    otok = o.csrf('/evaluasi')
    r = o.post('/evaluasi/atasan/%s/%s' % (LEARNERS[0], COURSE), {'csrf': otok, 'change': '4'})
    check(r.status == 403, 'someone else is refused: %d' % r.status)
    r = a.post('/evaluasi/atasan/%s/%s' % (LEARNERS[0], COURSE), {'csrf': atok, 'change': '7'})
    check(r.status == 400, 'change must be 1-4')
    r = a.post('/evaluasi/atasan/%s/%s' % (LEARNERS[0], COURSE),
               {'csrf': atok, 'change': '3', 'comment': 'Lebih tertib melayani'})
    check(r.status == 303, 'atasan saved: %d' % r.status)
    t = trainer(s)
    page = t.get('/evaluasi/kursus/' + COURSE).text
    l3 = re.search(r'<section class="card" id="l3">(.*?)</section>', page, re.S).group(1)
    check('Saya menata ulang alur pengaduan' in l3 and 'Lebih tertib melayani' in l3, 'L3 texts')
    check(re.search(r'dijawab atasan: <strong>1</strong>', l3), 'atasan rate')
    check('3,00' in l3, 'mean change 3')
    l4 = re.search(r'<section class="card" id="l4">(.*?)</section>', page, re.S).group(1)
    check('belum ada data' in l4 and 'bukan bukti' in l4, 'L4: no data and the caveat')
    check(UNIT in l4, 'L4 per unit')

@test
def module_change_shows_ratings_per_version(s):
    t = trainer(s)
    v1 = re.search(r'Versi kursus: <code>([0-9a-f]+)</code>', t.get('/evaluasi/kursus/' + COURSE).text).group(1)
    mod = os.path.join(s.courses, COURSE, '02-pengaduan.md')
    with open(mod, 'a') as f:
        f.write('\nTambahan contoh kasus pengaduan dari daerah.\n')
    deadline = time.time() + 10
    v2 = v1
    while v2 == v1 and time.time() < deadline:
        time.sleep(0.3)
        v2 = re.search(r'Versi kursus: <code>([0-9a-f]+)</code>', t.get('/evaluasi/kursus/' + COURSE).text).group(1)
    check(v2 != v1, 'a module change is a new version')
    ttok = t.csrf('/evaluasi/kursus/' + COURSE)
    r = t.post('/evaluasi/kursus/%s/catatan' % COURSE, {'csrf': ttok, 'body': 'Menambah contoh kasus daerah di modul 2'})
    check(r.status == 303, 'note saved: %d' % r.status)
    for nip in LEARNERS[7:12]:
        c, tok = complete(s, nip)
        check(rate(c, tok, 4).status == 303, 'rated v2')
    page = t.get('/evaluasi/kursus/' + COURSE).text
    sec = l1_section(page)
    rows = re.findall(r'<tr><td><code>([0-9a-f]+)</code>', sec)
    check(v1 in rows and v2 in rows, 'both versions in the table: %s' % rows)
    check(re.search(r'<code>%s</code> <span class="tag ok">versi saat ini' % v2, sec), 'current version marked')
    notes = re.search(r'id="catatan">(.*?)</section>', page, re.S).group(1)
    check('<code>%s</code>' % v2 in notes and 'Menambah contoh kasus daerah' in notes, 'note tied to the version')
    x = t.get('/evaluasi/kursus/%s/xlsx' % COURSE)
    check(x.status == 200 and x.header('content-type').startswith('application/vnd.openxmlformats'), 'xlsx type')
    body = xlsx_text(x.body)
    check(v1.encode() in body and v2.encode() in body, 'XLSX holds both versions')
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(x.body))
    ws = wb['Evaluasi']
    hdr = [c.value for c in ws[1]]
    check(hdr[:6] == ['Level', 'Bagian', 'Ukuran', 'Versi kursus', 'Nilai', 'n'], 'xlsx header: %s' % hdr)
    levels = {r[0].value for r in ws.iter_rows(min_row=2)}
    check({1, 2, 3, 4} <= levels, 'XLSX has levels 1-4: %s' % levels)
    l4 = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[0].value == 4]
    check(any(r[1] == UNIT and r[6] == 'belum ada data' for r in l4), 'XLSX level 4 per unit: %s' % l4[:3])
    check(any('bukan bukti' in (r[6] or '') for r in l4), 'XLSX carries the caveat')
    ov = t.get('/evaluasi').text
    check('class="overview"' in ov and 'Pelayanan Publik' in ov, 'trainer overview per course and competency')

@test
def who_may_see(s):
    c = s.client(); c.login(LEARNERS[0], PW)
    check(c.get('/evaluasi/kursus/' + COURSE).status == 403, 'learner: 403')
    check(c.get('/evaluasi/kursus/%s/xlsx' % COURSE).status == 403, 'learner xlsx: 403')
    t = trainer(s)
    check(t.get('/evaluasi/kursus/pelayanan-publik-prima').status == 404, 'unknown course 404')
    h = s.client(); h.login(*DEMO['hr'])
    check(h.get('/evaluasi/kursus/' + COURSE).status == 200, 'HR sees the page')
    check(h.get('/evaluasi/kursus/%s?year=abc' % COURSE).status == 400, 'bad year 400')

@test
def followup_delay_is_configurable_1_to_12(s):
    import subprocess
    for bad in ('0', '13', 'x'):
        r = subprocess.run([BIN, 'serve', '--followup-months', bad, '--port', '1', '--db',
                            os.path.join(s.tmp, 'x.db')], capture_output=True, text=True, timeout=30)
        check(r.returncode == 2 and '--followup-months' in r.stderr, 'refused %s: %d %s' % (bad, r.returncode, r.stderr))
    # One month: the follow-up of a course completed at T0 + 92 days opens a month later.
    o = Server(courses=s.courses, args=CLOCK + ['--followup-months', '1'], tmp=os.path.join(s.tmp, 'one'))
    os.makedirs(o.tmp, exist_ok=True)
    try:
        set_clock(str(T0 + 92 * 86400))
        o.start()
        people_of(o)
        c, tok = complete(o, LEARNERS[0])
        check('dibuka pada' in c.get('/evaluasi/tindak-lanjut/' + COURSE).text, 'not open at once')
        set_clock(str(T0 + 92 * 86400 + 31 * 86400))
        c = o.client(); c.login(LEARNERS[0], PW)
        check('name="applied"' in c.get('/evaluasi/tindak-lanjut/' + COURSE).text, 'open one month later')
    finally:
        o.stop()
        set_clock(str(T0 + 92 * 86400))

@test
def hr_coverage_and_overdue(s):
    h = s.client(); h.login(*DEMO['hr'])
    dash = h.get('/hr?year=2026').text
    m = re.search(r'id="cov-l1">([^<]*)<', dash)
    check(m and m.group(1).strip() != '—', 'L1 coverage figure: %s' % (m and m.group(1)))
    check('id="cov-l3"' in dash, 'L3 coverage figure')
    set_clock(str(T0 + 130 * 86400))
    h = s.client(); h.login(*DEMO['hr'])
    lst = h.get('/evaluasi').text
    over = re.search(r'id="terlambat">(.*?)</section>', lst, re.S).group(1)
    check(NAMES[LEARNERS[1]] in over, 'an unanswered follow-up is overdue for HR')
    check(NAMES[LEARNERS[0]] not in over, 'an answered one is not')


@test
def level4_reads_the_planning_imports(s):
    """Level 4 shows the SKP predikat of the unit's trained people and the
    unit's IKM once HR imported them (planning part A), per year."""
    people(s)
    done = LEARNERS[:3]
    for nip in done:
        c = s.client(); c.login(nip, PW)
        if '/certificate/' + COURSE not in c.get('/record').text:
            complete(s, nip)
    skp = os.path.join(s.tmp, 'skp.csv')
    with open(skp, 'w') as f:
        f.write('nip,tahun,predikat\n')
        f.write('%s,2026,Sangat Baik\n%s,2026,Baik\n%s,2026,Baik\n' % tuple(done))
    r = s.cli('import-plan', 'skp', skp, '--db', s.db)
    check(r.returncode == 0, 'SKP import: ' + r.stdout + r.stderr)
    skm = os.path.join(s.tmp, 'skm.csv')
    with open(skm, 'w') as f:
        f.write('unit_layanan,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\n')
        for _ in range(4):
            f.write(UNIT + ',2026-S1,4,4,4,4,4,4,4,4,4\n')
            f.write(UNIT + ',2026-S2,3,3,3,3,3,3,3,3,3\n')
    r = s.cli('import-plan', 'skm', skm, '--db', s.db)
    check(r.returncode == 0, 'SKM import: ' + r.stdout + r.stderr)
    page = trainer(s).get('/evaluasi/kursus/%s?year=2026' % COURSE).text
    l4 = re.search(r'<section class="card" id="l4">(.*?)</section>', page, re.S).group(1)
    row = re.search(r'<tr><td>%s</td>(.*?)</tr>' % re.escape(UNIT), l4, re.S)
    check(row, 'L4 row for the unit: ' + l4[:500])
    cells = re.findall(r'<td[^>]*>(.*?)</td>', row.group(1), re.S)
    # n, SKP 2025 2026 2027, IKM 2025 2026 2027
    check('Sangat Baik 1' in cells[2] and 'Baik 2' in cells[2], 'SKP 2026: %s' % cells)
    check('belum ada data' in cells[1], 'no SKP in 2025: %s' % cells[1])
    # Both halves pooled: NRR 3.5 per unsur, IKM 3.5 x 25 = 87,50.
    check('87,50' in cells[5], 'IKM 2026 from the year\'s periods: %s' % cells)
    check('belum ada data' in cells[6], 'no IKM in 2027: %s' % cells[6])
    check('bukan bukti' in l4, 'the caveat stays')

if __name__ == "__main__": run(lambda: Server(courses=tree(), args=CLOCK))
