// The API reference as one HTML page, rendered here from the OpenAPI document (no script, no CDN): each endpoint
// with its summary, a curl example, and its request and response schemas; then the problem types.
type Json = Record<string, unknown>;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** Escaped prose with `code` spans. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");

function curl(method: string, path: string, example: unknown): string {
  const url = `http://127.0.0.1:8080${path.replace("{name}", "my-levy").replace("{id}", "JOB_ID")}`;
  if (example === undefined) return method === "get" ? `curl ${url}` : `curl -X ${method.toUpperCase()} ${url}`;
  return `curl -X ${method.toUpperCase()} ${url} \\\n  -H 'content-type: application/json' \\\n  -d '${JSON.stringify(example).replace(/'/g, "'\\''")}'`;
}

function schemaBlock(title: string, schema: unknown): string {
  const text = JSON.stringify(schema, null, 2);
  return `<details><summary>${esc(title)}</summary><pre>${esc(text)}</pre></details>`;
}

export function referencePage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const parts: string[] = [];
  const toc: string[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const id = String(op.operationId);
      toc.push(`<li><a href="#${esc(id)}"><code>${method.toUpperCase()} ${esc(path)}</code></a> ${esc(String(op.summary))}</li>`);
      const body = op.requestBody as Json | undefined;
      const media = (body?.content as Record<string, Json> | undefined)?.["application/json"];
      const responses = Object.entries(op.responses as Record<string, Json>)
        .map(([code, r]) => {
          const content = r.content as Record<string, Json> | undefined;
          const [type, m] = content ? Object.entries(content)[0] : [undefined, undefined];
          return `<li><strong>${esc(code)}</strong> ${esc(String(r.description))}${type ? ` <code>${esc(type)}</code>` : ""}${m ? schemaBlock("schema", m.schema) : ""}</li>`;
        })
        .join("");
      parts.push(`<section id="${esc(id)}">
<h2><code>${method.toUpperCase()} ${esc(path)}</code></h2>
<p>${prose(String(op.summary))}${op.description ? `. ${prose(String(op.description))}` : ""}</p>
<pre class="curl">${esc(curl(method, path, media?.example))}</pre>
${media ? schemaBlock("request body schema", media.schema) : ""}
<h3>Responses</h3><ul>${responses}</ul>
</section>`);
    }
  }
  const problems = Object.entries(doc["x-problem-types"] as Record<string, string>)
    .map(([k, v]) => `<tr id="problem-${esc(k)}"><td><code>${esc(k)}</code></td><td>${prose(v)}</td></tr>`)
    .join("");
  const schemas = Object.entries((doc.components as Json).schemas as Json)
    .map(([k, v]) => `<section id="schema-${esc(k)}"><h3>${esc(k)}</h3>${schemaBlock("JSON Schema", v)}</section>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title))} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f4f4f4;padding:.6rem;overflow:auto;border-radius:4px}
pre.curl{background:#102030;color:#e8f0f8}section{border-top:1px solid #ddd;margin-top:1.5rem}h2{font-size:1.1rem}
summary{cursor:pointer;color:#205080}table{border-collapse:collapse}td{border-bottom:1px solid #eee;padding:.2rem .6rem;vertical-align:top}
</style></head><body>
<h1>${esc(String(info.title))} <small>${esc(String(info.version))}</small></h1>
<p>${prose(String(info.description))}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). The planner: <a href="/">/</a>.</p>
<ul>${toc.join("")}</ul>
${parts.join("\n")}
<section><h2>Problem types</h2><p>Every error is <code>application/problem+json</code>: <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> (the CLI's message lines), <code>field</code> and <code>issues</code> (file, line, column, field, message).</p><table>${problems}</table></section>
<section><h2>Schemas</h2>${schemas}</section>
</body></html>
`;
}
