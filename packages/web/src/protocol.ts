// Messages between the page and the model worker. Results cross as transferred Float64Array buffers.
import type {
  BacktestResult,
  ChangeDecomposition,
  Headline,
  KeyFigure,
  LeverInfo,
  ParameterInfo,
  PolicyEvent,
  SettingDifference,
  TargetResult,
  TornadoReport,
  UncertaintyReport,
  WhatItTakes,
} from "@evplan/core";

export type { LeverInfo, ParameterInfo };

export interface PresetInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly counterfactual: string | null;
  /** Each segment's mode, in the order of SEGMENTS: a lever that acts in the other mode only is shown disabled. */
  readonly modes: readonly ("targets" | "market")[];
  /** The last year the preset runs: a year table (and a link's year settings) goes no further. */
  readonly endYear: number;
}

/** A scenario from outside the bundle (`evplan brief my-scenario.yaml`): parsed YAML, added before the presets load. */
export interface ExtraScenario {
  readonly name: string;
  readonly file: string;
  readonly data: Record<string, unknown>;
}

export type Request =
  /**
   * The catalogue. `preset`: the preset the page will run first (the link's, from the page's first script), whose
   * compiled form the worker starts reading at once; the default preset's when absent.
   */
  | { type: "init"; extra?: ExtraScenario[]; preset?: string }
  | {
      type: "run";
      id: number;
      preset: string;
      overrides: Record<string, number>;
      years?: YearEdits;
      /** The counterfactual runs the page holds (`RunReply.counterfactualKey`): the worker does not send them again. */
      counterfactuals?: string[];
    }
  /** The page has finished loading: run the slider's code a few times for this setting (no reply). */
  | { type: "warm"; preset: string; overrides: Record<string, number>; years?: YearEdits }
  /** Output buffers of replies the page has dropped, for the worker's next runs to write into. */
  | { type: "release"; buffers: ArrayBuffer[] }
  | { type: "uncertainty"; id: number; preset: string; overrides: Record<string, number>; years?: YearEdits; samples: number }
  | { type: "backtest"; id: number; text?: string; file?: string; region?: string; mode?: string; fitUntil: number }
  | { type: "analysis"; id: number; preset: string; overrides: Record<string, number>; years?: YearEdits; samples: number }
  /** The settings moved: the first-screen answers asked for up to this request id are not wanted (no reply). */
  | { type: "cancel-analysis"; upTo: number }
  | {
      type: "decompose";
      id: number;
      preset: string;
      overrides: Record<string, number>;
      years?: YearEdits;
      fromPreset: string;
      fromOverrides: Record<string, number>;
    };

/** Single years set in a lever's year table, applied after the slider's scaling (series -> year -> value). */
export type YearEdits = Record<string, Record<number, number>>;

/** The probability that a target is met, over the Monte Carlo samples. */
export interface TargetProbability {
  readonly metric: string;
  readonly segment: string;
  readonly year: number;
  readonly target: number;
  readonly label: string;
  readonly probability: number;
}

/** Background answers for the first screen: what it takes to reach 30% in 2030, and how sure the targets are. */
export interface AnalysisReply {
  type: "analysis";
  id: number;
  whatItTakes: WhatItTakes;
  probabilities: TargetProbability[];
  samples: number;
  /** The settings that differ from the reference scenario, with sources (Settings sheet, brief). */
  differences: SettingDifference[];
  millis: number;
}

export interface DecomposeReply {
  type: "decompose";
  id: number;
  decomposition: ChangeDecomposition;
  /** The data pack's label of each factor (parameter), for the chart and exports. */
  factorLabels: Record<string, string>;
}

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

/** What a preset's controls show: they depend on the preset only, not on the levers moved. */
export interface PresetLevers {
  /** Every lever's value in its display year in the preset (the controls' defaults), and that year. */
  leverDefaults: Record<string, number>;
  leverYears: Record<string, number>;
  /** Every lever's dated path in the preset from its first year (the year table's "policy" column). */
  leverPaths: Record<string, Record<number, number>>;
}

export interface RunReply extends PresetLevers {
  type: "run";
  id: number;
  baseYear: number;
  nYears: number;
  main: Float64Array;
  counterfactual: Float64Array | null;
  counterfactualName: string | null;
  /**
   * Which counterfactual run this is (the preset, its counterfactual and the context levers it ran under): the
   * worker sends each such run to the page once and the page's client fills `counterfactual` in from its copy.
   * A reply that arrives with `counterfactual` null and a key names a run the page already holds.
   */
  counterfactualKey: string | null;
  targets: TargetResult[];
  figures: KeyFigure[];
  /** The headline figures with the scenario's targets (core views): the cards lay these out. */
  headlines: Headline[];
  /** Each moved series' dated path as applied: the exported YAML carries exactly this. */
  applied: Record<string, Record<number, number>>;
  /** Installed grid capacity (MW) by year, for the peak-load chart. */
  gridCapacity: number[];
  /** Years a policy switches (subsidy end, levy start), for the chart annotations. */
  events: PolicyEvent[];
  millis: number;
}

export interface ErrorReply {
  type: "error";
  id?: number;
  message: string;
}

export type Reply = InitReply | RunReply | UncertaintyReply | BacktestReply | AnalysisReply | DecomposeReply | ErrorReply;
