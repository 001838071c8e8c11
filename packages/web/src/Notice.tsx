// What a link asked for that the planner could not apply: shown once, above the results, until dismissed.
import { noticeLines, type StateNotice } from "./state";
import type { Lang } from "./i18n";

const TEXT: Record<Lang, { title: string; dismiss: string }> = {
  en: { title: "Some settings in this link were ignored or adjusted; the rest apply:", dismiss: "Dismiss" },
  ur: { title: "اس لنک کی کچھ ترتیبات نظر انداز یا درست کی گئیں؛ باقی لاگو ہیں:", dismiss: "بند کریں" },
};

export function LinkNotice({ notices, lang, onDismiss }: { notices: readonly StateNotice[]; lang: Lang; onDismiss: () => void }) {
  if (notices.length === 0) return null;
  const t = TEXT[lang];
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <p>{t.title}</p>
      <ul>
        {noticeLines(notices).map((line, i) => (
          <li key={i} dir="ltr">
            {line}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
