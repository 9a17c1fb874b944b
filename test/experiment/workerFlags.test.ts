import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/experiment/pool';

describe('workerExecArgv: the flags a worker thread starts with', () => {
  it('drops every spelling of a preloaded TypeScript compiler', () => {
    expect(workerExecArgv(['-r', 'ts-node/register/transpile-only'])).toEqual([]);
    expect(workerExecArgv(['--require', 'ts-node/register'])).toEqual([]);
    expect(workerExecArgv(['--require=/abs/node_modules/ts-node/register/index.js'])).toEqual([]);
    expect(workerExecArgv(['--import', 'tsx'])).toEqual([]);
    expect(workerExecArgv(['--loader=ts-node/esm'])).toEqual([]);
    expect(workerExecArgv(['-r', '@swc-node/register'])).toEqual([]);
  });

  it('keeps every other flag, with its value, in order', () => {
    const flags = ['--enable-source-maps', '-r', './instrument.js', '--max-old-space-size=4096', '-r', 'ts-node/register', '--require=dotenv/config', '--cpu-prof'];
    expect(workerExecArgv(flags)).toEqual(['--enable-source-maps', '-r', './instrument.js', '--max-old-space-size=4096', '--require=dotenv/config', '--cpu-prof']);
  });

  it('does not take a module whose name only contains a loader name for one', () => {
    expect(workerExecArgv(['-r', './my-ts-node-helpers.js', '-r', 'notsx'])).toEqual(['-r', './my-ts-node-helpers.js', '-r', 'notsx']);
  });

  it('keeps a trailing preload flag that has no value', () => {
    expect(workerExecArgv(['--trace-warnings', '-r'])).toEqual(['--trace-warnings', '-r']);
  });
});
