import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations: every `graphql(...)` call in src/ becomes a TypedDocumentNode whose result and
 * variables types come from the public schema at the repository root.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
