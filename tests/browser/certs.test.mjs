// Certificate verification in real Chromium (issue 8 part D): the learner's
// certificate shows its number, code and URL; a visitor who types only the
// number is asked for the code, types it into the form and sees SAH with the
// NIP masked; a wrong code gets the same answer as an unknown number; after
// an operator edits the score in SQLite the page says TIDAK SAH. Every page
// at 1280 and 360 px (screenshots in artifacts/), no sideways scroll, axe.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const COURSES = path.join(path.dirname(new URL(import.meta.url).pathname),
    '..', 'fixtures', 'courses-certs');
const COURSE = 'kursus-sertifikat';
const s = new Suite('browser_certs', { courses: COURSES });
const shots = [];	/* [name, url] for the mobile and axe passes */

function sql(query) {
	const r = spawnSync('sqlite3', [s.db, query], { encoding: 'utf8' });
	expect(r.status === 0, 'sqlite3: ' + r.stderr);
	return r.stdout.trim();
}

try {
	await s.start();
	const page = await s.page();
	let no = null, code = null;

	await s.check('certificate_shows_code', async () => {
		await s.login(page, DEMO.learner);
		await page.goto('/courses/' + COURSE + '/01-modul');
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Tandai selesai' }).click()]);
		await page.goto('/quiz/' + COURSE + '/quiz-final.lua');
		await Promise.all([page.waitForURL(/\/attempt\/\d+$/),
		    page.locator('main form button[type=submit]').first().click()]);
		for (const q of ['s-satu', 's-dua'])
			await page.locator(`input[name="q_${q}"][value="true"]`).check();
		await Promise.all([page.waitForLoadState('load'),
		    page.locator('main form button[type=submit]').last().click()]);
		await page.waitForLoadState('load');
		await page.goto('/certificate/' + COURSE);
		await s.shot(page, 'certs-certificate');
		const text = await page.locator('main').innerText();
		no = (text.match(/Nomor ([A-Z0-9-]+\/\d{4}\/\d+)/) || [])[1];
		code = (text.match(/Kode verifikasi ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/) || [])[1];
		expect(no && code, 'no number or code on the certificate: ' + text.slice(-400));
		expect(text.includes(`/verify/${no}?code=${code}`), 'no verification URL with the code');
	});

	await s.check('number_asks_for_code', async () => {
		const anon = await s.page();
		const r = await anon.goto('/verify/' + no);
		expect(r.status() === 200, 'form ' + r.status());
		shots.push(['certs-verify-form', '/verify/' + no]);
		await s.shot(anon, 'certs-verify-form');
		const main = await anon.locator('main').innerText();
		expect(!main.includes('Rina'), 'holder shown without a code');
		await anon.getByLabel('Kode verifikasi').fill(code.toLowerCase().replace(/-/g, ' '));
		await Promise.all([anon.waitForLoadState('load'),
		    anon.getByRole('button', { name: 'Periksa' }).click()]);
		const ok = await anon.locator('main').innerText();
		expect(/SAH:/.test(ok) && !/TIDAK SAH/.test(ok), 'typed code not accepted: ' + ok.slice(0, 200));
		expect(ok.includes('Rina Wulandari') && ok.includes('Kursus Uji Sertifikat'), 'holder or course missing');
		expect(ok.includes('1990**********1001') && !ok.includes(DEMO.learner), 'NIP not masked');
		shots.push(['certs-verify-sah', new URL(anon.url()).pathname + new URL(anon.url()).search]);
		await s.shot(anon, 'certs-verify-sah');
		await anon.ctx.close();
	});

	await s.check('paper_number_and_code', async () => {
		// A reader with only the paper: types number and code at /verify.
		const anon = await s.page();
		await anon.goto('/verify');
		shots.push(['certs-verify-start', '/verify']);
		await s.shot(anon, 'certs-verify-start');
		await anon.getByLabel('Nomor sertifikat').fill(no.toLowerCase());
		await anon.getByLabel('Kode verifikasi').fill(code);
		await Promise.all([anon.waitForURL(/\/verify\/.+\?code=/),
		    anon.getByRole('button', { name: 'Periksa' }).click()]);
		const t = await anon.locator('main').innerText();
		expect(/SAH:/.test(t) && !/TIDAK SAH/.test(t), 'not verified from /verify: ' + t.slice(0, 200));
		await anon.ctx.close();
	});

	await s.check('wrong_code_like_unknown', async () => {
		const anon = await s.page();
		const bad = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
		const r1 = await anon.goto(`/verify/${no}?code=${bad}`);
		const t1 = (await anon.locator('main').innerText()).replace(no, 'NO');
		shots.push(['certs-verify-wrong', `/verify/${no}?code=${bad}`]);
		await s.shot(anon, 'certs-verify-wrong');
		const ghost = no.replace(/\d+$/, '777777');
		const r2 = await anon.goto(`/verify/${ghost}?code=${code}`);
		const t2 = (await anon.locator('main').innerText()).replace(ghost, 'NO');
		expect(r1.status() === 404 && r2.status() === 404, `statuses ${r1.status()} ${r2.status()}`);
		expect(t1 === t2, 'wrong code and unknown number read differently');
		await anon.ctx.close();
	});

	await s.check('edited_score_tidak_sah', async () => {
		sql(`UPDATE completions SET score = 55 WHERE cert_no = '${no}'`);
		const anon = await s.page();
		await anon.goto(`/verify/${no}?code=${code}`);
		const t = await anon.locator('main').innerText();
		expect(/TIDAK SAH/.test(t), 'edited score still sah: ' + t.slice(0, 200));
		expect(t.includes('100.0') && !/\b55\b/.test(t), 'page shows the edited score: ' + t);
		shots.push(['certs-verify-tidak-sah', `/verify/${no}?code=${code}`]);
		await s.shot(anon, 'certs-verify-tidak-sah');
		await anon.ctx.close();
	});

	await s.check('mobile_no_horizontal_scroll', async () => {
		const m = await s.page({ viewport: MOBILE });
		for (const [name, url] of shots) {
			await m.goto(url);
			await s.shot(m, name + '-360');
			const o = await overflow(m);
			expect(!o, `${url} scrolls sideways at 360 px: ${o}`);
		}
		await m.ctx.close();
	});

	await s.check('axe_no_serious', async () => {
		const a = await s.page({ bypassCSP: true });
		for (const [, url] of shots) {
			await a.goto(url);
			const bad = await axe(a);
			expect(bad.length === 0, `${url}: ${bad.join('; ')}`);
		}
		await a.ctx.close();
	});
} finally {
	await s.finish();
}
