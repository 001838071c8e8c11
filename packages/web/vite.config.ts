// Vite build of the planner. The data pack and the scenarios are read from the repository at build time and
// bundled as a virtual module, so the built app is static and needs no server.
import { defineConfig, type Plugin } from "vite";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";

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

/** Copies the model documentation into the build, so that each chart's "method" link works offline. */
function evplanDocs(): Plugin {
  return {
    name: "evplan-docs",
    generateBundle() {
      const docs = join(root, "docs");
      for (const f of readdirSync(docs).filter((f) => f.endsWith(".md"))) {
        this.emitFile({ type: "asset", fileName: `docs/${f}`, source: readFileSync(join(docs, f), "utf8") });
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [evplanPack(), evplanDocs()],
  worker: { format: "es", plugins: () => [evplanPack()] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
