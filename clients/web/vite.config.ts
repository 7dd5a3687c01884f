import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const port = Number(process.env['WEB_PORT'] ?? 5173);
const gatewayUrl = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000';

// `npm run dev`: the client with hot reload; /graphql and the file links (/files/...) go to the
// gateway, so the browser talks to one origin (no CORS) exactly as with server.mjs in production.
export default defineConfig({
  plugins: [react()],
  server: {
    host: process.env['HOST'] ?? '127.0.0.1',
    port,
    strictPort: true,
    // ws: WebSocket upgrades of /graphql (subscriptions, graphql-ws) are proxied as well.
    proxy: {
      '/graphql': { target: gatewayUrl, changeOrigin: true, ws: true },
      '/files/': { target: gatewayUrl, changeOrigin: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
