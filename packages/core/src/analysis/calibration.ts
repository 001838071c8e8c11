// Base-year calibration report: the model's active fleet beside the registered counts, and its road fuel use
// beside the Economic Survey's transport petroleum figure, with the differences stated.
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
  readonly note: string;
}

function valueOf(registry: Registry, name: string): { value: number; year: number } {
  const s = registry.series.get(name);
  if (!s) throw new Error(`calibration needs parameter ${name}`);
  return { value: s.values[s.values.length - 1], year: s.years[s.years.length - 1] };
}

export function baseYearCalibration(registry: Registry, r: RunResult): CalibrationRow[] {
  const y = r.scenario.baseYear;
  const stock = (s: string) => metricValue(r, "stock", s, y);
  const row = (item: string, model: number, ref: { value: number; year: number }, unit: string, note: string): CalibrationRow => ({
    item,
    model,
    reference: ref.value,
    unit,
    difference: ref.value !== 0 ? (model - ref.value) / ref.value : NaN,
    note: `${note} (reference value for ${ref.year})`,
  });
  const cumulativeNote = "registrations are cumulative and include scrapped vehicles, so the active fleet should be lower";
  const density = (fuel: string) => valueOf(registry, `energy.density_${fuel}`).value;
  const petrolL = metricValue(r, "fuel_use", "total", y, "petrol");
  const dieselL = metricValue(r, "fuel_use", "total", y, "diesel");
  const mt = (petrolL * density("petrol") + dieselL * density("diesel")) / 1e9;
  const transport = valueOf(registry, "calibration.road_petroleum_use");
  const roadShare = valueOf(registry, "calibration.road_share_of_transport_petroleum");
  return [
    row("motorcycles and scooters in use", stock("two_wheeler"), valueOf(registry, "calibration.registered_motorcycles"), "vehicles", cumulativeNote),
    row("three-wheelers in use", stock("three_wheeler"), valueOf(registry, "calibration.registered_three_wheelers"), "vehicles", cumulativeNote),
    row(
      "four-wheelers in use (cars, LCVs)",
      stock("car") + stock("lcv"),
      valueOf(registry, "calibration.registered_four_wheelers"),
      "vehicles",
      cumulativeNote,
    ),
    row("all road vehicles in use", stock("total"), valueOf(registry, "calibration.registered_total"), "vehicles", cumulativeNote),
    row(
      "road petrol and diesel use vs all transport",
      mt,
      transport,
      "Mt/year",
      "the Economic Survey's transport figure also covers rail and other non-road transport, so road use should be somewhat lower",
    ),
    row(
      "road petrol and diesel use vs road alone",
      mt,
      { value: transport.value * roadShare.value, year: transport.year },
      "Mt/year",
      `all transport times road's share of it (${roadShare.value} in H1 FY${roadShare.year}); the closest published figure for road alone`,
    ),
  ];
}
