// The planning cycle's second half in real Chromium (issue 12 items 4,
// 8-11): HR opens a needs survey; a learner and their atasan answer; the
// learner drafts a plan from the recommendations and submits it; the
// atasan approves; HR's agency plan shows cost against the budget; HR
// assigns a course with a due date; the learner sees it on the home page;
// the notification e-mail reaches a real SMTP server on loopback (Debian's
// python3-aiosmtpd writing a Maildir). Screenshots at 1280 and 360 px of
// every new page, axe-core on each, no sideways scroll at 360 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { Suite, BIN, ROOT, DEMO, PW, MOBILE, expect, axe, overflow, freePort } from './lib.mjs';

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const UNIT = 'Dinas Uji Peramban';
const ATASAN = '198601012011011301';
const L1 = '198602022011012302';
const PASS = 'kata-sandi-peramban-2026';
const wib = (days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' })
    .format(new Date(Date.now() + days * 86400000));
const YEAR = Number(wib().slice(0, 4));

const smtpPort = await freePort();
const maildir = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-maildir-'));
const smtpd = spawn(PY, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`,
    '-c', 'aiosmtpd.handlers.Mailbox', path.join(maildir, 'box')],
    { stdio: ['ignore', 'ignore', 'inherit'] });

const s = new Suite('browser_planb', { args: ['--smtp-url', `smtp://127.0.0.1:${smtpPort}`,
    '--smtp-from', 'lentera@bkpsdm.uji.go.id'] });

function cli(args, input) {
	const r = spawnSync(BIN, [...args, '--db', s.db], { cwd: ROOT, input, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(args[0] + ': ' + r.stderr);
}

function mails() {
	const out = [];
	for (const sub of ['new', 'cur']) {
		const d = path.join(maildir, 'box', sub);
		if (fs.existsSync(d))
			for (const f of fs.readdirSync(d))
				out.push(fs.readFileSync(path.join(d, f), 'utf8'));
	}
	return out;
}

async function look(page, name) {
	const v = await axe(page);
	expect(v.length === 0, `${name}: axe ${v.join('; ')}`);
	await s.shot(page, `planb-${name}-1280`);
	await page.setViewportSize(MOBILE);
	const o = await overflow(page);
	await s.shot(page, `planb-${name}-360`);
	await page.setViewportSize({ width: 1280, height: 900 });
	expect(o <= 0, `${name}: ${o}px sideways scroll at 360 px`);
}

async function as(nip, password = PASS) {
	const page = await s.page({ bypassCSP: true });
	await s.login(page, nip, password);
	return page;
}

let round = 0;

try {
	await s.start();
	const csv = path.join(s.tmp, 'roster.csv');
	fs.writeFileSync(csv, 'nip,nama,unit_kerja,jabatan,golongan,email,nip_atasan\n' +
	    `${ATASAN},Ibu Kepala Bidang,${UNIT},Kepala Bidang,IV/a,kabid@uji.go.id,\n` +
	    `${L1},Pak Analis,${UNIT},Analis Data,III/a,analis@uji.go.id,${ATASAN}\n`);
	cli(['import-roster', csv]);
	cli(['user', 'reset-password', '--nip', ATASAN], PASS + '\n');
	cli(['user', 'reset-password', '--nip', L1], PASS + '\n');
	// Part A's data: the agency's teknis competencies and the analysts'
	// position standard (the gaps and recommendations stand on them).
	cli(['import-plan', 'kompetensi', path.join(ROOT, 'docs', 'examples', 'kompetensi.csv')]);
	const std = path.join(s.tmp, 'standar.csv');
	fs.writeFileSync(std, 'jabatan,kelas_jabatan,kompetensi,level\n' +
	    'Analis Data,pelaksana,Literasi Digital Pemerintahan,2\n' +
	    'Analis Data,pelaksana,Integritas,2\n');
	cli(['import-plan', 'standar', std]);

	await s.check('hr_opens_survey', async () => {
		const page = await as(DEMO.hr, PW);
		await page.goto('/hr/survey');
		await look(page, 'hr-survey');
		await page.fill('#f-title', `Survei kebutuhan ${YEAR}`);
		await page.fill('#f-to', wib(30));
		await page.fill('#f-units', UNIT);
		await Promise.all([page.waitForURL(/\/hr\/survey\/\d+$/),
		    page.click('form[action="/hr/survey"] button[type=submit]')]);
		round = Number(new URL(page.url()).pathname.split('/').pop());
		expect(round > 0, 'round id');
		await look(page, 'hr-survey-round');
		await page.ctx.close();
	});

	await s.check('learner_answers_survey', async () => {
		const page = await as(L1);
		await page.click(`#surveys a[href="/survey/${round}"]`);
		const lit = 'fieldset:has(legend:text-is("Literasi Digital Pemerintahan"))';
		await page.selectOption(`${lit} select`, '1');
		await page.fill(`${lit} textarea`, 'Belum pernah ikut pelatihan tata kelola data');
		await page.selectOption('fieldset:has(legend:text-is("Integritas")) select', '1');
		await look(page, 'survey-self');
		await Promise.all([page.waitForURL(/ok=1/), page.click('form.survey button[type=submit]')]);
		expect(await page.locator('.notice').count() > 0, 'saved notice');
		await page.ctx.close();
	});

	await s.check('atasan_assesses', async () => {
		const page = await as(ATASAN);
		await page.goto('/plan/team');
		await look(page, 'team');
		await page.click(`a[href="/survey/${round}/team/${L1}"]`);
		await page.selectOption('fieldset:has(legend:text-is("Literasi Digital Pemerintahan")) select',
		    '1');
		expect((await page.textContent('fieldset:has(legend:text-is("Literasi Digital '
		    + 'Pemerintahan")) .self-said')).includes('tata kelola data'),
		    'the self-assessment is shown to the atasan');
		await look(page, 'survey-atasan');
		await Promise.all([page.waitForURL(/ok=1/), page.click('form.survey button[type=submit]')]);
		await page.ctx.close();
	});

	await s.check('learner_drafts_plan_from_recommendations', async () => {
		const page = await as(L1);
		await page.goto('/plan');
		await Promise.all([page.waitForURL(/ok=added/),
		    page.click('button[data-add="literasi-digital-egov"]')]);
		await page.selectOption('#f-comp', 'Integritas');
		await page.selectOption('#f-route', 'mentoring');
		await page.fill('#f-act', 'Mentoring integritas bersama atasan');
		await page.fill('#f-jp', '16');
		await page.fill('#f-target', `${YEAR}-09-30`);
		await page.fill('#f-cost', '1500000');
		await Promise.all([page.waitForURL(/ok=added/),
		    page.click('form[action="/plan/items"].settings button[type=submit]')]);
		expect((await page.textContent('#plan-jp')).trim() === '22', 'plan JP 22');
		await look(page, 'plan');
		await Promise.all([page.waitForURL(/ok=submitted/), page.click('#submit-plan')]);
		expect(await page.getAttribute('#plan-status', 'data-status') === 'submitted',
		    'submitted');
		await page.ctx.close();
	});

	await s.check('atasan_approves', async () => {
		const page = await as(ATASAN);
		await page.goto(`/plan/team/${L1}`);
		await look(page, 'team-person');
		await Promise.all([page.waitForURL(/ok=1/), page.click('#approve')]);
		expect(await page.getAttribute('#plan-status', 'data-status') === 'approved',
		    'approved');
		await page.ctx.close();
	});

	await s.check('hr_agency_plan_against_budget', async () => {
		const page = await as(DEMO.hr, PW);
		await page.goto('/hr/plan');
		await page.fill('#f-ceiling', '1000000');
		await Promise.all([page.waitForURL(/ok=1/),
		    page.click('form[action="/hr/plan/budget"] button[type=submit]')]);
		expect((await page.textContent('#total-cost')).includes('1.500.000'), 'total cost');
		expect((await page.textContent('#ceiling')).includes('1.000.000'), 'ceiling');
		expect((await page.textContent('#below-count')).startsWith('1'), 'one row below');
		expect(await page.locator('#plan tr.below').count() === 1, 'below row marked');
		await look(page, 'hr-plan');
		await page.ctx.close();
	});

	await s.check('hr_assigns_learner_sees_mail_arrives', async () => {
		const page = await as(DEMO.hr, PW);
		await page.goto('/hr/assign');
		await page.selectOption('#f-course', 'pelayanan-publik-prima');
		await page.fill('#f-target', L1);
		await page.fill('#f-due', wib(14));
		await Promise.all([page.waitForURL(/people=1/),
		    page.click('form[action="/hr/assign"] button[type=submit]')]);
		await look(page, 'hr-assign');
		await page.ctx.close();
		const l = await as(L1);
		expect((await l.textContent('#assignments')).includes('Pelayanan Publik Prima'),
		    'home lists the assignment');
		await look(l, 'home-assigned');
		await l.ctx.close();
		let got = [];
		for (let i = 0; i < 100 && got.length === 0; i++) {
			got = mails().filter((m) => m.includes('analis@uji.go.id'));
			if (!got.length)
				await new Promise((r) => setTimeout(r, 200));
		}
		expect(got.length === 1, `one e-mail to the learner, got ${got.length}`);
		expect(got[0].includes('/courses/pelayanan-publik-prima'), 'mail links the course');
	});
} finally {
	await s.finish();
	smtpd.kill('SIGTERM');
	fs.rmSync(maildir, { recursive: true, force: true });
}
