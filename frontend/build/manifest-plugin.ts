import type { Plugin } from 'vite';
import { computeSourceHash } from './source-hash.ts';

export interface ManifestPage {
  readonly path: string;
  readonly title: string;
}

export interface BuildManifest {
  built_at: string;
  source_hash: string;
  pages: ManifestPage[];
}

interface ManifestOptions {
  frontendDir: string;
  pages: readonly ManifestPage[];
}

function utcNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Stamps the source hash into the bundle and writes dist/ptw-build.json for the server's freshness check. */
export function ptwBuildManifest({ frontendDir, pages }: ManifestOptions): Plugin {
  const sourceHash = computeSourceHash(frontendDir);
  return {
    name: 'ptw-build-manifest',
    config: () => ({ define: { __UI_SOURCE_HASH__: JSON.stringify(sourceHash) } }),
    generateBundle() {
      const manifest: BuildManifest = {
        built_at: utcNow(),
        source_hash: sourceHash,
        pages: pages.map(({ path, title }) => ({ path, title })),
      };
      this.emitFile({
        type: 'asset',
        fileName: 'ptw-build.json',
        source: `${JSON.stringify(manifest, null, 2)}\n`,
      });
    },
  };
}
