import { describe, expect, it } from "vitest";
import { readMultistatus, syncTokenOf, xmlText } from "@/lib/contacts/dav-xml";

async function all(xml: string) {
  const out = [];
  for await (const e of readMultistatus(xml)) out.push(e);
  return out;
}

describe("WebDAV multistatus reader (bulk sync answers)", () => {
  it("reads a sync-collection answer with any prefix: changed members with ETags, removed ones as 404, the new token", async () => {
    const xml = `<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:">
  <D:response><D:href>/dav/book/a%20b.vcf</D:href><D:propstat><D:prop><D:getetag>"e1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
  <D:response><D:href>/dav/book/gone.vcf</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
  <D:sync-token>http://example.com/sync/42?x=1&amp;y=2</D:sync-token>
</D:multistatus>`;
    expect(await all(xml)).toEqual([
      { href: "/dav/book/a%20b.vcf", status: null, etag: '"e1"' },
      { href: "/dav/book/gone.vcf", status: 404 },
    ]);
    expect(syncTokenOf(xml)).toBe("http://example.com/sync/42?x=1&y=2");
  });

  it("multiget: address data with entities or CDATA, a failed propstat ignored, no prefix at all", async () => {
    const xml = `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
<response><href>/b/1.vcf</href><propstat><prop><getetag>"1"</getetag><C:address-data>BEGIN:VCARD&#13;
FN:A &amp; B &lt;x&gt;&#13;
END:VCARD</C:address-data></prop><status>HTTP/1.1 200 OK</status></propstat>
<propstat><prop><C:other/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>
<response><href>/b/2.vcf</href><propstat><prop><getetag>"2"</getetag><C:address-data><![CDATA[BEGIN:VCARD
FN:<Cdata> & co
END:VCARD]]></C:address-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>`;
    const entries = await all(xml);
    expect(entries.map((e) => e.etag)).toEqual(['"1"', '"2"']);
    expect(entries[0].data).toBe("BEGIN:VCARD\r\nFN:A & B <x>\r\nEND:VCARD");
    expect(entries[1].data).toBe("BEGIN:VCARD\nFN:<Cdata> & co\nEND:VCARD");
    expect(xmlText("&#x263A; &unknown; &#99999999;")).toBe("☺ &unknown; &#99999999;");
  });
});
