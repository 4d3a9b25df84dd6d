#!/usr/bin/env node
// A partner country's TRM client, written from docs/PROTOCOL.md alone: it plays the sending
// country's node. It verifies the signed federation directory, builds a REFERRAL, encrypts it to
// the recipient node, signs the envelope, hands it to its own gateway over mutual TLS, follows its
// state until RECEIPTED, takes the receipt the gateway delivers to its inbox and checks it.
//
//   node client.mjs --pki DIR --gateway URL [--from AT] [--to BG] [--inbox 127.0.0.1:8401] [--timeout 180]
//
// DIR is what deploy/pki/pki.sh made: ca/ca.crt, operator/operator-public.jwk, federation.jws and,
// per country, <cc>/node.crt, <cc>/node.key, <cc>/node-sig-<n>.jwk, <cc>/node-enc-<n>.jwk.
// The inbox listens where the sender's gateway delivers to its node (the node's mTLS address), so
// the sender's own node must not run meanwhile. Prints one summary line; exits 1 on any failure.
import { randomUUID, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, decodeProtectedHeader, importJWK } from 'jose';

const ENVELOPE_JWS = 'application/trm-envelope+jws';
const BATCH = 'application/trm-envelope-batch+json';
const PROBLEM = 'application/problem+json';
const P256_N = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const utf8 = new TextEncoder();
const text = new TextDecoder();

class Failure extends Error {}
const fail = (message) => { throw new Failure(message); };

function options(argv) {
  const o = { from: 'AT', to: 'BG', inbox: '127.0.0.1:8401', timeout: 180 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!['pki', 'gateway', 'from', 'to', 'inbox', 'timeout'].includes(name) || argv[i + 1] === undefined) {
      fail(`usage: client.mjs --pki DIR --gateway URL [--from CC] [--to CC] [--inbox HOST:PORT] [--timeout SECONDS] (bad argument ${argv[i]})`);
    }
    o[name] = argv[i + 1];
  }
  if (!o.pki || !o.gateway) fail('--pki and --gateway are required');
  o.from = o.from.toUpperCase();
  o.to = o.to.toUpperCase();
  o.timeout = Number(o.timeout);
  return o;
}

function read(file, what) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fail(`cannot read ${what} (${file})`);
  }
}

/** The node's newest key of a purpose: node-<purpose>-<n>.jwk with the highest n (PROTOCOL.md §2). */
function ownKey(dir, purpose) {
  const files = (() => { try { return readdirSync(dir); } catch { return []; } })()
    .map((f) => f.match(new RegExp(`^node-${purpose}-(\\d+)\\.jwk$`))).filter(Boolean)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  if (files.length === 0) fail(`no node-${purpose}-<n>.jwk in ${dir}`);
  return JSON.parse(read(path.join(dir, files[0][0]), `the node's ${purpose} key`));
}

// --- canonical compact JWS (PROTOCOL.md §4) -------------------------------------------------------
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function requireCanonical(compact) {
  const parts = compact.split('.');
  if (parts.length !== 3) fail('not a compact JWS');
  for (const part of parts) {
    if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) fail('not base64url');
    const unused = { 2: 0x0f, 3: 0x03 }[part.length % 4] ?? 0;
    if (part.length > 0 && (ALPHABET.indexOf(part[part.length - 1]) & unused) !== 0) fail('not canonical base64url');
  }
  return parts;
}

const sValue = (signature) => BigInt(`0x${Buffer.from(signature, 'base64url').subarray(32, 64).toString('hex')}`);

/** Replaces a high S by n - S: the same signature in its canonical low-S form. */
function lowS(compact) {
  const [header, payload, signature] = compact.split('.');
  const raw = Buffer.from(signature, 'base64url');
  const s = sValue(signature);
  if (s > P256_N / 2n) {
    Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex').copy(raw, 32);
  }
  return `${header}.${payload}.${raw.toString('base64url')}`;
}

const sha256 = (compact) => createHash('sha256').update(compact, 'ascii').digest('hex');

// --- the directory (PROTOCOL.md §12) --------------------------------------------------------------
async function verifiedDirectory(jws, operatorJwk) {
  const operator = await importJWK(operatorJwk, 'ES256');
  let verified;
  try {
    verified = await compactVerify(jws.trim(), operator, { algorithms: ['ES256'] });
  } catch (e) {
    fail(`the federation directory does not verify with the operator key (${e.code ?? e.message})`);
  }
  if (verified.protectedHeader.typ !== 'trm-directory+jws') fail('not a federation directory (typ)');
  const directory = JSON.parse(text.decode(verified.payload));
  if (!Number.isInteger(directory.version) || directory.version < 1) fail('the directory has no valid version');
  return directory;
}

function participant(directory, cc) {
  const p = directory.participants.find((x) => x.country === cc);
  if (!p) fail(`${cc} is not a participant of the federation`);
  if (p.status !== 'ACTIVE') fail(`${cc} is not ACTIVE in the directory`);
  return p;
}

const rotation = (kid) => Number(kid.slice(kid.lastIndexOf('-') + 1)) || 0;

// A key's optional exp (seconds since the epoch): not used from then on (PROTOCOL.md §2).
const valid = (k, at = Date.now()) => k.exp == null || at < k.exp * 1000;

function encryptionKey(p) {
  const keys = p.keys.filter((k) => k.use === 'enc' && k.kid && valid(k)).sort((a, b) => rotation(b.kid) - rotation(a.kid));
  if (keys.length === 0) fail(`${p.country} lists no encryption key`);
  return keys[0];
}

function covers(directory, from, to, type, at) {
  return (directory.agreements ?? []).some((a) => a.parties.includes(from) && a.parties.includes(to) && from !== to
    && (a.validFrom == null || Date.parse(a.validFrom) <= at) && (a.validUntil == null || at < Date.parse(a.validUntil))
    && (type === 'RECEIPT' || a.types.includes(type)));
}

/** Verifies an envelope as every hop must (PROTOCOL.md §4); returns it with its hash. */
async function verifyEnvelope(compact, directory) {
  const parts = requireCanonical(compact);
  const header = decodeProtectedHeader(compact);
  if (header.alg !== 'ES256') fail(`envelope refused: alg ${header.alg}`);
  if (header.typ !== 'trm-envelope+jws') fail('envelope refused: typ');
  const owner = directory.participants.find((p) => p.keys.some((k) => k.kid === header.kid && k.use === 'sig'));
  if (!owner) fail(`envelope refused: unknown kid ${header.kid}`);
  const jwk = owner.keys.find((k) => k.kid === header.kid);
  if (!valid(jwk)) fail(`envelope refused: key ${header.kid} expired`);
  let verified;
  try {
    verified = await compactVerify(compact, await importJWK(jwk, 'ES256'), { algorithms: ['ES256'] });
  } catch {
    fail('envelope refused: bad signature');
  }
  const envelope = JSON.parse(text.decode(verified.payload));
  if (owner.country !== envelope.from) fail(`envelope refused: signed with a key of ${owner.country}, from ${envelope.from}`);
  if (owner.status !== 'ACTIVE') fail(`envelope refused: ${owner.country} is not active`);
  if (!(Date.now() < Date.parse(envelope.expiresAt))) fail('envelope refused: expired');
  const highS = sValue(parts[2]) > P256_N / 2n;
  return { envelope, sha256: sha256(compact), kid: header.kid, highS };
}

// --- HTTP over mutual TLS -------------------------------------------------------------------------
function call(tls, method, url, body, contentType) {
  return new Promise((resolve, reject) => {
    const headers = { accept: `application/json, ${PROBLEM}` };
    if (body !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = https.request(url, { method, headers, ...tls, agent: false, timeout: 15000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  }).catch((e) => fail(`${method} ${url}: ${e.code ?? e.message}`));
}

function describe(res) {
  if (res.type.startsWith(PROBLEM)) {
    const p = JSON.parse(res.body);
    return `${res.status} ${p.type} (${p.detail ?? p.title}${p.hop ? `, at ${p.hop}` : ''})`;
  }
  return `${res.status} ${res.body.slice(0, 200)}`;
}

/**
 * The node's inbox (PROTOCOL.md §10.3): only the own country's gateway may deliver; a RECEIPT
 * for the message sent is taken (204), anything else refused with a problem.
 */
function startInbox(o, tls, directory, own, expected) {
  const [host, port] = o.inbox.split(':');
  let resolveReceipt;
  const receipt = new Promise((resolve) => { resolveReceipt = resolve; });
  const problem = (status, slug, title, detail) => ({ type: `urn:trm:problem:${slug}`, title, status, detail,
    instance: '/federation/v1/inbox', hop: `node.${o.from}` });

  async function take(compact) {
    try {
      const got = await verifyEnvelope(compact.trim(), directory);
      if (got.envelope.to !== o.from) return problem(421, 'not-served-here', 'The recipient is not served by this gateway', `this node serves ${o.from}`);
      if (got.envelope.type !== 'RECEIPT' || got.envelope.inReplyTo !== expected.messageId) {
        return problem(409, 'unknown-conversation', 'The message refers to a conversation this node never joined', 'this client awaits one receipt only');
      }
      const { plaintext, protectedHeader } = await compactDecrypt(got.envelope.body,
        await importJWK(own.enc, 'ECDH-ES+A256KW'), { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] })
        .catch(() => fail('the receipt body cannot be decrypted'));
      if (protectedHeader.kid !== own.enc.kid) fail('the receipt is encrypted to another key');
      resolveReceipt({ compact: compact.trim(), ...got, payload: JSON.parse(text.decode(plaintext)) });
      return { status: 204, messageId: got.envelope.messageId };
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      resolveReceipt({ error: e.message });
      return problem(400, 'malformed', 'The message is not a well-formed TRM envelope', e.message);
    }
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const send = (status, type, body) => { res.writeHead(status, type ? { 'content-type': type } : {}); res.end(body); };
        const subject = req.socket.getPeerCertificate().subject ?? {};
        if (req.method !== 'POST' || req.url !== '/federation/v1/inbox') {
          return send(404, PROBLEM, JSON.stringify(problem(404, 'not-found', 'No such resource', 'only the inbox is served')));
        }
        if (subject.OU !== 'gateway' || subject.C !== o.from) {
          return send(403, PROBLEM, JSON.stringify(problem(403, 'sender-mismatch', 'The caller may not speak for the sender', 'only this country\'s gateway delivers here')));
        }
        const body = Buffer.concat(chunks).toString('latin1');
        const type = (req.headers['content-type'] ?? '').toLowerCase();
        if (type.startsWith(BATCH)) {
          const results = [];
          for (const member of JSON.parse(body).envelopes) {
            const r = await take(member);
            results.push(r.type ? { status: r.status, problem: r } : r);
          }
          return send(200, 'application/json', JSON.stringify({ results }));
        }
        if (!type.startsWith(ENVELOPE_JWS)) {
          return send(415, PROBLEM, JSON.stringify(problem(415, 'unsupported-media-type', 'The message is not application/trm-envelope+jws', `send ${ENVELOPE_JWS}`)));
        }
        const r = await take(body);
        return r.type ? send(r.status, PROBLEM, JSON.stringify(r)) : send(204);
      });
    });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Failure(`the inbox cannot listen on ${o.inbox}: ${e.code} (is the ${o.from} node still running?)`)));
    server.listen(Number(port), host, () => resolve({ server, receipt }));
  });
}

const within = (promise, ms, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Failure(`timed out waiting for ${what}`)), ms).unref())]);

async function main() {
  const o = options(process.argv.slice(2));
  const dir = path.join(o.pki, o.from.toLowerCase());
  const tls = { key: read(path.join(dir, 'node.key'), 'the node key'), cert: read(path.join(dir, 'node.crt'), 'the node certificate'),
    ca: read(path.join(o.pki, 'ca', 'ca.crt'), 'the federation CA') };
  const own = { sig: ownKey(dir, 'sig'), enc: ownKey(dir, 'enc') };

  const directory = await verifiedDirectory(read(path.join(o.pki, 'federation.jws'), 'the directory'),
    JSON.parse(read(path.join(o.pki, 'operator', 'operator-public.jwk'), 'the operator key')));
  const sender = participant(directory, o.from);
  const recipient = participant(directory, o.to);
  if (!sender.keys.some((k) => k.kid === own.sig.kid && k.use === 'sig')) fail(`the directory does not list ${own.sig.kid} for ${o.from}`);
  if (!covers(directory, o.from, o.to, 'REFERRAL', Date.now())) fail(`no active agreement covers REFERRAL from ${o.from} to ${o.to}`);

  // The payload (PROTOCOL.md §6): what the partner needs to act, nothing that identifies the person.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const referral = { v: 1, senderCaseReference: `${o.from}-${now.getUTCFullYear()}-P${String(now.getTime() % 1e6).padStart(6, '0')}`,
    reason: 'AdditionalServicesRequired', details: 'Referred by a partner client', identificationStatus: 'PRESUMED',
    formsOfExploitation: ['Labour'], countryOfExploitation: o.from, citizenship: o.to, gender: 'Female', ageBand: '25-34',
    child: false, phase: 'IDENTIFICATION', needs: ['shelter'] };
  const encKey = encryptionKey(recipient);
  const body = await new CompactEncrypt(utf8.encode(JSON.stringify(referral)))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: encKey.kid, cty: 'json' })
    .encrypt(await importJWK(encKey, 'ECDH-ES+A256KW'));
  const envelope = { v: 1, messageId: randomUUID(), conversationId: randomUUID(), inReplyTo: null, type: 'REFERRAL',
    from: o.from, to: o.to, createdAt: now.toISOString().replace('.000Z', 'Z'),
    expiresAt: new Date(now.getTime() + 7 * 86400e3).toISOString().replace('.000Z', 'Z'), body };
  const jws = lowS(await new CompactSign(utf8.encode(JSON.stringify(envelope)))
    .setProtectedHeader({ alg: 'ES256', kid: own.sig.kid, typ: 'trm-envelope+jws' })
    .sign(await importJWK(own.sig, 'ES256')));
  requireCanonical(jws);
  const hash = sha256(jws);

  const { server, receipt } = await startInbox(o, tls, directory, own, envelope);
  try {
    const base = o.gateway.replace(/\/+$/, '');
    const sent = await call(tls, 'POST', `${base}/local/v1/envelopes`, jws, ENVELOPE_JWS);
    if (sent.status !== 202 && sent.status !== 200) fail(`the gateway refused the referral: ${describe(sent)}`);
    const accepted = JSON.parse(sent.body);
    if (accepted.sha256 !== hash) fail(`the gateway stored other bytes (sha256 ${accepted.sha256}, sent ${hash})`);

    const deadline = Date.now() + o.timeout * 1000;
    let status = accepted;
    while (status.state !== 'RECEIPTED') {
      if (status.state === 'DEAD') fail(`the referral is a dead letter: ${status.lastError ?? 'no reason given'}`);
      if (Date.now() > deadline) fail(`the referral is still ${status.state} after ${o.timeout}s`);
      await new Promise((r) => setTimeout(r, 500));
      const res = await call(tls, 'GET', `${base}/local/v1/envelopes/${envelope.messageId}`);
      if (res.status !== 200) fail(`status of ${envelope.messageId}: ${describe(res)}`);
      status = JSON.parse(res.body);
    }

    const got = await within(receipt, Math.max(1000, deadline - Date.now()), 'the receipt at the inbox');
    if (got.error) fail(`the delivered receipt was refused: ${got.error}`);
    const r = got.payload;
    if (got.envelope.messageId !== status.receiptMessageId) fail('the delivered receipt is not the one the gateway recorded');
    if (got.envelope.from !== o.to || got.envelope.conversationId !== envelope.conversationId) fail('the receipt is not from the recipient, in this conversation');
    if (!recipient.keys.some((k) => k.kid === got.kid)) fail(`the receipt is signed with ${got.kid}, not a key of ${o.to}`);
    if (r.messageId !== envelope.messageId) fail('the receipt names another message');
    if (r.sha256 !== hash) fail(`the receipt's hash ${r.sha256} is not the SHA-256 of the JWS sent (${hash})`);
    const res = await call(tls, 'GET', `${base}/local/v1/envelopes/${got.envelope.messageId}`);
    if (res.status === 200 && JSON.parse(res.body).sha256 !== got.sha256) fail('the gateway holds another receipt than was delivered');

    const warning = got.highS ? ' (warning: the receipt signature is high-S; see PROTOCOL.md §4)' : '';
    console.log(`OK ${envelope.type} ${envelope.messageId} ${o.from}->${o.to}: accepted ${sent.status}, RECEIPTED; `
      + `receipt ${got.envelope.messageId} signed ${got.kid}, sha256 ${hash} matches${warning}`);
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`FAILED: ${e instanceof Failure ? e.message : e.stack}`);
  process.exit(1);
});
