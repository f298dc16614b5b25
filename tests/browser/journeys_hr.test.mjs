// HR journey in real Chromium against the real server: the dashboard, its
// filters and every download from it. What HR sees on the page must be
// what the files hold (completions and JP total against the completion
// CSV and XLSX; ASN counted, meeting and below target against the JP
// summary), every file name must name the filters, staff accounts that did
// not study are not ASN below target, a NIP opens that person's record
// page, and an XLSX too big for one Excel sheet shows a page that says so
// (and offers CSV) instead of a broken download. Screenshots at 1280 and
// 360 px; axe-core on each page. XLSX files are read with openpyxl.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const s = new Suite('browser_journeys_hr');
const UNIT = 'Dinas Uji Jurnal';
const UNIT_SLUG = 'dinas-uji-jurnal';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' })
    .format(new Date()));
const BIG_YEAR = 2024;		/* the year holding more rows than a sheet */
const BIG_ROWS = 1048576;
const PEOPLE = [	/* nip, name, role, active */
	['198801012012011201', 'Ayu Lestari', 'learner', 1],
	['198802022012012202', 'Bagus Pratama', 'learner', 1],
	['198803032012011203', 'Citra Dewi', 'learner', 1],
	['198804042012012204', 'Dimas Saputra', 'learner', 1],
	['198805052012011205', 'Pengajar Yang Belajar', 'trainer', 1],
	['198806062012012206', 'Staf SDM Saja', 'hr', 1],
	['198807072012011207', 'Admin Saja', 'admin', 1],
	['198808082012012208', 'Sudah Pindah', 'learner', 0],
];
const DONE = [	/* nip, course, type, jp, day of year */
	['198801012012011201', 'etika-integritas-asn', 'sosial-kultural', 12, 20],
	['198801012012011201', 'pelayanan-publik-prima', 'teknis', 10, 40],
	['198802022012012202', 'pelayanan-publik-prima', 'teknis', 8, 60],
	['198803032012011203', 'literasi-digital-egov', 'teknis', 20, 80],
	['198805052012011205', 'pelayanan-publik-prima', 'teknis', 4, 90],
	['198801012012011201', 'k-lama', 'teknis', 6, -300],	/* last year */
];

/* SQL against the server's own database file, as an operator would. */
function sql(script, args = []) {
	const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
	const r = spawnSync(py, ['-c', `
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=30)
with con:
    exec(sys.argv[2], {'con': con, 'args': json.loads(sys.argv[3])})
con.close()`, s.db, script, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 26 });
	if (r.status !== 0)
		throw new Error('sql: ' + r.stderr.slice(-800));
}

function seed() {
	const jan1 = Date.UTC(YEAR, 0, 1, 5) / 1000;	/* 12:00 WIB */
	sql(`
for nip, name, role, active in args['people']:
    con.execute("INSERT INTO users (nip, name, role, unit, position, golongan, active, account_id,"
                " created_at, updated_at) VALUES (?,?,?,?,'Analis','III/b',?,lower(hex(randomblob(16))),"
                " unixepoch(), unixepoch())", (nip, name, role, args['unit'], active))
for nip, course, ctype, jp, day in args['done']:
    t = args['jan1'] + day * 86400
    uid = con.execute("SELECT id FROM users WHERE nip = ?", (nip,)).fetchone()[0]
    con.execute("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
                " level, jp, started_at, completed_at, year, score) VALUES (?,?,?,?,?,2,?,?,?,?,88.5)",
                (uid, course, 'Kursus ' + course, 'Kompetensi ' + course, ctype, jp, t - 86400, t,
                 args['year'] if day >= 0 else args['year'] - 1))
uid = con.execute("SELECT id FROM users WHERE nip = ?", (args['people'][1][0],)).fetchone()[0]
con.execute("INSERT INTO progress (user_id, course, module, done_at) VALUES (?,?,?,?)",
            (uid, 'literasi-digital-egov', '01-pengantar', args['jan1'] + 100 * 86400))
`, { people: PEOPLE, done: DONE, unit: UNIT, jan1, year: YEAR });
}

/* RFC 4180 rows (quoted fields with commas, quotes and line breaks). */
function parseCsv(text) {
	const rows = [];
	let row = [], f = '', q = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (q) {
			if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
			else if (c === '"') q = false;
			else f += c;
		} else if (c === '"') q = true;
		else if (c === ',') { row.push(f); f = ''; }
		else if (c === '\r' && text[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
		else f += c;
	}
	if (f !== '' || row.length) { row.push(f); rows.push(row); }
	return rows;
}

/* The first sheet of an XLSX as rows of strings (openpyxl, Debian's). */
function readXlsx(file) {
	const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
	const r = spawnSync(py, ['-c', `
import io, json, sys, openpyxl
ws = openpyxl.load_workbook(io.BytesIO(open(sys.argv[1], "rb").read())).worksheets[0]
print(json.dumps([[("" if v is None else str(v)) for v in row] for row in ws.iter_rows(values_only=True)]))`,
	    file], { encoding: 'utf8', maxBuffer: 1 << 26 });
	if (r.status !== 0)
		throw new Error('openpyxl: ' + r.stderr.slice(-500));
	return JSON.parse(r.stdout);
}

/* Clicks a download link of the page: { name, rows } (header first). */
async function download(page, exp) {
	const link = page.locator(`main a[data-export="${exp}"]`).first();
	expect(await link.count() === 1, `no ${exp} link on ${page.url()}`);
	const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const file = await dl.path();
	const name = dl.suggestedFilename();
	const rows = exp.endsWith('xlsx') ? readXlsx(file) : parseCsv(fs.readFileSync(file, 'utf8'));
	return { name, rows };
}

async function text(page, sel) {
	return (await page.locator(sel).first().innerText()).trim();
}

/* The page's figures and the below-target NIPs. */
async function figures(page) {
	const [meeting, people] = (await text(page, '#meeting')).split('/').map((x) => Number(x.trim()));
	const below = await page.locator('#below tbody tr td:first-child').allInnerTexts();
	return { done: Number(await text(page, '#completions')), jp: Number(await text(page, '#jp-total')),
	    meeting, people, below: below.map((x) => x.trim()).sort() };
}

/* Every download of the dashboard holds what the page counts. */
async function agree(page, parts) {
	const f = await figures(page);
	for (const fmt of ['csv', 'xlsx']) {
		const c = await download(page, 'completions-' + fmt);
		const j = await download(page, 'jp-summary-' + fmt);
		for (const d of [c, j])
			for (const p of parts)
				expect(d.name.includes(p), `${d.name} does not name the filter ${p}`);
		expect(c.name.startsWith('lentera-completions-') && c.name.endsWith('.' + fmt), c.name);
		const jpcol = fmt === 'csv' ? 'jumlah_jp' : 'Jumlah JP';
		const ci = c.rows[0].indexOf(jpcol), ji = j.rows[0].indexOf(jpcol);
		const mi = j.rows[0].indexOf(fmt === 'csv' ? 'memenuhi_target' : 'Memenuhi Target');
		expect(ci >= 0 && ji >= 0 && mi >= 0, `${fmt}: columns ${c.rows[0]} / ${j.rows[0]}`);
		const crow = c.rows.slice(1), jrow = j.rows.slice(1);
		const sum = (rows, i) => rows.reduce((a, r) => a + Number(r[i]), 0);
		expect(crow.length === f.done, `${fmt}: page counts ${f.done} completions, file has ${crow.length}`);
		expect(sum(crow, ci) === f.jp, `${fmt}: page JP ${f.jp}, completions file ${sum(crow, ci)}`);
		expect(sum(jrow, ji) === f.jp, `${fmt}: page JP ${f.jp}, JP summary ${sum(jrow, ji)}`);
		expect(jrow.length === f.people, `${fmt}: page counts ${f.people} ASN, JP summary has ${jrow.length}`);
		const ya = jrow.filter((r) => r[mi] === 'ya').length;
		expect(ya === f.meeting, `${fmt}: page ${f.meeting} meeting, file ${ya}`);
		const below = jrow.filter((r) => r[mi] === 'tidak').map((r) => r[0]).sort();
		expect(JSON.stringify(below) === JSON.stringify(f.below),
		    `${fmt}: below target on the page ${f.below}, in the file ${below}`);
	}
	return f;
}

const shots = [];	/* [url, file] for the mobile and axe passes */

try {
	await s.start();
	seed();

	await s.check('dashboard_and_downloads_agree', async () => {
		const page = await s.page();
		await s.login(page, DEMO.hr);
		await page.goto('/hr');
		await page.selectOption('#unit', UNIT);
		await Promise.all([page.waitForURL(/unit=/), page.click('main form button[type=submit]')]);
		const f = await agree(page, [String(YEAR), UNIT_SLUG]);
		// Learners 4 (Ayu, Bagus, Citra, Dimas) + the trainer who studied;
		// idle hr/admin staff and the deactivated learner are not ASN.
		expect(f.people === 5 && f.done === 5 && f.jp === 54 && f.meeting === 2,
		    `figures ${JSON.stringify(f)}`);
		for (const nip of ['198806062012012206', '198807072012011207', '198808082012012208'])
			expect(!f.below.includes(nip), `${nip} (idle staff or deactivated) listed below target`);
		expect((await text(page, 'main')).includes('1,99E+17') &&
		    (await text(page, '#excel-note')).includes('XLSX'), 'no advice for Excel users');
		await s.shot(page, 'hr-dashboard');
		shots.push([page.url(), 'hr-dashboard']);

		// Course and type filters: the page and every file narrow alike.
		await page.selectOption('#course', 'pelayanan-publik-prima');
		await page.selectOption('#type', 'teknis');
		await Promise.all([page.waitForURL(/type=teknis/), page.click('main form button[type=submit]')]);
		const g = await agree(page, [String(YEAR), UNIT_SLUG, 'pelayanan-publik-prima', 'teknis']);
		expect(g.done === 3 && g.jp === 22 && g.meeting === 0 && g.people === 5, `filtered ${JSON.stringify(g)}`);
		await page.ctx.close();
	});

	await s.check('nip_opens_the_person_record', async () => {
		const page = await s.page();
		await s.login(page, DEMO.hr);
		await page.goto('/hr?year=' + YEAR + '&unit=' + encodeURIComponent(UNIT));
		const nip = '198802022012012202';
		const link = page.locator(`#below a[href^="/hr/people/${nip}"]`);
		expect(await link.count() === 1, 'below-target NIP is not a link to the person page');
		await Promise.all([page.waitForURL(new RegExp(`/hr/people/${nip}`)), link.click()]);
		expect(await text(page, '#nip') === nip && (await text(page, 'main h2')).includes('Bagus Pratama'),
		    'person page shows someone else');
		expect(await text(page, '#jp-year') === '8', 'JP this year ' + await text(page, '#jp-year'));
		expect(await page.locator('main progress').count() >= 1, 'no progress bar');
		expect(await page.locator('#done tbody tr').count() === 1, 'completions listed');
		expect((await text(page, '#open')).includes('1 / '), 'course in progress with modules done');
		for (const fmt of ['csv', 'xlsx']) {
			const d = await download(page, 'record-' + fmt);
			expect(d.name === `lentera-record-${nip}.${fmt}` && d.rows.length === 2, `${d.name} ${d.rows.length}`);
		}
		await s.shot(page, 'hr-person');
		shots.push([page.url(), 'hr-person']);
		// Staff who studied: the page says when they count.
		await page.goto('/hr/people/198805052012011205');
		expect((await text(page, 'main')).includes('staf') || (await text(page, 'main')).includes('Staf'),
		    'staff note missing');
		expect(await s.status(page, '/hr/people/199912312020121999') === 404, 'unknown NIP not 404');
		expect(await s.status(page, '/hr/people/12345') === 404, 'bad NIP not 404');
		await page.ctx.close();
		const l = await s.page();
		await s.login(l, DEMO.learner);
		expect(await s.status(l, '/hr/people/' + nip) === 403, 'a learner opens an HR page');
		await l.ctx.close();
	});

	await s.check('xlsx_too_big_shows_a_page', async () => {
		sql(`
uid = con.execute("SELECT id FROM users WHERE nip = ?", (args['nip'],)).fetchone()[0]
# One INSERT ... SELECT over a counter (the rows made in SQLite, not
# a million Python tuples bound one by one: 2.4 times faster).
con.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
            " WHERE i + 1 < ?) INSERT INTO completions (user_id, course, course_title,"
            " competency, competency_type, level, jp, started_at, completed_at, year)"
            " SELECT ?, printf('bulk-%07d', i), 'Massal', 'K', 'teknis', 1, 1,"
            " 1717200000, 1717286400, ? FROM n", (args['n'], uid, args['year']))
`, { nip: PEOPLE[3][0], year: BIG_YEAR, n: BIG_ROWS });
		const page = await s.page();
		await s.login(page, DEMO.hr);
		await page.goto('/hr?year=' + BIG_YEAR);
		expect(await text(page, '#completions') === String(BIG_ROWS), 'big year figure');
		await Promise.all([page.waitForURL(/format=xlsx/),
		    page.locator('main a[data-export="completions-xlsx"]').first().click()]);
		const body = await text(page, 'main');
		expect(body.includes('Excel') && body.includes(String(BIG_ROWS)), 'no clear message: ' + body.slice(0, 300));
		const csv = page.locator('main a[href*="format=csv"]');
		expect(await csv.count() === 1 && (await csv.getAttribute('href')).includes('year=' + BIG_YEAR),
		    'no CSV offered with the same filters');
		await s.shot(page, 'hr-xlsx-too-big');
		shots.push([page.url(), 'hr-xlsx-too-big']);
		await page.ctx.close();
	});

	await s.check('hr_pages_axe_and_mobile', async () => {
		const bad = [];
		for (const [url, file] of shots) {
			const a = await s.page({ bypassCSP: true });
			await s.login(a, DEMO.hr);
			await a.goto(url);
			for (const v of await axe(a))
				bad.push(`${file} ${v}`);
			await a.ctx.close();
			const m = await s.page({ viewport: MOBILE });
			await s.login(m, DEMO.hr);
			await m.goto(url);
			await s.shot(m, file + '-360');
			const o = await overflow(m);
			if (o > 0)
				bad.push(`${file} sideways scroll +${o}px at 360px`);
			await m.ctx.close();
		}
		expect(shots.length === 3, 'pages missing: ' + shots.map((x) => x[1]));
		expect(bad.length === 0, bad.join('; '));
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
