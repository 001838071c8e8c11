// Vite build of the planner. The data pack and the scenarios are read from the repository at build time and
// bundled as a virtual module, so the built app is static and needs no server.
import { defineConfig, type Plugin } from "vite";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { docPage } from "./docs-html.ts";
import { encodeCompiled } from "./src/compiled-form.ts";
import { DEFAULT_STATE } from "./src/state.ts";

const root = join(import.meta.dirname, "..", "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const f = join(dir, e);
      return statSync(f).isDirectory() ? yamlFiles(f) : e.endsWith(".yaml") ? [f] : [];
    });
}

/**
 * The data pack for the worker, validated here at build time (a file that does not validate fails the build with
 * its file, line and field): the registry as JSON text (src/compiled-form.ts: one JSON.parse in the worker, no
 * reviver, no schema library run at start), the scenario files, the catalogue (each preset's entry, the parameter
 * list), and each preset compiled with its counterfactual, in a chunk of its own (`virtual:evplan-preset/<name>`)
 * that the worker loads when the preset is first run: the worker needs neither the compiler nor zod to start.
 */
function evplanPack(): Plugin {
  const id = "virtual:evplan-pack";
  const presetId = "virtual:evplan-preset/";
  /** Each preset compiled with its counterfactual (encodeCompiled text), made when the pack module is. */
  let compiled: Map<string, string> | null = null;
  let packModule: Promise<string> | null = null;
  /** The YAML files read: watched by the dev server, which makes the pack again when one changes. */
  const watched: string[] = [];
  const watch = (f: string) => watched.push(f);
  const made = async () => {
    await (packModule ??= makePack());
    return compiled;
  };
  async function makePack(this: void): Promise<string> {
    const core = await import("@evplan/core");
    const dataDir = join(root, "data", "pakistan");
    const parameters = yamlFiles(dataDir).map((f) => {
      watch(f);
      return {
        name: relative(dataDir, f)
          .replace(/\.yaml$/, "")
          .split(sep)
          .join("."),
        file: relative(root, f),
        data: parse(readFileSync(f, "utf8")),
      };
    });
    const scenarios = yamlFiles(join(root, "scenarios")).map((f) => {
      watch(f);
      return { name: relative(join(root, "scenarios"), f).replace(/\.yaml$/, ""), file: relative(root, f), data: parse(readFileSync(f, "utf8")) };
    });
    let registry;
    try {
      registry = core.buildRegistry(parameters);
    } catch (e) {
      throw e instanceof core.InputError ? new Error(`the data pack does not validate:\n${e.issues.map(core.formatIssue).join("\n")}`) : e;
    }
    const sources = new Map(scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
    const model = new core.Model(registry, (name: string) => sources.get(name));
    compiled = new Map();
    const presets = scenarios.map((s) => {
      const checked = model.check(s.name);
      const c = checked.scenario;
      compiled!.set(s.name, encodeCompiled(checked));
      const modes = Array.from(c.modes, (m) => (m === 1 ? "market" : "targets"));
      return { name: c.name, title: c.title, description: c.description, counterfactual: c.counterfactual, modes, endYear: c.endYear };
    });
    const stored = [...registry.parameters.values()].map(core.storedParameter);
    // The catalogue's parameter list (the assumptions table, the exports), as the worker would make it.
    const catalogue = [...registry.parameters.values()].sort((a, b) => a.name.localeCompare(b.name)).map(core.parameterInfo);
    // Each preset's compiled form in a chunk of its own, loaded by the worker when the preset is first run.
    // The default preset's chunk is imported statically: the worker's module graph fetches it beside the worker's
    // own code, instead of after the worker has evaluated (a round trip that a loaded machine made long).
    const first = DEFAULT_STATE.preset;
    const loaders = scenarios
      .map((s) => `${JSON.stringify(s.name)}: ${s.name === first ? "async () => ({ default: first })" : `() => import(${JSON.stringify(presetId + s.name)})`}`)
      .join(",\n  ");
    return (
      (sources.has(first) ? `import first from ${JSON.stringify(presetId + first)};\n` : "") +
      `export default ${JSON.stringify({ registry: encodeCompiled(stored), scenarios, presets, parameters: JSON.stringify(catalogue) })};\n` +
      `export const compiledPresets = {\n  ${loaders}\n};\n`
    );
  }
  return {
    name: "evplan-pack",
    resolveId: (source) => (source === id || source.startsWith(presetId) ? "\0" + source : null),
    async load(source) {
      if (source.startsWith("\0" + presetId)) {
        const name = source.slice(1 + presetId.length);
        const text = (await made())?.get(name);
        if (text === undefined) throw new Error(`no compiled preset ${name}`);
        return `export default ${JSON.stringify(text)};`;
      }
      if (source !== "\0" + id) return null;
      const code = await (packModule ??= makePack());
      for (const f of watched) this.addWatchFile(f);
      return code;
    },
    watchChange() {
      packModule = null;
      compiled = null;
      watched.length = 0;
    },
  };
}

/**
 * The documentation as HTML pages (docs/*.md -> docs/*.html) with an id on every heading, so that each chart's
 * "method" link opens the right section offline. The Markdown files are copied too, for those who want the source.
 */
function evplanDocs(): Plugin {
  return {
    name: "evplan-docs",
    generateBundle() {
      const docs = join(root, "docs");
      const files = readdirSync(docs).filter((f) => f.endsWith(".md"));
      for (const f of files) {
        const md = readFileSync(join(docs, f), "utf8");
        this.emitFile({ type: "asset", fileName: `docs/${f}`, source: md });
        this.emitFile({ type: "asset", fileName: `docs/${f.replace(/\.md$/, ".html")}`, source: docPage(md, f, files) });
      }
      // The Urdu font's licence travels with the font.
      this.emitFile({
        type: "asset",
        fileName: "fonts/NotoNaskhArabic-OFL.txt",
        source: readFileSync(join(root, "node_modules/@fontsource/noto-naskh-arabic/LICENSE"), "utf8"),
      });
    },
  };
}

/**
 * The page's first script: it starts the model worker and asks for its catalogue before the app's modules are
 * fetched (src/boot.ts says what the app does with it). A classic script file of its own, loaded from the head
 * (the server's Content-Security-Policy allows scripts from the page's origin only, no inline script), written once
 * the bundle is, since it names the worker file's hashed name. The dev server has no such script; the client then
 * starts the worker itself.
 */
function bootScript(): Plugin {
  return {
    name: "evplan-boot",
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const html = bundle["index.html"];
        const worker = Object.keys(bundle).find((f) => /(^|\/)model-worker-[^/]*\.js$/.test(f));
        if (!html || html.type !== "asset" || !worker) return;
        // The link's preset (`#s=<name>`, state.ts; the default otherwise) goes with the catalogue request, so that
        // the worker fetches its compiled chunk as soon as its own module has evaluated. (Fetching it from here into
        // the HTTP cache was tried: the worker's request did not wait for it and the chunk was fetched twice.)
        const source =
          `// evplan: starts the model worker before the app loads (src/boot.ts)\n` +
          `(()=>{const w=new Worker(new URL(${JSON.stringify("./" + worker)},document.baseURI),{type:"module"}),early=[];` +
          `w.onmessage=(e)=>early.push(e.data);let s;try{s=new URLSearchParams(location.hash.slice(1)).get("s")}catch{}` +
          `w.postMessage({type:"init",preset:s||undefined});window.__evplanBoot={worker:w,early}})();\n`;
        const hash = createHash("sha256").update(source).digest("hex").slice(0, 8);
        const fileName = `assets/boot-${hash}.js`;
        this.emitFile({ type: "asset", fileName, source });
        html.source = String(html.source).replace("<head>", `<head>\n    <script src="./${fileName}"></script>`);
      },
    },
  };
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  let commit = "";
  try {
    commit = execSync("git rev-parse --short HEAD", { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    commit = "";
  }
  return commit ? `${pkg.version} (${commit})` : pkg.version;
}

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [evplanPack(), evplanDocs(), bootScript()],
  define: { __EVPLAN_VERSION__: JSON.stringify(version()) },
  worker: { format: "es", plugins: () => [evplanPack()] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { main: join(import.meta.dirname, "index.html"), brief: join(import.meta.dirname, "brief.html") } },
  },
});
