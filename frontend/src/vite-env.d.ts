/// <reference types="vite/client" />

/** SHA-256 of the UI sources this bundle was built from (see build/source-hash.ts). */
declare const __UI_SOURCE_HASH__: string;
