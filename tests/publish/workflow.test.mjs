// SPDX-License-Identifier: MIT OR Apache-2.0
// The daily workflow (.github/workflows/publish.yml) cannot run here, but what it runs can:
// it must call scripts/publish.sh (the script the other tests run on fixtures) with options
// that script knows, download the official XML, sign from a secret and deploy to Pages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workflow = readFileSync(join(ROOT, '.github/workflows/publish.yml'), 'utf8');
const script = readFileSync(join(ROOT, 'scripts/publish.sh'), 'utf8');

test('the workflow runs daily, publishes with scripts/publish.sh and deploys to GitHub Pages', () => {
  assert.match(workflow, /schedule:\s*\n\s*- cron: "\d+ \d+ \* \* \*"/);
  assert.match(workflow, /bash scripts\/publish\.sh "\$\{args\[@\]\}"/);
  assert.match(workflow, /--sdn-url "\$SDN_URL"/);
  assert.match(workflow, /secrets\.WALLET_RISK_ONLINE_KEY/);
  assert.match(workflow, /actions\/deploy-pages@/);
  assert.match(workflow, /sanctionslistservice\.ofac\.treas\.gov/);
});

test('every option the workflow passes to scripts/publish.sh is one the script accepts', () => {
  const accepted = new Set([...script.matchAll(/^\s+((?:--[a-z-]+\|?)+)\)/gm)].flatMap((m) => m[1].split('|')));
  const step = workflow.slice(workflow.indexOf('args=('), workflow.indexOf('bash scripts/publish.sh'));
  const passed = [...step.matchAll(/(--[a-z][a-z-]+)/g)].map((m) => m[1]);
  assert.ok(passed.length >= 8, passed.join(' '));
  for (const option of passed) assert.ok(accepted.has(option), `scripts/publish.sh does not accept ${option}`);
});

test('the key is written with umask 077 and removed even when publishing fails', () => {
  assert.match(workflow, /umask 077/);
  assert.match(workflow, /if: always\(\)\n\s+run: rm -f "\$RUNNER_TEMP\/online\.key"/);
});
