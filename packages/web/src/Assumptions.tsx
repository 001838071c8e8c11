// "Where does this number come from?": every parameter with its value, unit, source and provenance, searchable.
import { memo, useMemo, useState } from "react";
import type { Strings } from "./i18n";
import type { ParameterInfo } from "./protocol";

export const Assumptions = memo(function Assumptions({ parameters, t }: { parameters: ParameterInfo[]; t: Strings }) {
  const [q, setQ] = useState("");
  const shown = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return parameters.filter((p) => {
      const text = `${p.name} ${p.label} ${p.unit} ${p.description} ${p.references.map((r) => `${r.title} ${r.publisher}`).join(" ")} ${p.assumption ?? ""}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [parameters, q]);
  return (
    <section className="assumptions" id="assumptions">
      <h2>{t.assumptions}</h2>
      <input type="search" placeholder={t.search} value={q} onChange={(e) => setQ(e.target.value)} data-testid="assumption-search" />
      <p className="count">
        {shown.length} / {parameters.length}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t.parameter}</th>
            <th>{t.value}</th>
            <th>{t.unit}</th>
            <th>{t.source}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.name}>
              <td>
                <div className="p-label">{p.label}</div>
                <code>{p.name}</code>
              </td>
              <td className="p-values">{p.values}</td>
              <td>{p.unit}</td>
              <td>
                <span className={`badge ${p.provenance === "assumption" ? "assumption" : "sourced"}`}>{p.provenance === "assumption" ? t.assumption : p.provenance === "sourced" ? t.sourced : `${t.sourced} + ${t.assumption}`}</span>
                {p.references.slice(0, 3).map((r, i) => (
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
