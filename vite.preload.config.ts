import { defineConfig } from 'vite';

/** The preload runs sandboxed, where only CommonJS and `electron` are available: bundle everything else in. */
export default defineConfig({
  ssr: { noExternal: true },
  build: {
    ssr: true,
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { preload: 'preload/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
