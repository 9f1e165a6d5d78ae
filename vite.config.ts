import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal lives in web/ and builds into dist/web, which the API serves on its own port.
// In development Vite serves it on 5173 and forwards /api to the API on 3000.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, strictPort: true, proxy: { '/api': 'http://localhost:3000' } },
});
