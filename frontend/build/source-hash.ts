import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT_FILES = new Set(['index.html', 'package.json', 'package-lock.json', 'vite.config.ts']);
const TSCONFIG = /^tsconfig.*\.json$/;
const NUL = Buffer.from([0]);

function regularFilesUnder(frontendDir: string, relDir: string): string[] {
  const absDir = path.join(frontendDir, relDir);
  if (!existsSync(absDir)) return [];
  return readdirSync(absDir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory()) return regularFilesUnder(frontendDir, rel);
    return entry.isFile() ? [rel] : [];
  });
}

function isBuildInput(rel: string): boolean {
  if (!rel.startsWith('src/')) return true;
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return !rel.startsWith('src/test/') && !name.includes('.test.');
}

/** Lists, in hashing order, the files (relative POSIX paths) whose bytes define the UI build. */
export function sourceFiles(frontendDir: string): string[] {
  const rootFiles = readdirSync(frontendDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && (ROOT_FILES.has(entry.name) || TSCONFIG.test(entry.name)))
    .map((entry) => entry.name);
  const treeFiles = [
    ...regularFilesUnder(frontendDir, 'build'),
    ...regularFilesUnder(frontendDir, 'public'),
    ...regularFilesUnder(frontendDir, 'src'),
  ];
  // Code point order, as Python's sorted() gives; UTF-8 byte order is exactly that.
  return [...rootFiles, ...treeFiles.filter(isBuildInput)].sort((a, b) =>
    Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')),
  );
}

/** SHA-256 over (path, NUL, bytes, NUL) of every source file; the backend computes it identically. */
export function computeSourceHash(frontendDir: string): string {
  const hash = createHash('sha256');
  for (const rel of sourceFiles(frontendDir)) {
    hash.update(Buffer.from(rel, 'utf8'));
    hash.update(NUL);
    hash.update(readFileSync(path.join(frontendDir, rel)));
    hash.update(NUL);
  }
  return hash.digest('hex');
}
