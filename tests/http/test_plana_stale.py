"""The gap summary follows its inputs (gap.h): a planning import or a
roster change shows at the next view; course completions show once the
summary is ten minutes old (time moved with the test clock), and the
page says when it was computed."""
import re
from lib import *

NIP = DEMO['learner'][0]

def hr(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c

def gap(s, ckey):
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (NIP,))[0][0]
    r = s.sql('SELECT gap FROM plan_gap WHERE user_id = ? AND target = 0 AND ckey = ?', (uid, ckey))
    return r[0][0] if r else 0

@test
def completions_wait_ten_minutes(s):
    set_clock('1790000000')
    c = hr(s)
    check(c.get('/hr/kesenjangan').status == 200, 'heatmap')
    check(gap(s, 'integritas') == 1, 'pelaksana default: gap 1')
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (NIP,))[0][0]
    s.sql("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
          " level, jp, started_at, completed_at, year) VALUES (?, 'etika-integritas-asn', 'Etika',"
          " 'Integritas', 'manajerial', 1, 4, 1789990000, 1789999000, 2026)", (uid,))
    set_clock('1790000300')
    t = c.get('/hr/kesenjangan').text
    check(gap(s, 'integritas') == 1, 'five minutes later: the summary is kept')
    check('<p class="hint">Dihitung ' in t, 'the page says when it was computed')
    # The person page is live.
    p = c.get('/hr/kesenjangan/' + NIP).text
    check(re.search(r'<th scope="row">Integritas</th><td class="num">1</td><td class="num">1</td>', p),
          'person page live')
    set_clock('1790000601')
    c.get('/hr/kesenjangan')
    check(gap(s, 'integritas') == 0, 'ten minutes later: rebuilt, the completion counts')

@test
def planning_input_shows_at_once(s):
    set_clock('1790001000')
    c = hr(s)
    c.get('/hr/kesenjangan')
    check(gap(s, 'komunikasi') == 1, 'gap before')
    s.sql("INSERT INTO plan_profile (user_id, ckey, source, ref, level, at, recorded_at)"
          " SELECT id, 'komunikasi', 'survei-atasan', 'survei:1', 2, 1790000900, 1790000900"
          " FROM users WHERE nip = ?", (NIP,))
    c.get('/hr/kesenjangan')
    check(gap(s, 'komunikasi') == 0, 'an atasan survey answer closes it at the next view')
    s.sql("UPDATE users SET active = 0 WHERE nip = ?", (NIP,))
    c.get('/hr/kesenjangan')
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (NIP,))[0][0]
    check(s.sql('SELECT count(*) FROM plan_gap WHERE user_id = ?', (uid,))[0][0] == 0,
          'a deactivated person leaves the summary at once')

run(lambda: Server(args=use_test_clock()))
