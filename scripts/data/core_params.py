import os, json
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "pakistan")
SEG = ["two_wheeler","three_wheeler","car","lcv","bus","truck"]
def ref(title, publisher, date, url=None, note=None):
    r = {"title": title, "publisher": publisher, "date": date}
    if url: r["url"] = url
    if note: r["note"] = note
    return r
PAMA = ref("PAMA vehicle sales for FY2024-25 (report; title paraphrased)", "Business Recorder", "2025-07-10", "https://www.brecorder.com/news/40372068", "PAMA members' FY2024-25 sales")
PROFIT3W = ref("Three-wheeler brand sales Jul-Nov FY26 (title paraphrased)", "Profit (Pakistan Today)", "2025-12-15", None, "Sazgar 9,439, Qingqi 4,347, United 643, Road Prince 611 in five months [as summarised in shared/DATA-SOURCES.md]")
ANADOLU = ref("Pakistan EV stock, statement of the PM's special assistant (SAPM) (title paraphrased)", "Anadolu Agency", "2025-06", None, "about 70,000 e-motorcycles, 5,200 e-cars, 450 e-buses in mid-2025")
EDB = ref("EV adoption rate 2.2% for 2W/3W, 0% for 4W (EDB figure as reported) (title paraphrased)", "siasi.pk", "2025", None, "[weak] aggregator")
HAO = ref("Hao H, Wang H, Ouyang M, Cheng F: Vehicle survival patterns in China", "Science China Technological Sciences 54(3):625-629", "2011", None, "Weibull: private cars k 4.79, lambda 14.46; buses 5.08/11.53; trucks 5.58/12.8 (heavy)")
DAWN_MC = ref("Motorcycles: about 12,000 km a year and about 20 litres of petrol a month (title paraphrased)", "Dawn", "2023", None, "derived: 12,000 km / (20 L x 12) = 50 km/L = 2.0 L/100 km")
DAWN_E2W = ref("Electric motorcycle: 1.5 kWh per ~80 km, Rs 82,500 (title paraphrased)", "Dawn", "2021", None, "about 19 Wh/km")
SAZGAR = ref("Sazgar electric rickshaw launch: 6 kWh Li-ion pack, 3 kW motor, 125 km range (title paraphrased)", "Sazgar Engineering (launch reported in the press)", "2020", None, "derived: 6 kWh / 125 km = 48 Wh/km")
SINDH_BUS = ref("Karachi 12 m electric buses, about 240 km per charge (title paraphrased)", "Government of Sindh", "2023", None, "")
IPCC_V2C1 = ref("2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy, Ch. 1 Introduction, Table 1.2 (default net calorific values)", "IPCC / IGES", "2006", "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html", "motor gasoline 44.3 TJ/Gg; gas/diesel oil 43.0 TJ/Gg; natural gas 48.0 TJ/Gg")
IPCC_V2C3 = ref("2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy, Ch. 3 Mobile Combustion, Table 3.2.1 (road transport default CO2 emission factors)", "IPCC / IGES", "2006", "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html", "motor gasoline 69,300 kg/TJ; diesel 74,100 kg/TJ; CNG 56,100 kg/TJ")
EN228 = ref("EN 228:2012+A1:2017 Automotive fuels - Unleaded petrol - Requirements and test methods", "CEN (European Committee for Standardization)", "2017", None, "density at 15 C: 720-775 kg/m3; 740 used")
EN590 = ref("EN 590:2013+A1:2017 Automotive fuels - Diesel - Requirements and test methods", "CEN (European Committee for Standardization)", "2017", None, "density at 15 C: 820-845 kg/m3 (temperate grades); 840 used")
TOPLINE = ref("Power generation FY25: 127,159 GWh; hydro 31.44%, nuclear 17.66%, RLNG 17.48%, local coal 12.23%, gas 8.82%, imported coal 7.13%, wind 3.02%, fuel oil 0.41% (Topline Securities data) (title paraphrased)", "Express Tribune", "2025-07-21", None, "")
LOWCARBON = ref("Pakistan electricity carbon intensity 2023: 309.55 g CO2/kWh (title paraphrased)", "lowcarbonpower.org", "2024", None, "[weak] aggregator; consistent with the derivation")
SBP_FX = ref("Exchange rate about PKR 281 per USD, Apr-Oct 2025 (SBP reference rates) (title paraphrased)", "State Bank of Pakistan", "2025", "https://www.sbp.org.pk", "")
PBS_OIL = ref("Petroleum import bill FY24 USD 16.91 bn: products 6.64, crude 5.53, LNG 3.95, LPG 0.79 (title paraphrased)", "Pakistan Bureau of Statistics (as reported)", "2024", None, "")
ES_FLEET = ref("Registered vehicles, September 2022 (Pakistan Economic Survey 2022-23) (title paraphrased)", "Business Recorder", "2023-11-18", None, "26,884,786 motorcycles; 1,001,860 three-wheelers; 4,499,423 four-wheelers; 34,907,449 in all")
ES_FUEL = ref("Pakistan Economic Survey 2024-25: transport used 10.54 Mt of petroleum products in Jul-Mar FY25, 80% of petroleum demand (title paraphrased)", "The News", "2025-06-10", None, "annualised x 12/9 = 14.05 Mt (derived)")

def tri(lo, mode, hi, note=None):
    u = {"distribution": "triangular", "scale": "factor", "min": lo, "mode": mode, "max": hi}
    if note: u["note"] = note
    return u
def uni(lo, hi, note=None):
    u = {"distribution": "uniform", "scale": "factor", "min": lo, "max": hi}
    if note: u["note"] = note
    return u

def segv(*vals): return dict(zip(SEG, vals))

P = {}
def add(name, label, unit, values, description, index=None, interpolation=None, reference=None, assumption=None, uncertainty=None, lever=None, bounds=None):
    d = {"description": description, "label": label, "unit": unit}
    if index: d["index"] = index
    if interpolation: d["interpolation"] = interpolation
    d["values"] = values
    if reference: d["reference"] = reference
    if assumption: d["assumption"] = assumption
    if uncertainty: d["uncertainty"] = uncertainty
    if lever: d["lever"] = lever
    if bounds: d["bounds"] = bounds
    P[name] = d

# ---------------- sales
add("sales.base_year", "New vehicle sales, FY2025", "vehicles/year",
    {2025: segv(1483752, 35000, 133695, 14328, 788, 4444)},
    "New vehicles sold in FY2025 (July 2024 - June 2025), per segment: the starting point of sales. From PAMA members' "
    "sales (Business Recorder, 10 Jul 2025): motorcycles and rickshaws 1,518,752, of which three-wheelers about 35,000 "
    "(Profit's brand data, Jul-Nov FY26, annualised: 15,040 x 12/5 = 36,100), so two-wheelers 1,518,752 - 35,000 = "
    "1,483,752; cars including jeeps and pickups 148,023, of which jeeps and pickups 35,820, split 60% SUVs/jeeps (car) "
    "and 40% pickups (lcv): car = 112,203 + 21,492 = 133,695, lcv = 14,328; trucks 4,444; buses 788. PAMA's figures miss "
    "non-member makers (many e-bike and Chinese two-wheeler brands, rickshaw loaders, imported buses), so the true "
    "market is larger, above all for two-wheelers: hence an uncertainty range skewed upward.",
    index="segment", reference=[PAMA, PROFIT3W],
    assumption="The split of PAMA's 35,820 jeeps and pickups into SUVs (60%) and pickups (40%) is assumed, as is the three-wheeler figure annualised from five months of one later year.",
    uncertainty=tri(0.95, 1.0, 1.3, "PAMA covers members only; non-member two-wheeler and loader sales are missing"))
add("sales.market_coverage", "Whole market relative to PAMA sales", "dimensionless",
    {2025: segv(1.15, 2.0, 1.15, 1.3, 4.0, 2.5)},
    "Ratio of the whole market's inflow of new vehicles to PAMA members' reported sales (sales.base_year), per segment: "
    "base-year sales in the model are sales.base_year x this factor. PAMA does not report non-member makers (e-bike and "
    "Chinese two-wheeler brands, rickshaw and loader makers), imported used and reconditioned cars, or trucks and buses "
    "assembled or bodied outside its members. This is the calibration parameter of the base year: the factors make "
    "the modelled active fleet plausible against the registered fleet (35 m registrations, cumulative) and the road "
    "fuel use close to the Economic Survey's transport figure; the remaining differences are reported by "
    "`evplan calibration` and in docs/calibration.md.",
    index="segment",
    assumption="Calibrated, not observed. Two-wheelers: non-member brands add about 15%; three-wheelers: loaders and non-member rickshaw makers double PAMA's count; cars: used imports add about 15%; heavy vehicles: PAMA's 788 buses and 4,444 trucks cannot sustain the 354,220 trucks and tankers (Ministry of Communications, Dunya, 8 Dec 2023) and the bus and coach fleet in use, so the factors are large and uncertain.",
    uncertainty=tri(0.8, 1.0, 1.25))
add("sales.growth_rate", "Growth of new vehicle sales", "fraction/year",
    {2026: segv(0.05, 0.05, 0.08, 0.06, 0.05, 0.05), 2030: segv(0.04,0.04,0.05,0.05,0.04,0.04), 2040: segv(0.03,0.03,0.035,0.035,0.03,0.03), 2050: segv(0.02,0.02,0.025,0.025,0.02,0.02), 2060: segv(0.015,0.015,0.02,0.02,0.015,0.015)},
    "Annual growth of total new-vehicle sales per segment from FY2026 on (sales(t) = sales(t-1) x (1 + rate)). "
    "FY2025 itself is the base year. Linear between dates.",
    index="segment", interpolation="linear",
    assumption="No official forecast of vehicle sales exists. Rates follow GDP growth of 3-5% with income elasticity near one, a "
    "cyclical recovery of car sales after the FY2023-24 slump, and slowing growth as ownership matures. Wide range.",
    uncertainty=tri(0.4, 1.0, 1.5))
add("sales.historical_growth_rate", "Average growth of sales before FY2025", "fraction/year",
    {2025: segv(0.047, 0.03, 0.02, 0.02, 0.0, -0.01)},
    "Average annual growth of new-vehicle sales over the decades before FY2025, used only to back-cast the sales of "
    "each past vintage (sales(2025 - a) = sales(2025) / (1 + rate)^a) and so the base-year fleet by age. Motorcycles: "
    "about 0.6 m a year around 2005 to 1.5 m in FY2025, (1.5/0.6)^(1/20) - 1 = 4.7% a year. A negative rate for trucks "
    "means FY2025's depressed PAMA truck sales are below the historical average.",
    index="segment",
    assumption="The motorcycle rate is derived from round figures (about 0.6 m sales in the mid-2000s); the others are chosen so "
    "that the base-year fleet and fuel use are plausible against the registered fleet and the Economic Survey (see docs/calibration.md).",
    uncertainty=uni(0.5, 1.5))
# ---------------- fleet
add("fleet.survival_lambda", "Survival scale (Weibull lambda)", "years",
    {2025: segv(18, 12, 25, 22, 18, 28)},
    "Scale of the Weibull survival curve S(a) = exp(-(a/lambda)^k): at age lambda, 37% of a vintage is still in use. "
    "Hao et al. (2011) estimate lambda 14.5 for private cars and 11.5-12.8 for buses and trucks in China; the ICCT Roadmap "
    "model calibrates lambda 15-28 for cars in emerging markets. Pakistan keeps vehicles long (1980s-90s cars and "
    "trucks are common on the road), so values at the upper end are used.",
    index="segment", reference=[HAO],
    assumption="No published survival curve for Pakistan or for South Asian two- and three-wheelers was found; values are chosen "
    "within the published ranges and checked against the registered fleet (evplan calibration).",
    uncertainty=tri(0.75, 1.0, 1.25))
add("fleet.survival_shape", "Survival shape (Weibull k)", "dimensionless",
    {2025: segv(3.0, 3.0, 4.0, 4.0, 5.0, 4.5)},
    "Shape of the Weibull survival curve: larger k means retirements bunch around lambda. Hao et al. (2011): 4.8 for "
    "cars, 5.1 for buses, 5.6 for heavy trucks; ICCT's Roadmap uses 5. Two- and three-wheelers are given flatter curves "
    "(accidents and early scrapping spread retirements).",
    index="segment", reference=[HAO],
    assumption="Two- and three-wheeler shapes are assumed; others are rounded within the published range.",
    uncertainty=tri(0.8, 1.0, 1.2))
add("fleet.base_bev_stock", "Battery-electric vehicles in use, mid-2025", "vehicles",
    {2025: segv(70000, 5000, 5200, 0, 450, 0)},
    "BEVs in use at the end of FY2025, including FY2025's own sales. The SAPM figures (Anadolu, June 2025): about 70,000 "
    "e-motorcycles, 5,200 e-cars and 450 e-buses.",
    index="segment", reference=[ANADOLU],
    assumption="Electric rickshaws and loaders (5,000) are assumed: no count was found; e-LCVs and e-trucks are taken as none.",
    uncertainty=tri(0.7, 1.0, 1.5))
add("fleet.base_phev_stock", "Plug-in hybrids in use, mid-2025", "vehicles",
    {2025: segv(0, 0, 1000, 300, 0, 0)},
    "Plug-in hybrid vehicles in use at the end of FY2025. A few imported and locally assembled PHEV SUVs, and the first "
    "PHEV pickups (BYD Shark 6, launched in 2025).",
    index="segment",
    assumption="No count is published; a small number is assumed from the handful of PHEV models on sale.",
    uncertainty=tri(0.3, 1.0, 3.0))
add("fleet.base_hev_stock", "Hybrids (HEV) in use, mid-2025", "vehicles",
    {2025: segv(0, 0, 45000, 0, 0, 0)},
    "Full hybrid cars in use at the end of FY2025: locally assembled Toyota Corolla Cross HEV (from 2023), Haval H6 and "
    "Jolion HEVs (from 2022), imported Prius and Aqua.",
    index="segment",
    assumption="No count is published; about 45,000 is assumed from three to four years of roughly 7% of car sales plus older imported hybrids.",
    uncertainty=tri(0.5, 1.0, 1.8))
add("fleet.historical_ev_sales_growth", "Growth of EV sales before FY2025", "fraction/year",
    {2025: 0.5},
    "Annual growth of EV (and hybrid) sales in the years before FY2025, used only to spread the base-year EV stock over "
    "recent vintages: vintage a holds a share proportional to (1 + rate)^-a x survival.",
    assumption="EV sales in Pakistan were negligible before about 2020 and grew fast since; 50% a year puts most of the stock in the last four years.",
    uncertainty=uni(0.6, 1.6))
# ---------------- adoption
add("adoption.target_ev_share", "EV share of new sales", "fraction",
    {2025: segv(0.022, 0.03, 0.012, 0.002, 0.1, 0.0)},
    "Share of new sales that are electric (BEV + PHEV). In the data pack it holds each segment's FY2025 share flat: the "
    "reference path. Targets-mode scenarios override it with a trajectory (e.g. the NEVP targets); market mode uses its "
    "base-year value as the observed share the choice model is calibrated to. Two-wheelers: EDB's adoption rate of 2.2% "
    "(weak), consistent with about 33,000 e-motorcycles a year and the 70,000 in use; cars: about 1,600 EVs of 134,000.",
    index="segment", reference=[EDB, ANADOLU],
    assumption="Three-wheelers 3%, cars 1.2%, LCVs 0.2% and buses 10% (e-bus deliveries to Karachi, Islamabad and Punjab against 788 PAMA bus sales) are estimates; EDB's 0% for four-wheelers is not used because BEV cars were being sold (BYD from March 2025).",
    uncertainty=tri(0.6, 1.0, 1.6), interpolation="linear",
    lever={"group": "adoption", "min": 0, "max": 1, "step": 0.01, "from_year": 2030})
add("adoption.bev_fraction_of_ev", "BEV share of EV sales", "fraction",
    {2025: segv(1, 1, 0.75, 0.2, 1, 1)},
    "Share of EV sales that are battery-electric (the rest plug-in hybrid), used in targets mode and for the base-year split.",
    index="segment",
    assumption="Two- and three-wheelers, buses and trucks are battery-electric. Cars: mostly BEVs (BYD Atto 3, Seal, Dolphin; Seres; Honri) with some PHEV SUVs; LCVs: mostly the BYD Shark 6 PHEV pickup.",
    uncertainty=tri(0.85, 1.0, 1.0))
add("adoption.hev_share", "Hybrid (HEV) share of new sales", "fraction",
    {2025: segv(0, 0, 0.07, 0, 0, 0)},
    "Share of new sales that are full hybrids, held at its FY2025 level in targets mode; market mode calibrates to it.",
    index="segment",
    assumption="About 7% of cars (Corolla Cross HEV, Haval HEVs); no published figure was found.",
    uncertainty=tri(0.5, 1.0, 1.5))
# ---------------- activity
add("activity.vkt_new", "Annual km of a new vehicle", "km/year",
    {2025: segv(13000, 40000, 15000, 25000, 60000, 70000)},
    "Kilometres a new vehicle travels in its first year; older vehicles travel less (activity.vkt_decline). Motorcycles: "
    "about 12,000 km a year on average (Dawn, 2023), so about 13,000 when new.",
    index="segment", reference=[DAWN_MC],
    assumption="Three-wheelers (150-200 km a day on about 250 days, weak), cars, LCVs, buses and trucks: no Pakistani survey was found; values are typical of South Asian fleets.",
    uncertainty=tri(0.75, 1.0, 1.3))
add("activity.vkt_decline", "Decline of annual km with age", "fraction/year",
    {2025: segv(0.02, 0.02, 0.02, 0.02, 0.02, 0.02)},
    "Annual km fall by this fraction per year of age: VKT(a) = VKT(0) x (1 - d)^a.",
    index="segment",
    assumption="About 2% a year, as in ICCT's Roadmap defaults for developing regions; old vehicles in Pakistan stay in heavy use.",
    uncertainty=uni(0.5, 1.5))
# ---------------- energy
add("energy.fuel_mix_petrol", "Petrol share of ICE km", "fraction", {2025: segv(1, 0.8, 0.92, 0.45, 0, 0)},
    "Share of combustion vehicle-km on petrol, per segment (with diesel and CNG it sums to 1).", index="segment",
    assumption="Two-wheelers run on petrol; rickshaws mostly on petrol with some CNG/LPG; cars mostly petrol after CNG was rationed from the 2010s; pickups split petrol/diesel.",
    uncertainty=tri(0.9, 1.0, 1.05))
add("energy.fuel_mix_diesel", "Diesel share of ICE km", "fraction", {2025: segv(0, 0, 0.03, 0.55, 0.9, 1)},
    "Share of combustion vehicle-km on diesel, per segment.", index="segment",
    assumption="Buses and trucks run on diesel (some CNG buses); a few diesel SUVs; pickups half diesel.",
    uncertainty=tri(0.95, 1.0, 1.05))
add("energy.fuel_mix_cng", "CNG share of ICE km", "fraction", {2025: segv(0, 0.2, 0.05, 0, 0.1, 0)},
    "Share of combustion vehicle-km on compressed natural gas, per segment.", index="segment",
    assumption="CNG use fell after gas supply to CNG stations was curtailed; rickshaws and some cars and buses still use it.",
    uncertainty=tri(0.5, 1.0, 1.5))
add("energy.fuel_economy_petrol", "Petrol use of a new vehicle", "L/100km", {2025: segv(2.0, 4.0, 7.0, 11.0, 30.0, 30.0)},
    "Litres of petrol per 100 km of a new base-year vehicle running on petrol (read at the base year; later vintages "
    "follow energy.fuel_economy_improvement). Motorcycles: 12,000 km a year on about 20 L a month = 50 km/L = 2.0 L/100 km "
    "(derived from Dawn, 2023).", index="segment", reference=[DAWN_MC],
    assumption="Other segments are assumed: rickshaw 25 km/L, small car 14 km/L on the road, pickup 9 km/L; bus and truck values are placeholders (they run on diesel).",
    uncertainty=tri(0.85, 1.0, 1.2))
add("energy.fuel_economy_diesel", "Diesel use of a new vehicle", "L/100km", {2025: segv(2.0, 4.0, 8.0, 10.0, 30.0, 32.0)},
    "Litres of diesel per 100 km of a new base-year vehicle running on diesel.", index="segment",
    assumption="Not found for Pakistan (shared/DATA-SOURCES.md): buses 30 and trucks 32 L/100 km are typical of older-technology heavy vehicles with high loads; two- and three-wheeler values are placeholders.",
    uncertainty=tri(0.8, 1.0, 1.25))
add("energy.fuel_economy_cng", "CNG use of a new vehicle", "kg/100km", {2025: segv(1.5, 3.0, 5.5, 8.0, 28.0, 28.0)},
    "Kilograms of CNG per 100 km of a new base-year vehicle running on CNG.", index="segment",
    assumption="Assumed from petrol use at equal energy and a small penalty for converted engines.",
    uncertainty=tri(0.85, 1.0, 1.2))
add("energy.fuel_economy_improvement", "Annual improvement of new-vehicle fuel use", "fraction/year", {2025: segv(0.005, 0.005, 0.01, 0.01, 0.01, 0.01)},
    "Each new vintage uses this much less fuel per km than the one before (older vintages in the base year use more, at the same rate).",
    index="segment",
    assumption="Pakistan has no fuel-economy standard; 0.5-1% a year reflects slow model turnover.",
    uncertainty=uni(0.0, 2.0))
add("energy.hev_fuel_saving", "Fuel saving of a full hybrid", "fraction", {2025: segv(0.3, 0.3, 0.35, 0.3, 0.3, 0.25)},
    "Share of fuel per km a full hybrid saves against a comparable combustion vehicle.", index="segment",
    assumption="Full hybrids save 30-40% in urban driving in independent tests; 35% for cars.",
    uncertainty=tri(0.7, 1.0, 1.2))
add("energy.phev_utility_factor", "PHEV utility factor", "fraction", {2025: segv(0.4, 0.4, 0.4, 0.3, 0.4, 0.4)},
    "Share of a plug-in hybrid's km driven on electricity.", index="segment",
    assumption="Real-world utility factors of private PHEVs are 0.3-0.5 (ICCT studies of European and US fleets); lower for work pickups.",
    uncertainty=tri(0.6, 1.0, 1.4))
add("energy.ev_energy_use", "Energy use of a new EV (at the battery)", "kWh/km", {2025: segv(0.030, 0.048, 0.15, 0.20, 1.2, 1.3)},
    "Kilowatt-hours drawn from the battery per km by a new base-year EV (grid energy = this / charging efficiency). "
    "E-motorcycle: 1.5 kWh per ~80 km = 19 Wh/km (Dawn, 2021), 25-40 Wh/km reported elsewhere: 30 used. E-rickshaw: "
    "6 kWh per 125 km = 48 Wh/km (Sazgar). E-bus: 1.0-1.8 kWh/km (weak; Karachi 12 m buses).",
    index="segment", reference=[DAWN_E2W, SAZGAR, SINDH_BUS],
    assumption="Cars 0.15 and LCVs 0.20 kWh/km are typical of small and mid-size EVs in hot, urban driving; trucks 1.3 kWh/km for medium-heavy trucks.",
    uncertainty=tri(0.85, 1.0, 1.25))
add("energy.ev_efficiency_improvement", "Annual improvement of EV energy use", "fraction/year", {2025: segv(0.005,0.005,0.005,0.005,0.005,0.005)},
    "Each new EV vintage uses this much less energy per km than the one before.", index="segment",
    assumption="Slow gains from motors, power electronics and lighter packs.",
    uncertainty=uni(0.0, 2.0))
add("energy.charging_efficiency", "Charging efficiency (grid to battery)", "fraction", {2025: 0.88},
    "Share of grid electricity that reaches the battery; losses in the charger and battery.",
    assumption="85-90% is typical of AC and DC charging.",
    uncertainty=tri(0.95, 1.0, 1.05), bounds=[0.5, 1])
add("energy.solar_charging_share", "Share of EV charging from on-site solar", "fraction", {2025: segv(0.05, 0.05, 0.10, 0.05, 0, 0)},
    "Share of EV charging energy supplied by on-site (rooftop) solar: it draws no grid power and emits no grid CO2.",
    index="segment",
    assumption="Pakistan's rooftop solar boom (about 28 GW by 2025, weak) makes daytime home charging from solar common for households that charge at home in the day; small shares are assumed.",
    uncertainty=uni(0.0, 2.5), lever={"group": "charging", "min": 0, "max": 0.6, "step": 0.01, "from_year": 2026})
add("energy.energy_content_petrol", "Energy content of petrol", "MJ/L", {2025: 32.78},
    "Net calorific value per litre: IPCC default 44.3 TJ/Gg (MJ/kg) x density 0.74 kg/L = 32.78 MJ/L. Used to report CNG "
    "as petrol-equivalent litres.", reference=[IPCC_V2C1, EN228], uncertainty=tri(0.97, 1.0, 1.03))
add("energy.energy_content_diesel", "Energy content of diesel", "MJ/L", {2025: 36.12},
    "Net calorific value per litre: IPCC default 43.0 MJ/kg x density 0.84 kg/L = 36.12 MJ/L.", reference=[IPCC_V2C1, EN590],
    uncertainty=tri(0.97, 1.0, 1.03))
add("energy.energy_content_cng", "Energy content of CNG", "MJ/kg", {2025: 48.0},
    "Net calorific value of natural gas: IPCC default 48.0 TJ/Gg = 48.0 MJ/kg.", reference=[IPCC_V2C1], uncertainty=tri(0.95, 1.0, 1.03))
add("energy.density_petrol", "Density of petrol", "kg/L", {2025: 0.74},
    "Mass per litre at 15 C, within the EN 228 range of 0.720-0.775 kg/L; used for emission factors and the fuel calibration.",
    reference=[EN228], assumption="Pakistan's OGRA specification was not reached; the EN 228 mid-range value is assumed to apply.",
    uncertainty=tri(0.97, 1.0, 1.03))
add("energy.density_diesel", "Density of diesel", "kg/L", {2025: 0.84},
    "Mass per litre at 15 C, within the EN 590 range of 0.820-0.845 kg/L.", reference=[EN590],
    assumption="Pakistan's high-speed diesel specification was not reached; the EN 590 upper-range value is assumed.",
    uncertainty=tri(0.97, 1.0, 1.02))
# ---------------- emissions
add("emissions.ttw_petrol", "Tank-to-wheel CO2 of petrol", "kg CO2/L", {2025: 2.272},
    "IPCC 2006 default CO2 emission factor for motor gasoline in road transport, 69,300 kg/TJ (Vol. 2 Table 3.2.1), times "
    "the net calorific value 44.3 TJ/Gg (Vol. 2 Table 1.2) = 3.070 kg CO2/kg, times density 0.74 kg/L = 2.272 kg CO2/L.",
    reference=[IPCC_V2C3, IPCC_V2C1, EN228], uncertainty=tri(0.97, 1.0, 1.03))
add("emissions.ttw_diesel", "Tank-to-wheel CO2 of diesel", "kg CO2/L", {2025: 2.676},
    "IPCC 2006 default CO2 emission factor for diesel oil, 74,100 kg/TJ, times 43.0 TJ/Gg = 3.186 kg CO2/kg, times 0.84 kg/L = 2.676 kg CO2/L.",
    reference=[IPCC_V2C3, IPCC_V2C1, EN590], uncertainty=tri(0.97, 1.0, 1.03))
add("emissions.ttw_cng", "Tank-to-wheel CO2 of CNG", "kg CO2/kg", {2025: 2.693},
    "IPCC 2006 default CO2 emission factor for CNG, 56,100 kg/TJ, times 48.0 TJ/Gg = 2.693 kg CO2/kg.",
    reference=[IPCC_V2C3, IPCC_V2C1], uncertainty=tri(0.97, 1.0, 1.03))
add("emissions.wtt_petrol", "Upstream (well-to-tank) CO2 of petrol", "kg CO2/L", {2025: 0.55},
    "CO2 from extracting, shipping and refining crude into petrol, per litre delivered; added to tank-to-wheel for well-to-wheel.",
    assumption="About a quarter of tank-to-wheel CO2, in line with European well-to-wheels studies (JEC) and the UK government's well-to-tank factors; longer shipping to Pakistan is inside the range.",
    uncertainty=tri(0.7, 1.0, 1.5))
add("emissions.wtt_diesel", "Upstream (well-to-tank) CO2 of diesel", "kg CO2/L", {2025: 0.60},
    "CO2 upstream of the tank per litre of diesel.",
    assumption="About 22% of tank-to-wheel, as for petrol (JEC well-to-wheels range).",
    uncertainty=tri(0.7, 1.0, 1.5))
add("emissions.wtt_cng", "Upstream (well-to-tank) CO2 of CNG", "kg CO2/kg", {2025: 0.50},
    "CO2 upstream of the tank per kg of CNG, including compression and, for imported LNG, liquefaction and shipping.",
    assumption="About 20% of tank-to-wheel; higher for the LNG share of Pakistan's gas.",
    uncertainty=tri(0.6, 1.0, 1.8))
add("emissions.grid_intensity", "CO2 intensity of grid electricity (at the consumer)", "kg CO2/kWh",
    {2025: 0.36, 2030: 0.32, 2040: 0.24, 2050: 0.17, 2060: 0.12},
    "Kilograms of CO2 per kWh delivered, losses included. FY2025 derived from the generation mix (Topline via Express "
    "Tribune): RLNG 17.48% x 0.37 + local coal 12.23% x 1.0 + gas 8.82% x 0.45 + imported coal 7.13% x 0.95 + fuel oil "
    "0.41% x 0.75 = 0.30 kg/kWh at the plant (hydro, nuclear, wind, solar zero), divided by (1 - 17% losses) = 0.36 at "
    "the consumer; lowcarbonpower.org gives 0.31 at the plant for 2023 (weak). Later years decline linearly.",
    interpolation="linear", reference=[TOPLINE, LOWCARBON],
    assumption="Plant emission factors per fuel are typical values; the decline after 2025 (more hydro, nuclear and solar in NTDC's capacity plan, which was not reached) is assumed.",
    uncertainty=tri(0.75, 1.0, 1.25))
# ---------------- economy
add("economy.oil_price", "Crude oil price (Brent)", "USD/bbl", {2025: 75},
    "Price of crude oil in constant FY2025 dollars, used for the oil import bill.",
    assumption="Held flat in real terms at about the FY2025 average of Brent; forecasts (World Bank, EIA, IEA) range roughly 60-90 $/bbl, and the range below is wider still.",
    uncertainty=tri(0.6, 1.0, 1.5), lever={"group": "economy", "min": 30, "max": 150, "step": 1, "from_year": 2026})
add("economy.refined_product_premium", "Landed refined-product premium over crude", "fraction", {2025: 0.2},
    "Imported petrol and diesel cost more per barrel than crude (refining margin, freight); Pakistan imports both crude "
    "and products. Applied to all road fuel as an average premium.",
    assumption="Crack spreads of roughly $10-20 a barrel on $75 crude, weighted by Pakistan's mix of crude and product imports (PBS FY24: products USD 6.64 bn, crude 5.53 bn).",
    reference=[PBS_OIL], uncertainty=tri(0.5, 1.0, 1.5))
add("economy.oil_import_share", "Import share of road fuel", "fraction", {2025: 0.85},
    "Share of road fuel demand met by imported crude or imported products; the rest comes from domestic crude.",
    assumption="Domestic crude production (about 70-80 thousand barrels a day) covers roughly 15% of petroleum product demand.",
    uncertainty=tri(0.9, 1.0, 1.08), bounds=[0, 1])
add("economy.exchange_rate", "Exchange rate", "PKR/USD", {2025: 281},
    "Rupees per US dollar; held flat because all money is in constant FY2025 terms (a real exchange rate).",
    reference=[SBP_FX], assumption="Holding the real exchange rate flat is a modelling assumption.",
    uncertainty=tri(0.85, 1.0, 1.3))
# ---------------- calibration
for key, n, lab in [("registered_motorcycles", 26884786, "motorcycles"), ("registered_three_wheelers", 1001860, "three-wheelers"), ("registered_four_wheelers", 4499423, "four-wheelers"), ("registered_total", 34907449, "vehicles in all")]:
    add("calibration." + key, f"Registered {lab}, Sept 2022", "vehicles", {2022: n},
        f"Cumulative registrations of {lab} in September 2022 (Economic Survey 2022-23). Registrations include scrapped "
        "vehicles, so the active fleet is lower. Used only by the calibration report.", reference=[ES_FLEET])
add("calibration.road_petroleum_use", "Transport use of petroleum products", "Mt/year", {2025: 14.05},
    "Transport used 10.54 Mt of petroleum products in Jul-Mar FY25 (Economic Survey 2024-25); annualised x 12/9 = 14.05 "
    "Mt (derived). Includes rail, aviation and other non-road transport. Used only by the calibration report.",
    reference=[ES_FUEL])

import yaml as _y
import yaml
class D(yaml.SafeDumper): pass
def str_rep(dumper, data):
    if len(data) > 80: return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)
D.add_representer(str, str_rep)
for name, d in P.items():
    path = os.path.join(OUT, *name.split(".")) + ".yaml"
    if os.path.exists(path):
        print("EXISTS, skipping", path); continue
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        yaml.dump(d, f, Dumper=D, sort_keys=False, width=110, allow_unicode=True, default_flow_style=None)
print(len(P), "parameters")
