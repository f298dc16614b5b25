// Issue 13 in real Chromium with the test clock: five learners complete a
// course and rate it; three months later (the clock moved through
// LENTERA_TEST_NOW, no row edited) the first learner and their atasan get
// the reminder and answer the follow-up; the trainer and HR see levels
// 1-4 on the course's evaluation page; a module changes, five more
// ratings arrive and the page shows both versions. Screenshots of every
// evaluation page at 1280 and 360 px (no sideways scroll) and axe-core on
// each (no serious/critical violation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Suite, DEMO, MOBILE, BIN, PW, ROOT, expect, axe, overflow } from './lib.mjs';
import { takeQuiz } from './quiz.mjs';

const COURSE = 'kursus-kuis';
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'courses-browser', COURSE);
const ATASAN = '197002022000012002';
const UNIT = 'Dinas Uji Jurnal Evaluasi';
const LEARNERS = Array.from({ length: 10 }, (_, i) =>
    '19920303201701' + (1 + (i % 2)) + String(i + 1).padStart(3, '0'));
const T0 = 1767225600 + 40 * 86400;	/* 10 February 2026, 07:00 WIB */

const courseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-courses-'));
fs.cpSync(FIXTURE, path.join(courseDir, COURSE), { recursive: true });
fs.copyFileSync(path.join(ROOT, 'courses', 'reaksi.survey'), path.join(courseDir, 'reaksi.survey'));
const cm = path.join(courseDir, COURSE, 'course.md');
fs.writeFileSync(cm, fs.readFileSync(cm, 'utf8').replace('final: quiz-final.lua\n',
    `final: quiz-final.lua\ntrainers: ${DEMO.trainer}\n`));
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-clock-')), 'now');
function setClock(t) {
	fs.writeFileSync(clockFile + '.tmp', String(t) + '\n');
	fs.renameSync(clockFile + '.tmp', clockFile);
}
setClock(T0);
process.env.LENTERA_TEST_NOW = '@' + clockFile;

const s = new Suite('browser_eval', { courses: courseDir, args: ['--test-clock'] });
const pages = new Map();	/* screenshot name -> [url, who] */

function cli(args, input) {
	const r = spawnSync(BIN, args, { input, encoding: 'utf8', cwd: ROOT });
	if (r.status !== 0)
		throw new Error(`lentera ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

function people() {
	const csv = path.join(s.tmp, 'roster.csv');
	fs.writeFileSync(csv, 'nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n' +
	    `${ATASAN},Kepala Bidang Uji,${UNIT},Kepala Bidang,IV/a,\n` +
	    LEARNERS.map((n, i) => `${n},Peserta Jurnal ${i + 1},${UNIT},Analis,III/a,${ATASAN}`)
	    .join('\n') + '\n');
	cli(['import-roster', csv, '--db', s.db]);
	for (const n of [ATASAN, ...LEARNERS])
		cli(['user', 'reset-password', '--nip', n, '--db', s.db], PW + '\n');
}

async function shoot(page, name, who) {
	await s.shot(page, 'eval-' + name);
	pages.set(name, [new URL(page.url()).pathname + new URL(page.url()).search, who]);
}

/* A learner in a fresh browser context: modules, pre-test, final, then the
   rating offered on the course page. */
async function completeAndRate(nip, score, shots, blankPre) {
	const page = await s.page();
	await s.login(page, nip);
	await page.goto('/courses/' + COURSE);
	const quizzes = await page.locator('a[href^="/quiz/"]').evaluateAll(
	    (as) => as.map((a) => a.getAttribute('href')));
	const mods = await page.locator('ol.modules a').evaluateAll(
	    (as) => as.map((a) => a.getAttribute('href')));
	for (const m of mods) {
		await page.goto(m);
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Tandai selesai' }).click()]);
	}
	for (const q of quizzes) {
		if (blankPre && q.includes('quiz-pre')) {
			/* A learner who knew nothing yet: the pre-test sent empty. */
			await page.goto(q);
			await Promise.all([page.waitForLoadState('load'),
			    page.locator('main form button[type=submit]').first().click()]);
			await Promise.all([page.waitForLoadState('load'),
			    page.locator('main form button[type=submit]').last().click()]);
			/* Blanks ask for a confirmation first. */
			await Promise.all([page.waitForLoadState('load'),
			    page.locator('main form button[type=submit]').last().click()]);
			continue;
		}
		const res = await takeQuiz(s, page, q, courseDir);
		expect(res.ok, `${q}: ${res.why}`);
	}
	await page.goto('/courses/' + COURSE);
	const offer = page.getByRole('link', { name: 'Beri penilaian' });
	expect(await offer.count() === 1, 'course page offers no rating after completion');
	await Promise.all([page.waitForLoadState('load'), offer.click()]);
	if (shots)
		await shoot(page, 'reaction-form', nip);
	for (const id of ['materi-relevan', 'materi-jelas', 'metode-aktif', 'penyaji-kuasai',
	    'sarana-akses'])
		await page.locator(`input[name="q_${id}"][value="${score}"]`).check();
	await page.locator('input[name="q_metode-bagian"][value="2"]').check();
	await page.locator('textarea[name="q_saran-perbaikan"]').fill('Saran dari ' + nip.slice(-3));
	await Promise.all([page.waitForLoadState('load'),
	    page.getByRole('button', { name: 'Kirim' }).click()]);
	const text = await page.locator('main').innerText();
	expect(text.includes('penilaian Anda tersimpan'), 'no thanks after rating: ' + text.slice(0, 200));
	await page.ctx.close();
}

try {
	await s.start();
	people();

	await s.check('five_learners_complete_and_rate', async () => {
		for (let i = 0; i < 5; i++)
			await completeAndRate(LEARNERS[i], i < 3 ? 3 : 4, i === 0, i % 2 === 0);
	});

	await s.check('follow_up_three_months_later', async () => {
		setClock(T0 + 92 * 86400);
		const page = await s.page();
		await s.login(page, LEARNERS[0]);
		const home = await page.locator('main').innerText();
		expect(home.includes('Evaluasi pelatihan menunggu jawaban Anda'), 'no reminder on the home page');
		await page.getByRole('link', { name: 'buka daftar evaluasi' }).click();
		await page.waitForLoadState('load');
		await shoot(page, 'list-learner', LEARNERS[0]);
		await page.locator(`a[href="/evaluasi/tindak-lanjut/${COURSE}"]`).click();
		await page.waitForLoadState('load');
		await shoot(page, 'followup-learner', LEARNERS[0]);
		await page.locator('textarea[name="applied"]').fill('Alur pengaduan di loket saya tata ulang sesuai SP4N-LAPOR!');
		await page.locator('textarea[name="example"]').fill('Aduan warga kini dijawab dalam 3 hari kerja.');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Kirim' }).click()]);
		expect((await page.locator('main').innerText()).includes('sudah dijawab'), 'learner follow-up not saved');
		await page.ctx.close();
		const a = await s.page();
		await s.login(a, ATASAN);
		expect((await a.locator('main').innerText()).includes('menunggu jawaban'), 'no reminder for the atasan');
		await a.goto('/evaluasi');
		await shoot(a, 'list-atasan', ATASAN);
		await a.locator(`a[href="/evaluasi/atasan/${LEARNERS[0]}/${COURSE}"]`).click();
		await a.waitForLoadState('load');
		await shoot(a, 'followup-atasan', ATASAN);
		await a.locator('input[name="change"][value="3"]').check();
		await a.locator('textarea[name="comment"]').fill('Pelayanan di loket lebih tertib.');
		await Promise.all([a.waitForLoadState('load'), a.getByRole('button', { name: 'Kirim' }).click()]);
		expect((await a.locator('main').innerText()).includes('Jawaban tersimpan'), 'atasan answer not saved');
		await a.ctx.close();
	});

	let v1 = '';
	await s.check('trainer_sees_levels_1_to_4', async () => {
		const t = await s.page();
		await s.login(t, DEMO.trainer);
		await t.goto('/evaluasi');
		await t.locator(`a[href="/evaluasi/kursus/${COURSE}"]`).click();
		await t.waitForLoadState('load');
		await shoot(t, 'course-trainer', DEMO.trainer);
		const main = await t.locator('main').innerText();
		for (const want of ['Level 1 — Reaksi', 'Level 2 — Pembelajaran', 'Level 3 — Perilaku',
		    'Level 4 — Hasil', 'belum ada data', 'bukan bukti', 'Pelayanan di loket lebih tertib.'])
			expect(main.includes(want), 'evaluation page lacks: ' + want);
		expect(await t.locator('#l1 table.versions tbody tr').count() === 1, 'one version row');
		expect(await t.locator('#l2 svg').count() >= 2, 'level-2 SVG charts');
		expect((await t.locator('#l2').innerText()).includes('5 / 5 peserta mengikuti tes awal'),
		    'level 2 counts both tests of all five');
		for (const n of LEARNERS)
			expect(!(await t.locator('#l1').innerText()).includes(n), 'a NIP in level 1');
		v1 = (await t.locator('#l1 table.versions tbody tr td code').first().innerText()).trim();
		await t.ctx.close();
	});

	await s.check('module_change_new_version', async () => {
		fs.appendFileSync(path.join(courseDir, COURSE, '02-pengaduan.md'),
		    '\nContoh kasus baru: pengaduan layanan air bersih di kecamatan.\n');
		await new Promise((r) => setTimeout(r, 1500));
		for (let i = 5; i < 10; i++)
			await completeAndRate(LEARNERS[i], 4, false, i % 2 === 1);
		const t = await s.page();
		await s.login(t, DEMO.trainer);
		await t.goto('/evaluasi/kursus/' + COURSE);
		const rows = await t.locator('#l1 table.versions tbody tr').count();
		expect(rows === 2, `versions shown: ${rows}`);
		const cur = (await t.locator('#l1 table.versions tbody tr').nth(1).innerText());
		expect(cur.includes('versi saat ini') && !cur.includes(v1), 'the new version is the current one');
		await t.locator('textarea[name="body"]').fill('Menambah contoh kasus air bersih di modul 2.');
		await Promise.all([t.waitForLoadState('load'), t.getByRole('button', { name: 'Simpan catatan' }).click()]);
		expect((await t.locator('#catatan').innerText()).includes('Menambah contoh kasus air bersih'), 'note shown');
		await t.goto('/evaluasi/kursus/' + COURSE);
		await shoot(t, 'course-versions', DEMO.trainer);
		await t.ctx.close();
	});

	await s.check('hr_sees_coverage_and_evaluation', async () => {
		setClock(T0 + 130 * 86400);
		const h = await s.page();
		await s.login(h, DEMO.hr);
		await h.goto('/hr?year=2026');
		expect(await h.locator('#eval-coverage').count() === 1, 'no coverage on the HR dashboard');
		await h.goto('/evaluasi');
		await shoot(h, 'list-hr', DEMO.hr);
		expect((await h.locator('#terlambat').innerText()).includes('Peserta Jurnal 2'), 'overdue list');
		await h.goto('/evaluasi/kursus/' + COURSE + '?year=2026&unit=' + encodeURIComponent(UNIT));
		await shoot(h, 'course-hr', DEMO.hr);
		expect((await h.locator('#l3').innerText()).includes('dijawab atasan'), 'level 3 for HR');
		await h.ctx.close();
	});

	await s.check('mobile_360_and_axe', async () => {
		const bad = [];
		for (const [name, [url, who]] of pages) {
			const m = await s.page({ viewport: MOBILE });
			await s.login(m, who);
			await m.goto(url);
			await s.shot(m, 'eval-' + name + '-360');
			const ov = await overflow(m);
			if (ov > 0)
				bad.push(`${name}: ${ov}px sideways`);
			await m.ctx.close();
			const a = await s.page({ bypassCSP: true });
			await s.login(a, who);
			await a.goto(url);
			const v = await axe(a);
			if (v.length)
				bad.push(`${name}: ${v.join('; ')}`);
			await a.ctx.close();
		}
		expect(bad.length === 0, bad.join(' | '));
	});
} finally {
	await s.finish();
	fs.rmSync(courseDir, { recursive: true, force: true });
}
