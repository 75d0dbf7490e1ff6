/**
 * The one registry of built pages: it drives the router, the sidebar and the build manifest.
 * Imported by vite.config.ts, so it stays free of React and JSX.
 */

export const sections = ['Permits', 'Waiting for me', 'Reports', 'Isolations', 'Administration'] as const;

export type Section = (typeof sections)[number];

export interface PageDefinition {
  readonly key: string;
  readonly path: string;
  readonly title: string;
  readonly section: Section;
}

export const pages = [
  { key: 'system', path: '/system', title: 'System status', section: 'Administration' },
] as const satisfies readonly PageDefinition[];

export type PageKey = (typeof pages)[number]['key'];

export const homePath: string = pages[0].path;
