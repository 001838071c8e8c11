// The planner: levers on the left, headline figures and charts on the right, sources one click away.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ModelClient } from "./client";
import { Chart } from "./Chart";
import * as C from "./charts";
import { STRINGS, type Strings } from "./i18n";
import type { InitReply, LeverInfo, RunReply } from "./protocol";
import { DEFAULT_STATE, readState, writeState, type ViewState } from "./state";
import { row, sumYears } from "./results";
import { fmtCompact, fmtNumber, fmtPct } from "./format";
import { exportCsv, exportXlsx, exportYaml } from "./exports";
import { Assumptions } from "./Assumptions";
import { Uncertainty } from "./Uncertainty";
import { Backtest } from "./Backtest";

const client = new ModelClient();
const GROUPS = ["incentives", "taxes_levies", "charging", "industry", "technology_prices", "adoption", "economy"] as const;

declare global {
  interface Window {
    __evplan?: { runs: number; rendered: number; lastRunMs: number; lastUpdateMs: number; state: ViewState };
  }
}

export function App() {
  const [init, setInit] = useState<InitReply | null>(null);
  const [state, setState] = useState<ViewState>(() => readState(location.hash));
  const [result, setResult] = useState<RunReply | null>(null);
  const [compare, setCompare] = useState<RunReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t: Strings = STRINGS[state.lang];
  const started = useRef(0);

  useEffect(() => {
    client.init().then(setInit);
    const onHash = () => setState(readState(location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  // State -> URL, language and direction.
  useEffect(() => {
    const hash = writeState(state);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    document.documentElement.lang = state.lang;
    document.documentElement.dir = state.lang === "ur" ? "rtl" : "ltr";
    window.__evplan = { ...(window.__evplan ?? { runs: 0, rendered: 0, lastRunMs: 0, lastUpdateMs: 0 }), state };
  }, [state]);

  // State -> model run (the newest request wins).
  const latest = useRef(0);
  useEffect(() => {
    if (!init) return;
    const ticket = ++latest.current;
    started.current = performance.now();
    client
      .run(state.preset, state.overrides)
      .then((r) => {
        if (ticket !== latest.current) return;
        setError(null);
        setResult(r);
        if (window.__evplan) {
          window.__evplan.runs++;
          window.__evplan.lastRunMs = r.millis;
        }
      })
      .catch((e: Error) => setError(e.message));
  }, [init, state.preset, state.overrides]);

  useEffect(() => {
    if (!init || !state.compare) return setCompare(null);
    client.run(state.compare, {}).then(setCompare);
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

  const rendered = useRef(new Set<string>());
  const onRendered = useCallback((id: string) => {
    rendered.current.add(id);
    if (window.__evplan) {
      window.__evplan.rendered++;
      window.__evplan.lastUpdateMs = performance.now() - started.current;
    }
  }, []);

  const options = useMemo(() => {
    if (!result) return null;
    return {
      share: C.shareChart(result),
      fleet: C.fleetChart(result),
      co2: C.co2Chart(result),
      ledger: C.ledgerChart(result),
      oil: C.oilChart(result),
      chargers: C.chargersChart(result),
      peak: C.peakChart(result),
      battery: C.batteryChart(result),
      jobs: C.jobsChart(result),
    };
  }, [result]);

  const preset = init?.presets.find((p) => p.name === state.preset);

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>{t.title}</h1>
          <p>{t.subtitle}</p>
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
          <button type="button" onClick={() => navigator.clipboard?.writeText(location.href)} data-testid="share">
            {t.share}
          </button>
          <button type="button" onClick={() => update({ lang: state.lang === "en" ? "ur" : "en" })} data-testid="lang">
            {t.language}
          </button>
        </div>
      </header>
      {preset && <p className="scenario-line">{preset.description}</p>}
      {error && <pre className="error">{error}</pre>}
      <main className="layout">
        <aside className="levers" aria-label={t.levers}>
          <h2>{t.levers}</h2>
          <p className="hint">{t.levers_hint}</p>
          {init && leverDefaults && GROUPS.map((g) => <LeverGroup key={g} group={g} t={t} levers={leversByGroup[g]} defaults={leverDefaults} overrides={state.overrides} setLever={setLever} />)}
        </aside>
        <section className="results">
          {result ? <Headlines r={result} compare={compare} t={t} /> : <p className="loading">{t.computing}</p>}
          <div className="exports">
            <span>{t.exports}:</span>
            <button type="button" disabled={!result} onClick={() => result && exportCsv(result, state)} data-testid="export-csv">
              {t.exportCsv}
            </button>
            <button type="button" disabled={!result} onClick={() => result && exportXlsx(result, state)} data-testid="export-xlsx">
              {t.exportXlsx}
            </button>
            <button type="button" disabled={!init} onClick={() => init && exportYaml(state, init.levers, preset?.counterfactual ?? null)} data-testid="export-yaml">
              {t.exportYaml}
            </button>
            {result && (
              <span className="timing" data-testid="timing">
                {t.modelTime}: {fmtNumber(result.millis, 1)} ms
              </span>
            )}
          </div>
          <h2>{t.charts}</h2>
          <div className="charts">
            <Chart id="share" title={t.chartShare} option={options?.share ?? null} docAnchor="2-sales" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="fleet" title={t.chartFleet} option={options?.fleet ?? null} docAnchor="5-fleet-stock-turnover" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="co2" title={t.chartCo2} option={options?.co2 ?? null} docAnchor="6-activity-energy-emissions" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="ledger" title={t.chartLedger} option={options?.ledger ?? null} docAnchor="9-economy-and-public-finances" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="oil" title={t.chartOil} option={options?.oil ?? null} docAnchor="6-activity-energy-emissions" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="chargers" title={t.chartChargers} option={options?.chargers ?? null} docAnchor="7-charging-infrastructure-and-grid" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="peak" title={t.chartPeak} option={options?.peak ?? null} docAnchor="7-charging-infrastructure-and-grid" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="battery" title={t.chartBattery} option={options?.battery ?? null} docAnchor="8-batteries-and-industry" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
            <Chart id="jobs" title={t.chartJobs} option={options?.jobs ?? null} docAnchor="8-batteries-and-industry" methodLabel={t.method} pngLabel={t.exportPng} onRendered={onRendered} />
          </div>
          {init && <Uncertainty client={client} state={state} t={t} />}
          {init && <Backtest client={client} t={t} />}
          {init && <Assumptions parameters={init.parameters} t={t} />}
        </section>
      </main>
      <footer>{t.footer}</footer>
    </div>
  );
}

const LeverGroup = memo(function LeverGroup(props: { group: string; t: Strings; levers: LeverInfo[]; defaults: Record<string, number>; overrides: Record<string, number>; setLever: (s: string, v: number | null) => void }) {
  const { group, t, levers, defaults, overrides, setLever } = props;
  // Indexed parameters show one control per key; group them under the parameter's label.
  const byParam = new Map<string, LeverInfo[]>();
  for (const l of levers) byParam.set(l.parameter, [...(byParam.get(l.parameter) ?? []), l]);
  if (byParam.size === 0) return null;
  return (
    <details className="lever-group" open={group === "incentives" || group === "taxes_levies"}>
      <summary>{t[group as keyof Strings]}</summary>
      {[...byParam.entries()].map(([param, ls]) => (
        <div className="lever" key={param}>
          <div className="lever-head">
            <span className="lever-label">{ls[0].label}</span>
            <span className="lever-unit">{ls[0].unit}</span>
            <details className="source">
              <summary title={ls[0].source} aria-label="source">
                i
              </summary>
              <p>{ls[0].description}</p>
              <p>
                <strong>{ls[0].provenance === "assumption" ? t.assumption : t.sourced}</strong>: {ls[0].url ? <a href={ls[0].url} target="_blank" rel="noreferrer">{ls[0].source}</a> : ls[0].source}
              </p>
            </details>
          </div>
          {ls.map((l) => {
            const def = defaults[l.series] ?? l.min;
            const value = overrides[l.series] ?? def;
            const moved = overrides[l.series] !== undefined;
            return (
              <label className={`lever-row${moved ? " moved" : ""}`} key={l.series}>
                {l.key && <span className="lever-key">{l.key.replace("_", " ")}</span>}
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
                <output>{Math.abs(value) >= 1e6 ? fmtCompact(value) : fmtNumber(value, Math.abs(value) < 10 && value % 1 !== 0 ? 2 : 0)}</output>
                <span className="lever-default" title={`${t.default} ${fmtNumber(def, 2)} · ${l.min}–${l.max} · from ${l.fromYear}`}>
                  {moved ? (
                    <button type="button" onClick={() => setLever(l.series, null)} aria-label="reset">
                      ↺
                    </button>
                  ) : (
                    l.fromYear
                  )}
                </span>
              </label>
            );
          })}
        </div>
      ))}
    </details>
  );
});

function Headlines({ r, compare, t }: { r: RunReply; compare: RunReply | null; t: Strings }) {
  const years = Array.from({ length: r.nYears }, (_, i) => r.baseYear + i);
  const figures = (x: RunReply) => {
    const at = (metric: string, y: number, seg = "total") => row(x.main, x.nYears, metric, seg)[y - x.baseYear];
    const oil = x.counterfactual ? sumYears(row(x.counterfactual, x.nYears, "oil_import_cost"), years, x.baseYear, 2030) - sumYears(row(x.main, x.nYears, "oil_import_cost"), years, x.baseYear, 2030) : NaN;
    return {
      s30: at("ev_sales_share", 2030),
      s40: at("ev_sales_share", 2040),
      co2: at("co2_ttw", years[years.length - 1]),
      fiscal: sumYears(row(x.main, x.nYears, "net_fiscal"), years, x.baseYear, 2030),
      oil,
      chargers: at("public_chargers", 2030),
    };
  };
  const f = figures(r);
  const g = compare ? figures(compare) : null;
  const card = (id: string, label: string, value: string, sub: string, status?: "met" | "missed", cmp?: string) => (
    <div className={`card ${status ?? ""}`} data-testid={`headline-${id}`}>
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      <div className="card-sub">
        {status && <span className={`badge ${status}`}>{status === "met" ? t.met : t.missed}</span>} {sub}
      </div>
      {cmp && <div className="card-compare">{cmp}</div>}
    </div>
  );
  const st = (v: number, target: number) => (v >= target - 1e-9 ? "met" : "missed");
  return (
    <div className="cards" aria-label={t.headline}>
      {card("share2030", t.evShare2030, fmtPct(f.s30), `${t.target} 30% · ${t.gap} ${((f.s30 - 0.3) * 100).toFixed(1)} pp`, st(f.s30, 0.3), g ? `${t.vs} ${fmtPct(g.s30)}` : undefined)}
      {card("share2040", t.evShare2040, fmtPct(f.s40), `${t.target} 90% · ${t.gap} ${((f.s40 - 0.9) * 100).toFixed(1)} pp`, st(f.s40, 0.9), g ? `${t.vs} ${fmtPct(g.s40)}` : undefined)}
      {card("co2", t.co2_2060, `${fmtNumber(f.co2 / 1e6, 1)} Mt`, `${t.target} 0 Mt`, f.co2 <= 1e-6 ? "met" : "missed", g ? `${t.vs} ${fmtNumber(g.co2 / 1e6, 1)} Mt` : undefined)}
      {card("fiscal", t.fiscal, `PKR ${fmtNumber(f.fiscal / 1e9, 0)} bn`, `${r.baseYear}–2030`, undefined, g ? `${t.vs} PKR ${fmtNumber(g.fiscal / 1e9, 0)} bn` : undefined)}
      {card("oil", t.oil, Number.isFinite(f.oil) ? `USD ${fmtNumber(f.oil / 1e9, 2)} bn` : "–", `${t.vs} ${r.counterfactualName ?? "–"}`, undefined, g && Number.isFinite(g.oil) ? `${t.vs} USD ${fmtNumber(g.oil / 1e9, 2)} bn` : undefined)}
      {card("chargers", t.chargers, fmtCompact(f.chargers), "AC + DC fast + swap", undefined, g ? `${t.vs} ${fmtCompact(g.chargers)}` : undefined)}
    </div>
  );
}

export { DEFAULT_STATE };
