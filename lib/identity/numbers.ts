import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * Phone numbers as identities: E.164, valid for libphonenumber's full metadata (not just
 * E.164-shaped). `{phoneNumber, mcc}` callees (ref §2.5) name the country by its mobile
 * country code when the number has no `+`.
 */
export function normaliseMsisdn(input: string, country?: CountryCode): string | null {
  const s = input.trim();
  if (!s || s.length > 32 || !/^\+?[0-9 ().-]+$/.test(s)) return null;
  if (!s.startsWith("+") && !country) return null;
  const p = parsePhoneNumberFromString(s, country);
  return p && p.isValid() ? p.number : null;
}

/** Mobile country codes (ITU E.212) of the countries a phone object is most likely from. */
const MCC: Record<string, CountryCode> = {
  "202": "GR", "204": "NL", "206": "BE", "208": "FR", "212": "MC", "213": "AD", "214": "ES", "216": "HU",
  "218": "BA", "219": "HR", "220": "RS", "222": "IT", "226": "RO", "228": "CH", "230": "CZ", "231": "SK",
  "232": "AT", "234": "GB", "235": "GB", "238": "DK", "240": "SE", "242": "NO", "244": "FI", "246": "LT",
  "247": "LV", "248": "EE", "250": "RU", "255": "UA", "257": "BY", "259": "MD", "260": "PL", "262": "DE",
  "266": "GI", "268": "PT", "270": "LU", "272": "IE", "274": "IS", "276": "AL", "278": "MT", "280": "CY",
  "282": "GE", "283": "AM", "284": "BG", "286": "TR", "293": "SI", "294": "MK", "295": "LI", "297": "ME",
  "302": "CA", "310": "US", "311": "US", "312": "US", "313": "US", "314": "US", "315": "US", "316": "US",
  "334": "MX", "338": "JM", "400": "AZ", "401": "KZ", "404": "IN", "405": "IN", "410": "PK", "413": "LK",
  "414": "MM", "415": "LB", "416": "JO", "417": "SY", "418": "IQ", "419": "KW", "420": "SA", "421": "YE",
  "422": "OM", "424": "AE", "425": "IL", "426": "BH", "427": "QA", "432": "IR", "434": "UZ", "440": "JP",
  "441": "JP", "450": "KR", "452": "VN", "454": "HK", "455": "MO", "460": "CN", "466": "TW", "470": "BD",
  "502": "MY", "505": "AU", "510": "ID", "515": "PH", "520": "TH", "525": "SG", "530": "NZ", "602": "EG",
  "603": "DZ", "604": "MA", "605": "TN", "606": "LY", "608": "SN", "612": "CI", "620": "GH", "621": "NG",
  "639": "KE", "640": "TZ", "641": "UG", "655": "ZA", "704": "GT", "706": "SV", "708": "HN", "710": "NI",
  "712": "CR", "714": "PA", "716": "PE", "722": "AR", "724": "BR", "730": "CL", "732": "CO", "734": "VE",
  "736": "BO", "740": "EC", "744": "PY", "748": "UY",
};

export function countryOfMcc(mcc: unknown): CountryCode | undefined {
  const key = typeof mcc === "number" ? String(mcc) : typeof mcc === "string" ? mcc.trim() : "";
  return MCC[key];
}

/** A `{phoneNumber, mcc}` callee as E.164, or null (skipped, as the original did). */
export function msisdnOfPhoneObject(o: { phoneNumber?: unknown; mcc?: unknown }): string | null {
  if (typeof o.phoneNumber !== "string") return null;
  return normaliseMsisdn(o.phoneNumber, o.phoneNumber.trim().startsWith("+") ? undefined : countryOfMcc(o.mcc));
}
