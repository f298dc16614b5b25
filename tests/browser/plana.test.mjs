// Planning part A in real Chromium (docs/planning-needs.md): HR reaches the
// planning hub from the dashboard, uploads the people (roster), the
// competency dictionary, position standards, assessment results, SKP and
// SKM files through the forms; the SKM page shows the IKM and a proposal
// HR accepts; the heatmap (SVG + table) and the largest-gap list show the
// data; a heatmap cell drills down to the unit's people and a name to
// that person's gaps with where each level came from. At 1280 and 360 px:
// no sideways scroll of the page, axe clean. Screenshots in
// artifacts/screenshots/plana-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { Suite, DEMO, MOBILE, ROOT, ARTIFACTS, expect, axe, overflow } from './lib.mjs';

const UNIT = 'Dinas Kependudukan dan Pencatatan Sipil';
const UNIT2 = 'Kecamatan Sukamaju';
const PEOPLE = [
	['198601012011011001', 'Ani Lestari', UNIT, 'Petugas Loket'],
	['198602022011012002', 'Bima Saputra', UNIT, 'Petugas Loket'],
	['198603032011011003', 'Cici Rahma', UNIT, 'Kepala Bidang Pelayanan'],
	['198604042011012004', 'Dedi Kurnia', UNIT2, 'Petugas Loket'],
];
const FILES = {
	kompetensi: ['kompetensi.csv', fs.readFileSync(path.join(ROOT, 'docs', 'examples', 'kompetensi.csv'))],
	standar: ['skj-2026.csv', 'jabatan,kelas_jabatan,kompetensi,level\n' +
	    'Petugas Loket,pelaksana,Pelayanan Publik,3\n' +
	    'Petugas Loket,pelaksana,Penyelenggaraan Pelayanan Publik,3\n' +
	    'Kepala Bidang Pelayanan,administrator,Pengambilan Keputusan,4\n'],
	asesmen: ['asesmen.csv', 'nip,kompetensi,level,tanggal,sumber\n' +
	    `${PEOPLE[0][0]},Pelayanan Publik,2,2026-03-10,Assessment Center BKN\n` +
	    `${PEOPLE[2][0]},Pengambilan Keputusan,3,2026-02-01,CACT\n`],
	skp: ['skp-2025.csv', 'nip,tahun,predikat,potensi\n' +
	    `${PEOPLE[1][0]},2025,Butuh Perbaikan,menengah\n` +
	    `${PEOPLE[3][0]},2025,Baik,tinggi\n`],
};
function skm() {
	const totals = [35, 32, 30, 40, 33, 28, 29, 31, 34];
	let csv = 'unit_layanan,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\n';
	for (let i = 0; i < 10; i++)
		csv += `${UNIT},2026-S1,` + totals.map((t) =>
		    Math.floor(t / 10) + (i < t % 10 ? 1 : 0)).join(',') + '\n';
	return ['skm-2026-s1.csv', csv];
}
FILES.skm = skm();

const s = new Suite('browser_plana');

async function upload(page, kind, [name, data]) {
	await page.goto(`/hr/perencanaan/${kind}`);
	await page.setInputFiles('#file', { name, mimeType: 'text/csv',
	    buffer: Buffer.isBuffer(data) ? data : Buffer.from(data) });
	await Promise.all([page.waitForLoadState('load'),
	    page.getByRole('button', { name: 'Impor', exact: true }).click()]);
	const note = await page.locator('#report').innerText();
	expect(/Impor tersimpan/.test(note), `${kind}: ${note.slice(0, 300)}`);
}

try {
	await s.start();

	await s.check('hr_imports_everything', async () => {
		const page = await s.page();
		await s.login(page, DEMO.hr);
		await page.goto('/hr');
		await Promise.all([page.waitForURL('**/hr/perencanaan'),
		    page.getByRole('link', { name: 'Perencanaan kompetensi' }).click()]);
		await s.shot(page, 'plana-hub-1280');
		await page.goto('/hr/roster');
		await page.fill('#csv', 'nip,nama,unit_kerja,jabatan,golongan\n' +
		    PEOPLE.map((p) => p.join(',') + ',III/a').join('\n') + '\n');
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: /Impor|Unggah|Kirim/ }).first().click()]);
		for (const kind of ['kompetensi', 'standar', 'asesmen', 'skp', 'skm'])
			await upload(page, kind, FILES[kind]);
		await page.goto('/hr/perencanaan/kompetensi');
		expect(await page.locator('#unlinked-none').isVisible(), 'courses all linked to the dictionary');
		await s.shot(page, 'plana-kamus-1280');
		await page.goto('/hr/perencanaan/standar');
		await s.shot(page, 'plana-standar-1280');
		await page.goto('/hr/perencanaan/skm');
		const ikm = await page.locator('#skm td.ikm').first().innerText();
		expect(ikm === '81,11' || ikm === '81.11', `IKM ${ikm}`);
		await Promise.all([page.waitForLoadState('load'),
		    page.locator('#proposals').getByRole('button', { name: 'Terima' }).first().click()]);
		expect(await page.locator('#proposals').getByText('Diterima').count() === 1, 'proposal accepted');
		await s.shot(page, 'plana-skm-1280');
		// A bad file: FILE:LINE in the report, nothing saved.
		await page.goto('/hr/perencanaan/skp');
		await page.setInputFiles('#file', { name: 'skp-salah.csv', mimeType: 'text/csv',
		    buffer: Buffer.from(`nip,tahun,predikat\n${PEOPLE[0][0]},2025,Cukup\n`) });
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Impor', exact: true }).click()]);
		const probs = await page.locator('#problems').innerText();
		expect(/skp-salah\.csv:2: predikat "Cukup"/.test(probs), `problems: ${probs}`);
		await s.shot(page, 'plana-import-error-1280');
		await page.ctx.close();
	});

	await s.check('heatmap_and_drilldown', async () => {
		const page = await s.page({ bypassCSP: true });
		await s.login(page, DEMO.hr);
		await page.goto('/hr/kesenjangan');
		expect(await page.locator('svg#heatmap').isVisible(), 'heatmap drawn');
		const cell = page.locator('#heat-table td[data-unit-comp="' + UNIT +
		    '|penyelenggaraan pelayanan publik"]');
		const txt = await cell.innerText();
		expect(/^2 \/ 2; 3[.,]00/.test(txt), `cell: ${txt}`);
		await s.shot(page, 'plana-heatmap-1280');
		await page.screenshot({ path: path.join(ARTIFACTS, 'plana-heatmap-top-1280.png') });
		const v = await axe(page);
		expect(v.length === 0, 'axe: ' + v.join('; '));
		await Promise.all([page.waitForLoadState('load'),
		    page.locator('#heatmap a').first().click()]);
		const rows = await page.locator('#gap-list tbody tr').count();
		expect(rows > 0, 'drill-down lists people');
		await Promise.all([page.waitForURL(/\/hr\/kesenjangan\/\d{18}$/),
		    page.locator('#gap-list tbody a').first().click()]);
		expect(await page.locator('#gap-current').isVisible(), 'person gaps');
		await s.shot(page, 'plana-person-1280');
		const v2 = await axe(page);
		expect(v2.length === 0, 'axe person: ' + v2.join('; '));
		await page.goto('/hr/kesenjangan/' + PEOPLE[0][0]);
		const ev = await page.locator('#gap-current').innerText();
		expect(/Assessment Center BKN 2026-03-10/.test(ev), `evidence: ${ev.slice(0, 400)}`);
		await page.ctx.close();
	});

	await s.check('pages_360', async () => {
		const m = await s.page({ viewport: MOBILE, bypassCSP: true });
		await s.login(m, DEMO.hr);
		for (const [url, shot] of [['/hr/perencanaan', 'hub'], ['/hr/kesenjangan', 'heatmap'],
		    ['/hr/perencanaan/skm', 'skm'], ['/hr/perencanaan/kompetensi', 'kamus'],
		    ['/hr/kesenjangan/' + PEOPLE[0][0], 'person']]) {
			await m.goto(url);
			const o = await overflow(m);
			await s.shot(m, `plana-${shot}-360`);
			await m.screenshot({ path: path.join(ARTIFACTS, `plana-${shot}-top-360.png`) });
			expect(o <= 0, `${url}: sideways scroll +${o}px at 360px`);
			const v = await axe(m);
			expect(v.length === 0, `${url} axe: ` + v.join('; '));
		}
		await m.ctx.close();
	});
} catch (e) {
	s.failed++;
	console.log(`FAIL ${s.name}: ${String(e && e.message || e).split('\n')[0]}`);
} finally {
	await s.finish();
}
