declare module "virtual:evplan-pack" {
  const pack: {
    parameters: { name: string; file: string; data: unknown }[];
    scenarios: { name: string; file: string; data: Record<string, unknown> }[];
  };
  export default pack;
}
declare module "*.css";
declare module "*?url" {
  const url: string;
  export default url;
}
declare const __EVPLAN_VERSION__: string;
