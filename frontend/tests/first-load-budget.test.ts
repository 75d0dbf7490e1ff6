import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../build/manifest-plugin.ts';
import { computeSourceHash } from '../build/source-hash.ts';
import { firstLoadFiles, gzipSizes, sizeReport, type ViteManifest } from './firstLoad.ts';

const FRONTEND_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The page a permit's QR code opens (route /permits/:id), as the app imports it lazily (src/app/pageViews.tsx). */
const PERMIT_PAGE = 'src/features/permits/detail/PermitDetailPage.tsx';
/** Product §7: the permit page's first load on a phone, often on poor signal (docs/field-use.md, "JS budget"). */
const BUDGET_BYTES = 352 * 1024;
const BUILD_TIMEOUT_MS = 300_000;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** dist/ when it was built from the sources as they are (`make test` builds it first). */
function currentDist(): string | null {
  const dist = path.join(FRONTEND_DIR, 'dist');
  const stamp = path.join(dist, 'ptw-build.json');
  if (!existsSync(stamp) || !existsSync(path.join(dist, '.vite', 'manifest.json'))) return null;
  return (readJson(stamp) as BuildManifest).source_hash === computeSourceHash(FRONTEND_DIR) ? dist : null;
}

let distDir: string;
let ownBuild: string | null = null;
let manifest: ViteManifest;

beforeAll(() => {
  const current = currentDist();
  if (current === null) {
    // No build of these sources: build them where dist/ (served by `make run`) is left alone.
    const dir = mkdtempSync(path.join(tmpdir(), 'ptw-budget-'));
    ownBuild = dir;
    const vite = path.join(FRONTEND_DIR, 'node_modules/vite/bin/vite.js');
    execFileSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: FRONTEND_DIR,
      // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    distDir = dir;
  } else {
    distDir = current;
  }
  manifest = readJson(path.join(distDir, '.vite', 'manifest.json')) as ViteManifest;
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (ownBuild !== null) rmSync(ownBuild, { recursive: true, force: true });
});

describe('the permit page’s first load', () => {
  it('fetches at most 352 kB of gzipped JS', () => {
    const loaded = gzipSizes(distDir, firstLoadFiles(manifest, PERMIT_PAGE));
    const total = loaded.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0);

    expect(total, `\n${sizeReport(loaded, BUDGET_BYTES)}\n`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('leaves the other tabs and the action dialog to load when opened, and the service worker precaches them', () => {
    const firstLoad = new Set(firstLoadFiles(manifest, PERMIT_PAGE));
    const lazy = ['src/features/permits/parts/GasTestsTab.tsx', 'src/features/permits/components/ActionDialog.tsx'];
    for (const module of lazy) expect(firstLoad).not.toContain(manifest[module]?.file);

    const worker = readFileSync(path.join(distDir, 'serviceWorker.js'), 'utf8');
    const chunks = [...new Set(Object.values(manifest).map(({ file }) => file))].filter((file) => file.endsWith('.js'));
    // The injected precache list names each file as {"revision":…,"url":"assets/…"}.
    const notPrecached = chunks.filter((file) => !worker.includes(`"url":${JSON.stringify(file)}`));
    expect(chunks.length).toBeGreaterThan(firstLoad.size);
    expect(notPrecached).toEqual([]);
  });
});

describe('firstLoadFiles', () => {
  const graph: ViteManifest = {
    'index.html': {
      file: 'assets/index.js',
      isEntry: true,
      imports: ['_react.js'],
      dynamicImports: ['src/Detail.tsx', 'src/List.tsx'],
    },
    '_react.js': { file: 'assets/react.js', imports: ['_runtime.js'] },
    '_runtime.js': { file: 'assets/runtime.js' },
    '_antd.js': { file: 'assets/antd.js', imports: ['_react.js'] },
    'src/Detail.tsx': { file: 'assets/Detail.js', imports: ['_antd.js', 'index.html'], dynamicImports: ['src/Tab.tsx'] },
    'src/Tab.tsx': { file: 'assets/Tab.js', imports: ['_table.js'] },
    '_table.js': { file: 'assets/table.js' },
    'src/List.tsx': { file: 'assets/List.js', imports: ['_table.js'] },
    'src/Settings.tsx': { file: 'assets/Settings.js' },
    'src/style.css': { file: 'assets/style.css' },
  };

  it('takes the entry and the page with their static imports, each once, not what they import lazily', () => {
    expect(firstLoadFiles(graph, 'src/Detail.tsx')).toEqual([
      'assets/index.js',
      'assets/react.js',
      'assets/runtime.js',
      'assets/Detail.js',
      'assets/antd.js',
    ]);
  });

  it('refuses a page the entry does not import lazily, or one the build does not have', () => {
    expect(() => firstLoadFiles(graph, 'src/Settings.tsx')).toThrow("is not a page the app's entry imports lazily");
    expect(() => firstLoadFiles(graph, 'src/Renamed.tsx')).toThrow('is not a page');
  });

  it('needs exactly one entry', () => {
    expect(() => firstLoadFiles({ ...graph, 'other.html': { file: 'assets/other.js', isEntry: true } }, 'src/Detail.tsx')).toThrow(
      'expected one entry',
    );
  });
});

describe('sizeReport', () => {
  it('lists each file and the total against the limit', () => {
    const report = sizeReport(
      [
        { file: 'assets/index.js', gzipBytes: 2048 },
        { file: 'assets/Detail.js', gzipBytes: 512 },
      ],
      1024,
    );

    expect(report.split('\n')).toEqual([
      '    2.0 kB  assets/index.js',
      '    0.5 kB  assets/Detail.js',
      '    2.5 kB  total gzipped (limit 1.0 kB)',
    ]);
  });
});
