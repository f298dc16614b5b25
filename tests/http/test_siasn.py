"""SIASN training history export (issue 14 item 2, docs/siasn.md): every
certified completion as the `riwayat kursus` body of SIASN's kursus/save,
downloaded by HR as a ZIP batch (JSON lines, XLSX, the certificate PDFs),
checked field by field against the documented shape; a batch holds only
entries never sent or changed since (a second download is empty, a
roster correction or a settings change re-sends exactly what changed);
SIASN ids recorded back; `lentera siasn export` makes the same batch.
"""
import csv as csvmod, datetime, io, json, re, tempfile, zipfile
from lib import *

try:
    import openpyxl
except ImportError:
    openpyxl = None

TREE = tempfile.mkdtemp(prefix='lentera-siasn-')
COURSE = 'kursus-siasn'
src = os.path.join(COURSES, 'pelayanan-publik-prima')
shutil.copytree(src, os.path.join(TREE, COURSE), ignore=shutil.ignore_patterns('*.lua'))
_cm = os.path.join(TREE, COURSE, 'course.md')
with open(_cm, encoding='utf-8') as f:
    _t = f.read()
_t = re.sub(r'^id: .*$', 'id: ' + COURSE, _t, flags=re.M)
_t = re.sub(r'^(pretest|final): .*\n', '', _t, flags=re.M)
with open(_cm, 'w', encoding='utf-8') as f:
    f.write(_t)
MODULES = sorted(f[:-3] for f in os.listdir(os.path.join(TREE, COURSE))
                 if re.match(r'\d\d-.*\.md$', f))
BASE = 'https://lentera.contoh.go.id'
L1 = DEMO['learner'][0]
L2 = test_nip(7)
PNS1 = '8ae48303-6c5a-4b2e-a1f0-0123456789ab'
PNS2 = 'A5EB03E23BFBF6A0E040640A040252AD'
INSTITUSI = 'BKPSDM Kota Contoh'
UNIT1, UNIT2 = 'Dinas Kependudukan', 'Dinas Kominfo'
YEAR = None
WIB = datetime.timezone(datetime.timedelta(hours=7))
got = {}
KEYS = ['id', 'instansiId', 'institusiPenyelenggara', 'jenisDiklatId', 'jenisKursus',
        'jenisKursusSertipikat', 'jumlahJam', 'lokasiId', 'namaKursus', 'nomorSertipikat',
        'path', 'pnsOrangId', 'tahunKursus', 'tanggalKursus', 'tanggalSelesaiKursus']

def hr(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c

def admin(s):
    c = s.client()
    c.login(*DEMO['admin'])
    return c

def batch(s, c=None, **filters):
    """POST /hr/siasn/batch; (response, zipfile or None)."""
    c = c or hr(s)
    form = {'csrf': c.csrf('/hr/siasn')}
    form.update(filters)
    r = c.post('/hr/siasn/batch', form)
    z = zipfile.ZipFile(io.BytesIO(r.body)) if r.status == 200 else None
    return r, z

def lines(z):
    t = z.read('riwayat-kursus.jsonl').decode('utf-8')
    check(t == '' or t.endswith('\n'), 'JSON lines end with LF')
    return [json.loads(l) for l in t.splitlines()]

def roster(s, c, rows, header='nip,nama,unit_kerja,jabatan,golongan,pns_orang_id'):
    return c.post('/hr/roster', {'csrf': c.csrf('/hr/roster'),
                                 'csv': header + '\n' + '\n'.join(rows) + '\n'})

def wib_date(t):
    return datetime.datetime.fromtimestamp(t, WIB).strftime('%d-%m-%Y')

@test
def setup_learners_complete(s):
    global YEAR
    a = admin(s)
    r = a.post('/admin/settings', {'csrf': a.csrf('/admin/settings'),
                                   'agency_name': 'Pemerintah Kota Contoh',
                                   'institusi_penyelenggara': INSTITUSI})
    check(r.status in (200, 303), 'settings saved: %d' % r.status)
    p = s.cli('user', 'add', '--nip', L2, '--name', 'Budi Prasetyo', '--role', 'learner',
              '--db', s.db, stdin='sandi-budi-2026-panjang\n')
    check(p.returncode == 0, 'user add: %s' % p.stderr)
    for nip, pw in ((L1, DEMO['learner'][1]), (L2, 'sandi-budi-2026-panjang')):
        c = s.client()
        c.login(nip, pw)
        for m in MODULES:
            path = '/courses/%s/%s' % (COURSE, m)
            r = c.post(path + '/done', {'csrf': c.csrf(path)})
            check(r.status == 303, 'done %s: %d' % (m, r.status))
    rows = s.sql("SELECT u.nip, c.cert_no, c.jp, c.year, c.started_at, c.completed_at,"
                 " c.course_title FROM completions c JOIN users u ON u.id = c.user_id"
                 " ORDER BY c.id")
    check(len(rows) == 2 and all(r[1] for r in rows), 'two certified completions: %s' % rows)
    got['db'] = {r[0]: r for r in rows}
    YEAR = rows[0][3]

@test
def roster_takes_pns_orang_id(s):
    c = hr(s)
    # A bad id is a line-numbered problem and nothing is written.
    r = roster(s, c, ['%s,Rina Wulandari,%s,Analis,III/a,%s' % (L1, UNIT1, PNS1),
                      '%s,Budi Prasetyo,%s,Pranata,III/b,bukan id!' % (L2, UNIT2)])
    check(r.status == 400 and '3' in r.text and 'pns_orang_id' in r.text,
          'bad pns_orang_id refused with its line: %d %s' % (r.status, r.text[-600:]))
    check(s.sql("SELECT count(*) FROM siasn_person")[0][0] == 0, 'nothing written')
    p = s.cli('import-roster', '/dev/stdin', '--db', s.db,
              stdin='nip,nama,unit_kerja,jabatan,golongan,pns_orang_id\n'
                    '%s,Rina,X,A,III/a,%s\n' % (L1, 'x' * 65))
    check(p.returncode == 1 and ':2: pns_orang_id' in p.stderr, 'CLI: FILE:LINE: %s' % p.stderr)
    # Learner 2 without an id (an empty cell): exported with a warning.
    r = roster(s, c, ['%s,Rina Wulandari,%s,Analis,III/a,%s' % (L1, UNIT1, PNS1),
                      '%s,Budi Prasetyo,%s,Pranata,III/b,' % (L2, UNIT2),
                      '%s,Citra Lestari,%s,Analis,III/a,NEW-3' % (test_nip(8), UNIT2)])
    check(r.status == 200, 'roster imported: %d %s' % (r.status, r.text[-400:]))
    got_ids = dict(s.sql("SELECT u.nip, p.pns_orang_id FROM users u LEFT JOIN siasn_person p"
                         " ON p.user_id = u.id WHERE u.nip IN (?, ?, ?)", (L1, L2, test_nip(8))))
    check(got_ids == {L1: PNS1, L2: None, test_nip(8): 'NEW-3'},
          'ids stored apart from the NIP (new users too): %s' % got_ids)

@test
def page_shows_pending(s):
    c = hr(s)
    r = c.get('/hr/siasn')
    check(r.status == 200, 'page: %d' % r.status)
    check(re.search(r'id="pending">2 entri siap dikirim: 2 baru, 0 berubah', r.text),
          'pending counts: %s' % re.findall(r'id="pending">[^<]*', r.text))
    check('id="no-pns">1 entri tanpa pnsOrangId' in r.text, 'warning about the missing id')
    check('href="/hr/siasn"' in c.get('/hr').text, 'linked from the HR dashboard')
    l = s.client()
    l.login(*DEMO['learner'])
    check(l.get('/hr/siasn').status == 403, 'learners may not')
    r = c.post('/hr/siasn/batch', {'year': str(YEAR)})
    check(r.status == 403, 'no CSRF token: %d' % r.status)
    r, _ = batch(s, c, year='20x6')
    check(r.status == 400 and 'tahun' in r.text, 'bad year: %d' % r.status)
    r, _ = batch(s, c, year=str(YEAR), since='%d-01-01' % YEAR)
    check(r.status == 400, 'year and dates together: %d' % r.status)
    r, _ = batch(s, c, since='%d-02-30' % YEAR)
    check(r.status == 400, 'not a real date: %d' % r.status)
    check(s.sql("SELECT count(*) FROM siasn_export")[0][0] == 0, 'nothing exported by errors')

@test
def first_batch_field_by_field(s):
    r, z = batch(s, year=str(YEAR))
    check(r.status == 200 and r.header('content-type') == 'application/zip',
          'zip: %d %s' % (r.status, r.header('content-type')))
    check('filename="lentera-siasn-%d.zip"' % YEAR in (r.header('content-disposition') or ''),
          'named after the filters: %s' % r.header('content-disposition'))
    check(r.header('x-siasn-entries') == '2', 'entries header %s' % r.header('x-siasn-entries'))
    names = z.namelist()
    ls = lines(z)
    check(len(ls) == 2, 'two lines: %s' % ls)
    by_no = {}
    for nip, row in got['db'].items():
        by_no[row[1]] = (nip, row)
    for d in ls:
        check(list(d.keys()) == KEYS, 'keys in order: %s' % list(d.keys()))
        nip, row = by_no[d['nomorSertipikat']]
        _, cert, jp, year, started, completed, title = row
        check(d['id'] is None, 'a new entry has id null')
        check(d['jenisDiklatId'] == '16' and isinstance(d['jenisDiklatId'], str), 'code "16"')
        check(d['jenisKursusSertipikat'] == 'T', 'T for 16')
        check(type(d['jumlahJam']) is int and d['jumlahJam'] == jp, 'JP int %r' % d['jumlahJam'])
        check(type(d['tahunKursus']) is int and d['tahunKursus'] == year, 'year int')
        check(re.fullmatch(r'\d\d-\d\d-\d{4}', d['tanggalKursus']) and
              d['tanggalKursus'] == wib_date(started), 'start dd-mm-yyyy WIB %s' % d['tanggalKursus'])
        check(d['tanggalSelesaiKursus'] == wib_date(completed), 'end %s' % d['tanggalSelesaiKursus'])
        check(d['namaKursus'] == title, 'namaKursus')
        check(d['institusiPenyelenggara'] == INSTITUSI, 'institusi from the settings')
        check(d['instansiId'] == '' and d['lokasiId'] == '' and d['jenisKursus'] == '',
              'unconfigured codes empty')
        check(d['pnsOrangId'] == (PNS1 if nip == L1 else ''), 'pnsOrangId from the roster')
        pdf = 'sertifikat/%s.pdf' % cert.replace('/', '-')
        check(d['path'] == [{'dok_id': '881', 'dok_nama': 'Dok Sertifikat Kursus',
                             'dok_uri': pdf, 'object': pdf, 'slug': '881'}], 'path %s' % d['path'])
        check(pdf in names, 'the PDF is in the batch: %s' % names)
        data = z.read(pdf)
        check(data.startswith(b'%PDF-'), 'a PDF')
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(data)
            f.flush()
            text = subprocess.run(['pdftotext', '-layout', f.name, '-'], capture_output=True,
                                  text=True).stdout
        name = 'Rina Wulandari' if nip == L1 else 'Budi Prasetyo'
        check(cert in text and name in text, 'PDF shows %s and %s' % (name, cert))
    w = list(csvmod.reader(io.StringIO(z.read('peringatan.csv').decode())))
    check(w[0] == ['nomor_sertifikat', 'nip', 'nama', 'peringatan'] and len(w) == 2 and
          w[1][1] == L2, 'the entry without a pnsOrangId is listed: %s' % w)
    got['first'] = ls
    got['first_zip'] = r.body
    st = s.sql("SELECT count(*), count(DISTINCT batch_id) FROM siasn_export")[0]
    check(st == (2, 1), 'both marked exported in one batch: %s' % (st,))
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'siasn.export'")[0][0] == 1, 'audited')

@test
def xlsx_matches_jsonl(s):
    check(openpyxl is not None, 'python3-openpyxl is installed')
    z = zipfile.ZipFile(io.BytesIO(got['first_zip']))
    wb = openpyxl.load_workbook(io.BytesIO(z.read('riwayat-kursus.xlsx')))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    check(rows[0][0] == 'NIP' and 'Nomor sertifikat' in rows[0], 'Indonesian titles: %s' % (rows[0],))
    notes = {r[0]: r[1] for r in wb.worksheets[1].iter_rows(values_only=True) if r[0]}
    field = {t: notes.get(t) for t in rows[0]}
    check(field['Nomor sertifikat'] == 'nomorSertipikat' and field['Jumlah jam (JP)'] == 'jumlahJam',
          'notes name each field: %s' % field)
    check(len(rows) == 3, 'header and two rows')
    for row, d in zip(rows[1:], got['first']):
        cell = dict(zip(rows[0], row))
        for title, f in field.items():
            if not f or f.startswith('('):
                continue
            want = d['path'][0]['dok_uri'] if f == 'path[0].dok_uri' else d[f]
            have = cell[title]
            if have is None:
                have = '' if want is not None else None
            check(have == want, '%s: xlsx %r json %r' % (f, have, want))
        check(isinstance(cell['Jumlah jam (JP)'], int), 'JP a number cell')

@test
def second_download_is_empty(s):
    r, z = batch(s, year=str(YEAR))
    check(r.status == 200 and r.header('x-siasn-entries') == '0', 'entries %s' % r.header('x-siasn-entries'))
    check(lines(z) == [] and not [n for n in z.namelist() if n.endswith('.pdf')], 'nothing sent twice')
    check(s.sql("SELECT count(*) FROM siasn_batch")[0][0] == 1, 'an empty batch is not recorded')
    check('Tidak ada entri baru atau berubah' in hr(s).get('/hr/siasn?year=%d' % YEAR).text, 'page says so')

@test
def a_lost_download_can_be_made_again(s):
    c = hr(s)
    page = c.get('/hr/siasn').text
    check('name="batch" value="1"' in page, 'recent batches offer a second download')
    before = s.sql("SELECT completion_id, hash, exported_at, batch_id, sends FROM siasn_export ORDER BY 1")
    r, z = batch(s, c, batch='1')
    check(r.status == 200 and 'filename="lentera-siasn-batch-1.zip"' in r.header('content-disposition'),
          'batch 1 again: %d %s' % (r.status, r.header('content-disposition')))
    check(lines(z) == got['first'] and len([n for n in z.namelist() if n.endswith('.pdf')]) == 2,
          'the same entries and PDFs')
    check(s.sql("SELECT completion_id, hash, exported_at, batch_id, sends FROM siasn_export ORDER BY 1")
          == before and s.sql("SELECT count(*) FROM siasn_batch")[0][0] == 1, 'no state changed')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'siasn.redownload'")[0][0] == 1, 'audited')
    r, _ = batch(s, c, batch='x')
    check(r.status == 400, 'a bad batch number: %d' % r.status)

@test
def record_siasn_ids_back(s):
    c = hr(s)
    cert1 = got['db'][L1][1]
    cert2 = got['db'][L2][1]
    r = c.post('/hr/siasn/record', {'csrf': c.csrf('/hr/siasn'),
               'csv': 'nomor_sertifikat,siasn_id\n%s,RW-111\nLTR/1999/999999,RW-9\n%s,bad id\n' % (cert1, cert2)})
    check(r.status == 400 and 'LTR/1999/999999' in r.text and '4: siasn_id' in r.text,
          'problems listed by line: %d %s' % (r.status, re.findall(r'<li>[^<]*', r.text)))
    check(s.sql("SELECT count(siasn_id) FROM siasn_export")[0][0] == 0, 'all or nothing')
    r = c.post('/hr/siasn/record', {'csrf': c.csrf('/hr/siasn'),
               'nomor_sertifikat': cert1, 'siasn_id': 'RW-111'})
    check(r.status == 200 and '1 ID SIASN tercatat' in r.text, 'one entry: %d' % r.status)
    f = os.path.join(s.tmp, 'ids.csv')
    with open(f, 'w') as fh:
        fh.write('nomor_sertifikat;siasn_id\r\n%s;RW-222\r\n' % cert2)
    p = s.cli('siasn', 'record', f, '--db', s.db)
    check(p.returncode == 0, 'CLI record: %s %s' % (p.stdout, p.stderr))
    ids = dict(s.sql("SELECT c.cert_no, e.siasn_id FROM siasn_export e JOIN completions c"
                     " ON c.id = e.completion_id"))
    check(ids == {cert1: 'RW-111', cert2: 'RW-222'}, 'ids kept: %s' % ids)
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'siasn.record'")[0][0] == 2, 'audited')
    # Recording an id is not a change of the entry.
    r, z = batch(s, year=str(YEAR))
    check(lines(z) == [], 'recording ids re-sends nothing')

@test
def roster_correction_resends_only_that_entry(s):
    check(openpyxl is not None, 'python3-openpyxl is installed')
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(['nip', 'nama', 'unit_kerja', 'jabatan', 'golongan', 'pns_orang_id'])
    ws.append([L1, 'Rina Wulandari', UNIT1, 'Analis', 'III/a', PNS1])
    ws.append([L2, 'Budi Prasetyo', UNIT2, 'Pranata', 'III/b', PNS2])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = '@'
    path = os.path.join(s.tmp, 'roster.xlsx')
    wb.save(path)
    p = s.cli('import-roster', path, '--db', s.db)
    check(p.returncode == 0 and '1 updated' in p.stdout, 'xlsx import: %s %s' % (p.stdout, p.stderr))
    r, z = batch(s, year=str(YEAR))
    ls = lines(z)
    check(len(ls) == 1 and ls[0]['pnsOrangId'] == PNS2 and
          ls[0]['nomorSertipikat'] == got['db'][L2][1], 'exactly the corrected entry: %s' % ls)
    check(ls[0]['id'] == 'RW-222', 'an update carries its SIASN id')
    check('peringatan.csv' not in z.namelist(), 'no warning any more')
    old = [d for d in got['first'] if d['nomorSertipikat'] == ls[0]['nomorSertipikat']][0]
    diff = {k for k in KEYS if old[k] != ls[0][k]}
    check(diff == {'id', 'pnsOrangId'}, 'only the id fields differ: %s' % diff)
    r, z = batch(s, year=str(YEAR))
    check(lines(z) == [], 'then nothing again')

@test
def unit_and_date_filters(s):
    a = admin(s)
    r = a.post('/admin/settings', {'csrf': a.csrf('/admin/settings'),
                                   'agency_name': 'Pemerintah Kota Contoh',
                                   'institusi_penyelenggara': 'BKPSDM Kota Contoh (baru)'})
    check(r.status in (200, 303), 'settings changed')
    page = hr(s).get('/hr/siasn?year=%d' % YEAR).text
    check('2 entri siap dikirim: 0 baru, 2 berubah' in page, 'both changed')
    tomorrow = (datetime.datetime.now(WIB) + datetime.timedelta(days=1)).strftime('%Y-%m-%d')
    r, z = batch(s, since=tomorrow)
    check(lines(z) == [], 'nothing completed since tomorrow')
    r, z = batch(s, unit=UNIT1, until=tomorrow)
    ls = lines(z)
    check(len(ls) == 1 and ls[0]['pnsOrangId'] == PNS1 and
          ls[0]['institusiPenyelenggara'] == 'BKPSDM Kota Contoh (baru)' and ls[0]['id'] == 'RW-111',
          'the unit only, with the new institusi: %s' % ls)
    check('filename="lentera-siasn-all-dinas-kependudukan-until-%s.zip"' % tomorrow
          in r.header('content-disposition'), r.header('content-disposition'))
    got['unit2_pending'] = True

@test
def cli_export_same_content(s):
    p = s.cli('siasn', 'export', '--db', s.db, '--year', str(YEAR), '--dry-run')
    check(p.returncode == 0 and 'uji coba: 1 entri akan dikirim (0 baru, 1 berubah)' in p.stdout and
          'berubah %s' % got['db'][L2][1] in p.stdout, 'dry run lists it: %s' % p.stdout)
    p = s.cli('siasn', 'export', '--db', s.db, '--year', str(YEAR))
    check(p.returncode == 2 and '--base-url' in p.stderr, 'base URL required: %s' % p.stderr)
    out = os.path.join(s.tmp, 'batch.zip')
    p = s.cli('siasn', 'export', '--db', s.db, '--year', str(YEAR), '--base-url', BASE, '--out', out)
    check(p.returncode == 0 and '1 entri (0 baru, 1 berubah)' in p.stdout, 'CLI: %s %s' % (p.stdout, p.stderr))
    z = zipfile.ZipFile(out)
    ls = lines(z)
    old = [d for d in got['first'] if d['nomorSertipikat'] == got['db'][L2][1]][0]
    want = dict(old, id='RW-222', pnsOrangId=PNS2, institusiPenyelenggara='BKPSDM Kota Contoh (baru)')
    check(ls == [want], 'the same body as the HTTP batch: %s vs %s' % (ls, want))
    pdf = want['path'][0]['dok_uri']
    check(pdf in z.namelist() and 'riwayat-kursus.xlsx' in z.namelist(), 'PDF and XLSX: %s' % z.namelist())
    with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
        f.write(z.read(pdf))
        f.flush()
        text = subprocess.run(['pdftotext', f.name, '-'], capture_output=True, text=True).stdout
    check('Budi Prasetyo' in text and BASE + '/verify/' in text, 'PDF with the base URL')
    r, z = batch(s, year=str(YEAR))
    check(lines(z) == [], 'the CLI and the page share the state')
    p = s.cli('siasn', 'export', '--db', s.db, '--year', str(YEAR), '--base-url', BASE, '--out', out)
    check(p.returncode == 0 and '0 entri' in p.stdout, 'CLI: nothing left: %s' % p.stdout)
    p = s.cli('siasn', 'export', '--db', s.db, '--year', '1999')
    check(p.returncode == 2, 'bad year: exit 2')
    sends = dict(s.sql("SELECT c.cert_no, e.sends FROM siasn_export e JOIN completions c"
                       " ON c.id = e.completion_id"))
    check(sends == {got['db'][L1][1]: 2, got['db'][L2][1]: 3}, 'sends counted: %s' % sends)

@test
def agency_siasn_codes(s):
    c = hr(s)
    r = c.post('/hr/siasn/settings', {'csrf': c.csrf('/hr/siasn'), 'instansiId': 'X1'})
    check(r.status == 403, 'HR may not change the agency codes: %d' % r.status)
    a = admin(s)
    r = a.post('/hr/siasn/settings', {'csrf': a.csrf('/hr/siasn'), 'instansiId': 'bad id'})
    check(r.status == 400, 'a bad code: %d' % r.status)
    r = a.post('/hr/siasn/settings', {'csrf': a.csrf('/hr/siasn'), 'instansiId': 'A5EB03E23BFBF6A0',
                                      'lokasiId': '', 'jenisKursus': '0ea2e0e1-jk'})
    check(r.status == 200 and 'value="A5EB03E23BFBF6A0"' in r.text, 'saved: %d' % r.status)
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'settings.siasn'")[0][0] == 1, 'audited')
    check(dict(s.sql("SELECT key, value FROM settings WHERE key LIKE 'siasn%'")) ==
          {'siasn_instansi_id': 'A5EB03E23BFBF6A0', 'siasn_lokasi_id': '',
           'siasn_jenis_kursus': '0ea2e0e1-jk'}, 'kept as settings')
    inst = s.sql("SELECT value FROM settings WHERE key = 'institusi_penyelenggara'")[0][0]
    check(inst == 'BKPSDM Kota Contoh (baru)', 'the other settings are kept: %s' % inst)
    r, z = batch(s)
    ls = lines(z)
    check(len(ls) == 2 and all(d['instansiId'] == 'A5EB03E23BFBF6A0' and
                               d['jenisKursus'] == '0ea2e0e1-jk' for d in ls), 'every entry re-sent: %s' % ls)

@test
def two_downloads_at_once_never_send_twice(s):
    import threading
    a = admin(s)
    r = a.post('/admin/settings', {'csrf': a.csrf('/admin/settings'),
                                   'agency_name': 'Pemerintah Kota Contoh',
                                   'institusi_penyelenggara': 'BKPSDM Kota Contoh (lagi)'})
    check(r.status in (200, 303), 'settings changed')
    before = s.sql("SELECT count(*) FROM siasn_batch")[0][0]
    clients = [hr(s) for _ in range(4)]
    forms = [{'csrf': c.csrf('/hr/siasn')} for c in clients]
    out = [None] * len(clients)
    def go(i):
        out[i] = clients[i].post('/hr/siasn/batch', forms[i])
    ts = [threading.Thread(target=go, args=(i,)) for i in range(len(clients))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    sent = []
    for r in out:
        check(r.status in (200, 409), 'a batch or a conflict: %d' % r.status)
        if r.status == 200:
            sent += [d['nomorSertipikat'] for d in lines(zipfile.ZipFile(io.BytesIO(r.body)))]
    check(sorted(sent) == sorted(r[1] for r in got['db'].values()),
          'each changed entry sent exactly once: %s' % sent)
    check(s.sql("SELECT count(*) FROM siasn_batch")[0][0] == before + 1, 'one batch recorded')

run(lambda: Server(courses=TREE, args=['--base-url', BASE]))
