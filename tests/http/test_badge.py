"""Open Badges 3.0 (issue 14 item 3): a completion downloaded as an
OpenBadgeCredential verifies with a third-party verifier offline
(Digital Bazaar's @digitalbazaar/vc with the eddsa-jcs-2022 cryptosuite,
tests/badge/verify.mjs), and fails after any byte of it is changed; the
NIP never appears in it; only the owner can download it.
"""
import hashlib, json, re, tempfile
from lib import *

TREE = tempfile.mkdtemp(prefix='lentera-badge-')
COURSE = 'kursus-lencana'
src = os.path.join(COURSES, 'pelayanan-publik-prima')
shutil.copytree(src, os.path.join(TREE, COURSE),
                ignore=shutil.ignore_patterns('*.lua'))
_cm = os.path.join(TREE, COURSE, 'course.md')
with open(_cm, encoding='utf-8') as f:
    _t = f.read()
_t = re.sub(r'^id: .*$', 'id: ' + COURSE, _t, flags=re.M)
_t = re.sub(r'^(pretest|final): .*\n', '', _t, flags=re.M)
with open(_cm, 'w', encoding='utf-8') as f:
    f.write(_t)
MODULES = sorted(f[:-3] for f in os.listdir(os.path.join(TREE, COURSE))
                 if re.match(r'\d\d-.*\.md$', f))
VERIFY = os.path.join(ROOT, 'tests', 'badge', 'verify.mjs')
BADGE = '/certificate/%s/badge.json' % COURSE
got = {}

def verify(texts):
    p = subprocess.run(['node', VERIFY], input=json.dumps(texts), capture_output=True,
                       text=True, timeout=300)
    check(p.returncode == 0, 'verifier ran: %s' % p.stderr[-500:])
    return json.loads(p.stdout)

@test
def agency_named_in_settings(s):
    a = s.client()
    a.login(*DEMO['admin'])
    r = a.post('/admin/settings', {'csrf': a.csrf('/admin/settings'),
                                   'agency_name': 'BKPSDM Kota Contoh'})
    check(r.status in (200, 303), 'settings saved: %d %s' % (r.status, r.text[:200]))

@test
def learner_completes_and_downloads(s):
    c = s.client()
    c.login(*DEMO['learner'])
    for m in MODULES:
        path = '/courses/%s/%s' % (COURSE, m)
        r = c.post(path + '/done', {'csrf': c.csrf(path)})
        check(r.status == 303, 'done %s: %d' % (m, r.status))
    r = c.get(BADGE)
    check(r.status == 200, 'badge download %d %s' % (r.status, r.text[:200]))
    check(r.header('content-type').startswith('application/vc+ld+json'), r.header('content-type'))
    check('attachment' in (r.header('content-disposition') or ''), 'a download')
    got['text'] = r.text
    got['again'] = c.get(BADGE).text

@test
def credential_has_the_open_badges_shape(s):
    d = json.loads(got['text'])
    check(d['@context'][:2] == ['https://www.w3.org/ns/credentials/v2',
                                'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          'contexts: %s' % d['@context'])
    check('VerifiableCredential' in d['type'] and 'OpenBadgeCredential' in d['type'], d['type'])
    check(d['issuer']['id'].startswith('did:key:z6Mk') and 'Profile' in d['issuer']['type'] and
          d['issuer']['name'] == 'BKPSDM Kota Contoh', 'issuer profile from the settings: %s' % d['issuer'])
    sub = d['credentialSubject']
    check('AchievementSubject' in sub['type'], 'subject type')
    ach = sub['achievement']
    check('Achievement' in ach['type'] and ach['name'] == 'Pelayanan Publik Prima' and
          ach['criteria']['narrative'], 'achievement with criteria: %s' % ach)
    check(re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', d['validFrom']), d['validFrom'])
    pr = d['proof']
    check(pr['type'] == 'DataIntegrityProof' and pr['cryptosuite'] == 'eddsa-jcs-2022' and
          pr['proofPurpose'] == 'assertionMethod' and pr['proofValue'].startswith('z') and
          pr['verificationMethod'].startswith(d['issuer']['id'] + '#'), 'proof: %s' % pr)

@test
def nip_is_hashed_not_written(s):
    nip = DEMO['learner'][0]
    check(nip not in got['text'], 'the raw NIP must not be in the credential')
    ident = json.loads(got['text'])['credentialSubject']['identifier'][0]
    check(ident['type'] == 'IdentityObject' and ident['hashed'] is True, ident)
    want = 'sha256$' + hashlib.sha256((nip + ident['salt']).encode()).hexdigest()
    check(ident['identityHash'] == want, 'holder proves the NIP: %s vs %s' % (ident['identityHash'], want))

@test
def same_completion_same_bytes(s):
    check(got['text'] == got['again'], 'a second download is byte-identical')

@test
def third_party_verifier_accepts(s):
    r = verify([got['text']])[0]
    check(r['verified'], 'verified by @digitalbazaar/vc: %s' % r['error'])

@test
def any_changed_byte_fails(s):
    text = got['text'].encode('utf-8')
    # Every 7th byte, plus every byte of the name and the proof value.
    pos = set(range(0, len(text), 7))
    for key in (b'"name":"', b'"proofValue":"z', b'"validFrom":"', b'"identityHash":"'):
        i = text.index(key) + len(key)
        pos.update(range(i, i + 12))
    variants = []
    for i in sorted(pos):
        b = bytearray(text)
        b[i] = ord('A') if b[i] != ord('A') else ord('B')
        variants.append(bytes(b).decode('utf-8', 'replace'))
    res = verify(variants)
    passed = [i for i, r in zip(sorted(pos), res) if r['verified']]
    check(not passed, '%d of %d one-byte changes still verified, at %s' %
          (len(passed), len(variants), passed[:10]))

@test
def certificate_page_and_record_link_the_badge(s):
    c = s.client()
    c.login(*DEMO['learner'])
    r = c.get('/certificate/' + COURSE)
    check(r.status == 200 and ('href="%s"' % BADGE) in r.text and 'Open Badges' in r.text,
          'certificate page offers the badge download')
    r = c.get('/record')
    check(r.status == 200 and ('href="%s"' % BADGE) in r.text, 'Rekam Jejak links the badge')

@test
def signed_urls_never_follow_the_host_header(s):
    """A client must not choose what the server signs or prints."""
    c = s.client()
    c.login(*DEMO['learner'])
    r = c.get(BADGE, headers={'Host': 'lentera-verify.evil.example'})
    check(r.status == 200 and 'evil.example' not in r.text, 'badge ignores Host')
    r = c.get('/certificate/' + COURSE, headers={'Host': 'lentera-verify.evil.example'})
    check(r.status == 200 and 'evil.example' not in r.text and
          'https://lentera.contoh.go.id/verify/' in r.text, 'certificate page uses --base-url')

@test
def only_the_owner_downloads(s):
    check(s.client().get(BADGE).status in (303, 401), 'anonymous: login first')
    hr = s.client()
    hr.login(*DEMO['hr'])
    check(hr.get(BADGE).status == 404, 'another user has no such completion')
    c = s.client()
    c.login(*DEMO['learner'])
    check(c.get('/certificate/tidak-ada/badge.json').status == 404, 'unknown course 404')

run(lambda: Server(courses=TREE, args=['--base-url', 'https://lentera.contoh.go.id']))
shutil.rmtree(TREE, ignore_errors=True)
