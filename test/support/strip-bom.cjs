// CommonJS copy of strip-bom (ESM-only) for Jest's module loader; Node loads the real package at run time.
'use strict';
module.exports = function stripBom(string) {
  if (typeof string !== 'string') throw new TypeError(`Expected a string, got ${typeof string}`);
  return string.charCodeAt(0) === 0xfeff ? string.slice(1) : string;
};
module.exports.default = module.exports;
