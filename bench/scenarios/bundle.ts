// Bundle: gzip size of the JavaScript shipped before the counter screen is usable (DESIGN.md Part 2): the
// entry script, the modules index.html preloads and every chunk those import statically (the browser fetches
// them before the entry runs), the chunks every counter start imports dynamically anyway (START_CHUNKS), plus the
// SW (dist/sw.js). Screens and other chunks loaded on demand (`import()`) are listed apart and not counted.
// Level 9, as `gzip -9` measures; source maps are not shipped code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  totalGzipKiB: number;
  /** Counted in the total: what the first load of the counter needs. */
  files: { file: string; gzipBytes: number }[];
  /** Not counted: chunks loaded on demand (other screens, the pairing screen, the no-worker notice). */
  onDemand: { file: string; gzipBytes: number }[];
}

async function listJs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The scripts index.html loads itself: `<script src>` and `<link rel="modulepreload" href>`. */
function initialScripts(html: string): Set<string> {
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g))
    paths.add(match[1]!);
  return paths;
}

/**
 * Chunks src/main.tsx and src/sw-bridge.ts import with `import()` on every start, not on demand: workbox-window
 * (registers the SW: on a first visit nothing works without it) and the leader (push stream: without it the
 * counter never sees other devices' orders). Lazy only to keep them off the first paint, so they count. Named by
 * their chunk's file name (rollup names a chunk after its module); a missing one fails the measure rather than
 * silently shrinking it.
 */
export const START_CHUNKS = ['Workbox', 'leader'] as const;

/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`: the static imports of a chunk. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/** The initial scripts and, transitively, every chunk they import statically (paths relative to dist). */
async function staticClosure(distDir: string, initial: Set<string>): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...initial];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const code = await readFile(join(distDir, path), 'utf8');
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(`${dir}${match[1]!}`);
  }
  return seen;
}

export async function measureBundle(distDir: string): Promise<BundleResult> {
  const files = await listJs(distDir);
  if (!files.some((file) => file.endsWith('sw.js'))) throw new Error(`${distDir} has no sw.js: build first`);
  const scripts = initialScripts(await readFile(join(distDir, 'index.html'), 'utf8'));
  if (scripts.size === 0) throw new Error(`${distDir}/index.html loads no script`);
  for (const name of START_CHUNKS) {
    const chunk = files
      .map((file) => relative(distDir, file))
      .find((file) => file.startsWith(`assets/${name}-`));
    if (chunk === undefined)
      throw new Error(`${distDir} has no ${name} chunk: the start path changed, update START_CHUNKS`);
    scripts.add(chunk);
  }
  const initial = await staticClosure(distDir, scripts);
  initial.add('sw.js');
  const sizes = await Promise.all(
    files.map(async (file) => ({
      file: relative(distDir, file),
      gzipBytes: gzipSync(await readFile(file), { level: 9 }).length,
    })),
  );
  const counted = sizes.filter((entry) => initial.has(entry.file));
  const total = counted.reduce((sum, entry) => sum + entry.gzipBytes, 0);
  return {
    totalGzipKiB: Math.round((total / 1024) * 100) / 100,
    files: counted,
    onDemand: sizes.filter((entry) => !initial.has(entry.file)),
  };
}
