"""Every HR export opened by the programs HR really uses: each XLSX is
imported into LibreOffice Calc (headless, a throw-away profile) and
compared cell by cell with the CSV export of the same query (NIP as text,
dates, numbers); openpyxl checks the XLSX for people: Indonesian column
titles, widths that fit an 18-digit NIP, real date cells, the notes sheet
naming the filters and the fixed CSV/API column names. Python's csv module
reads the CSV. Data is written as the server writes it (SQL rows like a
roster import and older completions leave them)."""
import csv, datetime, io, os, shutil, subprocess, sys, tempfile, urllib.parse
try:
    import openpyxl
except ImportError:
    # Debian's python3-openpyxl lives in /usr/bin/python3; a PATH python
    # (pyenv, venv) may not see it. Run under Debian's then, or fail.
    if sys.executable != '/usr/bin/python3' and os.path.exists('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise
from lib import *

WIB = datetime.timezone(datetime.timedelta(hours=7))
UNIT = 'Dinas Uji Excel, "Lembar"'
PEOPLE = [  # nip, name, role, active
    ('198901012014021101', 'Siti, S.Kom.', 'learner', 1),
    ('198902022014022102', 'Andi "Ucok" Lubis', 'learner', 1),
    ('198903032014021103', 'Dewi\nBaris Dua', 'learner', 1),
    ('198904042014022104', '=HYPERLINK("http://x","y")', 'learner', 1),
    ('198905052014021105', 'Ni Luh Putu Ayu Kusumawardhani Saraswati', 'learner', 1),
    ('198906062014022106', 'Pelatih Juga Belajar', 'trainer', 1),
    ('198907072014021107', 'Staf SDM Tanpa Kursus', 'hr', 1),
    ('198908082014022108', 'Sudah Pindah (nonaktif)', 'learner', 0),
    ('198909092014021109', 'Pindah Setelah Kursus', 'learner', 0),
]
COMPLETION_LABELS = ['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'Golongan', 'Nama Pelatihan',
                     'Kode Pelatihan', 'Kompetensi', 'Jenis Kompetensi', 'Level', 'Jumlah JP',
                     'Tanggal Mulai', 'Tanggal Selesai', 'Nilai', 'Nomor Sertifikat', 'Tahun']
JP_LABELS = ['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'Golongan', 'Tahun', 'Jumlah JP',
             'Target JP', 'Memenuhi Target', 'Jenis Pegawai', 'JP Menunggu Verifikasi']
_state = {}

def ts(y, mo, d, h=12, mi=0):
    return int(datetime.datetime(y, mo, d, h, mi, tzinfo=WIB).timestamp())

def setup(s):
    if _state:
        return _state
    ids = {}
    for nip, name, role, active in PEOPLE:
        s.sql("INSERT INTO users (nip, name, role, unit, position, golongan, active, account_id,"
              " created_at, updated_at) VALUES (?,?,?,?,?,?,?,lower(hex(randomblob(16))),"
              " unixepoch(), unixepoch())", (nip, name, role, UNIT, 'Analis; Ahli Muda', 'III/a', active))
        ids[nip] = s.sql("SELECT id FROM users WHERE nip = ?", (nip,))[0][0]
    rows = [  # nip, course, type, jp, completed, score, cert
        ('198901012014021101', 'k-a', 'teknis', 12, ts(2025, 12, 31, 23, 30), 87.5, 'T/2025/1'),
        ('198901012014021101', 'k-b', 'teknis', 8, ts(2026, 1, 1, 0, 30), 90.0, 'T/2026/1'),
        ('198901012014021101', 'k-c', 'manajerial', 12, ts(2026, 3, 1), 100.0, 'T/2026/2'),
        ('198902022014022102', 'k-a', 'teknis', 19, ts(2026, 2, 1), None, None),
        ('198903032014021103', 'k-a', 'sosial-kultural', 4, ts(2026, 4, 1), 66.7, 'T/2026/3'),
        ('198904042014022104', 'k-b', 'teknis', 4, ts(2026, 12, 31, 23, 59), 75.0, 'T/2026/4'),
        ('198906062014022106', 'k-a', 'teknis', 6, ts(2026, 5, 5), 80.0, 'T/2026/5'),
        ('198909092014021109', 'k-c', 'manajerial', 20, ts(2026, 2, 2), 95.5, 'T/2026/6'),
    ]
    for nip, course, ctype, jp, t, score, cert in rows:
        s.sql("INSERT INTO completions (user_id, course, course_title, competency,"
              " competency_type, level, jp, started_at, completed_at, year, score, cert_no)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
              (ids[nip], course, 'Kursus ' + course.upper() + ', Angkatan "I"', 'Kompetensi ' + course,
               ctype, 2, jp, t - 3 * 86400, t, datetime.datetime.fromtimestamp(t, WIB).year, score, cert))
    tok = s.cli('token', 'create', '--name', 'uji-excel', '--db', s.db)
    assert tok.returncode == 0, tok.stderr
    _state.update(ids=ids, token=tok.stdout.strip())
    return _state

def get(s, path):
    r = s.client().get(path, headers={'Authorization': 'Bearer ' + setup(s)['token']})
    check(r.status == 200, '%s: %d %s' % (path, r.status, r.text[:200]))
    return r

U = urllib.parse.quote(UNIT)
EXPORTS = [  # path with query (no format), labels, notes that must appear
    ('/api/v1/completions?year=2026&unit=' + U, COMPLETION_LABELS, ['2026', UNIT]),
    ('/api/v1/completions?year=2026&unit=' + U + '&type=teknis', COMPLETION_LABELS, ['teknis']),
    ('/api/v1/completions?unit=' + U + '&course=k-a', COMPLETION_LABELS, ['k-a', 'semua']),
    ('/api/v1/jp-summary?year=2026&unit=' + U, JP_LABELS, ['2026', UNIT]),
    ('/api/v1/jp-summary?year=2026&unit=' + U + '&course=k-a&type=teknis', JP_LABELS, ['k-a', 'teknis']),
    ('/api/v1/learners/198901012014021101/record', COMPLETION_LABELS, ['198901012014021101',
                                                                        'Siti, S.Kom.']),
]

def pair(s, path):
    """(csv rows, xlsx bytes, xlsx file name) for one query."""
    sep = '&' if '?' in path else '?'
    c = get(s, path + sep + 'format=csv')
    x = get(s, path + sep + 'format=xlsx')
    rows = list(csv.reader(io.StringIO(c.body.decode('utf-8'), newline='')))
    return rows, x.body, x.header('content-disposition')

def libreoffice_csv(blobs):
    """Each XLSX through LibreOffice Calc: its first sheet as CSV rows."""
    tmp = tempfile.mkdtemp(prefix='lentera-lo-')
    try:
        files = []
        for i, b in enumerate(blobs):
            p = os.path.join(tmp, 'x%d.xlsx' % i)
            with open(p, 'wb') as f:
                f.write(b)
            files.append(p)
        out = os.path.join(tmp, 'out')
        # 44 ',' 34 '"' 76 UTF-8; "as shown" true; sheet 1 only.
        r = subprocess.run(['soffice', '--headless', '--norestore',
                            '-env:UserInstallation=file://' + os.path.join(tmp, 'profile'),
                            '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,'
                            'false,true,true,false,false,1', '--outdir', out] + files,
                           capture_output=True, text=True, timeout=300)
        check(r.returncode == 0, 'soffice: %s %s' % (r.stdout[-500:], r.stderr[-500:]))
        res = []
        for i in range(len(blobs)):
            got = [n for n in os.listdir(out) if n.startswith('x%d' % i) and n.endswith('.csv')]
            check(len(got) == 1, 'LibreOffice wrote %s for x%d' % (got, i))
            with open(os.path.join(out, got[0]), encoding='utf-8', newline='') as f:
                res.append(list(csv.reader(f)))
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

def unguard(v):
    """The CSV's formula guard: a leading ' before = + - @ TAB CR."""
    return v[1:] if len(v) > 1 and v[0] == "'" and v[1] in '=+-@\t\r' else v

@test
def libreoffice_reads_every_xlsx_as_the_csv_says(s):
    setup(s)
    pairs = [pair(s, p) for p, _, _ in EXPORTS]
    sheets = libreoffice_csv([x for _, x, _ in pairs])
    for (path, labels, _), (rows, _, _), lo in zip(EXPORTS, pairs, sheets):
        check(len(rows) > 1, '%s: CSV has data rows' % path)
        check(lo[0] == labels, '%s: LibreOffice header %s' % (path, lo[0]))
        check(len(lo) == len(rows), '%s: %d rows in LibreOffice, %d in CSV' % (path, len(lo), len(rows)))
        for i, (a, b) in enumerate(zip(rows[1:], lo[1:]), 2):
            check(len(a) == len(b), '%s row %d: %d vs %d cells' % (path, i, len(a), len(b)))
            for j, (cv, lv) in enumerate(zip(a, b)):
                check(unguard(cv) == lv, '%s row %d col %s: CSV %r, LibreOffice %r' % (
                    path, i, labels[j], cv, lv))
            check(len(b[0]) == 18 and b[0].isdigit(), 'NIP kept whole: %r' % b[0])

@test
def openpyxl_sees_titles_widths_and_real_dates(s):
    setup(s)
    for path, labels, notes in EXPORTS:
        rows, blob, disp = pair(s, path)
        wb = openpyxl.load_workbook(io.BytesIO(blob))
        check(wb.sheetnames[1:] == ['Keterangan'], wb.sheetnames)
        ws = wb.worksheets[0]
        head = [c.value for c in ws[1]]
        check(head == labels, '%s: header %s' % (path, head))
        check(all(c.font.b for c in ws[1]), 'header bold')
        check(ws.freeze_panes == 'A2', 'header frozen: %s' % ws.freeze_panes)
        check(ws.auto_filter.ref and ws.auto_filter.ref.startswith('A1:'), 'autofilter')
        for j, label in enumerate(labels):
            letter = openpyxl.utils.get_column_letter(j + 1)
            w = ws.column_dimensions[letter].width
            check(w and w >= len(label) + 2, '%s: column %s width %s' % (path, label, w))
        check(ws.column_dimensions['A'].width >= 20, 'NIP column fits 18 digits: %s' %
              ws.column_dimensions['A'].width)
        data = list(ws.iter_rows(min_row=2, values_only=False))
        check(len(data) == len(rows) - 1, '%s: %d rows vs CSV %d' % (path, len(data), len(rows) - 1))
        for cells, line in zip(data, rows[1:]):
            nip = cells[0]
            check(nip.data_type == 's' and nip.value == line[0] and len(nip.value) == 18,
                  'NIP is text: %r' % nip.value)
            for j, label in enumerate(labels):
                c, want = cells[j], line[j]
                if label.startswith('Tanggal'):
                    check(isinstance(c.value, datetime.datetime) and
                          c.value.date().isoformat() == want and c.number_format == 'yyyy-mm-dd',
                          '%s %s: %r (%s) vs %s' % (path, label, c.value, c.number_format, want))
                elif label in ('Level', 'Jumlah JP', 'Tahun', 'Target JP', 'Nilai', 'JP Menunggu Verifikasi'):
                    if want == '':
                        check(c.value is None, '%s: empty %s stays empty' % (path, label))
                    else:
                        check(isinstance(c.value, (int, float)) and float(want) == c.value,
                              '%s %s: %r vs %s' % (path, label, c.value, want))
                else:
                    check((c.value or '') == unguard(want), '%s %s: %r vs %r' % (
                        path, label, c.value, want))
        # The notes sheet names the filters and the fixed machine names.
        kv = [tuple(c.value for c in row) for row in wb['Keterangan'].iter_rows()]
        text = ' '.join(str(v) for row in kv for v in row if v is not None)
        for n in notes:
            check(n in text, '%s: notes mention %r' % (path, n))
        names = dict((a, b) for a, b in kv if a and b)
        for label, machine in zip(labels, rows[0]):
            check(names.get(label) == machine, '%s: %s documented as %s' % (path, label, machine))
        check('Jumlah baris data' in names and names['Jumlah baris data'] == str(len(rows) - 1),
              'row count noted')

@test
def file_names_name_every_filter(s):
    setup(s)
    for path, want in (
            ('/api/v1/completions?year=2026&unit=' + U + '&type=teknis',
             'lentera-completions-2026-dinas-uji-excel-lembar-teknis'),
            ('/api/v1/completions?unit=' + U + '&course=k-a',
             'lentera-completions-all-dinas-uji-excel-lembar-k-a'),
            ('/api/v1/jp-summary?year=2026&unit=' + U + '&course=k-a&type=teknis',
             'lentera-jp-summary-2026-dinas-uji-excel-lembar-k-a-teknis'),
            ('/api/v1/completions?year=2026&since=2026-02-01',
             'lentera-completions-2026-since-2026-02-01'),
            ('/api/v1/learners/198901012014021101/record?year=2026',
             'lentera-record-198901012014021101-2026')):
        for fmt in ('csv', 'xlsx'):
            d = get(s, path + '&format=' + fmt).header('content-disposition')
            check(d == 'attachment; filename="%s.%s"' % (want, fmt), '%s: %s' % (path, d))

@test
def json_type_filter_and_next_link_keep_it(s):
    import json
    setup(s)
    d = json.loads(get(s, '/api/v1/completions?year=2026&unit=%s&type=teknis&per_page=2' % U).text)
    check([x['competency_type'] for x in d['data']] == ['teknis', 'teknis'], d['data'])
    check(d['next'] and '&type=teknis' in d['next'] and '&unit=' in d['next'], d['next'])
    rest = json.loads(get(s, d['next']).text)
    check(all(x['competency_type'] == 'teknis' for x in rest['data']) and
          len(d['data']) + len(rest['data']) == 4, rest)

@test
def jp_summary_counts_learners_not_idle_staff(s):
    """The rule the dashboard uses too: active learners, plus anyone with a
    matching completion; staff and deactivated accounts without one are
    not ASN below target."""
    setup(s)
    rows, _, _ = pair(s, '/api/v1/jp-summary?year=2026&unit=' + U)
    nips = {r[0]: r for r in rows[1:]}
    check('198906062014022106' in nips and nips['198906062014022106'][6] == '6',
          'a trainer who completed a course is counted')
    check('198907072014021107' not in nips, 'an hr account without courses is not counted')
    check('198908082014022108' not in nips, 'a deactivated learner without courses is not counted')
    check(nips['198909092014021109'][6:] == ['20', '20', 'ya', 'pns', '0'], 'deactivated after completing: counted')
    check(nips['198905052014021105'][6:] == ['0', '20', 'tidak', 'pns', '0'], 'active learner with 0 JP listed')
    rows, _, _ = pair(s, '/api/v1/jp-summary?year=2026&unit=' + U + '&course=k-a')
    jp = {r[0]: r[6] for r in rows[1:]}
    check(jp.get('198901012014021101') == '0' and jp.get('198902022014022102') == '19' and
          '198909092014021109' not in jp, 'course filter narrows the JP: %s' % jp)

run()
