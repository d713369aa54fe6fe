// The import rules of DESIGN.md "Parts" live in eslint.config.js (`npm run lint`). This test
// lints tiny sources at the paths they would have, so a rule that stops matching (a renamed
// folder, a regex gone wrong) fails here instead of silently allowing what it should refuse.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The messages of no-restricted-imports for `source` linted as if it were the file at `filePath`. */
async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the import rules of DESIGN.md "Parts"', () => {
  it.each([
    ['lib/clip/example.ts', "import { DraftView } from '../../components/draft-view';"],
    ['lib/store/example.ts', "import main from '@/entrypoints/background';"],
    ['lib/protocol/example.ts', "import { runSync } from '../sync/loop';"],
    ['lib/protocol/example.ts', "import { getDb } from '../store';"],
    ['lib/protocol/example.ts', "import { buildDraft } from '@/lib/clip/draft';"],
    ['lib/protocol/example.ts', "import { browser } from 'wxt/browser';"],
    ['lib/sync/example.ts', "import { openDB } from 'idb';"],
    ['server/src/example.ts', "import { getDb } from '../../lib/store';"],
    ['server/src/routes/example.ts', "import { runSync } from '../../../lib/sync/loop';"],
    ['server/src/example.ts', "import { i18n } from '#i18n';"],
    ['lib/recurrence/example.ts', "import { getDb } from '../store/db';"],
    ['lib/privacy/example.ts', "import { sessionState } from '../ui/session';"],
    ['lib/privacy/example.ts', "import { openSidePanel } from '../browser/side-panel';"],
  ])('%s may not %s', async (filePath, source) => {
    expect(await importErrors(filePath, source)).toHaveLength(1);
  });

  it.each([
    ['lib/protocol/example.ts', "import { parseHlc } from './hlc';"],
    ['lib/sync/example.ts', "import { takeOutboxBatch } from '../store/outbox';"],
    ['lib/clip/example.ts', "import { MAX_QUOTE_CHARS } from '../model';"],
    ['server/src/routes/example.ts', "import { syncRequestSchema } from '../../../lib/protocol/wire';"],
    ['server/src/example.ts', "import { taskSchema } from '../../lib/model';"],
    ['lib/recurrence/example.ts', "import type { Recurrence } from '../model';"],
    ['entrypoints/background.ts', "import { getDb } from '@/lib/store';"],
  ])('%s may %s', async (filePath, source) => {
    expect(await importErrors(filePath, source)).toEqual([]);
  });
});
