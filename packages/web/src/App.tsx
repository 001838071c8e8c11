// The planner: levers on the left, headline figures and charts on the right, sources one click away.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { ModelClient } from "./client";
import { Chart, type BoardLink } from "./Chart";
import { ChartBoard } from "./board";
import { CHARTS, missingMetrics, type Comparison } from "./charts";
import { STRINGS, type Strings } from "./i18n";
import { LEVER_GROUPS, type Headline } from "@evplan/core";
import type { InitReply, LeverInfo, RunReply } from "./protocol";
import { DEFAULT_STATE, parseState, readCheckedState, writeState, type StateNotice, type ViewState } from "./state";
import { LinkNotice } from "./Notice";
import { fmtCompact, fmtNumber, fmtPct } from "./format";
import { exportCsv, exportXlsx, exportYaml } from "./exports";
import { Assumptions } from "./Assumptions";
import { Uncertainty } from "./Uncertainty";
import { Backtest } from "./Backtest";
import { SavedScenarios } from "./SavedScenarios";
import { mark } from "./perf";

const client = new ModelClient();
const GROUPS = LEVER_GROUPS;

declare global {
  interface Window {
    /** Counters for the tests and the latency benchmark: runs received, complete updates (every chart drawn with a new run). */
    __evplan?: { runs: number; updates: number; lastRunMs: number; lastUpdateMs: number; state: ViewState };
  }
}

export function App() {
  const [init, setInit] = useState<InitReply | null>(null);
  const [state, setState] = useState<ViewState>(() => parseState(location.hash).state);
  // What the link asked for that could not be applied (unknown scenario or lever, out of range, malformed).
  const [notices, setNotices] = useState<readonly StateNotice[]>([]);
  const [result, setResult] = useState<RunReply | null>(null);
  const [compare, setCompare] = useState<RunReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t: Strings = STRINGS[state.lang];
  const started = useRef(0);

  useEffect(() => {
    let catalog: InitReply | null = null;
    // The link is checked against the presets and levers the worker offers before the first run asks for it.
    const fromLink = () => {
      if (!catalog) return;
      const r = readCheckedState(location.hash, catalog);
      setState(r.state);
      setNotices(r.notices);
    };
    client.init().then((i) => {
      catalog = i;
      fromLink();
      setInit(i);
    });
    const onHash = fromLink;
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  // State -> URL, language and direction.
  useEffect(() => {
    // The URL follows after a pause: replaceState costs about a millisecond, too much for every slider step.
    const hash = writeState(state);
    // Not before the link has been read and checked (on init): the link itself must not be overwritten first.
    const urlTimer = setTimeout(() => {
      if (init && location.hash !== hash) history.replaceState(null, "", hash);
    }, 120);
    // Only on a change: writing the root's attributes invalidates the style of the whole page.
    const root = document.documentElement;
    if (root.lang !== state.lang) root.lang = state.lang;
    const dir = state.lang === "ur" ? "rtl" : "ltr";
    if (root.dir !== dir) root.dir = dir;
    (window.__evplan ??= { runs: 0, updates: 0, lastRunMs: 0, lastUpdateMs: 0, state }).state = state;
    return () => clearTimeout(urlTimer);
  }, [state, init]);

  // State -> model run (the newest request wins).
  const latest = useRef(0);
  useEffect(() => {
    if (!init) return;
    const ticket = ++latest.current;
    mark("request");
    started.current = performance.now();
    client
      .run(state.preset, state.overrides)
      .then((r) => {
        mark("reply");
        if (ticket !== latest.current) return;
        // Render and draw every chart in this task: no scheduler hop, no extra frame.
        flushSync(() => {
          setError(null);
          setResult(r);
        });
        if (window.__evplan) {
          window.__evplan.runs++;
          window.__evplan.lastRunMs = r.millis;
        }
      })
      .catch((e: Error) => setError(e.message));
  }, [init, state.preset, state.overrides]);

  useEffect(() => {
    if (!init || !state.compare) return setCompare(null);
    client.run(state.compare, {}).then(setCompare, (e: Error) => setError(e.message));
  }, [init, state.compare]);

  const update = (patch: Partial<ViewState>) => setState((s) => ({ ...s, ...patch }));
  const setLever = useCallback(
    (series: string, value: number | null) =>
      setState((s) => {
        const overrides = { ...s.overrides };
        if (value === null) delete overrides[series];
        else overrides[series] = value;
        return { ...s, overrides };
      }),
    [],
  );
  // Lever defaults depend on the preset only: keep the same object while the preset stays, so the levers panel
  // does not re-render on every run.
  const defaultsKey = result ? JSON.stringify(result.leverDefaults) : "";
  const leverDefaults = useMemo(() => result?.leverDefaults ?? null, [defaultsKey]);
  const leversByGroup = useMemo(() => Object.fromEntries(GROUPS.map((g) => [g, init?.levers.filter((l) => l.group === g) ?? []])), [init]);

  const preset = init?.presets.find((p) => p.name === state.preset);
  const comparison: Comparison | null = useMemo(() => (compare && state.compare ? { name: state.compare, run: compare } : null), [compare, state.compare]);
  const options = useMemo(
    () => (result ? Object.fromEntries(CHARTS.map((c) => [c.id, missingMetrics(c).length ? null : c.build(result, comparison)])) : null),
    [result, comparison],
  );

  // Every result chart is drawn by one board laid over the figures (board.ts); an update is complete when it has
  // drawn, in the task that brought the run.
  const chartsBox = useRef<HTMLDivElement>(null);
  const board = useRef<ChartBoard | null>(null);
  const [hiddenSeries, setHiddenSeries] = useState<Readonly<Record<string, ReadonlySet<string>>>>({});
  const redraw = useRef(() => {});
  redraw.current = () => options && board.current?.draw(options, hiddenSeries);
  const boardLink = useMemo<BoardLink>(
    () => ({
      pointer: (kind, x, y) => board.current?.pointer(kind, x, y),
      toggle: (id, name) =>
        setHiddenSeries((h) => {
          const off = new Set(h[id]);
          if (off.has(name)) off.delete(name);
          else off.add(name);
          return { ...h, [id]: off };
        }),
    }),
    [],
  );
  useLayoutEffect(() => {
    const box = chartsBox.current!;
    const b = new ChartBoard(box);
    board.current = b;
    b.measure();
    // The boxes move when the window, a legend or the language changes: measure again, and redraw if they moved.
    const ro = new ResizeObserver(() => b.measure() && redraw.current());
    ro.observe(box);
    for (const figure of box.querySelectorAll("figure")) ro.observe(figure);
    return () => {
      ro.disconnect();
      b.dispose();
      board.current = null;
    };
  }, []);
  useLayoutEffect(() => {
    if (!options || !board.current) return;
    board.current.draw(options, hiddenSeries);
    if (!window.__evplan) return;
    mark("all charts");
    window.__evplan.updates++;
    window.__evplan.lastUpdateMs = performance.now() - started.current;
    window.__evplanOnUpdate?.();
  }, [options, hiddenSeries]);
  const [copied, setCopied] = useState(false);

  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <div className="brand">
            <h1>
              <span className="logo" aria-hidden="true" />
              {t.title}
            </h1>
            <p>{t.tagline}</p>
          </div>
          <div className="controls">
            <label>
              {t.preset}
              <select value={state.preset} onChange={(e) => update({ preset: e.target.value, overrides: {} })} data-testid="preset">
                {init?.presets.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.compareWith}
              <select value={state.compare} onChange={(e) => update({ compare: e.target.value })} data-testid="compare">
                <option value="">{t.none}</option>
                {init?.presets.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => update({ overrides: {} })} data-testid="reset">
              {t.reset}
            </button>
            <button
              type="button"
              onClick={() => {
                navigator.clipboard?.writeText(location.href.split("#")[0] + writeState(state)).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
                setTimeout(() => setCopied(false), 2000);
              }}
              data-testid="share"
            >
              {copied ? t.copied : t.share}
            </button>
            <button type="button" onClick={() => update({ lang: state.lang === "en" ? "ur" : "en" })} data-testid="lang">
              {t.language}
            </button>
          </div>
        </div>
      </header>
      <div className="app">
        <p className="question">{t.subtitle}</p>
        {preset && (
          <details className="scenario-line">
            <summary>
              <strong>{preset.title}</strong>
              {preset.counterfactual && (
                <span>
                  {" "}
                  · {t.counterfactual}: {preset.counterfactual}
                </span>
              )}
              <span className="more"> · {t.about}</span>
            </summary>
            <p>{preset.description}</p>
          </details>
        )}
        {error && <pre className="error">{error}</pre>}
        <LinkNotice notices={notices} lang={state.lang} onDismiss={() => setNotices([])} />
        <main className="layout">
          <aside className="levers" aria-label={t.levers}>
            <h2>{t.levers}</h2>
            <p className="hint">{t.levers_hint}</p>
            {init &&
              leverDefaults &&
              GROUPS.map((g) => (
                <LeverGroup key={g} group={g} t={t} levers={leversByGroup[g]} defaults={leverDefaults} overrides={state.overrides} setLever={setLever} />
              ))}
          </aside>
          <section className="results">
            {result ? <Headlines r={result} compare={comparison?.run ?? null} compareName={state.compare} t={t} /> : <p className="loading">{t.computing}</p>}
            <div className="exports">
              <span>{t.exports}:</span>
              <button type="button" disabled={!result} onClick={() => result && exportCsv(result, state)} data-testid="export-csv">
                {t.exportCsv}
              </button>
              <button type="button" disabled={!result} onClick={() => result && exportXlsx(result, state)} data-testid="export-xlsx">
                {t.exportXlsx}
              </button>
              <button
                type="button"
                disabled={!init}
                onClick={() => result && exportYaml(state, result.applied, preset?.counterfactual ?? null)}
                data-testid="export-yaml"
              >
                {t.exportYaml}
              </button>
              {result && (
                <span className="timing" data-testid="timing">
                  {t.modelTime}: {fmtNumber(result.millis, 1)} ms
                </span>
              )}
            </div>
            <SavedScenarios init={init} state={state} applied={result?.applied ?? null} counterfactual={preset?.counterfactual ?? null} onOpen={setState} />
            <h2>{t.charts}</h2>
            <div className="charts" ref={chartsBox}>
              {CHARTS.map((c) => {
                const missing = missingMetrics(c);
                return (
                  <Chart
                    key={c.id}
                    id={c.id}
                    title={t[c.title]}
                    unit={c.unit}
                    option={(options?.[c.id] as never) ?? null}
                    placeholder={missing.length ? `${t.notYet}: ${missing.join(", ")}` : null}
                    docAnchor={c.doc}
                    methodLabel={t.method}
                    pngLabel={t.exportPng}
                    svgLabel={t.exportSvg}
                    board={boardLink}
                  />
                );
              })}
            </div>
            {init && <Uncertainty client={client} state={state} t={t} />}
            {init && <Backtest client={client} t={t} />}
            {init && <Assumptions parameters={init.parameters} t={t} />}
          </section>
        </main>
        <footer>{t.footer}</footer>
      </div>
    </>
  );
}

const LeverGroup = memo(function LeverGroup(props: {
  group: string;
  t: Strings;
  levers: LeverInfo[];
  defaults: Record<string, number>;
  overrides: Record<string, number>;
  setLever: (s: string, v: number | null) => void;
}) {
  const { group, t, levers, defaults, overrides, setLever } = props;
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
      {[...byParam.entries()].map(([param, ls]) => (
        <div className="lever" key={param}>
          <div className="lever-head">
            <span className="lever-label">{ls[0].label}</span>
            <details className="source">
              <summary title={ls[0].source} aria-label={t.source}>
                i
              </summary>
              <div className="source-pop">
                <p>{ls[0].description}</p>
                <p>
                  <span className={`badge ${ls[0].provenance === "assumption" ? "assumption" : "sourced"}`}>
                    {ls[0].provenance === "assumption" ? t.assumption : t.sourced}
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
                  <code>{param}</code> · {t.range} {ls[0].min}–{ls[0].max} {ls[0].unit} · {t.fromYear} {ls[0].fromYear}
                </p>
              </div>
            </details>
          </div>
          <div className="lever-unit">{ls[0].unit}</div>
          {ls.map((l) => (
            <LeverRow key={l.series} lever={l} def={defaults[l.series] ?? l.min} value={overrides[l.series]} setLever={setLever} t={t} />
          ))}
        </div>
      ))}
    </details>
  );
});

function fmtLever(v: number): string {
  return Math.abs(v) >= 1e6 ? fmtCompact(v) : fmtNumber(v, Math.abs(v) < 10 && v % 1 !== 0 ? 2 : 0);
}

/** One control; memoised so that moving one slider re-renders only that row. */
const LeverRow = memo(function LeverRow({
  lever: l,
  def,
  value: override,
  setLever,
  t,
}: {
  lever: LeverInfo;
  def: number;
  value: number | undefined;
  setLever: (s: string, v: number | null) => void;
  t: Strings;
}) {
  const moved = override !== undefined;
  const value = override ?? def;
  return (
    <label
      className={`lever-row${moved ? " moved" : ""}${l.key ? "" : " single"}`}
      title={`${t.default} ${fmtLever(def)} ${l.unit} · ${t.range} ${fmtLever(l.min)}–${fmtLever(l.max)} · ${t.fromYear} ${l.fromYear}`}
    >
      {l.key && <span className="lever-key">{l.keyLabel ?? l.key}</span>}
      <input
        type="range"
        min={l.min}
        max={l.max}
        step={l.step}
        value={value}
        data-series={l.series}
        onChange={(e) => setLever(l.series, Number(e.target.value))}
        aria-label={`${l.label}${l.key ? ` ${l.key}` : ""}`}
      />
      <output>{fmtLever(value)}</output>
      <span className="lever-reset">
        {moved && (
          <button type="button" onClick={() => setLever(l.series, null)} aria-label={`${t.reset} ${l.series}`} title={`${t.default}: ${fmtLever(def)}`}>
            ↺
          </button>
        )}
      </span>
    </label>
  );
});

// Memoised: the cards change with a run, not with every keystroke or slider step before it. The figures, their
// targets and whether each is met come from the core's headline view (reply.headlines); this only lays them out.
const Headlines = memo(function Headlines({ r, compare, compareName, t }: { r: RunReply; compare: RunReply | null; compareName: string; t: Strings }) {
  const byId = (x: RunReply | null, id: Headline["id"]) => x?.headlines.find((h) => h.id === id);
  const shown = (h: Headline): string => {
    if (!Number.isFinite(h.value)) return "–";
    if (h.unit === "fraction") return fmtPct(h.value);
    if (h.unit === "t CO2") return `${fmtNumber(h.value / 1e6, 1)} Mt`;
    if (h.unit === "PKR") return `PKR ${fmtNumber(h.value / 1e9, 0)} bn`;
    if (h.unit === "USD") return `USD ${fmtNumber(h.value / 1e9, 2)} bn`;
    return fmtNumber(h.value, 0);
  };
  const targetText = (h: Headline): string => {
    const tg = h.target;
    if (!tg) return "";
    const value = shown({ ...h, value: tg.target });
    const gap = h.unit === "fraction" ? `${tg.gap >= 0 ? "+" : "−"}${Math.abs(tg.gap * 100).toFixed(1)} pp` : shown({ ...h, value: tg.gap });
    return `${t.target} ${tg.sense === "at_most" ? "≤ " : ""}${value} · ${t.gap} ${gap}`;
  };
  const labels: Record<Headline["id"], string> = {
    ev_share_2030: t.evShare2030,
    ev_share_2040: t.evShare2040,
    co2_end: t.co2_2060.replace("2060", String(byId(r, "co2_end")?.year ?? 2060)),
    net_fiscal_2030: t.fiscal,
    oil_avoided_2030: t.oil,
    chargers_2030: t.chargers,
  };
  const sub = (h: Headline): string => {
    if (h.target) return targetText(h);
    if (h.id === "chargers_2030") return t.chargerKinds;
    const span = `${t.cumulative} ${h.from}–${h.year}`;
    if (h.versus !== undefined) return `${span} · ${t.vs} ${h.versus ?? "–"}`;
    return h.id === "net_fiscal_2030" ? `${span} · ${t.positiveCost}` : span;
  };
  const TEST_IDS: Record<Headline["id"], string> = {
    ev_share_2030: "share2030",
    ev_share_2040: "share2040",
    co2_end: "co2",
    net_fiscal_2030: "fiscal",
    oil_avoided_2030: "oil",
    chargers_2030: "chargers",
  };
  return (
    <div className="cards" aria-label={t.headline}>
      {r.headlines.map((h) => {
        const status = h.target ? (h.target.met ? "met" : "missed") : undefined;
        const other = byId(compare, h.id);
        return (
          <div key={h.id} className={`card ${status ?? ""}`} data-testid={`headline-${TEST_IDS[h.id]}`}>
            <div className="card-label">{labels[h.id]}</div>
            <div className="card-value">{shown(h)}</div>
            <div className="card-sub">
              {status && <span className={`badge ${status}`}>{status === "met" ? t.met : t.missed}</span>} {sub(h)}
            </div>
            {other && Number.isFinite(other.value) && <div className="card-compare">{`${compareName}: ${shown(other)}`}</div>}
          </div>
        );
      })}
    </div>
  );
});

export { DEFAULT_STATE };
