import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of Vite's build manifest (dist/.vite/manifest.json), as far as the first load needs it. */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Vite's build manifest: chunks by source path (entries, lazily imported modules) or by `_<file>` (shared). */
export type ViteManifest = Record<string, ManifestChunk>;

export interface LoadedFile {
  file: string;
  /** Bytes once gzipped at zlib's default level, as a server or CDN sends it. */
  gzipBytes: number;
}

function chunk(manifest: ViteManifest, key: string): ManifestChunk {
  const found = manifest[key];
  if (found === undefined) throw new Error(`the build manifest has no chunk ${key}`);
  return found;
}

/** The keys of `from` and of every chunk it imports statically, recursively, each once. */
function staticClosure(manifest: ViteManifest, from: string): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of chunk(manifest, key).imports ?? []) visit(imported);
  };
  visit(from);
  return [...seen];
}

/**
 * The JS files a route's first load fetches: the app's entry with its static imports, recursively, then the
 * route's lazily imported page module with its static imports. What either imports dynamically (other pages,
 * tabs, dialogs) is left out: it is fetched when used.
 */
export function firstLoadFiles(manifest: ViteManifest, pageModule: string): string[] {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  if (entries.length !== 1) throw new Error(`expected one entry in the build manifest, found ${entries.join(', ') || 'none'}`);
  const [entry] = entries as [string];
  const shell = staticClosure(manifest, entry);
  const lazilyImported = shell.some((key) => chunk(manifest, key).dynamicImports?.includes(pageModule) === true);
  if (!lazilyImported) {
    throw new Error(`${pageModule} is not a page the app's entry imports lazily (renamed, or imported statically?)`);
  }
  const keys = new Set([...shell, ...staticClosure(manifest, pageModule)]);
  return [...keys].map((key) => chunk(manifest, key).file).filter((file) => file.endsWith('.js'));
}

/** Each file's gzipped size, read from the build directory, largest first. */
export function gzipSizes(distDir: string, files: readonly string[]): LoadedFile[] {
  return files
    .map((file) => ({ file, gzipBytes: gzipSync(readFileSync(path.join(distDir, file))).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.file.localeCompare(b.file));
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The per-file sizes and their total against the limit, one line each, for a failure message. */
export function sizeReport(loaded: readonly LoadedFile[], limitBytes: number): string {
  const total = loaded.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0);
  const lines = loaded.map(({ file, gzipBytes }) => `${kB(gzipBytes).padStart(10)}  ${file}`);
  return [...lines, `${kB(total).padStart(10)}  total gzipped (limit ${kB(limitBytes)})`].join('\n');
}
