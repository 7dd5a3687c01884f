// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One lint configuration for every workspace: typescript-eslint's type-checked recommendations
 * (floating promises, unsafe `any`, misused promises, ...) on all TypeScript, Prettier owning layout.
 * `npm run lint` runs it with --max-warnings=0; `npm test` runs it too.
 */
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      '**/.vitest/**',
      '**/generated/**',
      'clients/web/src/gql/**',
      'infra/ferretdb/bin/**',
      'bench/results/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript itself reports undefined names, knowing each file's environment.
      'no-undef': 'off',
      // `_name` marks a parameter or binding kept on purpose (a resolver's unused parent, a rest split).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // vitest's asymmetric matchers (`expect.any(String)`) are typed `any` by design.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The web client's tests and build files belong to its Node project, not its browser one.
    files: ['clients/web/test/**/*.ts', 'clients/web/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: 'clients/web/tsconfig.node.json' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  prettier,
);
