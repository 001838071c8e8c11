// Base-year calibration report: the model's active fleet beside the registered counts of each national category,
// its road petrol and diesel beside the oil companies' sales, its sales beside PAMA's, with the differences stated.
// Every row carries the band of model/reference that the evidence allows, and the reason for it.
import { SEGMENTS, type Segment } from "../domain.js";
import { SEGMENT_LABELS } from "../views/labels.js";
import type { Registry } from "../registry/registry.js";
import type { RunResult } from "./model.js";
import { metricValue } from "./read.js";

export interface CalibrationRow {
  readonly item: string;
  readonly model: number;
  readonly reference: number;
  readonly unit: string;
  /** (model - reference) / reference */
  readonly difference: number;
  /** The acceptable range of model / reference, [low, high]; the reason is in `note`. */
  readonly band: readonly [number, number];
  readonly note: string;
}

/** Is the row's model/reference ratio inside its band? */
export function withinBand(r: CalibrationRow): boolean {
  const ratio = r.model / r.reference;
  return Number.isFinite(ratio) && ratio >= r.band[0] && ratio <= r.band[1];
}

function valueOf(registry: Registry, name: string): { value: number; year: number } {
  const s = registry.series.get(name);
  if (!s) throw new Error(`calibration needs parameter ${name}`);
  return { value: s.values[s.values.length - 1], year: s.years[s.years.length - 1] };
}

function baseValue(registry: Registry, name: string): number {
  const s = registry.series.get(name);
  if (!s) throw new Error(`calibration needs parameter ${name}`);
  return s.values[0];
}

// Why each band is what it is. Registrations are cumulative (scrapped vehicles stay on the books) and dated
// before the base year, while the fleet kept growing: the active fleet in mid-2025 can lie on either side of an
// older cumulative count, but not far above it.
const REGISTERED =
  "registrations are cumulative and include scrapped vehicles, but are dated before the base year while the fleet grew; band: at least 0.6 (at most 40% scrapped or unregistered-out)";

/** PAMA members' share of the market, from the evidence in sales.market_coverage and docs/calibration.md. */
const SALES_BANDS: Record<Segment, { band: [number, number]; why: string }> = {
  two_wheeler: {
    band: [1.2, 1.6],
    why: "whole market vs PAMA members: PBS counted 2.83 m motorcycles made in FY2018 against PAMA's about 1.9 m (1.49), the assemblers' association about 1.3 m in FY2010 against PAMA's 0.74 m (1.76)",
  },
  three_wheeler: { band: [1.5, 3], why: "whole market vs PAMA members: loaders and non-member rickshaw makers; no count found" },
  car: {
    band: [1.05, 1.35],
    why: "whole market vs PAMA members: imported used and reconditioned cars (about 75,000 in FY2018, ProPakistani/Jang 2019) and non-member assemblers",
  },
  lcv: { band: [1, 1.6], why: "whole market vs PAMA members: imported vans and pickups, non-member assemblers" },
  bus: {
    band: [4, 20],
    why: "whole market vs PAMA members: PAMA counts large buses only; minibuses, coasters and passenger wagons (the PBS bus category) are imported, bodied on truck chassis or counted as cars (Bolan)",
  },
  truck: { band: [1.5, 4], why: "whole market vs PAMA members: trucks bodied outside PAMA and imported used trucks" },
};

export function baseYearCalibration(registry: Registry, r: RunResult): CalibrationRow[] {
  const y = r.scenario.baseYear;
  const stock = (s: string) => metricValue(r, "stock", s, y);
  const row = (item: string, model: number, ref: { value: number; year: number }, unit: string, band: [number, number], note: string): CalibrationRow => ({
    item,
    model,
    reference: ref.value,
    unit,
    difference: ref.value !== 0 ? (model - ref.value) / ref.value : NaN,
    band,
    note: `${note} (reference value for ${ref.year})`,
  });
  const density = (fuel: string) => valueOf(registry, `energy.density_${fuel}`).value;
  const petrolMt = (metricValue(r, "fuel_use", "total", y, "petrol") * density("petrol")) / 1e9;
  const dieselMt = (metricValue(r, "fuel_use", "total", y, "diesel") * density("diesel")) / 1e9;
  const mt = petrolMt + dieselMt;
  const transport = valueOf(registry, "calibration.road_petroleum_use");
  const roadShare = valueOf(registry, "calibration.road_share_of_transport_petroleum");
  const diesel = valueOf(registry, "calibration.diesel_sales");
  const nonRoad = valueOf(registry, "calibration.diesel_non_road_share").value;
  const rows: CalibrationRow[] = [
    row(
      "motorcycles in use",
      stock("two_wheeler"),
      valueOf(registry, "calibration.registered_motorcycles"),
      "vehicles",
      [0.6, 1.2],
      `${REGISTERED}; at most 1.2 because about 2 m motorcycles a year were registered after Sept 2022`,
    ),
    row(
      "three-wheelers in use",
      stock("three_wheeler"),
      valueOf(registry, "calibration.registered_three_wheelers"),
      "vehicles",
      [0.5, 1.2],
      `${REGISTERED} (0.5 for rickshaws, which are scrapped faster); at most 1.2 for the registrations after Sept 2022`,
    ),
    row(
      "cars and LCVs in use",
      stock("car") + stock("lcv"),
      valueOf(registry, "calibration.registered_four_wheelers"),
      "vehicles",
      [0.6, 1.15],
      `${REGISTERED}; at most 1.15 for the registrations after Sept 2022 (about 0.2 m a year)`,
    ),
    row(
      "buses in use (PBS category)",
      stock("bus"),
      valueOf(registry, "calibration.registered_buses"),
      "vehicles",
      [0.4, 1.1],
      "the bus segment stands for the PBS bus category (buses, minibuses, coasters and passenger wagons); registrations are cumulative and seven years old; band: at least 0.4 (old buses and wagons are scrapped or re-registered as goods vehicles) and at most 1.1",
    ),
    row(
      "trucks in use (excl. mini)",
      stock("truck"),
      valueOf(registry, "calibration.registered_trucks"),
      "vehicles",
      [0.5, 1.05],
      "mini trucks (103,257) are LCVs; 46% of the registered trucks are 1990 or older models, many no longer in use; band: at least 0.5, at most 1.05 (the count is 18 months older than the base year)",
    ),
    row(
      "all vehicles in use",
      stock("total"),
      valueOf(registry, "calibration.registered_total"),
      "vehicles",
      [0.55, 1.1],
      `${REGISTERED}; the total also counts tractors and other vehicles outside the model's segments, hence 0.55`,
    ),
    row(
      "road petrol vs petrol sales",
      petrolMt,
      valueOf(registry, "calibration.petrol_sales"),
      "Mt/year",
      [0.9, 1.1],
      "OCAC petrol sales; almost all petrol is burnt on the road; band: within 10%",
    ),
    row(
      "road diesel vs road diesel sales",
      dieselMt,
      { value: diesel.value * (1 - nonRoad), year: diesel.year },
      "Mt/year",
      [0.9, 1.1],
      `OCAC high-speed diesel sales ${diesel.value} Mt times the road share ${Math.round((1 - nonRoad) * 100) / 100} (calibration.diesel_non_road_share: agriculture, rail, industry, power); band: within 10%`,
    ),
    row(
      "road fuel vs all transport",
      mt,
      transport,
      "Mt/year",
      [0.85, 1.05],
      "the Economic Survey's transport figure also covers rail and other non-road transport, so road use should be somewhat lower",
    ),
    row(
      "road fuel vs road transport",
      mt,
      { value: transport.value * roadShare.value, year: transport.year },
      "Mt/year",
      [0.9, 1.1],
      `all transport times road's share of it (${roadShare.value} in H1 FY${roadShare.year}); the closest published figure for road alone; it books diesel bought at pumps for tractors to road, so the model may be somewhat lower`,
    ),
  ];
  for (const s of ["car", "bus", "truck"] as const) {
    const hao = valueOf(registry, `calibration.hao_survival_scale_${s}`);
    rows.push(
      row(
        `${SEGMENT_LABELS[s]}: survival scale vs Hao`,
        baseValue(registry, `fleet.survival_lambda.${s}`),
        hao,
        "years",
        [1, 2.5],
        "Hao et al. fitted China under compulsory retirement (fixed service lives), which Pakistan does not have, so the pack's scale is longer; calibrated against the registered fleet (rows above); band: no shorter than China's, at most 2.5 times",
      ),
    );
  }
  for (const s of SEGMENTS) {
    const pama = baseValue(registry, `sales.base_year.${s}`);
    const { band, why } = SALES_BANDS[s];
    rows.push(row(`${SEGMENT_LABELS[s]} sold vs PAMA`, metricValue(r, "sales", s, y), { value: pama, year: y }, "vehicles/year", band, why));
  }
  return rows;
}
