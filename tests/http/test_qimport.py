"""`lentera import-questions` (issue 14 item 4): a Moodle question bank in
GIFT and in Moodle XML, with every supported type, becomes a quiz file that
`lentera check`'s engine accepts, is served by the real server and scores
100 % for a learner who answers right; what cannot be converted is named
with its source line; bad input gets a clear error and no half file.
Fixtures: tests/fixtures/qimport/bank.gift and bank.xml (written from the
published format descriptions).
"""
import html, re, tempfile
from lib import *

SRC = os.path.join(FIXTURES, 'qimport')
TREE = tempfile.mkdtemp(prefix='lentera-qimport-')
OUT = {}

def course(cid, quiz):
    d = os.path.join(TREE, cid)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'course.md'), 'w', encoding='utf-8') as f:
        f.write('---\nid: %s\ntitle: Impor %s\nsummary: Kuis hasil impor dari Moodle.\n'
                'competency: Pelayanan Publik\ncompetency_type: manajerial\nlevel: 1\njp: 1\n'
                'final: %s\n---\n\n# Impor\n' % (cid, cid, quiz))
    with open(os.path.join(d, '01-bacaan.md'), 'w', encoding='utf-8') as f:
        f.write('---\ntitle: Bacaan\n---\n\nBacaan singkat.\n')
    return d

def importq(*args):
    return subprocess.run([BIN, 'import-questions'] + list(args), capture_output=True,
                          text=True, cwd=ROOT, timeout=60)

# The import runs before the server starts: the server serves its output.
for fmt, name, cid in (('gift', 'bank.gift', 'impor-gift'), ('moodle-xml', 'bank.xml', 'impor-xml')):
    d = course(cid, 'quiz-final.lua')
    OUT[fmt] = (importq(os.path.join(SRC, name), '--format', fmt, '--out',
                        os.path.join(d, 'quiz-final.lua'), '--title', 'Impor ' + fmt), d)

def paper(c, aid):
    r = c.get('/attempt/%d' % aid)
    check(r.status == 200, 'attempt page %d' % r.status)
    qs = {}
    for sec in re.findall(r'<section class="question".*?</section>', r.text, re.S):
        m = re.search(r'name="q_([A-Za-z0-9._-]+?)(?:_\d+)?"', sec)
        check(m, 'question without input: ' + sec[:200])
        qs[m.group(1)] = {
            'choices': {html.unescape(lab): v for v, lab in re.findall(
                r'<input type="(?:radio|checkbox)" name="q_[^"]*" value="([^"]*)"[^>]*> <span>(.*?)</span>', sec)},
            'selects': [(html.unescape(lab), name, {html.unescape(t): v for v, t in re.findall(
                r'<option value="([^"]+)"[^>]*>([^<]*)</option>', opts)})
                for lab, name, opts in re.findall(
                    r'<span>([^<]*)</span><select name="([^"]*)">(.*?)</select>', sec, re.S)]}
    return qs

def take(s, cid, right):
    """A fresh learner answers the imported final; returns (percent, passed)."""
    nip = '199303032017031%03d' % (len(s.sql('SELECT id FROM users')) + 100)
    p = s.cli('user', 'add', '--nip', nip, '--name', 'Peserta Impor', '--role', 'learner',
              '--db', s.db, stdin=PW + '\n')
    check(p.returncode == 0, 'user add: ' + p.stderr)
    c = s.client()
    c.login(nip, PW)
    quiz = '/quiz/%s/quiz-final.lua' % cid
    r = c.post(quiz + '/start', {'csrf': c.csrf(quiz)})
    check(r.status == 303, 'start %s: %d %s' % (quiz, r.status, r.text[:300]))
    aid = int(re.fullmatch(r'/attempt/(\d+)', r.header('location')).group(1))
    qs = paper(c, aid)
    form = [('csrf', c.csrf('/attempt/%d' % aid))]
    for qid, ans in right.items():
        check(qid in qs, 'question %s on the paper (have %s)' % (qid, sorted(qs)))
        if isinstance(ans, dict):
            for left, name, opts in qs[qid]['selects']:
                form.append((name, opts[ans[left]]))
        elif isinstance(ans, (list, tuple)):
            for a in ans:
                form.append(('q_' + qid, qs[qid]['choices'][a]))
        elif ans in qs[qid]['choices']:
            form.append(('q_' + qid, qs[qid]['choices'][ans]))
        else:
            form.append(('q_' + qid, ans))
    r = c.post('/attempt/%d/submit' % aid, form)
    check(r.status == 303, 'submit %d %s' % (r.status, r.text[:200]))
    return s.sql('SELECT percent, passed FROM attempts WHERE id = ?', (aid,))[0]

GIFT_RIGHT = {
    'pengawas-pelayanan': 'Ombudsman RI',
    'asas-pelayanan': ['Kepastian hukum', 'Keterbukaan', 'Kecepatan'],
    'maklumat': 'true',
    'singkatan-pengawas': 'ori',
    'anggaran': '14',
    'rentang-skm': '82',
    'pasangan-singkatan': {'SKM': 'Survei Kepuasan Masyarakat', 'SPM': 'Standar Pelayanan Minimal',
                           'SOP': 'Standar Operasional Prosedur'},
    'kata-hilang': 'SP4N-LAPOR!',
    'tanda-khusus': '4',
}
XML_RIGHT = {
    'nilai-dasar-asn': '2021',
    'unsur-berakhlak': ['Berorientasi Pelayanan', 'Akuntabel'],
    'gratifikasi': 'true',
    'lembaga-antikorupsi': 'KPK',
    'batas-lapor': '30',
    'pasangan-nilai': {'Akuntabel': 'Bertanggung jawab atas kepercayaan',
                       'Kompeten': 'Terus belajar dan mengembangkan kapabilitas',
                       'Harmonis': 'Saling peduli dan menghargai perbedaan'},
}

@test
def gift_converts_every_supported_type(s):
    p, d = OUT['gift']
    check(p.returncode == 0, 'import gift rc %d: %s' % (p.returncode, p.stderr))
    check('9 soal ditulis' in p.stdout and '2 dilewati' in p.stdout, p.stdout)
    lua = open(os.path.join(d, 'quiz-final.lua'), encoding='utf-8').read()
    for kw in ('single {', 'multiple {', 'true_false {', 'short {', 'numeric {', 'matching {'):
        check(kw in lua, '%s in the quiz file' % kw)
    check('_____' in lua, 'missing-word question keeps its blank')

@test
def gift_names_what_it_skipped_by_line(s):
    err = OUT['gift'][0].stderr
    check('bank.gift:37: lewati soal Esai' in err, 'essay named at its line: ' + err)
    check('bank.gift:39: lewati' in err and 'deskripsi' in err, 'description named: ' + err)
    check('bank.gift:12:' in err and 'asas-pelayanan' in err,
          'the changed scoring rule of a multiple-answer question is noted: ' + err)

@test
def moodle_xml_converts_every_supported_type(s):
    p, d = OUT['moodle-xml']
    check(p.returncode == 0, 'import xml rc %d: %s' % (p.returncode, p.stderr))
    check('6 soal ditulis' in p.stdout and '2 dilewati' in p.stdout, p.stdout)
    err = p.stderr
    check('bank.xml:51:' in err and 'essay' in err, 'essay named at its line: ' + err)
    check('bank.xml:55:' in err and 'description' in err, 'description named: ' + err)
    check('bank.xml:32:' in err and 'Komisi' in err, 'dropped partial short answer noted: ' + err)
    lua = open(os.path.join(d, 'quiz-final.lua'), encoding='utf-8').read()
    check('**BerAKHLAK**' in lua and '<p>' not in lua, 'HTML text became Markdown')
    check('points = 2' in lua, 'defaultgrade kept as points')
    check('- *2019*: Terlalu awal.' in lua, 'per-choice feedback carried in the feedback')

@test
def imported_quizzes_serve_and_score_full_marks(s):
    for cid, right in (('impor-gift', GIFT_RIGHT), ('impor-xml', XML_RIGHT)):
        pct, passed = take(s, cid, right)
        check(pct == 100 and passed == 1, '%s: right answers score %s (passed %s)' % (cid, pct, passed))

@test
def imported_quizzes_fail_wrong_answers(s):
    pct, passed = take(s, 'impor-gift', {'pengawas-pelayanan': 'Komisi Pemberantasan Korupsi',
                                          'maklumat': 'false', 'anggaran': '15'})
    check(pct == 0 and passed == 0, 'wrong answers: %s' % pct)

@test
def check_accepts_the_course_tree(s):
    p = s.cli('check', TREE)
    check(p.returncode == 0, 'check of the imported courses: %s %s' % (p.stdout, p.stderr))

def bad(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, 'wb') as f:
        f.write(data)
    return path

@test
def bad_input_gets_a_clear_error_and_no_file(s):
    tmp = tempfile.mkdtemp(prefix='lentera-qimport-bad-')
    out = os.path.join(tmp, 'q.lua')
    p = importq(bad(tmp, 'latin1.gift', b'// x\n\nPilih {=a ~b}\n\nCaf\xe9 {=ya ~tidak}\n'),
                '--format', 'gift', '--out', out)
    check(p.returncode == 1 and 'latin1.gift:5: bukan UTF-8' in p.stderr, p.stderr)
    check(not os.path.exists(out), 'no file written')
    p = importq(bad(tmp, 'rusak.xml', b'<quiz>\n<question type="truefalse">\n<name></quiz>\n'),
                '--format', 'moodle-xml', '--out', out)
    check(p.returncode == 1 and 'rusak.xml:3: XML rusak' in p.stderr, p.stderr)
    check(not os.path.exists(out), 'no file for broken XML')
    p = importq(bad(tmp, 'bom.xml', b'<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY a "aaaa">]>\n'
                    b'<quiz><question type="truefalse"><questiontext><text>&a;</text>'
                    b'</questiontext></question></quiz>'), '--format', 'moodle-xml', '--out', out)
    check(p.returncode == 1 and 'bom.xml:2: DOCTYPE' in p.stderr, p.stderr)
    p = importq(bad(tmp, 'kosong.gift', b'// hanya komentar\n\nDeskripsi saja.\n'),
                '--format', 'gift', '--out', out)
    check(p.returncode == 1 and 'tidak ada soal' in p.stderr, p.stderr)
    check(not os.path.exists(out), 'no file when nothing converts')
    ok = bad(tmp, 'ok.gift', b'Lembaga pengawas?{=Ombudsman ~BPK}\n')
    check(importq(ok, '--format', 'gift', '--out', out).returncode == 0, 'first write')
    p = importq(ok, '--format', 'gift', '--out', out)
    check(p.returncode == 1 and 'sudah ada' in p.stderr, 'refuses to overwrite: ' + p.stderr)
    check(importq(ok, '--format', 'gift', '--out', out, '--force').returncode == 0, '--force')
    check(importq(ok, '--format', 'aiken', '--out', out).returncode == 2, 'unknown format: 2')
    check(importq(ok, '--out', out).returncode == 2, 'missing --format: 2')
    check(importq(ok, '--format', 'gift', '--out', out, '--frobnicate').returncode == 2,
          'unknown flag: 2')
    p = importq(os.path.join(tmp, 'tidak-ada.gift'), '--format', 'gift', '--out', out)
    check(p.returncode == 1 and 'tidak-ada.gift' in p.stderr, p.stderr)
    shutil.rmtree(tmp, ignore_errors=True)

run(lambda: Server(courses=TREE))
shutil.rmtree(TREE, ignore_errors=True)
