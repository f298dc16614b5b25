"""`lentera jp-rules` (issue 11 item 4, JP rules as data): the shipped
defaults print and check clean; a bad rules file lists every problem as
FILE:LINE and exits 1; usage errors exit 2.
"""
import tempfile
from lib import *

@test
def defaults_print_and_check(s):
    p = s.cli('jp-rules')
    check(p.returncode == 0 and '[sasaran pns]' in p.stdout and
          'min_jp_tahun = 20' in p.stdout, 'defaults printed: %s' % p.stdout[:300])
    tmp = tempfile.mkdtemp(prefix='lentera-jprules-')
    path = os.path.join(tmp, 'aturan.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(p.stdout)
    q = s.cli('jp-rules', path)
    check(q.returncode == 0 and 'sah: 25 bentuk, 2 sasaran' in q.stdout, q.stdout[-300:] + q.stderr)
    check('coaching@' in q.stdout and '(belum pasti)' in q.stdout,
          'refs and unconfirmed marks shown')
    shutil.rmtree(tmp, ignore_errors=True)

@test
def bad_file_lists_every_line(s):
    tmp = tempfile.mkdtemp(prefix='lentera-jprules-')
    path = os.path.join(tmp, 'aturan.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('[bentuk coaching]\nnama = Coaching\nsiasn = 99\nmenit_per_jp = 45\n'
                'maks_sesi_bulan = dua\n[bentuk seminar]\nnama = Seminar\nsiasn = 9\n')
    p = s.cli('jp-rules', path)
    check(p.returncode == 1, 'exit 1: %d' % p.returncode)
    for want in ('aturan.txt:3: siasn', 'aturan.txt:5: maks_sesi_bulan',
                 'aturan.txt:6: [bentuk seminar]: tulis salah satu'):
        check(want in p.stderr, '%s in %s' % (want, p.stderr))
    shutil.rmtree(tmp, ignore_errors=True)

@test
def usage_errors(s):
    check(s.cli('jp-rules', '--help').returncode == 0, '--help')
    check(s.cli('jp-rules', '--frob').returncode == 2, 'unknown flag')
    check(s.cli('jp-rules', 'a', 'b').returncode == 2, 'two files')
    p = s.cli('jp-rules', '/tidak/ada.txt')
    check(p.returncode == 1 and '/tidak/ada.txt' in p.stderr, p.stderr)

run()
