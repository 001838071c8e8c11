// One documentation page as HTML: the Markdown rendered by marked, an id on every heading (the number and words
// of the heading, without its code parenthesis: "## 5. Fleet: stock turnover (`engine.ts`)" is
// `5-fleet-stock-turnover`, and GitHub's longer slug works too), links between the .md files pointing at the .html.
import { Marked } from "marked";

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z]+;/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function docPage(md: string, file: string, files: readonly string[]): string {
  const seen = new Map<string, number>();
  const unique = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n ? `${id}-${n}` : id;
  };
  const toc: { depth: number; id: string; text: string }[] = [];
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth, text }) {
        const html = this.parser.parseInline(tokens);
        const short = slug(text.replace(/\s*\(`[^)]*\)\s*$/, ""));
        const long = slug(text);
        const id = unique(short);
        if (depth <= 3 && depth > 1) toc.push({ depth, id, text: html });
        const alias = long !== short ? `<a id="${unique(long)}" aria-hidden="true"></a>` : "";
        return `<h${depth} id="${id}">${alias}${html} <a class="anchor" href="#${id}" aria-label="link to this section">#</a></h${depth}>\n`;
      },
      link({ href, tokens }) {
        const text = this.parser.parseInline(tokens);
        const local = /^([\w.-]+)\.md(#.*)?$/.exec(href);
        const target = local && files.includes(`${local[1]}.md`) ? `${local[1]}.html${local[2] ?? ""}` : href;
        return `<a href="${target}">${text}</a>`;
      },
    },
  });
  const body = marked.parse(md, { async: false }) as string;
  const title = /^#\s+(.+)$/m.exec(md)?.[1] ?? file;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · evplan</title>
<style>
body{font:15px/1.6 "Segoe UI",system-ui,-apple-system,Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;color:#0f172a;margin:0;background:#f8fafc}
main{max-width:860px;margin:0 auto;padding:24px 20px 60px;background:#fff;min-height:100vh}
nav.top{font-size:13px;margin-bottom:12px}nav.top a{margin-inline-end:12px}
a{color:#0f766e}h1,h2,h3{line-height:1.25;scroll-margin-top:12px}h2{margin-top:2em;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
:target{background:#fef9c3}
.anchor{color:#94a3b8;text-decoration:none;font-size:.8em}
code{font:13px ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;background:#f1f5f9;padding:1px 4px;border-radius:4px}
pre{background:#f1f5f9;padding:12px;overflow:auto;border-radius:6px}pre code{background:none;padding:0}
table{border-collapse:collapse;display:block;overflow:auto;font-size:13px}th,td{border:1px solid #e2e8f0;padding:4px 8px;text-align:start}
details.toc{margin:8px 0 16px;font-size:13.5px}
</style>
</head>
<body>
<main>
<nav class="top" aria-label="documentation">${files.map((f) => `<a href="${f.replace(/\.md$/, ".html")}"${f === file ? ' aria-current="page"' : ""}>${f.replace(/\.md$/, "")}</a>`).join("")}<a href="../index.html">planner</a></nav>
${toc.length > 3 ? `<details class="toc" open><summary>Contents</summary><ul>${toc.map((h) => `<li style="margin-inline-start:${(h.depth - 2) * 16}px"><a href="#${h.id}">${h.text}</a></li>`).join("")}</ul></details>` : ""}
${body}
</main>
</body>
</html>
`;
}
