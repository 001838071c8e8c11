import { SEGMENTS } from "@evplan/core";
// The levers: one group per policy area, one control per lever (or per key of an indexed lever). On a phone or a
// narrow tablet the panel is a drawer over the page, opened from a button, so the headline figures come first.
import { memo, useState } from "react";
import { LEVER_GROUPS } from "@evplan/core";
import type { Strings } from "./i18n";
import type { LeverInfo } from "./protocol";
import { labels, type Labels } from "./labels";
import { leverNumber, leverText } from "./format";
import { YearTable } from "./YearTable";

/** A change to one lever: its slider value and its hand-set years; undefined keeps, null removes. */
export interface LeverChange {
  value?: number | null;
  years?: Record<number, number> | null;
}
const NO_PATH: Readonly<Record<number, number>> = {};

/** The groups in the order the data pack's schema declares them. */
export const GROUPS = LEVER_GROUPS;

type LeverGroupProps = {
  group: string;
  t: Strings;
  lang: "en" | "ur";
  levers: LeverInfo[];
  defaults: Record<string, number>;
  overrides: Record<string, number>;
  /** Years set by hand in a lever's year table (series -> year -> value). */
  years: Record<string, Record<number, number>>;
  setLever: (s: string, change: LeverChange) => void;
  /** The preset's mode per segment (SEGMENTS order). */
  modes: readonly ("targets" | "market")[];
  /** Each lever's display year, its dated path in the preset, and each moved lever's path as applied. */
  leverYears: Record<string, number>;
  paths: Record<string, Record<number, number>>;
  applied: Record<string, Record<number, number>>;
  endYear: number;
};

/** The maps keyed by lever series: a group depends only on its own levers' entries in them. */
const PER_SERIES = ["defaults", "overrides", "years", "leverYears", "paths", "applied"] as const;

/**
 * A group re-renders only when something it shows changed: the maps keyed by series (the slider values, the years
 * set by hand, the applied paths) are new objects on every move of any lever, so they are compared entry by entry
 * for this group's levers; every other prop by identity. Moving one slider re-renders its own group only.
 */
export function sameGroupProps(a: LeverGroupProps, b: LeverGroupProps): boolean {
  for (const k of Object.keys(a) as (keyof LeverGroupProps)[]) if (!(PER_SERIES as readonly string[]).includes(k) && a[k] !== b[k]) return false;
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  for (const k of PER_SERIES) {
    const x = a[k] as Record<string, unknown>;
    const y = b[k] as Record<string, unknown>;
    if (x === y) continue;
    for (const l of b.levers) if (x[l.series] !== y[l.series]) return false;
  }
  return true;
}

export const LeverGroup = memo(function LeverGroup(props: LeverGroupProps) {
  const { group, t, levers, defaults, overrides, years, setLever, modes } = props;
  const L = labels(props.lang);
  // Indexed parameters show one control per key; group them under the parameter's label.
  const byParam = new Map<string, LeverInfo[]>();
  for (const l of levers) byParam.set(l.parameter, [...(byParam.get(l.parameter) ?? []), l]);
  if (byParam.size === 0) return null;
  const moved = levers.filter((l) => overrides[l.series] !== undefined || years[l.series] !== undefined).length;
  return (
    <details className="lever-group" open={group === "incentives" || group === "taxes_levies"} data-group={group}>
      <summary>
        {t[group as keyof Strings]}
        <span className="group-count">{moved ? `${moved} ${t.changed}` : byParam.size}</span>
      </summary>
      {[...byParam.entries()].map(([param, ls]) => {
        const name = L.parameter(param, ls[0].label);
        const headId = `lever-${param.replace(/\./g, "-")}`;
        return (
          <div className="lever" key={param} role="group" aria-labelledby={headId}>
            <LeverHead param={param} lever={ls[0]} name={name} headId={headId} t={t} L={L} />
            {ls.map((l) => (
              <LeverRow
                key={l.series}
                lever={l}
                name={name}
                def={defaults[l.series] ?? l.min}
                value={overrides[l.series]}
                edits={years[l.series]}
                year={props.leverYears[l.series] ?? l.fromYear}
                policy={props.paths[l.series] ?? NO_PATH}
                applied={props.applied[l.series]}
                endYear={props.endYear}
                setLever={setLever}
                t={t}
                L={L}
                inactive={inactiveIn(l, modes)}
              />
            ))}
          </div>
        );
      })}
    </details>
  );
}, sameGroupProps);

/** A lever's name, its source popover and its unit: memoised, they change with the language only. */
const LeverHead = memo(function LeverHead({
  param,
  lever,
  name,
  headId,
  t,
  L,
}: {
  param: string;
  lever: LeverInfo;
  name: string;
  headId: string;
  t: Strings;
  L: Labels;
}) {
  return (
    <>
      <div className="lever-head">
        <span className="lever-label" id={headId}>
          {name}
        </span>
        <details className="source">
          <summary title={lever.source}>
            <span aria-hidden="true">i</span>
            <span className="sr-only">{`${t.source}: ${name}`}</span>
          </summary>
          <div className="source-pop" lang="en" dir="ltr">
            <p>{lever.description}</p>
            <p>
              <span className={`badge ${lever.provenance === "assumption" ? "assumption" : "sourced"}`}>
                {lever.provenance === "assumption" ? "assumption" : "sourced"}
              </span>{" "}
              {lever.url ? (
                <a href={lever.url} target="_blank" rel="noreferrer">
                  {lever.source}
                </a>
              ) : (
                lever.source
              )}
            </p>
            <p className="muted">
              <code>{param}</code> · range {lever.min}–{lever.max} {lever.unit} · from {lever.fromYear}
            </p>
          </div>
        </details>
      </div>
      <div className="lever-unit">{L.unit(lever.unit)}</div>
    </>
  );
});

/** One control and its year table; memoised so that moving one slider re-renders only that row. */
const LeverRow = memo(function LeverRow({
  lever: l,
  name,
  def,
  value: override,
  edits,
  year,
  policy,
  applied,
  endYear,
  setLever,
  t,
  L,
  inactive,
}: {
  lever: LeverInfo;
  name: string;
  def: number;
  value: number | undefined;
  edits: Record<number, number> | undefined;
  /** The display year: the value shown is the path's value in this year. */
  year: number;
  policy: Readonly<Record<number, number>>;
  applied: Readonly<Record<number, number>> | undefined;
  endYear: number;
  setLever: (s: string, change: LeverChange) => void;
  t: Strings;
  L: Labels;
  /** The mode in which this lever has no effect, if the preset runs in it. */
  inactive: "targets" | "market" | null;
}) {
  const [open, setOpen] = useState(false);
  const moved = override !== undefined || edits !== undefined;
  // The value shown is the value applied in the display year: a year set by hand there, else the slider's value.
  const value = edits?.[year] ?? override ?? def;
  // The slider's grid starts at a step multiple below the default, so that the default (the value applied) is a
  // position the slider can take: the number shown and the thumb never disagree.
  const gridMin = Math.max(l.min, def - Math.floor((def - l.min) / l.step) * l.step);
  const human = l.key ? `${name}, ${L.key(l.key)}` : name;
  const tableId = `years-${l.series.replace(/\./g, "-")}`;
  const clamp = (x: number) => Math.min(l.max, Math.max(l.min, x));
  // The slider scales the whole applied path, the years set by hand included, so that its value is the display
  // year's value: the scaling of the preset's path follows the same ratio.
  const slide = (v: number) => {
    const ratio = value !== 0 ? v / value : NaN;
    if (!edits || !Number.isFinite(ratio)) {
      const next = edits && year in edits ? { ...edits, [year]: v } : undefined;
      return setLever(l.series, { value: edits && year in edits ? clamp(override ?? def) : v, years: next });
    }
    const next: Record<number, number> = {};
    for (const [y, x] of Object.entries(edits)) next[Number(y)] = clamp(x * ratio);
    setLever(l.series, { value: clamp((override ?? def) * ratio), years: next });
  };
  return (
    <>
      <div
        className={`lever-row${moved ? " moved" : ""}${l.key ? "" : " single"}`}
        title={`${t.default} ${leverText(def, l.unit, L)} (${year}) · ${t.range} ${leverNumber(l.min, l.unit)}–${leverText(l.max, l.unit, L)} · ${t.fromYear} ${l.fromYear}`}
      >
        {l.key && (
          <span className="lever-key" aria-hidden="true">
            {L.key(l.key)}
          </span>
        )}
        <input
          type="range"
          min={gridMin}
          max={l.max}
          step={l.step}
          value={value}
          disabled={inactive !== null}
          data-series={l.series}
          onChange={(e) => slide(Number(e.target.value))}
          aria-label={human}
          aria-valuetext={`${leverText(value, l.unit, L)}, ${t.yearCol} ${year}${moved ? ` (${t.default} ${leverText(def, l.unit, L)})` : ""}`}
        />
        <output>
          <bdi>{leverNumber(value, l.unit)}</bdi>
        </output>
        <button
          type="button"
          className="year-toggle"
          aria-expanded={open}
          aria-controls={open ? tableId : undefined}
          onClick={() => setOpen((o) => !o)}
          aria-label={`${t.yearTable}: ${human}`}
          title={t.yearTable}
          data-testid="year-toggle"
          data-series={l.series}
          disabled={inactive !== null}
        >
          <span aria-hidden="true">{open ? "▴" : "▾"}</span>
        </button>
        <span className="lever-reset">
          {moved && (
            <button
              type="button"
              onClick={() => setLever(l.series, { value: null, years: null })}
              aria-label={`${t.reset}: ${human}`}
              title={`${t.default}: ${leverText(def, l.unit, L)}`}
            >
              ↺
            </button>
          )}
        </span>
        {inactive && (
          <span className="lever-inactive" data-testid="lever-inactive">
            {inactive === "market" ? t.noEffectMarket : t.noEffectTargets}
          </span>
        )}
      </div>
      {open && (
        <YearTable
          lever={l}
          human={human}
          policy={policy}
          applied={applied ?? policy}
          edits={edits}
          endYear={endYear}
          t={t}
          L={L}
          id={tableId}
          onEdits={(next) => setLever(l.series, { years: next })}
          onReset={() => setLever(l.series, { value: null, years: null })}
        />
      )}
    </>
  );
});

/**
 * The mode in which a lever does nothing, when the preset runs in it: a lever on one segment looks at that
 * segment's mode, a national one is inactive only if no segment runs in a mode it acts in.
 */
export function inactiveIn(l: LeverInfo, modes: readonly ("targets" | "market")[]): "targets" | "market" | null {
  const i = l.key ? (SEGMENTS as readonly string[]).indexOf(l.key) : -1;
  const relevant = i >= 0 ? [modes[i]] : modes;
  if (relevant.length === 0 || relevant.some((m) => l.actsIn.includes(m))) return null;
  return relevant[0];
}
