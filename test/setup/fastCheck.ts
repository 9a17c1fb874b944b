import fc from 'fast-check';

// Property tests draw from one fixed seed, so the suite (and CI) is reproducible run to run;
// FC_SEED=<n> npm test explores other draws (a failure prints the seed and path to replay it).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });
