// Moodle migration in real Chromium (issue 14 item 4): a GIFT bank and a
// Moodle XML bank, converted by `lentera import-questions`, are served as
// the finals of two courses, and a learner takes each through the quiz
// pages, answering from the converted file's key, and passes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Suite, BIN, DEMO, ROOT, expect } from './lib.mjs';
import { takeQuiz } from './quiz.mjs';

const SRC = path.join(ROOT, 'tests', 'fixtures', 'qimport');
const courseDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'lentera-qimport-'));
const banks = [['gift', 'bank.gift', 'impor-gift'], ['moodle-xml', 'bank.xml', 'impor-xml']];
const imported = {};

for (const [fmt, file, id] of banks) {
	const dir = path.join(courseDir, id);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'course.md'), `---\nid: ${id}\ntitle: Impor ${fmt}\n` +
	    'summary: Kuis hasil migrasi dari Moodle.\ncompetency: Pelayanan Publik\n' +
	    'competency_type: manajerial\nlevel: 1\njp: 1\nfinal: quiz-final.lua\n---\n\n# Impor\n');
	fs.writeFileSync(path.join(dir, '01-bacaan.md'), '---\ntitle: Bacaan\n---\n\nBacaan singkat.\n');
	imported[id] = spawnSync(BIN, ['import-questions', path.join(SRC, file), '--format', fmt,
	    '--out', path.join(dir, 'quiz-final.lua'), '--title', 'Tes Akhir ' + fmt],
	    { encoding: 'utf8' });
}

const s = new Suite('browser_qimport', { courses: courseDir });
try {
	await s.start();
	const page = await s.page();
	await s.login(page, DEMO.learner);
	for (const [fmt, , id] of banks) {
		await s.check(`${fmt}_bank_taken_and_passed`, async () => {
			const p = imported[id];
			expect(p.status === 0, `import ${fmt}: ${p.status} ${p.stderr}`);
			const res = await takeQuiz(s, page, `/quiz/${id}/quiz-final.lua`, courseDir);
			expect(res.ok, `${id}: ${res.why}`);
		});
	}
} catch (e) {
	console.log(`FAIL browser_qimport.setup: ${String(e.message || e).split('\n')[0]}`);
	s.failed++;
} finally {
	await s.finish();
	fs.rmSync(courseDir, { recursive: true, force: true });
}
