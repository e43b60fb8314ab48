/**
 * Builds the board harness page (`client/src/game/harness.html`) for the client
 * benchmark's frame-rate measurement: same settings as the client build, another entry,
 * written under artifacts/ so it never ships.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import clientConfig from '../client/vite.config';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default mergeConfig(
  clientConfig,
  defineConfig({
    build: {
      outDir: `${repoRoot}artifacts/bench-harness`,
      emptyOutDir: true,
      rolldownOptions: { input: { harness: `${repoRoot}client/src/game/harness.html` } },
    },
  }),
);
