// Every route to 20 JP in real Chromium (issue 11 "Done when"): HR creates
// a mentoring programme and pairs a mentor with the mentee; the mentee
// logs two mentoring sessions with a PDF through the form; the mentor
// confirms both; the atasan approves one and sends one back with a note;
// the mentee sees the note, fixes it; mentor and atasan pass it; the JP
// then appear with the same total on Rekam Jejak, Tim saya, the HR
// dashboard, the JP summary API and its XLSX. A learner's seminar goes
// through HR verification; the same certificate number recorded again is
// flagged. Screenshots of every new page at 1280 and 360 px, axe-core
// and no sideways scrolling on each. The server runs on a test clock
// (28 June 2026, 12:00 WIB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Suite, BIN, DEMO, PW, MOBILE, expect, axe, overflow } from './lib.mjs';

const NOW = Date.UTC(2026, 5, 28, 5, 0) / 1000;
const s = new Suite('browser_ledger', { args: ['--test-clock'],
    env: { LENTERA_TEST_NOW: String(NOW) } });
const PW2 = 'kata-sandi-uji-2026';
const MENTEE = DEMO.learner;
const MENTOR = '198601012010011021';
const ATASAN = '197501012000011022';
const PEER = '199101012016011023';
const UNIT = 'Bidang Jurnal JP';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-ledger-b-'));
const PDF = path.join(tmp, 'notulen.pdf');
fs.writeFileSync(PDF, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function cli(args, input) {
	const r = spawnSync(BIN, args, { input, encoding: 'utf8', cwd: tmp });
	if (r.status !== 0)
		throw new Error(args.join(' ') + ': ' + r.stdout + r.stderr);
	return r.stdout;
}

function setup() {
	const csv = path.join(tmp, 'roster.csv');
	fs.writeFileSync(csv, 'nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n' +
	    `${MENTEE},Rina Wulandari,${UNIT},Analis,III/a,${ATASAN}\n` +
	    `${MENTOR},Mentor Senior,${UNIT},Analis Ahli Madya,IV/a,\n` +
	    `${ATASAN},Atasan Langsung,${UNIT},Kepala Bidang,IV/b,\n` +
	    `${PEER},Rekan Kerja,${UNIT},Analis,III/a,${ATASAN}\n`);
	cli(['import-roster', csv, '--db', s.db]);
	for (const nip of [MENTOR, ATASAN, PEER])
		cli(['user', 'reset-password', '--nip', nip, '--db', s.db], PW2 + '\n');
}

async function as(nip, pw = PW2, viewport) {
	const p = await s.page(viewport ? { viewport } : {});
	await s.login(p, nip, pw);
	return p;
}

async function logSession(p, day, title) {
	await p.goto('/learning');
	const f = p.locator('#new-session');
	await f.locator('select[name=kind]').selectOption('mentoring');
	await f.locator('input[name=mentor]').fill(MENTOR);
	await f.locator('input[name=start]').fill(`2026-06-${String(day).padStart(2, '0')}`);
	await f.locator('input[name=minutes]').fill('90');
	await f.locator('input[name=title]').fill(title);
	await f.locator('input[name=competency]').fill('Kepemimpinan');
	await f.locator('textarea[name=notes]').fill('Membahas rencana aksi');
	await f.locator('input[name=rtl]').fill('Menyusun SOP layanan');
	await f.locator('input[name=evidence]').setInputFiles(PDF);
	await Promise.all([p.waitForURL(/\/learning\?ok=1/), f.locator('button[type=submit]').click()]);
}

async function act(p, title, action, note) {
	await p.goto('/review');
	const row = p.locator('tr', { hasText: title });
	if (note)
		await row.locator('input[name=note]').fill(note);
	await Promise.all([p.waitForURL(/\/review\?ok=1/),
	    row.locator(`button[value=${action}]`).click()]);
}

async function look(url, file, nip, pw = PW2) {
	for (const [vp, tag] of [[{ width: 1280, height: 900 }, 'desktop'], [MOBILE, 'mobile']]) {
		const p = await s.page({ viewport: vp, bypassCSP: tag === 'desktop' });
		await s.login(p, nip, pw);
		await p.goto(url);
		await s.shot(p, `ledger-${file}-${tag}`);
		const o = await overflow(p);
		expect(o <= 0, `${url} at ${tag}: ${o} px sideways scroll`);
		if (tag === 'desktop') {
			const v = await axe(p);
			expect(v.length === 0, `${url}: axe ${v.join('; ')}`);
		}
		await p.ctx.close();
	}
}

await s.start();
setup();
let mentee, mentor, atasan, hr;

let programme;
await s.check('hr_creates_a_programme_and_pairs', async () => {
	hr = await as(DEMO.hr, PW);
	await hr.goto('/programmes');
	const f = hr.locator('#new-programme');
	await f.locator('input[name=name]').fill('Pemimpin Masa Depan 2026');
	await f.locator('select[name=kind]').selectOption('mentoring');
	await f.locator('input[name=focus]').fill('Kepemimpinan');
	await f.locator('input[name=start]').fill('2026-06-01');
	await f.locator('input[name=end]').fill('2026-12-31');
	await Promise.all([hr.waitForURL(/\/programmes\/\d+$/), f.locator('button[type=submit]').click()]);
	programme = new URL(hr.url()).pathname;
	await hr.locator('#pairs-in').fill(`nip_mentor,nip_mentee\n${MENTOR},${MENTEE}\n`);
	await Promise.all([hr.waitForURL((u) => u.pathname === programme),
	    hr.locator('#pair-form button').click()]);
	expect(await hr.locator(`#pairs tr[data-mentee="${MENTEE}"]`).count() === 1, 'paired');
});

await s.check('mentee_logs_two_sessions_with_a_pdf', async () => {
	mentee = await as(MENTEE, PW);
	await logSession(mentee, 5, 'Sesi perencanaan');
	await logSession(mentee, 12, 'Sesi umpan balik');
	const t = await mentee.locator('#mine').innerText();
	expect((t.match(/Menunggu verifikasi/g) || []).length === 2, 'two pending: ' + t);
});

await s.check('mentor_sees_the_reminder_and_confirms', async () => {
	mentor = await as(MENTOR);
	await mentor.goto('/review');
	expect((await mentor.locator('#review-count').innerText()) === '2', 'nav count');
	await act(mentor, 'Sesi perencanaan', 'confirm');
	await act(mentor, 'Sesi umpan balik', 'confirm');
});

await s.check('atasan_approves_one_and_sends_one_back', async () => {
	atasan = await as(ATASAN);
	await atasan.goto('/review');
	expect((await atasan.locator('#review-count').innerText()) === '2', 'atasan nav count');
	await act(atasan, 'Sesi perencanaan', 'approve');
	await act(atasan, 'Sesi umpan balik', 'return', 'Lengkapi RTL dengan target tanggal');
});

await s.check('mentee_sees_why_and_fixes_it', async () => {
	await mentee.goto('/learning');
	const note = await mentee.locator('.returned-note').innerText();
	expect(note.includes('Lengkapi RTL dengan target tanggal'), 'the note: ' + note);
	await mentee.locator('details summary').click();
	const f = mentee.locator('details form');
	await f.locator('select[name=kind]').selectOption('mentoring');
	await f.locator('input[name=mentor]').fill(MENTOR);
	await f.locator('input[name=start]').fill('2026-06-12');
	await f.locator('input[name=minutes]').fill('90');
	await f.locator('input[name=title]').fill('Sesi umpan balik');
	await f.locator('input[name=rtl]').fill('Menyusun SOP layanan');
	await f.locator('input[name=rtl_due]').fill('2026-07-15');
	await Promise.all([mentee.waitForURL(/\/learning\?ok=1/), f.locator('button[type=submit]').click()]);
	await act(mentor, 'Sesi umpan balik', 'confirm');
	await act(atasan, 'Sesi umpan balik', 'approve');
	await mentee.goto('/learning');
	const t = await mentee.locator('#mine').innerText();
	expect((t.match(/Disetujui/g) || []).length === 2, 'both approved: ' + t);
});

await s.check('seminar_verified_by_hr_duplicate_flagged', async () => {
	for (const nip of [MENTEE, PEER]) {
		const p = nip === MENTEE ? mentee : await as(PEER);
		await p.goto('/learning');
		const f = p.locator('#new-training');
		await f.locator('select[name=kind]').selectOption('seminar');
		await f.locator('input[name=title]').fill('Seminar Nasional SPBE');
		await f.locator('input[name=provider]').fill('Universitas Indonesia');
		await f.locator('input[name=start]').fill('2026-06-02');
		await f.locator('input[name=end]').fill('2026-06-03');
		await f.locator('input[name=jp]').fill('8');
		await f.locator('input[name=cert_no]').fill('UI/SPBE/2026/17');
		await f.locator('input[name=evidence]').setInputFiles(PDF);
		await Promise.all([p.waitForURL(/\/learning\?ok=1/), f.locator('button[type=submit]').click()]);
	}
	await hr.goto('/review');
	expect(await hr.locator('#q-hr tr[data-duplicate]').count() === 2, 'both flagged');
	const row = hr.locator('#q-hr tr', { hasText: 'Rina Wulandari' });
	await Promise.all([hr.waitForURL(/\/review\?ok=1/), row.locator('button[value=approve]').click()]);
});

await s.check('same_totals_everywhere', async () => {
	// 2 sessions x 2 JP (90 min, capped at 2 JP a session) + the seminar's 8 = 12.
	await mentee.goto('/record');
	expect((await mentee.locator('#jp-year').innerText()) === '12', 'Rekam Jejak');
	await atasan.goto('/team');
	const team = await atasan.locator(`tr[data-nip="${MENTEE}"] td.jp`).innerText();
	expect(team.startsWith('12 / 20'), 'Tim saya: ' + team);
	await hr.goto(`/hr?year=2026&unit=${encodeURIComponent(UNIT)}`);
	expect((await hr.locator('#jp-total').innerText()) === '12', 'dashboard (the peer\'s seminar waits)');
	const j = await (await hr.ctx.request.get(s.base +
	    `/api/v1/jp-summary?format=json&year=2026&unit=${encodeURIComponent(UNIT)}`)).json();
	const me = j.data.find((x) => x.nip === MENTEE);
	expect(me && me.jp === 12 && j.data.find((x) => x.nip === PEER).jp_pending === 8, JSON.stringify(me));
	const x = await hr.ctx.request.get(s.base + `/api/v1/jp-summary?format=xlsx&year=2026&unit=${encodeURIComponent(UNIT)}`);
	const f = path.join(tmp, 'jp.xlsx');
	fs.writeFileSync(f, await x.body());
	const py = spawnSync('/usr/bin/python3', ['-c', `
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
h = [c.value for c in ws[1]]
for r in ws.iter_rows(min_row=2, values_only=True):
    if r[0] == sys.argv[2]:
        print(r[h.index('Jumlah JP')])`, f, MENTEE], { encoding: 'utf8' });
	expect(py.stdout.trim() === '12', 'XLSX: ' + py.stdout + py.stderr);
	await hr.goto(programme);
	const pair = await hr.locator(`#pairs tr[data-mentee="${MENTEE}"] td.jp`).innerText();
	expect(pair === '4', 'the programme report: 2 sessions x 2 JP: ' + pair);
});

await s.check('screenshots_and_accessibility', async () => {
	await look('/learning', 'learning', MENTEE, PW);
	await look('/record', 'record', MENTEE, PW);
	await look('/team', 'team', ATASAN);
	await look('/review', 'review-hr', DEMO.hr, PW);
	await look(programme, 'programme', DEMO.hr, PW);
	await look('/programmes', 'programmes', DEMO.hr, PW);
	await look('/hr/learning', 'class', DEMO.hr, PW);
	await look('/review', 'review-mentor', MENTOR);
});

await s.finish();
fs.rmSync(tmp, { recursive: true, force: true });
