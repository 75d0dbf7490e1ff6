import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeSourceHash, sourceFiles } from '../build/source-hash.ts';

let frontendDir: string;

function write(rel: string, content: string): void {
  const file = path.join(frontendDir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function digestOf(files: [string, string][]): string {
  const hash = createHash('sha256');
  for (const [rel, content] of files) hash.update(`${rel}\0${content}\0`, 'utf8');
  return hash.digest('hex');
}

beforeEach(() => {
  frontendDir = mkdtempSync(path.join(tmpdir(), 'ptw-source-hash-'));
});

afterEach(() => {
  rmSync(frontendDir, { recursive: true, force: true });
});

describe('computeSourceHash', () => {
  it('hashes path, NUL, bytes, NUL of each source file in path order', () => {
    write('index.html', 'x');
    write('src/b.ts', 'y');

    expect(computeSourceHash(frontendDir)).toBe(
      digestOf([
        ['index.html', 'x'],
        ['src/b.ts', 'y'],
      ]),
    );
  });

  // Computed with Python's hashlib from the rule, as the backend does.
  it('matches the digest the backend computes for the same tree', () => {
    write('index.html', 'x');
    write('src/b.ts', 'y');

    expect(computeSourceHash(frontendDir)).toBe('47bd99c29839b1382d9ec44c9a891dfd3c76e6276c4c349aaa373b576a1b6e99');
  });

  it('selects the root files, tsconfigs, build/, public/ and src/ less tests, in code point order', () => {
    for (const rel of [
      'index.html',
      'package.json',
      'package-lock.json',
      'vite.config.ts',
      'tsconfig.json',
      'tsconfig.app.json',
      'build/nested/plugin.ts',
      'public/pwa-192x192.png',
      'src/Z.ts',
      'src/a.ts',
      'src/é.ts',
      'src/app/Shell.tsx',
      'src/app/Shell.test.tsx',
      'src/test/setup.ts',
      'README.md',
      'eslint.config.js',
      'tests/source-hash.test.ts',
      'dist/index.html',
      'node_modules/x/index.js',
    ]) {
      write(rel, rel);
    }

    expect(sourceFiles(frontendDir)).toEqual([
      'build/nested/plugin.ts',
      'index.html',
      'package-lock.json',
      'package.json',
      'public/pwa-192x192.png',
      'src/Z.ts',
      'src/a.ts',
      'src/app/Shell.tsx',
      'src/é.ts',
      'tsconfig.app.json',
      'tsconfig.json',
      'vite.config.ts',
    ]);
  });

  it('ignores test files and changes with any source byte', () => {
    write('index.html', 'x');
    write('src/b.ts', 'y');
    const before = computeSourceHash(frontendDir);

    write('src/b.test.ts', 'test');
    write('src/test/setup.ts', 'setup');
    expect(computeSourceHash(frontendDir)).toBe(before);

    write('src/b.ts', 'y2');
    expect(computeSourceHash(frontendDir)).not.toBe(before);
  });
});
