const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    // CommonJS exports for every entry: the export worker's default export is piscina's handler.
    library: { type: 'commonjs2' },
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // Exports run in worker threads (piscina) from their own bundle beside main.js.
      additionalEntryPoints: [
        {
          entryName: 'export-worker',
          // Absolute: Nx resolves a "../" path against the workspace root, not this folder.
          entryPath: join(__dirname, '../../libs/api/export/src/export.worker.ts'),
        },
        {
          // Noun foraging tags research in worker threads too (libs/api/foraging).
          entryName: 'foraging-worker',
          entryPath: join(__dirname, '../../libs/api/foraging/src/foraging.worker.ts'),
        },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
