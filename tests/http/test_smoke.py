"""Smoke: the server starts, serves the login page and the catalogue."""
from lib import *

@test
def health(s):
    r = s.client().get('/healthz')
    check(r.status == 200 and r.text == 'ok\n', 'healthz %d' % r.status)

@test
def demo_learner_reads_catalogue(s):
    c = s.client()
    c.login(*DEMO['learner'])
    r = c.get('/courses')
    check(r.status == 200, 'status %d' % r.status)
    check('Pelayanan Publik Prima' in r.text, 'sample course listed')

run()
