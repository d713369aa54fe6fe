import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in Debian's Chromium, against a real endpoint.
export default defineConfig({
  resolve: { alias: { '@': new URL('.', import.meta.url).pathname } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
    // A real browser on a loaded two-core machine: one more try for a test that lost a race with
    // the machine, never for one that fails twice (each try starts from its file's set-up).
    retry: 1,
  },
});
