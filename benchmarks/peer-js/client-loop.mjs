// The client loop of benchmarks/client-loop, run by Auth0's own JavaScript SDK (@auth0/auth0-auth-js) as a peer of
// the module's loop (ClientLoopReport): the same emulator, the same steps, the same warm-up and measured windows.
//
//   node client-loop.mjs --emulator http://localhost:8091/emulator/ --out FILE.md --tsv FILE.tsv
//                        [--title "### ..."] [--smoke]
//
// One loop is one new user stepping up through the SDK's public API: getTokenByRefreshToken (Auth0 answers
// mfa_required, which the SDK throws; isMfaRequiredError gives the mfa_token), mfa.listAuthenticators, no challenge
// call for OTP (the module makes none either), mfa.verify with the user's current TOTP (the mfa-otp grant), whose
// answer must hold an access token. 1, then 4 loops at once: async loops in this one process, on its one event
// loop, as a Node application would run them.
//
// The SDK takes a domain and insists on the issuer https://<domain>/; its customFetch below sends every request to
// the emulator over plain HTTP with a standard Forwarded header, which the emulator (-Demulator.trust-forwarded=true)
// turns into that https issuer for the request. Users are prepared as ClientLoopEmulator prepares them (POST
// /__test/users with an authenticator app each, then the password grant), outside the measured window.
//
// Exits with 1 when any loop failed (in or outside the window) or none completed, with 2 when the run itself could
// not be done (bad arguments, preparing users failed).

import { AuthClient, isMfaRequiredError } from '@auth0/auth0-auth-js';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const AUDIENCE = 'https://reports.example.com';
const SCOPE = 'read:reports';
const CLIENT_ID = 'sample-app';
const CLIENT_SECRET = 'sample-app-secret-not-for-production';
const PASSWORD = 'loop-password';
/** The domain the SDK is given; .test is reserved (RFC 2606), so nothing could ever answer it but the emulator. */
const DOMAIN = 'client-loop.emulator.test';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Users per POST /__test/users, and password grants in flight at once: as in ClientLoopEmulator. */
const BATCH = 500;
const PARALLEL_GRANTS = 4;
const CONCURRENCY = [1, 4];
const SDK_VERSION = JSON.parse(readFileSync(new URL('./node_modules/@auth0/auth0-auth-js/package.json',
    import.meta.url), 'utf8')).version;

// Arguments ------------------------------------------------------------------------------------------------------

function usage(problem) {
    console.error(`client-loop.mjs: ${problem}`);
    console.error('usage: node client-loop.mjs --emulator http://localhost:8091/emulator/ --out FILE.md'
        + ' --tsv FILE.tsv [--title "### ..."] [--smoke]');
    process.exit(2);
}

const options = { smoke: false, title: '### Auth0\'s JavaScript SDK' };
for (let i = 2; i < process.argv.length; i++) {
    const arg = process.argv[i];
    const value = () => (++i < process.argv.length ? process.argv[i] : usage(`${arg} needs a value`));
    switch (arg) {
        case '--emulator': options.emulator = value(); break;
        case '--out': options.out = value(); break;
        case '--tsv': options.tsv = value(); break;
        case '--title': options.title = value(); break;
        case '--smoke': options.smoke = true; break;
        default: usage(`unknown argument: ${arg}`);
    }
}
if (!options.emulator || !options.out || !options.tsv) {
    usage('--emulator, --out and --tsv are required');
}
const emulatorBase = options.emulator.endsWith('/') ? options.emulator : `${options.emulator}/`;
// The same windows as ClientLoopReport.
const warmupMs = options.smoke ? 2_000 : 10_000;
const measureMs = options.smoke ? 3_000 : 30_000;
const processWarmupMs = options.smoke ? 1_000 : 20_000;
const firstUsers = options.smoke ? 300 : 2000;
const minBatch = options.smoke ? 200 : 1000;
const settleMs = 1_000;

// The SDK, pointed at the emulator ---------------------------------------------------------------------------------

const sdkPrefix = `https://${DOMAIN}/`;
const forwarded = `proto=https;host=${DOMAIN}`;

/**
 * The SDK's fetch: https://<DOMAIN>/<path> goes to <emulator>/<path> over plain HTTP, with a Forwarded header that
 * makes the emulator name https://<DOMAIN>/ as the issuer of this request. Anything else is refused loudly.
 */
function emulatorFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(sdkPrefix)) {
        return Promise.reject(new Error(`client-loop: the SDK asked for ${url}, not ${sdkPrefix}...`));
    }
    const target = emulatorBase + url.slice(sdkPrefix.length);
    if (input instanceof Request) {
        const headers = new Headers(init?.headers ?? input.headers);
        headers.set('Forwarded', forwarded);
        return fetch(new Request(target, input), { ...init, headers });
    }
    const headers = new Headers(init?.headers);
    headers.set('Forwarded', forwarded);
    return fetch(target, { ...init, headers });
}

const auth = new AuthClient({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    customFetch: emulatorFetch,
});

// TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) -----------------------------------------------------------------

function base32Decode(text) {
    const bytes = [];
    let bits = 0;
    let value = 0;
    for (const c of text.replace(/=+$/, '').toUpperCase()) {
        const index = BASE32.indexOf(c);
        if (index < 0) {
            throw new Error(`not Base32: ${c}`);
        }
        value = (value << 5) | index;
        bits += 5;
        if (bits >= 8) {
            bytes.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(bytes);
}

function totp(secret, millis) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(millis / 30_000)));
    const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
    const offset = hmac[hmac.length - 1] & 0x0f;
    const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(code).padStart(6, '0');
}

// The emulator's hooks and password grant: preparation and bookkeeping, never in the window ----------------------

const prefix = `jsloop-${randomBytes(4).toString('hex')}`;
let created = 0;
let prepareMs = 0;

function newSecret() {
    const random = randomBytes(32);
    let secret = '';
    for (let i = 0; i < 32; i++) {
        secret += BASE32[random[i] & 31];
    }
    return secret;
}

async function hook(method, path, body) {
    const answer = await fetch(emulatorBase + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, text };
}

async function signIn(username) {
    const answer = await fetch(`${emulatorBase}oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
            grant_type: 'password', username, password: PASSWORD, client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET, scope: 'openid offline_access',
        }),
    });
    const text = await answer.text();
    if (answer.status !== 200) {
        throw new Error(`the password grant of ${username} answered ${answer.status}: ${text}`);
    }
    const refreshToken = JSON.parse(text).refresh_token;
    if (typeof refreshToken !== 'string') {
        throw new Error(`the password grant of ${username} gave no refresh token`);
    }
    return refreshToken;
}

/** Creates users with an authenticator app and signs each in with the password grant. */
async function prepareUsers(count) {
    const start = performance.now();
    const users = [];
    for (let done = 0; done < count; done += BATCH) {
        const batch = [];
        for (let i = 0; i < Math.min(BATCH, count - done); i++) {
            batch.push({ username: `${prefix}-${++created}`, password: PASSWORD, otp_secret: newSecret() });
        }
        const answer = await hook('POST', '__test/users', batch);
        if (answer.status !== 204) {
            throw new Error(`POST __test/users answered ${answer.status}: ${answer.text}`
                + ' (is this the mfa-stepup emulator, with its test hooks on?)');
        }
        let next = 0;
        const tokens = new Array(batch.length);
        await Promise.all(Array.from({ length: PARALLEL_GRANTS }, async () => {
            while (next < batch.length) {
                const i = next++;
                tokens[i] = await signIn(batch[i].username);
            }
        }));
        batch.forEach((u, i) => users.push({ username: u.username, secret: u.otp_secret, refreshToken: tokens[i] }));
    }
    prepareMs += performance.now() - start;
    return users;
}

async function timings() {
    const answer = await hook('GET', '__test/timings');
    if (answer.status !== 200) {
        throw new Error(`GET __test/timings answered ${answer.status} (an emulator without timings is too old)`);
    }
    return JSON.parse(answer.text);
}

function timingsDelta(before, after) {
    const delta = {};
    for (const [endpoint, figures] of Object.entries(after)) {
        const requests = figures.requests - (before[endpoint]?.requests ?? 0);
        if (requests !== 0) {
            delta[endpoint] = { requests, nanos: figures.nanos - (before[endpoint]?.nanos ?? 0) };
        }
    }
    return delta;
}

// One loop ---------------------------------------------------------------------------------------------------------

function errorCode(failure) {
    const code = failure?.cause?.error ?? failure?.code ?? failure?.name ?? 'error';
    return String(code);
}

/** @returns {Promise<string|null>} null when the loop ended with an access token, else what went wrong. */
async function loop(user, stats) {
    try {
        let mfaToken;
        try {
            await auth.getTokenByRefreshToken({ refreshToken: user.refreshToken, audience: AUDIENCE, scope: SCOPE });
            return 'no_mfa_required';
        } catch (failure) {
            if (!isMfaRequiredError(failure)) {
                stats.lastFailure = failure;
                return `refresh:${errorCode(failure)}`;
            }
            mfaToken = failure.cause.mfa_token;
        }
        const authenticators = await auth.mfa.listAuthenticators({ mfaToken });
        const otp = authenticators.find((a) => a.authenticatorType === 'otp' && a.active);
        if (!otp) {
            return 'no_otp_authenticator';
        }
        // OTP needs no challenge call: the user types the code the app shows (the module makes no call here either).
        const tokens = await auth.mfa.verify({ mfaToken, factorType: 'otp', otp: totp(user.secret, Date.now()) });
        if (typeof tokens.accessToken !== 'string' || tokens.accessToken.length === 0) {
            return 'no_access_token';
        }
        if (tokens.idToken) {
            stats.idTokens++;
        }
        return null;
    } catch (failure) {
        stats.lastFailure = failure;
        return errorCode(failure);
    }
}

// The run: warm-up, users for the window, measured window; as ClientLoopRun does it ----------------------------------

const pool = [];
let poolHead = 0;
let stage = 'warmup';
let warmupStart = 0;
let warmupDeadline = 0;
let pausedMs = 0;
const pauses = [];
let refill = null;
let loopsSoFar = 0;
let paused = 0;
let exhaustedAt = 0;
let measureEnded = null;

function poolSize() {
    return pool.length - poolHead;
}

function take() {
    if (poolHead === pool.length) {
        return undefined;
    }
    const user = pool[poolHead];
    pool[poolHead++] = undefined;
    if (poolHead > 10_000 && poolHead * 2 > pool.length) {
        pool.splice(0, poolHead);
        poolHead = 0;
    }
    return user;
}

async function prepare(count) {
    const users = await prepareUsers(count);
    for (const user of users) {
        pool.push(user);
    }
}

async function nextUser() {
    let user = take();
    while (user === undefined) {
        if (stage === 'measure') {
            // Never prepare users inside the window: end it here instead, and say so.
            exhaustedAt = performance.now();
            stage = 'pause';
            measureEnded?.();
            return undefined;
        }
        if (stage !== 'warmup') {
            return undefined;
        }
        if (refill === null) {
            refill = (async () => {
                const start = performance.now();
                const seconds = (start - warmupStart - pausedMs) / 1000;
                const remaining = (warmupDeadline - start) / 1000;
                const wanted = seconds <= 0 ? minBatch : Math.min(50_000, loopsSoFar / seconds * remaining * 1.2);
                await prepare(Math.max(minBatch, Math.floor(wanted)));
                const end = performance.now();
                warmupDeadline += end - start;
                pausedMs += end - start;
                pauses.push([start, end]);
            })().finally(() => { refill = null; });
        }
        await refill;
        user = take();
    }
    return user;
}

class Worker {
    constructor() {
        this.ends = [];
        this.latencies = [];
        this.outcomes = [];
        this.stats = { idTokens: 0, lastFailure: null };
    }

    async run() {
        while (true) {
            if (stage === 'stop') {
                return;
            }
            if (stage === 'pause') {
                paused++;
                while (stage === 'pause') {
                    await sleep(1);
                }
                continue;
            }
            const user = await nextUser();
            if (user === undefined) {
                continue;
            }
            const start = performance.now();
            const outcome = await loop(user, this.stats);
            const end = performance.now();
            this.ends.push(end);
            this.latencies.push(end - start);
            this.outcomes.push(outcome);
            loopsSoFar++;
        }
    }

    loopsEndingBetween(from, to) {
        let loops = 0;
        for (const end of this.ends) {
            if (end >= from && end < to) {
                loops++;
            }
        }
        return loops;
    }
}

function pausedBetween(from, to) {
    return pauses.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(to, end) - Math.max(from, start)), 0);
}

async function waitPaused(n) {
    while (paused < n) {
        await sleep(1);
    }
}

async function run(concurrency, warmup, measure) {
    stage = 'warmup';
    exhaustedAt = 0;
    pauses.length = 0;
    paused = 0;
    loopsSoFar = 0;
    pausedMs = 0;
    warmupStart = performance.now();
    warmupDeadline = warmupStart + warmup;
    const workers = Array.from({ length: concurrency }, () => new Worker());
    const running = workers.map((w) => w.run());

    while (true) {
        if (refill !== null) {
            await refill; // a pause to prepare users moves the deadline
            continue;
        }
        const left = warmupDeadline - performance.now();
        if (left <= 0) {
            break;
        }
        await sleep(Math.max(1, Math.min(50, left)));
    }
    const warmupEnd = performance.now();
    if (measure === 0) {
        stage = 'stop';
        await Promise.all(running);
        return { workers, failedBefore: collectFailures(workers) };
    }
    const from = warmupEnd - warmup / 2;
    const recent = workers.reduce((sum, w) => sum + w.loopsEndingBetween(from, warmupEnd), 0);
    const active = warmupEnd - from - pausedBetween(from, warmupEnd);
    let rate = active > warmup / 10 ? recent / (active / 1000)
        : loopsSoFar / Math.max(1e-3, (warmupEnd - warmupStart - pausedMs) / 1000);

    let attempts = 0;
    let t0;
    let t1;
    let early;
    let before;
    let after;
    let cpu;
    let elu;
    while (true) {
        attempts++;
        const needed = Math.ceil(rate * (measure + settleMs) / 1000 * 1.5) + 50 * concurrency;
        console.log(`  ${rate.toFixed(0)} loops/s; ${poolSize()} users ready, ${needed} wanted for the window`);
        const missing = needed - poolSize();
        if (missing > 0) {
            stage = 'pause';
            await waitPaused(concurrency);
            await prepare(Math.max(missing, minBatch));
            paused = 0;
            stage = 'warmup';
        }
        await sleep(settleMs);
        while (refill !== null) {
            await refill; // should the settling second have run out of users after all, the window waits
        }

        before = await timings();
        const cpuBefore = process.cpuUsage();
        const eluBefore = performance.eventLoopUtilization();
        const ended = new Promise((resolve) => { measureEnded = resolve; });
        t0 = performance.now();
        stage = 'measure';
        let timer;
        early = await Promise.race([
            ended.then(() => true),
            new Promise((resolve) => { timer = setTimeout(() => resolve(false), measure); }),
        ]);
        clearTimeout(timer);
        measureEnded = null;
        t1 = early ? exhaustedAt : performance.now();
        if (!early || attempts === 3) {
            stage = 'stop'; // else the loops are pausing already
        }
        cpu = process.cpuUsage(cpuBefore);
        elu = performance.eventLoopUtilization(eluBefore);
        after = await timings();
        if (early && attempts < 3) {
            // The rate went up after the warm-up: the window starts again, with more users.
            const cutFrom = t0;
            const cutTo = t1;
            rate = workers.reduce((sum, w) => sum + w.loopsEndingBetween(cutFrom, cutTo), 0)
                / ((cutTo - cutFrom) / 1000);
            console.log(`  the users ran out after ${((t1 - t0) / 1000).toFixed(1)} s; the window starts again`);
            await waitPaused(concurrency);
            continue;
        }
        break;
    }
    await Promise.all(running);

    const result = {
        concurrency, windowMs: t1 - t0, ranOutOfUsers: early, attempts, loops: 0, loopsOutside: 0,
        errors: {}, errorsOutside: {}, latencies: [], idTokens: 0,
        timings: timingsDelta(before, after), cpuMs: (cpu.user + cpu.system) / 1000, elu: elu.utilization,
        rssMb: process.memoryUsage().rss / 1048576,
    };
    for (const worker of workers) {
        result.idTokens += worker.stats.idTokens;
        for (let i = 0; i < worker.ends.length; i++) {
            const inWindow = worker.ends[i] >= t0 && worker.ends[i] < t1;
            const outcome = worker.outcomes[i];
            if (outcome !== null) {
                const errors = inWindow ? result.errors : result.errorsOutside;
                errors[outcome] = (errors[outcome] ?? 0) + 1;
            } else if (inWindow) {
                result.latencies.push(worker.latencies[i]);
            }
            if (inWindow) {
                result.loops++;
            } else {
                result.loopsOutside++;
            }
        }
    }
    result.latencies.sort((a, b) => a - b);
    result.failure = workers.map((w) => w.stats.lastFailure).find((f) => f) ?? null;
    return result;
}

function collectFailures(workers) {
    const failures = {};
    for (const worker of workers) {
        for (const outcome of worker.outcomes) {
            if (outcome !== null) {
                failures[outcome] = (failures[outcome] ?? 0) + 1;
            }
        }
    }
    return { failures, failure: workers.map((w) => w.stats.lastFailure).find((f) => f) ?? null };
}

// Figures ------------------------------------------------------------------------------------------------------------

const count = (errors) => Object.values(errors).reduce((a, b) => a + b, 0);
const fixed = (value, decimals) => (Number.isFinite(value) ? value.toFixed(decimals) : 'n/a');
const loopsPerSecond = (r) => r.loops / (r.windowMs / 1000);
const mean = (r) => (r.latencies.length === 0 ? NaN : r.latencies.reduce((a, b) => a + b, 0) / r.latencies.length);
const requests = (r) => Object.values(r.timings).reduce((a, t) => a + t.requests, 0);
const emulatorMs = (r) => Object.values(r.timings).reduce((a, t) => a + t.nanos, 0) / 1e6;
const label = (n) => (n === 1 ? '1 loop' : `${n} loops at once`);

function percentile(r, p) {
    if (r.latencies.length === 0) {
        return NaN;
    }
    const rank = Math.ceil(p / 100 * r.latencies.length);
    return r.latencies[Math.max(0, Math.min(r.latencies.length - 1, rank - 1))];
}

function codes(errors) {
    return `(${Object.entries(errors).map(([code, n]) => `\`${code}\` ×${n}`).join(', ')})`;
}

function table(results) {
    let md = '| | loops/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | HTTP calls per loop | emulator ms per loop'
        + ' | client share |\n';
    md += '|---|---:|---:|---:|---:|---|---:|---:|---:|\n';
    for (const r of results) {
        const perLoopMs = r.loops === 0 ? NaN : emulatorMs(r) / r.loops;
        const share = (mean(r) - perLoopMs) / mean(r);
        md += `| ${label(r.concurrency)} | ${fixed(loopsPerSecond(r), 1)} | ${fixed(percentile(r, 50), 2)}`
            + ` | ${fixed(percentile(r, 95), 2)} | ${fixed(percentile(r, 99), 2)}`
            + ` | ${count(r.errors) === 0 ? '0' : `${count(r.errors)} ${codes(r.errors)}`}`
            + ` | ${fixed(r.loops === 0 ? NaN : requests(r) / r.loops, 2)} | ${fixed(perLoopMs, 3)}`
            + ` | ${Number.isFinite(share) ? `${fixed(share * 100, 0)} %` : 'n/a'} |\n`;
    }
    return md;
}

function markdown(results) {
    let md = `${options.title}\n\n`;
    if (options.smoke) {
        md += `**Smoke run: ${warmupMs / 1000} s warm-up and ${measureMs / 1000} s measured per concurrency. These`
            + ' figures mean nothing; they only show that the loop runs.**\n\n';
    }
    md += `\`@auth0/auth0-auth-js\` ${SDK_VERSION} (\`AuthClient\`, one for the process, as an application keeps it)`
        + ` on Node.js ${process.versions.node}, against the same emulator: \`getTokenByRefreshToken\` for`
        + ` \`${AUDIENCE}\` / \`${SCOPE}\` (Auth0 answers \`mfa_required\`: the SDK throws, \`isMfaRequiredError\``
        + ' gives the `mfa_token`), `mfa.listAuthenticators`, no challenge call for OTP, `mfa.verify` with the'
        + ' user\'s current TOTP (the `mfa-otp` grant), whose answer must hold an access token. Settings: first'
        + ` ${processWarmupMs / 1000} s of loops with ${CONCURRENCY[CONCURRENCY.length - 1]} at once to warm the`
        + ` process up (not measured); then per concurrency ${warmupMs / 1000} s warm-up and ${measureMs / 1000} s`
        + ` measured; ${created} users prepared (\`${prefix}-1\` …) in ${fixed(prepareMs / 1000, 1)} s outside`
        + ' any measurement. The loops at once are async functions in this one Node.js process, on its one'
        + ' event loop: what a Node application does.\n\n';
    md += table(results);
    md += '\n| Per loop | ' + results.map((r) => label(r.concurrency)).join(' | ') + ' |\n';
    md += '|---|' + results.map(() => '---').join('|') + '|\n';
    const row = (name, cell) => { md += `| ${name} | ${results.map(cell).join(' | ')} |\n`; };
    row('mean latency (ms)', (r) => fixed(mean(r), 2));
    row('Node.js CPU (ms), user + system', (r) => (r.loops === 0 ? 'n/a' : fixed(r.cpuMs / r.loops, 3)));
    row('with an ID token, its claims checked by the SDK', (r) => `${r.idTokens} of ${r.loops + r.loopsOutside}`);
    md += '| *In the window* | ' + results.map(() => '').join(' | ') + ' |\n';
    row('event loop busy', (r) => `${fixed(r.elu * 100, 0)} %`);
    row('resident memory after it (MB)', (r) => fixed(r.rssMb, 0));
    row('loops in the window / outside it', (r) => `${r.loops} / ${r.loopsOutside}`);
    row('failed loops outside the window', (r) => (count(r.errorsOutside) === 0 ? '0'
        : `${count(r.errorsOutside)} ${codes(r.errorsOutside)}`));
    const endpoints = [...new Set(results.flatMap((r) => Object.keys(r.timings)))].sort();
    md += '\n| Emulator, per loop: calls / ms | ' + results.map((r) => label(r.concurrency)).join(' | ') + ' |\n';
    md += '|---|' + results.map(() => '---').join('|') + '|\n';
    for (const endpoint of endpoints) {
        row(`\`${endpoint}\``, (r) => {
            const t = r.timings[endpoint];
            return !t || r.loops === 0 ? '0' : `${fixed(t.requests / r.loops, 3)} / ${fixed(t.nanos / 1e6 / r.loops, 3)}`;
        });
    }
    for (const r of results) {
        if (r.attempts > 1) {
            md += `\n- ${label(r.concurrency)}: the prepared users ran out within the window, so it started again`
                + ` with more; ${r.attempts - 1} cut window(s) left out, their loops counted as outside the window.`;
        }
        if (r.ranOutOfUsers) {
            md += `\n- **${label(r.concurrency)}: the prepared users ran out after ${fixed(r.windowMs / 1000, 1)} s;`
                + ' the window was cut there.**';
        }
    }
    return `${md}\n`;
}

function tsv(results) {
    return results.map((r) => [r.concurrency, fixed(loopsPerSecond(r), 1), fixed(percentile(r, 50), 2),
        fixed(percentile(r, 95), 2), fixed(percentile(r, 99), 2), count(r.errors) + count(r.errorsOutside),
        r.loops].join('\t')).join('\n') + '\n';
}

// Main -------------------------------------------------------------------------------------------------------------

function describe(failure) {
    if (!failure) {
        return '';
    }
    const cause = failure.cause ? ` (cause: ${JSON.stringify(failure.cause)})` : '';
    const text = `${failure.name}: ${failure.message}${cause}`;
    return text.length > 800 ? `${text.slice(0, 800)} …` : text;
}

async function main() {
    await timings(); // fails early, and clearly, when the URL is not an emulator with its hooks
    console.log(`Client loop with @auth0/auth0-auth-js ${SDK_VERSION} on Node.js ${process.versions.node} against`
        + ` ${emulatorBase} (as https://${DOMAIN}/): preparing ${firstUsers} users (${prefix}-n)`);
    try {
        await prepare(firstUsers);
    } catch (failure) {
        console.error(`client-loop.mjs: preparing users failed: ${failure.stack ?? failure}`);
        process.exit(2);
    }
    const results = [];
    let failed = false;
    try {
        console.log(`Process warm-up: ${CONCURRENCY[CONCURRENCY.length - 1]} loops at once,`
            + ` ${processWarmupMs / 1000} s`);
        const warm = await run(CONCURRENCY[CONCURRENCY.length - 1], processWarmupMs, 0);
        if (count(warm.failedBefore.failures) > 0) {
            // A run with failed loops measures nothing: no need to spend the windows on it.
            console.error(`process warm-up: failed loops ${codes(warm.failedBefore.failures)}; no window is run`);
            console.error(`  the last: ${describe(warm.failedBefore.failure)}`);
            process.exit(1);
        }
        for (const concurrency of CONCURRENCY) {
            console.log(`${label(concurrency)}: ${warmupMs / 1000} s warm-up, ${measureMs / 1000} s measured`);
            results.push(await run(concurrency, warmupMs, measureMs));
        }
    } catch (failure) {
        console.error(`client-loop.mjs: the run could not go on: ${failure.stack ?? failure}`);
        process.exit(2);
    }
    writeFileSync(options.out, markdown(results));
    writeFileSync(options.tsv, tsv(results));
    console.log();
    console.log(table(results));
    console.log(`Written to ${options.out}`);
    for (const r of results) {
        if (count(r.errors) + count(r.errorsOutside) > 0) {
            console.error(`${label(r.concurrency)}: failed loops: ${codes(r.errors)} in the window,`
                + ` ${codes(r.errorsOutside)} outside it`);
            console.error(`  the last: ${describe(r.failure)}`);
            failed = true;
        }
        if (r.loops === 0 || r.loops === count(r.errors)) {
            console.error(`${label(r.concurrency)}: no loop completed in the window`);
            failed = true;
        }
    }
    process.exit(failed ? 1 : 0);
}

await main();
