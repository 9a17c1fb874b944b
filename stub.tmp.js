const Module = require('node:module');
const orig = Module._load;
Module._load = function (req) { if (req === 'mathjs') return { create: () => ({}), all: {}, lusolve() {} }; return orig.apply(this, arguments); };
