"""Argon2id parameters (core/password.h): new hashes use m = 19 MiB, t = 2,
p = 1, stored in the hash string; a hash made with the old parameters
(libsodium INTERACTIVE, 64 MiB) still logs in and is replaced on that login
by one with today's parameters; a wrong password never rewrites it."""
from lib import *

CURRENT = '$argon2id$v=19$m=19456,t=2,p=1$'
# demo-lentera-2026 hashed with crypto_pwhash_*_INTERACTIVE (the wave 1 hashes).
OLD = ('$argon2id$v=19$m=65536,t=2,p=1$C3VRgt+b6UitpE5CMyx1gA$'
       'Cedm+LXYKnkIdRYGulO87PMAub2AM+k92nvvVVsvDZw')

def pwhash(s, nip):
    (h,), = s.sql('SELECT pwhash FROM users WHERE nip = ?', (nip,))
    return h

@test
def new_hashes_carry_the_chosen_parameters(s):
    nip = test_nip(901)
    r = s.cli('user', 'add', '--nip', nip, '--name', 'Uji Parameter', '--role',
              'learner', '--db', s.db, stdin='kata-sandi-baru-1\n')
    check(r.returncode == 0, 'user add: %s' % r.stderr)
    h = pwhash(s, nip)
    check(h.startswith(CURRENT), 'new hash parameters: %s' % h[:40])
    c = s.client()
    c.login(nip, 'kata-sandi-baru-1')

@test
def old_hash_verifies_and_is_rehashed_on_login(s):
    nip = DEMO['trainer'][0]
    s.sql('UPDATE users SET pwhash = ? WHERE nip = ?', (OLD, nip))
    bad = s.client().post('/login', {'nip': nip, 'password': 'salah-sekali-123'})
    check(bad.status == 401, 'wrong password: %d' % bad.status)
    check(pwhash(s, nip) == OLD, 'a failed login rewrote the hash')
    c = s.client()
    c.login(*DEMO['trainer'])
    h = pwhash(s, nip)
    check(h.startswith(CURRENT) and h != OLD, 'not rehashed on login: %s' % h[:40])
    c2 = s.client()
    c2.login(*DEMO['trainer'])		# the new hash verifies the same password
    check(c2.get('/courses').status == 200, 'session after the rehash')

@test
def current_hash_is_left_alone(s):
    nip = DEMO['learner'][0]
    before = pwhash(s, nip)
    check(before.startswith(CURRENT), 'demo hash parameters: %s' % before[:40])
    s.client().login(*DEMO['learner'])
    check(pwhash(s, nip) == before, 'a current hash was rewritten')

run()
