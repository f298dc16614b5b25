// Takes a quiz through its pages as a learner would, answering from the
// quiz file's answer key. Written before the quiz pages existed: it relies
// only on what any form must have (a start button if there is one, inputs
// whose name or id contains the question id, labels with the choice text,
// a submit button) and reports what it could not find instead of guessing.
import fs from 'node:fs';
import path from 'node:path';

const STRING = /"((?:[^"\\]|\\.)*)"/g;

function strings(s) {
	return [...(s || '').matchAll(STRING)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

/* id -> { type, choices, answer, pairs, items } from a quiz file, static
   questions only (generated ones cannot be answered from the file). */
export function answerKey(src) {
	const key = {};
	src = src.replace(/\s*=\s*/g, '=');
	const re = /^(single|multiple|true_false|short|numeric|matching|ordering)\s*\{\s*id="([^"]+)"([\s\S]*?)(?=^\w+\s*\{|(?![\s\S]))/mg;
	for (const m of src.matchAll(re)) {
		const [, type, id, body] = m;
		const choices = strings((body.match(/choices=\{([\s\S]*?)\}\s*,/) || [])[1]);
		let answer = (body.match(/answer=(\{[^}]*\}|[^,\s}]+)/) || [])[1];
		if (type === 'short')
			answer = strings((body.match(/accept=\{([\s\S]*?)\}/) || [])[1])[0];
		const pairs = [];
		if (type === 'matching') {
			const all = strings((body.match(/pairs=\{([\s\S]*)\}\s*,?\s*\}/) || [])[1]);
			for (let i = 0; i + 1 < all.length; i += 2)
				pairs.push([all[i], all[i + 1]]);
		}
		const items = type === 'ordering' ?
		    strings((body.match(/items=\{([\s\S]*?)\}/) || [])[1]) : [];
		key[id] = { type, choices, answer: (answer || '').replace(/\s+/g, ''), pairs, items };
	}
	return key;
}

/* Matching and ordering are selects labelled by the item text. */
async function fillSelects(page, id, q) {
	const sels = page.locator(`select[name^="q_${id}_"]`);
	const n = await sels.count();
	for (let i = 0; i < n; i++) {
		const el = sels.nth(i);
		const label = (await el.evaluate((e) =>
		    e.previousElementSibling ? e.previousElementSibling.innerText : '')).trim();
		if (q.type === 'matching') {
			const pair = q.pairs.find((p) => p[0] === label);
			if (pair)
				await el.selectOption({ label: pair[1] });
		} else {
			const pos = q.items.indexOf(label);
			if (pos >= 0)
				await el.selectOption(String(pos + 1));
		}
	}
	return n > 0;
}

async function fill(page, id, q) {
	if (q.type === 'matching' || q.type === 'ordering')
		return fillSelects(page, id, q);
	const inputs = page.locator(`input[name*="${id}"], textarea[name*="${id}"]`);
	const n = await inputs.count();
	if (n === 0)
		return false;
	if (q.type === 'short' || q.type === 'numeric') {
		await inputs.first().fill(String(q.answer));
		return true;
	}
	let want;
	if (q.type === 'true_false')
		want = [q.answer === 'true' ? /^(benar|true)$/i : /^(salah|false)$/i];
	else
		want = (q.answer.startsWith('{') ? q.answer.slice(1, -1).split(',') : [q.answer])
		    .map((i) => q.choices[Number(i) - 1]);
	for (let i = 0; i < n; i++) {
		const el = inputs.nth(i);
		const label = (await el.evaluate((e) =>
		    (e.labels && e.labels[0] ? e.labels[0].innerText : '') || e.value)).trim();
		if (want.some((w) => w instanceof RegExp ? w.test(label) : label.includes(w)))
			await el.check();
	}
	return true;
}

/* Returns { ok, why }: ok when the result page says the learner passed. */
export async function takeQuiz(s, page, url, courseDir) {
	const [, , course, file] = url.split('/');
	const key = answerKey(fs.readFileSync(path.join(courseDir, course, file), 'utf8'));
	await page.goto(url);
	await s.shot(page, 'quiz-' + file.replace(/\W+/g, '-'));
	// A start page has a submit button but no answer inputs yet.
	if (await page.locator('main form input[type=radio], main form input[type=checkbox]').count() === 0) {
		const start = page.locator('main form button[type=submit]').first();
		if (await start.count() === 0)
			return { ok: false, why: 'no start button and no questions' };
		await Promise.all([page.waitForLoadState('load'), start.click()]);
		await page.waitForLoadState('load');
	}
	await s.shot(page, 'quiz-paper-' + file.replace(/\W+/g, '-'));
	let answered = 0;
	for (const [id, q] of Object.entries(key))
		if (await fill(page, id, q))
			answered++;
	if (answered === 0)
		return { ok: false, why: 'no question input carries a question id in its name' };
	const submit = page.locator('main form button[type=submit]').last();
	await Promise.all([page.waitForLoadState('load'), submit.click()]);
	await page.waitForLoadState('load');
	await s.shot(page, 'quiz-result-' + file.replace(/\W+/g, '-'));
	const text = await page.locator('main').innerText();
	// The result names the verdict in <strong class="right|wrong">; a
	// diagnostic pre-test (pass = 0) has no pass mark: <strong class="done">.
	if (await page.locator('main .result strong.right, main .result strong.done').count() > 0)
		return { ok: true };
	return { ok: false, why: `answered ${answered}, result page does not say passed: ` +
	    text.slice(0, 200).replace(/\s+/g, ' ') };
}
