/**
 * The calculator's CSS for a shadow root: one constructed sheet shared by every element on the page
 * (adoptedStyleSheets), plus a :host reset so inherited properties (font, colour, line height,
 * letter spacing…) stop at the element and the host page's typography cannot leak in.
 */
import formCss from '../form/form.css?inline';
import formAidsCss from '../form/form-aids.css?inline';
import resultsCss from '../results/results.css?inline';
import scenariosCss from '../results/scenarios.css?inline';
import calculatorCss from '../styles.css?inline';

const hostCss = `
:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.embed-problem { margin: 0.5em 1em; color: var(--error, #a4161a); font-weight: 600; }
`;

let sheet: CSSStyleSheet | undefined;

export function calculatorStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(hostCss + calculatorCss + formCss + formAidsCss + resultsCss + scenariosCss);
  }
  return sheet;
}
