import { SEGMENTS } from "@evplan/core";
// The levers: one group per policy area, one control per lever (or per key of an indexed lever). On a phone or a
// narrow tablet the panel is a drawer over the page, opened from a button, so the headline figures come first.
import { memo } from "react";
import { LEVER_GROUPS } from "@evplan/core";
import type { Strings } from "./i18n";
import type { LeverInfo } from "./protocol";
import { labels, type Labels } from "./labels";
import { leverNumber, leverText } from "./format";

/** The groups in the order the data pack's schema declares them. */
export const GROUPS = LEVER_GROUPS;

export const LeverGroup = memo(function LeverGroup(props: {
  group: string;
  t: Strings;
  lang: "en" | "ur";
  levers: LeverInfo[];
  defaults: Record<string, number>;
  overrides: Record<string, number>;
  setLever: (s: string, v: number | null) => void;
  /** The preset's mode per segment (SEGMENTS order). */
  modes: readonly ("targets" | "market")[];
}) {
  const { group, t, levers, defaults, overrides, setLever, modes } = props;
  const L = labels(props.lang);
  // Indexed parameters show one control per key; group them under the parameter's label.
  const byParam = new Map<string, LeverInfo[]>();
  for (const l of levers) byParam.set(l.parameter, [...(byParam.get(l.parameter) ?? []), l]);
  if (byParam.size === 0) return null;
  const moved = levers.filter((l) => overrides[l.series] !== undefined).length;
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
            <div className="lever-head">
              <span className="lever-label" id={headId}>
                {name}
              </span>
              <details className="source">
                <summary title={ls[0].source}>
                  <span aria-hidden="true">i</span>
                  <span className="sr-only">{`${t.source}: ${name}`}</span>
                </summary>
                <div className="source-pop" lang="en" dir="ltr">
                  <p>{ls[0].description}</p>
                  <p>
                    <span className={`badge ${ls[0].provenance === "assumption" ? "assumption" : "sourced"}`}>
                      {ls[0].provenance === "assumption" ? "assumption" : "sourced"}
                    </span>{" "}
                    {ls[0].url ? (
                      <a href={ls[0].url} target="_blank" rel="noreferrer">
                        {ls[0].source}
                      </a>
                    ) : (
                      ls[0].source
                    )}
                  </p>
                  <p className="muted">
                    <code>{param}</code> · range {ls[0].min}–{ls[0].max} {ls[0].unit} · from {ls[0].fromYear}
                  </p>
                </div>
              </details>
            </div>
            <div className="lever-unit">{L.unit(ls[0].unit)}</div>
            {ls.map((l) => (
              <LeverRow
                key={l.series}
                lever={l}
                name={name}
                def={defaults[l.series] ?? l.min}
                value={overrides[l.series]}
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
});

/** One control; memoised so that moving one slider re-renders only that row. */
const LeverRow = memo(function LeverRow({
  lever: l,
  name,
  def,
  value: override,
  setLever,
  t,
  L,
  inactive,
}: {
  lever: LeverInfo;
  name: string;
  def: number;
  value: number | undefined;
  setLever: (s: string, v: number | null) => void;
  t: Strings;
  L: Labels;
  /** The mode in which this lever has no effect, if the preset runs in it. */
  inactive: "targets" | "market" | null;
}) {
  const moved = override !== undefined;
  const value = override ?? def;
  // The slider's grid starts at a step multiple below the default, so that the default (the value applied) is a
  // position the slider can take: the number shown and the thumb never disagree.
  const gridMin = Math.max(l.min, def - Math.floor((def - l.min) / l.step) * l.step);
  const human = l.key ? `${name}, ${L.key(l.key)}` : name;
  return (
    <label
      className={`lever-row${moved ? " moved" : ""}${l.key ? "" : " single"}`}
      title={`${t.default} ${leverText(def, l.unit, L)} · ${t.range} ${leverNumber(l.min, l.unit)}–${leverText(l.max, l.unit, L)} · ${t.fromYear} ${l.fromYear}`}
    >
      {l.key && <span className="lever-key">{L.key(l.key)}</span>}
      <input
        type="range"
        min={gridMin}
        max={l.max}
        step={l.step}
        value={value}
        disabled={inactive !== null}
        data-series={l.series}
        onChange={(e) => setLever(l.series, Number(e.target.value))}
        aria-label={human}
        aria-valuetext={`${leverText(value, l.unit, L)}${moved ? ` (${t.default} ${leverText(def, l.unit, L)})` : ""}`}
      />
      <output>
        <bdi>{leverNumber(value, l.unit)}</bdi>
      </output>
      {inactive && (
        <span className="lever-inactive" data-testid="lever-inactive">
          {inactive === "market" ? t.noEffectMarket : t.noEffectTargets}
        </span>
      )}
      <span className="lever-reset">
        {moved && (
          <button
            type="button"
            onClick={() => setLever(l.series, null)}
            aria-label={`${t.reset}: ${human}`}
            title={`${t.default}: ${leverText(def, l.unit, L)}`}
          >
            ↺
          </button>
        )}
      </span>
    </label>
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
