// @ts-check
import eslint from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.scratch/',
      '.stryker-tmp/',
      'reports/',
      'node_modules/',
      'bench/.scratch/',
      'public/',
      'coverage/',
      'dist.old-*/',
      'dist.search-index-*/',
    ],
  },
  eslint.configs.recommended,
  // Type-aware rules for TypeScript: they catch floating promises and unsafe `any` flowing out of parsed JSON.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  ...astro.configs.recommended,
  {
    // .astro files and plain JavaScript config files are not part of the TypeScript project service.
    files: ['**/*.astro', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
