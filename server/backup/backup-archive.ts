// The PGlite backup file: a gzip'd tar of `orderline-backup.json` (a manifest with every file's size and
// SHA-256) and `data/` (the copied data directory). Reading one checks everything before anything is used.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as tar from 'tar';

export const MANIFEST_NAME = 'orderline-backup.json';
export const DATA_FOLDER = 'data';
const FORMAT = 'orderline-backup/v1';

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  /** The migrations the database had when it was copied (the restore checks the copy opens with them). */
  migrations: string[];
  /** Every regular file under data/, by path relative to it (forward slashes). */
  files: Record<string, { size: number; sha256: string }>;
}

/** A backup file that cannot be restored: truncated, corrupt, not a backup, or not matching its manifest. */
export class BackupFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is not a usable backup: ${reason}. Nothing was changed.`);
    this.name = 'BackupFileError';
  }
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Every regular file under `root`, relative with forward slashes (what tar stores). */
async function listFiles(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(root, path)));
    else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
  }
  return found.sort();
}

async function describeFiles(dataDir: string): Promise<BackupManifest['files']> {
  const files: BackupManifest['files'] = {};
  for (const path of await listFiles(dataDir)) {
    const full = join(dataDir, path);
    files[path] = { size: (await lstat(full)).size, sha256: await sha256(full) };
  }
  return files;
}

/**
 * Writes `file` from `stagingDir`, which holds `data/` (a finished copy nothing writes to any more). The caller
 * writes to a temporary name and renames, so a half-written backup never looks like a backup.
 */
export async function writeArchive(
  stagingDir: string,
  file: string,
  meta: { createdAt: string; migrations: string[] },
): Promise<void> {
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: meta.createdAt,
    migrations: meta.migrations,
    files: await describeFiles(join(stagingDir, DATA_FOLDER)),
  };
  await writeFile(join(stagingDir, MANIFEST_NAME), JSON.stringify(manifest, null, 1));
  // portable: no owner names or uids, so a restore on another machine makes files the restoring user owns.
  await tar.create({ gzip: true, file, cwd: stagingDir, portable: true }, [MANIFEST_NAME, DATA_FOLDER]);
}

function parseManifest(file: string, text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupFileError(file, 'its manifest is not valid JSON');
  }
  const manifest = value as Partial<BackupManifest> | null;
  if (
    manifest === null ||
    typeof manifest !== 'object' ||
    manifest.format !== FORMAT ||
    typeof manifest.createdAt !== 'string' ||
    !Array.isArray(manifest.migrations) ||
    typeof manifest.files !== 'object' ||
    manifest.files === null
  ) {
    throw new BackupFileError(file, `its manifest is not an ${FORMAT} manifest`);
  }
  return manifest as BackupManifest;
}

/**
 * Extracts `file` into `intoDir` (new and empty) and checks it completely: the gzip stream and every tar header
 * (strict: a truncated or damaged file is an error, never a warning), the manifest, and that data/ holds exactly
 * the files the manifest lists with their sizes and hashes. Returns the manifest; throws BackupFileError.
 */
export async function extractArchive(file: string, intoDir: string): Promise<BackupManifest> {
  try {
    await tar.extract({ file, cwd: intoDir, strict: true });
  } catch (error) {
    throw new BackupFileError(file, `it cannot be read to the end (${(error as Error).message})`);
  }
  let text: string;
  try {
    text = await readFile(join(intoDir, MANIFEST_NAME), 'utf8');
  } catch {
    throw new BackupFileError(file, `it has no ${MANIFEST_NAME}`);
  }
  const manifest = parseManifest(file, text);
  let found: BackupManifest['files'];
  try {
    found = await describeFiles(join(intoDir, DATA_FOLDER));
  } catch {
    throw new BackupFileError(file, 'it has no data folder');
  }
  const expected = Object.keys(manifest.files).sort();
  const actual = Object.keys(found).sort();
  if (expected.join('\n') !== actual.join('\n')) {
    const missing = expected.filter((name) => !(name in found));
    throw new BackupFileError(
      file,
      missing.length > 0
        ? `${missing.length} files are missing (${missing[0]} …)`
        : 'it holds files its manifest does not list',
    );
  }
  for (const name of expected) {
    const want = manifest.files[name];
    const got = found[name];
    if (want?.sha256 !== got?.sha256 || want?.size !== got?.size) {
      throw new BackupFileError(file, `${name} does not match its checksum`);
    }
  }
  return manifest;
}
