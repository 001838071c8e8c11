// The planner: levers on the left (a drawer on a phone), headline figures and charts on the right, sources one
// click away. The model runs in a worker; a second worker answers the slower questions (what it takes, how sure,
// why it changed) in the background, so the sliders never wait for them.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { ModelClient } from "./client";
import { Chart, type BoardLink } from "./Chart";
import { ChartBoard } from "./board";
import { CHARTS, missingMetrics, type Comparison } from "./charts";
import { STRINGS, type Strings } from "./i18n";
import type { AnalysisReply, DecomposeReply, InitReply, RunReply } from "./protocol";
import { DEFAULT_STATE, parseState, readCheckedState, writeState, type StateNotice, type ViewState } from "./state";
import { LinkNotice } from "./Notice";
import { SavedScenarios } from "./SavedScenarios";
import { fmtNumber } from "./format";
import { fileStem } from "./files";
import { Assumptions } from "./Assumptions";
import { Uncertainty } from "./Uncertainty";
import { Backtest } from "./Backtest";
import { GROUPS, LeverGroup, type LeverChange } from "./Levers";
import { Headlines } from "./Headlines";
import { WhyChanged } from "./WhyChanged";
import { labels } from "./labels";
import { copyText } from "./clipboard";
import { mark } from "./perf";

// The model worker the page's first script started (boot.ts), or a new one where that script did not run.
const client = new ModelClient(window.__evplanBoot ?? null);
// The link's run is asked for now, as the app's modules evaluate: the worker computes it while React renders the
// page. If the link does not check out against the catalogue, the run the page then asks for replaces it.
{
  const first = parseState(location.hash).state;
  client.prefetch(first.preset, first.overrides, first.years);
}
/** The CSV, workbook and YAML writers (the YAML library, the core's tables): loaded on the first export. */
const exporters = () => import("./exports");
/** Background questions (goal seek, Monte Carlo, decomposition) run in a worker of their own. */
const background = new ModelClient();

/** A preset's lever paths as it runs with no lever moved: what opening a saved scenario needs to restore its years. */
const presetPaths = (preset: string) =>
  client.run(preset, {}).then((r) => {
    const paths = { leverPaths: r.leverPaths, leverYears: r.leverYears, endYear: r.baseYear + r.nYears - 1 };
    client.release(r);
    return paths;
  });
/** Samples for the first screen's probabilities: about a quarter of a second in the worker. */
export const HEADLINE_SAMPLES = 200;
/** Wait this long after the last move before asking the background questions. */
const SETTLE_MS = 300;

declare global {
  interface Window {
    /** Counters for the tests and the latency benchmark: runs received, complete updates (every chart drawn with a new run). */
    __evplan?: {
      runs: number;
      updates: number;
      /** Updates whose charts in view were drawn (the rest follow after the frame; `updates` counts those done). */
      shown?: number;
      lastRunMs: number;
      lastUpdateMs: number;
      state: ViewState;
      /** First-screen answers asked for (`analysesAsked`) and received (`analyses`; a cancelled one never is). */
      analyses?: number;
      analysesAsked?: number;
      /** When the first screen was complete (the frame after the first `shown`), from the navigation's start. */
      firstShownAt?: number;
    };
  }
}

function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const f = () => setOn(m.matches);
    m.addEventListener("change", f);
    return () => m.removeEventListener("change", f);
  }, [query]);
  return on;
}

const settingKey = (preset: string, overrides: Record<string, number>, years: Record<string, Record<number, number>>) =>
  JSON.stringify([preset, Object.entries(overrides).sort(), Object.entries(years).sort()]);
const NONE: Record<string, Record<number, number>> = {};

export function App() {
  const [init, setInit] = useState<InitReply | null>(null);
  const [state, setState] = useState<ViewState>(() => parseState(location.hash).state);
  /** The state as of the last render, for effects that must not rerun when it changes. */
  const stateRef = useRef(state);
  stateRef.current = state;
  // What the link asked for that could not be applied (unknown scenario or lever, out of range, malformed).
  const [notices, setNotices] = useState<readonly StateNotice[]>([]);
  const [result, setResult] = useState<RunReply | null>(null);
  const [compare, setCompare] = useState<RunReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t: Strings = STRINGS[state.lang];
  const L = labels(state.lang);
  const started = useRef(0);
  const narrow = useMedia("(max-width: 960px)");
  const [drawer, setDrawer] = useState(false);

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

  // Settled: the first run is on every chart. Only then do the background worker (what it takes, how sure) and the
  // panels below the charts start, so that the first load has the cores to the model worker and the first screen.
  const [settled, setSettled] = useState(false);
  const settledRef = useRef(false);
  useEffect(() => {
    if (!settled) return;
    background.init();
    // The model worker runs the slider's code a few times now, while the user reads the first screen, so that the
    // first move finds it optimised (model-worker.ts): not before, when it would compete with the first load.
    client.warm(stateRef.current.preset, stateRef.current.overrides, stateRef.current.years);
  }, [settled]);

  // The link of the state: the URL, the share button and the brief's link all read it (written once per state).
  const hash = useMemo(() => writeState(state), [state]);
  // State -> URL, language and direction.
  useEffect(() => {
    // The URL follows after a pause: replaceState costs a few milliseconds, too much for every slider step, and a
    // shorter pause put it inside the next click's step.
    // Not before the link has been read and checked (on init): the link itself must not be overwritten first.
    const urlTimer = setTimeout(() => {
      if (init && location.hash !== hash) history.replaceState(null, "", hash);
    }, 400);
    // Only on a change: writing the root's attributes invalidates the style of the whole page.
    const root = document.documentElement;
    if (root.lang !== state.lang) root.lang = state.lang;
    const dir = state.lang === "ur" ? "rtl" : "ltr";
    if (root.dir !== dir) root.dir = dir;
    (window.__evplan ??= { runs: 0, updates: 0, lastRunMs: 0, lastUpdateMs: 0, state }).state = state;
    return () => clearTimeout(urlTimer);
  }, [state, init, hash]);

  // State -> model run (the newest request wins).
  const latest = useRef(0);
  /** The ticket of the newest request answered (its reply shown, or its error): below `latest` while one is pending. */
  const answered = useRef(0);
  useEffect(() => {
    if (!init) return;
    const ticket = ++latest.current;
    mark("request");
    started.current = performance.now();
    client
      .run(state.preset, state.overrides, state.years)
      .then((r) => {
        mark("reply");
        // A newer request was made: its reply follows; this one's buffer goes back to the worker for reuse.
        if (ticket !== latest.current) return client.release(r);
        answered.current = ticket;
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
      .catch((e: Error) => {
        if (ticket === latest.current) answered.current = ticket;
        setError(e.message);
      });
  }, [init, state.preset, state.overrides, state.years]);

  useEffect(() => {
    if (!init || !state.compare) return setCompare(null);
    client.run(state.compare, {}).then(setCompare, (e: Error) => setError(e.message));
  }, [init, state.compare]);

  // Background answers for the first screen, once the settings have settled; the worker caches them per setting.
  const key = settingKey(state.preset, state.overrides, state.years);
  const [analysis, setAnalysis] = useState<{ key: string; reply: AnalysisReply } | null>(null);
  useEffect(() => {
    if (!init || !settled) return;
    const asked = { preset: state.preset, overrides: state.overrides, years: state.years, key };
    let waiting = false;
    const timer = setTimeout(() => {
      waiting = true;
      if (window.__evplan) window.__evplan.analysesAsked = (window.__evplan.analysesAsked ?? 0) + 1;
      background.analysis(asked.preset, asked.overrides, HEADLINE_SAMPLES, asked.years).then(
        (reply) => {
          waiting = false;
          setAnalysis((a) => (a?.key === asked.key ? a : { key: asked.key, reply }));
          if (window.__evplan) window.__evplan.analyses = (window.__evplan.analyses ?? 0) + 1;
        },
        (e: Error) => setError(e.message),
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      // The settings moved while the answers were being worked out: they are dropped, so that the background
      // worker does not share the core with the move that made them useless (about 400 ms of CPU).
      if (waiting) background.cancelAnalyses();
    };
  }, [init, key, settled]);
  const analysisPending = analysis?.key !== key;

  const [why, setWhy] = useState<{ key: string; reply: DecomposeReply } | null>(null);
  const whyKey = state.compare ? `${key}|${state.compare}` : "";
  useEffect(() => {
    if (!init || !state.compare) return setWhy(null);
    if (!settled) return;
    const asked = { preset: state.preset, overrides: state.overrides, years: state.years, compare: state.compare, key: whyKey };
    const timer = setTimeout(() => {
      background.decompose(asked.preset, asked.overrides, asked.compare, {}, asked.years).then(
        (reply) => setWhy({ key: asked.key, reply }),
        (e: Error) => setError(e.message),
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [init, whyKey, settled]);

  const update = (patch: Partial<ViewState>) => setState((s) => ({ ...s, ...patch }));
  const setLever = useCallback(
    (series: string, change: LeverChange) =>
      setState((s) => {
        const overrides = { ...s.overrides };
        if (change.value === null) delete overrides[series];
        else if (change.value !== undefined) overrides[series] = change.value;
        let years = s.years;
        if (change.years !== undefined) {
          years = { ...s.years };
          if (change.years === null) delete years[series];
          else years[series] = change.years;
        }
        return { ...s, overrides, years };
      }),
    [],
  );
  // Lever defaults depend on the preset only: keep the same object while the preset stays, so the levers panel
  // does not re-render on every run.
  const defaultsKey = result ? JSON.stringify(result.leverDefaults) : "";
  const leverDefaults = useMemo(() => result?.leverDefaults ?? null, [defaultsKey]);
  const leverYears = useMemo(() => result?.leverYears ?? {}, [defaultsKey]);
  const leverPaths = useMemo(() => result?.leverPaths ?? NONE, [defaultsKey]);
  // The applied paths change only when a lever does: the same object while they stay.
  const appliedKey = result ? JSON.stringify(result.applied) : "";
  const applied = useMemo(() => result?.applied ?? NONE, [appliedKey]);
  const leversByGroup = useMemo(() => Object.fromEntries(GROUPS.map((g) => [g, init?.levers.filter((l) => l.group === g) ?? []])), [init]);

  const preset = init?.presets.find((p) => p.name === state.preset);
  // The same elements while the catalogue and language stay: React skips them on every slider step.
  const presetOptions = useMemo(
    () =>
      init?.presets.map((p) => (
        <option key={p.name} value={p.name}>
          {L.preset(p.name, p.title)}
        </option>
      )),
    [init, L],
  );
  // Stable while the language and catalogue stay: the headline cards re-render on a new run, not on every input.
  const presetTitle = useCallback((name: string) => L.preset(name, init?.presets.find((p) => p.name === name)?.title ?? name), [L, init]);
  const compareTitle = state.compare ? presetTitle(state.compare) : "";
  const comparison: Comparison | null = useMemo(
    () => (compare && state.compare ? { name: compareTitle, run: compare } : null),
    [compare, state.compare, compareTitle],
  );
  const options = useMemo(
    () => (result ? Object.fromEntries(CHARTS.map((c) => [c.id, missingMetrics(c).length ? null : c.build(result, comparison, L)])) : null),
    [result, comparison, L],
  );
  const moved = new Set([...Object.keys(state.overrides), ...Object.keys(state.years)]).size;
  const scenarioLabel = `${presetTitle(state.preset)}${moved ? ` + ${moved} ${t.changed}` : ""}`;
  // The same object while the label and file name stay: the nine chart figures do not re-render on every input.
  const stem = fileStem(state);
  const scenarioFile = useMemo(() => ({ label: scenarioLabel, file: stem }), [scenarioLabel, stem]);

  // The result charts are drawn by the board (board.ts): each chart on a canvas in its own box, the charts in view
  // in the task that brought the run, the others after the frame.
  const chartsBox = useRef<HTMLDivElement>(null);
  const board = useRef<ChartBoard | null>(null);
  const [hiddenSeries, setHiddenSeries] = useState<Readonly<Record<string, ReadonlySet<string>>>>({});
  const redraw = useRef(() => {});
  redraw.current = () => options && board.current?.draw(options, hiddenSeries);
  const boardLink = useMemo<BoardLink>(
    () => ({
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
    const b = new ChartBoard(box, () => answered.current !== latest.current);
    board.current = b;
    const w = window as unknown as { __evplanBoardOption?: () => object; __evplanBoard?: ChartBoard };
    w.__evplanBoardOption = () => b.option();
    w.__evplanBoard = b;
    b.measure();
    // The boxes change size when the window, a legend or the language changes: fit the canvases, and redraw.
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
    board.current.update(
      options,
      hiddenSeries,
      () => {
        // Everything in view is current: the cards, and the charts in view.
        if (window.__evplan) {
          window.__evplan.shown = (window.__evplan.shown ?? 0) + 1;
          // The first screen complete, from the navigation's start to the frame that shows it (the latency
          // benchmark's first-load figures).
          if (window.__evplan.shown === 1) requestAnimationFrame(() => window.__evplan && (window.__evplan.firstShownAt = performance.now()));
        }
        mark("charts in view");
        window.__evplanOnShown?.();
      },
      () => {
        // Every chart is current, those out of view too.
        if (!settledRef.current) {
          settledRef.current = true;
          // After the next frame, not before it: mounting the panels below (about 200 ms of render and layout on a
          // loaded machine) must not hold back the frame that shows the last charts.
          requestAnimationFrame(() => setTimeout(() => setSettled(true), 0));
        }
        if (!window.__evplan) return;
        mark("all charts");
        window.__evplan.updates++;
        window.__evplan.lastUpdateMs = performance.now() - started.current;
        window.__evplanOnUpdate?.();
      },
    );
  }, [options, hiddenSeries]);

  // Copy link: the clipboard API where the page may use it; otherwise the link is shown selected, to copy by hand.
  const [copied, setCopied] = useState<"no" | "yes" | "manual">("no");
  const link = location.href.split("#")[0] + hash;
  const share = async () => {
    setCopied((await copyText(link)) ? "yes" : "manual");
    if (copied !== "manual") setTimeout(() => setCopied((c) => (c === "yes" ? "no" : c)), 2000);
  };

  // The drawer: Escape closes it, focus goes into it when it opens and back to its button when it closes.
  const drawerButton = useRef<HTMLButtonElement>(null);
  const drawerTitle = useRef<HTMLHeadingElement>(null);
  const drawerOpen = narrow && drawer;
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!drawerOpen) {
      if (wasOpen.current) drawerButton.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    drawerTitle.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setDrawer(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drawerOpen]);
  // A landmark beside the results on a wide screen; a dialog over them on a phone.
  const Panel = narrow ? "div" : "aside";
  const closeDrawer = () => setDrawer(false);

  return (
    <>
      <a className="skip-link" href="#results">
        {t.skip}
      </a>
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
              <select value={state.preset} onChange={(e) => update({ preset: e.target.value, overrides: {}, years: {} })} data-testid="preset">
                {presetOptions}
              </select>
            </label>
            <label>
              {t.compareWith}
              <select value={state.compare} onChange={(e) => update({ compare: e.target.value })} data-testid="compare">
                <option value="">{t.none}</option>
                {presetOptions}
              </select>
            </label>
            <button type="button" onClick={() => update({ overrides: {}, years: {} })} data-testid="reset">
              {t.reset}
            </button>
            <button type="button" onClick={share} data-testid="share">
              {copied === "yes" ? t.copied : t.share}
            </button>
            <button
              type="button"
              onClick={() => update({ lang: state.lang === "en" ? "ur" : "en" })}
              data-testid="lang"
              lang={state.lang === "en" ? "ur" : "en"}
            >
              {t.language}
            </button>
          </div>
          {copied === "manual" && (
            <div className="copy-fallback" data-testid="copy-fallback">
              <label>
                {t.copyFallback} <input readOnly value={link} dir="ltr" onFocus={(e) => e.currentTarget.select()} ref={(el) => el?.select()} />
              </label>
              <button type="button" onClick={() => setCopied("no")}>
                {t.closeLevers}
              </button>
            </div>
          )}
        </div>
      </header>
      <main className="app" aria-label={t.mainContent}>
        <p className="question">{t.subtitle}</p>
        {preset && (
          <details className="scenario-line">
            <summary>
              <strong>{L.preset(preset.name, preset.title)}</strong>
              {preset.counterfactual && (
                <span>
                  {" "}
                  · {t.counterfactual}: {presetTitle(preset.counterfactual)}
                </span>
              )}
              <span className="more"> · {t.about}</span>
            </summary>
            <p lang="en" dir="ltr">
              {preset.description}
            </p>
          </details>
        )}
        {error && <pre className="error">{error}</pre>}
        <LinkNotice notices={notices} lang={state.lang} onDismiss={() => setNotices([])} />
        <div className="layout">
          {narrow && drawerOpen && <div className="drawer-backdrop" onClick={closeDrawer} />}
          <Panel
            className={`levers${narrow ? " drawer" : ""}${drawerOpen ? " open" : ""}`}
            aria-labelledby="levers-title"
            id="levers"
            inert={narrow && !drawerOpen}
            role={narrow ? "dialog" : undefined}
            aria-modal={drawerOpen ? true : undefined}
          >
            <div className="levers-head">
              <h2 id="levers-title" tabIndex={-1} ref={drawerTitle}>
                {t.levers}
              </h2>
              {narrow && (
                <button type="button" className="drawer-close" onClick={closeDrawer} data-testid="levers-close">
                  {t.closeLevers}
                </button>
              )}
            </div>
            <p className="hint">{t.levers_hint}</p>
            {init &&
              leverDefaults &&
              GROUPS.map((g) => (
                <LeverGroup
                  key={g}
                  group={g}
                  t={t}
                  lang={state.lang}
                  levers={leversByGroup[g]}
                  defaults={leverDefaults}
                  overrides={state.overrides}
                  years={state.years}
                  setLever={setLever}
                  modes={preset?.modes ?? []}
                  leverYears={leverYears}
                  paths={leverPaths}
                  applied={applied}
                  endYear={preset?.endYear ?? 2060}
                />
              ))}
          </Panel>
          <section className="results" id="results" tabIndex={-1} aria-label={t.charts}>
            {result ? (
              <Headlines
                r={result}
                compare={comparison?.run ?? null}
                compareName={compareTitle}
                analysis={analysis?.reply ?? null}
                analysisPending={analysisPending}
                levers={init?.levers ?? []}
                presetTitle={presetTitle}
                t={t}
                L={L}
              />
            ) : (
              <p className="loading">{t.computing}</p>
            )}
            {why && state.compare && <WhyChanged d={why.reply.decomposition} factorLabels={why.reply.factorLabels} compareName={compareTitle} t={t} L={L} />}
            <div className="exports" role="group" aria-label={t.exports}>
              <span>{t.exports}:</span>
              <button
                type="button"
                disabled={!result}
                onClick={() => result && exporters().then((x) => x.exportCsv(result, state, compare))}
                data-testid="export-csv"
              >
                {t.exportCsv}
              </button>
              <button
                type="button"
                disabled={!result || !init}
                onClick={() =>
                  result &&
                  init &&
                  exporters().then((x) =>
                    x.exportXlsx({ r: result, state, init, compare, analysis: analysis?.reply ?? null, why: why?.reply ?? null, title: scenarioLabel }),
                  )
                }
                data-testid="export-xlsx"
              >
                {t.exportXlsx}
              </button>
              <button
                type="button"
                disabled={!init}
                onClick={() => result && exporters().then((x) => x.exportYaml(state, result.applied, preset?.counterfactual ?? null))}
                data-testid="export-yaml"
              >
                {t.exportYaml}
              </button>
              {why && state.compare && (
                <button type="button" onClick={() => exporters().then((x) => x.exportDecompositionCsv(why.reply, state))} data-testid="export-why">
                  {t.exportWhy}
                </button>
              )}
              <a className="button" href={`brief.html${hash}&print=1`} target="_blank" rel="noreferrer" data-testid="download-brief" title={t.briefHint}>
                {t.downloadBrief}
              </a>
              {result && (
                <span className="timing" data-testid="timing">
                  {t.modelTime}: <bdi dir="ltr">{fmtNumber(result.millis, 1)} ms</bdi>
                </span>
              )}
            </div>
            <SavedScenarios
              init={init}
              state={state}
              applied={result?.applied ?? null}
              counterfactual={preset?.counterfactual ?? null}
              onOpen={setState}
              presetPaths={presetPaths}
            />
            <h2>{t.charts}</h2>
            <div className="charts" ref={chartsBox}>
              {CHARTS.map((c) => {
                const missing = missingMetrics(c);
                return (
                  <Chart
                    key={c.id}
                    id={c.id}
                    title={t[c.title]}
                    unit={t[c.unit]}
                    option={(options?.[c.id] as never) ?? null}
                    placeholder={missing.length ? `${t.notYet}: ${missing.join(", ")}` : null}
                    docAnchor={c.doc}
                    board={boardLink}
                    t={t}
                    scenario={scenarioFile}
                  />
                );
              })}
            </div>
            {init && settled && (
              <Uncertainty client={background} state={state} t={t} central={result} scenario={scenarioFile} levers={init.levers} parameters={init.parameters} />
            )}
            {init && settled && <Backtest client={background} t={t} />}
            {init && settled && <Assumptions parameters={init.parameters} t={t} />}
          </section>
        </div>
        <footer>{t.footer}</footer>
      </main>
      {narrow && (
        <button
          type="button"
          className="drawer-button"
          ref={drawerButton}
          onClick={() => setDrawer(true)}
          aria-controls="levers"
          aria-expanded={drawerOpen}
          data-testid="levers-open"
        >
          {t.openLevers}
          {moved > 0 && <span className="group-count">{`${moved} ${t.changed}`}</span>}
        </button>
      )}
    </>
  );
}

export { DEFAULT_STATE };
