import { defineConfig } from 'vitest/config';

// Test layers are named by suffix (STYLE.md): pure node, jsdom + fake-indexeddb, and the local stack.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{src,supabase,scripts,bench}/**/*.test.ts'],
          exclude: ['**/*.dom.test.*', '**/*.stack.test.*', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.dom.test.{ts,tsx}'],
          setupFiles: ['src/test/dom-setup.ts'],
        },
      },
      {
        test: {
          name: 'stack',
          environment: 'node',
          include: ['{src,supabase}/**/*.stack.test.ts'],
          // One PGlite per file is heavy on two cores; files run in separate forks, a few at a time.
          pool: 'forks',
          maxWorkers: 2,
          // After the fast layers, in a group of its own (it has its own worker limit).
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
