// Vite build of the planner. The data pack and the scenarios are read from the repository at build time and
// bundled as a virtual module, so the built app is static and needs no server.
import { defineConfig, type Plugin } from "vite";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";
import { execSync } from "node:child_process";
import { docPage } from "./docs-html.ts";

const root = join(import.meta.dirname, "..", "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const f = join(dir, e);
      return statSync(f).isDirectory() ? yamlFiles(f) : e.endsWith(".yaml") ? [f] : [];
    });
}

function evplanPack(): Plugin {
  const id = "virtual:evplan-pack";
  return {
    name: "evplan-pack",
    resolveId: (source) => (source === id ? "\0" + id : null),
    load(source) {
      if (source !== "\0" + id) return null;
      const dataDir = join(root, "data", "pakistan");
      const parameters = yamlFiles(dataDir).map((f) => {
        this.addWatchFile(f);
        return {
          name: relative(dataDir, f)
            .replace(/\.yaml$/, "")
            .split(sep)
            .join("."),
          file: relative(root, f),
          data: parse(readFileSync(f, "utf8")),
        };
      });
      const scenarios = yamlFiles(join(root, "scenarios")).map((f) => ({
        name: relative(join(root, "scenarios"), f).replace(/\.yaml$/, ""),
        file: relative(root, f),
        data: parse(readFileSync(f, "utf8")),
      }));
      return `export default ${JSON.stringify({ parameters, scenarios })};`;
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
  plugins: [evplanPack(), evplanDocs()],
  define: { __EVPLAN_VERSION__: JSON.stringify(version()) },
  worker: { format: "es", plugins: () => [evplanPack()] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { main: join(import.meta.dirname, "index.html"), brief: join(import.meta.dirname, "brief.html") } },
  },
});
