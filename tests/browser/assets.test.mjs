// Trainer content on the application's origin (issue 8 B.5), in real
// Chromium. A course ships diagram.svg whose <script href> loads its own
// assets/diagram.js; the script, if it ever runs with the application's
// authority, reads the admin's CSRF token from /admin/users and creates an
// admin account on one click. The checks:
//  - svg_js_pair_has_no_authority: the admin opens and clicks the diagram;
//    no account appears (the course is refused, .js is never served;
//    before the fix the popup it opened added the admin);
//  - served_svg_is_sandboxed: a served SVG document has an opaque origin
//    (CSP sandbox), so even script in it could not read or post as the
//    admin: a same-origin fetch from it fails;
//  - asset_in_img_still_shows: the module page still shows its image.
// Builds its own course tree in a temp folder (the real courses plus two
// fixture courses) so the repository holds no live attack file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Suite, DEMO, PW, expect, copyCourses } from './lib.mjs';

const EVIL_NIP = '199912312020121099';
const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'lentera-assets-'));
copyCourses(tree);

function course(id, files) {
	const dir = path.join(tree, id);
	fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'course.md'), `---
id: ${id}
title: Kursus ${id}
summary: Uji aset.
competency: Uji
competency_type: teknis
level: 1
jp: 1
---
Ringkasan.
`);
	for (const [name, text] of Object.entries(files))
		fs.writeFileSync(path.join(dir, name), text);
}

// connect-src is 'none', so the script opens the admin page in a popup
// (same origin: its DOM is readable) and submits the add-user form there.
const JS = `
document.documentElement.addEventListener('click', () => {
  const w = window.open('/admin/users');
  w.addEventListener('load', () => {
    const f = w.document.querySelector('form[action="/admin/users"][method="post"]');
    f.querySelector('[name=nip]').value = '${EVIL_NIP}';
    f.querySelector('[name=name]').value = 'Penyusup';
    f.querySelector('[name=unit]').value = 'X';
    f.querySelector('[name=role]').value = 'admin';
    f.querySelector('[name=password]').value = 'penyusup-rahasia-2026';
    f.submit();
  });
});
`;
course('serangan-aset', {
	'01-diagram.md': '---\ntitle: Diagram\n---\n[![Diagram](assets/diagram.svg)](assets/diagram.svg)\n',
	'assets/diagram.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">
<title>Diagram</title><rect width="400" height="300" fill="#ccddee"/>
<script href="/courses/serangan-aset/assets/diagram.js"/>
</svg>
`,
	'assets/diagram.js': JS,
});
course('aset-aman', {
	'01-gambar.md': '---\ntitle: Gambar\n---\n![Bagan](assets/bagan.svg)\n\n[Buka bagan](assets/bagan.svg)\n',
	'assets/bagan.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">
<title>Bagan</title><rect width="400" height="300" fill="#ccddee"/>
<text x="20" y="40" font-size="20">Bagan aman</text></svg>
`,
});

const s = new Suite('browser_assets', { courses: tree });

async function adminListed(page) {
	const r = await page.ctx.request.get(s.base + '/admin/users');
	return (await r.text()).includes(EVIL_NIP);
}

try {
	await s.start();

	await s.check('svg_js_pair_has_no_authority', async () => {
		const page = await s.page();
		await s.login(page, DEMO.admin);
		// The attacker's way in: the admin opens the diagram (from the
		// module page or a link) and clicks it once.
		const r = await page.goto('/courses/serangan-aset/assets/diagram.svg');
		if (r.status() === 200) {
			await page.mouse.click(100, 100);
			for (let i = 0; i < 30 && !(await adminListed(page)); i++)
				await page.waitForTimeout(100);
		}
		const js = await s.status(page, '/courses/serangan-aset/assets/diagram.js');
		expect(!(await adminListed(page)), 'the SVG+JS pair created an admin account');
		expect(js === 404, `course .js served (${js})`);
		await page.ctx.close();
	});

	await s.check('served_svg_is_sandboxed', async () => {
		const page = await s.page();
		await s.login(page, DEMO.admin);
		const r = await page.goto('/courses/aset-aman/assets/bagan.svg');
		expect(r.status() === 200, `safe SVG answered ${r.status()}`);
		const csp = r.headers()['content-security-policy'] || '';
		expect(/(^|;)\s*sandbox(\s*;|$)/.test(csp), 'asset CSP has no sandbox: ' + csp);
		// DevTools can evaluate where page script may not: what would
		// script in this document be allowed to do?
		const seen = await page.evaluate(async () => {
			let read = 'read';
			try {
				const t = await (await fetch('/admin/users', { credentials: 'include' })).text();
				if (!/name="csrf"/.test(t))
					read = 'no-csrf';
			} catch (e) {
				read = 'blocked';
			}
			return { origin: self.origin, read };
		});
		expect(seen.origin === 'null', 'SVG document has the application origin ' + seen.origin);
		expect(seen.read !== 'read', 'SVG document read the admin page');
		await page.ctx.close();
	});

	await s.check('asset_in_img_still_shows', async () => {
		const page = await s.page();
		await s.login(page, DEMO.learner, PW);
		await page.goto('/courses/aset-aman/01-gambar');
		const ok = await page.locator('main img[src$="assets/bagan.svg"]').evaluate(
		    (img) => img.complete && img.naturalWidth > 0);
		expect(ok, 'module image did not load');
		await s.shot(page, 'assets-module-image');
		await page.ctx.close();
	});
} finally {
	await s.finish();
	fs.rmSync(tree, { recursive: true, force: true });
}
