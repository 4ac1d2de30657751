// Bundle: gzip size of the JavaScript shipped before the counter screen is usable (DESIGN.md Part 2): the
// entry script, the modules index.html preloads and every chunk those import statically (the browser fetches
// them before the entry runs), the chunks holding modules every counter start runs (START_MODULES), plus the
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
 * Modules every counter start runs, wherever the build puts them: workbox-window registers the SW (on a first
 * visit nothing works without it) and the leader runs the push stream (without it the counter never sees other
 * devices' orders) and the active language's catalogue (English counted). Bundled with the entry today; should either become a lazy chunk again, that chunk still
 * counts. Found through each file's source map (the build always writes hidden ones); a module found in no
 * file fails the measure rather than silently shrinking it.
 */
export const START_MODULES = [
  'src/leader.ts',
  'node_modules/workbox-window/',
  // The English catalogue: each language is a chunk of its own, loaded before the first render (src/i18n.ts),
  // so the bundle counts one language's words, as budgets.ts asks. English is the largest of the five (gzip).
  'src/locales/en/messages.ts',
] as const;

/** The files whose source maps name a start module; throws when a start module is in none of them. */
async function filesWithStartModules(distDir: string, files: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    let sources: string[];
    try {
      sources = (JSON.parse(await readFile(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const module of START_MODULES) {
      if (!sources.some((source) => source.includes(module))) continue;
      seen.add(module);
      found.add(relative(distDir, file));
    }
  }
  const missing = START_MODULES.filter((module) => !seen.has(module));
  if (missing.length > 0)
    throw new Error(`${distDir}: no source map names ${missing.join(', ')}; update START_MODULES`);
  return found;
}

/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`: the static imports of a chunk. */
export const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g;

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
  for (const file of await filesWithStartModules(distDir, files)) if (file !== 'sw.js') scripts.add(file);
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
