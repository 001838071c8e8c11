// The "Saved scenarios" panel: save the current settings under a name (on the evplan server), list, open, rename,
// delete, and copy a link that opens the planner on a saved one. Self-contained: App passes the state and a setter.
import { useCallback, useEffect, useState } from "react";
import { scenarioDocument } from "./files";
import type { InitReply } from "./protocol";
import {
  createSaved,
  deleteSaved,
  getSaved,
  listSaved,
  savedFromHash,
  savedLink,
  stateFromSaved,
  updateSaved,
  type PresetPaths,
  type SavedSummary,
} from "./saved";
import type { ViewState } from "./state";

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The panel's words in English and Urdu (kept here: the panel is the only user of them). */
const WORDS = {
  en: {
    summary: "Saved scenarios",
    static: "Saving needs the evplan server (npm start); this copy of the planner is static. Export YAML instead.",
    name: "name",
    namePh: "name, e.g. levy-2027",
    notes: "notes",
    save: "Save current settings",
    newName: "new name",
    ok: "OK",
    cancel: "Cancel",
    open: "Open",
    rename: "Rename",
    link: "Link",
    delete: "Delete",
  },
  ur: {
    summary: "محفوظ منظرنامے",
    static: "محفوظ کرنے کے لیے ای وی پلان سرور درکار ہے؛ منصوبہ ساز کی یہ نقل جامد ہے۔ اس کے بجائے منظرنامے کی فائل برآمد کریں۔",
    name: "نام",
    namePh: "نام، مثلاً لیوی ۲۰۲۷",
    notes: "نوٹ",
    save: "موجودہ ترتیبات محفوظ کریں",
    newName: "نیا نام",
    ok: "ٹھیک ہے",
    cancel: "منسوخ",
    open: "کھولیں",
    rename: "نام بدلیں",
    link: "ربط",
    delete: "حذف کریں",
  },
} as const;

export function SavedScenarios(props: {
  init: InitReply | null;
  state: ViewState;
  /** The moved series' dated paths of the current run (what the exported YAML carries); null until it arrives. */
  applied: Readonly<Record<string, Record<number, number>>> | null;
  counterfactual: string | null;
  onOpen: (s: ViewState) => void;
  /** The saved scenario's preset's lever paths (a run of it with no lever moved), to restore hand-set years. */
  presetPaths: (preset: string) => Promise<PresetPaths>;
}) {
  const { init, state, applied, counterfactual, onOpen, presetPaths } = props;
  const [list, setList] = useState<SavedSummary[] | undefined | null>(null);
  const [name, setName] = useState("");
  const [notes, setNotes] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);

  const refresh = useCallback(() => listSaved().then(setList, (e: Error) => setMessage(e.message)), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = useCallback(
    async (saved: string) => {
      if (!init) return;
      try {
        const s = await getSaved(saved);
        const names = init.presets.map((p) => p.name);
        const preset = s.scenario.extends && names.includes(s.scenario.extends) ? s.scenario.extends : state.preset;
        const { state: next, ignored } = stateFromSaved(s, init.levers, names, state, await presetPaths(preset));
        onOpen(next);
        setMessage(`Opened "${saved}"${ignored.length ? `; not shown in the planner: ${ignored.join(", ")}` : ""}`);
      } catch (e) {
        setMessage(`Cannot open "${saved}": ${(e as Error).message}`);
      }
    },
    [init, state, onOpen, presetPaths],
  );

  // A link to a saved scenario (#saved=<name>) opens it once the model is ready.
  const [linked, setLinked] = useState(() => savedFromHash(location.hash));
  useEffect(() => {
    const onHash = () => {
      const n = savedFromHash(location.hash);
      if (n) setLinked(n);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (!init || !linked) return;
    setLinked(undefined);
    void open(linked);
  }, [init, linked, open]);

  const save = async () => {
    if (!init || !applied) return;
    if (!NAME.test(name)) return setMessage("A name is lower-case letters, digits and dashes (at most 64).");
    const doc = scenarioDocument(state, applied, counterfactual);
    try {
      if (list?.some((s) => s.name === name)) await updateSaved(name, { notes, scenario: doc });
      else await createSaved(name, notes, doc);
      setMessage(`Saved "${name}"`);
      await refresh();
    } catch (e) {
      setMessage(`Not saved: ${(e as Error).message}`);
    }
  };

  const rename = async () => {
    if (!renaming) return;
    try {
      await updateSaved(renaming.from, { name: renaming.to });
      setMessage(`Renamed "${renaming.from}" to "${renaming.to}"`);
      setRenaming(null);
      await refresh();
    } catch (e) {
      setMessage(`Not renamed: ${(e as Error).message}`);
    }
  };

  const remove = async (saved: string) => {
    if (!confirm(`Delete the saved scenario "${saved}"?`)) return;
    try {
      await deleteSaved(saved);
      setMessage(`Deleted "${saved}"`);
      await refresh();
    } catch (e) {
      setMessage(`Not deleted: ${(e as Error).message}`);
    }
  };

  const copyLink = (saved: string) =>
    navigator.clipboard?.writeText(savedLink(saved)).then(
      () => setMessage(`Link to "${saved}" copied`),
      () => setMessage(savedLink(saved)),
    );

  const w = WORDS[props.state.lang === "ur" ? "ur" : "en"];
  return (
    <details className="saved" data-testid="saved">
      <summary>
        {w.summary}
        {list ? ` (${list.length})` : ""}
      </summary>
      {list === undefined ? (
        <p className="hint">{w.static}</p>
      ) : (
        <>
          <form
            className="saved-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input aria-label={w.name} placeholder={w.namePh} value={name} onChange={(e) => setName(e.target.value)} data-testid="saved-name" />
            <input aria-label={w.notes} placeholder={w.notes} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="saved-notes" />
            <button type="submit" disabled={!init || !applied} data-testid="saved-save">
              {w.save}
            </button>
          </form>
          <ul className="saved-list">
            {list?.map((s) => (
              <li key={s.name} data-testid={`saved-${s.name}`}>
                {renaming?.from === s.name ? (
                  <>
                    <input
                      aria-label={w.newName}
                      value={renaming.to}
                      onChange={(e) => setRenaming({ from: s.name, to: e.target.value })}
                      data-testid="saved-rename-to"
                    />
                    <button type="button" onClick={() => void rename()} data-testid="saved-rename-ok">
                      {w.ok}
                    </button>
                    <button type="button" onClick={() => setRenaming(null)}>
                      {w.cancel}
                    </button>
                  </>
                ) : (
                  <>
                    <strong>{s.name}</strong>
                    {s.notes && <span className="notes"> · {s.notes}</span>}
                    <span className="when"> · {s.updated_at.slice(0, 16).replace("T", " ")} UTC</span>
                    <button type="button" onClick={() => void open(s.name)} data-testid="saved-open">
                      {w.open}
                    </button>
                    <button type="button" onClick={() => setRenaming({ from: s.name, to: s.name })} data-testid="saved-rename">
                      {w.rename}
                    </button>
                    <button type="button" onClick={() => void copyLink(s.name)} data-testid="saved-link">
                      {w.link}
                    </button>
                    <button type="button" onClick={() => void remove(s.name)} data-testid="saved-delete">
                      {w.delete}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {message && (
        <p className="hint" role="status" data-testid="saved-message">
          {message}
        </p>
      )}
    </details>
  );
}
