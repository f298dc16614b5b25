// Browser test harness: the real lentera binary on a free port with its own
// temp database, driven through Debian's Chromium by playwright-core (never a
// browser download). Each check prints "PASS name" or "FAIL name: why" and
// the file exits non-zero when any failed (tests/run.sh counts the lines).
//
//   import { Suite } from './lib.mjs';
//   const s = new Suite('learner');
//   await s.start();                    // server + browser
//   await s.check('login', async () => { ... throw to fail ... });
//   await s.finish();                   // stops both, sets the exit code
//
// Chromium is kept off the network: only loopback is ever visited, and the
// flags turn off its background fetches (updates, sync, QUIC probes).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
const BUILD = process.env.BUILD || 'build';
export const BIN = path.join(ROOT, BUILD, 'lentera');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'screenshots');
export const PW = 'demo-lentera-2026';
export const DEMO = {
	learner: '199001012015011001',
	trainer: '198502142010012002',
	hr: '198007172005011003',
	admin: '197912312003121004',
};
export const MOBILE = { width: 360, height: 740 };
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const START_MS = 15000;		/* server must answer /healthz within */
const STEP_MS = 15000;		/* any one page action */
const AXE_SRC = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function healthy(base) {
	try {
		const r = await fetch(base + '/healthz');
		return r.status === 200;
	} catch {
		return false;
	}
}

export class Suite {
	constructor(name, { courses, args, env } = {}) {
		this.name = name;
		this.args = args || [];		/* extra `lentera serve` flags */
		this.env = env || null;		/* extra environment (test clock) */
		this.failed = 0;
		this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-browser-'));
		this.db = path.join(this.tmp, 'data', 'lentera.db');
		this.courses = courses || path.join(ROOT, 'courses');
		this.log = path.join(this.tmp, 'server.log');
	}

	async start() {
		this.port = await freePort();
		this.base = `http://127.0.0.1:${this.port}`;
		const logfd = fs.openSync(this.log, 'a');
		this.proc = spawn(BIN, ['serve', '--port', String(this.port),
		    '--db', this.db, '--courses', this.courses,
		    '--web', path.join(ROOT, 'web'), ...this.args],
		    { cwd: ROOT, stdio: ['ignore', logfd, logfd],
		      env: this.env ? { ...process.env, ...this.env } : process.env });
		fs.closeSync(logfd);
		const deadline = Date.now() + START_MS;
		while (!(await healthy(this.base))) {
			if (this.proc.exitCode !== null || Date.now() > deadline)
				throw new Error('server did not start: ' + this.logtail());
			await new Promise((r) => setTimeout(r, 50));
		}
		this.browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
			    '--no-first-run', '--disable-background-networking',
			    '--disable-component-update', '--disable-sync'],
			// Playwright gives every launch a fresh temp profile
			// (--user-data-dir) of its own and deletes it on close.
		});
		fs.mkdirSync(ARTIFACTS, { recursive: true });
	}

	logtail() {
		try {
			return fs.readFileSync(this.log, 'utf8').slice(-1500);
		} catch {
			return '';
		}
	}

	/* A fresh cookie jar; bypassCSP only for the axe pass (see axe()). */
	async page({ viewport = { width: 1280, height: 900 }, bypassCSP = false } = {}) {
		const ctx = await this.browser.newContext({ viewport, bypassCSP,
		    baseURL: this.base, locale: 'id-ID' });
		ctx.setDefaultTimeout(STEP_MS);
		const page = await ctx.newPage();
		page.ctx = ctx;
		return page;
	}

	/* Runs one check: it passes or it fails, never skips (a missing
	   route or page is a failure). */
	async check(name, fn) {
		const label = `${this.name}.${name}`;
		try {
			await fn();
			console.log('PASS ' + label);
		} catch (e) {
			this.failed++;
			const msg = String(e && e.message || e).split('\n')[0].slice(0, 600);
			console.log(`FAIL ${label}: ${msg}`);
		}
	}

	async finish() {
		try {
			if (this.browser)
				await this.browser.close();
		} finally {
			if (this.proc && this.proc.exitCode === null) {
				this.proc.kill('SIGTERM');
				await new Promise((r) => {
					const t = setTimeout(() => { this.proc.kill('SIGKILL'); r(); }, 10000);
					this.proc.once('exit', () => { clearTimeout(t); r(); });
				});
			}
			fs.rmSync(this.tmp, { recursive: true, force: true });
		}
		process.exitCode = this.failed ? 1 : 0;
	}

	/* Logs in through the real form; returns the page on the landing URL. */
	async login(page, nip, password = PW) {
		await page.goto('/login');
		await page.fill('#nip', nip);
		await page.fill('#password', password);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
		    page.click('button[type=submit]')]);
		return page;
	}

	/* Status of a GET made with the page's cookies (for guards). */
	async status(page, url) {
		const r = await page.ctx.request.get(this.base + url, { maxRedirects: 0 });
		return r.status();
	}

	async shot(page, file) {
		await page.screenshot({ path: path.join(ARTIFACTS, file + '.png'), fullPage: true });
	}
}

export function expect(cond, what) {
	if (!cond)
		throw new Error(what);
}

/*
 * axe-core on the page as it is now. The server's CSP forbids inline
 * script, so the page must come from a context opened with bypassCSP
 * (only for this pass). Returns the serious/critical violations as text.
 */
export async function axe(page) {
	await page.addScriptTag({ content: AXE_SRC });
	const res = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact,
		    n: v.nodes.length, target: String(v.nodes[0] && v.nodes[0].target) }));
	});
	return res.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	    .map((v) => `${v.id}(${v.impact}) x${v.n} at ${v.target}`);
}

/* Horizontal overflow in CSS pixels; 0 means no sideways scroll. */
export async function overflow(page) {
	return page.evaluate(() =>
	    document.scrollingElement.scrollWidth - window.innerWidth);
}

/* Copies a course tree so a test can add fixture courses beside it. */
export function copyCourses(dst) {
	const r = spawnSync('cp', ['-r', path.join(ROOT, 'courses') + '/.', dst]);
	if (r.status !== 0)
		throw new Error('cp courses: ' + r.stderr);
}
