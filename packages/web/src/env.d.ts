declare module "virtual:evplan-pack" {
  const pack: {
    /** The registry's parameters, validated at build time, as JSON text (src/pack.ts reads it). */
    registry: string;
    scenarios: { name: string; file: string; data: Record<string, unknown> }[];
    /** Each bundled preset's catalogue entry, from its compilation at build time. */
    presets: import("./protocol").PresetInfo[];
    /** The catalogue's parameter list (ParameterInfo[]) as JSON text, made at build time from the same registry. */
    parameters: string;
  };
  export default pack;
  /** Each bundled preset compiled with its counterfactual at build time (src/compiled-form.ts, decodeCompiled), one chunk each. */
  export const compiledPresets: Record<string, () => Promise<{ default: string }>>;
}
declare module "*.css";
declare module "*?url" {
  const url: string;
  export default url;
}
declare const __EVPLAN_VERSION__: string;
