// Plain CommonJS on purpose: TypeScript compiles `import()` in a .ts file to
// `require()` under module commonjs, which cannot load an ES-module-only
// package (vega, vega-lite); in a .js file Node keeps it a real dynamic import.
module.exports = (specifier) => import(specifier);
