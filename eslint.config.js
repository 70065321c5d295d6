// Lint rules, including the layering rules of docs/architecture.md:
//  - src-shared is the pure core: no electron, Node built-ins, DOM, React or CommonJS require;
//  - only the Electron shell files (src-main/shell/**, src-preload/**) may import `electron`,
//    so every service stays importable under plain Node (browser mode, CLI, tests);
//  - src-main reaches src-server only from its composition roots (cli/, demo/);
//  - the renderer talks to main only through the typed contract, never by import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'querystring', 'readline',
  'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only the Electron shell (src-main/shell, src-preload) may import electron; services must run under plain Node.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', 'resources/**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      eqeqeq: ['error', 'smart'],
      // Interface implementations are often async without awaiting; the rule adds noise, not safety.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, bin, the toolbar page) gets no type-aware rules, so it is
    // parsed without the TypeScript project service.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  {
    // Served as-is to the WeCom client's webview by the team server (the chat-toolbar page).
    files: ['src-server/team/toolbar/assets/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          electronOnlyInShell,
          ...NODE_BUILTINS.map((name) => ({ name, message: 'src-shared is the pure core: no Node built-ins.' })),
          { name: 'react', message: 'src-shared is the pure core: no React.' },
          { name: 'react-dom', message: 'src-shared is the pure core: no React.' },
        ],
        patterns: [
          { regex: '^node:', message: 'src-shared is the pure core: no Node built-ins.' },
          { regex: '^react(-dom)?/', message: 'src-shared is the pure core: no React.' },
          { regex: '(^|/)src-(main|server|renderer|preload)(/|$)', message: 'src-shared imports nothing from the other src folders.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'require', 'process', 'Buffer', '__dirname', '__filename', 'module', 'global']
          .map((name) => ({ name, message: `src-shared is the pure core: "${name}" belongs to a runtime, pass what you need in.` })),
      ],
    },
  },
  {
    files: ['src-main/shell/**/*.ts', 'src-preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/shell/**', 'src-main/cli/**', 'src-main/demo/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          { regex: '(^|/)src-server(/|$)', message: 'src-main services talk to the team server over HTTP; only cli/ and demo/ embed it.' },
          { regex: '(^|/)src-renderer(/|$)', message: 'main never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ regex: '(^|/)src-(main|renderer|preload)(/|$)', message: 'src-server imports only src-shared.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          { regex: '^node:', message: 'The renderer is sandboxed: no Node built-ins.' },
          { regex: '(^|/)src-(main|server|preload)(/|$)', message: 'The renderer reaches main only through the typed contract (window.tagdesk).' },
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
