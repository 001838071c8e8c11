// The floor for the engine benchmark (bench/engine.mjs, issue 18): a bare typed-array loop doing the cell updates
// one engine run does, with the least arithmetic that could produce them, and nothing else.
//
// What one run of the floor does, for the same horizon, segments, powertrains and living vintages as the engine:
//
//  1. The vintage pass, every year, segment and powertrain: each vintage alive (from the newest to one year past
//     the segment's last living age, the engine's range) survives one more year (one multiply by a tabulated
//     survival ratio), and the stock, retirements, vehicle-km and the two km-weighted vintage factor sums that
//     energy needs are accumulated; the new vintage enters. This is the engine's inner loop, op for op: there is no
//     cheaper way to turn over a fleet by vintage.
//  2. Every output cell the engine writes in the year (it is given the exact list, found by running the engine into
//     a sentinel-filled buffer), written once from one parameter value times one state value: one load of the
//     parameter buffer at the year, one multiply, one store. Rows of segments and national rows are written in the
//     year; all-segment total rows are formed after the last year as sums of the segment rows, in contiguous loops
//     over the years (as the engine's `aggregate` does).
//
// What it leaves out, and why that makes it a floor rather than a strawman: buyers' costs, the logit and its
// budget fixed point, prices, charger sizing, the ledger's arithmetic, survival tables and vintage factors (given
// once, as if cached forever), zeroing the output (it writes only the cells that hold data). Every one of those is
// work the engine must do or avoid; the ratio engine / floor says how much of the engine's time is spent beyond
// the irreducible memory traffic and the inner loop. The floor allocates nothing per run.
//
// `run` is one evaluation (one parameter buffer into one output); bench/engine.mjs times the floor for a scenario
// plus its counterfactual (two runs) against the engine.

export class Floor {
  /**
   * @param {object} shape
   * @param {number} shape.nYears years in the horizon
   * @param {number} shape.nSeg segments
   * @param {number} shape.nPt powertrains
   * @param {number} shape.maxAge oldest age a vintage can reach
   * @param {number} shape.outputLength length of the engine's output buffer
   * @param {Int32Array} shape.yearRows rows (output offset / nYears) the engine writes year by year
   * @param {Int32Array} shape.totalRows all-segment total rows, formed after the years as sums of segment rows
   * @param {Int32Array} shape.totalParts for each total row, the first of its nSeg segment rows; segment rows of one
   *   total are `segStride` rows apart
   * @param {number} shape.segStride rows between the same (metric, breakdown) of consecutive segments
   * @param {Int32Array} shape.vktOffsets per segment, offset of the series of km per new vehicle in the parameter buffer
   * @param {Int32Array} shape.declineOffsets per segment, offset of the km decline series
   * @param {number} shape.nParamRows rows of series in the parameter buffer (cells read their value from row r % nParamRows)
   */
  constructor(shape) {
    const { nYears, nSeg, nPt, maxAge } = shape;
    this.T = nYears;
    this.nSeg = nSeg;
    this.nPt = nPt;
    this.maxAge = maxAge;
    this.nV = maxAge + nYears;
    this.yearRows = shape.yearRows;
    this.totalRows = shape.totalRows;
    this.totalParts = shape.totalParts;
    this.segStride = shape.segStride;
    this.vktOffsets = shape.vktOffsets;
    this.declineOffsets = shape.declineOffsets;
    // The parameter each written row reads: a fixed, spread-out choice of series (the engine reads dozens).
    this.rowParam = new Int32Array(this.yearRows.length);
    for (let i = 0; i < this.rowParam.length; i++) this.rowParam[i] = ((i * 7919) % shape.nParamRows) * nYears;
    this.stockV = new Float64Array(nSeg * nPt * this.nV);
    this.baseStockV = new Float64Array(nSeg * nPt * this.nV);
    this.feFactor = new Float64Array(nSeg * this.nV);
    this.evFactor = new Float64Array(nSeg * this.nV);
    for (let i = 0; i < this.feFactor.length; i++) {
      this.feFactor[i] = 1 + 0.001 * (i % 41);
      this.evFactor[i] = 1 - 0.001 * (i % 37);
    }
    this.survivalRatio = new Float64Array(nSeg * (maxAge + 2));
    this.lastAge = new Int32Array(nSeg);
    /** New vehicles by year, segment and powertrain: the vintage entering each year. */
    this.salesIn = new Float64Array(nYears * nSeg * nPt);
    /** Per segment and powertrain, this year's sums (the state later stages would read). */
    this.stock = new Float64Array(nSeg * nPt);
    this.retired = new Float64Array(nSeg * nPt);
    this.vkt = new Float64Array(nSeg * nPt);
    this.fuelKm = new Float64Array(nSeg * nPt);
    this.evKm = new Float64Array(nSeg * nPt);
    this.segValue = new Float64Array(nSeg + 1);
  }

  /**
   * The fleet the floor turns over, given once and never rebuilt by `run`: survival ratios S(a)/S(a-1) by segment
   * and age, the last living age of each segment, the base-year stock by segment, powertrain and vintage, and the
   * sales entering each year [(t * nSeg + s) * nPt + q] (the engine's own tables and results for the same
   * parameters, so that the floor skips exactly the empty vintages the engine skips).
   */
  setFleet(survivalRatio, lastAge, baseStockV, salesIn) {
    this.survivalRatio.set(survivalRatio);
    this.lastAge.set(lastAge);
    this.baseStockV.set(baseStockV);
    this.salesIn.set(salesIn);
  }

  /** One evaluation: parameter buffer `p` into output `out` (the engine's layout). Allocates nothing. */
  run(p, out) {
    const T = this.T;
    const nSeg = this.nSeg;
    const nPt = this.nPt;
    const nV = this.nV;
    const maxAge = this.maxAge;
    const ages = maxAge + 2;
    const stockV = this.stockV;
    const ratio = this.survivalRatio;
    const feF = this.feFactor;
    const evF = this.evFactor;
    const yearRows = this.yearRows;
    const rowParam = this.rowParam;
    const segValue = this.segValue;
    const salesIn = this.salesIn;
    const lastAge = this.lastAge;
    const vktOffsets = this.vktOffsets;
    const declineOffsets = this.declineOffsets;
    const stockSum = this.stock;
    const retiredSum = this.retired;
    const vktSum = this.vkt;
    const fuelKmSum = this.fuelKm;
    const evKmSum = this.evKm;
    stockV.set(this.baseStockV);
    for (let t = 0; t < T; t++) {
      const newest = maxAge + t;
      for (let s = 0; s < nSeg; s++) {
        const vkt0 = p[vktOffsets[s] + t];
        const keep = 1 - p[declineOffsets[s] + t];
        const oldest = Math.max(0, newest - lastAge[s] - 1);
        const fv = s * nV;
        let segStock = 0;
        for (let q = 0; q < nPt; q++) {
          const row = (s * nPt + q) * nV;
          let kmPerVeh = vkt0;
          let km = 0;
          let stock = 0;
          let retired = 0;
          let fuelKm = 0;
          let evKm = 0;
          if (t === 0) {
            // The base year: the stock as given, summed.
            for (let vi = newest; vi >= oldest; vi--) {
              const n = stockV[row + vi];
              if (n !== 0) {
                const k = n * kmPerVeh;
                km += k;
                stock += n;
                fuelKm += k * feF[fv + vi];
                evKm += k * evF[fv + vi];
              }
              kmPerVeh *= keep;
            }
          } else {
            const n0 = salesIn[(t * nSeg + s) * nPt + q];
            stockV[row + newest] = n0;
            km = n0 * kmPerVeh;
            stock = n0;
            fuelKm = km * feF[fv + newest];
            evKm = km * evF[fv + newest];
            for (let vi = newest - 1, at = s * ages + 1; vi >= oldest; vi--, at++) {
              kmPerVeh *= keep;
              const before = stockV[row + vi];
              if (before === 0) continue;
              const n = before * ratio[at];
              stockV[row + vi] = n;
              retired += before - n;
              const k = n * kmPerVeh;
              km += k;
              stock += n;
              fuelKm += k * feF[fv + vi];
              evKm += k * evF[fv + vi];
            }
          }
          const i = s * nPt + q;
          stockSum[i] = stock;
          retiredSum[i] = retired;
          vktSum[i] = km;
          fuelKmSum[i] = fuelKm;
          evKmSum[i] = evKm;
          segStock += stock;
        }
        segValue[s] = segStock;
      }
      segValue[nSeg] = segValue[0];
      // Every cell the engine writes in the year: one parameter value times one state value.
      for (let i = 0, k = 0; i < yearRows.length; i++, k = k === nSeg ? 0 : k + 1) out[yearRows[i] * T + t] = p[rowParam[i] + t] * segValue[k];
    }
    // All-segment totals: sums of the segment rows, contiguous over the years.
    const totals = this.totalRows;
    const parts = this.totalParts;
    const stride = this.segStride * T;
    for (let i = 0; i < totals.length; i++) {
      const dst = totals[i] * T;
      const src = parts[i] * T;
      for (let t = 0; t < T; t++) out[dst + t] = out[src + t];
      for (let s = 1; s < nSeg; s++) {
        const o = src + s * stride;
        for (let t = 0; t < T; t++) out[dst + t] += out[o + t];
      }
    }
  }
}
