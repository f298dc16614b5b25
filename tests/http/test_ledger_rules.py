"""JP rules as data (issue 11.4): `lentera serve --jp-rules FILE` runs on
the agency's file; a bad file stops the start with FILE:LINE messages; a
changed cap is enforced (here 1 credited mentoring session a month) and
each entry names the rule that credited it."""
import datetime, os, re, subprocess, tempfile, uuid
from lib import *

D = tempfile.mkdtemp(prefix='lentera-rules-')
RULES = os.path.join(D, 'aturan.txt')
BAD = os.path.join(D, 'salah.txt')
text = subprocess.run([BIN, 'jp-rules'], capture_output=True, text=True).stdout
# The mentoring section's monthly cap, 2 -> 1.
sec = text.index('[bentuk mentoring]')
end = text.index('[bentuk', sec + 1)
text = text[:sec] + text[sec:end].replace('maks_sesi_bulan = 2', 'maks_sesi_bulan = 1') + text[end:]
open(RULES, 'w').write(text)
open(BAD, 'w').write('[bentuk x]\nnama = X\nsiasn = 99\n')
REF = re.search(r'(mentoring@[0-9a-f]{8})', subprocess.run([BIN, 'jp-rules', RULES], capture_output=True,
                                                           text=True).stdout).group(1)
MENTOR = '198601012010011011'
PW2 = 'kata-sandi-uji-2026'
NOW = datetime.datetime(2026, 6, 28, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
CLOCK = use_test_clock()
set_clock(str(int(NOW.timestamp())))
PDF = b'%PDF-1.4\n%%EOF\n'

def mp(fields):
    b = '----R' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (b, k)).encode() + \
            str(v).encode() + b'\r\n'
    out += ('--%s\r\nContent-Disposition: form-data; name="evidence"; filename="a.pdf"\r\n'
            'Content-Type: application/pdf\r\n\r\n' % b).encode() + PDF + b'\r\n'
    return out + ('--%s--\r\n' % b).encode(), 'multipart/form-data; boundary=' + b

@test
def bad_rules_file_stops_the_start(s):
    r = subprocess.run([BIN, 'serve', '--port', str(free_port()), '--db', os.path.join(D, 'x.db'),
                        '--jp-rules', BAD], capture_output=True, text=True, timeout=20)
    check(r.returncode == 2 and BAD + ':3:' in r.stderr, r.stderr)

@test
def the_agencys_cap_is_enforced_and_named(s):
    r = s.cli('user', 'add', '--nip', MENTOR, '--name', 'Mentor', '--role', 'learner', '--db', s.db,
              stdin=PW2 + '\n')
    check(r.returncode == 0, r.stderr)
    s.sql("UPDATE users SET nip_atasan = ? WHERE nip = ?", (DEMO['hr'][0], DEMO['learner'][0]))
    m = s.client()
    m.login(*DEMO['learner'])
    for day in (3, 10):
        body, ct = mp({'csrf': m.csrf('/learning'), 'what': 'session', 'kind': 'mentoring', 'mentor': MENTOR,
                       'start': '%04d-%02d-%02d' % (NOW.year, NOW.month, day), 'minutes': 45,
                       'mode': 'daring', 'title': 'Sesi %d' % day})
        check(m.request('POST', '/learning', body=body, headers={'Content-Type': ct}).status == 303, 'logged')
    t = s.client()
    t.login(MENTOR, PW2)
    h = s.client()
    h.login(*DEMO['hr'])
    for rid, in s.sql('SELECT id FROM learn_record ORDER BY id'):
        check(t.post('/review/%d' % rid, {'csrf': t.csrf('/review'), 'action': 'confirm'}).status == 303, 'c')
        check(h.post('/review/%d' % rid, {'csrf': h.csrf('/review'), 'action': 'approve'}).status == 303, 'a')
    rows = s.sql("SELECT cjp, rule_ref, note FROM ledger WHERE source = 'mentoring' ORDER BY ref_id")
    check(rows[0][:2] == (100, REF) and rows[1][0] == 0 and rows[1][1] == REF and 'batas 1 sesi' in rows[1][2],
          rows)

run(lambda: Server(args=['--jp-rules', RULES] + CLOCK))
