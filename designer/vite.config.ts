import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser runs the very same rule code as the server: alias the packages to their sources. */
function packageSource(name: string): string {
  return fileURLToPath(new URL(`../packages/${name}/src/index.ts`, import.meta.url));
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@liuyun/definitions': packageSource('definitions'),
      '@liuyun/logic': packageSource('logic'),
      '@liuyun/runtime': packageSource('runtime'),
      '@liuyun/client': packageSource('client'),
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and React Flow get stable chunks of their own (cached across releases);
        // antd is left to the default split so each page only pulls the components it uses.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
            },
            {
              name: 'xyflow',
              test: /node_modules[\\/](@xyflow|d3-[a-z]+|zustand|classcat)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
