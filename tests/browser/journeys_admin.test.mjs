// Issue 9 journeys in real Chromium (HR and admin): HR uploads an .xlsx
// roster written by openpyxl, reads the row that Excel broke (a NIP stored
// as a number), fixes it and imports; the admin deactivates a user through
// the confirm step, sees why their own account offers no button, then
// finds the change in the audit log with the filters, at 1280 and 360 px.
// SHOT_SUFFIX=-before names the screenshots of a run on the old binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const s = new Suite('journeys_admin');
const SUF = process.env.SHOT_SUFFIX || '';
const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const COLS = ['nip', 'nama', 'unit_kerja', 'jabatan', 'golongan', 'email', 'nip_atasan'];
const A = '198811222014031001', B = '198811222014031002';

/* An .xlsx of rows written by openpyxl (Debian python3-openpyxl). */
function xlsx(file, rows) {
	const code = 'import json,sys,openpyxl\n' +
	    'wb=openpyxl.Workbook();ws=wb.active;ws.title="Pegawai"\n' +
	    'for r in json.loads(sys.argv[2]): ws.append(r)\n' +
	    'wb.save(sys.argv[1])\n';
	const r = spawnSync(PY, ['-c', code, file, JSON.stringify(rows)]);
	if (r.status !== 0)
		throw new Error('openpyxl: ' + r.stderr);
	return file;
}

/* The page as it is now at 1280 and at 360 px; the overflow at 360. */
async function shots(page, name) {
	await s.shot(page, name + SUF);
	await page.setViewportSize(MOBILE);
	await s.shot(page, name + '-360' + SUF);
	const o = await overflow(page);
	await page.setViewportSize({ width: 1280, height: 900 });
	return o;
}

async function submit(page, button) {
	await Promise.all([page.waitForLoadState('load'), button.click()]);
	await page.waitForLoadState('load');
}

try {
	await s.start();
	const broken = xlsx(path.join(s.tmp, 'pegawai-rusak.xlsx'), [COLS,
	    [A, 'Lina Marlina', 'Dinas Sosial', 'Penyuluh Sosial', 'III/b', 'lina@dinsos.go.id', null],
	    // Excel turned this NIP into a number: 15 digits kept.
	    [Number(B), 'Made Wirawan', 'Dinas Sosial', 'Pekerja Sosial', 'II/d', null, null]]);
	const fixed = xlsx(path.join(s.tmp, 'pegawai.xlsx'), [COLS,
	    [A, 'Lina Marlina', 'Dinas Sosial', 'Penyuluh Sosial', 'III/b', 'lina@dinsos.go.id', null],
	    [null, null, null, null, null, null, null],
	    [B, 'Made Wirawan', 'Dinas Sosial', 'Pekerja Sosial', 'II/d', null, A]]);

	await s.check('hr_uploads_xlsx_roster', async () => {
		const page = await s.page();
		page.nip = DEMO.hr;
		await s.login(page, DEMO.hr);
		await page.goto('/hr/roster');
		await shots(page, 'roster');
		const form = page.locator('form[action="/hr/roster"][method=post]');
		const accept = await form.locator('input[type=file]').getAttribute('accept');
		expect(accept && accept.includes('.xlsx'), 'file picker does not offer .xlsx: ' + accept);
		await form.locator('input[type=file]').setInputFiles(broken);
		await submit(page, form.locator('button[type=submit]'));
		await shots(page, 'roster-xlsx-rejected');
		const report = await page.locator('#report').innerText();
		expect(/Baris 3: NIP tersimpan sebagai angka/.test(report),
		    'the broken row is not explained: ' + report.slice(0, 300));
		expect(!/Baris 2:/.test(report), 'the good row is reported: ' + report.slice(0, 300));
		expect((await page.locator('#rep-bad').innerText()) === '1', 'bad count');

		await form.locator('input[type=file]').setInputFiles(fixed);
		await submit(page, form.locator('button[type=submit]'));
		const text = await page.locator('#report').innerText();
		expect((await page.locator('#rep-new').innerText()) === '2',
		    'fixed file did not import 2 new: ' + text.slice(0, 300));
		expect((await page.locator('#rep-bad').innerText()) === '0', 'fixed file has problems');
		const o = await shots(page, 'roster-xlsx-imported');
		expect(o <= 0, `roster page scrolls sideways at 360 px (+${o})`);
		// The imported people are found by the setup-code search.
		await page.goto('/hr/roster?q=Made');
		expect((await page.locator('#users').innerText()).includes(B), 'imported NIP not found');
		await page.ctx.close();
	});

	await s.check('admin_deactivates_with_confirmation', async () => {
		const page = await s.page();
		page.nip = DEMO.admin;
		await s.login(page, DEMO.admin);
		await page.goto('/admin/users?q=Made');
		const uo = await shots(page, 'admin-users');
		expect(uo <= 0, `users page scrolls sideways at 360 px (+${uo})`);
		const row = page.locator('tr', { hasText: B });
		await submit(page, row.locator('button', { hasText: 'Nonaktifkan' }));
		const main = await page.locator('main').innerText();
		expect(main.includes('Nonaktifkan pengguna?') && main.includes('Made Wirawan'),
		    'no confirm step: ' + main.slice(0, 200));
		expect(main.includes('Riwayat belajar'), 'confirm step does not say what happens');
		await s.shot(page, 'admin-deactivate-confirm' + SUF);
		// Cancel first: nothing happens.
		await submit(page, page.locator('#confirm a', { hasText: 'Batal' }));
		expect((await page.locator('tr', { hasText: B }).innerText()).includes('Aktif'),
		    'cancel changed the user');
		await submit(page, page.locator('tr', { hasText: B }).locator('button', { hasText: 'Nonaktifkan' }));
		const m = await s.page({ viewport: MOBILE });
		await s.login(m, DEMO.admin);
		await m.goto('/admin/users?q=Made');
		await submit(m, m.locator('tr', { hasText: B }).locator('button', { hasText: 'Nonaktifkan' }));
		await s.shot(m, 'admin-deactivate-confirm-360' + SUF);
		const mo = await overflow(m);
		await m.ctx.close();
		expect(mo <= 0, `confirm page scrolls sideways at 360 px (+${mo})`);
		await submit(page, page.locator('#confirm button', { hasText: 'Ya, nonaktifkan' }));
		expect((await page.locator('.notice').first().innerText()).includes('dinonaktifkan'),
		    'no success notice');
		expect((await page.locator('tr', { hasText: B }).innerText()).includes('Nonaktif'),
		    'user still active');
		// Own account: the row says why there is no button.
		await page.goto('/admin/users?q=' + DEMO.admin);
		const own = page.locator('tr', { hasText: DEMO.admin });
		expect(await own.locator('button', { hasText: 'Nonaktifkan' }).count() === 0,
		    'own row offers deactivation');
		expect((await own.innerText()).includes('Akun Anda sendiri'), 'own row does not say why');
		await shots(page, 'admin-users-own');
		await page.ctx.close();
	});

	await s.check('admin_reads_audit_log', async () => {
		const page = await s.page();
		page.nip = DEMO.admin;
		await s.login(page, DEMO.admin);
		await page.goto('/admin/audit');
		await shots(page, 'audit');
		const form = page.locator('form.filters');
		await form.locator('select[name=event]').selectOption({ label: 'Pengguna dinonaktifkan' });
		await form.locator('input[name=actor]').fill('Agus Pratama');
		await submit(page, form.locator('button[type=submit]'));
		const rows = page.locator('table.audit tbody tr');
		expect(await rows.count() === 1, 'filtered rows: ' + await rows.count());
		const t = await rows.first().innerText();
		expect(t.includes('Pengguna dinonaktifkan') && t.includes('Agus Pratama (demo admin)') &&
		    t.includes(B), 'row does not read: ' + t);
		expect(!t.includes('user.deactivate'), 'raw event code shown: ' + t);
		const o = await shots(page, 'audit-filtered');
		expect(o <= 0, `audit log scrolls sideways at 360 px (+${o})`);
		// The roster import by HR is there too, under its readable name.
		await page.goto('/admin/audit?event=roster.import');
		expect((await page.locator('table.audit').innerText()).includes('Sri Lestari (demo SDM)'),
		    'import by HR not found by event');
		await page.goto('/admin/audit?from=2099-01-01');
		expect((await page.locator('main').innerText()).includes('Tidak ada entri'),
		    'empty result not explained');
		await page.ctx.close();
	});

	await s.check('admin_pages_axe', async () => {
		const bad = [];
		for (const [nip, url] of [[DEMO.hr, '/hr/roster'], [DEMO.admin, '/admin/users'],
		    [DEMO.admin, '/admin/audit?event=user.deactivate']]) {
			const a = await s.page({ bypassCSP: true });
			await s.login(a, nip);
			await a.goto(url);
			for (const v of await axe(a))
				bad.push(`${url} ${v}`);
			await a.ctx.close();
		}
		expect(bad.length === 0, bad.join('; '));
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
