import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

/** Main-process bundles: the Electron entry and the browser host, with npm dependencies left external. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/main',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { 'electron-main': 'main/electron-main.ts', host: 'main/host/cli.ts' },
      external: ['electron', ...Object.keys(packageJson.dependencies), ...builtinModules, /^node:/],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
