// Issue 10 item 5 in real Chromium: a bad parameter is a 400 page that says
// which parameter and what it must be, in the user's language, laid out
// like every page (no sideways scroll at 360 px, no serious axe finding);
// a browser download with a bad filter gets the download-failed page with
// the same message and the way back to /hr. Screenshots at 1280 and 360.
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const s = new Suite('edge');

async function shots(page, name) {
	await s.shot(page, name);
	await page.setViewportSize(MOBILE);
	await s.shot(page, name + '-360');
	const o = await overflow(page);
	await page.setViewportSize({ width: 1280, height: 900 });
	return o;
}

try {
	await s.start();
	await s.check('bad_year_page_names_the_parameter', async () => {
		const page = await s.page({ bypassCSP: true });
		await s.login(page, DEMO.hr);
		const r = await page.goto(`/hr/people/${DEMO.learner}?year=20x6`);
		expect(r.status() === 400, `status ${r.status()}`);
		const text = await page.textContent('main');
		expect(text.includes('year harus bilangan bulat dari 2000 sampai 2100.'),
		    `message: ${text}`);
		expect(await page.locator('main a[href="/"]').count() === 1, 'the way home');
		const o = await shots(page, 'edge-param-400');
		expect(o <= 0, `overflow at 360: ${o}px`);
		const bad = await axe(page);
		expect(bad.length === 0, 'axe: ' + bad.join('; '));
		await page.ctx.close();
	});
	await s.check('english_when_switched', async () => {
		const page = await s.page();
		await s.login(page, DEMO.admin);
		await page.goto('/lang/en?next=%2F');
		const r = await page.goto('/admin/audit?before=abc');
		expect(r.status() === 400, `status ${r.status()}`);
		const text = await page.textContent('main');
		expect(text.includes('before must be a whole number from 1 to 999999999999999999.'),
		    `message: ${text}`);
		await shots(page, 'edge-param-400-en');
		await page.ctx.close();
	});
	await s.check('browser_download_with_bad_filter', async () => {
		const page = await s.page();
		await s.login(page, DEMO.hr);
		const r = await page.goto('/api/v1/completions?format=csv&type=teknik');
		expect(r.status() === 400, `status ${r.status()}`);
		const text = await page.textContent('main');
		expect(text.includes('type harus salah satu dari: teknis, manajerial, sosial-kultural.'),
		    `message: ${text}`);
		expect(await page.locator('main a[href="/hr"]').count() === 1, 'back to /hr');
		const o = await shots(page, 'edge-download-400');
		expect(o <= 0, `overflow at 360: ${o}px`);
		await page.ctx.close();
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL edge.start: ${e.message}`);
} finally {
	await s.finish();
}
