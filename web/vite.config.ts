import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app is built to web/dist and served by the gateway at `/`; in development (`npm run dev
 * --workspace web`) Vite proxies the gateway's paths to a running `npm start`.
 */
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  // One React for the app and its libraries: the gateway's React 18 (for GraphiQL) is hoisted to the root
  // node_modules, where urql would find it; React 19 rejects a React 18 context Provider (error #130).
  resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/materials', '/papers', '/events', '/config.json'].map((p) => [p, GATEWAY]),
    ),
  },
});
