// Staff journeys in real Chromium: the admin adds a user who can then log
// in; a trainer sees quiz statistics (/trainer); HR filters the dashboard
// (/hr) and downloads the completion CSV and XLSX. A missing page (404)
// or download link fails. Every staff page through axe-core.
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const s = new Suite('browser_staff');
const NEW_NIP = '199203152019032005';
const NEW_PW = 'kata-sandi-baru-2026';
const pages = [];	/* [nip, url] for the axe and mobile passes */

async function guard(page, url) {
	const st = await s.status(page, url);
	expect(st === 200, `${url} answered ${st}`);
}

try {
	await s.start();

	await s.check('admin_adds_user', async () => {
		const page = await s.page();
		await s.login(page, DEMO.admin);
		await page.goto('/admin/users');
		pages.push([DEMO.admin, '/admin/users']);
		await s.shot(page, 'admin-users');
		const form = page.locator('form[action="/admin/users"][method="post"]');
		await form.locator('input[name=nip]').fill(NEW_NIP);
		await form.locator('input[name=name]').fill('Sari Puspitasari');
		await form.locator('input[name=unit]').fill('Dinas Kominfo');
		await form.locator('input[name=password]').fill(NEW_PW);
		await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
		await page.waitForLoadState('load');
		expect((await page.locator('main').innerText()).includes('Sari Puspitasari'),
		    'new user not listed after adding');
		await page.ctx.close();
		const u = await s.page();
		await s.login(u, NEW_NIP, NEW_PW);
		expect(new URL(u.url()).pathname === '/', 'new user could not log in: ' + u.url());
		await u.ctx.close();
	});

	await s.check('trainer_quiz_statistics', async () => {
		const page = await s.page();
		await s.login(page, DEMO.trainer);
		await guard(page, '/trainer');
		await page.goto('/trainer');
		pages.push([DEMO.trainer, '/trainer']);
		await s.shot(page, 'trainer');
		expect(await page.locator('main h1').count() === 1, '/trainer has no heading');
		await page.ctx.close();
	});

	await s.check('hr_filter_and_downloads', async () => {
		const page = await s.page();
		await s.login(page, DEMO.hr);
		await guard(page, '/hr');
		await page.goto('/hr');
		pages.push([DEMO.hr, '/hr']);
		await s.shot(page, 'hr');
		const form = page.locator('main form[method=get]').first();
		expect(await form.count() === 1, '/hr has no filter form');
		const year = form.locator('[name=year]');
		if (await year.count())
			await year.first().fill(String(new Date().getFullYear())).catch(() =>
			    year.first().selectOption(String(new Date().getFullYear())));
		await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
		expect(new URL(page.url()).pathname === '/hr', 'filter left /hr');
		for (const [fmt, magic] of [['csv', null], ['xlsx', 'PK']]) {
			const link = page.locator(`main a[href*="format=${fmt}"]`).first();
			expect(await link.count() > 0, `/hr offers no ${fmt.toUpperCase()} download`);
			const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
			const stream = await dl.createReadStream();
			const chunks = [];
			for await (const c of stream)
				chunks.push(c);
			const body = Buffer.concat(chunks);
			expect(body.length > 0, fmt + ' download empty');
			if (magic)
				expect(body.subarray(0, 2).toString() === magic, 'xlsx is not a zip');
			else
				expect(body.toString('utf8').split('\n')[0].includes(','), 'csv has no header row');
		}
		await page.ctx.close();
	});

	await s.check('staff_axe_and_mobile', async () => {
		const bad = [];
		for (const [nip, url] of pages) {
			const a = await s.page({ bypassCSP: true });
			await s.login(a, nip, nip === NEW_NIP ? NEW_PW : undefined);
			await a.goto(url);
			for (const v of await axe(a))
				bad.push(`${url} ${v}`);
			await a.ctx.close();
			const m = await s.page({ viewport: MOBILE });
			await s.login(m, nip);
			await m.goto(url);
			const o = await overflow(m);
			await s.shot(m, 'mobile' + url.replace(/\W+/g, '-'));
			await m.ctx.close();
			// Wide tables scroll inside their own box; the page must not.
			if (o > 0)
				bad.push(`${url} sideways scroll +${o}px at 360px`);
		}
		expect(bad.length === 0, bad.join('; '));
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
