// The backup routes on a real PGlite directory: the owner's status and download, POST /api/backups by the
// owner or the local token only, and fuzzed headers and bodies that never take a backup or answer 5xx.

import { readdir, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupStatus } from '../../../../protocol/backup.ts';
import { BACKUP_TOKEN_HEADER } from '../../../../server/backup/server-file.ts';
import { pairDevice, type PairedDevice } from '../device-fixtures.ts';
import { createBody, memoryApp, OWNER_AUTH, postOrder } from '../order-fixtures.ts';
import { fileApp, tempDir, type FileApp } from './backup-fixtures.ts';

const dirs: string[] = [];
const TOKEN = 'local-backup-token-for-the-test-0123456789';
let t: FileApp;
let dataDir: string;
let counter: PairedDevice;
beforeAll(async () => {
  dataDir = `${await tempDir('backup-routes', dirs)}/data`;
  t = await fileApp(dataDir, TOKEN);
  counter = await pairDevice(t.app, 'counter');
  await postOrder(t.app, createBody());
}, 120_000);
afterAll(async () => {
  await t?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const backupFiles = async () =>
  (await readdir(`${dataDir}/backups`).catch(() => [])).filter((n) => !n.startsWith('.'));

describe('backup routes', () => {
  it('no backup yet: the status is empty and the download is 404', async () => {
    const status = await t.app.inject({ url: '/api/backups', headers: OWNER_AUTH });
    expect(status.json<BackupStatus>()).toEqual({ backups: [], lastFailure: null, enabled: true });
    const latest = await t.app.inject({ url: '/api/backups/latest', headers: OWNER_AUTH });
    expect(latest.statusCode).toBe(404);
    expect(latest.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });

  it('the local token and the owner take a backup; the owner downloads the newest', async () => {
    const byToken = await t.app.inject({
      method: 'POST',
      url: '/api/backups',
      headers: { [BACKUP_TOKEN_HEADER]: TOKEN },
    });
    expect(byToken.statusCode).toBe(201);
    const byOwner = await t.app.inject({ method: 'POST', url: '/api/backups', headers: OWNER_AUTH });
    expect(byOwner.statusCode).toBe(201);
    const newest = byOwner.json<BackupInfo>();
    expect(newest.reason).toBe('manual');
    const status = (await t.app.inject({ url: '/api/backups', headers: OWNER_AUTH })).json<BackupStatus>();
    expect(status.backups.map((b) => b.name)).toEqual([newest.name, byToken.json<BackupInfo>().name]);
    const download = await t.app.inject({ url: '/api/backups/latest', headers: OWNER_AUTH });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${newest.name}"`);
    expect(download.rawPayload.length).toBe(newest.sizeBytes);
    // A real gzip'd tar whose first entry is the manifest.
    expect(gunzipSync(download.rawPayload).subarray(0, 21).toString()).toBe('orderline-backup.json');
  }, 120_000);

  it('refuses a counter, a wrong token and no credential, and takes nothing', async () => {
    const before = await backupFiles();
    const tries = [
      { headers: counter.auth, status: 403 },
      { headers: { [BACKUP_TOKEN_HEADER]: `${TOKEN}x` }, status: 401 },
      { headers: { ...counter.auth, [BACKUP_TOKEN_HEADER]: 'nope' }, status: 403 },
      { headers: {}, status: 401 },
    ];
    for (const attempt of tries) {
      const res = await t.app.inject({ method: 'POST', url: '/api/backups', headers: attempt.headers });
      expect(res.statusCode).toBe(attempt.status);
    }
    expect(await backupFiles()).toEqual(before);
  });

  it('fuzz: arbitrary tokens, bodies and content types never take a backup and never answer 5xx', async () => {
    const before = await backupFiles();
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
        fc.oneof(fc.string({ maxLength: 60 }), fc.json()),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        fc.constantFrom<'POST' | 'GET'>('POST', 'GET'),
        fc.constantFrom('/api/backups', '/api/backups/latest', '/api/backups/latest?x=1', '/api/backups/%00'),
        async (token, body, contentType, method, url) => {
          const headers: Record<string, string> = { 'content-type': contentType, ...counter.auth };
          // Printable ASCII only: Node refuses other header bytes before any request is made.
          if (token !== undefined) headers[BACKUP_TOKEN_HEADER] = token.replace(/[^\x21-\x7e]/g, 'x') || 'x';
          const res = await t.app.inject({
            method,
            url,
            headers,
            ...(method === 'POST' ? { payload: body } : {}),
          });
          expect(res.statusCode).toBeLessThan(500);
          expect([400, 401, 403, 404, 413, 415]).toContain(res.statusCode);
        },
      ),
      { numRuns: 150 },
    );
    expect(await backupFiles()).toEqual(before);
  }, 120_000);

  it('an in-memory server has no backups: status says so, taking one is a 404, never a 5xx', async () => {
    const memory = await memoryApp();
    try {
      expect(
        (await memory.app.inject({ url: '/api/backups', headers: OWNER_AUTH })).json<BackupStatus>().enabled,
      ).toBe(false);
      const take = await memory.app.inject({ method: 'POST', url: '/api/backups', headers: OWNER_AUTH });
      expect(take.statusCode).toBe(404);
    } finally {
      await memory.close();
    }
  }, 60_000);
});
