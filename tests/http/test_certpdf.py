"""The certificate as an official PDF, end to end: the admin configures
agency, logo and signatory at /admin/settings (multipart, CSRF, audit,
bad input refused); a learner completes a course and downloads the PDF
from the certificate page's "Unduh PDF" link; poppler's pdftotext reads
every fact back, pdffonts shows embedded fonts, pdftoppm renders it and
zbarimg decodes the QR code to the absolute verification URL
(--base-url), which says ASLI when followed. Access rules: only the
owner (and HR through its own route, audited) gets a PDF.

Set LENTERA_ARTIFACTS=1 (or run from the repo) to keep the rendered
pages in artifacts/screenshots/ to look at."""
import datetime, os, re, shutil, stat, struct, subprocess, tempfile, urllib.parse, zlib
from lib import *

BASE = 'https://lentera.example.go.id'
COURSE = 'sertifikat-uji'
TITLE = 'Tata Kelola Arsip Dinamis Elektronik'
COMPETENCY = 'Kearsipan Digital'
AGENCY = 'Badan Kepegawaian dan Pengembangan SDM Kabupaten Contoh'
INSTITUSI = 'BKPSDM Kabupaten Contoh'
SIGNER = 'Dr. Hj. Siti Nurhaliza, S.Sos., M.Si.'
SIGNER_NIP = '197503152000032001'
POSITION = 'Kepala BKPSDM Kabupaten Contoh'
ART = os.path.join(ROOT, 'artifacts', 'screenshots')
MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli',
          'Agustus', 'September', 'Oktober', 'November', 'Desember']

def course_tree():
    d = tempfile.mkdtemp(prefix='lentera-courses-')
    c = os.path.join(d, COURSE)
    os.makedirs(c)
    with open(os.path.join(c, 'course.md'), 'w') as f:
        f.write('---\nid: %s\ntitle: %s\nsummary: Satu modul, tanpa tes.\n'
                'competency: %s\ncompetency_type: teknis\nlevel: 3\njp: 4\n---\n'
                'Kursus uji sertifikat PDF.\n' % (COURSE, TITLE, COMPETENCY))
    with open(os.path.join(c, '01-arsip.md'), 'w') as f:
        f.write('---\ntitle: Arsip Dinamis\nminutes: 5\n---\nArsip dinamis adalah arsip '
                'yang digunakan secara langsung dalam kegiatan pencipta arsip.\n')
    return d

def png(w=96, h=48):
    """A real PNG (stripes), made with zlib like any image tool would."""
    rows = b''.join(b'\x00' + b''.join(
        bytes((11, 85, 99)) if (x // 12) % 2 == 0 else bytes((245, 197, 66))
        for x in range(w)) for _ in range(h))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))

def multipart(fields, files=()):
    b = 'lenteraBoundary7MA4YWxkTrZu0gW'
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (b, k)).encode() + v.encode() + b'\r\n'
    for k, name, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                'Content-Type: application/octet-stream\r\n\r\n' % (b, k, name)).encode() + data + b'\r\n'
    out += ('--%s--\r\n' % b).encode()
    return out, {'Content-Type': 'multipart/form-data; boundary=' + b}

def settings_form(tok, **over):
    f = {'csrf': tok, 'agency_name': AGENCY, 'institusi_penyelenggara': INSTITUSI,
         'signer_name': SIGNER, 'signer_nip': SIGNER_NIP, 'signer_position': POSITION}
    f.update(over)
    return f

def run_tool(*cmd, stdin=None):
    p = subprocess.run(list(cmd), input=stdin, capture_output=True, timeout=60)
    check(p.returncode == 0, '%s failed: %s' % (cmd[0], p.stderr[:300]))
    return p.stdout

state = {}

@test
def settings_page_and_save(s):
    a = s.client()
    a.login(*DEMO['admin'])
    r = a.get('/admin/settings')
    check(r.status == 200, 'settings page: %d' % r.status)
    for name in ('agency_name', 'institusi_penyelenggara', 'signer_name', 'signer_nip',
                 'signer_position', 'logo'):
        check('name="%s"' % name in r.text, 'form field ' + name)
    check('enctype="multipart/form-data"' in r.text, 'the form uploads files')
    check('href="/admin/settings"' in r.text, 'admin navigation links the page')
    tok = csrf_of(r.text)
    body, h = multipart(settings_form(tok), [('logo', 'logo.png', png())])
    r = a.post('/admin/settings', body, headers=h)
    check(r.status == 200 and 'Perubahan disimpan' in r.text, 'saved: %d %s' % (r.status, r.text[:300]))
    check(AGENCY in r.text and SIGNER in r.text, 'values shown after save')
    check('/admin/settings/logo' in r.text, 'current logo shown')
    rows = s.sql("SELECT key, value FROM settings")
    kv = dict(rows)
    check(kv.get('agency_name') == AGENCY and kv.get('signer_nip') == SIGNER_NIP and
          kv.get('institusi_penyelenggara') == INSTITUSI, 'settings rows: %r' % rows)
    logo = kv.get('agency_logo', '')
    check(re.fullmatch(r'[0-9a-f]{32}\.png', logo), 'random logo name: %r' % logo)
    path = os.path.join(s.tmp, 'data', 'logos', logo)
    check(os.path.isfile(path) and stat.S_IMODE(os.stat(path).st_mode) == 0o600, 'logo file 0600 in data/logos')
    with open(path, 'rb') as f:
        stored = f.read()
    check(stored[:8] == b'\x89PNG\r\n\x1a\n' and struct.unpack('>II', stored[16:24]) == (96, 48),
          'a small logo is kept at its size')
    check(not any(logo in fs for _, _, fs in os.walk(os.path.join(ROOT, 'web'))), 'never under web/')
    g = a.get('/admin/settings/logo')
    check(g.status == 200 and g.header('content-type') == 'image/png' and g.body == stored, 'logo served to admin')
    ev = s.sql("SELECT event, detail FROM audit WHERE event = 'settings.certificate'")
    check(len(ev) == 1 and 'logo=new' in ev[0][1] and AGENCY in ev[0][1], 'one audit row: %r' % ev)
    # A large logo is stored reduced (every PDF decodes it again).
    body, h = multipart(settings_form(csrf_of(r.text)), [('logo', 'big.png', png(1200, 600))])
    r = a.post('/admin/settings', body, headers=h)
    check(r.status == 200, 'big logo saved: %d' % r.status)
    logo2 = dict(s.sql("SELECT key, value FROM settings"))['agency_logo']
    check(logo2 != logo and not os.path.exists(path), 'replaced logo file deleted')
    path = os.path.join(s.tmp, 'data', 'logos', logo2)
    with open(path, 'rb') as f:
        check(struct.unpack('>II', f.read(24)[16:24]) == (256, 128), 'stored at 256 px')
    state['logo'] = path

@test
def settings_bad_input_refused(s):
    a = s.client()
    a.login(*DEMO['admin'])
    tok = a.csrf('/admin/settings')
    before = s.sql("SELECT key, value FROM settings ORDER BY key")
    jpeg = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01' + b'\x00' * 200
    cases = [
        ('jpeg', settings_form(tok), [('logo', 'logo.jpg', jpeg)], 'JPEG'),
        ('gif', settings_form(tok), [('logo', 'logo.gif', b'GIF89a' + b'\x00' * 100)], 'bukan PNG'),
        ('broken png', settings_form(tok), [('logo', 'x.png', png()[:60])], 'rusak'),
        ('bad nip', settings_form(tok, signer_nip='123'), [], 'NIP penandatangan'),
        ('no agency', settings_form(tok, agency_name='  '), [], 'wajib'),
        ('too long', settings_form(tok, signer_position='x' * 201), [], 'terlalu panjang'),
        ('control char', settings_form(tok, signer_name='a\x01b'), [], 'tidak sah'),
    ]
    for what, form, files, msg in cases:
        body, h = multipart(form, files)
        r = a.post('/admin/settings', body, headers=h)
        check(r.status == 400 and msg in r.text, '%s: %d %s' % (what, r.status, r.text[-400:]))
    body, h = multipart(settings_form('0' * 64))
    check(a.post('/admin/settings', body, headers=h).status == 403, 'wrong CSRF: 403')
    body, h = multipart({k: v for k, v in settings_form(tok).items() if k != 'csrf'})
    check(a.post('/admin/settings', body, headers=h).status == 403, 'no CSRF: 403')
    check(s.sql("SELECT key, value FROM settings ORDER BY key") == before, 'nothing changed')
    check(len(os.listdir(os.path.dirname(state['logo']))) == 1, 'no stray logo files')
    l = s.client()
    l.login(*DEMO['learner'])
    check(l.get('/admin/settings').status == 403, 'learner: 403')
    check(l.get('/admin/settings/logo').status == 403, 'learner logo: 403')

def complete_course(s, c):
    r = c.get('/courses/' + COURSE)
    check(r.status == 200, 'course page: %d' % r.status)
    tok = csrf_of(r.text)
    check(c.post('/courses/%s/01-arsip/done' % COURSE, {'csrf': tok}).status == 303, 'mark done')
    return tok

@test
def learner_downloads_pdf_and_qr_verifies(s):
    c = s.client()
    c.login(*DEMO['learner'])
    complete_course(s, c)
    page = c.get('/certificate/' + COURSE)
    check(page.status == 200, 'certificate page: %d' % page.status)
    m = re.search(r'<a class="button" id="cert-pdf" href="([^"]+)"[^>]*>Unduh PDF</a>', page.text)
    check(m, 'certificate page has the Unduh PDF button')
    r = c.get(m.group(1))
    check(r.status == 200, 'pdf: %d %s' % (r.status, r.text[:200]))
    check(r.header('content-type') == 'application/pdf', 'type: %s' % r.header('content-type'))
    no, done_at, name = s.sql("SELECT c.cert_no, c.completed_at, u.name FROM completions c "
                              "JOIN users u ON u.id = c.user_id WHERE course = ?", (COURSE,))[0]
    fname = 'sertifikat-%s.pdf' % no.replace('/', '-')
    check(r.header('content-disposition') == 'attachment; filename="%s"' % fname,
          'disposition: %s' % r.header('content-disposition'))
    check(r.body.startswith(b'%PDF-') and b'%%EOF' in r.body[-64:], 'a whole PDF')
    tmp = tempfile.mkdtemp(prefix='lentera-pdf-')
    try:
        pdf = os.path.join(tmp, fname)
        with open(pdf, 'wb') as f:
            f.write(r.body)
        text = run_tool('pdftotext', '-layout', pdf, '-').decode('utf-8')
        flat = ' '.join(text.split())
        t = datetime.datetime.fromtimestamp(done_at + 7 * 3600, datetime.timezone.utc)
        date = '%d %s %d' % (t.day, MONTHS[t.month - 1], t.year)
        for want in (AGENCY, SIGNER, 'NIP ' + SIGNER_NIP, POSITION, name, DEMO['learner'][0],
                     TITLE, 'Kompetensi %s (teknis, level 3)' % COMPETENCY, '4 JP', date, no,
                     'SERTIFIKAT'):
            check(want in flat, 'pdftotext has %r: %s' % (want, flat[:600]))
        fonts = run_tool('pdffonts', pdf).decode().splitlines()[2:]
        check(fonts and all(re.search(r'\byes\s+yes\b', l) for l in fonts),
              'every font embedded: %s' % fonts)
        run_tool('pdftoppm', '-r', '150', '-png', pdf, os.path.join(tmp, 'page'))
        pages = sorted(p for p in os.listdir(tmp) if p.endswith('.png'))
        check(len(pages) == 1, 'one page: %s' % pages)
        png_path = os.path.join(tmp, pages[0])
        with open(png_path, 'rb') as f:
            w, h = struct.unpack('>II', f.read(24)[16:24])
        check(w > h, 'landscape: %dx%d' % (w, h))
        check(abs(w / h - 297 / 210) < 0.01, 'A4 proportions: %dx%d' % (w, h))
        qr = run_tool('zbarimg', '--quiet', '--raw', png_path).decode().strip()
        # Absolute and under --base-url; its path may change form (the
        # verification code joins it), so the test follows whatever it is.
        check(qr.startswith(BASE + '/'), 'QR holds an absolute URL under --base-url: %r' % qr)
        check('/verify/' in qr, 'QR leads to the verification page: %r' % qr)
        check(re.sub(r'\s', '', qr) in re.sub(r'\s', '', text), 'URL printed under the QR code')
        # Follow the URL as the public would (the proxy at BASE is us).
        u = urllib.parse.urlsplit(qr)
        v = s.client().get(u.path + ('?' + u.query if u.query else ''),
                           headers={'Host': u.netloc})
        check(v.status == 200 and 'ASLI' in v.text and 'TIDAK ASLI' not in v.text,
              'verify page says ASLI: %d %s' % (v.status, v.text[:300]))
        check(no in v.text, 'verify page names the number')
        if os.path.isdir(os.path.join(ROOT, 'artifacts')) or os.environ.get('LENTERA_ARTIFACTS'):
            os.makedirs(ART, exist_ok=True)
            shutil.copy(png_path, os.path.join(ART, 'certpdf-pdf-page1.png'))
            shutil.copy(pdf, os.path.join(ART, 'certpdf-sample.pdf'))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    state['no'] = no

@test
def pdf_access_rules(s):
    check('no' in state, 'needs the completion above')
    anon = s.client()
    r = anon.get('/certificate/%s/pdf' % COURSE)
    check(r.status == 303 and '/login' in (r.header('location') or ''), 'anonymous: to login, %d' % r.status)
    t = s.client()
    t.login(*DEMO['trainer'])
    check(t.get('/certificate/%s/pdf' % COURSE).status == 404, "someone else's: 404")
    l = s.client()
    l.login(*DEMO['learner'])
    check(l.get('/certificate/tidak-ada/pdf').status == 404, 'unknown course: 404')
    check(l.get('/hr/learners/%s/certificate/%s/pdf' % (DEMO['learner'][0], COURSE)).status == 403,
          'learner on the HR route: 403')
    h = s.client()
    h.login(*DEMO['hr'])
    r = h.get('/hr/learners/%s/certificate/%s/pdf' % (DEMO['learner'][0], COURSE))
    check(r.status == 200 and r.body.startswith(b'%PDF-'), 'HR gets the PDF: %d' % r.status)
    ev = s.sql("SELECT detail FROM audit WHERE event = 'certificate.pdf'")
    check(ev and state['no'] in ev[-1][0], 'HR download audited: %r' % ev)
    check(h.get('/hr/learners/%s/certificate/%s/pdf' % ('199001012015011999', COURSE)).status == 404,
          'unknown learner: 404')

@test
def concurrent_downloads_all_whole(s):
    """A class downloading at once: every PDF whole and identical, none
    refused (rendering is bounded to 2 at a time; the rest wait)."""
    import threading
    check('no' in state, 'needs the completion above')
    bodies, errors = [], []
    # Logged in one after the other: parallel logins of one NIP count as
    # parallel guesses (the throttle counts before hashing, by design).
    clients = []
    for _ in range(6):
        c = s.client()
        c.login(*DEMO['learner'])
        clients.append(c)
    def worker(c):
        try:
            for _ in range(4):
                r = c.get('/certificate/%s/pdf' % COURSE)
                if r.status != 200:
                    errors.append(r.status)
                else:
                    bodies.append(r.body)
        except Exception as e:
            errors.append(repr(e))
    ts = [threading.Thread(target=worker, args=(c,)) for c in clients]
    for t in ts:
        t.start()
    for t in ts:
        t.join(120)
    check(not errors and len(bodies) == 24, 'errors %r, %d PDFs' % (errors[:5], len(bodies)))
    check(all(b.startswith(b'%PDF-') and b.rstrip().endswith(b'%%EOF') for b in bodies), 'all whole')
    # Same input, same layout: only cairo's CreationDate may differ.
    strip = lambda b: re.sub(rb'/CreationDate \(D:[^)]*\)', b'', b)
    check(len({len(strip(b)) for b in bodies}) == 1, 'renders agree')

@test
def logo_removed_pdf_still_renders(s):
    a = s.client()
    a.login(*DEMO['admin'])
    tok = a.csrf('/admin/settings')
    old = state['logo']
    body, h = multipart(settings_form(tok, logo_remove='1'))
    r = a.post('/admin/settings', body, headers=h)
    check(r.status == 200, 'saved: %d' % r.status)
    check(not os.path.exists(old), 'old logo file deleted')
    check(dict(s.sql("SELECT key, value FROM settings")).get('agency_logo') == '', 'no logo set')
    p = a.get('/admin/settings/preview.pdf')
    check(p.status == 200 and p.body.startswith(b'%PDF-'), 'sample PDF: %d' % p.status)
    l = s.client()
    l.login(*DEMO['learner'])
    r = l.get('/certificate/%s/pdf' % COURSE)
    check(r.status == 200 and r.body.startswith(b'%PDF-'), 'PDF without a logo')

run(lambda: Server(courses=course_tree(), args=['--base-url', BASE]))
