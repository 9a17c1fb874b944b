import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The scripts of the interactive report and the content security policy that lets exactly those run. */
export interface Runtime {
  scripts: string[];
  csp: string;
}

// The page's own code: draws every figure from its JSON specification with
// Vega's SVG renderer, shows tooltips in a box that follows the pointer, and
// wires the export buttons. Expressions go through vega-interpreter, so
// nothing needs eval and the policy can forbid it.
const BOOT = `(function () {
  'use strict';
  var tip = document.createElement('div');
  tip.className = 'vega-tip';
  document.body.appendChild(tip);
  function tooltip(handler, event, item, value) {
    if (value === null || value === undefined || value === '') { tip.style.display = 'none'; return; }
    tip.textContent = typeof value === 'object' ? Object.keys(value).map(function (k) { return k + ': ' + value[k]; }).join('\\n') : String(value);
    tip.style.display = 'block';
    var x = event.pageX + 14, y = event.pageY + 14;
    if (event.clientX + 14 + tip.offsetWidth > document.documentElement.clientWidth) x = event.pageX - 14 - tip.offsetWidth;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  }
  function download(url, name) {
    var a = document.createElement('a');
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }
  document.querySelectorAll('figure.chart').forEach(function (fig) {
    var box = fig.querySelector('.vega-view'), data = fig.querySelector('script.vega-spec');
    if (!box || !data) return;
    var view = new vega.View(vega.parse(JSON.parse(data.textContent), null, { ast: true }), { expr: vegaInterpreter, renderer: 'svg', container: box });
    view.tooltip(tooltip).hover();
    view.runAsync().then(function () { fig.setAttribute('data-rendered', 'true'); }, function (e) { fig.setAttribute('data-error', String(e)); });
    fig.querySelectorAll('button[data-export]').forEach(function (b) {
      b.addEventListener('click', function () {
        var kind = b.getAttribute('data-export'), name = fig.getAttribute('data-file') + '.' + kind;
        if (kind === 'svg') view.toSVG().then(function (svg) { download(URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), name); });
        else view.toImageURL('png', 2).then(function (url) { download(url, name); });
      });
    });
  });
})();`;

/** Returns the text of a file of an installed package, found from its main entry (vega and vega-interpreter export no package.json). */
function packageFile(pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

/**
 * Returns vega-interpreter's ES module as a classic script: its one import
 * (of vega-util, whose functions the vega bundle re-exports) read from the
 * global `vega`, its one export set as the global `vegaInterpreter`. Throws
 * if the module's shape differs, rather than inline something broken.
 */
function interpreterScript(): string {
  const source = packageFile('vega-interpreter', 'vega-interpreter.js');
  const imports = [...source.matchAll(/^import .*$/gm)];
  const exported = /^export \{ expression as expressionInterpreter \};$/m;
  const utilImport = /^import \{([\w\s,]+)\} from 'vega-util';$/m;
  if (imports.length !== 1 || !utilImport.test(source) || !exported.test(source)) {
    throw new Error('vega-interpreter: unexpected module shape; cannot inline it in the interactive report');
  }
  const body = source.replace(utilImport, (_, names: string) => `const {${names}} = vega;`).replace(exported, 'window.vegaInterpreter = expression;');
  return `(function () {\n${body}\n})();`;
}

let cached: Runtime | null = null;

/**
 * Returns the interactive report's runtime: Vega's browser bundle,
 * vega-interpreter (expressions without eval) and the page's own code, and
 * the content security policy that allows exactly these three scripts (by
 * their SHA-256 hashes), inline styles, and data:/blob: images; everything
 * else, network access included, is refused.
 */
export function interactiveRuntime(): Runtime {
  if (cached) return cached;
  const scripts = [packageFile('vega', 'vega.min.js'), interpreterScript(), BOOT];
  for (const s of scripts) if (/<\/script|<!--/i.test(s)) throw new Error('a runtime script holds </script or <!--, which would end it early in HTML');
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  cached = { scripts, csp: `default-src 'none'; script-src ${hashes.join(' ')}; style-src 'unsafe-inline'; img-src data: blob:` };
  return cached;
}

/** The static report's policy: no script at all, inline styles, data: images. */
export const STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
