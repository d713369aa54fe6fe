// ESLint (flat config): @eslint/js and typescript-eslint recommended, tuned to the code as it is
// written (rules that only restate a style the code does not follow are off; rules that catch
// bugs stay on), plus the import rules of DESIGN.md "Parts" (test/architecture.test.ts proves
// they fire). Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of one of `lib/`'s folders, relative (`../store`, `../../../lib/store/db`) or through the `@/` alias. */
const libFolder = (...names) => `^(?:(?:\\.\\./)+(?:lib/)?|@/lib/)(?:${names.join('|')})(?:/|$)`;
/** An import of a top-level folder, relative or through the `@/` alias. */
const topFolder = (...names) => `^(?:(?:\\.\\./)+|@/)(?:${names.join('|')})(?:/|$)`;

const rule = (regex, message) => ({ regex, message });

const NO_UI_LAYERS = rule(
  topFolder('entrypoints', 'components'),
  'lib/ never imports from entrypoints/ or components/ (DESIGN.md, Parts).',
);
/** Packages that only run in the extension (as a regex: gitignore-style groups read `#i18n` as a comment). */
const browserPackages = (message) => rule('^(?:wxt|@wxt-dev|webextension-polyfill|preact|#i18n)(?:/|$)', message);
/** IndexedDB, which only lib/store may open. */
const indexedDb = (message) => rule('^idb(?:/|$)', message);

/** no-restricted-imports with these patterns; one config object per folder, so each lists all that applies to it. */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  globalIgnores([
    '.output/',
    '.wxt/',
    'server/dist/',
    'node_modules/',
    'data/',
    'test/e2e/screenshots/',
    'test/e2e/artifacts/',
    'stats.html',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks a parameter kept for its position; unused catch bindings and rest siblings are idiomatic.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Benchmarks and test helpers read answers the tests check elsewhere; `any` keeps them short.
    files: ['bench/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lib/**'],
    rules: restrict(NO_UI_LAYERS),
  },
  {
    files: ['lib/protocol/**'],
    rules: restrict(
      NO_UI_LAYERS,
      rule(
        libFolder('sync', 'store', 'ui', 'clip', 'background', 'browser'),
        'lib/protocol is shared with the server: it imports nothing from the client layers.',
      ),
      browserPackages('lib/protocol is shared with the server: no browser code.'),
      indexedDb('lib/protocol is shared with the server: no IndexedDB.'),
    ),
  },
  {
    files: ['lib/sync/**'],
    rules: restrict(NO_UI_LAYERS, indexedDb('Only lib/store owns IndexedDB: lib/sync calls its named operations.')),
  },
  {
    files: ['lib/recurrence/**', 'lib/privacy/**'],
    rules: restrict(
      NO_UI_LAYERS,
      rule(
        libFolder('store', 'sync', 'ui', 'browser', 'background'),
        'lib/recurrence and lib/privacy are pure: no store, sync, UI or browser code.',
      ),
      browserPackages('lib/recurrence and lib/privacy are pure: no browser code.'),
      indexedDb('lib/recurrence and lib/privacy are pure: no IndexedDB.'),
    ),
  },
  {
    files: ['server/**'],
    rules: restrict(
      rule(
        `^(?:(?:\\.\\./)+lib/|@/lib/)(?!(?:protocol|model)(?:/|$))`,
        'The server imports only lib/protocol (and lib/model), never browser code (DESIGN.md, Parts).',
      ),
      rule(topFolder('entrypoints', 'components'), 'The server never imports browser code.'),
      browserPackages('The server never imports browser code.'),
      indexedDb('The server never imports browser code.'),
    ),
  },
);
