// The Urdu font, bundled (no CDN): Noto Naskh Arabic (SIL Open Font License 1.1), the Arabic-script subset that
// @fontsource ships as WOFF2, regular and bold. Declared for the Arabic ranges only, so an English page never loads it;
// a Debian machine without Arabic fonts still shows every Urdu letter (ہ and ے included).
import regular from "@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2?url";
import bold from "@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2?url";

export const URDU_FONT = "Noto Naskh Arabic";
/** Arabic, Arabic Supplement, Extended-A, Presentation Forms A and B, and the joiners and direction marks. */
const RANGES = "U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+2028-202F, U+25CC";

export function registerFonts(): void {
  for (const [url, weight] of [
    [regular, "400"],
    [bold, "700"],
  ] as const) {
    document.fonts.add(new FontFace(URDU_FONT, `url(${url}) format("woff2")`, { weight, unicodeRange: RANGES, display: "swap" }));
  }
}

let cached: Promise<string> | null = null;
/** The regular face as a data: URL, to embed in exported SVG files. */
export function fontDataUrl(): Promise<string> {
  cached ??= fetch(regular)
    .then((r) => r.blob())
    .then(
      (b) =>
        new Promise<string>((resolve) => {
          const fr = new FileReader();
          fr.onload = () => resolve(String(fr.result).replace(/^data:[^;]*;/, "data:font/woff2;"));
          fr.readAsDataURL(b);
        }),
    );
  return cached;
}
