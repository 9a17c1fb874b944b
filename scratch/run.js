require('../bin/transpile.js').register();
process.argv.splice(1, 1);
require(require('path').resolve(process.argv[1]));
