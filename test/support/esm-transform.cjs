// Jest runs CommonJS; jose ships ES modules only (Node itself loads them with require). This hands Jest
// a CommonJS copy of each jose file, made by esbuild.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      format: 'cjs',
      loader: 'js',
      sourcefile: filename,
      sourcemap: 'external',
      target: 'node20',
    });
    return { code, map };
  },
};
