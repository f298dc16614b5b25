// Every xAPI statement Lentera emits, checked by Learning Locker's
// conformance-tested validator (@learninglocker/xapi-validation). The real
// server on a free port with its own database: a learner takes the
// diagnostic pre-test and finishes a course through the real pages;
// sqlite3 (as a roster import or an older release would leave them) adds
// rows with awkward titles, quiz names and scores. Then every page of
// GET /api/v1/xapi/statements, in every format and order, and every
// statement by statementId, goes through the validator. No browser needed.
// Prints "PASS name" / "FAIL name: why" lines (tests/run.sh counts them).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validate = require('@learninglocker/xapi-validation').default;
const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const BIN = path.join(ROOT, process.env.BUILD || 'build', 'lentera');
const PW = 'demo-lentera-2026';
const COURSE = 'pelayanan-publik-prima';
const NAME = 'xapi_validate';
const ADL = 'http://adlnet.gov/expapi/verbs/';

let failed = 0;
async function check(name, fn) {
	try {
		await fn();
		console.log(`PASS ${NAME}.${name}`);
	} catch (e) {
		failed++;
		console.log(`FAIL ${NAME}.${name}: ${String(e && e.message || e).split('\n')[0].slice(0, 800)}`);
	}
}
function expect(cond, what) {
	if (!cond)
		throw new Error(what);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-xapi-'));
const db = path.join(tmp, 'data', 'lentera.db');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const logfd = fs.openSync(path.join(tmp, 'server.log'), 'a');
const proc = spawn(BIN, ['serve', '--port', String(port), '--db', db,
    '--courses', path.join(ROOT, 'courses'), '--web', path.join(ROOT, 'web')],
    { cwd: ROOT, stdio: ['ignore', logfd, logfd] });
fs.closeSync(logfd);

function sql(text) {
	const r = spawnSync('sqlite3', ['-bail', db], { input: text, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error('sqlite3: ' + r.stderr);
	return r.stdout.trim();
}
function cli(...args) {
	const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', input: PW + '\n' });
	if (r.status !== 0)
		throw new Error(`lentera ${args.join(' ')}: ${r.stderr}`);
	return r.stdout.trim();
}

/* A browser-like client: cookies, no redirects. */
class Client {
	constructor() { this.cookies = {}; }
	async req(method, url, form, headers = {}) {
		const h = { ...headers };
		const jar = Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
		if (jar)
			h.Cookie = jar;
		let body;
		if (form) {
			body = new URLSearchParams(form).toString();
			h['Content-Type'] = 'application/x-www-form-urlencoded';
		}
		const r = await fetch(base + url, { method, headers: h, body, redirect: 'manual' });
		for (const sc of r.headers.getSetCookie()) {
			const [kv] = sc.split(';');
			const i = kv.indexOf('=');
			this.cookies[kv.slice(0, i).trim()] = kv.slice(i + 1);
		}
		r.text_ = await r.text();
		return r;
	}
	async csrf(url) {
		const r = await this.req('GET', url);
		const m = /name="csrf" value="([0-9a-f]+)"/.exec(r.text_);
		expect(m, `no csrf token on ${url} (${r.status})`);
		return m[1];
	}
}

async function stop() {
	if (proc.exitCode === null) {
		proc.kill('SIGTERM');
		await new Promise((r) => {
			const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 10000);
			proc.once('exit', () => { clearTimeout(t); r(); });
		});
	}
	fs.rmSync(tmp, { recursive: true, force: true });
}

try {
	const deadline = Date.now() + 15000;
	for (;;) {
		try {
			if ((await fetch(base + '/healthz')).status === 200)
				break;
		} catch { /* not up yet */ }
		if (proc.exitCode !== null || Date.now() > deadline)
			throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 50));
	}
	await main();
} catch (e) {
	failed++;
	console.log(`FAIL ${NAME}: ${String(e && e.stack || e).split('\n').slice(0, 3).join(' ')}`);
} finally {
	await stop();
	process.exitCode = failed ? 1 : 0;
}

async function main() {
	const token = cli('token', 'create', '--name', 'lrs-validate', '--db', db);
	const api = async (url, headers = {}) => {
		const r = await fetch(base + url, { headers: { Authorization: 'Bearer ' + token, ...headers } });
		const text = await r.text();
		expect(r.status === 200, `${url}: ${r.status} ${text.slice(0, 200)}`);
		expect(r.headers.get('x-experience-api-version') === '1.0.3', `${url}: version header`);
		return JSON.parse(text);
	};

	await check('real_learning_flow', async () => {
		const nip = '199001012015011888';
		cli('user', 'add', '--nip', nip, '--name', 'Peserta Validasi', '--role', 'learner', '--db', db);
		const uid = sql(`SELECT id FROM users WHERE nip = '${nip}';`);
		const c = new Client();
		let r = await c.req('POST', '/login', { nip, password: PW });
		expect(r.status === 303, `login ${r.status}`);
		// The diagnostic pre-test (pass = 0), taken and submitted.
		const pre = `/quiz/${COURSE}/quiz-pre.lua`;
		r = await c.req('POST', pre + '/start', { csrf: await c.csrf(pre) });
		expect(r.status === 303, `pre-test start ${r.status}`);
		const att = r.headers.get('location');
		r = await c.req('POST', att + '/submit', { csrf: await c.csrf(att) });
		expect(r.status === 303, `pre-test submit ${r.status}`);
		// A failed final test through the pages, a passed one as stored rows.
		const fin = `/quiz/${COURSE}/quiz-final.lua`;
		r = await c.req('POST', fin + '/start', { csrf: await c.csrf(fin) });
		expect(r.status === 303, `final start ${r.status}`);
		const att2 = r.headers.get('location');
		r = await c.req('POST', att2 + '/submit', { csrf: await c.csrf(att2) });
		expect(r.status === 303, `final submit ${r.status}`);
		const now = Math.floor(Date.now() / 1000);
		sql(`INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot, started_at,
		    submitted_at, score, max, percent, passed) VALUES (${uid}, '${COURSE}', 'quiz-final.lua', 2, 1,
		    'q', '{}', ${now - 60}, ${now}, 17, 20, 85.0, 1);`);
		const page = (await c.req('GET', `/courses/${COURSE}`)).text_;
		const mods = [...new Set([...page.matchAll(new RegExp(`href="/courses/${COURSE}/(\\d\\d-[a-z0-9-]+)"`, 'g'))].map((m) => m[1]))];
		expect(mods.length > 0, 'modules listed');
		for (const m of mods) {
			const p = `/courses/${COURSE}/${m}`;
			r = await c.req('POST', p + '/done', { csrf: await c.csrf(p) });
			expect(r.status === 303, `done ${m}: ${r.status}`);
		}
		expect(sql(`SELECT count(*) FROM completions WHERE user_id = ${uid};`) === '1', 'course completed');
	});

	await check('awkward_stored_rows', async () => {
		const now = Math.floor(Date.now() / 1000);
		sql(`INSERT INTO users (nip, name, role, unit, account_id, created_at, updated_at)
		    VALUES ('198901012014021991', 'Aneh', 'learner', 'U', lower(hex(randomblob(16))), ${now}, ${now});`);
		const uid = sql(`SELECT id FROM users WHERE nip = '198901012014021991';`);
		const title = `Judul "kutip" \\ garis miring, tab\tbaris\nbaru, emoji 🎓, <b>&amp;</b>`;
		const esc = (s) => s.replace(/'/g, "''");
		sql(`INSERT INTO completions (user_id, course, course_title, competency, competency_type, level,
		    jp, started_at, completed_at, year, score) VALUES
		    (${uid}, 'aneh_kursus-1', '${esc(title)}', 'K', 'teknis', 1, 2, ${now - 9}, ${now - 5}, 2026, NULL),
		    (${uid}, 'nol', '', 'K', 'teknis', 1, 0, ${now - 9}, ${now - 4}, 2026, 0),
		    (${uid}, 'penuh', 'Penuh', 'K', 'teknis', 5, 40, ${now - 9}, ${now - 3}, 2026, 100);`);
		sql(`INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot, started_at,
		    submitted_at, score, max, percent, passed) VALUES
		    (${uid}, 'kursus hilang', 'tes akhir (v2).lua', 1, 1, 'q', '{}', ${now - 9}, ${now - 2}, 3.3333, 7, 47.6, 0),
		    (${uid}, '${COURSE}', 'quiz-final.lua', 3, 1, 'q', '{}', ${now - 9}, ${now - 1}, 0, 0, 0, 0),
		    (${uid}, '${COURSE}', 'quiz-final.lua', 4, 1, 'q', '{}', ${now - 9}, ${now}, 25, 20, 125, 1);`);
	});

	const formats = ['exact', 'ids', 'canonical'];
	const all = {};
	for (const fmt of formats) {
		for (const asc of ['true', 'false']) {
			await check(`validator_${fmt}_ascending_${asc}`, async () => {
				const seen = [];
				let url = `/api/v1/xapi/statements?format=${fmt}&ascending=${asc}&limit=3`;
				while (url) {
					const d = await api(url, { 'Accept-Language': 'en-US' });
					expect(Array.isArray(d.statements) && typeof d.more === 'string', 'StatementResult');
					seen.push(...d.statements);
					url = d.more;
					expect(seen.length < 1000, 'more loops');
				}
				const bad = [];
				for (const st of seen) {
					for (const w of validate(st))
						bad.push(`${st.id} ${w.path.join('.')}: ${w.typeName || w.constructor.name} ${JSON.stringify(w.data)}`);
				}
				expect(seen.length >= 10, `only ${seen.length} statements`);
				expect(bad.length === 0, `${bad.length} problems: ${bad.slice(0, 3).join(' | ')}`);
				if (asc === 'true')
					all[fmt] = seen;
			});
		}
	}

	await check('every_kind_present_and_valid', async () => {
		const s = all.exact || [];
		const kinds = new Set(s.map((x) => `${x.verb.id.slice(ADL.length)}:${x.object.definition.type.split('/').pop()}`));
		for (const k of ['completed:course', 'completed:assessment', 'passed:assessment', 'failed:assessment'])
			expect(kinds.has(k), `no ${k} statement (have ${[...kinds]})`);
		const pre = s.find((x) => x.object.id.endsWith('/quiz-pre.lua'));
		expect(pre && pre.verb.id === ADL + 'completed' && !('success' in pre.result), 'pre-test is not passed');
	});

	await check('validator_statement_by_id', async () => {
		const bad = [];
		for (const st of all.exact || []) {
			for (const fmt of formats) {
				const one = await api(`/api/v1/xapi/statements?statementId=${st.id}&format=${fmt}`);
				expect(one.id === st.id, `statementId ${st.id}`);
				for (const w of validate(one))
					bad.push(`${st.id} ${fmt} ${w.path.join('.')}: ${JSON.stringify(w.data)}`);
			}
		}
		expect((all.exact || []).length > 0, 'no statements');
		expect(bad.length === 0, `${bad.length} problems: ${bad.slice(0, 3).join(' | ')}`);
	});

	await check('validator_catches_a_broken_statement', async () => {
		// The validator is live: the same statement with a bad IRI fails.
		const st = JSON.parse(JSON.stringify((all.exact || [])[0]));
		st.object.id = 'not an iri';
		expect(validate(st).length > 0, 'validator accepted a broken statement');
	});
}
