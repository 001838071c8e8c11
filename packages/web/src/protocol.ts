// Messages between the page and the model worker. Results cross as transferred Float64Array buffers.
import type { BacktestResult, KeyFigure, TargetResult, TornadoReport, UncertaintyReport } from "@evplan/core";

export interface LeverInfo {
  /** Series name the control sets (`policy.subsidy_scale`, `policy.subsidy_per_vehicle.two_wheeler`). */
  readonly series: string;
  readonly parameter: string;
  readonly key?: string;
  readonly label: string;
  readonly unit: string;
  readonly group: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly fromYear: number;
  readonly description: string;
  readonly source: string;
  readonly url?: string;
  readonly provenance: "sourced" | "assumption" | "sourced+assumption";
}

export interface ParameterInfo {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly index?: string;
  /** One line per series (per index key), each with its dated values. */
  readonly values: readonly string[];
  readonly provenance: "sourced" | "assumption" | "sourced+assumption";
  readonly references: readonly { title: string; publisher: string; date: string; url?: string }[];
  readonly assumption?: string;
  readonly description: string;
  readonly file: string;
}

export interface PresetInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly counterfactual: string | null;
}

export type Request =
  | { type: "init" }
  | { type: "run"; id: number; preset: string; overrides: Record<string, number> }
  | { type: "uncertainty"; id: number; preset: string; overrides: Record<string, number>; samples: number }
  | { type: "backtest"; id: number; text?: string; file?: string; region?: string; mode?: string; fitUntil: number };

export interface UncertaintyReply {
  type: "uncertainty";
  id: number;
  report: UncertaintyReport;
  tornado: TornadoReport;
}

export interface BacktestReply {
  type: "backtest";
  id: number;
  series: { region: string; mode: string; years: number[] }[];
  result: BacktestResult | null;
}

export interface InitReply {
  type: "init";
  levers: LeverInfo[];
  parameters: ParameterInfo[];
  presets: PresetInfo[];
}

export interface RunReply {
  type: "run";
  id: number;
  baseYear: number;
  nYears: number;
  main: Float64Array;
  counterfactual: Float64Array | null;
  counterfactualName: string | null;
  targets: TargetResult[];
  figures: KeyFigure[];
  /** Values of every lever's series at its year in the preset, for the controls' defaults. */
  leverDefaults: Record<string, number>;
  /** Installed grid capacity (MW) by year, for the peak-load chart. */
  gridCapacity: number[];
  millis: number;
}

export interface ErrorReply {
  type: "error";
  id?: number;
  message: string;
}

export type Reply = InitReply | RunReply | UncertaintyReply | BacktestReply | ErrorReply;
