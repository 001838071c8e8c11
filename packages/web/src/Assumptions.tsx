// "Where does this number come from?": every parameter with its value, unit, source and provenance, searchable.
import { memo, useMemo, useState } from "react";
import type { Strings } from "./i18n";
import type { ParameterInfo } from "./protocol";

type Filter = "all" | "sourced" | "assumption";

export const Assumptions = memo(function Assumptions({ parameters, t }: { parameters: ParameterInfo[]; t: Strings }) {
  const [q, setQ] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const shown = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return parameters.filter((p) => {
      if (filter === "sourced" && p.provenance === "assumption") return false;
      if (filter === "assumption" && p.provenance === "sourced") return false;
      const text =
        `${p.name} ${p.label} ${p.unit} ${p.description} ${p.references.map((r) => `${r.title} ${r.publisher}`).join(" ")} ${p.assumption ?? ""}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [parameters, q, filter]);
  const counts = useMemo(
    () => ({
      sourced: parameters.filter((p) => p.provenance !== "assumption").length,
      assumption: parameters.filter((p) => p.provenance !== "sourced").length,
    }),
    [parameters],
  );
  return (
    <section className="assumptions panel" id="assumptions">
      <h2>{t.assumptions}</h2>
      <div className="assumption-tools">
        <input type="search" aria-label={t.search} placeholder={t.search} value={q} onChange={(e) => setQ(e.target.value)} data-testid="assumption-search" />
        <div className="segmented" role="group">
          {(["all", "sourced", "assumption"] as const).map((f) => (
            <button key={f} type="button" className={filter === f ? "on" : ""} onClick={() => setFilter(f)} data-testid={`filter-${f}`}>
              {f === "all"
                ? `${t.filterAll} ${parameters.length}`
                : f === "sourced"
                  ? `${t.filterSourced} ${counts.sourced}`
                  : `${t.filterAssumption} ${counts.assumption}`}
            </button>
          ))}
        </div>
        <span className="count" data-testid="assumption-count">
          {shown.length} / {parameters.length} {t.shown}
        </span>
      </div>
      <div className="table-wrap">
        <table>
          <colgroup>
            <col style={{ width: "26%" }} />
            <col style={{ width: "24%" }} />
            <col style={{ width: "10%" }} />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>{t.parameter}</th>
              <th>{t.value}</th>
              <th>{t.unit}</th>
              <th>{t.source}</th>
            </tr>
          </thead>
          {/* The reference table quotes the data pack as published (English): definitions, values and sources. */}
          <tbody lang="en" dir="ltr">
            {shown.map((p) => (
              <tr key={p.name}>
                <td>
                  <div className="p-label">{p.label}</div>
                  <code>{p.name}</code>
                  <div className="p-desc">{p.description}</div>
                </td>
                <td className="p-values">
                  {p.values.map((v, i) => (
                    <div key={i}>{v}</div>
                  ))}
                </td>
                <td className="p-unit">{p.unit}</td>
                <td>
                  <span className={`badge ${p.provenance === "assumption" ? "assumption" : "sourced"}`}>
                    {p.provenance === "assumption" ? t.assumption : p.provenance === "sourced" ? t.sourced : `${t.sourced} + ${t.assumption}`}
                  </span>
                  {p.references.map((r, i) => (
                    <div key={i} className="ref">
                      {r.url ? (
                        <a href={r.url} target="_blank" rel="noreferrer">
                          {r.publisher}, {r.date}
                        </a>
                      ) : (
                        `${r.publisher}, ${r.date}`
                      )}
                      : {r.title}
                    </div>
                  ))}
                  {p.assumption && <div className="ref assumption-text">{p.assumption}</div>}
                  <div className="p-file">
                    <code>{p.file}</code>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});
