// Names of the model's things (levers, units, segments, series, scenarios) in English and Urdu. The English names
// are the data pack's own; the Urdu ones are translations for the interface. A name missing here falls back to the
// English one, and a test fails if any Latin word shows in the Urdu interface (test/urdu.spec.ts).
import type { Lang } from "./i18n";

type Table = Readonly<Record<string, string>>;

/** Lever (parameter) names in Urdu, by parameter id. English comes from the data pack's `label`. */
const PARAMETERS_UR: Table = {
  "taxes.sales_tax_ev": "برقی گاڑیوں پر جنرل سیلز ٹیکس",
  "taxes.petroleum_levy_petrol": "پیٹرول پر پیٹرولیم لیوی",
  "taxes.carbon_levy": "پیٹرول اور ڈیزل پر کاربن لیوی",
  "taxes.petroleum_levy_diesel": "ڈیزل پر پیٹرولیم لیوی",
  "taxes.customs_duty_cbu_ev": "درآمد شدہ تیار برقی گاڑیوں پر کسٹم ڈیوٹی",
  "industry.localisation_share": "مقامی طور پر تیار برقی گاڑیوں میں مقامی پرزوں کا حصہ",
  "industry.localisation_share_ice": "مقامی طور پر تیار ایندھن والی گاڑیوں میں مقامی پرزوں کا حصہ",
  "industry.exports": "برقی گاڑیوں کی برآمدات",
  "batteries.pack_cost_base": "بنیادی سال میں بیٹری پیک کی قیمت",
  "energy.solar_charging_share": "گھریلو شمسی توانائی سے چارجنگ کا حصہ",
  "policy.min_ev_share": "فروخت میں برقی گاڑیوں کا لازمی کم از کم حصہ",
  "policy.nev_levy_rate": "پیٹرول اور ہائبرڈ گاڑیوں پر این ای وی لیوی",
  "policy.subsidy_per_vehicle": "فی برقی گاڑی خریداری پر زرِ اعانت",
  "policy.subsidy_per_kwh": "بیٹری کے فی کلوواٹ آور پر زرِ اعانت",
  "policy.markup_support": "برقی گاڑیوں کے قرض پر حکومت کا ادا کردہ سود",
  "policy.ev_registration_exemption": "برقی گاڑیوں کی رجسٹریشن فیس میں چھوٹ",
  "policy.subsidy_scale": "زرِ اعانت پروگرام کا پیمانہ",
  "policy.subsidy_budget": "خریداری پر زرِ اعانت کا سالانہ بجٹ",
  "charging.government_capex_share": "عوامی چارجرز کی لاگت میں حکومت کا حصہ",
  "charging.planned_points": "منصوبہ بند یا نصب عوامی چارجنگ پوائنٹس",
  "economy.oil_price": "خام تیل کی قیمت (برینٹ)",
  "tariffs.public_charging": "عوامی چارجنگ کی قیمت (ٹیکس اور منافع سمیت)",
  "grid.managed_share": "گھریلو چارجنگ کا وہ حصہ جو کم طلب کے اوقات میں ہو",
  "adoption.target_ev_share": "نئی فروخت میں برقی گاڑیوں کا حصہ",
  "prices.fuel_pass_through": "درآمدی قیمت کا پمپ قیمتوں میں منتقل ہونے والا حصہ",
};

/** Units as shown beside a control. Fractions are shown as percentages (see leverDisplay). */
const UNITS: Record<Lang, Table> = {
  en: {
    "PKR/vehicle": "PKR per vehicle",
    "PKR/kWh": "PKR per kWh",
    "PKR/L": "PKR per litre",
    fraction: "%",
    "fraction/year": "% a year",
    dimensionless: "× announced amounts",
    PKR: "PKR bn a year",
    points: "charge points",
    "vehicles/year": "vehicles a year",
    "USD/kWh": "USD per kWh",
    "USD/bbl": "USD per barrel",
  },
  ur: {
    "PKR/vehicle": "روپے فی گاڑی",
    "PKR/kWh": "روپے فی kWh",
    "PKR/L": "روپے فی لیٹر",
    fraction: "فیصد",
    "fraction/year": "فیصد سالانہ",
    dimensionless: "× اعلان شدہ رقوم",
    PKR: "ارب روپے سالانہ",
    points: "چارجنگ پوائنٹس",
    "vehicles/year": "گاڑیاں سالانہ",
    "USD/kWh": "ڈالر فی kWh",
    "USD/bbl": "ڈالر فی بیرل",
  },
};

/** One vehicle or key, for a control row ("2-wheeler"). */
const KEYS: Record<Lang, Table> = {
  en: {
    two_wheeler: "2-wheeler",
    three_wheeler: "3-wheeler",
    car: "car",
    lcv: "light commercial",
    bus: "bus",
    truck: "truck",
    dc_fast: "DC fast",
    ac: "AC",
    swap_station: "battery swap",
    lfp: "LFP",
    nmc: "NMC",
    sodium_ion: "sodium-ion",
    petrol: "petrol",
    diesel: "diesel",
    cng: "CNG",
    ice: "combustion",
    hev: "hybrid",
    phev: "plug-in hybrid",
    bev: "battery electric",
  },
  ur: {
    two_wheeler: "دو پہیہ",
    three_wheeler: "تین پہیہ",
    car: "کار",
    lcv: "ہلکی تجارتی گاڑی",
    bus: "بس",
    truck: "ٹرک",
    dc_fast: "تیز ڈی سی",
    ac: "اے سی",
    swap_station: "بیٹری تبادلہ",
    lfp: "LFP",
    nmc: "NMC",
    sodium_ion: "سوڈیم آئن",
    petrol: "پیٹرول",
    diesel: "ڈیزل",
    cng: "سی این جی",
    ice: "روایتی انجن",
    hev: "ہائبرڈ",
    phev: "پلگ اِن ہائبرڈ",
    bev: "مکمل برقی",
  },
};

/** Plural segment names for charts and tables, with the total. */
const SEGMENTS_PLURAL: Record<Lang, Table> = {
  en: { two_wheeler: "2-wheelers", three_wheeler: "3-wheelers", car: "cars", lcv: "LCVs", bus: "buses", truck: "trucks", total: "all segments" },
  ur: {
    two_wheeler: "دو پہیہ گاڑیاں",
    three_wheeler: "تین پہیہ گاڑیاں",
    car: "کاریں",
    lcv: "ہلکی تجارتی گاڑیاں",
    bus: "بسیں",
    truck: "ٹرک",
    total: "تمام شعبے",
  },
};

const PRESETS_UR: Table = {
  "charger-first": "پہلے چارجرز",
  "local-hub-exports": "برآمدات کے ساتھ علاقائی صنعتی مرکز",
  "market-baseline": "کوئی نیا اقدام نہیں، منڈی کا طریقہ",
  "nevp-2025-30-targets": "قومی برقی گاڑی پالیسی 2025-30 کے اہداف پورے",
  "nevp-2025-30": "قومی برقی گاڑی پالیسی 2025-30 بطور اعلان شدہ (منڈی کا طریقہ)",
  "nevp-higher-fuel-levy": "بڑھتی کاربن لیوی کے ساتھ پالیسی",
  "nevp-no-subsidy": "خریداری پر زرِ اعانت کے بغیر پالیسی",
  "nevp-launch-subsidy": "اجرا کے وقت اعلان کردہ زرِ اعانت کے ساتھ پالیسی",
  "oil-shock-2026": "دیرپا تیل کے جھٹکے میں پالیسی",
  reference: "حوالہ منظرنامہ (بنیادی سال کی پالیسیاں جاری)",
  "sodium-ion-push": "سوڈیم آئن بیٹریوں پر زور (چینی شراکت داروں کے ساتھ)",
  planner: "موجودہ ترتیبات",
};

/** Chart series and small words inside charts, by an English key. */
const SERIES: Record<Lang, Table> = {
  en: {
    targets: "NEVP targets",
    target: "target",
    all: "all",
    ttw: "this scenario, tank-to-wheel",
    wtw: "this scenario, incl. power plants",
    counterfactual: "counterfactual",
    tankToWheel: "tank-to-wheel",
    subsidy_outlay: "purchase subsidies",
    financing_support: "markup support",
    tax_forgone: "tax forgone",
    fuel_levy_lost: "fuel levy lost",
    charger_support: "charger support",
    nev_levy_revenue: "NEV levy (revenue)",
    electricity_tax_gained: "electricity tax (revenue)",
    net: "net fiscal cost",
    netShort: "net",
    avoidedVs: "avoided in the year vs",
    cumulativeRight: "cumulative (right axis)",
    peak: "peak charging load",
    onePct: "1% of installed generating capacity",
    jobs: "direct jobs",
    subsidyEnd: "subsidies end",
    levyStart: "NEV levy starts",
    median: "median",
    central: "central run",
    band50: "middle half (p25-p75)",
    band90: "9 in 10 runs (p5-p95)",
    lowInput: "input at its low end (p5)",
    highInput: "input at its high end (p95)",
    year: "year",
  },
  ur: {
    targets: "پالیسی کے اہداف",
    target: "ہدف",
    all: "سب",
    ttw: "یہ منظرنامہ، گاڑی سے اخراج",
    wtw: "یہ منظرنامہ، بجلی گھروں سمیت",
    counterfactual: "متبادل منظرنامہ",
    tankToWheel: "گاڑی سے اخراج",
    subsidy_outlay: "خریداری پر زرِ اعانت",
    financing_support: "سود میں مدد",
    tax_forgone: "چھوڑا گیا ٹیکس",
    fuel_levy_lost: "ایندھن لیوی کا نقصان",
    charger_support: "چارجرز میں مدد",
    nev_levy_revenue: "این ای وی لیوی (آمدن)",
    electricity_tax_gained: "بجلی پر ٹیکس (آمدن)",
    net: "خالص مالی لاگت",
    netShort: "خالص",
    avoidedVs: "سال میں بچت، بمقابلہ",
    cumulativeRight: "مجموعی (دایاں محور)",
    peak: "چارجنگ کا زیادہ سے زیادہ بوجھ",
    onePct: "نصب پیداواری صلاحیت کا 1%",
    jobs: "براہ راست ملازمتیں",
    subsidyEnd: "زرِ اعانت ختم",
    levyStart: "این ای وی لیوی شروع",
    median: "وسطانیہ",
    central: "مرکزی حساب",
    band50: "درمیانی نصف (p25-p75)",
    band90: "دس میں سے نو حساب (p5-p95)",
    lowInput: "ان پٹ کم سرے پر (p5)",
    highInput: "ان پٹ بلند سرے پر (p95)",
    year: "سال",
  },
};

/** Units of chart values and figures. */
const VALUE_UNITS: Record<Lang, Table> = {
  en: {
    pkrBn: "PKR bn",
    usdBn: "USD bn",
    mt: "Mt",
    mtCo2: "Mt CO₂",
    mw: "MW",
    gwh: "GWh",
    pp: "pp",
    jobs: "jobs",
    points: "charge points",
    vehicles: "vehicles",
  },
  ur: {
    pkrBn: "ارب روپے",
    usdBn: "ارب ڈالر",
    mt: "ملین ٹن",
    mtCo2: "ملین ٹن CO₂",
    mw: "میگاواٹ",
    gwh: "گیگاواٹ آور",
    pp: "فیصدی پوائنٹ",
    jobs: "ملازمتیں",
    points: "چارجنگ پوائنٹس",
    vehicles: "گاڑیاں",
  },
};

export interface Labels {
  readonly lang: Lang;
  parameter(id: string, english: string): string;
  unit(unit: string): string;
  key(key: string): string;
  segments(segment: string): string;
  preset(name: string, englishTitle: string): string;
  series(key: keyof (typeof SERIES)["en"]): string;
  valueUnit(key: keyof (typeof VALUE_UNITS)["en"]): string;
}

const cache = new Map<Lang, Labels>();

export function labels(lang: Lang): Labels {
  let l = cache.get(lang);
  if (l) return l;
  const ur = lang === "ur";
  l = {
    lang,
    parameter: (id, english) => (ur ? (PARAMETERS_UR[id] ?? english) : english),
    unit: (u) => UNITS[lang][u] ?? u,
    key: (k) => KEYS[lang][k] ?? k.replace(/_/g, " "),
    segments: (s) => SEGMENTS_PLURAL[lang][s] ?? s,
    preset: (name, title) => (ur ? (PRESETS_UR[name] ?? title) : title),
    series: (k) => SERIES[lang][k],
    valueUnit: (k) => VALUE_UNITS[lang][k],
  };
  cache.set(lang, l);
  return l;
}

/** Lever units for which the control shows a percentage (the model stores a fraction). */
export function isFraction(unit: string): boolean {
  return unit === "fraction" || unit === "fraction/year";
}

/** Every table's keys, for the test that no lever or preset is left without an Urdu name. */
export const URDU_TABLES = { PARAMETERS_UR, PRESETS_UR, UNITS_UR: UNITS.ur, KEYS_UR: KEYS.ur };
