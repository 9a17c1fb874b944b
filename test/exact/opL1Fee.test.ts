import { describe, expect, it } from 'vitest';
import { calldataGas, ecotoneL1Fee, fjordEstimatedSize, fjordL1Fee, fjordL1FeeUpperBound, type L1FeeInputs } from '../../src/exact/opL1Fee';

// ethereum-optimism/optimism packages/contracts-bedrock/test/L2/GasPriceOracle.t.sol: L1 base fee 2·10^6 wei,
// blob base fee 3·10^6 wei, base fee scalar 20, blob base fee scalar 15.
const inputs: L1FeeInputs = { l1BaseFee: 2_000_000n, blobBaseFee: 3_000_000n, baseFeeScalar: 20n, blobBaseFeeScalar: 15n };

describe('Ecotone L1 fee against GasPriceOracleEcotone_Test.test_getL1Fee_succeeds', () => {
  it('0x0000010203 (2 zero, 3 other bytes) uses (2·4) + (3·16) + 68·16 = 1144 calldata gas', () => {
    expect(calldataGas(2n, 3n)).toBe(1144n);
  });
  it('and costs ⌊1144 · (2M·16·20 + 3M·15) / 16M⌋ = 48977 wei (48977.5 floored)', () => {
    expect(ecotoneL1Fee(1144n, inputs)).toBe(48_977n);
  });
});

describe('Fjord L1 fee against GasPriceOracleFjordActive_Test', () => {
  it('a FastLZ size of 74 bytes is under the 100-byte minimum: 100·10^6 · (20·16·2M + 3M·15) / 10^12 = 68500 wei', () => {
    expect(fjordEstimatedSize(74n)).toBe(100_000_000n);
    expect(fjordL1Fee(74n, inputs)).toBe(68_500n);
  });
  it("the upper bound of the 5-byte transaction (FastLZ bound 89) is also at the minimum: 68500 wei", () => {
    expect(fjordL1FeeUpperBound(5n, inputs)).toBe(68_500n);
  });
  it('the regression transaction (FastLZ size 235) estimates −42.5856 + 235 · 0.8365 = 153.9919 bytes and costs 105484 wei', () => {
    expect(fjordEstimatedSize(235n)).toBe(153_991_900n);
    expect(fjordL1Fee(235n, inputs)).toBe(105_484n);
  });
  it('its 161-byte unsigned upper bound, (161 + 68) + 229/255 + 16 = 245 bytes, costs 111214 wei', () => {
    expect(fjordL1FeeUpperBound(161n, inputs)).toBe(111_214n);
  });
});
