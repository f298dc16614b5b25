// The SIASN export page in real Chromium (docs/siasn.md): HR reaches
// /hr/siasn from the dashboard, sees what a batch would hold, and the
// "Unduh batch (ZIP)" button downloads lentera-siasn-YEAR.zip (a ZIP);
// afterwards the page says nothing is waiting and lists the batch. At 1280
// and 360 px: no sideways scroll, axe clean. Screenshots in
// artifacts/screenshots/siasn-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const COURSE = 'siasn-browser';

function courses() {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-courses-'));
	const c = path.join(d, COURSE);
	fs.mkdirSync(c);
	fs.writeFileSync(path.join(c, 'course.md'), `---\nid: ${COURSE}\n` +
	    'title: Literasi Data untuk ASN\nsummary: Satu modul.\n' +
	    'competency: Literasi Data\ncompetency_type: teknis\nlevel: 1\n' +
	    'jp: 2\n---\nKursus uji.\n');
	fs.writeFileSync(path.join(c, '01-data.md'), '---\ntitle: Data Terbuka\n' +
	    'minutes: 3\n---\nData pemerintah dibuka untuk publik.\n');
	return d;
}

const s = new Suite('browser_siasn', { courses: courses() });

try {
	await s.start();

	await s.check('learner_completes', async () => {
		const page = await s.page();
		await s.login(page, DEMO.learner);
		await page.goto(`/courses/${COURSE}/01-data`);
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Tandai selesai' }).click()]);
		await page.ctx.close();
	});

	await s.check('hr_page_download_batch', async () => {
		const page = await s.page({ bypassCSP: true });
		await s.login(page, DEMO.hr);
		await page.goto('/hr');
		await Promise.all([page.waitForURL('**/hr/siasn'),
		    page.getByRole('link', { name: 'Ekspor riwayat kursus ke SIASN' }).click()]);
		const pending = await page.locator('#pending').innerText();
		expect(/1 entri siap dikirim: 1 baru, 0 berubah/.test(pending), `pending: ${pending}`);
		expect(await page.locator('#no-pns').isVisible(), 'no warning about the missing pnsOrangId');
		await s.shot(page, 'siasn-page-1280');
		const v = await axe(page);
		expect(v.length === 0, 'axe: ' + v.join('; '));
		const [dl] = await Promise.all([page.waitForEvent('download'),
		    page.getByRole('button', { name: 'Unduh batch (ZIP)' }).click()]);
		const year = new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
		expect(dl.suggestedFilename() === `lentera-siasn-${year}.zip`, `named ${dl.suggestedFilename()}`);
		const head = fs.readFileSync(await dl.path()).subarray(0, 4);
		expect(head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'not a ZIP');
		await page.goto('/hr/siasn');
		const now = await page.locator('#pending').innerText();
		expect(/Tidak ada entri baru atau berubah/.test(now), `after: ${now}`);
		expect(await page.getByRole('button', { name: 'Unduh ulang' }).count() === 1, 'batch listed');
		await s.shot(page, 'siasn-page-after-1280');
		await page.ctx.close();
	});

	await s.check('hr_page_360', async () => {
		const m = await s.page({ viewport: MOBILE, bypassCSP: true });
		await s.login(m, DEMO.hr);
		await m.goto('/hr/siasn');
		const o = await overflow(m);
		await s.shot(m, 'siasn-page-360');
		expect(o <= 0, `sideways scroll +${o}px at 360px`);
		const v = await axe(m);
		expect(v.length === 0, 'axe: ' + v.join('; '));
		await m.ctx.close();
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
