import { describe, expect, it } from "vitest";
import { InputError, parseEvHistoryCsv, type InputIssue } from "@evplan/core";

const HEADER = "region_country,category,parameter,mode,powertrain,year,unit,value";

function issues(text: string): InputIssue[] {
  try {
    parseEvHistoryCsv(text, "h.csv");
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("parseEvHistoryCsv", () => {
  it("reads the IEA format, with quoted names, CRLF, a BOM and columns in any order", () => {
    const text =
      '\uFEFFyear,value,region_country,category,parameter,mode,powertrain,unit\r\n2020,4.2,"Korea, Rep.",Historical,EV sales share,Cars,EV,percent\r\n\r\n';
    const rows = parseEvHistoryCsv(text, "h.csv");
    expect(rows).toEqual([
      {
        region: "Korea, Rep.",
        category: "Historical",
        parameter: "EV sales share",
        mode: "Cars",
        powertrain: "EV",
        year: 2020,
        unit: "percent",
        value: 4.2,
        line: 2,
      },
    ]);
  });

  it("names a missing column", () => {
    const [i] = issues("region_country,category,parameter,mode,powertrain,year,unit\nWorld,Historical,EV sales share,Cars,EV,2020,percent\n");
    expect(i).toMatchObject({ file: "h.csv", line: 1, field: "value" });
    expect(i.message).toMatch(/missing column "value"/);
  });

  it("names the line and column of a bad number or year", () => {
    const found = issues(
      `${HEADER}\nWorld,Historical,EV sales share,Cars,EV,2020,percent,4.2\nWorld,Historical,EV sales share,Cars,EV,2021,percent,n/a\nWorld,Historical,EV sales share,Cars,EV,20x2,percent,5\n`,
    );
    expect(found).toEqual([expect.objectContaining({ line: 3, column: 8, field: "value" }), expect.objectContaining({ line: 4, column: 6, field: "year" })]);
  });

  it("names a line with the wrong number of fields or an open quote", () => {
    const found = issues(`${HEADER}\nWorld,Historical,EV sales share,Cars,EV,2020\n"World,Historical,EV sales share,Cars,EV,2020,percent,1\n`);
    expect(found.map((i) => i.line)).toEqual([2, 3]);
    expect(found[0].message).toMatch(/expected 8 fields/);
    expect(found[1].message).toMatch(/unterminated quote/);
  });

  it("refuses an empty file", () => {
    expect(issues("\n\n")[0].message).toMatch(/empty/);
  });
});
