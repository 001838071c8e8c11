// Messages between the page and the model worker. Results cross as transferred Float64Array buffers.
import type { BacktestResult, Headline, KeyFigure, LeverInfo, ParameterInfo, TargetResult, TornadoReport, UncertaintyReport } from "@evplan/core";

export type { LeverInfo, ParameterInfo };

export interface PresetInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly counterfactual: string | null;
}

export type Request =
  | { type: "init" }
  | { type: "run"; id: number; preset: string; overrides: Record<string, number>; years?: Record<string, Record<number, number>> }
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
  /** The headline figures with the scenario's targets (core views): the cards lay these out. */
  headlines: Headline[];
  /** Every lever's value in its display year in the preset (the controls' defaults), and that year. */
  leverDefaults: Record<string, number>;
  leverYears: Record<string, number>;
  /** Each moved series' dated path as applied: the exported YAML carries exactly this. */
  applied: Record<string, Record<number, number>>;
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
