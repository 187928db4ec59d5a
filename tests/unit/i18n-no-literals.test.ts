import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// Babel's parser as Next ships it (no extra dependency): a real TSX syntax tree, not regexes.
const require = createRequire(import.meta.url);
const { parse } = require("next/dist/compiled/babel/parser") as {
  parse: (code: string, opts: object) => { program: unknown };
};

/**
 * Every user-visible string in components/ and app/ comes from the catalog: a JSX text node, or
 * a user-visible attribute (aria-label, title, placeholder, alt, label…) written as a literal
 * fails here with its file and line. Words the same in every language (the brand) are allowed.
 */
const VISIBLE_ATTRS = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
  "intro",
  "hint",
  "text",
  "heading",
  "confirmLabel",
  "description",
]);
const ALLOWED = new Set(["Loop"]);
const hasWords = (s: string) => /\p{L}{2,}/u.test(s) && !ALLOWED.has(s.trim()) && !/^https?:\/\/\S*$/.test(s.trim());

type Node = { type: string; loc?: { start: { line: number } }; [k: string]: unknown };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith(".tsx") ? [p] : [];
  });
}

function literalStrings(expr: Node | null | undefined): Node[] {
  if (!expr) return [];
  switch (expr.type) {
    case "StringLiteral":
      return hasWords(expr.value as string) ? [expr] : [];
    case "TemplateLiteral":
      return (expr.quasis as Node[]).some((q) => hasWords((q.value as { cooked: string }).cooked)) ? [expr] : [];
    case "ConditionalExpression":
      return [...literalStrings(expr.consequent as Node), ...literalStrings(expr.alternate as Node)];
    case "LogicalExpression":
      return literalStrings(expr.right as Node);
    default:
      return [];
  }
}

export function findLiterals(code: string, file = "x.tsx"): string[] {
  const ast = parse(code, { sourceType: "module", plugins: ["jsx", "typescript"] });
  const found: string[] = [];
  const report = (n: Node, what: string) => found.push(`${file}:${n.loc?.start.line}: ${what}`);
  const walk = (node: unknown, parent?: Node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parent));
    const n = node as Node;
    if (n.type === "JSXText" && hasWords(n.value as string)) report(n, JSON.stringify((n.value as string).trim()));
    if (n.type === "JSXExpressionContainer" && parent && (parent.type === "JSXElement" || parent.type === "JSXFragment")) {
      for (const lit of literalStrings(n.expression as Node)) report(lit, "literal in JSX");
    }
    if (n.type === "JSXAttribute") {
      const name = (n.name as Node).name as string;
      if (VISIBLE_ATTRS.has(name)) {
        const v = n.value as Node | null;
        const lits = v?.type === "StringLiteral" ? literalStrings(v) : v?.type === "JSXExpressionContainer" ? literalStrings(v.expression as Node) : [];
        for (const lit of lits) report(lit, `${name}=${JSON.stringify(lit.value ?? "`…`")}`);
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== "loc" && k !== "start" && k !== "end" && v && typeof v === "object") walk(v, n);
  };
  walk(ast.program);
  return found;
}

describe("no literal user-visible strings outside the catalog", () => {
  it("the scan catches text, attributes and conditional literals (and allows catalog calls)", () => {
    const bad = `export const A = () => <div title="Close"><p>Hello there</p>{x ? "Yes" : t("no")}<img alt={\`Photo\`} /></div>;`;
    expect(findLiterals(bad)).toHaveLength(4);
    const good = `export const A = () => <div title={t("close")} className="px-2 text-sm"><p>{t("hello")}</p>{" "}·<span>Loop</span></div>;`;
    expect(findLiterals(good)).toEqual([]);
  });

  it("components/ and app/ render only catalog strings", () => {
    const root = process.cwd();
    const found = ["components", "app"].flatMap((d) =>
      files(join(root, d)).flatMap((f) => findLiterals(readFileSync(f, "utf8"), relative(root, f))),
    );
    expect(found, `Move these into lib/i18n/en/*.ts and render them with t():\n${found.join("\n")}`).toEqual([]);
  });
});
