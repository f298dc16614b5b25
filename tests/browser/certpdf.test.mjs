// Certificate PDF in real Chromium: the admin fills /admin/settings (logo
// upload included) without JavaScript tricks, at 1280 and 360 px (no
// sideways scroll, axe clean); a learner completes a one-module course, the
// certificate page shows "Unduh PDF", clicking it downloads
// sertifikat-<number>.pdf (a PDF); with print media emulated the
// navigation, skip link, footer and the button are hidden and the
// certificate stays. Screenshots in artifacts/screenshots/certpdf-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Suite, DEMO, MOBILE, expect, axe, overflow } from './lib.mjs';

const COURSE = 'sertifikat-browser';
const AGENCY = 'Dinas Komunikasi dan Informatika Kota Contoh';

function courses() {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-courses-'));
	const c = path.join(d, COURSE);
	fs.mkdirSync(c);
	fs.writeFileSync(path.join(c, 'course.md'), `---\nid: ${COURSE}\n` +
	    'title: Keamanan Informasi untuk ASN\nsummary: Satu modul.\n' +
	    'competency: Keamanan Informasi\ncompetency_type: teknis\nlevel: 2\n' +
	    'jp: 3\n---\nKursus uji.\n');
	fs.writeFileSync(path.join(c, '01-sandi.md'), '---\ntitle: Kata Sandi\n' +
	    'minutes: 3\n---\nGunakan kata sandi yang panjang dan berbeda.\n');
	return d;
}

/* A small real PNG (two colour bands), as an image editor would save. */
function png(w = 120, h = 60) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b) => {
		let c = 0xffffffff;
		for (const x of b)
			c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (t, d) => {
		const len = Buffer.alloc(4), sum = Buffer.alloc(4);
		len.writeUInt32BE(d.length);
		const td = Buffer.concat([Buffer.from(t), d]);
		sum.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const rows = [];
	for (let y = 0; y < h; y++) {
		rows.push(0);
		for (let x = 0; x < w; x++)
			rows.push(...(y < h / 2 ? [11, 85, 99] : [245, 197, 66]));
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.from(rows))),
	    chunk('IEND', Buffer.alloc(0))]);
}

const s = new Suite('browser_certpdf', { courses: courses() });

try {
	await s.start();

	await s.check('admin_settings_form', async () => {
		const page = await s.page();
		await s.login(page, DEMO.admin);
		await page.goto('/admin/users');
		// Staff navigation is grouped: the settings are under "Kelola".
		await page.locator('nav summary', { hasText: 'Kelola' }).click();
		await Promise.all([page.waitForURL('**/admin/settings'),
		    page.getByRole('link', { name: 'Pengaturan' }).click()]);
		await page.fill('#agency_name', AGENCY);
		await page.fill('#institusi_penyelenggara', 'Diskominfo Kota Contoh');
		await page.fill('#signer_name', 'Ir. Bambang Wicaksono, M.T.');
		await page.fill('#signer_nip', '197804122005011002');
		await page.fill('#signer_position', 'Kepala Dinas Komunikasi dan Informatika');
		await page.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png', buffer: png() });
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Simpan pengaturan' }).click()]);
		await page.waitForLoadState('load');
		const main = await page.locator('main').innerText();
		expect(main.includes('Perubahan disimpan'), 'no saved notice: ' + main.slice(0, 300));
		expect(await page.inputValue('#agency_name') === AGENCY, 'agency not kept');
		const img = page.locator('#logo-now');
		expect(await img.count() === 1, 'current logo not shown');
		expect(await img.evaluate((e) => e.complete && e.naturalWidth === 120),
		    'logo image did not load');
		await s.shot(page, 'certpdf-admin-settings-1280');
		await page.ctx.close();

		const m = await s.page({ viewport: MOBILE });
		await s.login(m, DEMO.admin);
		await m.goto('/admin/settings');
		const o = await overflow(m);
		await s.shot(m, 'certpdf-admin-settings-360');
		expect(o <= 0, `sideways scroll +${o}px at 360px`);
		await m.ctx.close();

		const a = await s.page({ bypassCSP: true });
		await s.login(a, DEMO.admin);
		await a.goto('/admin/settings');
		const bad = await axe(a);
		expect(bad.length === 0, 'axe: ' + bad.join('; '));
		await a.ctx.close();
	});

	await s.check('certificate_button_download_print', async () => {
		const page = await s.page();
		await s.login(page, DEMO.learner);
		await page.goto(`/courses/${COURSE}/01-sandi`);
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Tandai selesai' }).click()]);
		await page.goto('/record');
		await Promise.all([page.waitForURL(`**/certificate/${COURSE}`),
		    page.locator(`a[href="/certificate/${COURSE}"]`).click()]);
		const btn = page.getByRole('link', { name: 'Unduh PDF' });
		expect(await btn.count() === 1 && await btn.isVisible(), 'no visible "Unduh PDF" button');
		await s.shot(page, 'certpdf-certificate-1280');
		const no = (await page.locator('.cert-no').innerText()).replace(/^Nomor\s+/, '').trim();
		const [dl] = await Promise.all([page.waitForEvent('download'), btn.click()]);
		const want = `sertifikat-${no.replace(/\//g, '-')}.pdf`;
		expect(dl.suggestedFilename() === want, `download named ${dl.suggestedFilename()}, want ${want}`);
		const file = await dl.path();
		const head = fs.readFileSync(file).subarray(0, 5).toString();
		expect(head === '%PDF-', 'download is not a PDF: ' + head);

		await page.emulateMedia({ media: 'print' });
		for (const sel of ['header.top nav', '.skip', 'footer', '#cert-pdf'])
			expect(!(await page.locator(sel).first().isVisible()), `${sel} visible in print`);
		expect(await page.locator('article.certificate').isVisible(), 'certificate hidden in print');
		await s.shot(page, 'certpdf-certificate-print');
		await page.emulateMedia({ media: 'screen' });
		await page.ctx.close();

		const m = await s.page({ viewport: MOBILE });
		await s.login(m, DEMO.learner);
		await m.goto(`/certificate/${COURSE}`);
		const o = await overflow(m);
		await s.shot(m, 'certpdf-certificate-360');
		expect(o <= 0, `certificate sideways scroll +${o}px at 360px`);
		await m.ctx.close();
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
