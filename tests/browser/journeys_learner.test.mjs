// Issue 9, learner journeys in real Chromium against the real server:
// Beranda (home) and Nilai (grades), true progress and completed courses
// in the catalogue, prerequisites as links that are enforced, an open
// attempt that is always resumable (the pre-test's only attempt), the
// paper's answered count / "pilih semua yang benar" / "Jawaban tersimpan",
// the confirm step before submitting with blanks (with and without
// JavaScript), the full review (question, own answer, right answer,
// feedback), Indonesian numbers, a diagnostic pre-test that is not
// "Lulus", Bahasa Indonesia whatever Accept-Language says. Then every page
// at 1280 and 360 px (screenshots, no sideways scroll) and through axe.
import fs from 'node:fs';
import path from 'node:path';
import { Suite, DEMO, MOBILE, ROOT, expect, axe, overflow } from './lib.mjs';

const FIX = path.join(ROOT, 'tests', 'fixtures');
const courseDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'lentera-journeys-'));
fs.cpSync(path.join(FIX, 'courses-browser', 'kursus-kuis'), path.join(courseDir, 'kursus-kuis'),
    { recursive: true });
for (const c of ['kursus-dasar', 'kursus-lanjut'])
	fs.cpSync(path.join(FIX, 'courses-learner', c), path.join(courseDir, c), { recursive: true });

const s = new Suite('journeys_learner', { courses: courseDir });
const pages = new Map();	/* screenshot name -> url, for the 360 px and axe passes */

async function go(page, url) {
	const r = await page.goto(url);
	expect(r.status() === 200, `${url} answered ${r.status()}`);
	return r;
}

async function main(page) {
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/* Click what navigates (a link, a form's button) and wait for the new
   page, also when it has the same URL (a POST answered with 303 back). */
async function click(page, locator) {
	await Promise.all([page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
	    locator.click()]);
	await page.waitForLoadState('load');
}

const sideways = [];	/* pages that scroll sideways at 360 px */

/* Screenshots at 1280 and, resized in place (same state, also after a
   POST), at 360 px, where the page must not scroll sideways. */
async function shot(page, name) {
	pages.set(name, new URL(page.url()).pathname + new URL(page.url()).search);
	await s.shot(page, name);
	const size = page.viewportSize();
	await page.setViewportSize(MOBILE);
	const o = await overflow(page);
	if (o > 0)
		sideways.push(`${name} +${o}px`);
	await s.shot(page, name + '-360');
	await page.setViewportSize(size);
}

function attemptId(page) {
	const m = new URL(page.url()).pathname.match(/^\/attempt\/(\d+)$/);
	expect(m, 'not on an attempt page: ' + page.url());
	return m[1];
}

try {
	await s.start();
	const page = await s.page();

	await s.check('login_lands_on_beranda', async () => {
		await s.login(page, DEMO.learner);
		expect(new URL(page.url()).pathname === '/', 'landed on ' + page.url());
		expect(await page.locator('main h1').innerText() === 'Beranda', 'no Beranda heading');
		const nav = page.locator('header nav');
		for (const [name, href] of [['Beranda', '/'], ['Katalog', '/courses'], ['Nilai', '/grades'],
		    ['Rekam Jejak', '/record']])
			expect(await nav.locator(`a[href="${href}"]`, { hasText: name }).count() === 1,
			    `nav lacks ${name}`);
		expect(await nav.locator('a[href="/"][aria-current=page]').count() === 1,
		    'Beranda not marked current');
		const t = await main(page);
		expect(/JP tahun ini \d{4} 0 \/ 20 JP/.test(t), 'no "0 / 20 JP" on a fresh home: ' + t.slice(0, 300));
		expect(await page.locator('main progress').count() >= 1, 'no JP progress bar');
		expect(t.includes('Belum ada pelatihan yang sedang Anda ikuti'), 'fresh home does not say nothing is in progress');
		await shot(page, 'home-empty');
	});

	await s.check('indonesian_whatever_accept_language', async () => {
		const ctx = await s.browser.newContext({ baseURL: s.base, locale: 'en-US',
		    extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } });
		const p = await ctx.newPage();
		await p.goto('/login');
		expect(await p.locator('html').getAttribute('lang') === 'id', 'html lang not id for an English browser');
		expect((await p.locator('main').innerText()).includes('Masuk'), 'login page not Indonesian');
		await p.getByRole('link', { name: 'English' }).click();
		await p.waitForLoadState('load');
		expect(await p.locator('html').getAttribute('lang') === 'en', 'the switch does not give English');
		await ctx.close();
	});

	await s.check('prerequisite_is_a_link_and_enforced', async () => {
		await go(page, '/courses/kursus-lanjut');
		const pre = page.locator('main .prereq a[href="/courses/kursus-dasar"]');
		expect(await pre.count() === 1, 'prerequisite is not a link to its course');
		expect((await pre.innerText()) === 'Kursus Dasar Pelayanan', 'prerequisite link not titled');
		expect((await main(page)).includes('Selesaikan dulu pelatihan prasyarat'), 'no notice that the prerequisite is missing');
		await shot(page, 'course-locked');
		await go(page, '/courses/kursus-lanjut/01-hitung-ikm');
		expect(await page.getByRole('button', { name: 'Tandai selesai' }).count() === 0,
		    'module of a locked course offers "Tandai selesai"');
		await go(page, '/quiz/kursus-lanjut/quiz-final.lua');
		expect(await page.locator('main form[action$="/start"]').count() === 0, 'locked quiz offers a start');
		expect(await s.status(page, '/courses/kursus-lanjut') === 200, 'course overview stays readable');
		await go(page, '/courses/kursus-lanjut');
		await click(page, page.locator('main .prereq a[href="/courses/kursus-dasar"]'));
		expect(new URL(page.url()).pathname === '/courses/kursus-dasar', 'link went to ' + page.url());
		await go(page, '/courses/kursus-dasar/01-dasar');
		await click(page, page.getByRole('button', { name: 'Tandai selesai' }));
		await go(page, '/courses/kursus-lanjut/01-hitung-ikm');
		expect(await page.getByRole('button', { name: 'Tandai selesai' }).count() === 1,
		    'prerequisite complete, still no "Tandai selesai"');
	});

	await s.check('catalogue_marks_completed_and_progress_is_true', async () => {
		for (const m of ['01-standar-pelayanan', '02-pengaduan']) {
			await go(page, '/courses/kursus-kuis/' + m);
			await click(page, page.getByRole('button', { name: 'Tandai selesai' }));
		}
		await go(page, '/courses/kursus-kuis');
		const v = Number(await page.locator('main progress').first().getAttribute('value'));
		expect(v < 100 && v > 0, `every module read, final not passed: progress ${v}, not below 100`);
		expect((await main(page)).includes('2 dari 2 modul selesai · tes akhir belum lulus'),
		    'course page does not say what is left');
		await shot(page, 'course-progress');
		await go(page, '/courses');
		const card = (t) => page.locator('main li.card').filter({
		    has: page.locator('h2 a', { hasText: new RegExp('^' + t + '$') }) });
		const done = card('Kursus Dasar Pelayanan');
		expect(await done.locator('.badge.done').count() === 1, 'completed course not marked in the catalogue');
		expect(Number(await done.locator('progress').getAttribute('value')) === 100, 'completed course not at 100');
		const kuis = card('Kursus Kuis Latihan');
		expect(await kuis.locator('.badge.done').count() === 0, 'unfinished course marked completed');
		expect((await kuis.innerText()).includes('66 %'), 'progress not written "66 %": ' + (await kuis.innerText()));
		await shot(page, 'catalogue');
	});

	let preAttempt = null;
	await s.check('last_allowed_attempt_is_resumable', async () => {
		await go(page, '/quiz/kursus-kuis/quiz-pre.lua');
		const t0 = await main(page);
		expect(t0.includes('Pre-test diagnostik') && !t0.includes('Nilai lulus'),
		    'pre-test page does not say it is diagnostic: ' + t0.slice(0, 300));
		await click(page, page.getByRole('button', { name: 'Mulai' }));
		preAttempt = attemptId(page);
		await page.locator('input[name="q_uu-25"][value="true"]').check();
		await click(page, page.getByRole('button', { name: 'Simpan jawaban' }));
		expect((await main(page)).includes('Jawaban tersimpan.'), 'no "Jawaban tersimpan." after saving');
		await shot(page, 'paper-saved');
		await go(page, '/quiz/kursus-kuis/quiz-pre.lua');
		const t = await main(page);
		expect(!t.includes('habis'), 'open last attempt still says "sudah habis"');
		const cont = page.getByRole('button', { name: 'Lanjutkan' });
		expect(await cont.count() === 1, 'no "Lanjutkan" for the open (last allowed) attempt');
		await shot(page, 'quiz-resume');
		await click(page, cont);
		expect(attemptId(page) === preAttempt, 'Lanjutkan went to another attempt');
		expect(await page.locator('input[name="q_uu-25"][value="true"]').isChecked(), 'saved answer lost');
		expect((await page.locator('#answered').innerText()).replace(/\s+/g, ' ') === '1 dari 2 soal dijawab',
		    'answered count: ' + await page.locator('#answered').innerText());
	});

	await s.check('confirm_before_submitting_blanks', async () => {
		await go(page, '/attempt/' + preAttempt);
		await click(page, page.getByRole('button', { name: 'Kumpulkan', exact: true }));
		const t = await main(page);
		expect(t.includes('Kumpulkan jawaban?') && t.includes('1 soal belum dijawab'),
		    'no confirm step for a blank: ' + t.slice(0, 300));
		await shot(page, 'confirm');
		expect(await s.status(page, '/attempt/' + preAttempt) === 200, 'attempt gone');
		await click(page, page.getByRole('link', { name: 'Kembali ke soal' }));
		expect(await page.locator('form#paper').count() === 1, 'back link does not return to the paper (submitted?)');
		await click(page, page.getByRole('button', { name: 'Kumpulkan', exact: true }));
		await click(page, page.getByRole('button', { name: 'Ya, kumpulkan sekarang' }));
		expect(attemptId(page) === preAttempt, 'confirm went elsewhere');
		const r = await main(page);
		expect(r.includes('Hasil #1'), 'no result after confirming');
		expect(!/\bLulus\b/.test(r) && !r.includes('Belum lulus'), 'diagnostic pre-test says Lulus/Belum lulus');
		expect(await page.locator('main .result strong.done').innerText() === 'Selesai', 'diagnostic verdict not "Selesai"');
		expect(/50,0 \/ 100/.test(r), 'score not written "50,0": ' + r.slice(0, 200));
		expect(r.includes('1 dari 2 poin'), '"1 dari 2 poin" missing: ' + r.slice(0, 300));
		await shot(page, 'review-pre');
	});

	let finalAttempt = null;
	await s.check('paper_counts_and_multiple_hint', async () => {
		await go(page, '/quiz/kursus-lanjut/quiz-final.lua');
		await click(page, page.getByRole('button', { name: 'Mulai' }));
		finalAttempt = attemptId(page);
		const multi = page.locator('section.question', { has: page.locator('input[type=checkbox]') });
		expect((await multi.innerText()).includes('Pilih semua yang benar.'), 'multiple question lacks the hint');
		expect(await page.locator('section.question', { has: page.locator('input[type=radio]') })
		    .filter({ hasText: 'Pilih semua' }).count() === 0, 'hint on a single-answer question');
		const line = page.locator('#answered');
		expect((await line.innerText()).replace(/\s+/g, ' ') === '0 dari 3 soal dijawab', 'count: ' + await line.innerText());
		await page.getByLabel('Persyaratan').check();
		await page.locator('input[name=q_anggaran]').fill('4.000.000');
		expect((await line.innerText()).replace(/\s+/g, ' ') === '2 dari 3 soal dijawab',
		    'count does not follow answers: ' + await line.innerText());
		// quiz.js saves when the page is hidden and says so.
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await page.waitForFunction(() =>
		    /^Jawaban tersimpan\. \d{1,2}\.\d\d$/.test(document.getElementById('save-status').textContent));
		await shot(page, 'paper');
		await click(page, page.getByRole('button', { name: 'Kumpulkan', exact: true }));
		expect((await main(page)).includes('1 soal belum dijawab'), 'no confirm for the generated blank');
		await click(page, page.getByRole('button', { name: 'Ya, kumpulkan sekarang' }));
	});

	await s.check('review_shows_question_answer_key_feedback', async () => {
		await go(page, '/attempt/' + finalAttempt);
		await shot(page, 'review');
		const t = await main(page);
		expect(/\d+,\d \/ 100/.test(t), 'percent not with a comma: ' + t.slice(0, 200));
		expect(t.includes('dari 4 poin'), 'total not in poin');
		const qs = page.locator('section.question.review');
		expect(await qs.count() === 3, `${await qs.count()} review sections, want 3`);
		const q1 = qs.nth(0);
		const q1t = await q1.innerText();
		expect(q1t.includes('Manakah unsur SKM?'), 'question text not shown in the review');
		expect(await q1.locator('li.mine', { hasText: 'Persyaratan' }).count() === 1, 'own choice not marked');
		expect(await q1.locator('li.key').count() === 2, 'right choices not marked');
		expect(await q1.locator('li.key', { hasText: 'Prosedur' }).locator('.tag.key').count() === 1,
		    'right answer not labelled "Jawaban benar"');
		expect(q1t.includes('Warna gedung bukan unsur SKM.'), 'feedback missing');
		expect(/Sebagian benar|Salah/.test(q1t), 'verdict of a partly right multiple');
		const q2t = await qs.nth(1).innerText();
		expect(q2t.includes('Jawaban Anda: 4.000.000') && q2t.includes('Benar'), 'numeric own answer/verdict: ' + q2t);
		expect(q2t.includes('Jawaban benar: 4.000.000'), 'numeric key not Indonesian: ' + q2t);
		const q3t = await qs.nth(2).innerText();
		expect(q3t.includes('tidak dijawab'), 'blank not shown as "tidak dijawab"');
		expect(/Jawaban benar: \d+,\d\d \(± 0,01\)/.test(q3t), 'generated key not at 2 places: ' + q3t);
	});

	await s.check('grades_lists_every_attempt', async () => {
		await go(page, '/grades');
		const rows = page.locator('main table tbody tr');
		expect(await rows.count() === 2, `${await rows.count()} rows, want 2`);
		const t = await main(page);
		expect(t.includes('Tes Akhir Kursus Lanjutan') && t.includes('Pre-test Kursus Kuis'), 'quiz titles missing');
		expect(t.includes('50,0') && t.includes('Selesai'), 'pre-test row: ' + t);
		expect(await page.locator(`main a[href="/attempt/${finalAttempt}"]`).count() === 1, 'row does not link to its review');
		await shot(page, 'grades');
		await go(page, '/courses/kursus-kuis');
		expect((await main(page)).includes('Pre-test: Pre-test Kursus Kuis · nilai terbaik 50,0'),
		    'course page does not show the pre-test result');
		await shot(page, 'course-after-quiz');
	});

	await s.check('home_continue_progress_jp_results', async () => {
		await go(page, '/');
		const t = await main(page);
		expect(/JP tahun ini \d{4} 2 \/ 20 JP/.test(t), 'JP of the completed prerequisite not counted: ' + t.slice(0, 400));
		const cont = page.locator('main a.button').first();
		expect((await cont.innerText()).startsWith('Lanjutkan'), 'no continue button');
		const prog = page.locator('main section', { hasText: 'Sedang dipelajari' });
		expect((await prog.innerText()).includes('Kursus Kuis Latihan'), 'course in progress not listed');
		expect(!(await prog.innerText()).includes('Kursus Dasar Pelayanan'), 'completed course listed as in progress');
		expect(await page.locator('main table tbody tr').count() === 2, 'recent results');
		await shot(page, 'home');
		await click(page, cont);
		expect(new URL(page.url()).pathname.startsWith('/courses/kursus-lanjut') ||
		    new URL(page.url()).pathname.startsWith('/quiz/'), 'continue went to ' + page.url());
	});

	await s.check('without_javascript', async () => {
		const ctx = await s.browser.newContext({ baseURL: s.base, javaScriptEnabled: false, locale: 'id-ID' });
		const p = await ctx.newPage();
		p.ctx = ctx;
		await s.login(p, DEMO.trainer);
		await go(p, '/');
		await go(p, '/quiz/kursus-kuis/quiz-final.lua');
		await click(p, p.getByRole('button', { name: 'Mulai' }));
		await p.locator('input[name=q_biaya][value=true]').check();
		await click(p, p.getByRole('button', { name: 'Simpan jawaban' }));
		expect((await main(p)).includes('Jawaban tersimpan.'), 'no-JS save gives no confirmation');
		expect((await p.locator('#answered').innerText()).replace(/\s+/g, ' ') === '1 dari 7 soal dijawab',
		    'no-JS count: ' + await p.locator('#answered').innerText());
		await click(p, p.getByRole('button', { name: 'Kumpulkan', exact: true }));
		expect((await main(p)).includes('6 soal belum dijawab'), 'no-JS confirm step');
		await click(p, p.getByRole('button', { name: 'Ya, kumpulkan sekarang' }));
		expect((await main(p)).includes('Belum lulus'), 'no-JS submit did not grade');
		await ctx.close();
	});

	await s.check('english_numbers', async () => {
		const ctx = await s.browser.newContext({ baseURL: s.base });
		const p = await ctx.newPage();
		await s.login(p, DEMO.learner);
		await p.goto('/lang/en?next=/grades');
		const t = (await p.locator('main').innerText());
		expect(t.includes('50.0') && !t.includes('50,0'), 'English grades not 50.0');
		await ctx.close();
	});

	await s.check('csp_no_inline_script', async () => {
		for (const u of new Set(pages.values())) {
			const r = await page.ctx.request.get(s.base + u);
			const csp = r.headers()['content-security-policy'] || '';
			expect(/script-src[^;]*'self'/.test(csp) && !/unsafe-inline/.test(csp), `${u}: CSP ${csp}`);
			const body = await r.text();
			expect(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(body), `${u}: inline script`);
		}
	});

	await s.check('mobile_360_no_horizontal_scroll', async () => {
		expect(pages.size >= 12, `only ${pages.size} pages were looked at`);
		expect(sideways.length === 0, 'sideways scroll at 360px: ' + sideways.join(', '));
	});

	await s.check('axe_no_serious', async () => {
		const a = await s.page({ bypassCSP: true });
		await s.login(a, DEMO.learner);
		const bad = [];
		for (const [name, u] of pages) {
			if (name === 'confirm')
				continue;
			await a.goto(u);
			for (const v of await axe(a))
				bad.push(`${u} ${v}`);
		}
		/* the confirm step, reached as a learner does */
		await a.goto('/quiz/kursus-lanjut/quiz-final.lua');
		await click(a, a.getByRole('button', { name: 'Mulai' }));
		await click(a, a.getByRole('button', { name: 'Kumpulkan', exact: true }));
		for (const v of await axe(a))
			bad.push(`confirm ${v}`);
		await a.ctx.close();
		expect(bad.length === 0, bad.join('; '));
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]} ${s.logtail().slice(-300)}`);
} finally {
	await s.finish();
	fs.rmSync(courseDir, { recursive: true, force: true });
}
