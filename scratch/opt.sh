node bin/tokensim.js optimize test/fixtures/planted.ts --objective score --params planted.x=0:1 --params planted.y=0:1 --seeds 4 --budget 480 --out $1 -q "${@:2}"
