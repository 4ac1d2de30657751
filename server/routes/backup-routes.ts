// Backups over HTTP: the owner's status and download (Devices screen), and `POST /api/backups`, which the
// owner or a local `npm run backup` (the per-run token of <data>/server.json) calls to take one now.

import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ACCESS } from '../../protocol/roles.ts';
import { sendError } from '../api-error.ts';
import { secretsEqual } from '../auth/credentials.ts';
import type { BackupService } from '../backup/backup-service.ts';
import { BACKUP_TOKEN_HEADER } from '../backup/server-file.ts';

export interface BackupRoutesOptions {
  backups: BackupService;
  /** The token in server.json (absent: only the owner may take a backup over HTTP). */
  localToken?: string;
}

export async function backupRoutes(app: FastifyInstance, { backups, localToken }: BackupRoutesOptions) {
  app.get('/api/backups', { config: { access: ACCESS.ownerOnly } }, async () => backups.status());

  app.get('/api/backups/latest', { config: { access: ACCESS.ownerOnly } }, async (_request, reply) => {
    const latest = await backups.latest();
    if (!latest) return sendError(reply, 404, 'not_found', 'no backup has been taken yet');
    return reply
      .header(
        'content-type',
        latest.info.name.endsWith('.dump') ? 'application/octet-stream' : 'application/gzip',
      )
      .header('content-disposition', `attachment; filename="${latest.info.name}"`)
      .header('content-length', String(latest.info.sizeBytes))
      .header('cache-control', 'no-store')
      .send(createReadStream(latest.path));
  });

  // Public at the auth hook because the local token is no device credential; the handler checks one of the two.
  app.post('/api/backups', { config: { access: ACCESS.public } }, async (request, reply) => {
    const presented = request.headers[BACKUP_TOKEN_HEADER];
    const byToken =
      localToken !== undefined && typeof presented === 'string' && secretsEqual(presented, localToken);
    if (!byToken) {
      if (request.device === null) {
        return sendError(
          reply,
          401,
          'unauthenticated',
          'taking a backup needs the owner device or the local backup token',
        );
      }
      if (request.device.role !== 'owner') {
        return sendError(reply, 403, 'forbidden', `a ${request.device.role} device may not do this`);
      }
    }
    if (!backups.enabled) {
      return sendError(
        reply,
        404,
        'not_found',
        'this server keeps its data in memory: there is nothing to back up',
      );
    }
    try {
      return await reply.code(201).send(await backups.take('manual'));
    } catch (error) {
      request.log.error({ err: error }, 'backup failed');
      return sendError(reply, 503, 'unavailable', `the backup failed: ${(error as Error).message}`);
    }
  });
}
