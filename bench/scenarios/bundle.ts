// Bundle: gzip size of every JavaScript file the build ships (app chunks under dist/assets and the SW,
// dist/sw.js). Level 9, as `gzip -9` and the usual bundle-size tools measure; source maps are not shipped code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  totalGzipKiB: number;
  files: { file: string; gzipBytes: number }[];
}

async function listJs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export async function measureBundle(distDir: string): Promise<BundleResult> {
  const files = await listJs(distDir);
  if (!files.some((file) => file.endsWith('sw.js'))) throw new Error(`${distDir} has no sw.js: build first`);
  const sizes = await Promise.all(
    files.map(async (file) => ({
      file: relative(distDir, file),
      gzipBytes: gzipSync(await readFile(file), { level: 9 }).length,
    })),
  );
  const total = sizes.reduce((sum, entry) => sum + entry.gzipBytes, 0);
  return { totalGzipKiB: Math.round((total / 1024) * 100) / 100, files: sizes };
}
