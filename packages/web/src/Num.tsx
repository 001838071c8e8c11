// Numbers inside text, isolated left to right: in an Urdu (right-to-left) line "−17.9" would otherwise show as
// "17.9−", and "2025–2030" as "2030–2025". Every numeric run (with its sign, %, × or range dash) becomes a <bdi dir="ltr">;
// the words around it keep the page's direction.
import type { ReactNode } from "react";

const NUMERIC = /([+−\-×≥≤]?\s?\d[\d.,]*(?:\s?[–-]\s?\d[\d.,]*)?%?)/;

export function N({ children }: { children: ReactNode }) {
  if (typeof children !== "string" && typeof children !== "number") return <bdi>{children}</bdi>;
  const parts = String(children).split(NUMERIC);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <bdi dir="ltr" key={i}>
            {p}
          </bdi>
        ) : (
          p
        ),
      )}
    </>
  );
}
