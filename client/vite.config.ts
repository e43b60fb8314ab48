/**
 * Builds the browser client into `dist/client`, which the game server serves as static
 * files. Phaser (~350 KB gzip) goes into its own chunk so the app's own code stays small
 * and the browser can cache the engine across releases.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where `npm run dev` (the game server) listens; the dev server forwards sockets and the API there. */
const serverPort = Number(process.env.ARENA_SERVER_PORT ?? process.env.PORT ?? 3000);
const serverTarget = `http://127.0.0.1:${serverPort}`;

export default defineConfig({
  root: clientRoot,
  publicDir: 'public',
  base: '/',
  build: {
    outDir: `${repoRoot}dist/client`,
    emptyOutDir: true,
    target: 'es2022',
    // Phaser alone is above the default warning limit; the app's chunks are reported separately.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'phaser', test: /node_modules[\\/]phaser[\\/]/, priority: 30 },
            // Named so the size report reads plainly; each still loads only where it is imported
            // (the QR code library with the host screen alone).
            {
              name: 'sim-and-levels',
              test: /[\\/](shared|levels)[\\/]|node_modules[\\/]zod[\\/]/,
              priority: 20,
            },
            {
              name: 'socket',
              test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/,
              priority: 20,
            },
            { name: 'qrcode', test: /node_modules[\\/](qrcode|dijkstrajs|pngjs)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    // The client imports the shared simulator and the level pack from outside `client/`.
    fs: { allow: [repoRoot] },
    proxy: {
      '/socket.io': { target: serverTarget, ws: true },
      '/api': { target: serverTarget },
      '/healthz': { target: serverTarget },
    },
  },
});
